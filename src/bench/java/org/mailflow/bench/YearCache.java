package org.mailflow.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.mailflow.cache.Cache;
import org.mailflow.cache.SmtpStore;
import org.mailflow.model.Bytes;
import org.mailflow.smtpauth.TlsVersion;

/**
 * A year of a large site, written straight into a new cache for {@code bench year} (issue 15): by
 * default 50 servers, 50,000 accounts and at least 50 million SMTP AUTH submissions over 365 days,
 * and 100,000 bulk senders with 50 million bulk messages.
 *
 * <p><b>Shape.</b> The rows are those a Postfix import of the site's logs would write (see
 * {@link SmtpStore.Writer}): {@code smtp_account} and {@code smtp_name} (domains, methods, IPs, ciphers,
 * servers), one {@code smtp_detail} aggregate per (day, account, sender domain, method, client IP,
 * TLS version, cipher) with its count, recipients and first and last second, one {@code smtp_message}
 * row per submission (Postfix logs a message-id for each; in time order within the day, with
 * {@code seq} as the import gives it; {@code --message-ids} lowers the share, the rest then count as
 * unidentified), {@code smtp_auth_failure} per (day, account, IP), and {@code bulk_sender},
 * {@code bulk_daily} and {@code bulk_event_daily} as the bulk import writes them, and each day's pack
 * ({@code smtp_day_pack}, schema 7) by {@link org.mailflow.cache.SmtpStore#packMissing}, as an import's flush makes them.
 * {@code bulk_message_seen} (the identity of every bulk message, which only the import's de-duplication
 * reads) is not written.
 *
 * <p><b>The site.</b> 25 sender domains; each account signs in from its office's NAT address (100
 * people per address, German business lines) and on some days also from one of four mobile addresses
 * of its own; most on OAuth, a tail on Basic, a few legacy-TLS devices; weekdays busy, weekends quiet;
 * a tenth of the accounts start during the year. Failed sign-ins: a few per day, and a password spray
 * from a hosting address every ten days. Bulk senders mail daily, weekly or monthly, each at a BCL of
 * its own.
 *
 * <p><b>Speed.</b> The cache is created (schema migrations) by {@link Cache}, then written on one plain
 * connection with the journal off, in one transaction, with batched prepared statements (64 rows per
 * INSERT) in each table's key order; the cache is then opened once by {@link Cache} (WAL again, and
 * its integrity check, which is recorded so that later opens skip it).
 */
final class YearCache {
    record Options(Path file, int days, int accounts, int servers, long submissions, int bulkSenders, long bulkMessages,
                   double messageIds, long seed) {
    }

    record Result(long submissions, long detailRows, long messageRows, long failures, long bulkMessages, long bulkRows,
                  long bytes, double seconds) {
    }

