package org.mailflow.ingest.logs;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailflow.smtpauth.SenderDomains;
import org.mailflow.smtpauth.TlsVersion;

/**
 * A streaming reader of the Exim main log (SPEC 5, "Real sources"): fed the lines of one log in
 * order, it hands each SMTP AUTH submission and each failed authentication to a {@link Sink} and
 * keeps the counts an import summary needs. It holds no state between lines (Exim writes everything
 * about a reception on its {@code <=} line), so memory stays constant however long the log is.
 *
 * <p>What counts:
 * <ul>
 * <li>a {@code <=} line carrying {@code A=} is a submission. The sender is the id after the first
 *     {@code :} of {@code A=}, else the {@code <=} (envelope) address; the domain follows
 *     {@link SenderDomains#domainOf}; {@code X=} gives the TLS version and cipher (no {@code X=}:
 *     {@code none}); {@code H=… [ip]} the client address; {@code id=} the message-id.</li>
 * <li>a {@code <name> authenticator failed for … (set_id=…)} line is an auth failure of that account,
 *     never a submission. One without {@code set_id} names no account and is only counted.</li>
 * <li>everything else, {@code <=} lines without {@code A=} included, is irrelevant and only counted.</li>
 * </ul>
 * A relevant line that cannot be read (bad timestamp, unknown TLS version, no sender…) is skipped
 * and reported with its line number; the first {@value #MAX_REPORTED} are kept, all are counted.
 *
 * <p>The line is cut into tokens that respect double quotes (with backslash escapes) and
 * parentheses, so {@code T="… A=fake X=fake"} or a HELO name such as {@code (A=x)} is never taken
 * for a field. Not thread-safe: one parser per log.
 */
public final class EximParser {
    /** How many malformed lines are kept for the report; the rest are only counted. */
    public static final int MAX_REPORTED = 100;

    /** Receives what the parser finds, in log order. */
    public interface Sink {
        /** A message accepted from an authenticated client. */
        void submission(EximSubmission submission);

        /** A failed authentication that names its account. */
        void authFailure(EximAuthFailure failure);
    }

    /** A relevant line that was skipped, and why. */
    public record BadLine(long lineNumber, String reason) {
    }

    // Date and time, optional fraction (log_selector +millisec), optional offset (log_timezone),
    // written either as a separate word or stuck to the time; then the optional [pid] (+pid).
    private static final Pattern HEADER = Pattern.compile(
            "^(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d{1,9})?(?: ?([+-])(\\d{2}):?(\\d{2}))?"
                    + "(?: \\[\\d+\\])?(?= |$)");

    // Old ids are 6-6-2 base-62 characters, the ones of Exim 4.97 and later 6-11-4; the middle and
    // last parts are allowed any length between, so a log spanning the upgrade reads in one go.
    private static final Pattern QUEUE_ID = Pattern.compile("[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}");

