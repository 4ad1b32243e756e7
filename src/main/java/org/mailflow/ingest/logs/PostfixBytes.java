package org.mailflow.ingest.logs;

import java.nio.charset.StandardCharsets;

/**
 * Reads the common Postfix lines from their bytes, without decoding them: the importer's reading
 * thread hands each ASCII line to {@link #classify} and gives the parser what it returns, so that most
 * lines of a large log are never turned into a {@code String}. It mirrors the text path of
 * {@link PostfixParser} (its header parsing and its smtpd, cleanup and qmgr handlers) exactly, and
 * must stay beside it: a change to what the parser reads is a change here too.
 * {@code PostfixFastPathTest} feeds the same lines both ways and compares every result.
 */
public final class PostfixBytes {
    private PostfixBytes() {
    }

    private static final byte[] SMTPD = ascii("smtpd");
    private static final byte[] CLEANUP = ascii("cleanup");
    private static final byte[] QMGR = ascii("qmgr");
    private static final byte[] OQMGR = ascii("oqmgr");
    private static final byte[] NQMGR = ascii("nqmgr");
    private static final byte[] CONNECT = ascii(PostfixText.CONNECT_FROM);
    private static final byte[] DISCONNECT = ascii(PostfixText.DISCONNECT_FROM);
    private static final byte[] COMMANDS = ascii(PostfixText.COMMANDS);
    private static final byte[] STARTTLS = ascii(PostfixText.STARTTLS);
    private static final byte[] TLS_CONNECTION = ascii(PostfixText.TLS_CONNECTION);
    private static final byte[] ESTABLISHED_FROM = ascii(PostfixText.ESTABLISHED_FROM);
    private static final byte[] REUSED_FROM = ascii(PostfixText.REUSED_FROM);
    private static final byte[] WARNING = ascii(PostfixText.WARNING);
    private static final byte[] AUTH_FAILED = ascii(" authentication failed");
    private static final byte[] SASL = ascii(PostfixText.SASL);
    private static final byte[] SASL_USERNAME = ascii(PostfixText.SASL_USERNAME);
    private static final byte[] SASL_METHOD = ascii("sasl_method=");
    private static final byte[] SASL_ = ascii("sasl_");
    private static final byte[] CLIENT = ascii("client=");
    private static final byte[] MESSAGE_ID = ascii("message-id=");
    private static final byte[] REMOVED = ascii("removed");
    private static final byte[] FROM = ascii("from=");
    private static final byte[] NOQUEUE = ascii("NOQUEUE");
    private static final byte[] COMMA = ascii(", ");
    private static final byte[] COLON = ascii(": ");

    /**
     * Reads a line from its bytes where that gives exactly what {@link PostfixParser#accept(long, String)}
     * would find (PostfixText.Header.parse and its smtpd, cleanup and qmgr handlers, mirrored here
     * on bytes): {@link PostfixParser#passedOver} for a line it would find irrelevant, the
     * {@link PostfixParser.Line} of a relevant line, null for a line in any shape this does not know
     * for certain (decoded and parsed as text). It
     * is only given lines of ASCII (see the importer's LineReader.Skip).
     */
    public static Object classify(byte[] b, int off, int len) {
        int end = off + len;
        if (len < 5) {
            return null;
        }
        int i;
        int month = 0;
        int day = -1;
        int dayEnd = -1;
        if (digit(b[off])) {
            i = indexOf(b, off, end, ' ');
        } else {
            if (b[off + 3] != ' ') {
                return null;
            }
            day = off + 4;
            while (day < end && b[day] == ' ') {
                day++;
            }
            if (day < end && digit(b[day])) {
                month = SyslogTime.monthOf(b[off], b[off + 1], b[off + 2]);
            }
            dayEnd = indexOf(b, day, end, ' ');
            i = dayEnd < 0 ? -1 : indexOf(b, dayEnd + 1, end, ' ');
        }
        if (i < 0) {
            return null;
        }
        int hostEnd = indexOf(b, i + 1, end, ' ');
        if (hostEnd < 0 || hostEnd == i + 1) {
            return null;
        }
        int tagEnd = indexOf(b, hostEnd + 1, end, COLON);
        if (tagEnd < 0) {
            return null;
        }
        int open = -1;
        for (int k = hostEnd + 1; k < tagEnd; k++) {
            if (b[k] == ' ') {
                return null; // not a syslog tag: left to the parser
            }
            if (b[k] == '[' && open < 0) {
                open = k;
            }
        }
        boolean hasPid = open >= 0 && b[tagEnd - 1] == ']';
        int programEnd = hasPid ? open : tagEnd;
        int slash = programEnd - 1;
        while (slash > hostEnd && b[slash] != '/') {
            slash--;
        }
        if (slash == hostEnd) {
            return PostfixParser.passedOver(month);
        }
        int daemon = slash + 1;
        int daemonLength = programEnd - daemon;
        int m = tagEnd + 2; // the message
        if (is(b, daemon, daemonLength, SMTPD)) {
            return smtpd(b, off, i, hostEnd, hasPid ? open + 1 : -1, programEnd, tagEnd, m, end, month, day, dayEnd);
        }
        if (is(b, daemon, daemonLength, CLEANUP)) {
            int colon = queueIdEnd(b, m, end);
            if (colon < 0 || !startsWith(b, colon + 2, end, MESSAGE_ID)) {
                return PostfixParser.passedOver(month);
            }
            return new PostfixParser.MessageIdLine(month, key(b, i + 1, hostEnd, m, colon),
                    text(b, colon + 2 + MESSAGE_ID.length, end));
        }
        if (is(b, daemon, daemonLength, QMGR) || is(b, daemon, daemonLength, OQMGR) || is(b, daemon, daemonLength, NQMGR)) {
            int colon = queueIdEnd(b, m, end);
            if (colon < 0) {
                return PostfixParser.passedOver(month);
            }
            if (startsWith(b, colon + 2, end, REMOVED)) {
                return new PostfixParser.RemovedLine(month, key(b, i + 1, hostEnd, m, colon));
            }
            if (!startsWith(b, colon + 2, end, FROM)) {
                return PostfixParser.passedOver(month);
            }
            // the whole rest of the line, as the text path gives it: FromLine reads the sender and nrcpt= from it
            return new PostfixParser.FromLine(month, key(b, i + 1, hostEnd, m, colon),
                    text(b, colon + 2 + FROM.length, end));
        }
        return PostfixParser.passedOver(month);
    }

