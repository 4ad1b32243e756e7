package org.mailflow.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.mailflow.smtpauth.TlsVersion;

/**
 * A synthetic Exim main log ({@code /var/log/exim4/mainlog} of one server, {@code mail.example.com}) for the
 * import benchmark's {@code exim} mix and the parser tests, deterministic per seed and written as a stream.
 *
 * <p>Lines are Exim's own ({@code 2026-10-01 08:30:00 1tAbCd-0001Xy-AB <= …}), in time order, as a Debian
 * {@code exim4} server with {@code log_selector = +smtp_connection +received_recipients} writes them (the
 * line formats of the Exim specification, chapter "Log files"; queue ids in the 6-6-2 form of Exim 4.96 and
 * earlier, which {@code eximstats} of Debian 12 reads). Episodes, one after the other:
 * <ul>
 * <li>about 45 % SMTP AUTH submissions from {@value #ACCOUNTS} accounts on port 587 ({@code P=esmtpsa} with
 * {@code X=TLS1.3:…}, {@code X=TLSv1.2:…} (GnuTLS and OpenSSL spellings), {@code X=TLSv1:…}, {@code X=TLSv1.1:…}
 * from old devices) or without TLS ({@code P=esmtpa}, no {@code X=}), {@code A=dovecot_plain:user},
 * {@code A=dovecot_login:user}, {@code A=cram_md5:user}, sometimes several messages in one connection; each
 * {@code <=} line then its {@code =>}/{@code ->} deliveries (remote over {@code T=remote_smtp} or local over
 * {@code T=dovecot_lmtp}), a few {@code ==} deferrals and {@code **} bounces with their bounce message, and
 * {@code Completed};</li>
 * <li>about 35 % inbound internet mail ({@code P=esmtps}/{@code esmtp}, no {@code A=}) delivered locally;</li>
 * <li>password guessing ({@code dovecot_login authenticator failed for … 535 Incorrect authentication data
 * (set_id=…)}, a few without {@code set_id}), relay and recipient rejections, connections lost or dropped,
 * cron mail ({@code U=root P=local}) and queue runs.</li>
 * </ul>
 * {@link Result} says what was written in the Exim parser's terms, so tests can check a parse against it.
 */
public final class EximLogGenerator {
    /** The time of the first line. */
    public static final LocalDateTime DEFAULT_START = LocalDateTime.of(2026, 10, 1, 0, 0, 0);
    /** The domains of the server's accounts. */
    public static final String[] DOMAINS = {"example.com", "example.net", "example.org"};
    /** How many SMTP AUTH accounts the server has. */
    public static final int ACCOUNTS = 3000;
    /** Changes whenever the bytes written for a seed and size change. */
    public static final int OUTPUT_VERSION = 2;

    /**
     * What was written.
     *
     * @param lines                 lines written
     * @param bytes                 bytes written
     * @param submissions           {@code <=} lines with {@code A=}
     * @param submissionsByTls      the submissions by the TLS version of their {@code X=} ({@code NONE}: no {@code X=})
     * @param submissionRecipients  the addresses after {@code for} on the submissions' {@code <=} lines
     * @param authFailures          {@code authenticator failed} lines
     * @param authFailuresWithUser  those of them with {@code (set_id=…)}
     * @param senders               distinct submitting accounts
     */
    public record Result(long lines, long bytes, long submissions, Map<TlsVersion, Long> submissionsByTls, long submissionRecipients,
                         long authFailures, long authFailuresWithUser, long senders) {
    }

