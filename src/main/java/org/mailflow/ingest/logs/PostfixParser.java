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
import org.mailflow.model.UserText;

/**
 * A pure, streaming parser of Postfix maillogs (SPEC 5, "Postfix"): fed lines in file order through
 * {@link #accept(long, String)}, it emits {@link LogSubmission}s and {@link LogAuthFailure}s to a
 * {@link LogSink}; {@link #finish()} flushes what is still pending. Lines a caller read from their
 * bytes (a {@link Line} it made and fed, see {@link PostfixBytes}) give their results at {@link #drain()}.
 * No I/O, no cache, no UI.
 *
 * <h2>What is read</h2>
 * Lines are {@code STAMP host tag: message}, STAMP being classic ({@code Nov 12 08:30:00}, year from
 * {@link SyslogTime}) or RFC 3339. The tag is {@code program[pid]}; only programs whose last path
 * element is {@code smtpd}, {@code qmgr} (or {@code oqmgr}, {@code nqmgr}) or {@code cleanup} <em>and</em> that have a {@code /} are
 * read, so any {@code syslog_name} works ({@code postfix/submission/smtpd}, {@code postfix-out/qmgr})
 * while OpenSMTPD's bare {@code smtpd[…]} is not mistaken for Postfix. A client is written
 * {@code name[ip]} or, with {@code smtpd_client_port_logging = yes}, {@code name[ip]:port}, everywhere.
 * <ul>
 * <li>smtpd {@code connect from} and {@code disconnect from} delimit one connection of the process
 * (host, program, pid); one process serves many connections in turn, so nothing is carried from one
 * connection to the next. {@code lost connection …} (also {@code QUEUEID: lost connection …}, as
 * Postfix 3.10 writes it) is passed over: smtpd always logs {@code disconnect from} after it, in the
 * same process, before it serves another connection (smtpd.c, {@code smtpd_service}), and that line
 * ends the connection with the statistics that may decide its TLS.</li>
 * <li>smtpd {@code … TLS connection established from CLIENT: TLSv1.3 with cipher C …} (no prefix, or
 * one word such as {@code Anonymous}, {@code Trusted}, {@code Untrusted}, {@code Verified};
 * {@code reused} instead of {@code established} for a resumed session; {@code CLIENT to SNI-NAME} when
 * the client sent SNI; any suffix): the TLS version and cipher of the connection. A version that
 * {@link TlsVersion#parse} does not know is kept as {@link TlsVersion#TLS}, because the connection
 * certainly was encrypted.</li>
 * <li>smtpd {@code QUEUEID: client=CLIENT, sasl_method=M, sasl_username=U…}: a submission at that
 * line's time. {@code client=} without {@code sasl_method} is inbound mail and is irrelevant.</li>
 * <li>cleanup {@code QUEUEID: message-id=…} and qmgr {@code QUEUEID: from=<…>, size=N, nrcpt=N (queue active)}:
 * joined to the submission by (host, queue id), in either order; the qmgr line gives the envelope
 * sender and the number of recipients. qmgr writes that line each time it takes the message into the
 * active queue, so a message deferred and retried has a second one: only the first {@code nrcpt=}
 * of a queue entry counts (the second line usually comes after the submission was emitted, and
 * then only opens a queue entry of its own that no {@code client=} line claims).</li>
 * <li>smtpd {@code warning: CLIENT: SASL M authentication failed: …}: an auth failure, for the
 * {@code sasl_username=} the line names (newer Postfix) or, without one or with Postfix 3.11's
 * {@code (unavailable)}, for the empty account {@code ""}, so that totals and per-IP views stay
 * right. The separate Cyrus {@code SASL authentication failure:} warnings repeat the same event and
 * are not counted.</li>
 * </ul>
 *
 * <h2>The TLS of a submission</h2>
 * That of the connection it belongs to, by the first of these that applies (SPEC 5):
 * <ol>
 * <li>the connection's handshake line: its version and cipher (logged only with
 * {@code smtpd_tls_loglevel ≥ 1}; Postfix's default is 0);</li>
 * <li>the connection's {@code disconnect from … starttls=N[/M] …} statistics (Postfix ≥ 3.0, at every
 * log level) with N ≥ 1: {@link TlsVersion#TLS};</li>
 * <li>a service that always encrypts, a {@code syslog_name} ending in {@code /smtps} or
 * {@code /submissions} (Postfix's stock names for port 465): {@link TlsVersion#TLS};</li>
 * <li>the connection's {@code disconnect} statistics without a successful {@code starttls}, or a
 * service that logs handshakes elsewhere in the import ({@link HandshakeServices}):
 * {@link TlsVersion#NONE};</li>
 * <li>otherwise {@link TlsVersion#UNKNOWN}.</li>
 * </ol>
 * A submission is therefore emitted once both its envelope sender is known (its {@code from=} line,
 * or its queue entry left at {@code removed}, at {@link #finish()}, or after waiting longer than the
 * pending window, {@value #DEFAULT_PENDING_WINDOW} lines by default, which keeps memory bounded; without
 * a {@code from=} line its envelope sender is null and its recipients 0, as for a message that cleanup
 * rejected or a client that gave up during DATA) and
 * its connection has decided its TLS (at the handshake or client line, or when the connection ends).
 * A connection that ends without statistics (older Postfix, or the log ends first) leaves step 4's
 * second half to the end of the import: such submissions are emitted with
 * {@link LogSubmission#undecidedService()} set, unless their service has already logged a handshake.
 * Emission order is therefore not file order; {@link LogSubmission#lineNumber()} gives the latter.
 *
 * <h2>Counting</h2>
 * Every line is counted once in {@link LogStats}: <em>relevant</em> (it produced a result or fed the
 * state above), <em>irrelevant</em> (passed over), or <em>bad</em> (relevant but malformed: a
 * {@code sasl_username=} line whose header or timestamp cannot be read, a SASL {@code client=}
 * line without a user name, a SASL failure without a client address, a user name with control
 * characters, a time outside the years 1970 to 2999). Bad lines are skipped; the first
 * {@value #BAD_EXAMPLES} are kept with their line numbers.
 *
 * <p>Not thread-safe: one instance per file, fed from one thread.
 */
