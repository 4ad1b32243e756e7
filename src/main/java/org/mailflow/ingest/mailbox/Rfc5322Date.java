package org.mailflow.ingest.mailbox;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads the date-time of a {@code Date:} header or of a {@code Received:} stamp (RFC 5322 3.3:
 * {@code Thu, 12 Nov 2026 08:30:00 +0100}, day name and seconds optional, a trailing comment such as
 * {@code (UTC)} ignored) as a UTC epoch second.
 */
public final class Rfc5322Date {
    /** What {@link #epochSecond} returns for a value it cannot read. */
    public static final long UNREADABLE = Long.MIN_VALUE;

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private Rfc5322Date() {
    }

    /** The UTC epoch second of {@code value}, or {@link #UNREADABLE}. */
    public static long epochSecond(String value) {
        if (value == null) {
            return UNREADABLE;
        }
        long fast = fastDate(value);
        if (fast != UNREADABLE) {
            return fast;
        }
        String d = withoutComments(value).replaceAll("\\s+", " ").strip();
        // RFC 5322 4.3 obsolete zone "UT" means +0000; the JDK formatter knows only GMT.
        if (d.endsWith(" UT")) {
            d = d.substring(0, d.length() - 2) + "GMT";
        }
        try {
            return ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (DateTimeParseException e) {
            return UNREADABLE;
        }
    }

    /** {@code s} without its {@code (comments)}, stripped. */
    static String withoutComments(String s) {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                b.append(c);
            }
        }
        return b.toString().strip();
    }

    /**
     * The common shape read without the general parser, which a mailbox of many thousands of
     * messages would otherwise spend most of its header time in:
     * {@code [Day, ]d Mon yyyy hh:mm[:ss] ±hhmm} followed by nothing or a comment. Anything else
     * returns {@link #UNREADABLE} and goes to the general parser. The day name is not checked
     * against the date (the general parser would refuse a wrong one): a message whose client wrote a
     * wrong day name still has a day.
     */
    static long fastDate(String v) {
        int n = v.length();
        int i = 0;
        while (i < n && v.charAt(i) == ' ') {
            i++;
        }
        if (i + 4 < n && Character.isLetter(v.charAt(i)) && v.charAt(i + 3) == ',') {
            i += 4;
            while (i < n && v.charAt(i) == ' ') {
                i++;
            }
        }
        int[] p = {i};
        int day = number(v, p, 1, 2);
        if (day < 0 || !skip(v, p, ' ') || p[0] + 3 > n) {
            return UNREADABLE;
        }
        int m = MONTHS.indexOf(v.substring(p[0], p[0] + 3));
        if (m < 0 || m % 3 != 0) {
            return UNREADABLE;
        }
        p[0] += 3;
        if (!skip(v, p, ' ')) {
            return UNREADABLE;
        }
        int year = number(v, p, 4, 4);
        if (year < 0 || !skip(v, p, ' ')) {
            return UNREADABLE;
        }
        int hour = number(v, p, 2, 2);
        if (hour < 0 || !skip(v, p, ':')) {
            return UNREADABLE;
        }
        int minute = number(v, p, 2, 2);
        int second = 0;
        if (minute < 0) {
            return UNREADABLE;
        }
        if (p[0] < n && v.charAt(p[0]) == ':') {
            p[0]++;
            second = number(v, p, 2, 2);
            if (second < 0) {
                return UNREADABLE;
            }
        }
        if (!skip(v, p, ' ') || p[0] + 5 > n) {
            return UNREADABLE;
        }
        char sign = v.charAt(p[0]);
        if (sign != '+' && sign != '-') {
            return UNREADABLE;
        }
        p[0]++;
        int zone = number(v, p, 4, 4);
        if (zone < 0 || zone % 100 >= 60) {
            return UNREADABLE;
        }
        String rest = v.substring(p[0]).strip();
        if (!rest.isEmpty() && !(rest.startsWith("(") && rest.endsWith(")"))) {
            return UNREADABLE;
        }
        try {
            long local = LocalDateTime.of(year, m / 3 + 1, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
            int offset = (zone / 100 * 3600 + zone % 100 * 60) * (sign == '-' ? -1 : 1);
            return local - offset;
        } catch (DateTimeException e) {
            return UNREADABLE; // 31 Feb and the like: the general parser says no as well
        }
    }

    private static int number(String v, int[] p, int min, int max) {
        int i = p[0];
        int value = 0;
        while (i < v.length() && i - p[0] < max && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
            value = value * 10 + (v.charAt(i) - '0');
            i++;
        }
        if (i - p[0] < min) {
            return -1;
        }
        p[0] = i;
        return value;
    }

    private static boolean skip(String v, int[] p, char c) {
        if (p[0] < v.length() && v.charAt(p[0]) == c) {
            p[0]++;
            if (c == ' ') {
                while (p[0] < v.length() && v.charAt(p[0]) == ' ') {
                    p[0]++;
                }
            }
            return true;
        }
        return false;
    }
}