    private static final String[] FIRST = {"aaron", "abigail", "adam", "aisha", "alex", "amelia", "ana", "andre", "anna", "arjun",
        "ben", "bianca", "carlos", "chen", "chloe", "daniel", "dana", "david", "diego", "elena", "eli", "emma", "erik", "fatima",
        "felix", "george", "grace", "hana", "hugo", "ines", "ivan", "jack", "jana", "jun", "kai", "kim", "lara", "lena", "leo"};
    private static final String[] LAST = {"abbott", "ahmed", "alvarez", "andersen", "baker", "bauer", "brown", "chan", "cohen",
        "costa", "dubois", "edwards", "fischer", "garcia", "gomez", "green", "hansen", "hill", "ito", "jansen", "johnson", "kaur"};
    private static final String[] DEVICES = {"mfp", "scanner", "printer", "scan2mail", "fax", "ups", "nas", "nvr"};
    private static final String[] LOCALS = {"info", "sales", "support", "news", "hello", "team", "office", "contact", "orders",
        "invoice", "hr", "jobs", "events", "marketing", "noreply", "accounts", "john", "mary", "peter", "susan"};
    private static final String[] ORGS = {"northwind", "contoso", "fabrikam", "adatum", "treyresearch", "cohowinery", "margiestravel",
        "litware", "proseware", "wingtiptoys", "lucernepublishing", "alpineskihouse", "blueyonder", "tailspintoys", "woodgrovebank"};
    private static final String[] GUESSES = {"admin", "info", "test", "user", "sales", "office", "support", "webmaster", "postmaster",
        "contact", "mail", "root", "guest", "backup", "scanner"};
    private static final String[] SUBJECTS = {"Re: quarterly report", "Invoice 2026-1182", "Scanned document", "Meeting notes",
        "Fwd: delivery schedule", "Your order", "Weekly status", "Re: Re: contract draft", "Backup report", "Alert: disk usage 91%"};
    private static final String[] TLS13 = {"TLS1.3:TLS_AES_256_GCM_SHA384:256", "TLS1.3:TLS_AES_128_GCM_SHA256:128",
        "TLS1.3:TLS_CHACHA20_POLY1305_SHA256:256"};
    private static final String[] TLS12 = {"TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256", "TLS1.2:ECDHE_RSA_AES_128_GCM_SHA256:128",
        "TLSv1.2:ECDHE-RSA-CHACHA20-POLY1305:256"};
    private static final String[] TLS11 = {"TLSv1.1:ECDHE-RSA-AES128-SHA:128", "TLSv1.1:AES128-SHA:128"};
    private static final String[] TLS10 = {"TLSv1:ECDHE-RSA-AES256-SHA:256", "TLSv1:AES256-SHA:256", "TLSv1:DHE-RSA-AES256-SHA:256"};
    private static final String[] AUTHENTICATORS = {"dovecot_plain", "dovecot_plain", "dovecot_login", "cram_md5"};
    private static final char[] B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    /** One account: its login, how it connects. */
    private record Account(String login, String address, TlsVersion tls, String authenticator, String ip, String helo) {
    }

    /** A line waiting to be written: ordered by time, then creation. */
    private record Queued(long ms, long seq, StringBuilder text) implements Comparable<Queued> {
        @Override
        public int compareTo(Queued o) {
            return ms != o.ms ? Long.compare(ms, o.ms) : Long.compare(seq, o.seq);
        }
    }

    private final long seed;
    private final LocalDateTime start;

    /** A generator whose first line is at {@link #DEFAULT_START}. */
    public EximLogGenerator(long seed) {
        this(seed, DEFAULT_START);
    }

    /** A generator whose first line is at {@code start} (UTC). */
    public EximLogGenerator(long seed, LocalDateTime start) {
        this.seed = seed;
        this.start = start;
    }

