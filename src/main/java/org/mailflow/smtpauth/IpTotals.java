package org.mailflow.smtpauth;

import java.util.Locale;
import org.mailflow.geo.Place;

/**
 * One row of the Client IPs details table (SPEC 2.2): a client IP with a submission or a failed
 * authentication in the window. {@code accounts}: distinct accounts that submitted from it;
 * {@code failures}: all its failed authentications, those without an account name included;
 * {@code accountsFailed}: distinct named accounts with a failure from it. {@code sprayDays}: days of
 * the window on which it failed for at least {@link UnusualActivity#SPRAY_ACCOUNTS} named accounts.
 */
public record IpTotals(int ip, String address, Place place, long accounts, long messages, long failures, long accountsFailed,
                       int sprayDays) {

    /** The exported {@code Country} cell: the English name, {@code Private network}, or empty when unknown. */
    public String country() {
        return countryName(place, Locale.ENGLISH, "Private network");
    }

    /** The exported {@code Network} cell: {@code AS64496 Example Hosting}, or empty. */
    public String network() {
        return place.network();
    }

    /**
     * The name of a place's country in a language: the ISO code's display name, {@code privateName} for
     * private, loopback and link-local addresses, empty when unknown.
     */
    public static String countryName(Place place, Locale language, String privateName) {
        if (place.kind() == Place.Kind.PRIVATE) {
            return privateName;
        }
        return countryName(place.countryCode(), language);
    }

    /** The display name of an ISO 3166-1 alpha-2 code in a language; the code itself when Java does not know it; empty for empty. */
    public static String countryName(String code, Locale language) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        String name = new Locale("", code).getDisplayCountry(language);
        return name.isEmpty() ? code : name;
    }
}
