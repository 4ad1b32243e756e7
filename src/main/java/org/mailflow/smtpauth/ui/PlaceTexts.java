package org.mailflow.smtpauth.ui;

import org.mailflow.ui.I18n;
import org.mailflow.geo.Place;
import org.mailflow.smtpauth.IpTotals;

/**
 * How the SMTP AUTH page names client IPs and their places in the UI's language (SPEC 2.6): countries
 * by their localized name, private addresses as "Private network", and what no database answers
 * for as "Unknown" (or "—" in table cells). Exports keep the English names of {@link IpTotals#country()}.
 */
final class PlaceTexts {
    /** A table cell without a value. */
    static final String NONE = "\u2014";

    private final I18n i18n;

    PlaceTexts(I18n i18n) {
        this.i18n = i18n;
    }

    /** The localized country of a place, "Private network", or "" when unknown. */
    String country(Place place) {
        return IpTotals.countryName(place, i18n.locale(), i18n.get("smtp.place.privateNetwork"));
    }

    /** The localized name of an ISO country code; "Unknown or private" for "" (the top countries' key of both). */
    String countryOfCode(String code) {
        return code == null || code.isEmpty() ? i18n.get("smtp.place.unknownOrPrivate") : IpTotals.countryName(code, i18n.locale());
    }

    /** A network text, or "Unknown" for "". */
    String network(String network) {
        return network == null || network.isEmpty() ? i18n.get("smtp.place.unknown") : network;
    }

    /** An IP as logged, or "(unknown)" for failures logged without one. */
    String ip(String address) {
        return address == null || address.isEmpty() ? i18n.get("smtp.panel.unknownIp") : address;
    }

    /** "Germany · AS64496 Example Hosting", "Private network", "Unknown": the line under an IP. */
    String where(Place place) {
        String country = country(place);
        String network = place.network();
        if (country.isEmpty() && network.isEmpty()) {
            return i18n.get("smtp.place.unknown");
        }
        if (network.isEmpty()) {
            return country;
        }
        return (country.isEmpty() ? i18n.get("smtp.place.unknown") : country) + " \u00b7 " + network;
    }
}