public final class PostfixParser implements LogParser {
    /** Default number of lines a queue id may wait for its {@code from=} line before it is emitted as is. */
    public static final int DEFAULT_PENDING_WINDOW = 100_000;
    /** How many bad lines are kept as examples; all are counted. */
    public static final int BAD_EXAMPLES = 10;


    private final SyslogTime time;
    private final LogSink sink;
    private final int pendingWindow;
    private final HandshakeServices handshakes;

    /** The open connections by {@code host + '\0' + pid} (see {@link Line}), while they have state worth keeping. */
    private final Map<String, Connection> connections = new HashMap<>();
    /** How many distinct handshake texts are kept; a log has a handful (versions × ciphers × key exchanges). */
    private static final int TLS_TEXTS = 256;
    /** The TLS of each handshake text seen (from the protocol on), so that each is read once. */
    private final Map<String, Tls> tlsTexts = new HashMap<>();
    /** Queue entries by (host, queue id), oldest first, for the pending window. */
    private final LinkedHashMap<String, Pending> queue = new LinkedHashMap<>();
    private final List<BadLine> badExamples = new ArrayList<>();
    /** Submissions (their queue entries) and failures completed, in that order, not yet given to the sink. */
    private List<Object> ready = new ArrayList<>();
    /** The service last recorded as logging handshakes, to spare the set most lookups. */
    private String lastHandshakeService;

    private long lines;
    private long relevant;
    private long irrelevant;
    private long bad;
    private long submissions;
    private long authFailures;
    private boolean finished;

    /** A parser with the default pending window, alone in its import. */
    public PostfixParser(SyslogTime time, LogSink sink) {
        this(time, sink, DEFAULT_PENDING_WINDOW);
    }

