package org.mailflow.ingest.logs;

/**
 * The text path of {@link PostfixParser}: a decoded line taken apart into its syslog header and the
 * {@link PostfixParser.Line} its smtpd, cleanup or qmgr message is. {@link PostfixBytes} reads the
 * common lines from their bytes and must make exactly the same records (PostfixFastPathTest and
 * PostfixPathsFuzzTest feed lines both ways); the words both look for are the constants here.
 */
final class PostfixText {
    private PostfixText() {
    }

    private static final String AUTH_FAILED = " authentication failed";

    /** The line of {@code h} as the {@link PostfixParser.Line} it is, or null when it is of no interest. */
    static PostfixParser.Line read(int month, Header h) {
        return switch (h.daemon) {
            case "smtpd" -> smtpd(month, h);
            case "cleanup" -> cleanup(month, h);
            case "qmgr", "oqmgr", "nqmgr" -> qmgr(month, h); // oqmgr: the old queue manager master.cf offers; nqmgr: its 2.x name
            default -> null;
        };
    }

    /** An smtpd line as the {@link PostfixParser.Line} it is, or null when it is of no interest. */
    static PostfixParser.Line smtpd(int month, Header h) {
        String msg = h.message;
        String conn = h.host + '\0' + h.pid;
        if (msg.startsWith(CONNECT_FROM)) {
            return new PostfixParser.ConnectionLine(month, conn, PostfixParser.CONNECT);
        }
        if (msg.startsWith(DISCONNECT_FROM)) {
            return new PostfixParser.ConnectionLine(month, conn, disconnectEvent(msg));
        }
        int tlsAt = tlsEstablishedAt(msg);
        if (tlsAt >= 0) {
            return new PostfixParser.TlsLine(month, conn, h.service, msg.substring(tlsAt));
        }
        if (msg.startsWith(WARNING)) {
            return authFailure(month, h);
        }
        int colon = queueIdEnd(msg);
        if (colon < 0 || !msg.startsWith("client=", colon + 2)) {
            return null;
        }
        return new PostfixParser.ClientLine(month, h.stamp(), h.host, conn, h.service, h.host + '\0' + msg.substring(0, colon), msg.substring(colon + 2));
    }

    public static final String CONNECT_FROM = "connect from ";
    public static final String DISCONNECT_FROM = "disconnect from ";
    /** What a disconnect line's statistics always end with (Postfix ≥ 3.0). */
    public static final String COMMANDS = " commands=";
    /** The STARTTLS count of a disconnect line's statistics. */
    public static final String STARTTLS = " starttls=";

    /**
     * The event of a {@code disconnect from} message: {@link PostfixParser#DISCONNECT} without statistics (no
     * {@value #COMMANDS}), else {@link PostfixParser#DISCONNECT_STARTTLS} when {@value #STARTTLS}N counts N ≥ 1
     * successes, else {@link PostfixParser#DISCONNECT_PLAIN}. A client name has no blank, so these words can only
     * be Postfix's own.
     */
    static int disconnectEvent(String msg) {
        if (msg.indexOf(COMMANDS, DISCONNECT_FROM.length()) < 0) {
            return PostfixParser.DISCONNECT;
        }
        int s = msg.indexOf(STARTTLS, DISCONNECT_FROM.length());
        if (s < 0) {
            return PostfixParser.DISCONNECT_PLAIN;
        }
        int d = s + STARTTLS.length();
        int n = 0;
        while (d < msg.length() && msg.charAt(d) >= '0' && msg.charAt(d) <= '9' && n < 1000) {
            n = n * 10 + msg.charAt(d) - '0';
            d++;
        }
        return n >= 1 ? PostfixParser.DISCONNECT_STARTTLS : PostfixParser.DISCONNECT_PLAIN;
    }

    /** The longest word read before {@code TLS connection established from } ({@code Untrusted} has 9 letters). */
    public static final int TLS_WORD = 16;
    /** The handshake message after its optional first word; {@code established} or {@code reused} and {@code  from } follow. */
    public static final String TLS_CONNECTION = "TLS connection ";
    public static final String ESTABLISHED_FROM = "established from ";
    public static final String REUSED_FROM = "reused from ";

    /**
     * Where the client starts in an smtpd message that reports a TLS handshake, else -1: after
     * {@code TLS connection established from } or {@code TLS connection reused from }, either at the
     * start (older Postfix) or after one word of letters and a space ({@code Anonymous},
     * {@code Trusted}, {@code Untrusted}, {@code Verified}). Only there: text a client chose (a HELO
     * name in a warning) cannot pass for the TLS of its connection.
     */
    static int tlsEstablishedAt(String msg) {
        int sp = 0;
        if (!msg.startsWith(TLS_CONNECTION)) {
            while (sp < msg.length() && sp <= TLS_WORD && isAsciiLetter(msg.charAt(sp))) {
                sp++;
            }
            if (sp == 0 || sp > TLS_WORD || !msg.startsWith(" " + TLS_CONNECTION, sp)) {
                return -1;
            }
            sp++;
        }
        int at = sp + TLS_CONNECTION.length();
        if (msg.startsWith(ESTABLISHED_FROM, at)) {
            return at + ESTABLISHED_FROM.length();
        }
        return msg.startsWith(REUSED_FROM, at) ? at + REUSED_FROM.length() : -1;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }


