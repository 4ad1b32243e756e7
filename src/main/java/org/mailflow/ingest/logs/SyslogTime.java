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
 * time. That year is only known to hold at the <em>end</em> of the file: the start year is
 * {@code mtimeYear - rollovers}, the rollovers being those of the whole file. The importer guesses
 * them before it reads (LogImporter.guessRollovers), compares the guess with
 * {@link #rolloversSeen()} at the end, and reads the file again when they differ; memory stays
 * constant on huge logs and a {@code .gz} is decompressed once in the usual case.
 * {@link #countRollovers(Iterator)} counts them over lines given as text.</li>
 * </ul>
 * {@link #countRollovers(Iterator)}, {@link #observe(String)} and {@link #observeMonth(int)} use the
 * same month test ({@link #classicMonth(String)}), so they agree on where the rollovers are.
 *
 * <p>Known limitation, by the letter of the spec: a classic line that is out of order across a month
 * boundary ({@code Dec 1} followed by {@code Nov 30}) counts as a rollover.
 *
 * <p>Not thread-safe: one instance per file.
 */
public final class SyslogTime {

    private final int firstYear;
    private int year;
    private int previousMonth;

    private SyslogTime(int firstYear) {
        this.firstYear = firstYear;
        this.year = firstYear;
    }

    /** The rollovers seen so far, counted as {@link #countRollovers(Iterator)} counts them. */
    public int rolloversSeen() {
        return year - firstYear;
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
            if (h > 23 || m > 59 || s > 59) {
                return null;
            }
            return classic(month, day, h * 3600 + m * 60 + s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private int cachedYear;
    private int cachedMonth;
    private int cachedDay;
    private long cachedEpochDay;

    /**
     * The epoch second of a classic stamp already taken apart (see {@link #packClassic}), in the current
     * year, UTC; null when that day does not exist in it ({@code Feb 29} in a common year, {@code Apr 31}).
     * Does not advance the year.
     */
    public Long classic(long packed) {
        return classic((int) (packed >>> 24), (int) (packed >>> 17) & 0x7f, (int) packed & 0x1ffff);
    }

    private Long classic(int month, int day, int secondOfDay) {
        if (year != cachedYear || month != cachedMonth || day != cachedDay || cachedMonth == 0) {
            try {
                cachedEpochDay = LocalDate.of(year, month, day).toEpochDay();
            } catch (DateTimeException e) {
                return null;
            }
            cachedYear = year;
            cachedMonth = month;
            cachedDay = day;
        }
        return cachedEpochDay * 86_400L + secondOfDay;
    }

    /** Month 1-12, day 1-31 and second of the day 0-86399 in one long, for {@link #classic(long)}. */
    public static long packClassic(int month, int day, int secondOfDay) {
        return (long) month << 24 | (long) day << 17 | secondOfDay;
    }

    /** Marks a stamp that {@link #classicStamp} or {@link #rfc3339Stamp} could not read. */
    public static final long UNREAD = Long.MIN_VALUE;

    /**
     * A classic stamp read from its bytes: the day {@code b[day..dayEnd)} (one or two ASCII digits) and
     * the time {@code b[dayEnd+1..end)} ({@code hh:mm:ss}, maybe {@code .fraction}) of a line whose
     * month is {@code month}, packed for {@link #classic(long)}; {@link #UNREAD} when it is in any
     * other shape or out of range, the caller then reads the line as text ({@link #classic(String)}).
     */
    public static long classicStamp(byte[] b, int day, int dayEnd, int end, int month) {
        int d;
        if (dayEnd - day == 1 && digit(b[day])) {
            d = b[day] - '0';
        } else if (dayEnd - day == 2 && digit(b[day]) && digit(b[day + 1])) {
            d = (b[day] - '0') * 10 + (b[day + 1] - '0');
        } else {
            return UNREAD;
        }
        int t = dayEnd + 1;
        int seconds = timeOfDay(b, t, end);
        if (month == 0 || d == 0 || d > 31 || seconds < 0 || (end - t > 8 && b[t + 8] != '.')) {
            return UNREAD;
        }
        return packClassic(month, d, seconds);
    }

    /**
     * An RFC 3339 stamp read from its bytes {@code b[from..to)}, as epoch seconds; only the usual
     * shape {@code yyyy-mm-ddThh:mm:ss[.fraction][Z|+hh:mm|-hh:mm]} (fraction of 1 to 9 digits) is read
     * here, giving what {@link #rfc3339(String)} gives for it; {@link #UNREAD} for anything else, the
     * caller then reads the line as text.
     */
    public static long rfc3339Stamp(byte[] b, int from, int to) {
        if (to - from < 19 || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T') {
            return UNREAD;
        }
        int century = twoDigits(b, from);
        int y = twoDigits(b, from + 2);
        int mo = twoDigits(b, from + 5);
        int d = twoDigits(b, from + 8);
        int seconds = timeOfDay(b, from + 11, from + 19);
        if (century < 0 || y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || seconds < 0) {
            return UNREAD;
        }
        int i = from + 19;
        if (i < to && b[i] == '.') {
            int f = i + 1;
            while (f < to && digit(b[f])) {
                f++;
            }
            if (f - (i + 1) < 1 || f - (i + 1) > 9) {
                return UNREAD;
            }
            i = f;
        }
        int offset = 0;
        if (i < to && b[i] == 'Z') {
            i++;
        } else if (i < to && (b[i] == '+' || b[i] == '-')) {
            // +hh:mm, or journald's +hhmm (systemd before 255, "journalctl -o short-iso"), or +hh
            int length = to - i == 6 && b[i + 3] == ':' ? 6 : to - i == 5 || to - i == 3 ? to - i : -1;
            if (length < 0) {
                return UNREAD;
            }
            int oh = twoDigits(b, i + 1);
            int om = length == 3 ? 0 : twoDigits(b, i + (length == 6 ? 4 : 3));
            if (oh < 0 || oh > 17 || om < 0 || om > 59) {
                return UNREAD;
            }
            offset = (oh * 3600 + om * 60) * (b[i] == '-' ? -1 : 1);
            i += length;
        }
        if (i != to) {
            return UNREAD;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(century * 100 + y, mo, d).toEpochDay();
        } catch (DateTimeException e) {
            return UNREAD;
        }
        return epochDay * 86_400L + seconds - offset;
    }

    /** {@code hh:mm:ss} at {@code b[t..]} (at least 8 bytes before {@code end}) as a second of the day, or -1. */
    private static int timeOfDay(byte[] b, int t, int end) {
        if (end - t < 8 || b[t + 2] != ':' || b[t + 5] != ':') {
            return -1;
        }
        int h = twoDigits(b, t);
        int m = twoDigits(b, t + 3);
        int s = twoDigits(b, t + 6);
        if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) {
            return -1;
        }
        return h * 3600 + m * 60 + s;
    }

    /** Two ASCII digits at {@code b[at..at+2)} as a number, or -1. */
    private static int twoDigits(byte[] b, int at) {
        return digit(b[at]) && digit(b[at + 1]) ? (b[at] - '0') * 10 + (b[at + 1] - '0') : -1;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The first second the cache holds: 1970-01-01T00:00:00Z. */
    private static final long FIRST_SECOND = 0;
    /** The first second after the years the cache holds: 3000-01-01T00:00:00Z. */
    private static final long END_SECOND = LocalDate.of(3000, 1, 1).toEpochDay() * 86_400L;

    /**
     * True when {@code epochSecond} falls in the years 1970 to 2999, the only ones the cache holds: a
     * log line dated outside them (an RFC 3339 stamp of year 0001 or 9999, a {@code --year} typo) is
     * a bad line, never a day far outside any window.
     */
    public static boolean plausible(long epochSecond) {
        return epochSecond >= FIRST_SECOND && epochSecond < END_SECOND;
    }

    /** An offset written without its colon, {@code +0100} or {@code +01}, at the end of a stamp. */
    private static final java.util.regex.Pattern COMPACT_OFFSET = java.util.regex.Pattern.compile("([+-])(\\d{2})(\\d{2})?$");

    /**
     * The epoch second of an RFC 3339 stamp; its offset is honoured (also written {@code +hhmm}, as
     * journald before systemd 255 writes it, or {@code +hh}), and a stamp without one is UTC.
     * Fractions are dropped. Null when the stamp is not valid.
     */
    public static Long rfc3339(String stamp) {
        java.util.regex.Matcher compact = stamp.length() > 19 ? COMPACT_OFFSET.matcher(stamp) : null;
        if (compact != null && compact.find(19)) {
            stamp = stamp.substring(0, compact.start()) + compact.group(1) + compact.group(2) + ':'
                    + (compact.group(3) == null ? "00" : compact.group(3));
        }
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
        // "| 0x20" only sets one bit, so a match means each character was that letter in upper or
        // lower case: no other character below 0x80 maps onto a lower-case letter, none above does.
        return m;
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