    /** A parser alone in its import (its own {@link HandshakeServices}). */
    public PostfixParser(SyslogTime time, LogSink sink, int pendingWindow) {
        this(time, sink, pendingWindow, new HandshakeServices());
    }

    /**
     * @param time          resolves timestamps; fresh for this file (see {@link SyslogTime} for the year rule)
     * @param sink          receives results
     * @param pendingWindow lines after which a queue id still waiting for its {@code from=} is emitted
     *                      with what is known (at least 1)
     * @param handshakes    the services that logged a handshake in the import, shared by its files
     */
    public PostfixParser(SyslogTime time, LogSink sink, int pendingWindow, HandshakeServices handshakes) {
        this.time = Objects.requireNonNull(time, "time");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.handshakes = Objects.requireNonNull(handshakes, "handshakes");
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

    /**
     * Reads one line given as text or as the {@link Line} that {@link PostfixBytes#classify} made of it;
     * the results of the latter wait for {@link #drain()}.
     */
    @Override
    public void accept(long lineNumber, Object line) {
        if (line instanceof String text) {
            accept(lineNumber, text);
        } else {
            ((Line) line).feed(this, lineNumber);
        }
    }

    /** The text path: the header and message are taken apart here, then handled as the {@link Line} they are. */
    private void acceptText(long lineNumber, String line) {
        int month = SyslogTime.classicMonth(line);
        PostfixText.Header h = PostfixText.Header.parse(line);
        Line read = h == null ? null : PostfixText.read(month, h);
        if (read != null) {
            read.feed(this, lineNumber);
            return;
        }
        begin(lineNumber, month);
        if (h == null && (line.contains("sasl_username=") || line.contains("sasl_method="))) {
            bad(lineNumber, UserText.of("log.postfix.header"));
        } else {
            irrelevant++;
        }
    }

    /**
     * One line of the log that {@code smtpd}, {@code cleanup} or {@code qmgr} wrote (or one passed over),
     * taken apart: {@link #feed} counts it and does what it means for the parser's state. The text path
     * ({@link #accept(long, String)}) makes them from a decoded line; {@link PostfixBytes} makes them from
     * a line's bytes, and its caller feeds them, then calls {@link #drain()} for the results. Such a
     * caller must only make one where {@link #accept(long, String)} would have read the line the same
     * way (an ASCII line with a readable header, of that program and message). In every record,
     * {@code month} is the month of the line's classic stamp ({@link SyslogTime#monthOf}), 0 when it has
     * none; {@code connection} is {@code host + '\0' + pid}, one smtpd process; {@code service} is the
     * line's host and program as written, {@code mx1 postfix/submission/smtpd} (a {@code syslog_name}
     * of a host); {@code queueKey} is {@code host + '\0' + queue id}.
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

    /** {@link ConnectionLine#event}: {@code connect from}. */
    public static final int CONNECT = 0;
    /** {@link ConnectionLine#event}: {@code disconnect from} without statistics (Postfix before 3.0). */
    public static final int DISCONNECT = 2;
    /** {@link ConnectionLine#event}: {@code disconnect from} with statistics and no successful {@code starttls}. */
    public static final int DISCONNECT_PLAIN = 3;
    /** {@link ConnectionLine#event}: {@code disconnect from} with statistics that count a successful {@code starttls}. */
    public static final int DISCONNECT_STARTTLS = 4;

    /**
     * smtpd {@code connect from} or {@code disconnect from}: a connection of the process starts or
     * ends, deciding the TLS of the submissions still waiting for it. {@code event} is one of
     * {@link #CONNECT}, {@link #DISCONNECT}, {@link #DISCONNECT_PLAIN}, {@link #DISCONNECT_STARTTLS}.
     */
    public record ConnectionLine(int month, String connection, int event) implements Line {
        @Override
        public void feed(PostfixParser parser, long lineNumber) {
            parser.begin(lineNumber, month);
            parser.relevant++;
            end(parser, connection, event == CONNECT ? DISCONNECT : event);
        }

        /**
         * Ends the connection {@code connection} the way {@code how} says ({@link #DISCONNECT} when it
         * ended without statistics, as a {@code connect} that meets a previous connection does), deciding
         * the TLS of its waiting submissions and emitting those whose envelope is known.
         */
        static void end(PostfixParser parser, String connection, int how) {
            Connection ended = parser.connections.remove(connection);
            if (ended == null || ended.waiting == null) {
                return;
            }
            TlsVersion tls = how == DISCONNECT_STARTTLS ? TlsVersion.TLS : how == DISCONNECT_PLAIN ? TlsVersion.NONE : null;
            String undecided = null;
            if (tls == null) {
                String service = ended.service;
                if (parser.handshakes.logsHandshakes(service)) {
                    tls = TlsVersion.NONE;
                } else {
                    tls = TlsVersion.UNKNOWN;
                    undecided = service;
                }
            }
            for (Pending p : ended.waiting) {
                p.tls = tls;
                p.undecidedService = undecided;
                p.tlsDecided = true;
                if (p.envelopeDone) {
                    parser.emit(p);
                }
            }
        }
    }

    /**
     * smtpd TLS handshake; {@code value} is what follows {@code TLS connection established from } (or
     * {@code reused from }): {@code name[ip][:port][ to SNI]: TLSv1.3 with cipher …}.
     */
    public record TlsLine(int month, String connection, String service, String value) implements Line {
        @Override
        public void feed(PostfixParser parser, long lineNumber) {
            parser.begin(lineNumber, month);
            // the text from the protocol on repeats on nearly every handshake of a log: each is read once
            String rest = PostfixFields.protocolText(value);
            Tls tls = parser.tlsTexts.get(rest);
            if (tls == null) {
                tls = readTls(rest);
                if (parser.tlsTexts.size() < TLS_TEXTS) {
                    parser.tlsTexts.put(rest, tls);
                }
            }
            Connection open = parser.connections.get(connection);
            if (open == null) {
                open = new Connection(service);
                parser.connections.put(connection, open);
            }
            open.tls = tls;
            if (!service.equals(parser.lastHandshakeService)) {
                parser.lastHandshakeService = service;
                parser.handshakes.add(service);
            }
            parser.relevant++;
        }
    }

    /** cleanup {@code QUEUEID: message-id=VALUE}. */
    public record MessageIdLine(int month, String queueKey, String value) implements Line {
        @Override
        public void feed(PostfixParser parser, long lineNumber) {
            parser.begin(lineNumber, month);
            String id = PostfixFields.stripBrackets(value);
            // an empty or impossibly long message-id (a cut line) is not kept: the submission counts without one
            parser.pending(queueKey, lineNumber).messageId = id.isEmpty() || id.length() > SenderDomains.MAX_LENGTH ? null : id;
            parser.relevant++;
        }
    }

    /**
     * qmgr {@code QUEUEID: from=VALUE}, VALUE being the rest of the line ({@code <sender>, size=N, nrcpt=N (queue active)}):
     * the envelope sender and, the first time, the recipient count ({@link PostfixFields#nrcpt}). Both
     * paths make this record with the same VALUE, and it is read only here, so they cannot disagree.
     */
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
            if (p.recipients < 0) {
                p.recipients = PostfixFields.nrcpt(value); // the first nrcpt= only: a retry after deferral repeats it
            }
            if (p.sender != null) {
                parser.queue.remove(p.key);
                p.envelopeDone = true;
                if (p.tlsDecided) {
                    parser.emit(p);
                }
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
            p.envelopeDone = true;
            if (p.tlsDecided) {
                parser.emit(p);
            }
            parser.relevant++;
        }
    }

