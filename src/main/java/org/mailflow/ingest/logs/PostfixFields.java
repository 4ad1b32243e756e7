package org.mailflow.ingest.logs;

/** The small readers of Postfix message fields that the parser's lines share. */
final class PostfixFields {
    private PostfixFields() {
    }

    private static final String WITH_CIPHER = " with cipher ";

    /**
     * The {@code client}, {@code sasl_method} and {@code sasl_username} fields of a {@code client=} line,
     * null when absent. Fields are {@code key=value} separated by {@code ", "}; a {@code ", "} that is not
     * followed by {@code key=} stays inside the value (user names and client names may hold one); keys
     * are compared stripped of white space; a key given twice keeps its first value.
     */
    record ClientFields(String client, String method, String user) {
        static ClientFields of(String s) {
            String client = null;
            String method = null;
            String user = null;
            int start = 0;
            while (start < s.length()) {
                int eq = s.indexOf('=', start);
                if (eq < 0) {
                    break;
                }
                int end = nextField(s, eq + 1);
                int from = start;
                int to = eq;
                while (from < to && Character.isWhitespace(s.charAt(from))) {
                    from++;
                }
                while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
                    to--;
                }
                if (client == null && isKey(s, from, to, "client")) {
                    client = s.substring(eq + 1, end);
                } else if (method == null && isKey(s, from, to, "sasl_method")) {
                    method = s.substring(eq + 1, end);
                } else if (user == null && isKey(s, from, to, "sasl_username")) {
                    user = s.substring(eq + 1, end);
                }
                start = end + 2;
            }
            return new ClientFields(client, method, user);
        }

        private static boolean isKey(String s, int from, int to, String key) {
            return to - from == key.length() && s.startsWith(key, from);
        }
    }

    private static int nextField(String s, int from) {
        int i = from;
        while (true) {
            int sep = s.indexOf(", ", i);
            if (sep < 0) {
                return s.length();
            }
            int j = sep + 2;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '-')) {
                j++;
            }
            if (j > sep + 2 && j < s.length() && s.charAt(j) == '=') {
                return sep;
            }
            i = sep + 2;
        }
    }

    /**
     * The address inside the last {@code [...]} of a client written {@code name[ip]} or
     * {@code name[ip]:port} ({@code ipv6:} prefix dropped); "" if none.
     */
    static String ipOf(String client) {
        if (client == null) {
            return "";
        }
        int close = client.lastIndexOf(']');
        int open = close < 0 ? -1 : client.lastIndexOf('[', close);
        if (open < 0) {
            return "";
        }
        String ip = client.substring(open + 1, close).strip();
        return ip.regionMatches(true, 0, "ipv6:", 0, 5) ? ip.substring(5) : ip;
    }

    /**
     * The part of a handshake's text (what follows {@code … from }) that starts with the protocol:
     * after the {@code ": "} that ends the client ({@code name[ip]}, {@code name[ip]:port}, with
     * {@code  to SNI} after it when the client sent one), found as the last {@code ": "} before
     * {@code  with cipher } (a client name has no blank, a protocol no colon); "" when there is none.
     */
    static String protocolText(String value) {
        int cipher = value.indexOf(WITH_CIPHER);
        int colon = cipher < 0 ? value.lastIndexOf(": ") : value.lastIndexOf(": ", cipher);
        return colon < 0 ? "" : value.substring(colon + 2);
    }

    /** What comes before the recipient count of a qmgr {@code from=} line. */
    static final String NRCPT = ", nrcpt=";
    /** Digits of a recipient count read at most: a larger one is no real message (and would not fit an int). */
    private static final int NRCPT_DIGITS = 9;

    /**
     * The recipient count of a qmgr {@code from=} line, given the text after {@code from=}; -1 when it
     * has none. Postfix writes {@code from=<%s>, size=%ld, nrcpt=%d} and then {@code  (queue active)}
     * (global/opened.c), so the count is read from the end of the line: a sender address, which a
     * client chooses and which may be quoted to hold {@code , nrcpt=}, comes before it and cannot pass
     * for it. Other qmgr {@code from=} lines ({@code from=<x>, status=expired, returned to sender})
     * have no count.
     */
    static int nrcpt(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == ' ') {
            end--;
        }
        if (end > 0 && value.charAt(end - 1) == ')') {
            end = value.lastIndexOf(" (", end - 1); // "(queue active)"
            if (end < 0) {
                return -1;
            }
        }
        int digits = end;
        while (digits > 0 && end - digits < NRCPT_DIGITS && value.charAt(digits - 1) >= '0' && value.charAt(digits - 1) <= '9') {
            digits--;
        }
        if (digits == end || !value.startsWith(NRCPT, digits - NRCPT.length())) {
            return -1; // no count, or one of more than NRCPT_DIGITS digits
        }
        int n = 0;
        for (int i = digits; i < end; i++) {
            n = n * 10 + value.charAt(i) - '0';
        }
        return n;
    }

    /** A message-id without its angle brackets, or cut at a blank when it has none ({@code abc (added by …)}). */
    static String stripBrackets(String s) {
        String v = s.strip();
        int sp = v.indexOf(' ');
        boolean bracketed = !v.isEmpty() && v.charAt(0) == '<';
        if (sp >= 0 && !bracketed) {
            v = v.substring(0, sp); // "message-id=abc (added by …)" style trailers
        }
        if (bracketed) {
            int close = v.indexOf('>');
            v = close < 0 ? v.substring(1) : v.substring(1, close);
        }
        return v.strip();
    }
}
