package org.mailflow.ingest.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.mailflow.smtpauth.SenderDomains;
import org.mailflow.smtpauth.TlsVersion;

/**
 * A pure, streaming parser of Postfix maillogs (SPEC 5, "Postfix"): fed lines in file order through
 * {@link #accept(long, String)}, it emits {@link LogSubmission}s and {@link LogAuthFailure}s to a
 * {@link LogSink}; {@link #finish()} flushes what is still pending. Lines a caller read from their
 * bytes (a {@link Line} it made and fed) give their results at {@link #drain()}.
 * No I/O, no cache, no UI.
 *
 * <h2>What is read</h2>
 * Lines are {@code STAMP host tag: message}, STAMP being classic ({@code Nov 12 08:30:00}, year from
 * {@link SyslogTime}) or RFC 3339. The tag is {@code program[pid]}; only programs whose last path
 * element is {@code smtpd}, {@code qmgr} or {@code cleanup} <em>and</em> that have a {@code /} are
 * read, so any {@code syslog_name} works ({@code postfix/submission/smtpd}, {@code postfix-out/qmgr})
 * while OpenSMTPD's bare {@code smtpd[…]} is not mistaken for Postfix.
 * <ul>
 * <li>smtpd {@code connect from}, {@code disconnect from}, {@code lost connection}: start or end a
 * connection of the process (host, pid), forgetting its TLS state; one process serves many
 * connections in turn, so TLS is never carried from one connection to the next.</li>
 * <li>smtpd {@code … TLS connection established from name[ip]: TLSv1.3 with cipher C …} (no prefix or
 * one word: {@code Anonymous}/{@code Trusted}/{@code Untrusted}/{@code Verified}; any suffix): the TLS
 * version and cipher of the current connection of (host, pid). A version that
 * {@link TlsVersion#parse} does not know is kept as {@link TlsVersion#TLS} (encrypted, version
 * unknown) rather than reported, because the connection certainly was encrypted.</li>
 * <li>smtpd {@code QUEUEID: client=name[ip]:port, sasl_method=M, sasl_username=U…}: a submission
 * at that line's time, with the TLS of its connection ({@link TlsVersion#NONE} if the connection had
 * no TLS line). {@code client=} without {@code sasl_method} is inbound mail and is irrelevant.</li>
 * <li>cleanup {@code QUEUEID: message-id=…} and qmgr {@code QUEUEID: from=<…>}: joined to the
 * submission by (host, queue id), in either order. A submission is emitted as soon as its
 * {@code from=} is known (its domain may depend on it), else at qmgr {@code QUEUEID: removed}, at
 * {@link #finish()}, or when its queue id has waited more than the pending window
 * ({@value #DEFAULT_PENDING_WINDOW} lines by default), which keeps memory bounded. Emission order is
 * therefore not file order; {@link LogSubmission#lineNumber()} gives the latter.</li>
 * <li>smtpd {@code warning: name[ip]: SASL M authentication failed: …}: an auth failure, for the
 * {@code sasl_username=} the line names (newer Postfix) or, without one, for the empty account
 * {@code ""}: the decision is to keep the failure so totals and per-IP views stay right, and let
 * the consumer show the empty account as unknown. The separate Cyrus
 * {@code SASL authentication failure:} warnings repeat the same event and are not counted.</li>
 * </ul>
 *
 * <h2>Counting</h2>
 * Every line is counted once in {@link Stats}: <em>relevant</em> (it produced a result or fed the
 * state above), <em>irrelevant</em> (passed over), or <em>bad</em> (relevant but malformed: a
 * {@code sasl_username=} line whose header or timestamp cannot be read, a SASL {@code client=}
 * line without a user name, a SASL failure without a client address). Bad lines are skipped; the
 * first {@value #BAD_EXAMPLES} are kept with their line numbers.
 *
 * <p>Not thread-safe: one instance per file, fed from one thread.
 */
public final class PostfixParser {
    /** Default number of lines a queue id may wait for its {@code from=} line before it is emitted as is. */
    public static final int DEFAULT_PENDING_WINDOW = 100_000;
    /** How many bad lines are kept as examples; all are counted. */
    public static final int BAD_EXAMPLES = 10;

    /** Line counts after (or during) a parse. {@code lines = relevant + irrelevant + bad}. */
    public record Stats(long lines, long relevant, long irrelevant, long bad, long submissions, long authFailures) {
    }

