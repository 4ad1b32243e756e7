package org.mailflow.ingest.mailbox;

import org.mailflow.model.UserText;
import org.mailflow.smtpauth.SenderDomains;

/**
 * The sender of a message: the address of its {@code From:} header, read leniently, as real spam
 * writes it (SPEC 5, "Mailboxes"). Display names are never the sender, whatever they hold: quoted or
 * not, RFC 2047 encoded or not (encoded words are never decoded here), with stray commas or an
 * address-like text of their own ({@code "service@bank.example" <phish@evil.example>}).
 *
 * <p>The whole value is read, quoted strings, comments and angle brackets told apart (SPEC 5):
 * <ol>
 * <li>the address inside the last {@code <…>} that holds an {@code @} ({@code mailto:} and an
 *     obsolete source route {@code @relay:} dropped), so {@code Name , <a@b.example>} (a stray comma
 *     after a bare name) and {@code service@bank.example, <phish@evil.example>} are the address in
 *     brackets, and of {@code A <a@x.example>, B <b@y.example>} the last counts;</li>
 * <li>else the first bare {@code local@domain} token outside quoted strings and comments, whose local
 *     part has only the characters of RFC 5322 {@code atext} and dots, and whose domain only letters,
 *     digits, hyphens and dots (or is an {@code [address literal]}); text that merely contains an
 *     {@code @}, such as an undecoded encoded word, is not one.</li>
 * </ol>
 * A quote or parenthesis that is never closed is read as an ordinary character, so one stray
 * {@code "} does not hide the rest of the header.
 *
 * <p>The address is trimmed and lower-cased. A {@code From:} with no address ({@code From: Name},
 * {@code From: <MAILER-DAEMON>}, an empty or a group without members), an address holding control
 * characters, or one longer than {@link SenderDomains#MAX_LENGTH} is refused with a reason: the
 * message is reported, never counted under an invented sender.
 */
public final class FromAddress {
    /** The address, or why there is none: exactly one of the two is null. */
    public record Result(String address, UserText problemText) {
        /** Why the header gives no sender, in the environment's language; null when it gives one. */
        public String problem() {
            return problemText == null ? null : problemText.toString();
        }

        public boolean ok() {
            return address != null;
        }
    }

    private static final byte PLAIN = 0;
    private static final byte QUOTED = 1;
    private static final byte COMMENT = 2;
    private static final byte ANGLE = 3;
    private static final String ATEXT_PUNCT = "!#$%&'*+-/=?^_`{|}~.";

    private FromAddress() {
    }

    /** The sender of a {@code From:} value (unfolded; null when the message has no {@code From:}). */
    public static Result of(String value) {
        if (value == null) {
            return new Result(null, UserText.of("mailbox.noFrom"));
        }
        // SPEC 5 reads the whole value, not mailbox by mailbox: of "service@bank.example, <phish@evil.example>"
        // (a bare address as a display name, then a stray comma) the sender is the address in brackets
        Result r = inMailbox(value, structure(value), 0, value.length());
        return r != null ? r : new Result(null, UserText.of("mailbox.fromNoAddress", quote(value)));
    }

    /** The display name of the first mailbox, RFC 2047 decoded and unquoted; empty when it has none. */
    public static String displayName(String value) {
        if (value == null) {
            return "";
        }
        byte[] kind = structure(value);
        int end = value.length();
        for (int i = 0; i < value.length(); i++) {
            if (kind[i] == PLAIN && value.charAt(i) == ',') {
                end = i;
                break;
            }
        }
        int open = -1;
        for (int i = 0; i < end; i++) {
            if (kind[i] == ANGLE) {
                open = i;
                break;
            }
        }
        if (open < 0) {
            return "";
        }
        String name = Rfc2047.decode(value.substring(0, open - 1)).strip(); // open - 1 is the '<'
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return name;
    }

    /** The address of one mailbox ({@code value[from..to)}), a refusal, or null when it holds none. */
    private static Result inMailbox(String value, byte[] kind, int from, int to) {
        // 1. The last <…> holding an @.
        int lastStart = -1;
        int lastEnd = -1;
        for (int i = from; i < to; i++) {
            if (kind[i] == ANGLE) {
                int j = i;
                while (j < to && kind[j] == ANGLE) {
                    j++;
                }
                if (value.indexOf('@', i) >= 0 && value.indexOf('@', i) < j) {
                    lastStart = i;
                    lastEnd = j;
                }
                i = j;
            }
        }
        if (lastStart >= 0) {
            Result r = angle(value.substring(lastStart, lastEnd));
            if (r != null) {
                return r;
            }
        }
        // 2. The first bare local@domain token outside quotes and comments.
        int i = from;
        while (i < to) {
            while (i < to && (kind[i] != PLAIN || delimiter(value.charAt(i)))) {
                i++;
            }
            int j = i;
            while (j < to && kind[j] == PLAIN && !delimiter(value.charAt(j))) {
                j++;
            }
            if (j > i) {
                Result r = bare(value.substring(i, j));
                if (r != null) {
                    return r;
                }
            }
            i = j;
        }
        return null;
    }

