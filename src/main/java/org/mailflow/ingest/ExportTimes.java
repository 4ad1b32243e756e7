package org.mailflow.ingest;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date and time shapes that Microsoft 365 exports really hold, beside the ISO-8601 of
 * {@link Timestamps}:
 * <ul>
 * <li>{@code 11/12/2026 8:30:00 AM}: Windows PowerShell 5.1's {@code Export-Csv} writes a date in the
 * culture of the machine (English (United States) here; {@code 12/11/2026 08:30:00} in English (United
 * Kingdom), {@code 12.11.2026 08:30:00} in German), and the Defender portal's advanced hunting export
 * writes {@code 05/12/2024 6:41:32 PM} or, in English (Australia), {@code 13/03/2024, 3:40:13.988 pm};</li>
 * <li>{@code Nov 12, 2026 8:30:00 AM} (also with milliseconds or a 24-hour clock), another shape of the
 * portal's export.</li>
 * </ul>
 * None of them carries a time zone: they are taken as UTC (SPEC 1), which is what the cmdlets return
 * and what the portal shows unless its time zone setting was changed to local time.
 * Whether {@code 05/12/2024} is 12 May or 5 December depends on the culture that wrote the file, so the
 * caller decides it once per file ({@link DateOrder}); dots always mean day first.
 */
final class ExportTimes {
    /** The order of day and month in dates written with slashes, which is one per file. */
    enum DateOrder {
        /** {@code M/d/yyyy}: English (United States), the culture of Microsoft's examples, and the default. */
        MONTH_FIRST,
        /** {@code d/M/yyyy}: most other cultures. */
        DAY_FIRST
    }

    static final org.mailflow.model.UserText EXPECTED = org.mailflow.model.UserText.of("row.expected.exportTime");

    private static final String TIME = "(?:,?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(?:\\s*([AaPp])\\.?\\s?[Mm]\\.?)?)?";
    private static final Pattern NUMERIC = Pattern.compile("(\\d{1,2})([/.])(\\d{1,2})\\2(\\d{4})" + TIME);
    private static final Pattern NAMED = Pattern.compile("([A-Za-z]{3,9})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})" + TIME);
    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december"};

    private ExportTimes() {
    }

    /** The day and time of {@code text} in any of the shapes above, or null when it is none of them. */
    static Timestamps.Moment parse(String text, DateOrder order) {
        Timestamps.Moment iso = Timestamps.parse(text);
        if (iso != null) {
            return iso;
        }
        String t = text.strip();
        if (t.length() > 40) {
            return null;
        }
        Matcher m = NUMERIC.matcher(t);
        if (m.matches()) {
            int first = Integer.parseInt(m.group(1));
            int second = Integer.parseInt(m.group(3));
            boolean dayFirst = m.group(2).equals(".") || order == DateOrder.DAY_FIRST;
            return moment(Integer.parseInt(m.group(4)), dayFirst ? second : first, dayFirst ? first : second, m, 5);
        }
        m = NAMED.matcher(t);
        if (m.matches()) {
            int month = month(m.group(1));
            return month == 0 ? null : moment(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(2)), m, 4);
        }
        return null;
    }

    /**
     * What a date says about its file's day order: {@code -1} when it can only be day first
     * ({@code 13/03/2024}), {@code 1} when it can only be month first ({@code 03/13/2024}), 0 otherwise
     * (either order, or no date with slashes).
     */
    static int orderEvidence(String text) {
        Matcher m = NUMERIC.matcher(text.strip());
        if (!m.matches() || !m.group(2).equals("/")) {
            return 0;
        }
        int first = Integer.parseInt(m.group(1));
        int second = Integer.parseInt(m.group(3));
        if (first > 12 && second <= 12) {
            return -1;
        }
        return second > 12 && first <= 12 ? 1 : 0;
    }

    /** True when {@code text} is a date whose day order depends on the file ({@code 05/12/2024}). */
    static boolean needsOrder(String text) {
        Matcher m = NUMERIC.matcher(text.strip());
        return m.matches() && m.group(2).equals("/");
    }

    /** 1-12 for an English month name or its abbreviation ({@code Nov}, {@code Sept}, {@code November}), else 0. */
    private static int month(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].startsWith(w) && w.length() >= 3 || w.equals("sept") && i == 8) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The moment of a matched date whose time groups start at {@code g}; null when a field is out of range. */
    private static Timestamps.Moment moment(int year, int month, int day, Matcher m, int g) {
        int hour = m.group(g) == null ? 0 : Integer.parseInt(m.group(g));
        int minute = m.group(g + 1) == null ? 0 : Integer.parseInt(m.group(g + 1));
        int second = m.group(g + 2) == null ? 0 : Integer.parseInt(m.group(g + 2));
        String half = m.group(g + 4);
        if (half != null) {
            if (hour < 1 || hour > 12) {
                return null; // "13:00 PM" is no time
            }
            hour = hour % 12 + (half.equalsIgnoreCase("p") ? 12 : 0);
        }
        try {
            long epochSecond = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
            return new Timestamps.Moment(Math.floorDiv(epochSecond, 86_400L), m.group(g) == null ? null : epochSecond);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