    private static final String TLS_ESTABLISHED = "TLS connection established from ";
    private static final String AUTH_FAILED = " authentication failed";

    private final SyslogTime time;
    private final LogSink sink;
    private final int pendingWindow;

    /** TLS state of the current connection of each (host, pid); absent = no TLS seen in it. */
    private final Map<String, Tls> connections = new HashMap<>();
    /** How many distinct handshake texts are kept; a log has a handful (versions × ciphers × key exchanges). */
    private static final int TLS_TEXTS = 256;
    /** The TLS of each handshake text seen (what follows {@code name[ip]: }), so that each is read once. */
    private final Map<String, Tls> tlsTexts = new HashMap<>();
    /** Queue entries by (host, queue id), oldest first, for the pending window. */
    private final LinkedHashMap<String, Pending> queue = new LinkedHashMap<>();
    private final List<BadLine> badExamples = new ArrayList<>();
    /** Submissions (their queue entries) and failures completed, in that order, not yet given to the sink. */
    private List<Object> ready = new ArrayList<>();

    private long lines;
    private long relevant;
    private long irrelevant;
    private long bad;
    private long submissions;
    private long authFailures;
    private boolean finished;

    /** A parser with the default pending window. */
    public PostfixParser(SyslogTime time, LogSink sink) {
        this(time, sink, DEFAULT_PENDING_WINDOW);
    }

    /**
     * @param time          resolves timestamps; fresh for this file (see {@link SyslogTime} for the year rule)
     * @param sink          receives results
     * @param pendingWindow lines after which a queue id still waiting for its {@code from=} is emitted
     *                      with what is known (at least 1)
     */
    public PostfixParser(SyslogTime time, LogSink sink, int pendingWindow) {
        this.time = Objects.requireNonNull(time, "time");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (pendingWindow < 1) {
            throw new IllegalArgumentException("pendingWindow < 1: " + pendingWindow);
        }
        this.pendingWindow = pendingWindow;
    }

    /** {@link SyslogTime#countRollovers(Iterator)}, here so callers of the parser find it. */
    public static int countRollovers(Iterator<String> lines) {
        return SyslogTime.countRollovers(lines);
    }

    /**
     * Reads one line. Lines must come in file order with increasing line numbers; every line of the
     * file must be given, relevant or not, because classic timestamps need each month to find the year.
     */
    public void accept(long lineNumber, String line) {
        acceptText(lineNumber, line);
        drain();
    }

    /** The text path: the header and message are taken apart here, then handled as the {@link Line} they are. */
    private void acceptText(long lineNumber, String line) {
        int month = SyslogTime.classicMonth(line);
        Header h = Header.parse(line);
        Line read = h == null ? null : switch (h.daemon) {
            case "smtpd" -> smtpd(month, h);
            case "cleanup" -> cleanup(month, h);
            case "qmgr" -> qmgr(month, h);
            default -> null;
        };
        if (read != null) {
            read.feed(this, lineNumber);
            return;
        }
        begin(lineNumber, month);
        if (h == null && (line.contains("sasl_username=") || line.contains("sasl_method="))) {
            bad(lineNumber, "unreadable syslog header on a SASL line");
        } else {
            irrelevant++;
        }
    }

    /**
     * One line of the log that {@code smtpd}, {@code cleanup} or {@code qmgr} wrote (or one passed over),
     * taken apart: {@link #feed} counts it and does what it means for the parser's state. The text path
     * ({@link #accept(long, String)}) makes them from a decoded line; a caller that reads lines from
     * their bytes makes them itself and feeds them, then calls {@link #drain()} for the results. Such a
     * caller must only make one where {@link #accept(long, String)} would have read the line the same
     * way (an ASCII line with a readable header, of that program and message). In every record,
     * {@code month} is the month of the line's classic stamp ({@link SyslogTime#monthOf}), 0 when it has
     * none; {@code connection} is {@code host + '\0' + pid}; {@code queueKey} is {@code host + '\0' + queue id}.
     *
     * <p>Each kind's handling is written out in its own {@code feed}, not delegated to a method of the
     * parser: the JIT then compiles it once, as that {@code feed}. A {@code feed} that only called such a
     * method had both compiled on a cold JVM (the caller with the callee inlined, and the callee on its
     * own), about a third of a second of compiling in a 300 MB import (see README "Performance").
     */
    public interface Line {
        /** Counts this line, number {@code lineNumber}, and applies it to {@code parser}. */
        void feed(PostfixParser parser, long lineNumber);
    }

