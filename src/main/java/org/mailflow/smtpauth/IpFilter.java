package org.mailflow.smtpauth;

import java.util.Locale;

/**
 * Which rows of the Client IPs table are shown (SPEC 2.2): the search box matches, case-insensitively,
 * a substring of the IP as logged, of the network ({@code AS64496 Example Hosting}), of the country's
 * name in English or in the UI's language, or the two-letter country code exactly
 * ({@code de} finds Germany's IPs, not every name containing "de"). {@code Private network} finds the
 * private addresses. The custom filter of the sender tables does not apply to this table.
 */
public record IpFilter(String search, Locale language) {
    public static final IpFilter NONE = new IpFilter("", Locale.ENGLISH);

    public IpFilter {
        search = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        language = language == null ? Locale.ENGLISH : language;
    }

    public boolean matches(IpTotals row) {
        if (search.isEmpty()) {
            return true;
        }
        if (row.address().toLowerCase(Locale.ROOT).contains(search) || row.network().toLowerCase(Locale.ROOT).contains(search)) {
            return true;
        }
        if (row.place().countryCode().equalsIgnoreCase(search)) {
            return true;
        }
        return row.country().toLowerCase(Locale.ROOT).contains(search)
                || IpTotals.countryName(row.place(), language, "").toLowerCase(language).contains(search);
    }
}