    /**
     * An smtpd message {@code b[m..end)}; the stamp ends at {@code stampEnd} (its day at
     * {@code b[day..dayEnd)} when classic), the host is {@code b[stampEnd+1..hostEnd)}, the program
     * {@code b[hostEnd+1..programEnd)}, the pid {@code b[pid..tagEnd-1)} ({@code pid} -1 when the tag
     * has none).
     */
    private static Object smtpd(byte[] b, int off, int stampEnd, int hostEnd, int pid, int programEnd, int tagEnd, int m, int end,
                                int month, int day, int dayEnd) {
        if (startsWith(b, m, end, CONNECT)) {
            return new PostfixParser.ConnectionLine(month, connection(b, stampEnd, hostEnd, pid, tagEnd), PostfixParser.CONNECT);
        }
        if (startsWith(b, m, end, DISCONNECT)) {
            return new PostfixParser.ConnectionLine(month, connection(b, stampEnd, hostEnd, pid, tagEnd), disconnectEvent(b, m, end));
        }
        int tls = tlsEstablished(b, m, end);
        if (tls >= 0) {
            return new PostfixParser.TlsLine(month, connection(b, stampEnd, hostEnd, pid, tagEnd), text(b, stampEnd + 1, programEnd),
                    text(b, tls, end));
        }
        int failed = -1;
        int sasl = -1;
        int colon = -1;
        if (startsWith(b, m, end, WARNING)) {
            failed = indexOf(b, m, end, AUTH_FAILED);
            sasl = failed < 0 ? -1 : indexOf(b, m, end, SASL);
            if (sasl < 0 || sasl > failed) {
                return PostfixParser.passedOver(month);
            }
        } else {
            colon = queueIdEnd(b, m, end);
            if (colon < 0 || !startsWith(b, colon + 2, end, CLIENT) || !saslField(b, colon, end)) {
                return PostfixParser.passedOver(month); // not a client= line, or one without SASL: inbound mail
            }
        }
        // a SASL failure (failed >= 0) or a SASL client= line (colon >= 0)
        PostfixParser.BytesStamp at = stamp(b, off, stampEnd, month, day, dayEnd);
        if (at == null) {
            return null;
        }
        String host = text(b, stampEnd + 1, hostEnd);
        if (colon >= 0) {
            return new PostfixParser.ClientLine(month, at, host, connection(b, stampEnd, hostEnd, pid, tagEnd),
                    text(b, stampEnd + 1, programEnd), key(b, stampEnd + 1, hostEnd, m, colon), text(b, colon + 2, end));
        }
        int client = m + WARNING.length;
        int u = indexOf(b, failed, end, SASL_USERNAME);
        String account = null;
        if (u >= 0) {
            int from = u + SASL_USERNAME.length;
            int comma = indexOf(b, from, end, COMMA);
            account = text(b, from, comma < 0 ? end : comma);
        }
        return new PostfixParser.FailureLine(month, at, host, sasl < client ? "" : text(b, client, sasl),
                text(b, Math.min(sasl + SASL.length, failed), failed), account);
    }

    /** True when {@code b[from..end)} holds {@code sasl_method=} or {@code sasl_username=}. */
    private static boolean saslField(byte[] b, int from, int end) {
        for (int k = indexOf(b, from, end, SASL_); k >= 0; k = indexOf(b, k + 1, end, SASL_)) {
            if (startsWith(b, k, end, SASL_METHOD) || startsWith(b, k, end, SASL_USERNAME)) {
                return true;
            }
        }
        return false;
    }