    /** A line of no interest here (another program, or another message). */
    public record PassedOver(int month) implements Line {
        @Override
        public void feed(PostfixParser parser, long lineNumber) {
            parser.begin(lineNumber, month);
            parser.irrelevant++;
        }
    }

    private static final PassedOver[] PASSED_OVER = new PassedOver[13];

    static {
        for (int m = 0; m < PASSED_OVER.length; m++) {
            PASSED_OVER[m] = new PassedOver(m);
        }
    }

    /** A line passed over, with the month of its classic stamp (0 when it has none); one shared instance per month. */
    public static PassedOver passedOver(int month) {
        return PASSED_OVER[month];
    }

    /** smtpd {@code connect from}, {@code disconnect from} or {@code lost connection}: the process's connection starts or ends, without TLS. */
    public record ConnectionLine(int month, String connection) implements Line {
        @Override
        public void feed(PostfixParser parser, long lineNumber) {
            parser.begin(lineNumber, month);
            parser.connections.remove(connection);
            parser.relevant++;
        }
    }

    /** smtpd TLS handshake; {@code value} is what follows {@code TLS connection established from } ({@code name[ip]: TLSv1.3 with cipher …}). */
    public record TlsLine(int month, String connection, String value) implements Line {
        @Override
        public void feed(PostfixParser parser, long lineNumber) {
            parser.begin(lineNumber, month);
            // the text after the client repeats on nearly every handshake of a log: each is read once
            int close = value.indexOf("]: ");
            String rest = close < 0 ? "" : value.substring(close + 3);
            Tls tls = parser.tlsTexts.get(rest);
            if (tls == null) {
                tls = readTls(rest);
                if (parser.tlsTexts.size() < TLS_TEXTS) {
                    parser.tlsTexts.put(rest, tls);
                }
            }
            parser.connections.put(connection, tls);
            parser.relevant++;
        }
    }

    /** cleanup {@code QUEUEID: message-id=VALUE}. */
    public record MessageIdLine(int month, String queueKey, String value) implements Line {
        @Override
        public void feed(PostfixParser parser, long lineNumber) {
            parser.begin(lineNumber, month);
            String id = stripBrackets(value);
            // an empty or impossibly long message-id (a cut line) is not kept: the submission counts without one
            parser.pending(queueKey, lineNumber).messageId = id.isEmpty() || id.length() > SenderDomains.MAX_LENGTH ? null : id;
            parser.relevant++;
        }
    }

    /** qmgr {@code QUEUEID: from=VALUE}. */
    public record FromLine(int month, String queueKey, String value) implements Line {
        @Override
        public void feed(PostfixParser parser, long lineNumber) {
            parser.begin(lineNumber, month);
            String from;
            if (!value.isEmpty() && value.charAt(0) == '<') {
                int close = value.indexOf('>');
                from = close < 0 ? value.substring(1) : value.substring(1, close);
            } else {
                int comma = value.indexOf(',');
                from = comma < 0 ? value : value.substring(0, comma);
            }
            // Either inbound mail (no client= will follow) or a from= logged before its client=
            // line: kept for the pending window, and dropped at "removed".
            Pending p = parser.pending(queueKey, lineNumber);
            from = from.strip();
            p.from = from.length() > SenderDomains.MAX_LENGTH ? null : from; // a cut line: the sender's domain stays unknown
            if (p.sender != null) {
                parser.complete(p);
            }
            parser.relevant++;
        }
    }

    /** qmgr {@code QUEUEID: removed}: of use (relevant) only when the queue id was known. */
    public record RemovedLine(int month, String queueKey) implements Line {
        @Override
        public void feed(PostfixParser parser, long lineNumber) {
            parser.begin(lineNumber, month);
            Pending p = parser.queue.remove(queueKey);
            if (p == null) {
                parser.irrelevant++;
                return;
            }
            parser.emit(p);
            parser.relevant++;
        }
    }

