package org.mailflow.geo;
// Interim stand-in until the geo package lands (replaced wholesale by the real implementation).
public record Place(String ip, Kind kind, String countryCode, String city, double latitude, double longitude, long asn, String asOrganization) {
    public enum Kind { PUBLIC, PRIVATE, INVALID }
    public String network() { return asn == 0 ? "" : asOrganization.isEmpty() ? "AS" + asn : "AS" + asn + " " + asOrganization; }
    public boolean hasCity() { return !Double.isNaN(latitude); }
    public static Place unknown(String ip) { return new Place(ip, Kind.PUBLIC, "", "", Double.NaN, Double.NaN, 0, ""); }
}