    /**
     * smtpd {@code QUEUEID: FIELDS}, FIELDS starting {@code client=} (the caller of the byte path makes
     * one only when FIELDS holds {@code sasl_method=} or {@code sasl_username=}): a submission at the
     * line's time, with the TLS of its connection, or inbound mail (irrelevant) when neither is a field.
     */
    public record ClientLine(int month, Stamp stamp, String host, String connection, String service, String queueKey, String fields)
            implements Line {
        @Override
        public void feed(PostfixParser parser, long lineNumber) {
            parser.begin(lineNumber, month);
            PostfixFields.ClientFields f = PostfixFields.ClientFields.of(fields);
            String method = f.method();
            String user = f.user();
            if (method == null && user == null) {
                parser.irrelevant++; // inbound mail: no SMTP AUTH (or the names were not fields)
                return;
            }
            if (user == null || user.isBlank()) {
                parser.bad(lineNumber, UserText.of("log.postfix.noUser"));
                return;
            }
            if (user.length() > SenderDomains.MAX_LENGTH) {
                parser.bad(lineNumber, UserText.of("log.long", "sasl_username", SenderDomains.MAX_LENGTH));
                return;
            }
            if (SenderDomains.hasControlCharacter(user)) {
                parser.bad(lineNumber, UserText.of("log.controls", "sasl_username"));
                return;
            }
            Long at = stamp.epochSecond(parser.time);
            if (at == null) {
                parser.bad(lineNumber, UserText.of("log.postfix.badTimeClient"));
                return;
            }
            if (!SyslogTime.plausible(at)) {
                parser.bad(lineNumber, UserText.of("log.postfix.yearsClient"));
                return;
            }
            Pending p = parser.pending(queueKey, lineNumber);
            p.lineNumber = lineNumber;
            p.epochSecond = at;
            p.sender = SenderDomains.normalise(user);
            p.clientIp = PostfixFields.ipOf(f.client());
            p.method = method == null ? "" : method.strip().toUpperCase(Locale.ROOT);
            p.server = host;
            Connection open = parser.connections.get(connection);
            if (open != null && open.tls != null) {
                p.tls = open.tls.version;
                p.cipher = open.tls.cipher;
                p.tlsDecided = true;
            } else if (alwaysEncrypted(service)) {
                p.tls = TlsVersion.TLS;
                p.tlsDecided = true;
            } else {
                if (open == null) {
                    open = new Connection(service);
                    parser.connections.put(connection, open);
                }
                if (open.waiting == null) {
                    open.waiting = new ArrayList<>(2);
                }
                open.waiting.add(p); // decided when the connection ends
            }
            if (p.from != null) {
                parser.queue.remove(p.key);
                p.envelopeDone = true;
                if (p.tlsDecided) {
                    parser.emit(p);
                }
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
            String ip = PostfixFields.ipOf(client);
            if (ip.isEmpty()) {
                parser.bad(lineNumber, UserText.of("log.postfix.noClient"));
                return;
            }
            Long at = stamp.epochSecond(parser.time);
            if (at == null) {
                parser.bad(lineNumber, UserText.of("log.postfix.badTimeFailure"));
                return;
            }
            if (!SyslogTime.plausible(at)) {
                parser.bad(lineNumber, UserText.of("log.postfix.yearsFailure"));
                return;
            }
            // Postfix 3.11 writes "(unavailable)" where older versions wrote nothing
            String who = account == null || account.equals(UNAVAILABLE) ? "" : SenderDomains.normalise(account);
            if (who.length() > SenderDomains.MAX_LENGTH) {
                parser.bad(lineNumber, UserText.of("log.long", "sasl_username", SenderDomains.MAX_LENGTH));
                return;
            }
            if (SenderDomains.hasControlCharacter(who)) {
                parser.bad(lineNumber, UserText.of("log.controls", "sasl_username"));
                return;
            }
            parser.authFailures++;
            parser.ready.add(new LogAuthFailure(lineNumber, at, who, ip, method.strip().toUpperCase(Locale.ROOT), host));
            parser.relevant++;
        }
    }

    /** What Postfix 3.11 writes as the {@code sasl_username} of a failure whose user name it could not learn. */
    static final String UNAVAILABLE = "(unavailable)";

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

    /**
     * Ends the file: the connections still open end without statistics (their submissions decided by
     * steps 3 to 5), and every submission still waiting is emitted with what is known. Further
     * {@link #accept} calls are refused.
     */
    @Override
    public void finish() {
        if (finished) {
            return;
        }
        carried = new HashMap<>();
        for (Map.Entry<String, Connection> e : connections.entrySet()) {
            Connection open = e.getValue();
            if (open.tls != null && open.waiting == null) {
                carried.put(e.getKey(), new Connection(open.service, open.tls));
            }
        }
        for (String open : List.copyOf(connections.keySet())) {
            ConnectionLine.end(this, open, DISCONNECT);
        }
        finished = true;
        for (Pending p : queue.values()) {
            p.envelopeDone = true;
            if (p.tlsDecided) {
                emit(p);
            }
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
    @Override
    public void drain() {
        if (ready.isEmpty()) {
            return;
        }
        List<Object> done = ready;
        ready = new ArrayList<>();
        for (Object o : done) {
            if (o instanceof Pending p) {
                sink.submission(new LogSubmission(p.lineNumber, p.epochSecond, p.sender, SenderDomains.domainOf(p.sender, p.from),
                        p.clientIp, p.method, p.tls, p.cipher, p.server, p.messageId, p.from, Math.max(0, p.recipients),
                        p.undecidedService));
            } else {
                sink.authFailure((LogAuthFailure) o);
            }
        }
    }

    @Override
    public LogStats stats() {
        return new LogStats(lines, relevant, irrelevant, bad, submissions, authFailures);
    }

    /** The first {@value #BAD_EXAMPLES} bad lines, in file order. */
    @Override
    public List<BadLine> badExamples() {
        return List.copyOf(badExamples);
    }


    // --- connections and queue entries -----------------------------------------------------------

    /**
     * What is known of one open connection: its service, its handshake, and the submissions whose TLS
     * it will decide.
     */
    private static final class Connection {
        final String service;
        Tls tls;
        List<Pending> waiting;

        Connection(String service) {
            this.service = service;
        }

        Connection(String service, Tls tls) {
            this.service = service;
            this.tls = tls;
        }
    }

    /** The connections open at the end of the file whose handshake is known, made by {@link #finish()}. */
    private Map<String, Connection> carried;

    /**
     * What the next file of the same rotated series needs to know of this one's end: the connections
     * still open whose TLS handshake this file logged. A connection that spans the rotation (its
     * handshake in {@code mail.log.1}, its {@code client=} line in {@code mail.log}) keeps its TLS
     * version and cipher. Connections with submissions still waiting for their TLS are not carried:
     * {@link #finish()} decided those at this file's end (SPEC 5, steps 3 to 5), because their lines,
     * and the source that counts them, belong to this file. Empty before {@link #finish()}.
     */
    public Carry carry() {
        return new Carry(carried == null ? Map.of() : Map.copyOf(carried));
    }

    /** Open connections handed from one file of a rotated series to the next ({@link #carry()}, {@link #continueFrom}). */
    public static final class Carry {
        /** Nothing carried: the first file of a series. */
        public static final Carry NONE = new Carry(Map.of());

        private final Map<String, Connection> connections;

        private Carry(Map<String, Connection> connections) {
            this.connections = connections;
        }

        /** How many open connections are carried. */
        public int size() {
            return connections.size();
        }
    }

    /**
     * Starts this parser, before its first line, with the open connections that the previous file of
     * its rotated series ended with. Each is copied, so the same carry can start a file read twice.
     * Returns this parser.
     */
    public PostfixParser continueFrom(Carry carry) {
        for (Map.Entry<String, Connection> e : carry.connections.entrySet()) {
            connections.put(e.getKey(), new Connection(e.getValue().service, e.getValue().tls));
        }
        return this;
    }

    /**
     * True for a service that always encrypts (step 3): a {@code syslog_name} ending in {@code /smtps}
     * or {@code /submissions}, Postfix's stock names for port 465 ({@code postfix/smtps/smtpd}).
     */
    static boolean alwaysEncrypted(String service) {
        return service.endsWith("/smtps/smtpd") || service.endsWith("/submissions/smtpd");
    }

    /** The queue entry of {@code key}, made when new (get and put rather than a capturing lambda per line). */
    private Pending pending(String key, long lineNumber) {
        Pending p = queue.get(key);
        if (p == null) {
            p = new Pending(key, lineNumber);
            queue.put(key, p);
        }
        return p;
    }

    /** Emits {@code p} once if it is a submission; entries that only saw cleanup/qmgr lines are dropped. */
    private void emit(Pending p) {
        if (p.sender == null || p.emitted) {
            return;
        }
        p.emitted = true;
        submissions++;
        ready.add(p); // given to the sink by drain()
    }

    /**
     * No queue entry was created before this line: the first line of the oldest entry when the queue
     * was last looked at (entries only leave or come younger after that), or the line then if it was
     * empty. It spares {@link #expire} walking the queue for each line of the log.
     */
    private long oldestAtLeast;

    /**
     * Emits (once their TLS is decided) or drops queue entries created more than the pending window ago.
     * Only the test is here, so that what every line's {@code feed} has compiled into it stays small.
     */
    private void expire(long lineNumber) {
        if (lineNumber - oldestAtLeast > pendingWindow) {
            expireOld(lineNumber);
        }
    }

    private void expireOld(long lineNumber) {
        Iterator<Pending> it = queue.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (lineNumber - p.firstLine <= pendingWindow) {
                oldestAtLeast = p.firstLine; // insertion order: the rest are younger
                return;
            }
            it.remove();
            p.envelopeDone = true;
            if (p.tlsDecided) {
                emit(p);
            }
        }
        oldestAtLeast = lineNumber;
    }

    // --- small parsers ---------------------------------------------------------------------------

    /** Bad lines up to this one are counted but not kept as examples ({@link #reportBadFrom}). */
    private long examplesAfter;

    @Override
    public void reportBadFrom(long line) {
        examplesAfter = line - 1;
    }

    private boolean bad(long lineNumber, UserText reason) {
        bad++;
        if (badExamples.size() < BAD_EXAMPLES && lineNumber > examplesAfter) {
            badExamples.add(new BadLine(lineNumber, reason));
        }
        return true;
    }

    private static final String WITH_CIPHER = " with cipher ";

    /** Version and cipher from {@code TLSv1.3 with cipher C (…)…}, the text of a handshake from its protocol on. */
    private static Tls readTls(String rest) {
        int sp = rest.indexOf(' ');
        String version = sp < 0 ? rest : rest.substring(0, sp);
        String cipher = null;
        int c = rest.indexOf(WITH_CIPHER);
        if (c >= 0) {
            String after = rest.substring(c + WITH_CIPHER.length());
            int end = after.indexOf(' ');
            cipher = end < 0 ? after : after.substring(0, end);
            if (cipher.isEmpty()) {
                cipher = null;
            }
        }
        TlsVersion v = TlsVersion.parse(version).orElse(TlsVersion.TLS);
        if (!v.encrypted()) {
            v = TlsVersion.TLS; // "established" means encrypted, whatever the version text said
        }
        return new Tls(v, cipher);
    }

    private record Tls(TlsVersion version, String cipher) {
    }

    /**
     * What is known about one queue id. {@code sender != null} once its SASL {@code client=} line is
     * seen; it is emitted once {@code envelopeDone} (its from=, removed, expiry or the file's end) and
     * {@code tlsDecided} (by its connection) are both true.
     */
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
        /** The {@code nrcpt=} of the first qmgr {@code from=} line that gave one; -1 until then (emitted as 0). */
        int recipients = -1;
        String undecidedService;
        boolean tlsDecided;
        boolean envelopeDone;
        boolean emitted;

        Pending(String key, long firstLine) {
            this.key = key;
            this.firstLine = firstLine;
        }
    }
}