    /** The content of angle brackets as an address; null when it holds none. */
    private static Result angle(String content) {
        String a = content.strip();
        if (a.regionMatches(true, 0, "mailto:", 0, 7)) {
            a = a.substring(7).strip();
        }
        if (a.startsWith("@") && a.indexOf(':') > 0) {
            a = a.substring(a.lastIndexOf(':') + 1).strip(); // obsolete source route: <@relay.example:a@b.example>
        }
        if (hasControl(a)) {
            return controls();
        }
        if (a.indexOf(' ') >= 0) {
            // <Name a@b.example>: only a token of it can be the address.
            for (String token : a.split(" +")) {
                Result r = bare(token);
                if (r != null) {
                    return r;
                }
            }
            return null;
        }
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            return null;
        }
        return accept(a);
    }

    /** A bare token as an address; null when it is not one. */
    private static Result bare(String token) {
        int at = token.lastIndexOf('@');
        if (at < 0) {
            return null;
        }
        if (hasControl(token)) {
            return controls();
        }
        if (at == 0 || at == token.length() - 1 || token.startsWith("=?")) {
            return null;
        }
        for (int k = 0; k < at; k++) {
            char c = token.charAt(k);
            if (!(Character.isLetterOrDigit(c) || ATEXT_PUNCT.indexOf(c) >= 0 || c >= 0x80)) {
                return null;
            }
        }
        String domain = token.substring(at + 1);
        if (!(domain.startsWith("[") && domain.endsWith("]"))) {
            for (int k = 0; k < domain.length(); k++) {
                char c = domain.charAt(k);
                if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.' || c >= 0x80)) {
                    return null;
                }
            }
        }
        return accept(token);
    }

    private static Result accept(String address) {
        String a = SenderDomains.normalise(address);
        if (a.length() > SenderDomains.MAX_LENGTH) {
            return new Result(null, UserText.of("mailbox.fromLong", SenderDomains.MAX_LENGTH));
        }
        return new Result(a, null);
    }

    private static Result controls() {
        return new Result(null, UserText.of("mailbox.fromControls"));
    }

    private static boolean delimiter(char c) {
        return c == ' ' || c == '\t' || c == ',' || c == ';' || c == ':' || c == '<' || c == '>' || c == '"' || c == '('
                || c == ')';
    }

    static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What each character of {@code v} is part of: plain text, a quoted string, a comment or the
     * inside of angle brackets (the brackets themselves are plain). Quotes and parentheses count only
     * when they are closed, and angle brackets only with a {@code >} after the {@code <}.
     */
    private static byte[] structure(String v) {
        int n = v.length();
        byte[] kind = new byte[n];
        int i = 0;
        while (i < n) {
            char c = v.charAt(i);
            if (c == '"') {
                int end = closingQuote(v, i + 1);
                if (end > 0) {
                    java.util.Arrays.fill(kind, i, end + 1, QUOTED);
                    i = end + 1;
                    continue;
                }
            } else if (c == '(') {
                int end = closingParen(v, i);
                if (end > 0) {
                    java.util.Arrays.fill(kind, i, end + 1, COMMENT);
                    i = end + 1;
                    continue;
                }
            } else if (c == '<') {
                int end = v.indexOf('>', i + 1);
                int reopen = v.indexOf('<', i + 1);
                if (end > 0 && (reopen < 0 || reopen > end)) {
                    java.util.Arrays.fill(kind, i + 1, end, ANGLE);
                    i = end + 1;
                    continue;
                }
            }
            i++;
        }
        return kind;
    }

    private static int closingQuote(String v, int from) {
        for (int i = from; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int closingParen(String v, int open) {
        int depth = 0;
        for (int i = open; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The value for a message: control characters shown as {@code ?}, cut at 60 characters. */
    private static String quote(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return "empty";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < v.length() && i < 60; i++) {
            char c = v.charAt(i);
            b.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ? '?' : c);
        }
        return b.append(v.length() > 60 ? "…\"" : "\"").toString();
    }
}
