package org.mailflow.ingest.logs;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;

/**
 * Turns syslog timestamps into UTC epoch seconds, for one log file read in order (SPEC 5).
 *
 * <p>RFC 3339 stamps ({@code 2026-11-12T08:30:00.123456+01:00}) carry their own year and offset; a
 * stamp without an offset is UTC (SPEC 1). Classic stamps ({@code Nov 12 08:30:00}) have no year, so
 * this object tracks it: it starts at the year of the file's first classic line and steps forward
 * each time the month of a classic line is lower than the month of the previous classic line
 * (a <em>rollover</em>, Dec → Jan). Classic times are UTC.
 *
 * <p>The start year comes from one of two rules:
 * <ul>
 * <li>{@link #startingIn(int)}: the user gave {@code --year Y}, the year of the first line;</li>
 * <li>{@link #endingIn(int, int)}: the last line must fall in the year of the file's modification
 * time. That year is only known to hold at the <em>end</em> of the file, so the caller first runs the
 * cheap pre-pass {@link #countRollovers(Iterator)} over the lines (no parsing beyond the month) and
 * the start year is {@code mtimeYear - rollovers}. A pre-pass was chosen over buffering because it
 * keeps memory constant on huge logs; the file is read twice, which for a {@code .gz} means
 * decompressing twice, an accepted cost.</li>
 * </ul>
 * The pre-pass and {@link #observe(String)} use the same month test ({@link #classicMonth(String)}),
 * so both passes agree on where the rollovers are.
 *
 * <p>Known limitation, by the letter of the spec: a classic line that is out of order across a month
 * boundary ({@code Dec 1} followed by {@code Nov 30}) counts as a rollover.
 *
 * <p>Not thread-safe: one instance per file.
 */
public final class SyslogTime {

    private int year;
    private int previousMonth;

    private SyslogTime(int firstYear) {
        this.year = firstYear;
    }

    /** Classic stamps start in {@code firstYear} (the {@code --year} rule). */
    public static SyslogTime startingIn(int firstYear) {
        return new SyslogTime(firstYear);
    }

    /**
     * Classic stamps end in {@code lastLineYear} (the year of the file's modification time) after
     * {@code rollovers} year changes, as counted by {@link #countRollovers(Iterator)} on the same lines.
     */
    public static SyslogTime endingIn(int lastLineYear, int rollovers) {
        if (rollovers < 0) {
            throw new IllegalArgumentException("rollovers < 0: " + rollovers);
        }
        return new SyslogTime(lastLineYear - rollovers);
    }

    /** {@link #endingIn(int, int)} with the year of {@code modified}. */
    public static SyslogTime endingIn(LocalDate modified, int rollovers) {
        return endingIn(modified.getYear(), rollovers);
    }

    /**
     * The pre-pass for {@link #endingIn(int, int)}: how many times the month goes backwards between
     * consecutive classic lines. Reads only the first few characters of each line.
     */
    public static int countRollovers(Iterator<String> lines) {
        SyslogTime t = new SyslogTime(0);
        while (lines.hasNext()) {
            t.observe(lines.next());
        }
        return t.year;
    }

    /**
     * Feeds one raw line, in file order, to the year tracker; every line of the file must be fed,
     * relevant or not, so that rollovers are seen exactly as {@link #countRollovers(Iterator)} sees them.
     */
    public void observe(String line) {
        observeMonth(classicMonth(line));
    }

    /** The year that classic stamps are currently given. */
    public int currentYear() {
        return year;
    }

    /**
     * The epoch second of a classic stamp ({@code Nov 12 08:30:00}, {@code Nov  2 08:30:00.123}) in
     * the current year, UTC; null when it is not a valid date and time (for instance {@code Feb 29}
     * in a common year, or hour 25). Does not advance the year: call {@link #observe(String)} first.
     */
    public Long classic(String stamp) {
        int month = classicMonth(stamp);
        if (month == 0) {
            return null;
        }
        int i = 3;
        while (i < stamp.length() && stamp.charAt(i) == ' ') {
            i++;
        }
        int sp = stamp.indexOf(' ', i);
        if (sp < 0) {
            return null;
        }
        try {
            int day = Integer.parseInt(stamp.substring(i, sp));
            String time = stamp.substring(sp + 1);
            if (time.length() < 8 || time.charAt(2) != ':' || time.charAt(5) != ':'
                    || (time.length() > 8 && time.charAt(8) != '.')) {
                return null;
            }
            int h = digits(time, 0);
            int m = digits(time, 3);
            int s = digits(time, 6);
            return LocalDateTime.of(year, month, day, h, m, s).toEpochSecond(ZoneOffset.UTC);
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    /**
     * The epoch second of an RFC 3339 stamp; its offset is honoured, and a stamp without one is UTC.
     * Fractions are dropped. Null when the stamp is not valid.
     */
    public static Long rfc3339(String stamp) {
        try {
            return OffsetDateTime.parse(stamp).toEpochSecond();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(stamp).toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /**
     * 1-12 when {@code line} starts like a classic stamp (a month abbreviation, any case, then spaces
     * and a digit), else 0. This is the one test both passes use.
     */
    public static int classicMonth(String line) {
        if (line == null || line.length() < 5 || line.charAt(3) != ' ') {
            return 0;
        }
        int i = 4;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        if (i >= line.length() || !Character.isDigit(line.charAt(i))) {
            return 0;
        }
        return monthOf(line.charAt(0), line.charAt(1), line.charAt(2));
    }

    /** 1-12 for the three letters of a month abbreviation in any case ({@code Nov}, {@code NOV}), else 0. */
    public static int monthOf(int c0, int c1, int c2) {
        int a = c0 | 0x20;
        int b = c1 | 0x20;
        int c = c2 | 0x20;
        int m = switch (a) {
            case 'j' -> b == 'a' && c == 'n' ? 1 : b == 'u' && c == 'n' ? 6 : b == 'u' && c == 'l' ? 7 : 0;
            case 'f' -> b == 'e' && c == 'b' ? 2 : 0;
            case 'm' -> b == 'a' && c == 'r' ? 3 : b == 'a' && c == 'y' ? 5 : 0;
            case 'a' -> b == 'p' && c == 'r' ? 4 : b == 'u' && c == 'g' ? 8 : 0;
            case 's' -> b == 'e' && c == 'p' ? 9 : 0;
            case 'o' -> b == 'c' && c == 't' ? 10 : 0;
            case 'n' -> b == 'o' && c == 'v' ? 11 : 0;
            case 'd' -> b == 'e' && c == 'c' ? 12 : 0;
            default -> 0;
        };
        // "| 0x20" also maps a few non-letters onto letters; only real letters count.
        return m != 0 && Character.isLetter(c0) && Character.isLetter(c1) && Character.isLetter(c2) ? m : 0;
    }

    /**
     * {@link #observe(String)} for a line whose month the caller has already read with
     * {@link #monthOf} (0 when the line has no classic stamp).
     */
    public void observeMonth(int month) {
        if (month == 0) {
            return;
        }
        if (previousMonth != 0 && month < previousMonth) {
            year++;
        }
        previousMonth = month;
    }

    private static int digits(String s, int at) {
        char a = s.charAt(at);
        char b = s.charAt(at + 1);
        if (!Character.isDigit(a) || !Character.isDigit(b)) {
            throw new NumberFormatException(s);
        }
        return (a - '0') * 10 + (b - '0');
    }
}