    /** An smtpd warning as a {@link PostfixParser.FailureLine} when it is a SASL authentication failure, else null. */
    static PostfixParser.Line authFailure(int month, Header h) {
        String msg = h.message;
        int failed = msg.indexOf(AUTH_FAILED);
        int sasl = msg.indexOf(SASL);
        if (failed < 0 || sasl < 0 || sasl > failed) {
            return null;
        }
        // "warning: SASL … authentication failed" names no client before ": SASL "
        String client = sasl < WARNING.length() ? "" : msg.substring(WARNING.length(), sasl);
        int u = msg.indexOf(SASL_USERNAME, failed);
        String account = null;
        if (u >= 0) {
            String rest = msg.substring(u + SASL_USERNAME.length());
            int comma = rest.indexOf(", ");
            account = comma < 0 ? rest : rest.substring(0, comma);
        }
        // ": SASL authentication failed" has no method (the two share their space)
        String method = msg.substring(Math.min(sasl + SASL.length(), failed), failed);
        return new PostfixParser.FailureLine(month, h.stamp(), h.host, client, method, account);
    }

    /** What an smtpd warning starts with. */
    public static final String WARNING = "warning: ";
    /** What comes between the client and the method on a SASL failure warning. */
    public static final String SASL = ": SASL ";
    /** The field naming the account. */
    public static final String SASL_USERNAME = "sasl_username=";


    /** A cleanup line as a {@link PostfixParser.MessageIdLine}, or null. */
    static PostfixParser.Line cleanup(int month, Header h) {
        String msg = h.message;
        int colon = queueIdEnd(msg);
        if (colon < 0 || !msg.startsWith("message-id=", colon + 2)) {
            return null;
        }
        return new PostfixParser.MessageIdLine(month, h.host + '\0' + msg.substring(0, colon), msg.substring(colon + 2 + "message-id=".length()));
    }

    /** A qmgr line as a {@link PostfixParser.RemovedLine} or {@link PostfixParser.FromLine}, or null. */
    static PostfixParser.Line qmgr(int month, Header h) {
        String msg = h.message;
        int colon = queueIdEnd(msg);
        if (colon < 0) {
            return null;
        }
        String key = h.host + '\0' + msg.substring(0, colon);
        if (msg.startsWith("removed", colon + 2)) {
            return new PostfixParser.RemovedLine(month, key);
        }
        if (!msg.startsWith("from=", colon + 2)) {
            return null;
        }
        return new PostfixParser.FromLine(month, key, msg.substring(colon + 2 + "from=".length()));
    }

    /**
     * The index of the {@code ": "} after a leading Postfix queue id (short hex or long form, letters
     * and digits only), or -1 when the message does not start with one ({@code NOQUEUE} does not count).
     */
    static int queueIdEnd(String msg) {
        int colon = msg.indexOf(": ");
        if (colon < 5 || colon > 24) {
            return -1;
        }
        for (int i = 0; i < colon; i++) {
            char c = msg.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return -1;
            }
        }
        return msg.startsWith("NOQUEUE") ? -1 : colon;
    }

    /** {@code STAMP host program[pid]: message}; the stamp is resolved only when a result needs it. */
    static final class Header {
        String stamp;
        boolean classic;
        String host;
        String service;
        String pid;
        String daemon;
        String message;

        PostfixParser.Stamp stamp() {
            return new PostfixParser.TextStamp(classic, stamp);
        }

        static Header parse(String line) {
            if (line == null || line.isEmpty()) {
                return null;
            }
            Header h = new Header();
            int i;
            if (Character.isDigit(line.charAt(0))) {
                i = line.indexOf(' ');
                if (i < 0) {
                    return null;
                }
                h.stamp = line.substring(0, i);
            } else {
                // "Mmm dd hh:mm:ss" with the day space-padded: month, spaces, day, space, time
                if (line.length() < 5 || line.charAt(3) != ' ') {
                    return null;
                }
                int d = 4;
                while (d < line.length() && line.charAt(d) == ' ') {
                    d++;
                }
                int afterDay = line.indexOf(' ', d);
                if (afterDay < 0) {
                    return null;
                }
                i = line.indexOf(' ', afterDay + 1);
                if (i < 0) {
                    return null;
                }
                h.stamp = line.substring(0, i);
                h.classic = true;
            }
            int hostEnd = line.indexOf(' ', i + 1);
            if (hostEnd < 0) {
                return null;
            }
            h.host = line.substring(i + 1, hostEnd);
            int tagEnd = line.indexOf(": ", hostEnd + 1);
            if (tagEnd < 0) {
                return null;
            }
            String tag = line.substring(hostEnd + 1, tagEnd);
            if (tag.indexOf(' ') >= 0 || h.host.isEmpty()) {
                return null;
            }
            String program = tag;
            h.pid = "";
            int open = tag.indexOf('[');
            if (open >= 0 && tag.endsWith("]")) {
                program = tag.substring(0, open);
                h.pid = tag.substring(open + 1, tag.length() - 1);
            }
            h.service = h.host + ' ' + program;
            int slash = program.lastIndexOf('/');
            h.daemon = slash < 0 ? "" : program.substring(slash + 1);
            h.message = line.substring(tagEnd + 2);
            return h;
        }
    }
}