    /** The stamp {@code b[off..stampEnd)} read from its bytes, or null when it must be read as text. */
    private static PostfixParser.BytesStamp stamp(byte[] b, int off, int stampEnd, int month, int day, int dayEnd) {
        long v = day < 0 ? SyslogTime.rfc3339Stamp(b, off, stampEnd) : SyslogTime.classicStamp(b, day, dayEnd, stampEnd, month);
        return v == SyslogTime.UNREAD ? null : new PostfixParser.BytesStamp(day >= 0, v);
    }

    /** The parser's key of an smtpd process: {@code host + '\0' + pid} ({@code pid} -1: the tag has none). */
    private static String connection(byte[] b, int stampEnd, int hostEnd, int pid, int tagEnd) {
        return pid < 0 ? key(b, stampEnd + 1, hostEnd, 0, 0) : key(b, stampEnd + 1, hostEnd, pid, tagEnd - 1);
    }

    /** PostfixParser.disconnectEvent on the message {@code b[m..end)}, which starts with {@code disconnect from }. */
    static int disconnectEvent(byte[] b, int m, int end) {
        int from = m + DISCONNECT.length;
        // "commands=" ends the statistics (before a few notes at most): looked for from the end
        if (lastIndexOf(b, from, end, COMMANDS) < 0) {
            return PostfixParser.DISCONNECT;
        }
        int s = indexOf(b, from, end, STARTTLS);
        if (s < 0) {
            return PostfixParser.DISCONNECT_PLAIN;
        }
        int d = s + STARTTLS.length;
        int n = 0;
        while (d < end && digit(b[d]) && n < 1000) {
            n = n * 10 + b[d] - '0';
            d++;
        }
        return n >= 1 ? PostfixParser.DISCONNECT_STARTTLS : PostfixParser.DISCONNECT_PLAIN;
    }


    /**
     * PostfixParser.queueIdEnd on the message {@code b[m..end)}: the index of the ": " after a queue id,
     * or -1. One pass: the queue id is the run of letters and digits at the start, and the first
     * ": " is right after it or the message has none where PostfixParser.queueIdEnd would take it.
     */
    static int queueIdEnd(byte[] b, int m, int end) {
        int k = m;
        int limit = Math.min(end, m + 25);
        while (k < limit && (b[k] >= '0' && b[k] <= '9' || b[k] >= 'A' && b[k] <= 'Z' || b[k] >= 'a' && b[k] <= 'z')) {
            k++;
        }
        if (k - m < 5 || k - m > 24 || k + 1 >= end || b[k] != ':' || b[k + 1] != ' ') {
            return -1;
        }
        return startsWith(b, m, end, NOQUEUE) ? -1 : k;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static boolean is(byte[] b, int at, int length, byte[] name) {
        return length == name.length && startsWith(b, at, at + length, name);
    }

    private static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
        if (end - at < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /** The last index of {@code s} in {@code b[from..to)}, or -1. */
    private static int lastIndexOf(byte[] b, int from, int to, byte[] s) {
        byte first = s[0];
        for (int k = to - s.length; k >= from; k--) {
            if (b[k] == first && startsWith(b, k, to, s)) {
                return k;
            }
        }
        return -1;
    }

    /** The first index of {@code s} in {@code b[from..to)}, or -1. */
    private static int indexOf(byte[] b, int from, int to, byte[] s) {
        byte first = s[0];
        for (int k = from, last = to - s.length; k <= last; k++) {
            if (b[k] == first && startsWith(b, k, to, s)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * {@code host + '\0' + id} from {@code b[host..hostEnd)} and {@code b[id..idEnd)}, the parser's
     * key of a connection or a queue entry, made in one piece.
     */
    private static String key(byte[] b, int host, int hostEnd, int id, int idEnd) {
        int h = hostEnd - host;
        byte[] k = new byte[h + 1 + idEnd - id];
        System.arraycopy(b, host, k, 0, h);
        System.arraycopy(b, id, k, h + 1, idEnd - id);
        return new String(k, StandardCharsets.ISO_8859_1);
    }

    /** PostfixParser.tlsEstablishedAt on the message {@code b[m..end)}: the index where the client starts, or -1. */
    static int tlsEstablished(byte[] b, int m, int end) {
        int sp = m;
        if (!startsWith(b, m, end, TLS_CONNECTION)) {
            while (sp < end && sp - m <= PostfixText.TLS_WORD && (b[sp] >= 'a' && b[sp] <= 'z' || b[sp] >= 'A' && b[sp] <= 'Z')) {
                sp++;
            }
            if (sp == m || sp - m > PostfixText.TLS_WORD || sp >= end || b[sp] != ' ' || !startsWith(b, sp + 1, end, TLS_CONNECTION)) {
                return -1;
            }
            sp++;
        }
        int at = sp + TLS_CONNECTION.length;
        if (startsWith(b, at, end, ESTABLISHED_FROM)) {
            return at + ESTABLISHED_FROM.length;
        }
        return startsWith(b, at, end, REUSED_FROM) ? at + REUSED_FROM.length : -1;
    }

    private static int indexOf(byte[] b, int from, int to, char c) {
        for (int k = from; k < to; k++) {
            if (b[k] == c) {
                return k;
            }
        }
        return -1;
    }
}