    static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 12);
    private static final String[] DOMAINS = {"northwind.example", "contoso-group.example", "fabrikam.example", "adatum.example",
        "tailspin.example", "wingtip.example", "litware.example", "proseware.example", "fourthcoffee.example", "lucerne.example",
        "margie-travel.example", "alpineski.example", "blueyonder.example", "cohovineyard.example", "consolidated.example",
        "datum-labs.example", "graphicdesign.example", "humongous.example", "nod-publishers.example", "relecloud.example",
        "southridge.example", "trey-research.example", "vanarsdel.example", "woodgrove.example", "worldwide-importers.example"};
    private static final String[][] CLIENTS = {
        // method, tls code, cipher, weight
        {"XOAUTH2", "3", "TLS_AES_256_GCM_SHA384", "0.55"},
        {"XOAUTH2", "2", "ECDHE-RSA-AES256-GCM-SHA384", "0.25"},
        {"LOGIN", "3", "TLS_AES_256_GCM_SHA384", "0.06"},
        {"LOGIN", "2", "ECDHE-RSA-AES128-GCM-SHA256", "0.06"},
        {"PLAIN", "2", "ECDHE-RSA-AES256-GCM-SHA384", "0.04"},
        {"PLAIN", "0", "AES256-SHA", "0.015"},
        {"LOGIN", "1", "ECDHE-RSA-AES128-SHA", "0.01"},
        {"CRAM-MD5", "5", "", "0.005"},
        {"PLAIN", "6", "", "0.01"}};
    private static final int[] OFFICE_BLOCKS = {v4(217, 6, 0, 0), v4(62, 153, 0, 0), v4(194, 25, 0, 0), v4(80, 146, 0, 0),
        v4(217, 5, 0, 0)};
    private static final int[][] MOBILE = {{v4(80, 187, 0, 0), 16}, {v4(109, 40, 0, 0), 13}};
    private static final int SPRAYER = v4(158, 69, 0, 0);

    private final Options o;
    private final PrintWriter out;

    YearCache(Options options, PrintWriter out) {
        this.o = options;
        this.out = out;
    }

    private static int v4(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    private static String ip(int v) {
        return (v >>> 24) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
    }

    /** Creates the cache file (which must not exist) and fills it. */
    Result generate() throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(o.file().toAbsolutePath().getParent());
        try (Cache cache = Cache.create(o.file())) {
            cache.setMeta("generated_by", "bench year");
        }
        Result r;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + o.file().toAbsolutePath())) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode = DELETE");
                st.execute("PRAGMA journal_mode = OFF");
                st.execute("PRAGMA synchronous = OFF");
                st.execute("PRAGMA cache_size = -800000");
                st.execute("PRAGMA temp_store = MEMORY");
            }
            c.setAutoCommit(false);
            long[] smtp = writeSmtp(c);
            long[] bulk = writeBulk(c);
            long packing = System.nanoTime();
            int days = org.mailflow.cache.SmtpStore.packMissing(c); // as an import's last step does
            out.printf(Locale.ROOT, "  SMTP AUTH: %d days packed (smtp_day_pack), %.0f s%n", days, (System.nanoTime() - packing) / 1e9);
            c.commit();
            r = new Result(smtp[0], smtp[1], smtp[2], smtp[3], bulk[0], bulk[1], 0, 0);
        }
        out.println("  opening the cache once (WAL, integrity check) …");
        out.flush();
        try (Cache cache = Cache.open(o.file())) {
            cache.meta("generated_by");
        }
        long bytes = Files.size(o.file());
        return new Result(r.submissions(), r.detailRows(), r.messageRows(), r.failures(), r.bulkMessages(), r.bulkRows(), bytes,
                (System.nanoTime() - t0) / 1e9);
    }

    // ---- SMTP AUTH ------------------------------------------------------------------------------

    private final Map<String, Long> names = new HashMap<>();
    private PreparedStatement insertName;
    private long nextName;

    private long name(SmtpStore.NameKind kind, String value) throws SQLException {
        String key = kind.ordinal() + "\u0000" + value;
        Long id = names.get(key);
        if (id == null) {
            id = ++nextName;
            insertName.setLong(1, id);
            insertName.setInt(2, kind.ordinal());
            insertName.setString(3, value);
            insertName.addBatch();
            names.put(key, id);
        }
        return id;
    }

    /** Returns submissions, detail rows, message rows, failures. */
    private long[] writeSmtp(Connection c) throws SQLException {
        long t = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(o.seed());
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT coalesce(max(id), 0) FROM smtp_name")) {
            rs.next();
            nextName = rs.getLong(1);
        }
        insertName = c.prepareStatement("INSERT INTO smtp_name(id, kind, value) VALUES (?, ?, ?) ON CONFLICT(kind, value) DO NOTHING");
        long emptyIp = name(SmtpStore.NameKind.IP, "");
        int n = o.accounts();
        long firstDay = LAST_DAY.toEpochDay() - o.days() + 1;
        // Accounts: address, domain, client, office address, mobile addresses, rate, first day.
        long[] accountId = new long[n];
        long[] domainId = new long[n];
        int[] client = new int[n];
        long[] officeIp = new long[n];
        long[][] mobileIp = new long[n][4];
        double[] rate = new double[n];
        int[] start = new int[n];
        long[] server = new long[n];
        double[] weights = new double[CLIENTS.length];
        for (int k = 0; k < CLIENTS.length; k++) {
            weights[k] = Double.parseDouble(CLIENTS[k][3]);
        }
        long[] methodId = new long[CLIENTS.length];
        long[] cipherId = new long[CLIENTS.length];
        for (int k = 0; k < CLIENTS.length; k++) {
            methodId[k] = name(SmtpStore.NameKind.METHOD, CLIENTS[k][0]);
            cipherId[k] = name(SmtpStore.NameKind.CIPHER, CLIENTS[k][2]);
        }
        long[] serverIds = new long[o.servers()];
        String[] serverNames = new String[o.servers()];
        for (int s = 0; s < serverIds.length; s++) {
            serverNames[s] = String.format(Locale.ROOT, "smtp%02d.mail.example.net", s + 1);
            serverIds[s] = name(SmtpStore.NameKind.SERVER, serverNames[s]);
        }
        long[] domainIds = new long[DOMAINS.length];
        for (int d = 0; d < DOMAINS.length; d++) {
            domainIds[d] = name(SmtpStore.NameKind.DOMAIN, DOMAINS[d]);
        }
        double activeDays = 0;
        try (PreparedStatement acc = c.prepareStatement("INSERT INTO smtp_account(id, address) VALUES (?, ?)")) {
            for (int a = 0; a < n; a++) {
                int d = (int) Math.min(DOMAINS.length - 1, Math.floor(Math.pow(rnd.nextDouble(), 1.6) * DOMAINS.length));
                String address = String.format(Locale.ROOT, "user%05d@%s", a + 1, DOMAINS[d]);
                accountId[a] = a + 1;
                acc.setLong(1, a + 1);
                acc.setString(2, address);
                acc.addBatch();
                domainId[a] = domainIds[d];
                client[a] = pick(rnd, weights);
                int office = OFFICE_BLOCKS[(a / 2000) % OFFICE_BLOCKS.length] + (a / 100) % 4096;
                officeIp[a] = name(SmtpStore.NameKind.IP, ip(office));
                for (int m = 0; m < 4; m++) {
                    int[] net = MOBILE[rnd.nextInt(MOBILE.length)];
                    int size = 1 << (32 - net[1]);
                    mobileIp[a][m] = (net[0] + 256 + rnd.nextInt(size - 512)) & 0xffffffffL; // the address; its id below
                }
                rate[a] = Math.exp(rnd.nextGaussian() * 0.8 - 0.32);
                start[a] = rnd.nextDouble() < 0.1 ? rnd.nextInt(o.days()) : 0;
                server[a] = serverIds[a % serverIds.length];
                activeDays += rate[a] * (o.days() - start[a]) * (5 * 0.9 + 2 * 0.15) / 7;
            }
            acc.executeBatch();
        }
        for (int a = 0; a < n; a++) {
            for (int m = 0; m < 4; m++) {
                mobileIp[a][m] = name(SmtpStore.NameKind.IP, ip((int) mobileIp[a][m]));
            }
        }
        long sprayIp = name(SmtpStore.NameKind.IP, ip(SPRAYER + 77));
        insertName.executeBatch();
        // Mean submissions per active account-day so that the year holds the asked number (the draws of at least one per active day add 3 % at this scale, more on small ones).
        double perDay = o.submissions() * 1.0 / activeDays;

        String detailSql = "INSERT INTO smtp_detail(day, account_id, domain_id, method_id, ip_id, tls, cipher_id, count, unidentified, "
                + "recipients, first_time, last_time) VALUES " + values(12, 64);
        String messageSql = "INSERT INTO smtp_message(day, seq, time, account_id, domain_id, method_id, ip_id, tls, cipher_id, "
                + "server_id, message_id, count) VALUES " + values(12, 64);
        long submissions = 0;
        long detailRows = 0;
        long messageRows = 0;
        long failures = 0;
        try (PreparedStatement detail = c.prepareStatement(detailSql);
             PreparedStatement detail1 = c.prepareStatement(detailSql.substring(0, detailSql.indexOf(" VALUES ")) + " VALUES " + values(12, 1));
             PreparedStatement message = c.prepareStatement(messageSql);
             PreparedStatement message1 = c.prepareStatement(messageSql.substring(0, messageSql.indexOf(" VALUES ")) + " VALUES " + values(12, 1));
             PreparedStatement failure = c.prepareStatement("INSERT INTO smtp_auth_failure(day, account_id, ip_id, count) VALUES (?, ?, ?, ?) "
                     + "ON CONFLICT(day, account_id, ip_id) DO UPDATE SET count = count + excluded.count")) {
            Rows details = new Rows(detail, detail1);
            Rows messages = new Rows(message, message1);
            // One day's rows: [account, ip, count, first second, last second, recipients]
            long[] day = new long[6 * 1024];
            long[] stamps = new long[1024];
            StringBuilder idText = new StringBuilder(64);
            for (int di = 0; di < o.days(); di++) {
                long epochDay = firstDay + di;
                int dow = (int) Math.floorMod(epochDay + 3, 7); // 0 Monday
                double p = dow < 5 ? 0.9 : 0.15;
                int rows = 0;
                long daySubmissions = 0;
                for (int a = 0; a < n; a++) {
                    if (di < start[a] || rnd.nextDouble() >= p) {
                        continue;
                    }
                    long total = Math.max(1, poisson(rnd, rate[a] * perDay));
                    boolean mobile = rnd.nextDouble() < 0.25 && total > 1;
                    long fromMobile = mobile ? Math.max(1, total / (2 + rnd.nextInt(4))) : 0;
                    long[] ips = {officeIp[a], mobileIp[a][rnd.nextInt(4)]};
                    long[] counts = {total - fromMobile, fromMobile};
                    int order = ips[0] <= ips[1] ? 0 : 1;
                    for (int q = 0; q < 2; q++) {
                        int k = q ^ order;
                        if (counts[k] == 0) {
                            continue;
                        }
                        if (6 * (rows + 1) > day.length) {
                            day = Arrays.copyOf(day, day.length * 2);
                        }
                        int first = 7 * 3600 + rnd.nextInt(4 * 3600);
                        int last = counts[k] == 1 ? first : Math.min(86_399, first + 3600 + rnd.nextInt(9 * 3600));
                        day[6 * rows] = a;
                        day[6 * rows + 1] = ips[k];
                        day[6 * rows + 2] = counts[k];
                        day[6 * rows + 3] = first;
                        day[6 * rows + 4] = last;
                        day[6 * rows + 5] = counts[k] * (1 + rnd.nextInt(3));
                        rows++;
                        daySubmissions += counts[k];
                    }
                }
                // Which submissions have a message-id row, and their seconds: in time order they get their seq.
                if (stamps.length < daySubmissions) {
                    stamps = new long[(int) (daySubmissions * 1.2)];
                }
                int identified = 0;
                long dayBase = epochDay * 86_400L;
                for (int r = 0; r < rows; r++) {
                    long count = day[6 * r + 2];
                    long withId = o.messageIds() >= 1 ? count : Math.round(count * o.messageIds());
                    int first = (int) day[6 * r + 3];
                    int last = (int) day[6 * r + 4];
                    long known = 0;
                    for (long m = 0; m < withId; m++) {
                        int second = m == 0 ? first : m == count - 1 ? last : first + rnd.nextInt(last - first + 1);
                        stamps[identified++] = ((long) second << 32) | r;
                        known++;
                    }
                    int a = (int) day[6 * r];
                    int cl = client[a];
                    details.add(epochDay, accountId[a], domainId[a], methodId[cl], day[6 * r + 1], Long.parseLong(CLIENTS[cl][1]),
                            cipherId[cl], count, count - known, day[6 * r + 5], dayBase + first, dayBase + last);
                    detailRows++;
                }
                Arrays.sort(stamps, 0, identified);
                for (int k = 0; k < identified; k++) {
                    int second = (int) (stamps[k] >>> 32);
                    int r = (int) stamps[k];
                    int a = (int) day[6 * r];
                    int cl = client[a];
                    idText.setLength(0);
                    idText.append(epochDay).append('.').append(k + 1).append('.').append(Integer.toHexString((int) (a * 2654435761L + k)))
                            .append('@').append(serverNames[a % serverNames.length]);
                    String id = idText.toString();
                    messages.addMessage(epochDay, k + 1, dayBase + second, accountId[a], domainId[a], methodId[cl], day[6 * r + 1],
                            Long.parseLong(CLIENTS[cl][1]), cipherId[cl], server[a], id);
                    messageRows++;
                }
                submissions += daySubmissions;
                // Failed sign-ins: one account in a hundred mistypes its password; a spray every ten days.
                for (int a = rnd.nextInt(100); a < n; a += 50 + rnd.nextInt(100)) {
                    long count = 1 + rnd.nextInt(a % 37 == 0 ? 30 : 3);
                    failure.setLong(1, epochDay);
                    failure.setLong(2, accountId[a]);
                    failure.setLong(3, officeIp[a]);
                    failure.setLong(4, count);
                    failure.addBatch();
                    failures += count;
                }
                if (di % 10 == 5) {
                    for (int k = 0; k < 40; k++) {
                        failure.setLong(1, epochDay);
                        failure.setLong(2, accountId[rnd.nextInt(n)]);
                        failure.setLong(3, sprayIp);
                        failure.setLong(4, 3);
                        failure.addBatch();
                        failures += 3;
                    }
                    failure.setLong(1, epochDay);
                    failure.setLong(2, unknownAccount(c));
                    failure.setLong(3, emptyIp);
                    failure.setLong(4, 5);
                    failure.addBatch();
                    failures += 5;
                }
                failure.executeBatch();
                if (di % 30 == 29 || di == o.days() - 1) {
                    out.printf(Locale.ROOT, "  SMTP AUTH: day %d of %d, %,d submissions, %,d detail rows, %.0f s%n", di + 1, o.days(),
                            submissions, detailRows, (System.nanoTime() - t) / 1e9);
                    out.flush();
                }
            }
            details.flush();
            messages.flush();
        }
        insertName.executeBatch();
        insertName.close();
        return new long[] {submissions, detailRows, messageRows, failures};
    }

    private long unknownAccount = -1;

    /** The account "" of failures whose log line named none. */
    private long unknownAccount(Connection c) throws SQLException {
        if (unknownAccount < 0) {
            unknownAccount = o.accounts() + 1L;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO smtp_account(id, address) VALUES (?, '')")) {
                ps.setLong(1, unknownAccount);
                ps.executeUpdate();
            }
        }
        return unknownAccount;
    }

    private static int pick(SplittableRandom rnd, double[] weights) {
        double x = rnd.nextDouble();
        for (int k = 0; k < weights.length; k++) {
            x -= weights[k];
            if (x < 0) {
                return k;
            }
        }
        return weights.length - 1;
    }

    private static long poisson(SplittableRandom rnd, double mean) {
        if (mean > 30) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
        }
        double l = Math.exp(-mean);
        long k = 0;
        double p = 1;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static String values(int columns, int rows) {
        String one = "(" + "?, ".repeat(columns - 1) + "?)";
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "" : ", ").append(one);
        }
        return sb.toString();
    }

    /** Rows of twelve values written 64 per INSERT (the rest one by one at {@link #flush}). */
    private static final class Rows {
        private final PreparedStatement many;
        private final PreparedStatement one;
        private final long[] waiting = new long[12 * 64];
        private final String[] texts = new String[64];
        private int rows;

        Rows(PreparedStatement many, PreparedStatement one) {
            this.many = many;
            this.one = one;
        }

        void add(long... v) throws SQLException {
            System.arraycopy(v, 0, waiting, 12 * rows, 12);
            texts[rows] = null;
            done();
        }

        void addMessage(long day, long seq, long time, long account, long domain, long method, long ip, long tls, long cipher,
                        long server, String id) throws SQLException {
            long[] w = waiting;
            int at = 12 * rows;
            w[at] = day;
            w[at + 1] = seq;
            w[at + 2] = time;
            w[at + 3] = account;
            w[at + 4] = domain;
            w[at + 5] = method;
            w[at + 6] = ip;
            w[at + 7] = tls;
            w[at + 8] = cipher;
            w[at + 9] = server;
            w[at + 11] = 1;
            texts[rows] = id; // column 11 (index 10)
            done();
        }

        private void done() throws SQLException {
            if (++rows == 64) {
                bind(many, 0, 64);
                many.executeUpdate();
                rows = 0;
            }
        }

        void flush() throws SQLException {
            for (int r = 0; r < rows; r++) {
                bind(one, r, 1);
                one.executeUpdate();
            }
            rows = 0;
        }

        /** Binds rows {@code from .. from+count-1}; a row with a text has it as its 11th value. */
        private void bind(PreparedStatement ps, int from, int count) throws SQLException {
            int p = 1;
            for (int r = from; r < from + count; r++) {
                for (int k = 0; k < 12; k++) {
                    if (k == 10 && texts[r] != null) {
                        ps.setString(p++, texts[r]);
                    } else {
                        ps.setLong(p++, waiting[12 * r + k]);
                    }
                }
            }
        }
    }

    // ---- Bulk sender insights -------------------------------------------------------------------

    /** Returns bulk messages and bulk_daily rows. */
    private long[] writeBulk(Connection c) throws SQLException {
        long t = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(o.seed() + 1);
        int n = o.bulkSenders();
        long firstDay = LAST_DAY.toEpochDay() - o.days() + 1;
        int[] every = new int[n];
        int[] offset = new int[n];
        int[] bcl = new int[n];
        double[] size = new double[n];
        double sends = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bulk_sender(id, address) VALUES (?, ?)")) {
            for (int s = 0; s < n; s++) {
                double kind = rnd.nextDouble();
                every[s] = kind < 0.1 ? 1 : kind < 0.7 ? 7 : 30;
                offset[s] = rnd.nextInt(every[s]);
                bcl[s] = pick(rnd, new double[] {0.1, 0.05, 0.05, 0.1, 0.15, 0.2, 0.15, 0.1, 0.06, 0.04});
                size[s] = Math.exp(rnd.nextGaussian() * 1.2 - 0.72);
                sends += size[s] * ((double) o.days() / every[s]);
                ps.setLong(1, s + 1);
                ps.setString(2, String.format(Locale.ROOT, "news%d@sender%06d.example.com", s % 7, s + 1));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        double perSend = o.bulkMessages() * 1.0 / sends; // at least one per send adds 2-10 %
        long messages = 0;
        long rows = 0;
        try (PreparedStatement daily = c.prepareStatement("INSERT INTO bulk_daily(day, sender_id, bcl, inbox, junk, quarantine, deleted, "
                + "unknown) VALUES " + values(8, 1));
             PreparedStatement events = c.prepareStatement("INSERT INTO bulk_event_daily(day, sender_id, event, count) VALUES (?, ?, ?, ?)")) {
            for (int di = 0; di < o.days(); di++) {
                long day = firstDay + di;
                int batched = 0;
                for (int s = 0; s < n; s++) {
                    if ((di + offset[s]) % every[s] != 0) {
                        continue;
                    }
                    long count = Math.max(1, poisson(rnd, size[s] * perSend));
                    int b = bcl[s];
                    double junkShare = b >= 7 ? 0.5 : b >= 4 ? 0.1 : 0.02;
                    long junk = Math.round(count * junkShare * rnd.nextDouble() * 2);
                    junk = Math.min(junk, count);
                    long quarantine = b >= 8 ? Math.min(count - junk, count / 10) : 0;
                    long deleted = Math.min(count - junk - quarantine, count / 50);
                    long inbox = count - junk - quarantine - deleted;
                    daily.setLong(1, day);
                    daily.setLong(2, s + 1);
                    daily.setInt(3, b);
                    daily.setLong(4, inbox);
                    daily.setLong(5, junk);
                    daily.setLong(6, quarantine);
                    daily.setLong(7, deleted);
                    daily.setLong(8, 0);
                    daily.addBatch();
                    rows++;
                    messages += count;
                    if (count >= 20 && rnd.nextDouble() < 0.2) {
                        events.setLong(1, day);
                        events.setLong(2, s + 1);
                        events.setInt(3, b >= 5 ? 5 : 6);
                        events.setLong(4, 1 + count / 100);
                        events.addBatch();
                    }
                    if (++batched == 10_000) {
                        daily.executeBatch();
                        events.executeBatch();
                        batched = 0;
                    }
                }
                daily.executeBatch();
                events.executeBatch();
                if (di % 60 == 59 || di == o.days() - 1) {
                    out.printf(Locale.ROOT, "  Bulk: day %d of %d, %,d messages, %,d rows, %.0f s%n", di + 1, o.days(), messages, rows,
                            (System.nanoTime() - t) / 1e9);
                    out.flush();
                }
            }
        }
        return new long[] {messages, rows};
    }

    /** One line about a generated cache, with its size per million submissions. */
    static String describe(Result r) {
        return String.format(Locale.ROOT, "%,d SMTP AUTH submissions (%,d detail rows, %,d message rows, %,d failed sign-ins), "
                        + "%,d bulk messages (%,d daily rows); %s, %s per million submissions; generated in %.0f s",
                r.submissions(), r.detailRows(), r.messageRows(), r.failures(), r.bulkMessages(), r.bulkRows(), Bytes.human(r.bytes()),
                Bytes.human(Math.round(r.bytes() / (r.submissions() / 1e6))), r.seconds());
    }
}
