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
 * bytes ({@link #acceptConnection} and the methods after it) give their results at {@link #drain()}.
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

    private void acceptText(long lineNumber, String line) {
        begin(lineNumber, SyslogTime.classicMonth(line));
        Header h = Header.parse(line);
        if (h == null) {
            if (line.contains("sasl_username=") || line.contains("sasl_method=")) {
                bad(lineNumber, "unreadable syslog header on a SASL line");
            } else {
                irrelevant++;
            }
            return;
        }
        boolean used = switch (h.daemon) {
            case "smtpd" -> smtpd(lineNumber, h);
            case "cleanup" -> cleanup(lineNumber, h);
            case "qmgr" -> qmgr(lineNumber, h);
            default -> false;
        };
        if (used) {
            relevant++;
        } else if (!h.bad) {
            irrelevant++;
        }
    }

    /**
     * Passes over a line that the caller has found irrelevant from its bytes alone (its program is
     * none of {@code smtpd}, {@code cleanup}, {@code qmgr}): it is counted and its month fed to the
     * year tracker, exactly as {@link #accept} would, without decoding it.
     *
     * @param month the month of its classic stamp ({@link SyslogTime#monthOf}), 0 when it has none
     */
    public void passOver(long lineNumber, int month) {
        begin(lineNumber, month);
        irrelevant++;
    }

    /**
     * The most common lines of a log, read from their bytes by the caller: connections opening and
     * closing, TLS handshakes, and the message-id, from and removed lines of every queued message.
     * They then need no decoding and no header parsing here. The caller must only do so for lines
     * {@link #accept(long, String)} would read the same way (an ASCII line with a readable header, of
     * that program and message); {@code month} is the month of the line's classic stamp
     * ({@link SyslogTime#monthOf}), 0 when it has none; {@code connection} is {@code host + '\0' + pid},
     * {@code queueKey} is {@code host + '\0' + queue id}.
     */
    public void acceptConnection(long lineNumber, int month, String connection) {
        begin(lineNumber, month);
        connections.remove(connection);
        relevant++;
    }

    /** smtpd {@code … TLS connection established from VALUE} (VALUE: {@code name[ip]: TLSv1.3 with cipher …}); see {@link #acceptConnection}. */
    public void acceptTls(long lineNumber, int month, String connection, String value) {
        begin(lineNumber, month);
        connections.put(connection, tlsOf(value, 0));
        relevant++;
    }

    /** cleanup {@code QUEUEID: message-id=VALUE}; see {@link #acceptConnection}. */
    public void acceptMessageId(long lineNumber, int month, String queueKey, String value) {
        begin(lineNumber, month);
        count(messageId(queueKey, value, lineNumber) ? USED : IRRELEVANT);
    }

    /** qmgr {@code QUEUEID: from=VALUE}; see {@link #acceptConnection}. */
    public void acceptFrom(long lineNumber, int month, String queueKey, String value) {
        begin(lineNumber, month);
        count(from(queueKey, value, lineNumber) ? USED : IRRELEVANT);
    }

    /** qmgr {@code QUEUEID: removed}; see {@link #acceptConnection}. */
    public void acceptRemoved(long lineNumber, int month, String queueKey) {
        begin(lineNumber, month);
        count(removed(queueKey) ? USED : IRRELEVANT);
    }

    private void begin(long lineNumber, int month) {
        if (finished) {
            throw new IllegalStateException("finish() was called");
        }
        lines++;
        time.observeMonth(month);
        expire(lineNumber);
    }

    /**
     * A SASL {@code client=} line read from its bytes by the caller, exactly as {@link #accept(long, String)}
     * would have read it (an ASCII line with a readable header and stamp, of an {@code smtpd}, whose
     * message is {@code QUEUEID: FIELDS}, FIELDS starting {@code client=} and holding
     * {@code sasl_method=} or {@code sasl_username=}).
     */
    public record ClientLine(int month, Stamp stamp, String host, String connection, String queueKey, String fields) implements Line {
        @Override
        public void feed(PostfixParser parser, long lineNumber) {
            parser.acceptClient(lineNumber, this);
        }
    }

    /**
     * A line that a caller has read from its bytes, which feeds itself to the parser. Each kind is
     * its own class behind this one call, so that the JIT compiles the handling of each kind on its
     * own instead of one large method for all of them (it matters on a cold JVM: see README
     * "Performance").
     */
    public interface Line {
        /** Gives this line, number {@code lineNumber}, to {@code parser}. */
        void feed(PostfixParser parser, long lineNumber);
    }

    /**
     * A {@code warning: CLIENT: SASL METHOD authentication failed…} line of an {@code smtpd} read from its
     * bytes by the caller, exactly as {@link #accept(long, String)} would have read it; {@code account}
     * is the text after {@code sasl_username=} up to {@code ", "}, null when the line has none.
     */
    public record FailureLine(int month, Stamp stamp, String host, String client, String method, String account) implements Line {
        @Override
        public void feed(PostfixParser parser, long lineNumber) {
            parser.acceptFailure(lineNumber, this);
        }
    }

    /**
     * The stamp of a line read from its bytes: a classic one ({@link SyslogTime#classicStamp}), whose
     * year this parser knows, or an RFC 3339 one as epoch seconds ({@link SyslogTime#rfc3339Stamp}).
     */
    public record Stamp(boolean classic, long value) {
        Long epochSecond(SyslogTime time) {
            return classic ? time.classic(value) : Long.valueOf(value);
        }
    }

    /** Takes a {@link ClientLine}; see {@link #acceptConnection} for what the caller must make sure of. */
    public void acceptClient(long lineNumber, ClientLine c) {
        begin(lineNumber, c.month());
        Map<String, String> f = fields(c.fields());
        String method = f.get("sasl_method");
        String user = f.get("sasl_username");
        if (method == null && user == null) {
            irrelevant++; // the text held the names but not as fields
            return;
        }
        count(submission(lineNumber, c.stamp().epochSecond(time), c.host(), c.connection(), c.queueKey(), f.get("client"), method,
                user));
    }

    /** Takes a {@link FailureLine}; see {@link #acceptConnection} for what the caller must make sure of. */
    public void acceptFailure(long lineNumber, FailureLine f) {
        begin(lineNumber, f.month());
        count(failure(lineNumber, f.stamp().epochSecond(time), f.host(), f.client(), f.method(), f.account()));
    }

    private void count(int result) {
        if (result == USED) {
            relevant++;
        } else if (result == IRRELEVANT) {
            irrelevant++;
        }
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
     * as text ({@link #accept(long, String)}) and {@link #finish()} do so themselves; a caller of the
     * other {@code accept…} methods calls this when it wants the results, once per batch of lines:
     * building each result in this one place, rather than in each of the methods that complete one,
     * keeps the code the JIT compiles for those methods small.
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

    // --- smtpd -----------------------------------------------------------------------------------

    private boolean smtpd(long lineNumber, Header h) {
        String msg = h.message;
        String conn = h.host + '\0' + h.pid;
        if (msg.startsWith("connect from ") || msg.startsWith("disconnect from ") || msg.startsWith("lost connection ")) {
            connections.remove(conn);
            return true;
        }
        int tlsAt = tlsEstablishedAt(msg);
        if (tlsAt >= 0) {
            connections.put(conn, tlsOf(msg, tlsAt + TLS_ESTABLISHED.length()));
            return true;
        }
        if (msg.startsWith(WARNING)) {
            return authFailure(lineNumber, h);
        }
        int colon = queueIdEnd(msg);
        if (colon < 0 || !msg.startsWith("client=", colon + 2)) {
            return false;
        }
        Map<String, String> f = fields(msg.substring(colon + 2));
        String method = f.get("sasl_method");
        String user = f.get("sasl_username");
        if (method == null && user == null) {
            return false; // inbound mail: no SMTP AUTH
        }
        int r = submission(lineNumber, h.epochSecond(time), h.host, conn, h.host + '\0' + msg.substring(0, colon), f.get("client"),
                method, user);
        h.bad = r == BAD;
        return r == USED;
    }

    private static final int USED = 1;
    private static final int IRRELEVANT = 0;
    private static final int BAD = -1;

    /**
     * A SASL {@code client=} line, read as text or from its bytes: {@link #USED}, or {@link #BAD}
     * (counted and kept as an example here).
     *
     * @param at          its time, null when the stamp is not valid
     * @param conn        {@code host + '\0' + pid}, the connection whose TLS it had
     * @param queueKey    {@code host + '\0' + queue id}
     * @param clientField the {@code client=} field ({@code name[ip]:port}), null when missing
     * @param method      the {@code sasl_method} field, null when missing
     * @param user        the {@code sasl_username} field, null when missing
     */
    private int submission(long lineNumber, Long at, String host, String conn, String queueKey, String clientField, String method,
                           String user) {
        if (user == null || user.isBlank()) {
            bad(lineNumber, "client= line with sasl_method but no sasl_username");
            return BAD;
        }
        if (user.length() > SenderDomains.MAX_LENGTH) {
            bad(lineNumber, "sasl_username longer than " + SenderDomains.MAX_LENGTH + " characters (a cut or garbled line)");
            return BAD;
        }
        if (at == null) {
            bad(lineNumber, "invalid timestamp on a client= line");
            return BAD;
        }
        Tls tls = connections.get(conn);
        Pending p = pending(queueKey, lineNumber);
        p.lineNumber = lineNumber;
        p.epochSecond = at;
        p.sender = SenderDomains.normalise(user);
        p.clientIp = ipOf(clientField);
        p.method = method == null ? "" : method.strip().toUpperCase(Locale.ROOT);
        p.tls = tls == null ? TlsVersion.NONE : tls.version;
        p.cipher = tls == null ? null : tls.cipher;
        p.server = host;
        if (p.from != null) {
            complete(p);
        }
        return USED;
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

    private boolean authFailure(long lineNumber, Header h) {
        String msg = h.message;
        int failed = msg.indexOf(AUTH_FAILED);
        int sasl = msg.indexOf(SASL);
        if (failed < 0 || sasl < 0 || sasl > failed) {
            return false;
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
        int r = failure(lineNumber, h.epochSecond(time), h.host, client, method, account);
        h.bad = r == BAD;
        return r == USED;
    }

    /** What an smtpd warning starts with. */
    public static final String WARNING = "warning: ";
    /** What comes between the client and the method on a SASL failure warning. */
    public static final String SASL = ": SASL ";
    /** The field naming the account. */
    public static final String SASL_USERNAME = "sasl_username=";

    /**
     * A {@code warning: CLIENT: SASL METHOD authentication failed: …[, sasl_username=ACCOUNT]} line,
     * read as text or from its bytes: {@link #USED}, or {@link #BAD} (counted and kept as an example here).
     *
     * @param account the text after {@code sasl_username=} up to {@code ", "}, null when the line has none
     */
    private int failure(long lineNumber, Long at, String host, String client, String method, String account) {
        String ip = ipOf(client);
        if (ip.isEmpty()) {
            bad(lineNumber, "SASL failure without a client address");
            return BAD;
        }
        if (at == null) {
            bad(lineNumber, "invalid timestamp on a SASL failure line");
            return BAD;
        }
        String who = account == null ? "" : SenderDomains.normalise(account);
        if (who.length() > SenderDomains.MAX_LENGTH) {
            bad(lineNumber, "sasl_username longer than " + SenderDomains.MAX_LENGTH + " characters (a cut or garbled line)");
            return BAD;
        }
        authFailures++;
        ready.add(new LogAuthFailure(lineNumber, at, who, ip, method.strip().toUpperCase(Locale.ROOT), host));
        return USED;
    }

    // --- cleanup and qmgr ------------------------------------------------------------------------

    private boolean cleanup(long lineNumber, Header h) {
        String msg = h.message;
        int colon = queueIdEnd(msg);
        if (colon < 0 || !msg.startsWith("message-id=", colon + 2)) {
            return false;
        }
        return messageId(h.host + '\0' + msg.substring(0, colon), msg.substring(colon + 2 + "message-id=".length()), lineNumber);
    }

    /** cleanup {@code QUEUEID: message-id=VALUE} of the queue entry {@code key} (host and queue id). */
    private boolean messageId(String key, String value, long lineNumber) {
        String id = stripBrackets(value);
        // an empty or impossibly long message-id (a cut line) is not kept: the submission counts without one
        pending(key, lineNumber).messageId = id.isEmpty() || id.length() > SenderDomains.MAX_LENGTH ? null : id;
        return true;
    }

    private boolean qmgr(long lineNumber, Header h) {
        String msg = h.message;
        int colon = queueIdEnd(msg);
        if (colon < 0) {
            return false;
        }
        String key = h.host + '\0' + msg.substring(0, colon);
        if (msg.startsWith("removed", colon + 2)) {
            return removed(key);
        }
        if (!msg.startsWith("from=", colon + 2)) {
            return false;
        }
        return from(key, msg.substring(colon + 2 + "from=".length()), lineNumber);
    }

    /** qmgr {@code QUEUEID: removed}: true when the queue id was known (the line was of use). */
    private boolean removed(String key) {
        Pending p = queue.remove(key);
        if (p != null) {
            emit(p);
        }
        return p != null;
    }

    /** qmgr {@code QUEUEID: from=REST}. */
    private boolean from(String key, String rest, long lineNumber) {
        String from;
        if (!rest.isEmpty() && rest.charAt(0) == '<') {
            int close = rest.indexOf('>');
            from = close < 0 ? rest.substring(1) : rest.substring(1, close);
        } else {
            int comma = rest.indexOf(',');
            from = comma < 0 ? rest : rest.substring(0, comma);
        }
        Pending p = queue.get(key);
        if (p == null) {
            // Either inbound mail (no client= will follow) or a from= logged before its client=
            // line: keep it for the pending window, and drop it at "removed".
            p = pending(key, lineNumber);
        }
        from = from.strip();
        p.from = from.length() > SenderDomains.MAX_LENGTH ? null : from; // a cut line: the sender's domain stays unknown
        if (p.sender != null) {
            complete(p);
        }
        return true;
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
     * {@code key=value} fields separated by {@code ", "}; a {@code ", "} that is not followed by
     * {@code key=} stays inside the value (user names and client names may hold one).
     */
    public static Map<String, String> fields(String s) {
        Map<String, String> out = new HashMap<>();
        int start = 0;
        while (start < s.length()) {
            int eq = s.indexOf('=', start);
            if (eq < 0) {
                break;
            }
            String key = s.substring(start, eq).strip();
            int end = nextField(s, eq + 1);
            out.putIfAbsent(key, s.substring(eq + 1, end));
            start = end + 2;
        }
        return out;
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

    /** Version and cipher from {@code name[ip]: TLSv1.3 with cipher C (…)…}, starting at the client name. */
    private static Tls tlsOf(String msg, int from) {
        int close = msg.indexOf("]: ", from);
        String rest = close < 0 ? "" : msg.substring(close + 3);
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
        /** Set when the line was reported bad, so it is not counted again as irrelevant. */
        boolean bad;

        Long epochSecond(SyslogTime time) {
            return classic ? time.classic(stamp) : SyslogTime.rfc3339(stamp);
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