    /**
     * smtpd {@code QUEUEID: FIELDS}, FIELDS starting {@code client=} (the caller of the byte path makes
     * one only when FIELDS holds {@code sasl_method=} or {@code sasl_username=}): a submission at the
     * line's time, with the TLS of its connection, or inbound mail (irrelevant) when neither is a field.
     */
    public record ClientLine(int month, Stamp stamp, String host, String connection, String queueKey, String fields) implements Line {
        @Override
        public void feed(PostfixParser parser, long lineNumber) {
            parser.begin(lineNumber, month);
            ClientFields f = ClientFields.of(fields);
            String method = f.method();
            String user = f.user();
            if (method == null && user == null) {
                parser.irrelevant++; // inbound mail: no SMTP AUTH (or the names were not fields)
                return;
            }
            if (user == null || user.isBlank()) {
                parser.bad(lineNumber, "client= line with sasl_method but no sasl_username");
                return;
            }
            if (user.length() > SenderDomains.MAX_LENGTH) {
                parser.bad(lineNumber, "sasl_username longer than " + SenderDomains.MAX_LENGTH + " characters (a cut or garbled line)");
                return;
            }
            Long at = stamp.epochSecond(parser.time);
            if (at == null) {
                parser.bad(lineNumber, "invalid timestamp on a client= line");
                return;
            }
            Tls tls = parser.connections.get(connection);
            Pending p = parser.pending(queueKey, lineNumber);
            p.lineNumber = lineNumber;
            p.epochSecond = at;
            p.sender = SenderDomains.normalise(user);
            p.clientIp = ipOf(f.client());
            p.method = method == null ? "" : method.strip().toUpperCase(Locale.ROOT);
            p.tls = tls == null ? TlsVersion.NONE : tls.version;
            p.cipher = tls == null ? null : tls.cipher;
            p.server = host;
            if (p.from != null) {
                parser.complete(p);
            }
            parser.relevant++;
        }
    }

    /**
     * smtpd {@code warning: CLIENT: SASL METHOD authentication failed…}: an auth failure. {@code account}
     * is the text after {@code sasl_username=} up to {@code ", "}, null when the line has none.
     */
    public record FailureLine(int month, Stamp stamp, String host, String client, String method, String account) implements Line {
        @Override
        public void feed(PostfixParser parser, long lineNumber) {
            parser.begin(lineNumber, month);
            String ip = ipOf(client);
            if (ip.isEmpty()) {
                parser.bad(lineNumber, "SASL failure without a client address");
                return;
            }
            Long at = stamp.epochSecond(parser.time);
            if (at == null) {
                parser.bad(lineNumber, "invalid timestamp on a SASL failure line");
                return;
            }
            String who = account == null ? "" : SenderDomains.normalise(account);
            if (who.length() > SenderDomains.MAX_LENGTH) {
                parser.bad(lineNumber, "sasl_username longer than " + SenderDomains.MAX_LENGTH + " characters (a cut or garbled line)");
                return;
            }
            parser.authFailures++;
            parser.ready.add(new LogAuthFailure(lineNumber, at, who, ip, method.strip().toUpperCase(Locale.ROOT), host));
            parser.relevant++;
        }
    }

    /**
     * When a line was logged, resolved only as it is fed: the year of a classic stamp depends on the
     * lines before it ({@link SyslogTime}).
     */
    public sealed interface Stamp permits BytesStamp, TextStamp {
        /** Its epoch second, null when it is no valid date and time. */
        Long epochSecond(SyslogTime time);
    }

    /**
     * A stamp read from its bytes: a classic one ({@link SyslogTime#classicStamp}), whose year the
     * parser knows, or an RFC 3339 one as epoch seconds ({@link SyslogTime#rfc3339Stamp}).
     */
    public record BytesStamp(boolean classic, long value) implements Stamp {
        @Override
        public Long epochSecond(SyslogTime time) {
            return classic ? time.classic(value) : Long.valueOf(value);
        }
    }

    /** A stamp as text, classic or RFC 3339. */
    record TextStamp(boolean classic, String text) implements Stamp {
        @Override
        public Long epochSecond(SyslogTime time) {
            return classic ? time.classic(text) : SyslogTime.rfc3339(text);
        }
    }

    private void begin(long lineNumber, int month) {
        if (finished) {
            throw new IllegalStateException("finish() was called");
        }
        lines++;
        time.observeMonth(month);
        expire(lineNumber);
    }

