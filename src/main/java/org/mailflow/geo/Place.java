package org.mailflow.geo;

import java.util.Objects;

/**
 * What one client IP is, as the databases in use say at the time of the lookup.
 *
 * <p>{@link Kind#PUBLIC} addresses carry what was found ({@code ""}, {@code NaN} or {@code 0} for what was not);
 * {@link Kind#PRIVATE} ones (private, loopback, link-local, CGNAT) and {@link Kind#INVALID} text (not an IP literal,
 * kept in {@link #ip} as it was logged) are never looked up. Documentation ranges (192.0.2.0/24, 198.51.100.0/24,
 * 203.0.113.0/24, 2001:db8::/32, 3fff::/20) are public but found in no database.
 *
 * @param ip the address as logged (unchanged, also when malformed)
 * @param countryCode ISO 3166-1 alpha-2, upper case; {@code ""} when unknown
 * @param city English city name from a City database; {@code ""} when unknown
 * @param latitude city coordinates from a City database, else {@code NaN}
 * @param longitude city coordinates from a City database, else {@code NaN}
 * @param asn autonomous system number; 0 when unknown
 * @param asOrganization the organisation of that AS; {@code ""} when unknown
 */
public record Place(String ip, Kind kind, String countryCode, String city, double latitude, double longitude,
                    long asn, String asOrganization) {
    public enum Kind { PUBLIC, PRIVATE, INVALID }

    public Place {
        ip = ip == null ? "" : ip;
        Objects.requireNonNull(kind, "kind");
        countryCode = countryCode == null ? "" : countryCode;
        city = city == null ? "" : city;
        asOrganization = asOrganization == null ? "" : asOrganization;
    }

    /** {@code "AS13335 Cloudflare, Inc."}; {@code "AS13335"} without an organisation; {@code ""} when the AS is unknown. */
    public String network() {
        if (asn == 0) return "";
        return asOrganization.isEmpty() ? "AS" + asn : "AS" + asn + " " + asOrganization;
    }

    /** Whether a City database gave coordinates. */
    public boolean hasCity() {
        return !Double.isNaN(latitude) && !Double.isNaN(longitude);
    }

    /** A public address about which nothing is known. */
    public static Place unknown(String ip) {
        return new Place(ip, Kind.PUBLIC, "", "", Double.NaN, Double.NaN, 0, "");
    }

    /** A private, loopback or link-local address ("Private network"). */
    public static Place privateNetwork(String ip) {
        return new Place(ip, Kind.PRIVATE, "", "", Double.NaN, Double.NaN, 0, "");
    }

    /** Text that is not an IP literal, kept as logged and looked up as nothing. */
    public static Place invalid(String ip) {
        return new Place(ip, Kind.INVALID, "", "", Double.NaN, Double.NaN, 0, "");
    }
}
