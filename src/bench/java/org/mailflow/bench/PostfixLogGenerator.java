package org.mailflow.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.mailflow.smtpauth.TlsVersion;

/**
 * A synthetic Postfix maillog ({@code /var/log/mail.log} of one server, {@code mail}) for the import
 * benchmark and the parser tests, deterministic per seed and written as a stream.
 *
 * <p>Lines are classic syslog lines ({@code Oct  1 08:30:00 mail postfix/smtpd[2345]: …}) in time
 * order, starting on {@link #DEFAULT_START} and running over as many days as the size needs (about
 * 110 MB a day), with more traffic by day than at night and less at weekends. The traffic is what a
 * small provider's server logs, by episode:
 * <ul>
 * <li>about 55 % inbound internet mail on port 25: postscreen {@code CONNECT}/{@code PASS OLD},
 * {@code connect from}, mostly an {@code Anonymous TLS connection established} line, {@code client=}
 * without SASL, cleanup {@code message-id=}, opendkim and amavis lines, qmgr {@code from=}, lmtp,
 * virtual or local deliveries (a few deferred and retried later, a few bounced with a
 * non-delivery notification), qmgr {@code removed} and {@code disconnect from … commands=N};</li>
 * <li>about 25 % SMTP AUTH submissions from 300 accounts in {@link #DOMAINS} over
 * {@code postfix/submission/smtpd} (587), {@code postfix/smtps/smtpd} (465) and a few
 * {@code postfix/smtpd} (25): people on TLS 1.2/1.3 ({@code Anonymous}, some {@code Untrusted} or
 * {@code Trusted}), printers and scanners on TLS 1.0/1.1 or without TLS, service accounts with bare
 * user names; {@code client=…, sasl_method=PLAIN|LOGIN, sasl_username=…}, sometimes several messages in
 * one connection, relayed by {@code postfix/smtp} to remote servers or delivered locally, some
 * deferred or bounced;</li>
 * <li>postscreen rejects (DNSBL rank, PREGREET), {@code NOQUEUE: reject} of relaying, unknown users
 * and clients without reverse DNS, password guessing ({@code SASL LOGIN authentication failed},
 * most with {@code sasl_username=}, some without), connections that send nothing, cron mail through
 * pickup, anvil statistics every ten minutes, and dovecot IMAP logins and logouts.</li>
 * </ul>
 * Several smtpd processes of each service serve connections at once and each serves many in turn (a
 * process ends after 100 connections or 100 idle seconds and a new pid takes over), so the lines
 * of connections and of queue ids interleave. Queue ids are 10-12 upper-case hex digits, unique in
 * the file. Addresses and names are fictitious ({@code .example} domains; client addresses from the
 * documentation, private and shared ranges).
 *
 * <p>{@link Result} says what was written, in the parser's terms, so that tests can check a parse of
 * the file against it.
 */
public final class PostfixLogGenerator {
    /** The time of the first line. */
    public static final LocalDateTime DEFAULT_START = LocalDateTime.of(2026, 10, 1, 0, 0, 0);
    /** The syslog host name of every line. */
    public static final String HOST = "mail";
    /** The domains of the server's accounts. */
    public static final List<String> DOMAINS = List.of("example.com", "example.net", "example.org");
    /** How many SMTP AUTH accounts the server has ({@link Mix#DEFAULT}). */
    public static final int ACCOUNTS = 300;
    /** How many SMTP AUTH accounts the submission relay has ({@link Mix#RELAY}). */
    public static final int RELAY_ACCOUNTS = 4000;

    /**
     * The traffic of the server.
     * <ul>
     * <li>{@code DEFAULT}: the small provider described above (about a quarter of the episodes are submissions,
     * 300 accounts, mostly TLS 1.2/1.3; about 3 % of the lines are {@code sasl_username=} lines).</li>
     * <li>{@code RELAY}: a submission relay of a site with many devices: {@value #RELAY_ACCOUNTS} accounts, a third
     * of them printers, scanners and other devices each on its own address, people on TLS 1.0/1.1 from old clients
     * too; most episodes are submissions (devices often send several messages in one connection), so that over
     * 10 % of the lines are {@code client=…, sasl_username=} lines, the rest their connect, TLS, cleanup, qmgr and
     * delivery lines, some inbound mail, rejects and password guessing. The default mix's bytes are unchanged.</li>
     * </ul>
     */
    public enum Mix { DEFAULT, RELAY }

    /**
     * What was written.
     *
     * @param lines                   lines written
     * @param bytes                   bytes written
     * @param messages                queue ids (messages received, submitted, picked up or bounced)
     * @param submissions             SMTP AUTH submissions: {@code client=} lines with {@code sasl_username=}
     * @param submissionsByTls        the submissions per TLS version of their connection ({@code NONE}: no TLS line)
     * @param submissionRecipients    the recipients of the submissions: the {@code nrcpt=} of each one's first qmgr
     *                                {@code from=} line (one whose client gave up during DATA has no such line)
     * @param authFailures            {@code SASL … authentication failed} warnings
     * @param authFailuresWithUser    those of them that name a {@code sasl_username=}
     * @param firstEpochSecond        UTC time of the first line
     * @param lastEpochSecond         UTC time of the last line
     */
    public record Result(long lines, long bytes, long messages, long submissions, Map<TlsVersion, Long> submissionsByTls,
                         long submissionRecipients, long authFailures, long authFailuresWithUser, long firstEpochSecond, long lastEpochSecond) {
        /** {@code SASL … authentication failed} warnings without a user name (older Postfix). */
        public long authFailuresWithoutUser() {
            return authFailures - authFailuresWithUser;
        }
    }

    /**
     * Changes whenever the bytes written for a seed and size change, so that files generated earlier
     * are not taken for current ones.
     */
    public static final int OUTPUT_VERSION = 1;

    private final long seed;
    private final LocalDateTime start;
    /** Episodes per second relative to the default (1): a quieter server's log covers more days per byte. */
    private double traffic = 1.0;
    /** The syslog host name of every line. */
    private String host = HOST;
    private final Mix mix;

    /** A generator starting on {@link #DEFAULT_START}. */
    public PostfixLogGenerator(long seed) {
        this(seed, DEFAULT_START);
    }

    /** A generator whose first line is at {@code start} (UTC, whole seconds). */
    public PostfixLogGenerator(long seed, LocalDateTime start) {
        this(seed, start, Mix.DEFAULT);
    }

    /** A generator of {@code mix} traffic whose first line is at {@code start} (UTC, whole seconds). */
    public PostfixLogGenerator(long seed, LocalDateTime start, Mix mix) {
        this.seed = seed;
        this.start = start;
        this.mix = mix;
    }