    /** Emits every submission still waiting, with what is known. Further {@link #accept} calls are refused. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        for (Pending p : queue.values()) {
            emit(p);
        }
        queue.clear();
        connections.clear();
        drain();
    }

    /**
     * Gives the sink what the lines so far have completed, in the order they completed it. Lines read
     * as text ({@link #accept(long, String)}) and {@link #finish()} do so themselves; a caller that feeds
     * {@link Line}s itself calls this when it wants the results, once per batch of lines:
     * building each result in this one place, rather than in each {@code feed} that completes one,
     * keeps the code the JIT compiles for those small.
     */
    public void drain() {
        if (ready.isEmpty()) {
            return;
        }
        List<Object> done = ready;
        ready = new ArrayList<>();
        for (Object o : done) {
            if (o instanceof Pending p) {
                sink.submission(new LogSubmission(p.lineNumber, p.epochSecond, p.sender, SenderDomains.domainOf(p.sender, p.from),
                        p.clientIp, p.method, p.tls, p.cipher, p.server, p.messageId, p.from));
            } else {
                sink.authFailure((LogAuthFailure) o);
            }
        }
    }

    /** The counts so far. */
    public Stats stats() {
        return new Stats(lines, relevant, irrelevant, bad, submissions, authFailures);
    }

    /** The first {@value #BAD_EXAMPLES} bad lines, in file order. */
    public List<BadLine> badExamples() {
        return List.copyOf(badExamples);
    }


    // --- the text path ---------------------------------------------------------------------------

    /** An smtpd line as the {@link Line} it is, or null when it is of no interest. */
    private static Line smtpd(int month, Header h) {
        String msg = h.message;
        String conn = h.host + '\0' + h.pid;
        if (msg.startsWith("connect from ") || msg.startsWith("disconnect from ") || msg.startsWith("lost connection ")) {
            return new ConnectionLine(month, conn);
        }
        int tlsAt = tlsEstablishedAt(msg);
        if (tlsAt >= 0) {
            return new TlsLine(month, conn, msg.substring(tlsAt + TLS_ESTABLISHED.length()));
        }
        if (msg.startsWith(WARNING)) {
            return authFailure(month, h);
        }
        int colon = queueIdEnd(msg);
        if (colon < 0 || !msg.startsWith("client=", colon + 2)) {
            return null;
        }
        return new ClientLine(month, h.stamp(), h.host, conn, h.host + '\0' + msg.substring(0, colon), msg.substring(colon + 2));
    }

    /** The longest word read before {@link #TLS_ESTABLISHED} ({@code Untrusted} has 9 letters). */
    public static final int TLS_WORD = 16;

    /**
     * Where {@code TLS connection established from } starts in an smtpd message that reports a TLS
     * handshake, else -1: at the start ({@code TLS connection established from …}, older Postfix) or
     * after one word of letters and a space ({@code Anonymous}, {@code Trusted}, {@code Untrusted},
     * {@code Verified}). Only there: text a client chose (a HELO name in a warning) cannot pass for
     * the TLS of its connection.
     */
    static int tlsEstablishedAt(String msg) {
        if (msg.startsWith(TLS_ESTABLISHED)) {
            return 0;
        }
        int sp = 0;
        while (sp < msg.length() && sp <= TLS_WORD && isAsciiLetter(msg.charAt(sp))) {
            sp++;
        }
        return sp > 0 && sp <= TLS_WORD && msg.startsWith(" " + TLS_ESTABLISHED, sp) ? sp + 1 : -1;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }


    /** An smtpd warning as a {@link FailureLine} when it is a SASL authentication failure, else null. */
    private static Line authFailure(int month, Header h) {
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
        return new FailureLine(month, h.stamp(), h.host, client, method, account);
    }

    /** What an smtpd warning starts with. */
    public static final String WARNING = "warning: ";
    /** What comes between the client and the method on a SASL failure warning. */
    public static final String SASL = ": SASL ";
    /** The field naming the account. */
    public static final String SASL_USERNAME = "sasl_username=";


    /** A cleanup line as a {@link MessageIdLine}, or null. */
    private static Line cleanup(int month, Header h) {
        String msg = h.message;
        int colon = queueIdEnd(msg);
        if (colon < 0 || !msg.startsWith("message-id=", colon + 2)) {
            return null;
        }
        return new MessageIdLine(month, h.host + '\0' + msg.substring(0, colon), msg.substring(colon + 2 + "message-id=".length()));
    }