    /** Writes a log of at least {@code targetBytes} to {@code file}. */
    public Result write(Path file, long targetBytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return write(out, targetBytes);
        }
    }

    /** Writes a log of at least {@code targetBytes} to {@code out} (not closed); the same seed and size give the same bytes. */
    public Result write(OutputStream out, long targetBytes) throws IOException {
        return new Run(out, targetBytes).run();
    }

    private final class Run {
        private final OutputStream out;
        private final long target;
        private final SplittableRandom rnd = new SplittableRandom(seed);
        private final StringBuilder sb = new StringBuilder(1 << 20);
        private final byte[] buf = new byte[1 << 21];
        private final Account[] accounts;
        private final String[] attackers;
        private long t;
        private long idCounter;
        private int pid = 2000;
        private long lines;
        private long bytes;
        private long submissions;
        private long recipients;
        private final long[] byTls = new long[TlsVersion.values().length];
        private long authFailures;
        private long authFailuresWithUser;
        private final Set<String> senders = new HashSet<>();
        private long stampSecond = Long.MIN_VALUE;
        private String stamp;
        private long nextQueueRun;
        private long seq;
        private final java.util.PriorityQueue<Queued> queue = new java.util.PriorityQueue<>();

        Run(OutputStream out, long target) {
            this.out = out;
            this.target = target;
            this.t = start.toEpochSecond(ZoneOffset.UTC) * 1000;
            this.nextQueueRun = t + 300_000;
            this.accounts = new Account[ACCOUNTS];
            Set<String> taken = new HashSet<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                String domain = DOMAINS[i % 5 == 0 ? 2 : i % 3 == 0 ? 1 : 0];
                if (i % 4 == 1) {
                    String name = DEVICES[rnd.nextInt(DEVICES.length)] + "-" + i;
                    int r = rnd.nextInt(10);
                    TlsVersion tls = r < 4 ? TlsVersion.TLS1_0 : r < 6 ? TlsVersion.TLS1_1 : r < 8 ? TlsVersion.NONE : TlsVersion.TLS1_2;
                    accounts[i] = new Account(name + "@" + domain, name + "@" + domain, tls, rnd.nextInt(2) == 0 ? "dovecot_login"
                            : "dovecot_plain", "10." + (1 + i % 3) + "." + (i >> 8 & 255) + "." + (i & 255), name.toUpperCase(Locale.ROOT));
                } else {
                    String name = FIRST[rnd.nextInt(FIRST.length)] + "." + LAST[rnd.nextInt(LAST.length)];
                    if (!taken.add(name + domain)) {
                        name = name + i;
                        taken.add(name + domain);
                    }
                    int r = rnd.nextInt(100);
                    TlsVersion tls = r < 10 ? TlsVersion.TLS1_0 : r < 15 ? TlsVersion.TLS1_1 : r < 50 ? TlsVersion.TLS1_2 : TlsVersion.TLS1_3;
                    String ip = rnd.nextInt(2) == 0 ? "192.0.2." + (1 + rnd.nextInt(254)) : sharedIp();
                    accounts[i] = new Account(name + "@" + domain, name + "@" + domain, tls, pick(AUTHENTICATORS), ip,
                            rnd.nextInt(3) == 0 ? "[" + ip + "]" : "DESKTOP-" + b62(7).toUpperCase(Locale.ROOT));
                }
            }
            this.attackers = new String[300];
            for (int i = 0; i < attackers.length; i++) {
                attackers[i] = i % 3 == 0 ? "203.0.113." + (1 + rnd.nextInt(254)) : sharedIp();
            }
        }

        Result run() throws IOException {
            while (bytes + sb.length() < target) {
                t += 1 + (long) (-Math.log(1.0 - rnd.nextDouble()) / 4.0 * 1000);
                drain(t);
                if (t >= nextQueueRun) {
                    int p = ++pid;
                    line(t).append("Start queue run: pid=").append(p).append('\n');
                    line(t).append("End queue run: pid=").append(p).append('\n');
                    nextQueueRun += 900_000;
                }
                int r = rnd.nextInt(1000);
                if (r < 450) {
                    submission();
                } else if (r < 800) {
                    inbound();
                } else if (r < 880) {
                    guessing();
                } else if (r < 940) {
                    rejected();
                } else if (r < 970) {
                    cron();
                } else {
                    lost();
                }
                if (sb.length() > (1 << 20)) {
                    flush();
                }
            }
            drain(Long.MAX_VALUE);
            flush();
            Map<TlsVersion, Long> tls = new EnumMap<>(TlsVersion.class);
            for (TlsVersion v : TlsVersion.values()) {
                tls.put(v, byTls[v.ordinal()]);
            }
            return new Result(lines, bytes, submissions, Collections.unmodifiableMap(tls), recipients, authFailures, authFailuresWithUser,
                    senders.size());
        }

        private void submission() {
            Account a = accounts[account()];
            int port = 1024 + rnd.nextInt(64_000);
            String host = "H=(" + a.helo + ") [" + a.ip + "]:" + port + " I=[192.0.2.25]:587";
            long at = t;
            line(at).append("SMTP connection from (").append(a.helo).append(") [").append(a.ip).append("]:").append(port)
                    .append(" I=[192.0.2.25]:587 (TCP/IP connection count = ").append(1 + rnd.nextInt(12)).append(")\n");
            String x = switch (a.tls) {
                case TLS1_0 -> pick(TLS10);
                case TLS1_1 -> pick(TLS11);
                case TLS1_2 -> pick(TLS12);
                case TLS1_3 -> pick(TLS13);
                default -> null;
            };
            int count = rnd.nextInt(10) == 0 ? 2 + rnd.nextInt(4) : 1;
            for (int m = 0; m < count; m++) {
                at += 200 + rnd.nextInt(3000);
                String id = queueId(at);
                int n = rnd.nextInt(100) < 85 ? 1 : 2 + rnd.nextInt(4);
                String[] to = new String[n];
                StringBuilder forList = new StringBuilder();
                for (int k = 0; k < n; k++) {
                    to[k] = rnd.nextInt(4) == 0 ? accounts[rnd.nextInt(ACCOUNTS)].address : pick(LOCALS) + "@" + pick(ORGS) + ".example";
                    forList.append(' ').append(to[k]);
                }
                StringBuilder l = line(at).append(id).append(" <= ").append(a.address).append(' ').append(host)
                        .append(x == null ? " P=esmtpa" : " P=esmtpsa");
                if (x != null) {
                    l.append(" X=").append(x).append(" CV=no");
                }
                l.append(" A=").append(a.authenticator).append(':').append(a.login).append(" S=").append(size())
                        .append(" id=").append(b62(12)).append('.').append(b62(8)).append('@').append(domainOf(a.address))
                        .append(" T=\"").append(pick(SUBJECTS)).append("\" from <").append(a.address).append('>')
                        .append(" for").append(forList).append('\n');
                submissions++;
                recipients += n;
                byTls[a.tls.ordinal()]++;
                senders.add(a.login);
                at = deliveries(at, id, to);
            }
            line(at + 100).append("SMTP connection from (").append(a.helo).append(") [").append(a.ip).append("]:").append(port)
                    .append(" I=[192.0.2.25]:587 closed by QUIT\n");
        }

        /** The deliveries of message {@code id} to {@code to}, then its {@code Completed}; returns the time after. */
        private long deliveries(long at, String id, String[] to) {
            boolean first = true;
            String lastHost = null;
            for (String rcpt : to) {
                at += 100 + rnd.nextInt(1500);
                String domain = domainOf(rcpt);
                if (domain.startsWith("example.")) {
                    String user = rcpt.substring(0, rcpt.indexOf('@'));
                    line(at).append(id).append(first ? " => " : " -> ").append(user).append(" <").append(rcpt)
                            .append("> R=virtual_user T=dovecot_lmtp QT=").append(1 + (at - t) / 1000).append("s DT=0s\n");
                    first = false;
                    continue;
                }
                String mx = "mx" + (1 + Math.floorMod(domain.hashCode(), 2)) + "." + domain;
                String mxIp = "100." + (64 + Math.floorMod(domain.hashCode() >> 4, 64)) + "." + Math.floorMod(domain.hashCode() >> 12, 256)
                        + "." + (1 + Math.floorMod(domain.hashCode(), 250));
                int fate = rnd.nextInt(1000);
                if (fate < 10) {
                    line(at).append(id).append(" == ").append(rcpt).append(" R=dnslookup T=remote_smtp defer (-44) H=").append(mx)
                            .append(" [").append(mxIp).append("]: SMTP error from remote mail server after RCPT TO:<").append(rcpt)
                            .append(">: 451 4.7.1 Greylisting in action, please come back later\n");
                    at += 300_000 + rnd.nextInt(600_000);
                } else if (fate < 18) {
                    line(at).append(id).append(" ** ").append(rcpt).append(" R=dnslookup T=remote_smtp H=").append(mx).append(" [")
                            .append(mxIp).append("]: SMTP error from remote mail server after RCPT TO:<").append(rcpt)
                            .append(">: 550 5.1.1 <").append(rcpt).append(">: Recipient address rejected: User unknown\n");
                    String bounce = queueId(at);
                    line(at).append(bounce).append(" <= <> R=").append(id).append(" U=Debian-exim P=local S=").append(2000 + rnd.nextInt(6000))
                            .append('\n');
                    line(at + 20).append(bounce).append(" => ").append("postmaster <postmaster@example.com> R=virtual_user T=dovecot_lmtp QT=0s"
                            + " DT=0s\n");
                    line(at + 20).append(bounce).append(" Completed QT=0s\n");
                    first = false;
                    continue;
                }
                boolean same = mx.equals(lastHost);
                line(at).append(id).append(first || !same ? " => " : " -> ").append(rcpt).append(" R=dnslookup T=remote_smtp H=")
                        .append(mx).append(" [").append(mxIp).append("] X=").append(rnd.nextInt(3) == 0 ? pick(TLS12) : pick(TLS13))
                        .append(" CV=yes DN=\"CN=").append(mx).append("\" C=\"250 2.0.0 OK ").append(b62(10))
                        .append(" - queued\" QT=").append(1 + rnd.nextInt(4)).append("s DT=").append(rnd.nextInt(3)).append("s\n");
                first = false;
                lastHost = mx;
            }
            line(at + 5).append(id).append(" Completed QT=").append(1 + rnd.nextInt(5)).append("s\n");
            return at + 5;
        }

        private void inbound() {
            String org = pick(ORGS) + ".example";
            String ip = sharedIp();
            String helo = "mail" + (1 + rnd.nextInt(3)) + "." + org;
            int port = 1024 + rnd.nextInt(64_000);
            long at = t;
            line(at).append("SMTP connection from [").append(ip).append("]:").append(port)
                    .append(" I=[192.0.2.25]:25 (TCP/IP connection count = ").append(1 + rnd.nextInt(20)).append(")\n");
            at += 300 + rnd.nextInt(2000);
            String id = queueId(at);
            boolean tls = rnd.nextInt(100) < 85;
            int n = rnd.nextInt(100) < 90 ? 1 : 2 + rnd.nextInt(3);
            String[] to = new String[n];
            StringBuilder forList = new StringBuilder();
            for (int k = 0; k < n; k++) {
                to[k] = accounts[rnd.nextInt(ACCOUNTS)].address;
                forList.append(' ').append(to[k]);
            }
            String from = pick(LOCALS) + "@" + org;
            StringBuilder l = line(at).append(id).append(" <= ").append(from).append(" H=").append(helo).append(" [").append(ip)
                    .append("]:").append(port).append(" I=[192.0.2.25]:25 P=").append(tls ? "esmtps" : "esmtp");
            if (tls) {
                l.append(" X=").append(rnd.nextInt(4) == 0 ? pick(TLS12) : pick(TLS13)).append(" CV=no");
            }
            l.append(" S=").append(size()).append(" id=").append(b62(16)).append('@').append(org).append(" T=\"")
                    .append(pick(SUBJECTS)).append("\" from <").append(from).append("> for").append(forList).append('\n');
            at = deliveries(at, id, to);
            line(at + 50).append("SMTP connection from ").append(helo).append(" [").append(ip).append("]:").append(port)
                    .append(" I=[192.0.2.25]:25 closed by QUIT\n");
        }

        private void guessing() {
            String ip = pick(attackers);
            int port = 1024 + rnd.nextInt(64_000);
            long at = t;
            line(at).append("SMTP connection from [").append(ip).append("]:").append(port)
                    .append(" I=[192.0.2.25]:587 (TCP/IP connection count = 1)\n");
            boolean withUser = rnd.nextInt(10) < 8;
            int tries = 1 + rnd.nextInt(3);
            for (int k = 0; k < tries; k++) {
                at += 1500 + rnd.nextInt(4000);
                String user = rnd.nextInt(3) == 0 ? accounts[rnd.nextInt(ACCOUNTS)].login
                        : pick(GUESSES) + (rnd.nextInt(2) == 0 ? "@" + DOMAINS[rnd.nextInt(3)] : "");
                StringBuilder l = line(at).append(rnd.nextInt(3) == 0 ? "dovecot_plain" : "dovecot_login")
                        .append(" authenticator failed for (User) [").append(ip).append("]:").append(port)
                        .append(" I=[192.0.2.25]:587: 535 Incorrect authentication data");
                if (withUser) {
                    l.append(" (set_id=").append(user).append(')');
                    authFailuresWithUser++;
                }
                l.append('\n');
                authFailures++;
            }
            line(at + 200).append("SMTP connection from (User) [").append(ip).append("]:").append(port)
                    .append(" I=[192.0.2.25]:587 lost while reading message data (header)\n");
        }

        private void rejected() {
            String ip = rnd.nextInt(2) == 0 ? pick(attackers) : sharedIp();
            int port = 1024 + rnd.nextInt(64_000);
            long at = t;
            line(at).append("SMTP connection from [").append(ip).append("]:").append(port)
                    .append(" I=[192.0.2.25]:25 (TCP/IP connection count = 2)\n");
            at += 200 + rnd.nextInt(3000);
            String from = pick(LOCALS) + "@" + pick(ORGS) + ".example";
            if (rnd.nextInt(2) == 0) {
                String victim = pick(LOCALS) + "@" + pick(ORGS) + ".example";
                line(at).append("H=(").append(b62(8)).append(") [").append(ip).append("]:").append(port).append(" I=[192.0.2.25]:25 F=<")
                        .append(from).append("> rejected RCPT <").append(victim).append(">: relay not permitted\n");
            } else {
                line(at).append("H=(").append(b62(8)).append(") [").append(ip).append("]:").append(port).append(" I=[192.0.2.25]:25 F=<")
                        .append(from).append("> rejected RCPT <").append(pick(GUESSES)).append(rnd.nextInt(100)).append('@')
                        .append(DOMAINS[rnd.nextInt(3)]).append(">: Unrouteable address\n");
            }
            line(at + 100).append("SMTP connection from [").append(ip).append("]:").append(port)
                    .append(" I=[192.0.2.25]:25 closed by QUIT\n");
        }

        private void cron() {
            String id = queueId(t);
            line(t).append(id).append(" <= root@mail.example.com U=root P=local S=").append(600 + rnd.nextInt(3000)).append(" id=E")
                    .append(id).append("@mail.example.com T=\"Cron <root@mail> test -x /usr/sbin/anacron\" from <root@mail.example.com>"
                            + " for root@mail.example.com\n");
            line(t + 30).append(id).append(" => root <root@mail.example.com> R=system_aliases T=address_file QT=0s DT=0s\n");
            line(t + 30).append(id).append(" Completed QT=0s\n");
        }

        private void lost() {
            String ip = sharedIp();
            int port = 1024 + rnd.nextInt(64_000);
            line(t).append("SMTP connection from [").append(ip).append("]:").append(port)
                    .append(" I=[192.0.2.25]:25 (TCP/IP connection count = 1)\n");
            if (rnd.nextInt(2) == 0) {
                line(t + 20_000).append("SMTP command timeout on connection from [").append(ip).append("]:").append(port)
                        .append(" I=[192.0.2.25]:25\n");
            } else {
                line(t + 300).append("SMTP connection from [").append(ip).append("]:").append(port)
                        .append(" I=[192.0.2.25]:25 lost D=0s\n");
            }
        }

        // --- pieces -----------------------------------------------------------------------------

        /**
         * Starts a line at {@code ms}, to be written in (time, creation) order: its text is appended to the
         * builder returned, which {@link #drain} writes behind the line's timestamp once no episode can
         * log before it, so the lines of connections and messages that overlap in time interleave.
         */
        private StringBuilder line(long ms) {
            StringBuilder b = new StringBuilder(160);
            queue.add(new Queued(ms, seq++, b));
            lines++;
            return b;
        }

        /** Writes the queued lines of times up to {@code until}. */
        private void drain(long until) {
            while (!queue.isEmpty() && queue.peek().ms <= until) {
                Queued q = queue.poll();
                long second = q.ms / 1000;
                if (second != stampSecond) {
                    stampSecond = second;
                    LocalDateTime d = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
                    stamp = String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d ", d.getYear(), d.getMonthValue(),
                            d.getDayOfMonth(), d.getHour(), d.getMinute(), d.getSecond());
                }
                sb.append(stamp).append(q.text);
            }
        }

        private void flush() throws IOException {
            int n = sb.length();
            byte[] b = n <= buf.length ? buf : new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) sb.charAt(i);
            }
            out.write(b, 0, n);
            bytes += n;
            sb.setLength(0);
        }

        /** An Exim 4.96 message id: base-62 time, pid and fraction (6-6-2). */
        private String queueId(long ms) {
            StringBuilder b = new StringBuilder(16);
            base62(b, ms / 1000, 6);
            b.append('-');
            base62(b, (pid + (++idCounter % 5000)) * 7919L % 56_800_235_584L, 6);
            b.append('-');
            base62(b, ms % 1000 / 16 + (idCounter % 60), 2);
            return b.toString();
        }

        private void base62(StringBuilder b, long v, int digits) {
            char[] c = new char[digits];
            for (int i = digits - 1; i >= 0; i--) {
                c[i] = B62[(int) (v % 62)];
                v /= 62;
            }
            b.append(c);
        }

        private String b62(int n) {
            char[] c = new char[n];
            for (int i = 0; i < n; i++) {
                c[i] = B62[rnd.nextInt(62)];
            }
            return new String(c);
        }

        private int account() {
            // a few busy accounts, a long tail
            double u = rnd.nextDouble();
            return (int) (ACCOUNTS * u * u * u);
        }

        private int size() {
            double u = rnd.nextDouble();
            return (int) Math.min(40_000_000, 1500 + Math.exp(7 + 6 * u * u));
        }

        private String sharedIp() {
            return "100." + (64 + rnd.nextInt(64)) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
        }

        private String pick(String[] values) {
            return values[rnd.nextInt(values.length)];
        }

        private String domainOf(String address) {
            return address.substring(address.lastIndexOf('@') + 1);
        }
    }
}
