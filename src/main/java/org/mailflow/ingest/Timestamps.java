package org.mailflow.ingest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Timestamps of the canonical CSVs: ISO-8601 with an offset or {@code Z}
 * ({@code 2026-11-12T08:30:00+01:00}), or {@code YYYY-MM-DD HH:MM:SS} in UTC. A time without an
 * offset ({@code T} or a space between date and time, optional fraction) is taken as UTC, and a bare
 * {@code YYYY-MM-DD} as that UTC day. Everything is reduced to the UTC day and, where there is a
 * time of day, the epoch second.
 */
public final class Timestamps {
    /** Days outside 1970-2999 are refused: they are never real mail, and the cache packs days as positive numbers. */
    public static final long FIRST_DAY = 0;
    public static final long LAST_DAY = LocalDate.of(2999, 12, 31).toEpochDay();

    public static final org.mailflow.model.UserText EXPECTED = org.mailflow.model.UserText.of("row.expected.timestamp");

    private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .appendPattern("[XXX][XX][X]")
            .toFormatter();

    private Timestamps() {
    }

    /**
     * A parsed timestamp: its UTC epoch day, and its epoch second (fractions dropped) when the text
     * has a time of day; a bare date has none, so that a source which gives only dates (SmtpCSReport)
     * does not pretend to know the time.
     */
    public record Moment(long epochDay, Long epochSecond) {
    }

    /** The UTC epoch day of {@code text}, or empty when it is not one of the accepted forms. */
    public static OptionalLong epochDay(String text) {
        Moment m = parse(text);
        return m == null ? OptionalLong.empty() : OptionalLong.of(m.epochDay());
    }

    /** The day and time of {@code text}, or null when it is not one of the accepted forms. */
    public static Moment parse(String text) {
        String t = text.strip();
        if (t.length() < 10 || t.length() > 40) {
            return null;
        }
        try {
            if (t.length() == 10) {
                return new Moment(LocalDate.parse(t).toEpochDay(), null);
            }
            char separator = t.charAt(10);
            if (separator != 'T' && separator != 't' && separator != ' ') {
                return null;
            }
            String iso = t.substring(0, 10) + 'T' + t.substring(11);
            char last = t.charAt(t.length() - 1);
            long second;
            if (last == 'Z' || last == 'z' || hasNumericOffset(t)) {
                second = OffsetDateTime.parse(iso, WITH_OFFSET).toEpochSecond();
            } else {
                second = LocalDateTime.parse(iso).toEpochSecond(ZoneOffset.UTC);
            }
            return new Moment(Math.floorDiv(second, 86_400L), second);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** True for {@code …+01:00}, {@code …-0500} or {@code …+01} after the time. */
    private static boolean hasNumericOffset(String t) {
        int timeStart = 11;
        for (int i = t.length() - 1; i > timeStart; i--) {
            char ch = t.charAt(i);
            if (ch == '+' || ch == '-') {
                return true;
            }
            if (!(Character.isDigit(ch) || ch == ':')) {
                return false;
            }
        }
        return false;
    }
}
