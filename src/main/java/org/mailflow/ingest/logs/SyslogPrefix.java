package org.mailflow.ingest.logs;

/**
 * The syslog part of a line, {@code STAMP host program[pid]: }, where STAMP is classic
 * ({@code Jun 29 16:04:19}, day space-padded) or RFC 3339 ({@code 2026-06-29T16:04:19.123+02:00}), as
 * rsyslog, syslog-ng and journald write what a program logs through syslog. Used for programs that
 * also keep logs of their own (Exim), so the message after the prefix can be read as the program's own
 * line.
 *
 * @param stamp    the stamp as written
 * @param classic  true for a classic stamp (no year, see {@link SyslogTime})
 * @param host     the host that logged the line
 * @param program  the program of the tag ({@code exim}, {@code exim4})
 * @param pid      the pid of the tag, "" when it has none
 * @param message  where the program's own text starts in the line
 */
public record SyslogPrefix(String stamp, boolean classic, String host, String program, String pid, int message) {

    /** The prefix of {@code line}, or null when it does not start with one. */
    public static SyslogPrefix parse(String line) {
        if (line == null || line.length() < 16) {
            return null;
        }
        int stampEnd;
        boolean classic;
        if (rfc3339Start(line)) {
            stampEnd = line.indexOf(' ');
            classic = false;
        } else if (SyslogTime.classicMonth(line) > 0) {
            int d = 4;
            while (d < line.length() && line.charAt(d) == ' ') {
                d++;
            }
            int afterDay = line.indexOf(' ', d);
            stampEnd = afterDay < 0 ? -1 : line.indexOf(' ', afterDay + 1);
            classic = true;
        } else {
            return null;
        }
        if (stampEnd < 0) {
            return null;
        }
        int hostEnd = line.indexOf(' ', stampEnd + 1);
        if (hostEnd <= stampEnd + 1) {
            return null;
        }
        int tagEnd = line.indexOf(": ", hostEnd + 1);
        if (tagEnd <= hostEnd + 1) {
            return null;
        }
        String tag = line.substring(hostEnd + 1, tagEnd);
        if (tag.indexOf(' ') >= 0) {
            return null;
        }
        String program = tag;
        String pid = "";
        int open = tag.indexOf('[');
        if (open > 0 && tag.endsWith("]")) {
            program = tag.substring(0, open);
            pid = tag.substring(open + 1, tag.length() - 1);
        }
        return new SyslogPrefix(line.substring(0, stampEnd), classic, line.substring(stampEnd + 1, hostEnd), program, pid, tagEnd + 2);
    }

    /** {@code YYYY-MM-DDT}: an RFC 3339 stamp, told from Exim's own {@code YYYY-MM-DD hh:mm:ss} by the {@code T}. */
    private static boolean rfc3339Start(String line) {
        return line.length() > 11 && Character.isDigit(line.charAt(0)) && line.charAt(4) == '-' && line.charAt(7) == '-'
                && (line.charAt(10) == 'T' || line.charAt(10) == 't');
    }

    /** The epoch second of the stamp, null when it is no valid time; {@code time} dates a classic one. */
    public Long epochSecond(SyslogTime time) {
        return classic ? time.classic(stamp) : SyslogTime.rfc3339(stamp);
    }
}
