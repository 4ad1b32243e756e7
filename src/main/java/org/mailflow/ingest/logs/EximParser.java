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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailflow.smtpauth.SenderDomains;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.model.UserText;

/**
 * A streaming reader of the Exim main log (SPEC 5, "Real sources"): fed the lines of one log in
 * order, it hands each SMTP AUTH submission and each failed authentication to a {@link LogSink} and
 * keeps the counts an import summary needs. Exim writes everything about a reception on its
 * {@code <=} line, so the only state kept between lines is that of a syslog line split in parts.
 *
 * <h2>Lines</h2>
 * Exim's own main log ({@code 2026-11-12 08:30:00[.123][ +0100][ [pid]] text}), or the same text
 * logged <b>through syslog</b>: {@code Jun 29 16:04:19 host exim[1234]: } or an RFC 3339 stamp and host
 * before it ({@link SyslogPrefix}; any program whose name starts with {@code exim}), with Exim's own
 * timestamp (the default {@code syslog_timestamp}) or without it; Exim's own timestamp wins where both
 * exist, else the syslog stamp dates the line (a classic one through {@link SyslogTime}, as for
 * Postfix). A line longer than Exim's syslog limit comes as parts {@code [1/3] …}, {@code [2/3] …},
 * {@code [3/3] …} (with {@code \} instead of {@code /} on a part that a line end of the message
 * followed); the parts of one process are joined, and the message counts at the line of its last
 * part, the line that completes it (so a grown log's old end never splits one).
 *
 * <h2>What counts</h2>
 * <ul>
 * <li>a {@code <=} line carrying {@code A=} ({@code authenticator}, {@code authenticator:id} or, with
 *     {@code +smtp_mailauth}, {@code authenticator:id:sender}) is a submission. The sender is the id
 *     (the second {@code :} field of {@code A=}), else the {@code <=} (envelope) address; the domain
 *     follows {@link SenderDomains#domainOf}; {@code X=} gives the TLS version and cipher (a version
 *     {@link TlsVersion#parse} does not know is {@code TLS}: the session was encrypted; no {@code X=}:
 *     {@code none}); {@code H=… [ip]} the client address; {@code id=} (or {@code id*=}, a message-id
 *     Exim made) the message-id, without angle brackets; the auth method is the authenticator's
 *     mechanism ({@link #authMethodOf}); with {@code log_selector = +received_recipients}, the
 *     {@code for a@x b@y} list Exim appends after every field gives the number of recipients
 *     ({@link #recipientsOf}; 0 without it).</li>
 * <li>an {@code <name> authenticator failed for … (set_id=…)} line is an auth failure of that account,
 *     whatever follows the closing parenthesis ({@code : 435 Unable to authenticate at present});
 *     without {@code set_id} it counts under the empty account {@code ""}, as in Postfix; never a
 *     submission.</li>
 * <li>everything else, {@code <=} lines without {@code A=} included, is irrelevant and only counted.</li>
 * </ul>
 * A relevant line that cannot be read (no readable timestamp, a time outside 1970 to 2999, no sender,
 * an address with control characters…) is skipped and reported with its line number; the first
 * {@value #MAX_REPORTED} are kept, all are counted.
 *
 * <p>The line is cut into tokens that respect double quotes (with backslash escapes) and
 * parentheses, so {@code T="… A=fake X=fake"} or a HELO name such as {@code (A=x)} is never taken
 * for a field. Not thread-safe: one parser per log.
 */
public final class EximParser implements LogParser {
    /** How many malformed lines are kept for the report; the rest are only counted. */
    public static final int MAX_REPORTED = 100;

    // Date and time, optional fraction (log_selector +millisec), optional offset (log_timezone),
    // written either as a separate word or stuck to the time; then the optional [pid] (+pid).
    private static final Pattern HEADER = Pattern.compile(
            "^(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d{1,9})?(?: ?([+-])(\\d{2}):?(\\d{2}))?"
                    + "(?: \\[\\d+\\])?(?= |$)");