    private static final Pattern FIELD = Pattern.compile("([A-Za-z][A-Za-z0-9]*)=(.*)", Pattern.DOTALL);

    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]+(?:%[0-9A-Za-z._-]+)?");

    private final Sink sink;
    private final List<BadLine> malformed = new ArrayList<>();
    private long submissions;
    private long authFailures;
    private long unattributedAuthFailures;
    private long irrelevant;
    private long malformedCount;

    /** A parser that hands what it finds to {@code sink}. */
    public EximParser(Sink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Reads one line of the log. Lines must come in file order; {@code lineNumber} is only used in
     * what is reported. A null line counts as irrelevant.
     */
    public void accept(long lineNumber, String line) {
        if (line == null) {
            irrelevant++;
            return;
        }
        Matcher header = HEADER.matcher(line);
        if (!header.find()) {
            // Without a readable timestamp nothing else can be trusted either; a line that still
            // looks like an authenticated reception is reported, so a damaged log is noticed.
            if (line.contains(" <= ") && line.contains(" A=")) {
                bad(lineNumber, "no readable timestamp at the start of the line");
            } else {
                irrelevant++;
            }
            return;
        }
        Long second = epochSecond(header);
        List<String> tokens = tokens(line, header.end());
        if (tokens.size() >= 3 && QUEUE_ID.matcher(tokens.get(0)).matches() && tokens.get(1).equals("<=")) {
            reception(lineNumber, second, tokens);
        } else if (tokens.size() >= 4 && tokens.get(1).equals("authenticator") && tokens.get(2).equals("failed")
                && tokens.get(3).equals("for")) {
            failure(lineNumber, second, tokens);
        } else {
            irrelevant++;
        }
    }

    /** Submissions handed to the sink. */
    public long submissions() {
        return submissions;
    }

    /** Auth failures handed to the sink (those naming an account). */
    public long authFailures() {
        return authFailures;
    }

    /** {@code authenticator failed} lines without {@code set_id}: they name no account, so are only counted. */
    public long unattributedAuthFailures() {
        return unattributedAuthFailures;
    }

    /** Lines passed over as not relevant, {@code <=} lines without {@code A=} among them. */
    public long irrelevant() {
        return irrelevant;
    }

    /** All relevant lines that were skipped as malformed. */
    public long malformedCount() {
        return malformedCount;
    }

    /** The first {@value #MAX_REPORTED} malformed lines, in log order. */
    public List<BadLine> malformed() {
        return List.copyOf(malformed);
    }

    /**
     * The SASL mechanism an Exim authenticator implements, guessed from its name, because Exim logs
     * only the name the administrator gave the authenticator ({@code dovecot_plain},
     * {@code login_server}), while the report groups by mechanism like the other sources
     * ({@code sasl_method=PLAIN} of Postfix, Microsoft's report). Names containing {@code xoauth2},
     * {@code oauthbearer}, {@code cram_md5}/{@code cram-md5}, {@code plain}, {@code login} or
     * {@code ntlm} (any case, checked in that order) give {@code XOAUTH2}, {@code OAUTHBEARER},
     * {@code CRAM-MD5}, {@code PLAIN}, {@code LOGIN}, {@code NTLM}; any other name is returned as
     * written, since guessing further would invent a mechanism.
     */
    public static String authMethodOf(String authenticator) {
        String n = authenticator.strip().toLowerCase(Locale.ROOT);
        if (n.contains("xoauth2")) {
            return "XOAUTH2";
        }
        if (n.contains("oauthbearer")) {
            return "OAUTHBEARER";
        }
        if (n.contains("cram_md5") || n.contains("cram-md5") || n.contains("crammd5")) {
            return "CRAM-MD5";
        }
        if (n.contains("plain")) {
            return "PLAIN";
        }
        if (n.contains("login")) {
            return "LOGIN";
        }
        if (n.contains("ntlm")) {
            return "NTLM";
        }
        return authenticator.strip();
    }

    private void reception(long lineNumber, Long second, List<String> tokens) {
        String envelope = unbracket(tokens.get(2));
        Map<String, List<String>> fields = fields(tokens, 3);
        List<String> auth = fields.get("A");
        if (auth == null) {
            irrelevant++; // an unauthenticated reception: relayed in, or local
            return;
        }
        if (second == null) {
            bad(lineNumber, "invalid date or time");
            return;
        }
        String a = auth.get(0);
        int colon = a.indexOf(':');
        String authenticator = colon < 0 ? a : a.substring(0, colon);
        String id = colon < 0 ? "" : unquote(a.substring(colon + 1));
        if (authenticator.isBlank()) {
            bad(lineNumber, "A= names no authenticator");
            return;
        }
        String sender = SenderDomains.normalise(id.isBlank() ? envelope : id);
        if (sender.isEmpty()) {
            bad(lineNumber, "no sender: A= has no id and the envelope sender is empty");
            return;
        }
        if (sender.length() > SenderDomains.MAX_LENGTH) {
            bad(lineNumber, "sender longer than " + SenderDomains.MAX_LENGTH + " characters (a cut or garbled line)");
            return;
        }
        TlsVersion tls = TlsVersion.NONE;
        String cipher = "";
        List<String> x = fields.get("X");
        if (x != null) {
            String[] parts = x.get(0).split(":", -1);
            Optional<TlsVersion> version = parts[0].isBlank() ? Optional.empty() : TlsVersion.parse(parts[0]);
            if (version.isEmpty()) {
                bad(lineNumber, "unknown TLS version in X=" + x.get(0));
                return;
            }
            tls = version.get();
            cipher = parts.length > 1 ? parts[1].strip() : "";
        }
        String ip = "";
        List<String> host = fields.get("H");
        if (host != null) {
            ip = addressOf(host);
            if (ip == null) {
                bad(lineNumber, "no client address in H=" + String.join(" ", host));
                return;
            }
        }
        String messageId = null;
        List<String> mid = fields.get("id");
        if (mid != null) {
            String v = unbracket(unquote(mid.get(0)));
            messageId = v.isEmpty() || v.length() > SenderDomains.MAX_LENGTH ? null : "<" + v + ">";
        }
        submissions++;
        sink.submission(new EximSubmission(lineNumber, second, sender, SenderDomains.domainOf(sender, envelope), ip,
                authMethodOf(authenticator), tls, cipher, messageId, tokens.get(0)));
    }

    private void failure(long lineNumber, Long second, List<String> tokens) {
        String account = null;
        for (int i = tokens.size() - 1; i >= 4 && account == null; i--) {
            String t = tokens.get(i);
            if (t.startsWith("(set_id=") && t.endsWith(")")) {
                account = SenderDomains.normalise(unquote(t.substring(8, t.length() - 1)));
            }
        }
        if (account == null || account.isEmpty()) {
            unattributedAuthFailures++;
            return;
        }
        if (account.length() > SenderDomains.MAX_LENGTH) {
            bad(lineNumber, "set_id longer than " + SenderDomains.MAX_LENGTH + " characters (a cut or garbled line)");
            return;
        }
        if (second == null) {
            bad(lineNumber, "invalid date or time");
            return;
        }
        // The host part runs from "for" to the SMTP code: [host] (helo) [ip]:port [I=[local]:port]:
        String ip = "";
        for (int i = 4; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.startsWith("H=")) {
                t = t.substring(2);
            }
            if (t.startsWith("I=") || t.matches("\\d{3}")) {
                break;
            }
            if (t.startsWith("[")) {
                String found = bracketed(t);
                ip = found == null ? "" : found;
                break;
            }
        }
        authFailures++;
        sink.authFailure(new EximAuthFailure(lineNumber, second, account, ip, tokens.get(0)));
    }

    private void bad(long lineNumber, String reason) {
        malformedCount++;
        if (malformed.size() < MAX_REPORTED) {
            malformed.add(new BadLine(lineNumber, reason));
        }
    }

    /** The UTC epoch second of the header, or null when its date or time does not exist. */
    private static Long epochSecond(Matcher m) {
        try {
            LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalTime time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)));
            // No offset: UTC, as for every timestamp of SPEC 5 that does not say otherwise.
            ZoneOffset offset = ZoneOffset.UTC;
            if (m.group(7) != null) {
                int sign = m.group(7).equals("-") ? -1 : 1;
                offset = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(m.group(8)), sign * Integer.parseInt(m.group(9)));
            }
            return day.atTime(time).toEpochSecond(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The fields after the envelope sender: {@code KEY=value} words, each followed by the words
     * that are not fields themselves ({@code H=host (helo) [ip]:port} spans three). The first
     * occurrence of a key wins. Reading stops at a bare {@code for} or {@code from}: what follows
     * are addresses (recipients, the original sender), and an address such as {@code A=b@x} must not
     * be taken for the authenticator.
     */
    private static Map<String, List<String>> fields(List<String> tokens, int from) {
        Map<String, List<String>> fields = new HashMap<>();
        List<String> current = null;
        for (int i = from; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("for") || t.equals("from")) {
                break;
            }
            Matcher f = FIELD.matcher(t);
            if (f.matches()) {
                if (fields.containsKey(f.group(1))) {
                    current = null;
                } else {
                    current = new ArrayList<>();
                    current.add(f.group(2));
                    fields.put(f.group(1), current);
                }
            } else if (current != null) {
                current.add(t);
            }
        }
        return fields;
    }

    /**
     * The client address of an {@code H=} value: the last {@code [..]} outside parentheses, so a
     * HELO of {@code ([192.0.2.9])} is not taken for it. Null when there is none or it is not an
     * IPv4 or IPv6 address.
     */
    private static String addressOf(List<String> host) {
        String found = null;
        for (String t : host) {
            if (t.startsWith("[")) {
                found = bracketed(t);
            }
        }
        return found;
    }

    /** The address between the brackets of {@code [ip]} or {@code [ip]:port}, or null. */
    private static String bracketed(String t) {
        int close = t.indexOf(']');
        if (close < 0) {
            return null;
        }
        String ip = t.substring(1, close).strip();
        if (!IP.matcher(ip).matches() || (ip.indexOf('.') < 0 && ip.indexOf(':') < 0)) {
            return null;
        }
        return ip.toLowerCase(Locale.ROOT);
    }

    /** {@code value} without one pair of surrounding angle brackets. */
    private static String unbracket(String value) {
        String v = value.strip();
        if (v.length() >= 2 && v.startsWith("<") && v.endsWith(">")) {
            v = v.substring(1, v.length() - 1).strip();
        }
        return v;
    }

    /** {@code value} without surrounding double quotes and their backslash escapes, when it is wholly quoted. */
    static String unquote(String value) {
        String v = value.strip();
        if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') {
            return v;
        }
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() - 1) {
                c = v.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * The words of {@code line} from {@code from}: split at blanks, except inside double quotes
     * (backslash escapes the next character) and inside parentheses. A line whose parentheses do not
     * balance is split again ignoring them, so one stray {@code (} cannot swallow the rest.
     */
    static List<String> tokens(String line, int from) {
        List<String> out = new ArrayList<>();
        if (!split(line, from, true, out)) {
            out.clear();
            split(line, from, false, out);
        }
        return out;
    }

    private static boolean split(String s, int from, boolean parens, List<String> out) {
        int n = s.length();
        int i = from;
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            boolean quoted = false;
            int depth = 0;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (quoted) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (parens && c == '(') {
                    depth++;
                } else if (parens && c == ')' && depth > 0) {
                    depth--;
                } else if (depth == 0 && Character.isWhitespace(c)) {
                    break;
                }
            }
            if (depth > 0) {
                return false;
            }
            out.add(s.substring(start, Math.min(i, n)));
        }
        return true;
    }
}