    /**
     * Scales the traffic: {@code 0.25} writes a quarter of the episodes a second, so a file of the same
     * size covers four times the days. The default, 1, writes about 110 MB a day; every other rate
     * of the log (shares of each kind of episode, day and night, weekends) is kept. Returns this generator.
     */
    public PostfixLogGenerator traffic(double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("traffic scale must be positive: " + scale);
        }
        this.traffic = scale;
        return this;
    }

    /** Names the server {@code name} in every line instead of {@link #HOST} (a fleet of servers). Returns this generator. */
    public PostfixLogGenerator host(String name) {
        this.host = name;
        return this;
    }

    /** Writes a log of at least {@code targetBytes} (ending with complete connections) to {@code file}. */
    public Result write(Path file, long targetBytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return write(out, targetBytes);
        }
    }

    /**
     * Writes a log of at least {@code targetBytes} to {@code out}, which is neither buffered further
     * nor closed (the generator writes in large blocks). The same seed, start and size give the same bytes.
     */
    public Result write(OutputStream out, long targetBytes) throws IOException {
        return new Run(out, targetBytes).run();
    }

    // --- fixed vocabulary -----------------------------------------------------------------------

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final String[] FIRST = {"aaron", "abigail", "adam", "aisha", "alex", "amelia", "ana", "andre", "anna", "arjun",
        "ben", "bianca", "carlos", "chen", "chloe", "daniel", "dana", "david", "diego", "elena", "eli", "emma", "erik", "fatima",
        "felix", "george", "grace", "hana", "hugo", "ines", "ivan", "jack", "jana", "jun", "kai", "kim", "lara", "lena", "leo",
        "lucas", "maria", "mateo", "maya", "mia", "nina", "noah", "olga", "omar", "oscar", "paula", "priya", "quinn", "rosa"};
    private static final String[] LAST = {"abbott", "ahmed", "alvarez", "andersen", "baker", "bauer", "brown", "chan", "cohen",
        "costa", "dubois", "edwards", "fischer", "garcia", "gomez", "green", "hansen", "hill", "ito", "jansen", "johnson", "kaur",
        "khan", "klein", "kowalski", "larsen", "lee", "lin", "lopez", "martin", "meyer", "moreau", "muller", "nakamura"};
    private static final String[] DEVICES = {"mfp", "scanner", "printer", "scan2mail", "fax", "ups", "nas", "nvr"};
    private static final String[] SERVICES = {"svc-backup", "svc-crm", "svc-erp", "svc-helpdesk", "nagios", "jenkins",
        "svc-invoices", "svc-reports", "noreply", "notifications", "billing", "alerts"};
    private static final String[] ORG_A = {"north", "blue", "alpine", "tail", "wood", "lit", "pro", "fourth", "lucerne", "wing",
        "contoso", "fabri", "adat", "trey", "coho", "margie", "nod", "hum", "city", "fine", "great", "bright", "red", "silver"};
    private static final String[] ORG_B = {"wind", "yonder", "ski", "spin", "grove", "ware", "coffee", "publish", "tip", "kam",
        "um", "research", "winery", "travel", "arts", "ongo", "bank", "shop", "media", "labs", "net", "works", "mail", "store"};
    private static final String[] ESPS = {"mailer-a.example", "sendgrid-like.example", "mcsend.example", "bulkpost.example",
        "newsflow.example", "cmpgn.example"};
    private static final String[] LOCALS = {"info", "sales", "support", "news", "hello", "team", "office", "contact", "orders",
        "invoice", "hr", "jobs", "events", "marketing", "noreply", "accounts", "john", "mary", "peter", "susan", "li", "ahmed"};
    private static final String[] GUESSES = {"admin", "info", "test", "user", "sales", "office", "support", "webmaster", "postmaster",
        "contact", "mail", "root", "guest", "backup", "scanner", "demo", "marketing"};
    private static final String TLS13_SUFFIX = " key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256";
    private static final String[] TLS13 = {"TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)" + TLS13_SUFFIX,
        "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)" + TLS13_SUFFIX,
        "TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits)" + TLS13_SUFFIX,
        "TLSv1.3 with cipher TLS_CHACHA20_POLY1305_SHA256 (256/256 bits)" + TLS13_SUFFIX};
    private static final String[] TLS12 = {"TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)",
        "TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits)",
        "TLSv1.2 with cipher ECDHE-RSA-CHACHA20-POLY1305 (256/256 bits)"};
    private static final String[] TLS10 = {"TLSv1 with cipher ECDHE-RSA-AES256-SHA (256/256 bits)",
        "TLSv1 with cipher AES256-SHA (256/256 bits)", "TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)"};
    private static final String[] TLS11 = {"TLSv1.1 with cipher ECDHE-RSA-AES128-SHA (128/128 bits)",
        "TLSv1.1 with cipher AES128-SHA (128/128 bits)"};
    private static final String[] REMOTE_OK = {"250 2.0.0 OK  %s - gsmtp", "250 2.0.0 Ok: queued as %s",
        "250 OK id=%s", "250 2.6.0 <%s> Queued mail for delivery", "250 2.0.0 %s Message accepted for delivery"};
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final char[] B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private enum Kind { PERSON, DEVICE, SERVICE }

    /** One SMTP AUTH account and how its clients connect. */
    private record Account(String login, String envelope, Kind kind, TlsVersion tls, String method, String[] ips,
                           String[] names, String service) {
    }

    /** One remote organisation: its domain, the host names and addresses of its servers. */
    private record Org(String domain, String[] hosts, String[] ips) {
    }

    // --- one run --------------------------------------------------------------------------------

    /** One log line waiting to be written: lines are written in (time, creation) order. */
    private static final class Line {
        final long ms;
        final long seq;
        final byte[] tag;
        final byte[] text;

        Line(long ms, long seq, byte[] tag, byte[] text) {
            this.ms = ms;
            this.seq = seq;
            this.tag = tag;
            this.text = text;
        }
    }

    /** A binary min-heap of lines by (time, creation order), its keys in arrays so that sifting compares primitives. */
    private static final class LineHeap {
        private long[] ms = new long[256];
        private long[] seq = new long[256];
        private Line[] lines = new Line[256];
        private int size;

        boolean isEmpty() {
            return size == 0;
        }

        long minMs() {
            return ms[0];
        }

        void add(Line l) {
            if (size == lines.length) {
                ms = Arrays.copyOf(ms, size * 2);
                seq = Arrays.copyOf(seq, size * 2);
                lines = Arrays.copyOf(lines, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!before(l.ms, l.seq, parent)) {
                    break;
                }
                move(parent, i);
                i = parent;
            }
            put(i, l.ms, l.seq, l);
        }

        Line poll() {
            Line top = lines[0];
            int last = --size;
            long lastMs = ms[last];
            long lastSeq = seq[last];
            Line lastLine = lines[last];
            lines[last] = null;
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && before(ms[child + 1], seq[child + 1], child)) {
                    child++;
                }
                if (!before(ms[child], seq[child], lastMs, lastSeq)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            if (size > 0) {
                put(i, lastMs, lastSeq, lastLine);
            }
            return top;
        }

        private boolean before(long m, long s, int slot) {
            return before(m, s, ms[slot], seq[slot]);
        }

        private static boolean before(long m1, long s1, long m2, long s2) {
            return m1 < m2 || (m1 == m2 && s1 < s2);
        }

        private void move(int from, int to) {
            ms[to] = ms[from];
            seq[to] = seq[from];
            lines[to] = lines[from];
        }

        private void put(int slot, long m, long s, Line l) {
            ms[slot] = m;
            seq[slot] = s;
            lines[slot] = l;
        }
    }

    /** A process: its syslog tag, how many connections it served and until when it is busy. */
    private static final class Proc {
        final String tag;
        long busyUntil;
        long lastUsed;
        int uses;

        Proc(String tag) {
            this.tag = tag;
        }

        /** Frees the process at {@code t}. */
        void release(long t) {
            busyUntil = t;
            lastUsed = t;
        }
    }

    /** The state of one {@link #write(OutputStream, long)}. */
    private final class Run {
        private final OutputStream out;
        private final long target;
        private final SplittableRandom rnd;
        private final LineHeap queue = new LineHeap();
        private final byte[] buf = new byte[1 << 20];
        /** The bytes of each syslog tag. */
        private final Map<String, byte[]> tags = new HashMap<>();
        private final LineBuilder line = new LineBuilder();
        private int pos;
        private long seq;
        private int pid = 1000;
        private long queueCounter;
        /** The start of the current episode. */
        private long clock;
        private final long startMs;

        private final Account[] accounts;
        private final double[] accountCdf;
        private final Org[] orgs;
        private final String[] attackers;
        private final String[] localUsers;

        private final Pool smtpd = new Pool("postfix/smtpd", 100);
        private final Pool submission = new Pool("postfix/submission/smtpd", 100);
        private final Pool smtps = new Pool("postfix/smtps/smtpd", 100);
        private final Pool cleanup = new Pool("postfix/cleanup", 100);
        private final Pool smtp = new Pool("postfix/smtp", 100);
        private final Pool lmtp = new Pool("postfix/lmtp", 100);
        private final Pool virtual = new Pool("postfix/virtual", 100);
        private final Pool local = new Pool("postfix/local", 100);
        private final Pool bounce = new Pool("postfix/bounce", 100);
        private final Pool dnsblog = new Pool("postfix/dnsblog", 100);
        private final Pool amavis = new Pool("amavis", 1_000_000);
        private final String qmgr;
        private final String postscreen;
        private final String anvil;
        private final String pickup;
        private final String opendkim;

        // What was written.
        private long lines;
        private long bytes;
        private long messages;
        private long submissions;
        private long submissionRecipients;
        private final long[] byTls = new long[TlsVersion.values().length];
        private long authFailures;
        private long authFailuresWithUser;
        private long firstMs;
        private long lastMs;
        // The second whose "Mmm dd hh:mm:ss mail " prefix is in stamp.
        private long stampSecond = Long.MIN_VALUE;
        private final byte[] stamp = new byte[32];
        private int stampLength;
        private long stampDay = Long.MIN_VALUE;
        private String stampDate;
        private String lastInboundIp = "100.64.0.1";

        Run(OutputStream out, long target) {
            this.out = out;
            this.target = target;
            this.rnd = new SplittableRandom(seed);
            this.startMs = start.toEpochSecond(ZoneOffset.UTC) * 1000;
            this.qmgr = "postfix/qmgr[" + nextPid() + "]";
            this.postscreen = "postfix/postscreen[" + nextPid() + "]";
            this.anvil = "postfix/anvil[" + nextPid() + "]";
            this.pickup = "postfix/pickup[" + nextPid() + "]";
            this.opendkim = "opendkim[" + nextPid() + "]";
            this.orgs = orgs();
            this.accounts = accounts();
            this.accountCdf = new double[accounts.length];
            double sum = 0;
            for (int i = 0; i < accounts.length; i++) {
                double w = switch (accounts[i].kind) {
                    case PERSON -> 1.0 / Math.pow(1 + rnd.nextInt(200), 0.6);
                    case DEVICE -> 0.15;
                    case SERVICE -> 0.4;
                };
                sum += w;
                accountCdf[i] = sum;
            }
            for (int i = 0; i < accountCdf.length; i++) {
                accountCdf[i] /= sum;
            }
            this.attackers = new String[250];
            for (int i = 0; i < attackers.length; i++) {
                attackers[i] = i % 3 == 0 ? "203.0.113." + (1 + rnd.nextInt(254)) : sharedIp();
            }
            List<String> users = new ArrayList<>();
            for (Account a : accounts) {
                if (a.kind == Kind.PERSON) {
                    users.add(a.envelope);
                }
            }
            this.localUsers = users.toArray(new String[0]);
        }

        Result run() throws IOException {
            clock = startMs;
            long nextAnvil = startMs + 600_000;
            while (bytes + pos < target) {
                clock += interarrival(clock);
                while (nextAnvil <= clock) {
                    anvil(nextAnvil);
                    nextAnvil += 600_000;
                }
                drain(clock);
                episode(clock);
            }
            drain(Long.MAX_VALUE);
            flush();
            Map<TlsVersion, Long> tls = new EnumMap<>(TlsVersion.class);
            for (TlsVersion v : TlsVersion.values()) {
                tls.put(v, byTls[v.ordinal()]);
            }
            return new Result(lines, bytes, messages, submissions, Collections.unmodifiableMap(tls), submissionRecipients, authFailures,
                    authFailuresWithUser, firstMs / 1000, lastMs / 1000);
        }

        /** Milliseconds to the next episode: about 1.2 a second on weekdays' working hours, fewer at night and weekends. */
        private long interarrival(long now) {
            long second = now / 1000;
            int hour = (int) ((second / 3600) % 24);
            int dow = (int) ((Math.floorDiv(second, 86_400) + 3) % 7); // 0 = Monday (1970-01-01 was a Thursday)
            double rate = hour < 6 ? 0.35 : hour < 8 ? 0.8 : hour < 18 ? 1.7 : hour < 22 ? 0.9 : 0.5;
            if (dow >= 5) {
                rate *= 0.55;
            }
            rate *= traffic;
            if (mix == Mix.RELAY) {
                rate *= 3;
            }
            double u = 1.0 - rnd.nextDouble();
            return 1 + (long) (-Math.log(u) / rate * 1000);
        }

        private void episode(long t) {
            int r = rnd.nextInt(1000);
            if (mix == Mix.RELAY) {
                relayEpisode(t, r);
                return;
            }
            if (r < 550) {
                inbound(t);
            } else if (r < 800) {
                submission(t);
            } else if (r < 840) {
                postscreenReject(t);
            } else if (r < 880) {
                noqueueReject(t);
            } else if (r < 915) {
                bruteForce(t);
            } else if (r < 975) {
                dovecot(t);
            } else if (r < 990) {
                cron(t);
            } else {
                emptyConnection(t);
            }
        }

        /** The episodes of {@link Mix#RELAY}: 85 % submissions. */
        private void relayEpisode(long t, int r) {
            if (r < 850) {
                submission(t);
            } else if (r < 920) {
                inbound(t);
            } else if (r < 940) {
                postscreenReject(t);
            } else if (r < 955) {
                noqueueReject(t);
            } else if (r < 985) {
                bruteForce(t);
            } else if (r < 995) {
                cron(t);
            } else {
                emptyConnection(t);
            }
        }

        // --- episodes ---------------------------------------------------------------------------

        private void inbound(long t) {
            Org org = orgs[rnd.nextInt(orgs.length)];
            int h = rnd.nextInt(org.hosts.length);
            String ip = org.ips[h];
            String name = rnd.nextInt(100) < 12 ? "unknown" : org.hosts[h];
            String client = name + "[" + ip + "]";
            lastInboundIp = ip;
            Script s = new Script(t);
            int port = 1024 + rnd.nextInt(64_000);
            s.log(postscreen).a("CONNECT from [").a(ip).a("]:").a(port).a(" to [192.0.2.25]:25").end();
            if (rnd.nextInt(10) == 0) {
                s.after(20, 200).log(dnsblog.at(s.t)).a("addr ").a(ip)
                        .a(" listed by domain list.dnswl.example as 127.0.10.0").end();
                s.after(5000, 6500).log(postscreen).a("PASS NEW [").a(ip).a("]:").a(port).end();
            } else {
                s.after(0, 5).log(postscreen).a("PASS OLD [").a(ip).a("]:").a(port).end();
            }
            Proc p = smtpd.acquire(s.t);
            s.after(1, 30).log(p.tag).a("connect from ").a(client).end();
            boolean tls = rnd.nextInt(100) < 88;
            if (tls) {
                String kind = rnd.nextInt(20) == 0 ? "Untrusted" : "Anonymous";
                s.after(30, 180).log(p.tag).a(kind).a(" TLS connection established from ").a(client).a(": ")
                        .a(rnd.nextInt(4) == 0 ? pick(TLS12) : pick(TLS13)).end();
            }
            int count = rnd.nextInt(25) == 0 ? 2 + rnd.nextInt(3) : 1;
            int rcpts = 0;
            for (int m = 0; m < count; m++) {
                String qid = queueId();
                s.after(80, 1500).log(p.tag).a(qid).a(": client=").a(client).end();
                s.after(5, 40).log(cleanup.at(s.t)).a(qid).a(": message-id=<").a(hex(16)).a(".").a(hex(6)).a("@").a(org.domain)
                        .a(">").end();
                String from = rnd.nextInt(3) == 0 ? "bounce-" + hex(8).toLowerCase(Locale.ROOT) + "-" + rnd.nextInt(100_000) + "@"
                        + pick(ESPS) : pick(LOCALS) + "@" + org.domain;
                int size = size();
                if (rnd.nextInt(10) < 6) {
                    s.after(10, 200).log(opendkim).a(qid).a(": ").a(client).a(" not internal").end();
                    s.after(1, 20).log(opendkim).a(qid).a(": DKIM verification successful").end();
                }
                int n = nrcpt();
                rcpts += n;
                s.after(20, 300 + size / 200).log(qmgr).a(qid).a(": from=<").a(from).a(">, size=").a(size).a(", nrcpt=").a(n)
                        .a(" (queue active)").end();
                Script d = s.fork();
                for (int k = 0; k < n; k++) {
                    String to = pick(localUsers);
                    if (rnd.nextInt(10) < 4) {
                        d.after(200, 2500).log(amavis.at(d.t)).a("(").a(10_000 + rnd.nextInt(90_000)).a("-")
                                .a(1 + rnd.nextInt(20)).a(") Passed CLEAN {RelayedInbound}, [").a(ip).a("]:").a(port).a(" [")
                                .a(ip).a("] <").a(from).a("> -> <").a(to).a(">, Queue-ID: ").a(qid).a(", mail_id: ").a(b64(12))
                                .a(", Hits: ").a(decimal(rnd.nextInt(400) - 300)).a(", size: ").a(size).a(", ")
                                .a(200 + rnd.nextInt(2000)).a(" ms").end();
                    }
                    deliverLocal(d, qid, to, false);
                }
                d.after(1, 15).log(qmgr).a(qid).a(": removed").end();
                messages++;
            }
            s.after(20, 300);
            if (rnd.nextInt(200) == 0) {
                s.log(p.tag).a("lost connection after RSET from ").a(client).end();
            }
            String starttls = tls ? "ehlo=2 starttls=1 " : "ehlo=1 ";
            int commands = (tls ? 3 : 1) + 3 * count + (rcpts - count) + 1;
            s.log(p.tag).a("disconnect from ").a(client).a(" ").a(starttls).a("mail=").a(count).a(" rcpt=").a(rcpts).a(" data=")
                    .a(count).a(" quit=1 commands=").a(commands).end();
            p.release(s.t);
        }

        /** A local delivery of {@code qid} to {@code to} over lmtp, virtual or local, sometimes deferred once or bounced. */
        private void deliverLocal(Script d, String qid, String to, boolean retry) {
            int how = rnd.nextInt(10);
            Pool pool = how < 7 ? lmtp : how < 9 ? virtual : local;
            String relay = pool == lmtp ? "mail.example.com[private/dovecot-lmtp]" : pool == virtual ? "virtual" : "local";
            int fate = retry ? 999 : rnd.nextInt(1000);
            long startAt = d.t;
            d.after(20, 1500);
            Proc p = retry ? pool.anyProc() : pool.acquire(startAt);
            String head = qid + ": to=<" + to + ">, relay=" + relay + ", " + delays(d.t - startAt);
            if (fate < 8) {
                d.log(p.tag).a(head).a(", dsn=4.2.2, status=deferred (452 4.2.2 <").a(to).a("> Mailbox is full)").end();
                release(p, d.t, retry);
                d.after(300_000, 3_600_000).log(qmgr).a(qid).a(": from=<>, size=").a(size()).a(", nrcpt=1 (queue active)").end();
                deliverLocal(d, qid, to, true);
            } else if (fate < 14) {
                d.log(p.tag).a(head).a(", dsn=5.1.1, status=bounced (unknown user: \"").a(to.substring(0, to.indexOf('@')))
                        .a("\")").end();
                release(p, d.t, retry);
                String ndr = queueId();
                messages++;
                d.after(2, 30).log(cleanup.at(d.t)).a(ndr).a(": message-id=<").a(timestampId(d.t)).a(".").a(ndr)
                        .a("@mail.example.com>").end();
                d.after(1, 10).log(bounce.at(d.t)).a(qid).a(": sender non-delivery notification: ").a(ndr).end();
                d.after(1, 10).log(qmgr).a(ndr).a(": from=<>, size=").a(2000 + rnd.nextInt(8000))
                        .a(", nrcpt=1 (queue active)").end();
                Script r = d.fork();
                remoteDelivery(r, ndr, pick(LOCALS) + "@" + orgs[rnd.nextInt(orgs.length)].domain, true);
                r.after(1, 10).log(qmgr).a(ndr).a(": removed").end();
            } else {
                String ok = pool == lmtp ? "250 2.0.0 <" + to + "> " + b64(22) + " Saved" : "delivered to maildir";
                d.log(p.tag).a(head).a(", dsn=2.0.0, status=sent (").a(ok).a(")").end();
                release(p, d.t, retry);
            }
        }

        private void release(Proc p, long t, boolean shared) {
            if (!shared) {
                p.release(t);
            }
        }

        private void submission(long t) {
            Account a = accounts[account()];
            int i = rnd.nextInt(a.ips.length);
            String client = a.names[i] + "[" + a.ips[i] + "]";
            Pool pool = switch (a.service) {
                case "smtps" -> smtps;
                case "smtp" -> smtpd;
                default -> submission;
            };
            Script s = new Script(t);
            if (pool == smtpd) {
                int port = 1024 + rnd.nextInt(64_000);
                s.log(postscreen).a("CONNECT from [").a(a.ips[i]).a("]:").a(port).a(" to [192.0.2.25]:25").end();
                s.after(0, 3).log(postscreen).a("WHITELISTED [").a(a.ips[i]).a("]:").a(port).end();
            }
            Proc p = pool.acquire(s.t);
            s.after(1, 20).log(p.tag).a("connect from ").a(client).end();
            if (a.tls != TlsVersion.NONE) {
                String kind = a.kind == Kind.PERSON ? (rnd.nextInt(10) == 0 ? "Untrusted" : "Anonymous")
                        : a.kind == Kind.SERVICE && a.login.indexOf('@') < 0 ? "Trusted" : "Anonymous";
                String[] suites = switch (a.tls) {
                    case TLS1_0 -> TLS10;
                    case TLS1_1 -> TLS11;
                    case TLS1_2 -> TLS12;
                    default -> TLS13;
                };
                s.after(40, 250).log(p.tag).a(kind).a(" TLS connection established from ").a(client).a(": ")
                        .a(pick(suites)).end();
            }
            int failedAuth = 0;
            if (a.kind == Kind.PERSON && rnd.nextInt(50) == 0) {
                failedAuth = 1; // a mistyped password, then the right one in the same connection
                authFailure(s.after(300, 3000), p.tag, client, a.method, a.login);
            }
            int count = rnd.nextInt(10) == 0 ? 2 + rnd.nextInt(3) : 1;
            if (mix == Mix.RELAY && a.kind == Kind.DEVICE && rnd.nextInt(3) == 0) {
                count += 1 + rnd.nextInt(5); // a scanner's batch
            }
            int rcpts = 0;
            boolean lost = false;
            for (int m = 0; m < count; m++) {
                String qid = queueId();
                messages++;
                s.after(100, 900).log(p.tag).a(qid).a(": client=").a(client).a(", sasl_method=").a(a.method)
                        .a(", sasl_username=").a(a.login).end();
                submissions++;
                byTls[a.tls.ordinal()]++;
                if (rnd.nextInt(400) == 0) {
                    // The client gave up during DATA: no message-id, no qmgr line; the queue file is dropped.
                    s.after(2000, 30_000).log(p.tag).a("lost connection after DATA (").a(rnd.nextInt(500_000))
                            .a(" bytes) from ").a(client).end();
                    lost = true;
                    count = m + 1;
                    rcpts += 1;
                    break;
                }
                String id = a.kind == Kind.PERSON ? uuid() + "@" + domainOf(a.envelope) : timestampId(s.t) + "." + hex(8) + "@"
                        + domainOf(a.envelope);
                s.after(5, 40).log(cleanup.at(s.t)).a(qid).a(": message-id=<").a(id).a(">").end();
                s.after(5, 60).log(opendkim).a(qid).a(": DKIM-Signature field added (s=mail, d=").a(domainOf(a.envelope))
                        .a(")").end();
                int size = size();
                int n = nrcpt();
                rcpts += n;
                submissionRecipients += n;
                s.after(20, 300 + size / 300).log(qmgr).a(qid).a(": from=<").a(a.envelope).a(">, size=").a(size).a(", nrcpt=")
                        .a(n).a(" (queue active)").end();
                Script d = s.fork();
                for (int k = 0; k < n; k++) {
                    if (rnd.nextInt(4) == 0) {
                        deliverLocal(d, qid, pick(localUsers), false);
                    } else {
                        Org org = orgs[rnd.nextInt(orgs.length)];
                        remoteDelivery(d, qid, pick(LOCALS) + "@" + org.domain, false);
                    }
                }
                d.after(1, 15).log(qmgr).a(qid).a(": removed").end();
            }
            s.after(20, 300);
            String starttls = a.tls == TlsVersion.NONE || pool == smtps ? "ehlo=1 " : "ehlo=2 starttls=1 ";
            int base = (a.tls == TlsVersion.NONE || pool == smtps ? 1 : 3);
            String auth = failedAuth > 0 ? "auth=1/2 " : "auth=1 ";
            if (lost) {
                int ok = base + 1 + 2 * count + rcpts - 1; // the last DATA failed and there was no QUIT
                s.log(p.tag).a("disconnect from ").a(client).a(" ").a(starttls).a(auth).a("mail=").a(count).a(" rcpt=").a(rcpts)
                        .a(" data=").a(count - 1).a("/").a(count).a(" commands=").a(ok).a("/").a(ok + 1 + failedAuth).end();
            } else {
                int ok = base + 1 + 2 * count + rcpts + 1;
                s.log(p.tag).a("disconnect from ").a(client).a(" ").a(starttls).a(auth).a("mail=").a(count).a(" rcpt=").a(rcpts)
                        .a(" data=").a(count).a(" quit=1 commands=").a(ok).a(failedAuth > 0 ? "/" + (ok + 1) : "").end();
            }
            p.release(s.t);
        }

        /** A delivery of {@code qid} to a remote server by postfix/smtp, sometimes deferred then sent, or bounced. */
        private void remoteDelivery(Script d, String qid, String to, boolean notification) {
            String domain = domainOf(to);
            int h = Math.floorMod(domain.hashCode(), 3);
            String mx = (h == 0 ? "mx1." : h == 1 ? "mail." : "inbound-smtp.") + domain;
            String mxIp = "100." + (64 + Math.floorMod(domain.hashCode() >> 8, 64)) + "." + Math.floorMod(domain.hashCode() >> 16, 256)
                    + "." + (1 + Math.floorMod(domain.hashCode(), 250));
            long startAt = d.t;
            Proc p = smtp.acquire(startAt);
            if (rnd.nextInt(10) < 7) {
                d.after(100, 600).log(p.tag).a(rnd.nextInt(4) == 0 ? "Verified" : "Trusted")
                        .a(" TLS connection established to ").a(mx).a("[").a(mxIp).a("]:25: ")
                        .a(rnd.nextInt(3) == 0 ? pick(TLS12) : pick(TLS13)).end();
            }
            d.after(150, 2500);
            String head = qid + ": to=<" + to + ">, relay=" + mx + "[" + mxIp + "]:25, " + delays(d.t - startAt);
            int fate = notification ? 999 : rnd.nextInt(1000);
            if (fate < 10) {
                d.log(p.tag).a("connect to ").a(mx).a("[").a(mxIp).a("]:25: Connection timed out").end();
                d.log(p.tag).a(head).a(", dsn=4.4.1, status=deferred (connect to ").a(mx).a("[").a(mxIp)
                        .a("]:25: Connection timed out)").end();
                p.release(d.t);
                d.after(600_000, 3_000_000).log(qmgr).a(qid).a(": from=<>, size=").a(size()).a(", nrcpt=1 (queue active)").end();
                Proc q = smtp.anyProc();
                long again = d.t;
                d.after(200, 2000).log(q.tag).a(qid).a(": to=<").a(to).a(">, relay=").a(mx).a("[").a(mxIp).a("]:25, ")
                        .a(delays(d.t - again)).a(", dsn=2.0.0, status=sent (").a(pick(REMOTE_OK).replace("%s", hex(12)))
                        .a(")").end();
            } else if (fate < 18) {
                d.log(p.tag).a(head).a(", dsn=5.1.1, status=bounced (host ").a(mx).a("[").a(mxIp).a("] said: 550 5.1.1 <").a(to)
                        .a(">: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))").end();
                p.release(d.t);
                String ndr = queueId();
                messages++;
                d.after(2, 30).log(cleanup.at(d.t)).a(ndr).a(": message-id=<").a(timestampId(d.t)).a(".").a(ndr)
                        .a("@mail.example.com>").end();
                d.after(1, 10).log(bounce.at(d.t)).a(qid).a(": sender non-delivery notification: ").a(ndr).end();
                d.after(1, 10).log(qmgr).a(ndr).a(": from=<>, size=").a(2000 + rnd.nextInt(8000))
                        .a(", nrcpt=1 (queue active)").end();
                Script r = d.fork();
                deliverLocal(r, ndr, pick(localUsers), true);
                r.after(1, 10).log(qmgr).a(ndr).a(": removed").end();
            } else {
                d.log(p.tag).a(head).a(", dsn=2.0.0, status=sent (").a(pick(REMOTE_OK).replace("%s", remoteId())).a(")").end();
                p.release(d.t);
            }
        }

        private void postscreenReject(long t) {
            String ip = rnd.nextInt(2) == 0 ? pick(attackers) : sharedIp();
            int port = 1024 + rnd.nextInt(64_000);
            Script s = new Script(t);
            s.log(postscreen).a("CONNECT from [").a(ip).a("]:").a(port).a(" to [192.0.2.25]:25").end();
            int lists = 1 + rnd.nextInt(3);
            String[] bl = {"zen.spamhaus.example", "bl.spamcop.example", "b.barracudacentral.example"};
            for (int k = 0; k < lists; k++) {
                s.after(10, 300).log(dnsblog.at(s.t)).a("addr ").a(ip).a(" listed by domain ").a(bl[k]).a(" as 127.0.0.")
                        .a(2 + rnd.nextInt(9)).end();
            }
            if (rnd.nextInt(3) == 0) {
                s.after(50, 3000).log(postscreen).a("PREGREET 11 after 0.").a(10 + rnd.nextInt(89)).a(" from [").a(ip).a("]:")
                        .a(port).a(": EHLO User\\r\\n").end();
            }
            s.after(1000, 6000).log(postscreen).a("DNSBL rank ").a(lists + 2).a(" for [").a(ip).a("]:").a(port).end();
            if (rnd.nextInt(2) == 0) {
                s.after(200, 2000).log(postscreen).a("NOQUEUE: reject: RCPT from [").a(ip).a("]:").a(port)
                        .a(": 550 5.7.1 Service unavailable;").a(" client [").a(ip).a("] blocked using ").a(bl[0]).a("; from=<")
                        .a(pick(LOCALS)).a("@").a(pick(ESPS)).a(">, to=<").a(pick(localUsers)).a(">, proto=ESMTP, helo=<")
                        .a(rnd.nextInt(2) == 0 ? "User" : "[" + ip + "]").a(">").end();
            }
            s.after(10, 500).log(postscreen).a("DISCONNECT [").a(ip).a("]:").a(port).end();
        }

        private void noqueueReject(long t) {
            String ip = rnd.nextInt(3) == 0 ? pick(attackers) : sharedIp();
            boolean named = rnd.nextInt(3) == 0;
            String client = (named ? "host-" + ip.replace('.', '-') + ".dyn.isp.example" : "unknown") + "[" + ip + "]";
            Script s = new Script(t);
            int port = 1024 + rnd.nextInt(64_000);
            s.log(postscreen).a("CONNECT from [").a(ip).a("]:").a(port).a(" to [192.0.2.25]:25").end();
            s.after(0, 5).log(postscreen).a("PASS OLD [").a(ip).a("]:").a(port).end();
            Proc p = smtpd.acquire(s.t);
            s.after(1, 30).log(p.tag).a("connect from ").a(client).end();
            String helo = rnd.nextInt(2) == 0 ? "WIN-" + hex(8) : "[" + ip + "]";
            String from = pick(LOCALS) + "@" + orgs[rnd.nextInt(orgs.length)].domain;
            int kind = rnd.nextInt(3);
            String reason;
            if (kind == 0) {
                String victim = pick(LOCALS) + "@" + orgs[rnd.nextInt(orgs.length)].domain;
                reason = "554 5.7.1 <" + victim + ">: Relay access denied; from=<" + from + "> to=<" + victim + ">";
            } else if (kind == 1) {
                String to = pick(GUESSES) + rnd.nextInt(100) + "@" + DOMAINS.get(rnd.nextInt(3));
                reason = "550 5.1.1 <" + to + ">: Recipient address rejected: User unknown in virtual mailbox table; from=<" + from
                        + "> to=<" + to + ">";
            } else {
                reason = "450 4.7.1 Client host rejected: cannot find your reverse hostname, [" + ip + "]; from=<" + from + "> to=<"
                        + pick(localUsers) + ">";
            }
            s.after(200, 1500).log(p.tag).a("NOQUEUE: reject: RCPT from ").a(client).a(": ").a(reason).a(" proto=ESMTP helo=<")
                    .a(helo).a(">").end();
            s.after(50, 500).log(p.tag).a("disconnect from ").a(client)
                    .a(" ehlo=1 mail=1 rcpt=0/1 rset=1 quit=1 commands=4/5").end();
            p.release(s.t);
        }

        private void bruteForce(long t) {
            String ip = pick(attackers);
            String client = "unknown[" + ip + "]";
            boolean onSubmission = rnd.nextInt(2) == 0;
            Script s = new Script(t);
            if (!onSubmission) {
                int port = 1024 + rnd.nextInt(64_000);
                s.log(postscreen).a("CONNECT from [").a(ip).a("]:").a(port).a(" to [192.0.2.25]:25").end();
                s.after(0, 5).log(postscreen).a("PASS OLD [").a(ip).a("]:").a(port).end();
            }
            Proc p = (onSubmission ? submission : smtpd).acquire(s.t);
            if (rnd.nextInt(3) == 0) {
                s.after(1, 30).log(p.tag).a("warning: hostname ").a(ip.replace('.', '-'))
                        .a(".static.host.example does not resolve to address ").a(ip).a(": Name or service not known").end();
            }
            s.after(1, 30).log(p.tag).a("connect from ").a(client).end();
            if (onSubmission) {
                s.after(40, 250).log(p.tag).a("Anonymous TLS connection established from ").a(client).a(": ")
                        .a(pick(TLS12)).end();
            }
            // Newer Postfix names the user it tried; an older one on the same network does not.
            boolean withUser = rnd.nextInt(10) < 7;
            int tries = 1 + rnd.nextInt(4);
            for (int k = 0; k < tries; k++) {
                String user = rnd.nextInt(3) == 0 ? accounts[rnd.nextInt(accounts.length)].login
                        : pick(GUESSES) + (rnd.nextInt(2) == 0 ? "@" + DOMAINS.get(rnd.nextInt(3)) : "");
                authFailure(s.after(1500, 6000), p.tag, client, rnd.nextInt(3) == 0 ? "PLAIN" : "LOGIN", withUser ? user : null);
            }
            String tls = onSubmission ? "ehlo=2 starttls=1 " : "ehlo=1 ";
            int base = onSubmission ? 3 : 1;
            if (rnd.nextInt(2) == 0) {
                s.after(10, 200).log(p.tag).a("lost connection after AUTH from ").a(client).end();
                s.after(0, 2).log(p.tag).a("disconnect from ").a(client).a(" ").a(tls).a("auth=0/").a(tries).a(" commands=")
                        .a(base).a("/").a(base + tries).end();
            } else {
                s.after(10, 200).log(p.tag).a("disconnect from ").a(client).a(" ").a(tls).a("auth=0/").a(tries)
                        .a(" rset=1 quit=1 commands=").a(base + 2).a("/").a(base + 2 + tries).end();
            }
            p.release(s.t);
        }

        private void authFailure(Script s, String tag, String client, String method, String user) {
            String reply = method.equals("LOGIN") ? "UGFzc3dvcmQ6" : "authentication failure";
            s.log(tag).a("warning: ").a(client).a(": SASL ").a(method).a(" authentication failed: ").a(reply)
                    .a(user == null ? "" : ", sasl_username=" + user).end();
            authFailures++;
            if (user != null) {
                authFailuresWithUser++;
            }
        }

        private void dovecot(long t) {
            Account a = accounts[account()];
            while (a.kind != Kind.PERSON) {
                a = accounts[account()];
            }
            String ip = a.ips[rnd.nextInt(a.ips.length)];
            String session = b64(16);
            int mpid = nextPid();
            Script s = new Script(t);
            s.log("dovecot").a("imap-login: Login: user=<").a(a.envelope).a(">, method=PLAIN, rip=").a(ip)
                    .a(", lip=192.0.2.25, mpid=").a(mpid).a(", TLS, session=<").a(session).a(">").end();
            s.after(500, 600_000).log("dovecot").a("imap(").a(a.envelope).a(")<").a(mpid).a("><").a(session)
                    .a(">: Logged out in=").a(rnd.nextInt(5000)).a(" out=").a(rnd.nextInt(2_000_000))
                    .a(" deleted=0 expunged=0 trashed=0 hdr_count=").a(rnd.nextInt(50)).a(" hdr_bytes=").a(rnd.nextInt(40_000))
                    .a(" body_count=").a(rnd.nextInt(20)).a(" body_bytes=").a(rnd.nextInt(1_000_000)).end();
        }

        private void cron(long t) {
            String qid = queueId();
            messages++;
            Script s = new Script(t);
            s.log(pickup).a(qid).a(": uid=0 from=<root>").end();
            s.after(2, 20).log(cleanup.at(s.t)).a(qid).a(": message-id=<").a(timestampId(s.t)).a(".").a(qid)
                    .a("@mail.example.com>").end();
            s.after(2, 30).log(qmgr).a(qid).a(": from=<root@mail.example.com>, size=").a(600 + rnd.nextInt(3000))
                    .a(", nrcpt=1 (queue active)").end();
            Proc p = local.acquire(s.t);
            long startAt = s.t;
            s.after(5, 80).log(p.tag).a(qid).a(": to=<root@mail.example.com>, orig_to=<root>, relay=local, ")
                    .a(delays(s.t - startAt)).a(", dsn=2.0.0, status=sent (delivered to mailbox)").end();
            p.release(s.t);
            s.after(1, 5).log(qmgr).a(qid).a(": removed").end();
        }

        private void emptyConnection(long t) {
            String ip = sharedIp();
            String client = "unknown[" + ip + "]";
            Script s = new Script(t);
            int port = 1024 + rnd.nextInt(64_000);
            s.log(postscreen).a("CONNECT from [").a(ip).a("]:").a(port).a(" to [192.0.2.25]:25").end();
            s.after(0, 5).log(postscreen).a("PASS OLD [").a(ip).a("]:").a(port).end();
            Proc p = smtpd.acquire(s.t);
            s.after(1, 30).log(p.tag).a("connect from ").a(client).end();
            if (rnd.nextInt(2) == 0) {
                s.after(50, 2000).log(p.tag).a("lost connection after CONNECT from ").a(client).end();
                s.after(0, 2).log(p.tag).a("disconnect from ").a(client).a(" commands=0/0").end();
            } else {
                s.after(50, 2000).log(p.tag).a("disconnect from ").a(client).a(" ehlo=1 quit=1 commands=2").end();
            }
            p.release(s.t);
        }

        private void anvil(long t) {
            Script s = new Script(t);
            String at = " at " + classicStamp(t / 1000 - rnd.nextInt(600));
            s.log(anvil).a("statistics: max connection rate ").a(1 + rnd.nextInt(6)).a("/60s for (smtp:").a(lastInboundIp)
                    .a(")").a(at).end();
            s.log(anvil).a("statistics: max connection count ").a(1 + rnd.nextInt(3)).a(" for (smtp:").a(lastInboundIp).a(")")
                    .a(at).end();
            s.log(anvil).a("statistics: max cache size ").a(2 + rnd.nextInt(30)).a(at).end();
        }

        // --- pieces -----------------------------------------------------------------------------

        private int account() {
            int i = Arrays.binarySearch(accountCdf, rnd.nextDouble());
            return Math.min(accounts.length - 1, i < 0 ? -i - 1 : i);
        }

        private int nrcpt() {
            int r = rnd.nextInt(100);
            return r < 86 ? 1 : r < 96 ? 2 : 3 + rnd.nextInt(3);
        }

        /** A message size in bytes: mostly a few KB, a long tail of attachments. */
        private int size() {
            double u = rnd.nextDouble();
            return (int) Math.min(40_000_000, 1500 + Math.exp(7 + 6 * u * u));
        }

        /** {@code delay=…, delays=a/b/c/d} for a delivery that took {@code ms}. */
        private String delays(long ms) {
            long total = Math.max(1, ms / 10);
            long a = Math.max(1, total / 10);
            long b = Math.max(0, total / 50);
            long c = Math.max(0, total / 3);
            long e = Math.max(0, total - a - b - c);
            return "delay=" + decimal(total) + ", delays=" + decimal(a) + "/" + decimal(b) + "/" + decimal(c) + "/" + decimal(e);
        }

        /** Hundredths as Postfix prints delays: {@code 1.25}, {@code 0.1}, {@code 0}. */
        private String decimal(long hundredths) {
            String sign = hundredths < 0 ? "-" : "";
            long v = Math.abs(hundredths);
            long whole = v / 100;
            long frac = v % 100;
            if (frac == 0) {
                return sign + whole;
            }
            return sign + whole + "." + (frac % 10 == 0 ? Long.toString(frac / 10) : (frac < 10 ? "0" : "") + frac);
        }

        /** A fresh queue id: 10 hex digits unique in the file, some with one or two more in front, as inode numbers give. */
        private String queueId() {
            long v = (++queueCounter * 0x9E3779B97F4AL) & 0xFF_FFFF_FFFFL;
            char[] c = new char[12];
            int n = 0;
            int extra = rnd.nextInt(10);
            if (extra >= 6) {
                c[n++] = HEX[1 + rnd.nextInt(15)];
            }
            if (extra >= 9) {
                c[n++] = HEX[rnd.nextInt(16)];
            }
            for (int shift = 36; shift >= 0; shift -= 4) {
                c[n++] = HEX[(int) (v >>> shift) & 15];
            }
            return new String(c, 0, n);
        }

        private String hex(int digits) {
            char[] c = new char[digits];
            for (int i = 0; i < digits; i++) {
                c[i] = HEX[rnd.nextInt(16)];
            }
            return new String(c);
        }

        private String b64(int chars) {
            char[] c = new char[chars];
            for (int i = 0; i < chars; i++) {
                c[i] = B64[rnd.nextInt(62)];
            }
            return new String(c);
        }

        private String uuid() {
            String h = hex(32).toLowerCase(Locale.ROOT);
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-a" + h.substring(17, 20) + "-" + h.substring(20);
        }

        private String remoteId() {
            return switch (rnd.nextInt(3)) {
                case 0 -> (1_790_000_000 + rnd.nextInt(10_000_000)) + " " + b64(6).toLowerCase(Locale.ROOT) + "." + rnd.nextInt(1000);
                case 1 -> hex(10);
                default -> b64(6) + "-" + hex(6) + "-" + b64(2);
            };
        }

        private String timestampId(long ms) {
            LocalDateTime d = LocalDateTime.ofEpochSecond(ms / 1000, 0, ZoneOffset.UTC);
            return d.getYear() + two(d.getMonthValue()) + two(d.getDayOfMonth()) + two(d.getHour()) + two(d.getMinute())
                    + two(d.getSecond());
        }

        private String two(int v) {
            return v < 10 ? "0" + v : Integer.toString(v);
        }

        private String domainOf(String address) {
            return address.substring(address.lastIndexOf('@') + 1);
        }

        private String sharedIp() {
            return "100." + (64 + rnd.nextInt(64)) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
        }

        private String pick(String[] values) {
            return values[rnd.nextInt(values.length)];
        }

        private int nextPid() {
            pid += 1 + rnd.nextInt(40);
            return pid;
        }

        private Org[] orgs() {
            Org[] out = new Org[400];
            for (int i = 0; i < out.length; i++) {
                String domain = ORG_A[i % ORG_A.length] + ORG_B[(i / ORG_A.length + i) % ORG_B.length]
                        + ".example";
                int n = 1 + rnd.nextInt(4);
                String[] hosts = new String[n];
                String[] ips = new String[n];
                for (int k = 0; k < n; k++) {
                    hosts[k] = switch (rnd.nextInt(3)) {
                        case 0 -> "mail" + (k + 1) + "." + domain;
                        case 1 -> "mta-" + rnd.nextInt(300) + ".out." + domain;
                        default -> "mail-" + hex(3).toLowerCase(Locale.ROOT) + (k + 1) + "-f" + rnd.nextInt(100) + "." + domain;
                    };
                    ips[k] = sharedIp();
                }
                out[i] = new Org(domain, hosts, ips);
            }
            return out;
        }

        private Account[] accounts() {
            if (mix == Mix.RELAY) {
                return relayAccounts();
            }
            Account[] out = new Account[ACCOUNTS];
            java.util.Set<String> taken = new java.util.HashSet<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                String domain = DOMAINS.get(i < 150 ? 0 : i < 250 ? 1 : 2);
                String office = i < 150 ? "192.0.2.10" : i < 250 ? "198.51.100.10" : "203.0.113.10";
                if (i % 13 == 5) {
                    String name = DEVICES[rnd.nextInt(DEVICES.length)] + "-" + (1 + rnd.nextInt(9)) + (char) ('a' + rnd.nextInt(6));
                    if (!taken.add(name + domain)) {
                        name = name + i;
                        taken.add(name + domain);
                    }
                    int r = rnd.nextInt(10);
                    TlsVersion tls = r < 4 ? TlsVersion.TLS1_0 : r < 7 ? TlsVersion.TLS1_1 : TlsVersion.NONE;
                    String ip = "10." + (i % 3 + 1) + "." + rnd.nextInt(20) + "." + (10 + rnd.nextInt(200));
                    boolean bare = rnd.nextInt(4) == 0;
                    out[i] = new Account(bare ? name : name + "@" + domain, name + "@" + domain, Kind.DEVICE, tls,
                            rnd.nextInt(2) == 0 ? "LOGIN" : "PLAIN", new String[] {ip}, new String[] {name + ".lan." + domain},
                            tls == TlsVersion.NONE ? "smtp" : "submission");
                } else if (i % 17 == 3) {
                    String name = SERVICES[(i / 17) % SERVICES.length];
                    boolean address = name.equals("noreply") || name.equals("notifications") || name.equals("billing")
                            || name.equals("alerts");
                    String envelope = (address ? name : name.replace("svc-", "")) + "@" + domain;
                    String ip = "10." + (i % 3 + 1) + ".100." + (10 + rnd.nextInt(200));
                    out[i] = new Account(address ? envelope : name, envelope, Kind.SERVICE,
                            rnd.nextInt(3) == 0 ? TlsVersion.TLS1_3 : TlsVersion.TLS1_2, "PLAIN", new String[] {ip},
                            new String[] {name.replace("svc-", "") + ".srv." + domain}, rnd.nextInt(3) == 0 ? "smtps" : "submission");
                } else {
                    String name;
                    do {
                        name = FIRST[rnd.nextInt(FIRST.length)] + "." + LAST[rnd.nextInt(LAST.length)];
                    } while (!taken.add(name + domain));
                    String envelope = name + "@" + domain;
                    String login = rnd.nextInt(25) == 0 ? Character.toUpperCase(name.charAt(0)) + name.substring(1) + "@" + domain : envelope;
                    String home = sharedIp();
                    String mobile = "100." + (96 + rnd.nextInt(32)) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
                    String[] ips = {office, office, home, mobile};
                    String[] names = {"gw." + domain.replace(".", "-") + ".isp.example", "gw." + domain.replace(".", "-") + ".isp.example",
                        rnd.nextInt(2) == 0 ? "unknown" : "cpe-" + home.replace('.', '-') + ".home.isp.example", "unknown"};
                    out[i] = new Account(login, envelope, Kind.PERSON, rnd.nextInt(100) < 65 ? TlsVersion.TLS1_3 : TlsVersion.TLS1_2,
                            rnd.nextInt(100) < 55 ? "PLAIN" : "LOGIN", ips, names, rnd.nextInt(8) == 0 ? "smtps" : "submission");
                }
            }
            return out;
        }

        /**
         * The {@link Mix#RELAY} accounts: a third devices (TLS 1.0, 1.1 or none, each on its own address), a few
         * service accounts, the rest people (a fifth of them on TLS 1.0/1.1), each with an office, a home and a
         * mobile address of their own.
         */
        private Account[] relayAccounts() {
            int n = RELAY_ACCOUNTS;
            Account[] out = new Account[n];
            java.util.Set<String> taken = new java.util.HashSet<>();
            for (int i = 0; i < n; i++) {
                int d = i < n / 2 ? 0 : i < n * 5 / 6 ? 1 : 2;
                String domain = DOMAINS.get(d);
                String office = d == 0 ? "192.0.2." + (10 + i % 40) : d == 1 ? "198.51.100." + (10 + i % 40) : "203.0.113." + (10 + i % 40);
                if (i % 3 == 1) {
                    String name = DEVICES[rnd.nextInt(DEVICES.length)] + "-" + (1 + rnd.nextInt(99)) + (char) ('a' + rnd.nextInt(26));
                    if (!taken.add(name + domain)) {
                        name = name + "-" + i;
                        taken.add(name + domain);
                    }
                    int r = rnd.nextInt(10);
                    TlsVersion tls = r < 4 ? TlsVersion.TLS1_0 : r < 6 ? TlsVersion.TLS1_1 : r < 8 ? TlsVersion.NONE : TlsVersion.TLS1_2;
                    String ip = "10." + (d + 1) + "." + (i >> 8 & 255) + "." + (i & 255);
                    boolean bare = rnd.nextInt(4) == 0;
                    out[i] = new Account(bare ? name : name + "@" + domain, name + "@" + domain, Kind.DEVICE, tls,
                            rnd.nextInt(2) == 0 ? "LOGIN" : "PLAIN", new String[] {ip}, new String[] {name + ".lan." + domain},
                            tls == TlsVersion.NONE ? "smtp" : "submission");
                } else if (i % 29 == 7) {
                    String name = SERVICES[(i / 29) % SERVICES.length] + "-" + i;
                    String envelope = name + "@" + domain;
                    String ip = "10." + (d + 1) + ".100." + (i % 250 + 1);
                    out[i] = new Account(name, envelope, Kind.SERVICE, rnd.nextInt(3) == 0 ? TlsVersion.TLS1_3 : TlsVersion.TLS1_2,
                            "PLAIN", new String[] {ip}, new String[] {name + ".srv." + domain}, rnd.nextInt(3) == 0 ? "smtps" : "submission");
                } else {
                    String name = FIRST[rnd.nextInt(FIRST.length)] + "." + LAST[rnd.nextInt(LAST.length)];
                    if (!taken.add(name + domain)) {
                        name = name + (i % 97);
                        if (!taken.add(name + domain)) {
                            name = name + "." + i;
                            taken.add(name + domain);
                        }
                    }
                    String envelope = name + "@" + domain;
                    String home = sharedIp();
                    String mobile = "100." + (96 + rnd.nextInt(32)) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
                    String[] ips = {office, office, home, mobile};
                    String[] names = {"gw" + (i % 40) + "." + domain.replace(".", "-") + ".isp.example",
                        "gw" + (i % 40) + "." + domain.replace(".", "-") + ".isp.example",
                        rnd.nextInt(2) == 0 ? "unknown" : "cpe-" + home.replace('.', '-') + ".home.isp.example", "unknown"};
                    int r = rnd.nextInt(100);
                    TlsVersion tls = r < 12 ? TlsVersion.TLS1_0 : r < 20 ? TlsVersion.TLS1_1 : r < 55 ? TlsVersion.TLS1_2 : TlsVersion.TLS1_3;
                    out[i] = new Account(envelope, envelope, Kind.PERSON, tls, rnd.nextInt(100) < 55 ? "PLAIN" : "LOGIN", ips, names,
                            rnd.nextInt(8) == 0 ? "smtps" : "submission");
                }
            }
            return out;
        }

        // --- writing ----------------------------------------------------------------------------

        /** Writes every queued line up to {@code until} (inclusive). */
        private void drain(long until) throws IOException {
            while (!queue.isEmpty() && queue.minMs() <= until) {
                write(queue.poll());
            }
        }

        private void write(Line l) throws IOException {
            long second = l.ms / 1000;
            if (second != stampSecond) {
                setStamp(second);
            }
            int need = stampLength + l.tag.length + 2 + l.text.length + 1;
            if (pos + need > buf.length) {
                flush();
            }
            System.arraycopy(stamp, 0, buf, pos, stampLength);
            pos += stampLength;
            System.arraycopy(l.tag, 0, buf, pos, l.tag.length);
            pos += l.tag.length;
            buf[pos++] = ':';
            buf[pos++] = ' ';
            System.arraycopy(l.text, 0, buf, pos, l.text.length);
            pos += l.text.length;
            buf[pos++] = '\n';
            if (lines++ == 0) {
                firstMs = l.ms;
            }
            lastMs = l.ms;
        }

        private void flush() throws IOException {
            out.write(buf, 0, pos);
            bytes += pos;
            pos = 0;
        }

        private void setStamp(long second) {
            stampSecond = second;
            String s = classicStamp(second) + " " + host + " ";
            stampLength = s.length();
            for (int i = 0; i < stampLength; i++) {
                stamp[i] = (byte) s.charAt(i);
            }
        }

        /** {@code Oct  1 08:30:00}: the day space-padded. */
        private String classicStamp(long second) {
            long day = Math.floorDiv(second, 86_400);
            if (day != stampDay) {
                LocalDate d = LocalDate.ofEpochDay(day);
                stampDay = day;
                stampDate = MONTHS[d.getMonthValue() - 1] + (d.getDayOfMonth() < 10 ? "  " : " ") + d.getDayOfMonth() + " ";
            }
            int s = (int) Math.floorMod(second, 86_400L);
            int h = s / 3600;
            int m = s / 60 % 60;
            int sec = s % 60;
            return stampDate + (h < 10 ? "0" : "") + h + (m < 10 ? ":0" : ":") + m + (sec < 10 ? ":0" : ":") + sec;
        }

        // --- scheduling -------------------------------------------------------------------------

        /** A time cursor that queues lines at its current time. */
        private final class Script {
            long t;

            Script(long t) {
                this.t = t;
            }

            Script after(long minMs, long maxMs) {
                t += minMs + (maxMs > minMs ? rnd.nextLong(maxMs - minMs + 1) : 0);
                return this;
            }

            Script fork() {
                return new Script(t);
            }

            /** Starts a line of {@code tag} at the current time; {@link LineBuilder#end()} queues it. */
            LineBuilder log(String tag) {
                byte[] t8 = tags.get(tag);
                if (t8 == null) {
                    t8 = tag.getBytes(StandardCharsets.ISO_8859_1);
                    tags.put(tag, t8);
                }
                return line.begin(t, t8);
            }
        }

        /**
         * Builds the message of one line in bytes (ASCII), without intermediate strings; one at a time.
         */
        private final class LineBuilder {
            private byte[] b = new byte[1024];
            private int n;
            private long at;
            private byte[] tag;

            LineBuilder begin(long t, byte[] tagBytes) {
                at = t;
                tag = tagBytes;
                n = 0;
                return this;
            }

            LineBuilder a(String s) {
                int len = s.length();
                room(len);
                for (int i = 0; i < len; i++) {
                    b[n++] = (byte) s.charAt(i);
                }
                return this;
            }

            LineBuilder a(char c) {
                room(1);
                b[n++] = (byte) c;
                return this;
            }

            LineBuilder a(long v) {
                room(20);
                if (v < 0) {
                    b[n++] = '-';
                    v = -v;
                }
                int start = n;
                do {
                    b[n++] = (byte) ('0' + v % 10);
                    v /= 10;
                } while (v > 0);
                for (int i = start, j = n - 1; i < j; i++, j--) {
                    byte x = b[i];
                    b[i] = b[j];
                    b[j] = x;
                }
                return this;
            }

            /** Queues the line. */
            void end() {
                queue.add(new Line(at, seq++, tag, Arrays.copyOf(b, n)));
            }

            private void room(int more) {
                if (n + more > b.length) {
                    b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
                }
            }
        }

        /**
         * The processes of one Postfix service: a connection takes a free one (a new pid when all are
         * busy); a process exits after {@code maxUse} connections or 100 idle seconds.
         */
        private final class Pool {
            private final String program;
            private final int maxUse;
            private final List<Proc> procs = new ArrayList<>();
            private final List<Proc> free = new ArrayList<>();

            Pool(String program, int maxUse) {
                this.program = program;
                this.maxUse = maxUse;
            }

            Proc acquire(long t) {
                free.clear();
                Iterator<Proc> it = procs.iterator();
                while (it.hasNext()) {
                    Proc p = it.next();
                    if (p.busyUntil <= t) {
                        if (p.uses >= maxUse || t - p.lastUsed > 100_000) {
                            it.remove();
                        } else {
                            free.add(p);
                        }
                    }
                }
                Proc p;
                if (free.isEmpty()) {
                    p = new Proc(program + "[" + nextPid() + "]");
                    procs.add(p);
                } else {
                    p = free.get(rnd.nextInt(free.size()));
                }
                p.uses++;
                p.busyUntil = Long.MAX_VALUE;
                return p;
            }

            /** The tag of a process that does a short job at {@code t}. */
            String at(long t) {
                if (t > clock + 60_000) {
                    return anyProc().tag;
                }
                Proc p = acquire(t);
                p.release(t + 20);
                return p.tag;
            }

            /** Any running process (or a new one), for a job far after the current episode. */
            Proc anyProc() {
                if (procs.isEmpty()) {
                    Proc p = new Proc(program + "[" + nextPid() + "]");
                    procs.add(p);
                    return p;
                }
                return procs.get(rnd.nextInt(procs.size()));
            }
        }
    }
}