    /** Exim's [pid] at the start of a syslog message without Exim's own timestamp. */
    private static final Pattern PID = Pattern.compile("^\\[\\d+\\](?= )");

    /** A part of a line Exim split for syslog: {@code [2/3] } or {@code [2\3] }. */
    private static final Pattern PART = Pattern.compile("^\\[(\\d{1,4})([/\\\\])(\\d{1,4})\\] ");

    // Old ids are 6-6-2 base-62 characters, the ones of Exim 4.97 and later 6-11-4; the middle and
    // last parts are allowed any length between, so a log spanning the upgrade reads in one go.
    private static final Pattern QUEUE_ID = Pattern.compile("[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}");

    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]+(?:%[0-9A-Za-z._-]+)?");

    private final LogSink sink;
    private final SyslogTime time;
    private final List<BadLine> malformed = new ArrayList<>();
    /** Parts of split syslog lines not yet complete, by host and pid. */
    private final Map<String, Split> splits = new HashMap<>();
    private long lines;
    private long relevant;
    private long irrelevant;
    private long bad;
    private long submissions;
    private long authFailures;

    /** A parser for a log whose lines carry Exim's own timestamps or RFC 3339 syslog stamps. */
    public EximParser(LogSink sink) {
        this(sink, SyslogTime.startingIn(LocalDate.now(ZoneOffset.UTC).getYear()));
    }

    /**
     * @param sink receives what the parser finds, in log order
     * @param time dates classic syslog stamps ({@code Jun 29 16:04:19}) of lines without Exim's own
     *             timestamp; fresh for this file (see {@link SyslogTime} for the year rule)
     */
    public EximParser(LogSink sink, SyslogTime time) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.time = Objects.requireNonNull(time, "time");
    }

    /** What {@link #classify} makes of a line that cannot count: the parser counts it as irrelevant, undecoded. */
    public static final Object IRRELEVANT = new Object() {
        @Override
        public String toString() {
            return "an Exim line that cannot count";
        }
    };

    /**
     * Reads a line of an Exim log from its bytes when that is enough (the import's reading thread calls
     * this for every line, {@code LinePipeline.Classifier}): {@link #IRRELEVANT} for a line that starts
     * with a digit (Exim's own timestamp, or an RFC 3339 syslog stamp; a classic syslog stamp dates the
     * lines after it and is read as text) and holds neither {@code A=} nor {@code authenticator} (what
     * {@link #mayCount} looks for) nor {@code ": ["} (where a syslog line's parts begin, which are joined
     * as text); null for any other line, which is decoded and read by {@link #accept(long, String)}. On a
     * 300 MB log six lines in seven are deliveries, connections and rejections: they were decoded into
     * strings only to be counted (issue 15). UTF-8 never has these ASCII bytes inside another character,
     * so the bytes say what the text would.
     */
    public static Object classify(byte[] b, int off, int len) {
        if (len == 0 || b[off] < '0' || b[off] > '9') {
            return null;
        }
        int end = off + len;
        for (int i = off; i < end - 1; i++) {
            byte c = b[i];
            if (c == 'A' && b[i + 1] == '=') {
                return null;
            }
            if (c == ':' && i + 2 < end && b[i + 1] == ' ' && b[i + 2] == '[') {
                return null;
            }
            if (c == 'a' && i + AUTHENTICATOR.length <= end && startsWith(b, i, AUTHENTICATOR)) {
                return null;
            }
        }
        return IRRELEVANT;
    }

    private static final byte[] AUTHENTICATOR = "authenticator".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        for (int k = 0; k < prefix.length; k++) {
            if (b[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void accept(long lineNumber, Object line) {
        if (line == IRRELEVANT) {
            lines++;
            irrelevant++;
            return;
        }
        accept(lineNumber, (String) line);
    }

    /**
     * Reads one line of the log. Lines must come in file order; {@code lineNumber} is only used in
     * what is reported. A null line counts as irrelevant.
     */
    public void accept(long lineNumber, String line) {
        lines++;
        if (line == null) {
            irrelevant++;
            return;
        }
        time.observeMonth(SyslogTime.classicMonth(line));
        SyslogPrefix syslog = SyslogPrefix.parse(line);
        if (syslog != null && !syslog.program().regionMatches(true, 0, "exim", 0, 4)) {
            syslog = null; // another program's line in a shared log
        }
        String text = syslog == null ? line : line.substring(syslog.message());
        long at = lineNumber;
        if (syslog != null) {
            Matcher part = PART.matcher(text);
            if (part.find()) {
                Split joined = join(syslog, part, text.substring(part.end()));
                if (joined == null) {
                    irrelevant++; // counted here; the whole counts at its last part
                    return;
                }
                syslog = joined.prefix;
                text = joined.text.toString(); // counted at its last part: the line that completes it
            }
        }
        if (!mayCount(text)) {
            irrelevant++;
            return;
        }
        Matcher header = HEADER.matcher(text);
        int from;
        Long second;
        if (header.find()) {
            from = header.end();
            second = epochSecond(header);
        } else if (syslog != null) {
            Matcher pid = PID.matcher(text);
            from = pid.find() ? pid.end() : 0;
            second = syslog.epochSecond(time);
        } else {
            // Without a readable timestamp nothing else can be trusted either; a line that still
            // looks like an authenticated reception is reported, so a damaged log is noticed.
            if (line.contains(" <= ") && line.contains(" A=")) {
                bad(at, UserText.of("log.noTimestamp"));
            } else {
                irrelevant++;
            }
            return;
        }
        String server = syslog == null ? null : syslog.host();
        List<String> tokens = tokens(text, from);
        if (tokens.size() >= 3 && QUEUE_ID.matcher(tokens.get(0)).matches() && tokens.get(1).equals("<=")) {
            reception(at, second, tokens, server);
        } else if (tokens.size() >= 4 && tokens.get(1).equals("authenticator") && tokens.get(2).equals("failed")
                && tokens.get(3).equals("for")) {
            failure(at, second, tokens, text, server);
        } else {
            irrelevant++;
        }
    }

    /**
     * False when {@code text} can be neither a submission nor a failure, nor reported as malformed: it
     * has no {@code A=} (which every submission's {@code <=} line and a damaged one the parser reports
     * carry) and no {@code authenticator} (the word of a failure line). Most lines of a server's log are
     * deliveries, {@code Completed}, connections and rejections: they are counted as irrelevant here,
     * without the timestamp pattern and the tokenizer, which took most of the parse of a 300 MB log
     * before (issue 15).
     */
    static boolean mayCount(String text) {
        return text.indexOf("A=") >= 0 || text.indexOf("authenticator") >= 0;
    }

    /** One line being put together from its syslog parts. */
    private static final class Split {
        final SyslogPrefix prefix;
        final StringBuilder text = new StringBuilder();
        int next;
        /** The part before ended where the message had a line end ({@code [i\n]}). */
        boolean lineEndBefore;

        Split(SyslogPrefix prefix) {
            this.prefix = prefix;
        }
    }

    /**
     * Adds a part of a split line; the whole line once its last part has come, else null. A part that
     * does not follow the one before (lost in transit) starts afresh from part 1 or is dropped.
     */
    private Split join(SyslogPrefix prefix, Matcher part, String rest) {
        int i = Integer.parseInt(part.group(1));
        int n = Integer.parseInt(part.group(3));
        String key = prefix.host() + '\0' + prefix.pid();
        Split s = splits.get(key);
        if (i == 1 || s == null || s.next != i) {
            if (i != 1) {
                splits.remove(key);
                return null;
            }
            s = new Split(prefix);
            splits.put(key, s);
        } else if (s.lineEndBefore) {
            s.text.append(' '); // the message had a line end after the part before
        }
        s.text.append(rest);
        s.next = i + 1;
        // write_syslog marks a part "[i\n]" when a line end of the message follows it, "[i/n]" when cut for length
        s.lineEndBefore = part.group(2).equals("\\");
        if (i < n) {
            return null;
        }
        splits.remove(key);
        return s;
    }

    @Override
    public void drain() {
        // results go to the sink as they are found
    }

    @Override
    public void finish() {
        // Exim writes everything about a reception on one line: nothing is pending but the parts of a
        // split line whose last part never came, which tell nothing.
        splits.clear();
    }

    @Override
    public LogStats stats() {
        return new LogStats(lines, relevant, irrelevant, bad, submissions, authFailures);
    }

    @Override
    public List<BadLine> badExamples() {
        return List.copyOf(malformed);
    }

    /** Submissions handed to the sink. */
    public long submissions() {
        return submissions;
    }

    /** Auth failures handed to the sink (those without {@code set_id} under the empty account). */
    public long authFailures() {
        return authFailures;
    }

    /** Lines passed over as not relevant, {@code <=} lines without {@code A=} among them. */
    public long irrelevant() {
        return irrelevant;
    }

    /** All relevant lines that were skipped as malformed. */
    public long malformedCount() {
        return bad;
    }

    /** The first {@value #MAX_REPORTED} malformed lines, in log order. */
    public List<BadLine> malformed() {
        return List.copyOf(malformed);
    }

    /** The SASL mechanisms an authenticator name may name, by the lower-case part that names them. */
    private static final Map<String, String> MECHANISMS = Map.ofEntries(
            Map.entry("plain", "PLAIN"), Map.entry("login", "LOGIN"), Map.entry("cram", "CRAM-MD5"), Map.entry("crammd5", "CRAM-MD5"),
            Map.entry("digest", "DIGEST-MD5"), Map.entry("digestmd5", "DIGEST-MD5"), Map.entry("ntlm", "NTLM"), Map.entry("spa", "NTLM"),
            Map.entry("xoauth2", "XOAUTH2"), Map.entry("oauthbearer", "OAUTHBEARER"), Map.entry("gssapi", "GSSAPI"),
            Map.entry("external", "EXTERNAL"), Map.entry("scram", "SCRAM-SHA-1"));

    /**
     * The SASL mechanism an Exim authenticator implements, read from its name (SPEC 2): Exim logs the
     * name the administrator gave the authenticator ({@code dovecot_plain}, {@code login_server}), while
     * the report groups by mechanism like the other sources. The name is split at {@code _} and
     * {@code -}; the first part that names a mechanism, in any case, gives it: {@code plain} →
     * {@code PLAIN}, {@code login} → {@code LOGIN}, {@code cram} or {@code crammd5} → {@code CRAM-MD5},
     * {@code digest} or {@code digestmd5} → {@code DIGEST-MD5}, {@code ntlm} or {@code spa} (Exim's driver for
     * Microsoft's Secure Password Authentication) → {@code NTLM}, {@code xoauth2},
     * {@code oauthbearer}, {@code gssapi}, {@code external}, and {@code scram} → {@code SCRAM-SHA-256}
     * when a part is {@code 256}, else {@code SCRAM-SHA-1}. Any other name is kept, upper-cased, as
     * the method (its protocol is then {@code Other}): guessing further would invent a mechanism.
     */
    public static String authMethodOf(String authenticator) {
        String name = authenticator.strip();
        String[] parts = name.toLowerCase(Locale.ROOT).split("[_-]");
        for (String part : parts) {
            String mechanism = MECHANISMS.get(part);
            if (mechanism != null) {
                return mechanism.equals("SCRAM-SHA-1") && List.of(parts).contains("256") ? "SCRAM-SHA-256" : mechanism;
            }
        }
        return name.toUpperCase(Locale.ROOT);
    }

    /** {@link #authMethodOf} of the authenticators seen, a server has a handful. */
    private final Map<String, String> methods = new HashMap<>();

    private String methodOf(String authenticator) {
        String m = methods.get(authenticator);
        if (m == null) {
            m = authMethodOf(authenticator);
            if (methods.size() < 1024) {
                methods.put(authenticator, m);
            }
        }
        return m;
    }

    private void reception(long lineNumber, Long second, List<String> tokens, String server) {
        String envelope = unbracket(tokens.get(2));
        Map<String, List<String>> fields = fields(tokens, 3);
        List<String> auth = fields.get("A");
        if (auth == null) {
            irrelevant++; // an unauthenticated reception: relayed in, or local
            return;
        }
        if (second == null) {
            bad(lineNumber, UserText.of("log.badDate"));
            return;
        }
        if (!SyslogTime.plausible(second)) {
            bad(lineNumber, UserText.of("log.dateYears"));
            return;
        }
        // Only the first word: the words after A= that are not fields are flags (PRDR, K), not a
        // continuation of the id (an id with a blank, which Exim would write as is, loses its tail).
        String a = auth.get(0);
        int colon = a.indexOf(':');
        String authenticator = colon < 0 ? a : a.substring(0, colon);
        String id = "";
        if (colon >= 0) {
            String rest = a.substring(colon + 1);
            int second2 = rest.indexOf(':');
            id = unquote(second2 < 0 ? rest : rest.substring(0, second2)); // A=name:id:sender (+smtp_mailauth)
        }
        if (authenticator.isBlank()) {
            bad(lineNumber, UserText.of("log.exim.noAuthenticator"));
            return;
        }
        String sender = SenderDomains.normalise(id.isBlank() ? envelope : id);
        if (sender.isEmpty()) {
            bad(lineNumber, UserText.of("log.exim.noSender"));
            return;
        }
        if (sender.length() > SenderDomains.MAX_LENGTH) {
            bad(lineNumber, UserText.of("log.long", "sender", SenderDomains.MAX_LENGTH));
            return;
        }
        if (SenderDomains.hasControlCharacter(sender)) {
            bad(lineNumber, UserText.of("log.controls", "sender"));
            return;
        }
        TlsVersion tls = TlsVersion.NONE;
        String cipher = null;
        List<String> x = fields.get("X");
        if (x != null) {
            String[] parts = x.get(0).split(":", -1);
            // X= is only logged for an encrypted session: a version this does not know is still TLS
            tls = TlsVersion.parse(parts[0]).filter(TlsVersion::encrypted).orElse(TlsVersion.TLS);
            cipher = parts.length > 1 && !parts[1].isBlank() ? parts[1].strip() : null;
        }
        String ip = "";
        List<String> host = fields.get("H");
        if (host != null) {
            ip = addressOf(host);
            if (ip == null) {
                bad(lineNumber, UserText.of("log.exim.noClient", String.join(" ", host)));
                return;
            }
        }
        String messageId = null;
        List<String> mid = fields.containsKey("id") ? fields.get("id") : fields.get("id*");
        if (mid != null) {
            String v = unbracket(unquote(mid.get(0)));
            messageId = v.isEmpty() || v.length() > SenderDomains.MAX_LENGTH || SenderDomains.hasControlCharacter(v) ? null : v;
        }
        submissions++;
        relevant++;
        sink.submission(new LogSubmission(lineNumber, second, sender, SenderDomains.domainOf(sender, envelope), ip,
                methodOf(authenticator), tls, cipher, server, messageId, envelope, recipientsOf(tokens, 3), null));
    }

    /**
     * The number of recipients a {@code <=} line lists in its words from index {@code from} on (the words
     * after the {@code <=} address), or 0 when it lists none. With {@code log_selector = +received_recipients} Exim
     * appends {@code  for} and the raw recipient addresses, each after a blank, behind every field and
     * behind the {@code  from <sender>} of {@code +received_sender} (log.c, {@code LOG_RECIPIENTS}); so
     * the list starts at the first bare word {@code for}, where {@link #fields} stops reading too. A
     * {@code for} inside {@code T="…"}, an {@code id=} or a HELO name in parentheses is part of its
     * word, never the list. A list that Exim cut at its log buffer's end (its last word ends in
     * {@code <trunc>}) counts the addresses it shows.
     */
    static int recipientsOf(List<String> tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).equals("for")) {
                return tokens.size() - i - 1;
            }
        }
        return 0;
    }

    private static final String SET_ID = "(set_id=";

    private void failure(long lineNumber, Long second, List<String> tokens, String text, String server) {
        String account = setId(text);
        account = account == null ? "" : SenderDomains.normalise(account);
        if (account.length() > SenderDomains.MAX_LENGTH) {
            bad(lineNumber, UserText.of("log.long", "set_id", SenderDomains.MAX_LENGTH));
            return;
        }
        if (SenderDomains.hasControlCharacter(account)) {
            bad(lineNumber, UserText.of("log.controls", "set_id"));
            return;
        }
        if (second == null) {
            bad(lineNumber, UserText.of("log.badDate"));
            return;
        }
        if (!SyslogTime.plausible(second)) {
            bad(lineNumber, UserText.of("log.dateYears"));
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
        relevant++;
        sink.authFailure(new LogAuthFailure(lineNumber, second, account, ip, methodOf(tokens.get(0)), server));
    }

    /**
     * The {@code set_id} of a failure line, null when it has none: the text of the last
     * {@code (set_id=…)}, up to the {@code )} that ends the line or is followed by {@code :} (Exim
     * writes {@code (set_id=x): 435 …} for a deferred check); an id may hold blanks and parentheses.
     */
    static String setId(String text) {
        int open = text.lastIndexOf(SET_ID);
        if (open < 0) {
            return null;
        }
        int from = open + SET_ID.length();
        int close = -1;
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == ')') {
                String after = text.substring(i + 1).strip();
                if (after.isEmpty() || after.startsWith(":")) {
                    close = i;
                    break;
                }
            }
        }
        if (close < 0) {
            close = text.lastIndexOf(')');
        }
        return close < from ? null : text.substring(from, close);
    }

    /** Bad lines up to this one are counted but not kept as examples ({@link #reportBadFrom}). */
    private long examplesAfter;

    @Override
    public void reportBadFrom(long line) {
        examplesAfter = line - 1;
    }

    private void bad(long lineNumber, UserText reason) {
        bad++;
        if (malformed.size() < MAX_REPORTED && lineNumber > examplesAfter) {
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
            int eq = fieldKeyEnd(t);
            if (eq > 0) {
                String key = t.substring(0, eq);
                if (fields.containsKey(key)) {
                    current = null;
                } else {
                    current = new ArrayList<>();
                    current.add(t.substring(eq + 1));
                    fields.put(key, current);
                }
            } else if (current != null) {
                current.add(t);
            }
        }
        return fields;
    }

    /**
     * The index of the {@code =} that ends a field's key at the start of {@code t} (a letter, letters or
     * digits, an optional {@code *}; the pattern {@code [A-Za-z][A-Za-z0-9]*\*?=} once read it), or -1 when {@code t} is no field; a
     * scan, as the pattern took a sixth of a 300 MB log's parse (issue 15).
     */
    static int fieldKeyEnd(String t) {
        int n = t.length();
        if (n < 2 || !asciiLetter(t.charAt(0))) {
            return -1;
        }
        int i = 1;
        while (i < n && (asciiLetter(t.charAt(i)) || (t.charAt(i) >= '0' && t.charAt(i) <= '9'))) {
            i++;
        }
        if (i < n && t.charAt(i) == '*') {
            i++;
        }
        return i < n && t.charAt(i) == '=' ? i : -1;
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
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