    /** A qmgr line as a {@link RemovedLine} or {@link FromLine}, or null. */
    private static Line qmgr(int month, Header h) {
        String msg = h.message;
        int colon = queueIdEnd(msg);
        if (colon < 0) {
            return null;
        }
        String key = h.host + '\0' + msg.substring(0, colon);
        if (msg.startsWith("removed", colon + 2)) {
            return new RemovedLine(month, key);
        }
        if (!msg.startsWith("from=", colon + 2)) {
            return null;
        }
        return new FromLine(month, key, msg.substring(colon + 2 + "from=".length()));
    }

    // --- queue entries ---------------------------------------------------------------------------

    private Pending pending(String key, long lineNumber) {
        return queue.computeIfAbsent(key, k -> new Pending(k, lineNumber));
    }

    private void complete(Pending p) {
        queue.remove(p.key);
        emit(p);
    }

    /** Emits {@code p} if it is a submission; entries that only saw cleanup/qmgr lines are dropped. */
    private void emit(Pending p) {
        if (p.sender == null) {
            return;
        }
        submissions++;
        ready.add(p); // given to the sink by drain()
    }

    /**
     * No queue entry was created before this line: the first line of the oldest entry when the queue
     * was last looked at (entries only leave or come younger after that), or the line then if it was
     * empty. It spares {@link #expire} walking the queue for each line of the log.
     */
    private long oldestAtLeast;

    /** Emits or drops queue entries created more than the pending window ago. */
    private void expire(long lineNumber) {
        if (lineNumber - oldestAtLeast <= pendingWindow) {
            return; // none is that old
        }
        Iterator<Pending> it = queue.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (lineNumber - p.firstLine <= pendingWindow) {
                oldestAtLeast = p.firstLine; // insertion order: the rest are younger
                return;
            }
            it.remove();
            emit(p);
        }
        oldestAtLeast = lineNumber;
    }

    // --- small parsers ---------------------------------------------------------------------------

    private boolean bad(long lineNumber, String reason) {
        bad++;
        if (badExamples.size() < BAD_EXAMPLES) {
            badExamples.add(new BadLine(lineNumber, reason));
        }
        return true;
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

    /** The address inside the last {@code [...]} of {@code name[ip]:port} ({@code ipv6:} prefix dropped); "" if none. */
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

    /** Version and cipher from {@code TLSv1.3 with cipher C (…)…}, the text after the client of a handshake. */
    private static Tls readTls(String rest) {
        int sp = rest.indexOf(' ');
        String version = sp < 0 ? rest : rest.substring(0, sp);
        String cipher = null;
        int c = rest.indexOf(" with cipher ");
        if (c >= 0) {
            String after = rest.substring(c + " with cipher ".length());
            int end = after.indexOf(' ');
            cipher = end < 0 ? after : after.substring(0, end);
            if (cipher.isEmpty()) {
                cipher = null;
            }
        }
        TlsVersion v = TlsVersion.parse(version).orElse(TlsVersion.TLS);
        if (v == TlsVersion.NONE) {
            v = TlsVersion.TLS; // "established" means encrypted, whatever the version text said
        }
        return new Tls(v, cipher);
    }

    private static String stripBrackets(String s) {
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

    private record Tls(TlsVersion version, String cipher) {
    }

    /** What is known about one queue id. {@code sender != null} once its SASL {@code client=} line is seen. */
    private static final class Pending {
        final String key;
        final long firstLine;
        long lineNumber;
        long epochSecond;
        String sender;
        String clientIp;
        String method;
        TlsVersion tls;
        String cipher;
        String server;
        String messageId;
        String from;

        Pending(String key, long firstLine) {
            this.key = key;
            this.firstLine = firstLine;
        }
    }

    /** {@code STAMP host program[pid]: message}; the stamp is resolved only when a result needs it. */
    private static final class Header {
        String stamp;
        boolean classic;
        String host;
        String daemon;
        String pid;
        String message;

        Stamp stamp() {
            return new TextStamp(classic, stamp);
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
            int slash = program.lastIndexOf('/');
            h.daemon = slash < 0 ? "" : program.substring(slash + 1);
            h.message = line.substring(tagEnd + 2);
            return h;
        }
    }
}
