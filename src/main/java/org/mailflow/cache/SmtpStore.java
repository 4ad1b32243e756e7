package org.mailflow.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mailflow.model.DayWindow;
import org.mailflow.smtpauth.SmtpDataset;
import org.mailflow.smtpauth.AuthProtocol;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.smtpauth.UnusualActivity;

/**
 * SMTP AUTH submissions and failed authentications in the cache (schema V2.sql; V6.sql adds
 * {@code smtp_seen}, which a trigger keeps; V7.sql adds {@code smtp_day_pack}, each day's rows packed
 * into one value, which the loads read instead of the rows, see {@link DayPack}). Writes go through {@link Writer} inside an import's
 * transaction; reads give the {@link SmtpDataset} of a window for the report page, the Dashboard and
 * the commands ({@link #load(DayWindow)}; {@link #load()} holds every row, too much for a year of a
 * large site), the Dashboard's seven-day summary, one account's methods and IPs for the sender panel,
 * and the rows of the detailed report.
 */
public final class SmtpStore {
    /** Kinds of {@code smtp_name} values. */
    public enum NameKind { DOMAIN, METHOD, IP, CIPHER, SERVER }

    private final Cache cache;

    public SmtpStore(Cache cache) {
        this.cache = cache;
    }

    /** First and last day with a submission, if any. Two subqueries: SQLite answers a lone min() or max() from the key, but scans the table for both at once. */
    public Optional<DayWindow> dataRange() throws CacheException {
        return cache.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT (SELECT min(day) FROM smtp_detail), (SELECT max(day) FROM smtp_detail)")) {
                rs.next();
                long first = rs.getLong(1);
                if (rs.wasNull()) {
                    return Optional.<DayWindow>empty();
                }
                return Optional.of(new DayWindow(LocalDate.ofEpochDay(first), LocalDate.ofEpochDay(rs.getLong(2))));
            }
        });
    }

    /** The latest day with a submission: the default as-of day. */
    public Optional<LocalDate> latestDay() throws CacheException {
        return dataRange().map(DayWindow::last);
    }

    /** All submissions in the cache, for the status bar. */
    public long totalSubmissions() throws CacheException {
        return cache.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT coalesce(sum(count), 0) FROM smtp_detail")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * The figures of the Dashboard card and flyout and of {@code smtp-auth summary}: distinct
     * senders, those with a legacy-TLS submission and those with a Basic one, messages per TLS version
     * (by code), per authentication protocol (by {@link AuthProtocol#ordinal()}) and per day.
     */
    public record Summary(DayWindow window, long senders, long legacySenders, long[] perTls, long[] perDay, long basicSenders,
                          long[] perProtocol) {
        public long messages() {
            return Arrays.stream(perTls).sum();
        }

        public long count(TlsVersion tls) {
            return perTls[tls.code()];
        }

        public long count(AuthProtocol protocol) {
            return perProtocol[protocol.ordinal()];
        }

        /** Messages whose TLS version the source did not give: {@code TLS} and {@code unknown}. */
        public long versionUnknown() {
            return count(TlsVersion.TLS) + count(TlsVersion.UNKNOWN);
        }

        public double legacyShare() {
            return senders == 0 ? 0 : (double) legacySenders / senders;
        }
    }

    public Summary summary(DayWindow window) throws CacheException {
        return cache.read(c -> {
            Map<Long, String> methods = names(c, "SELECT id, value FROM smtp_name WHERE kind = " + NameKind.METHOD.ordinal());
            long[] perTls = new long[TlsVersion.values().length];
            long[] perProtocol = new long[AuthProtocol.values().length];
            long[] perDay = new long[window.days()];
            Map<Long, Boolean> legacyByAccount = new HashMap<>();
            java.util.Set<Long> basic = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT day, account_id, tls, method_id, sum(count) FROM smtp_detail "
                    + "WHERE day BETWEEN ? AND ? GROUP BY day, account_id, tls, method_id")) {
                ps.setLong(1, window.firstEpochDay());
                ps.setLong(2, window.lastEpochDay());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long n = rs.getLong(5);
                        int tls = rs.getInt(3);
                        long account = rs.getLong(2);
                        AuthProtocol protocol = AuthProtocol.of(methods.get(rs.getLong(4)));
                        perTls[tls] += n;
                        perProtocol[protocol.ordinal()] += n;
                        perDay[(int) (rs.getLong(1) - window.firstEpochDay())] += n;
                        boolean legacy = TlsVersion.ofCode(tls).legacy() && n > 0;
                        legacyByAccount.merge(account, legacy, Boolean::logicalOr);
                        if (protocol == AuthProtocol.BASIC && n > 0) {
                            basic.add(account);
                        }
                    }
                }
            }
            long legacy = legacyByAccount.values().stream().filter(b -> b).count();
            return new Summary(window, legacyByAccount.size(), legacy, perTls, perDay, basic.size(), perProtocol);
        });
    }

    /**
     * Loads every submission and failure in the cache: the report page filters in memory. The days
     * are split over the machine's cores, each part scanned on its own connection.
     */
    public SmtpDataset load() throws CacheException {
        return again(this::loadAll);
    }

    private SmtpDataset loadAll(boolean strict) throws CacheException {
        long version = cache.version(); // see rowsOf
        Optional<DayWindow> range = dataRange();
        long maxAccount = cache.read(c -> scalar(c, "SELECT coalesce(max(id), 0) FROM smtp_account"));
        List<SqlFunction<Object>> works = new ArrayList<>();
        works.add(c -> nameArray(c, "SELECT id, address FROM smtp_account WHERE id <= " + maxAccount));
        works.add(c -> failures(c, maxAccount));
        if (range.isPresent()) {
            DayWindow w = range.get();
            int parts = Math.max(1, Math.min(Math.min(4, Runtime.getRuntime().availableProcessors()), w.days()));
            for (int p = 0; p < parts; p++) {
                long from = w.firstEpochDay() + (long) w.days() * p / parts;
                long to = w.firstEpochDay() + (long) w.days() * (p + 1) / parts - 1;
                works.add(c -> scan(c, from, to, maxAccount));
            }
        }
        List<Object> results = cache.readInParallel(works);
        if (!strict) {
            readDamaged(results.subList(2, results.size()), maxAccount);
        }
        String[] accounts = (String[]) results.get(0);
        // Read after the scans: an import committed while they ran may have added a name that a
        // scan saw; names are only ever added (but for the demo generator's), so every id a scan returned is found here.
        String[] names = cache.read(c -> nameArray(c, "SELECT id, value FROM smtp_name WHERE kind IN ("
                + NameKind.DOMAIN.ordinal() + ", " + NameKind.METHOD.ordinal() + ", " + NameKind.IP.ordinal() + ")"));
        long maxName = names.length - 1;
        SmtpDataset.Builder b = SmtpDataset.builder();
        long rowCount = 0;
        for (int p = 2; p < results.size(); p++) {
            rowCount += ((Scan) results.get(p)).rows();
        }
        b.expect(Math.toIntExact(rowCount)).expectNames(accounts.length, names.length);
        int[] accountIndex = new int[(int) maxAccount + 1];
        Arrays.fill(accountIndex, -1);
        // One table per kind from name id to the builder's index; the ids of all kinds share a sequence.
        int[] domainIndex = new int[(int) maxName + 1];
        int[] methodIndex = new int[(int) maxName + 1];
        int[] ipIndex = new int[(int) maxName + 1];
        Arrays.fill(domainIndex, -1);
        Arrays.fill(methodIndex, -1);
        Arrays.fill(ipIndex, -1);
        RowAdder adder = new RowAdder(b, accounts, names, accountIndex, domainIndex, ipIndex, methodIndex);
        for (int p = 2; p < results.size(); p++) {
            ((Scan) results.get(p)).addTo(adder, maxAccount, maxName, rowsOf(strict, version, maxAccount, maxName));
        }
        addFailures(b, (Packed) results.get(1), accounts, names, accountIndex, ipIndex);
        return b.build();
    }

    /** Adds the failed sign-ins scanned into {@code failures} (day, account id, count, IP id per row) to {@code b}. */
    private static void addFailures(SmtpDataset.Builder b, Packed failures, String[] accounts, String[] names,
                                    int[] accountIndex, int[] ipIndex) {
        for (int chunk = 0; chunk < failures.chunks.size(); chunk++) {
            long[] values = failures.chunks.get(chunk);
            for (int i = 0; i < failures.chunkSize(chunk); i += SCAN_WIDTH) {
                int id = (int) values[i + 1];
                if (accountIndex[id] < 0) {
                    accountIndex[id] = b.account(accounts[id]);
                }
                long ipId = values[i + 3];
                int ip = ipId <= Integer.MAX_VALUE ? nameIndex(b, names, ipIndex, (int) ipId, NameKind.IP) : -1;
                b.failures(accountIndex[id], values[i], ip >= 0 ? ip : b.ip(""), values[i + 2]);
            }
        }
    }

    /**
     * Loads what the report pages and commands need for {@code window} (issue 15: a year of a large
     * site is tens of millions of rows, which {@link #load()} would all hold): the rows of the window
     * and of the {@link UnusualActivity#SPIKE_HISTORY_DAYS} days before it (volume-spike's medians),
     * the failures of those days, and the history the flags take from the whole cache, read from
     * {@code smtp_seen} (schema 6) and by index: each account's first and last day, the client IPs it
     * used before that new-country can need (with the first day at each; see {@code History}), its last day with Basic per domain and
     * method before (the "last Basic use" column); see {@link SmtpDataset.Builder#window}. Every report
     * of a window inside {@code window} ({@link SmtpDataset#covers}) is that of {@link #load()}.
     * impossible-travel needs nothing older than the loaded rows: a journey into the window from a
     * submission before them spans more than {@link UnusualActivity#SPIKE_HISTORY_DAYS} days, and no two
     * places on Earth (20,038 km apart at most) are far enough apart for {@link UnusualActivity#TRAVEL_KMH}
     * over that time.
     * Account indexes follow the cache's ids, so they are the same in every window's data.
     * The rows of a day are read from its pack when it has one ({@link DayPack}, schema 7: one value
     * per day instead of about 40,000 rows on the year bench), else from {@code smtp_detail}; the same
     * entries either way.
     */
    public SmtpDataset load(DayWindow window) throws CacheException {
        return again(strict -> loadWindow(window, strict));
    }

    private SmtpDataset loadWindow(DayWindow window, boolean strict) throws CacheException {
        long version = cache.version(); // before anything is read: see Names
        Names kept = names;
        boolean reuse = strict && kept != null && kept.version() == version;
        Optional<DayWindow> range = dataRange();
        long maxAccount = cache.read(c -> scalar(c, "SELECT coalesce(max(id), 0) FROM smtp_account"));
        long from = window.firstEpochDay() - UnusualActivity.SPIKE_HISTORY_DAYS;
        long to = window.lastEpochDay();
        List<SqlFunction<Object>> works = new ArrayList<>();
        works.add(c -> reuse || !strict ? null : new String[][] {nameArray(c, "SELECT id, address FROM smtp_account"), nameArray(c, NAMES)});
        works.add(c -> windowFailures(c, from, to, maxAccount));
        works.add(c -> history(c, window, from, maxAccount));
        works.add(c -> lastBasic(c, from, maxAccount));
        int parts = Math.max(1, Math.min(Math.min(4, Runtime.getRuntime().availableProcessors()), (int) (to - from + 1)));
        for (int p = 0; p < parts; p++) {
            long partFrom = from + (to - from + 1) * p / parts;
            long partTo = from + (to - from + 1) * (p + 1) / parts - 1;
            works.add(c -> scan(c, partFrom, partTo, maxAccount));
        }
        List<Object> results = cache.readInParallel(works);
        if (strict) {
            if (cache.version() != version) {
                // Something was committed while this load read (on several connections): its parts may
                // not be of one state, nor its names of the rows'. Read it all again.
                throw new ConcurrentCommit();
            }
            if (!reuse) {
                String[][] read = (String[][]) results.get(0);
                kept = new Names(version, read[0], read[1]);
            }
            names = kept;
        } else {
            // The last attempt, while commits keep coming: the days of damaged packs read now, then the
            // names, after every row (they are only ever added), and not kept.
            readDamaged(results.subList(4, results.size()), maxAccount);
            kept = cache.read(c -> new Names(version, nameArray(c, "SELECT id, address FROM smtp_account"), nameArray(c, NAMES)));
        }
        String[] accounts = kept.accounts();
        String[] names = kept.values();
        long maxName = names.length - 1;
        History history = (History) results.get(2);
        history.sightings.addAll((Packed) results.get(3)); // the last Basic days after the client IPs, as one query gave them
        SmtpDataset.Builder b = SmtpDataset.builder().window(window, range);
        long rowCount = history.sightings.size() / SCAN_WIDTH;
        for (int p = 4; p < results.size(); p++) {
            rowCount += ((Scan) results.get(p)).rows();
        }
        b.expect(Math.toIntExact(rowCount)).expectNames(accounts.length, names.length);
        int[] accountIndex = new int[(int) maxAccount + 1];
        Arrays.fill(accountIndex, -1);
        for (long id = 1; id <= maxAccount && id < accounts.length; id++) {
            String address = accounts[(int) id];
            if (address != null) {
                accountIndex[(int) id] = b.account(address);
            }
        }
        int[] domainIndex = new int[(int) maxName + 1];
        int[] methodIndex = new int[(int) maxName + 1];
        int[] ipIndex = new int[(int) maxName + 1];
        Arrays.fill(domainIndex, -1);
        Arrays.fill(methodIndex, -1);
        Arrays.fill(ipIndex, -1);
        for (long id : history.domains) {
            if (id <= maxName && names[(int) id] != null) {
                domainIndex[(int) id] = b.domain(names[(int) id]);
            }
        }
        // History first (sightings, last Basic days), then the window's rows: the day order is kept either way.
        int noMethod = b.method("");
        int noIp = b.ip("");
        // In day order, as the rows are: the dataset then keeps the builder's arrays instead of sorting and copying them.
        Packed sightings = history.sightings;
        int sightingCount = sightings.size() / SCAN_WIDTH;
        long[] order = new long[sightingCount];
        for (int k = 0; k < sightingCount; k++) {
            long at = (long) k * SCAN_WIDTH;
            order[k] = (sightings.get(at) << 32) | k;
        }
        Arrays.sort(order);
        for (long key : order) {
            long at = (key & 0xffffffffL) * SCAN_WIDTH;
            long day = sightings.get(at);
            int a = accountIndex[(int) sightings.get(at + 1)];
            int dom = nameIndex(b, names, domainIndex, (int) sightings.get(at + 2), NameKind.DOMAIN);
            long ipOrMethod = sightings.get(at + 3); // an IP id, or minus a Basic method's id (see History)
            if (a < 0 || dom < 0) {
                continue;
            }
            if (ipOrMethod >= 0) {
                int ip = nameIndex(b, names, ipIndex, (int) ipOrMethod, NameKind.IP);
                b.entry(day, a, dom, noMethod, ip < 0 ? noIp : ip, TlsVersion.UNKNOWN, 0, 0, -1, -1);
            } else {
                int method = nameIndex(b, names, methodIndex, (int) -ipOrMethod, NameKind.METHOD);
                b.entry(day, a, dom, method < 0 ? noMethod : method, noIp, TlsVersion.UNKNOWN, 0, 0, -1, -1);
            }
        }
        RowAdder adder = new RowAdder(b, accounts, names, accountIndex, domainIndex, ipIndex, methodIndex);
        for (int p = 4; p < results.size(); p++) {
            ((Scan) results.get(p)).addTo(adder, maxAccount, maxName, rowsOf(strict, version, maxAccount, maxName));
        }
        for (int i = 0; i + 2 < history.seen.length; i += 3) {
            int a = history.seen[i] <= maxAccount ? accountIndex[(int) history.seen[i]] : -1;
            if (a >= 0) {
                b.seen(a, history.seen[i + 1], history.seen[i + 2]);
            }
        }
        addFailures(b, (Packed) results.get(1), accounts, names, accountIndex, ipIndex);
        return b.build();
    }

    /**
     * The account addresses and the names (domains, methods, client IPs) of the last window's load, by
     * id, and the cache's {@link Cache#version} they were read at. While no commit has happened since,
     * the next window's load uses them as they are instead of reading 100,000s of names again (on the
     * year bench, 50,000 accounts and 140,000 client IPs: 60-150 ms of every window change). Any
     * commit changes the version, including the demo generator's, which empties and refills both tables.
     */
    private record Names(long version, String[] accounts, String[] values) {
    }

    private volatile Names names;

    private static final String NAMES = "SELECT id, value FROM smtp_name WHERE kind IN ("
            + NameKind.DOMAIN.ordinal() + ", " + NameKind.METHOD.ordinal() + ", " + NameKind.IP.ordinal() + ")";

    /**
     * Thrown inside a load when something was committed while it read: what it read on its several
     * connections may not be of one state (the names of its rows, a day read again after its pack
     * turned out damaged). The load starts again ({@link #again}).
     */
    private static final class ConcurrentCommit extends RuntimeException {
        ConcurrentCommit() {
            super(null, null, false, false);
        }
    }

    /** Loads tried as one state of the cache before the last, which reads the names after the rows instead. */
    static final int LOAD_ATTEMPTS = 3;

    private interface Attempt {
        /** One load; {@code strict}: of one state, or {@link ConcurrentCommit}. */
        SmtpDataset run(boolean strict) throws CacheException;
    }

    /**
     * Runs a load, again from the start when something was committed while it read. An import commits
     * once, so the second attempt almost always reads one state. The last attempt tolerates commits:
     * it reads the names after every row (names are only ever added, but for the demo generator's refill),
     * as loads did before the names were kept.
     */
    private SmtpDataset again(Attempt load) throws CacheException {
        for (int attempt = 1; ; attempt++) {
            try {
                return load.run(attempt < LOAD_ATTEMPTS);
            } catch (ConcurrentCommit e) {
                names = null;
            }
        }
    }

    /**
     * Reads one day's rows from {@code smtp_detail}, for a pack found damaged while decoding, which is
     * after the load's names were read. A strict load starts again when anything was committed since its
     * {@code version} (it may have added names those rows use); the last attempt read the damaged packs'
     * days before its names ({@link #readDamaged}), so it meets only packs whose ids are out of range, and
     * reports that the cache kept changing if the rows read for one use a name newer than its names.
     */
    private DayRows rowsOf(boolean strict, long version, long maxAccount, long maxName) {
        return day -> {
            Packed rows = cache.read(c -> scanRows(c, day, day, maxAccount));
            if (strict && cache.version() != version) {
                throw new ConcurrentCommit();
            }
            long[] largestName = {0};
            rows.each((key, countRecipients, domainIp, methodTimes) -> largestName[0] = Math.max(largestName[0],
                    Math.max(Math.max(domainIp >>> 32, domainIp & 0xffffffffL), methodTimes >>> 35)));
            if (largestName[0] > maxName) {
                throw new CacheException(CacheException.Reason.LOCKED, cache.file(),
                        org.mailflow.model.UserText.of("cache.changing", cache.file().toString()));
            }
            return rows;
        };
    }

    /** The last attempt's scans with each damaged pack replaced by its day's rows, read before the names. */
    private void readDamaged(List<Object> scans, long maxAccount) throws CacheException {
        for (Object scan : scans) {
            ((Scan) scan).readDamaged(maxAccount, day -> cache.read(c -> scanRows(c, day, day, maxAccount)));
        }
    }

    /** The builder's index of a name id of {@code kind}, added on first use; -1 for an unknown id. */
    private static int nameIndex(SmtpDataset.Builder b, String[] names, int[] index, int id, NameKind kind) {
        if (id < 0 || id >= index.length) {
            return -1;
        }
        if (index[id] < 0) {
            String value = id < names.length ? names[id] : null;
            if (value == null) {
                return -1;
            }
            index[id] = switch (kind) {
                case DOMAIN -> b.domain(value);
                case METHOD -> b.method(value);
                default -> b.newIp(value); // each id once (index), and ids name distinct addresses
            };
        }
        return index[id];
    }

    /**
     * What a window's load reads besides its rows: {@code seen} (account id, first day, last day) per
     * account; {@code domains}: every sender domain with a submission; {@code sightings}: per account
     * and client IP first used before {@code from}, (first day, account, smallest domain id, IP id),
     * in (account, IP) order; the load appends the rows of {@link #lastBasic} (its last day before,
     * account, domain id, -method id) to them. All three come from one pass over {@code smtp_seen} in its
     * key order, grouped per account here ({@link AccountSightings}).
     *
     * <p>The client IP sightings serve new-country alone ({@link org.mailflow.smtpauth.Places}), and
     * only these are read (issue 15: on the year cache, 89,000 of its 244,000 for the last 7 days):
     * all of an account with a {@code smtp_seen} row first seen in the window (the only accounts
     * new-country can flag in a window inside it: a country first seen there comes with an IP, domain
     * and method first seen there), and for the others, each IP with a row first used before
     * {@code from} and last used on or after the window's first day. That is enough for them to show
     * no country first seen in the window, as the whole cache shows none: each IP they use in it has
     * its rows first seen before the window, so its country was seen before, either in the rows before
     * the window that the load reads (a row first seen on or after {@code from}) or in one of these
     * sightings (a row first seen before {@code from} and used in the window).
     */
    private record History(long[] seen, long[] domains, Packed sightings) {
    }

    /**
     * One account's rows of {@code smtp_seen}, as {@link #history} meets them: its first and last day,
     * and per client IP first used before {@code from} its first day there, smallest domain and last
     * day. At the end of the account, its sightings in IP order: each IP last used on or after the
     * window's first day, or all when the account has a row first seen in the window (see {@code History}).
     */
    private static final class AccountSightings {
        private final long windowFirst;
        private final long windowLast;
        private final long from;
        long account = -1;
        private long firstDay;
        private long lastDay;
        private boolean newInWindow;
        /** Per IP id: first day, smallest domain id, last day (of its rows first seen before {@code from}). */
        private final java.util.TreeMap<Long, long[]> ips = new java.util.TreeMap<>();

        AccountSightings(DayWindow window, long from) {
            this.windowFirst = window.firstEpochDay();
            this.windowLast = window.lastEpochDay();
            this.from = from;
        }

        void start(long id) {
            account = id;
            firstDay = Long.MAX_VALUE;
            lastDay = Long.MIN_VALUE;
            newInWindow = false;
            ips.clear();
        }

        void row(long domain, long ip, long first, long last) {
            firstDay = Math.min(firstDay, first);
            lastDay = Math.max(lastDay, last);
            newInWindow |= first >= windowFirst && first <= windowLast;
            if (first < from) {
                long[] at = ips.get(ip);
                if (at == null) {
                    ips.put(ip, new long[] {first, domain, last});
                } else {
                    at[0] = Math.min(at[0], first);
                    at[1] = Math.min(at[1], domain);
                    at[2] = Math.max(at[2], last);
                }
            }
        }

        void end(List<Long> seen, Packed sightings) {
            if (account < 0) {
                return;
            }
            seen.add(account);
            seen.add(firstDay);
            seen.add(lastDay);
            for (Map.Entry<Long, long[]> e : ips.entrySet()) {
                long[] v = e.getValue();
                if (v[2] >= windowFirst || newInWindow) {
                    sightings.add(v[0], account, v[1], e.getKey());
                }
            }
        }
    }

    private static History history(Connection c, DayWindow window, long from, long maxAccount) throws SQLException {
        // One pass over smtp_seen in its key order (account, domain, method, IP), grouped here per account:
        // three GROUP BY queries cost SQLite a sort each, and the sightings' was most of a year's 90-day load.
        List<Long> seen = new ArrayList<>();
        java.util.Set<Long> domains = new java.util.LinkedHashSet<>(); // in the order first met, as SELECT DISTINCT gives them
        Packed sightings = new Packed();
        AccountSightings current = new AccountSightings(window, from);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT account_id, domain_id, ip_id, first_day, last_day "
                + "FROM smtp_seen ORDER BY account_id, domain_id, method_id, ip_id")) {
            while (rs.next()) {
                long account = rs.getLong(1);
                long domain = rs.getLong(2);
                domains.add(domain);
                if (account > maxAccount) {
                    continue;
                }
                if (account != current.account) {
                    current.end(seen, sightings);
                    current.start(account);
                }
                current.row(domain, rs.getLong(3), rs.getLong(4), rs.getLong(5));
            }
        }
        current.end(seen, sightings);
        return new History(seen.stream().mapToLong(Long::longValue).toArray(), domains.stream().mapToLong(Long::longValue).toArray(),
                sightings);
    }

    /**
     * Per account, domain and Basic method used before {@code from}: (its last day before, account,
     * domain id, -method id), the "last Basic use" column's history (see {@code History}); read apart
     * from the rest of the history, on its own connection.
     */
    private static Packed lastBasic(Connection c, long from, long maxAccount) throws SQLException {
        Packed sightings = new Packed();
        Map<Long, String> methods = names(c, "SELECT id, value FROM smtp_name WHERE kind = " + NameKind.METHOD.ordinal());
        StringBuilder basic = new StringBuilder();
        methods.forEach((id, value) -> {
            if (AuthProtocol.of(value) == AuthProtocol.BASIC) {
                basic.append(basic.isEmpty() ? "" : ", ").append(id);
            }
        });
        if (!basic.isEmpty()) {
            // Backwards through the account's rows by smtp_detail_by_account, to the first one with that domain and method.
            try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT d.day FROM smtp_detail d INDEXED BY smtp_detail_by_account WHERE d.account_id = s.account_id "
                    + "AND d.day < ?1 AND d.domain_id = s.domain_id AND d.method_id = s.method_id ORDER BY d.day DESC LIMIT 1), "
                    + "s.account_id, s.domain_id, s.method_id FROM smtp_seen s "
                    + "WHERE s.first_day < ?1 AND s.account_id <= ?2 AND s.method_id IN (" + basic + ") "
                    + "GROUP BY s.account_id, s.domain_id, s.method_id")) {
                ps.setLong(1, from);
                ps.setLong(2, maxAccount);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long day = rs.getLong(1);
                        if (!rs.wasNull()) { // smtp_seen says there is such a row: always, unless pruning was not followed by its rebuild
                            sightings.add(day, rs.getLong(2), rs.getLong(3), -rs.getLong(4));
                        }
                    }
                }
            }
        }
        return sightings;
    }

    private static Packed windowFailures(Connection c, long from, long to, long maxAccount) throws SQLException {
        Packed out = new Packed();
        try (PreparedStatement ps = c.prepareStatement("SELECT day, account_id, count, ip_id FROM smtp_auth_failure "
                + "WHERE day BETWEEN ? AND ? AND account_id <= ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setLong(3, maxAccount);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
                }
            }
        }
        return out;
    }

    /** Adds the scanned rows {@code rows[0 .. size-1]} to the builder, translating cache ids to its indexes (-1: not yet). */
    /** Where scanned rows go: the load's builder, through its tables from the cache's ids to the builder's indexes. */
    private interface RowSink {
        /** One row, as {@link #scan} packs it into four numbers. */
        void add(long key, long countRecipients, long domainIp, long methodTimes);
    }

    /** Adds scanned rows to a load's builder. */
    private record RowAdder(SmtpDataset.Builder b, String[] accounts, String[] names, int[] accountIndex, int[] domainIndex,
                            int[] ipIndex, int[] methodIndex) implements RowSink {
        @Override
        public void add(long key, long countRecipients, long domainIp, long methodTimes) {
            long day = key >>> 29;
            int id = (int) ((key >>> 3) & ACCOUNT_MASK);
            int a = accountIndex[id];
            if (a < 0) {
                a = b.account(accounts[id]);
                accountIndex[id] = a;
            }
            int domainId = (int) (domainIp >>> 32);
            int dom = domainIndex[domainId];
            if (dom < 0) {
                dom = b.domain(names[domainId]);
                domainIndex[domainId] = dom;
            }
            int ipId = (int) (domainIp & 0xffffffffL);
            int ip = ipIndex[ipId];
            if (ip < 0) {
                ip = b.newIp(names[ipId]); // each id once (ipIndex), and ids name distinct addresses
                ipIndex[ipId] = ip;
            }
            int methodId = (int) (methodTimes >>> 35);
            int method = methodIndex[methodId];
            if (method < 0) {
                method = b.method(names[methodId]);
                methodIndex[methodId] = method;
            }
            long firstSecond = -1;
            long lastSecond = -1;
            if ((methodTimes & TIMES_KNOWN) != 0) {
                firstSecond = day * 86_400L + ((methodTimes >>> 17) & 0x1ffff);
                lastSecond = day * 86_400L + (methodTimes & 0x1ffff);
            }
            b.entry(day, a, dom, method, ip, TlsVersion.ofCode((int) (key & 7)), countRecipients & 0xffffffffL,
                    countRecipients >>> 32, firstSecond, lastSecond);
        }
    }

    /**
     * What one scan read, in day order: runs of rows read from {@code smtp_detail} ({@link Packed}) and
     * days read from their packs, which are decoded only when added (no copy of their rows in between).
     */
    private static final class Scan {
        private final List<Object> parts = new ArrayList<>();
        private long rows;

        void rows(Packed packed) {
            if (packed.size() > 0) {
                parts.add(packed);
                rows += packed.size() / SCAN_WIDTH;
            }
        }

        void pack(long day, long count, byte[] data) {
            parts.add(new DayData(day, count, data));
            rows += count;
        }

        /** The rows read; of the packed days, all of them, including accounts above the load's largest id. */
        long rows() {
            return rows;
        }

        /**
         * Adds the rows read to {@code sink} in day order. A pack is checked as it is decoded, whole,
         * before any of its rows is added; a damaged one is passed over and its day read from its rows
         * by {@code rowsOf} instead.
         */
        void addTo(RowSink sink, long maxAccount, long maxName, DayRows rowsOf) throws CacheException {
            long[] scratch = new long[0];
            for (Object part : parts) {
                if (part instanceof DayData d) {
                    if (scratch.length < d.rows * SCAN_WIDTH) { // scan() kept packs that can hold their rows only
                        scratch = new long[(int) d.rows * SCAN_WIDTH];
                    }
                    int used = DayPack.decode(d.day, d.data, d.rows, maxAccount, maxName, scratch);
                    if (used < 0) {
                        rowsOf.read(d.day).each(sink);
                        continue;
                    }
                    for (int i = 0; i < used; i += SCAN_WIDTH) {
                        sink.add(scratch[i], scratch[i + 1], scratch[i + 2], scratch[i + 3]);
                    }
                } else {
                    ((Packed) part).each(sink);
                }
            }
        }

        /** Replaces each pack that does not decode (names not checked: they are read after) by its day's rows. */
        void readDamaged(long maxAccount, DayRows rowsOf) throws CacheException {
            long[] scratch = new long[0];
            for (int k = 0; k < parts.size(); k++) {
                if (parts.get(k) instanceof DayData d) {
                    if (scratch.length < d.rows * SCAN_WIDTH) {
                        scratch = new long[(int) d.rows * SCAN_WIDTH];
                    }
                    if (DayPack.decode(d.day, d.data, d.rows, maxAccount, Long.MAX_VALUE, scratch) < 0) {
                        parts.set(k, rowsOf.read(d.day));
                    }
                }
            }
        }

        private record DayData(long day, long rows, byte[] data) {
        }
    }

    /** Reads one day's rows from {@code smtp_detail} as {@link #scanRows} does (the day of a damaged pack). */
    @FunctionalInterface
    private interface DayRows {
        Packed read(long day) throws CacheException;
    }

    // Packed scan key: day | account id (26 bits) | TLS code (3 bits).
    private static final long ACCOUNT_MASK = (1L << 26) - 1;
    /** Longs per scanned row: key, recipients | count, domain id | IP id, method id | times. */
    private static final int SCAN_WIDTH = 4;
    /** Set in a scanned row's method-and-times when the row has times. */
    private static final long TIMES_KNOWN = 1L << 34;

    /**
     * Rows of {@link #SCAN_WIDTH} longs in fixed chunks: a part of a year is millions of rows, and a
     * growing array would copy them over and over (and leave twice their size as garbage).
     */
    private static final class Packed {
        private static final int CHUNK = 1 << 15; // a multiple of SCAN_WIDTH; 256 KB, under G1's humongous size from a 1 GB heap
        final List<long[]> chunks = new ArrayList<>();
        private long[] current;
        private int used = CHUNK;

        void add(long a, long b, long c, long d) {
            if (used == CHUNK) {
                current = new long[CHUNK];
                chunks.add(current);
                used = 0;
            }
            current[used++] = a;
            current[used++] = b;
            current[used++] = c;
            current[used++] = d;
        }

        void addAll(Packed other) {
            other.each(this::add);
        }

        /** Each row in order, its {@link #SCAN_WIDTH} numbers to {@code sink}. */
        void each(RowSink sink) {
            for (int chunk = 0; chunk < chunks.size(); chunk++) {
                long[] values = chunks.get(chunk);
                for (int k = 0; k < chunkSize(chunk); k += SCAN_WIDTH) {
                    sink.add(values[k], values[k + 1], values[k + 2], values[k + 3]);
                }
            }
        }

        /** The long at {@code index} of all in use. */
        long get(long index) {
            return chunks.get((int) (index / CHUNK))[(int) (index % CHUNK)];
        }

        /** Longs in use in a chunk. */
        int chunkSize(int chunk) {
            return chunk < chunks.size() - 1 ? CHUNK : used;
        }

        /** Longs in use. */
        int size() {
            return chunks.isEmpty() ? 0 : (chunks.size() - 1) * CHUNK + used;
        }
    }

    /**
     * The rows of smtp_detail of some days, four numbers each, packed by SQLite because every column
     * read is a JNI call (a year of a large site is millions of rows), with operators rather than
     * SQL functions, which cost SQLite more than the reading: the day, account and TLS code;
     * the recipients (high 31 bits) and the count (low 32 bits: no aggregate row of one day comes
     * near four billion submissions, nor two billion recipients); the domain and IP ids; the method
     * id (from bit 35), {@link #TIMES_KNOWN} (bit 34), and the seconds of the day of the first and
     * last submission (17 bits each; rows are written per UTC day, so they lie in it).
     */
    private static Scan scan(Connection c, long from, long to, long maxAccount) throws SQLException {
        Scan out = new Scan();
        long next = from; // the first day not read yet
        try (PreparedStatement ps = c.prepareStatement("SELECT day, rows, data FROM smtp_day_pack WHERE day BETWEEN ? AND ? ORDER BY day")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long day = rs.getLong(1);
                    byte[] data = rs.getBytes(3);
                    if (!DayPack.canHold(data, rs.getLong(2))) {
                        continue; // read from its rows below; the rest of the pack is checked as it is decoded
                    }
                    if (day > next) {
                        out.rows(scanRows(c, next, day - 1, maxAccount));
                    }
                    out.pack(day, rs.getLong(2), data);
                    next = day + 1;
                }
            }
        }
        if (next <= to) {
            out.rows(scanRows(c, next, to, maxAccount));
        }
        return out;
    }

    /** The rows of some days as {@link #scan} returns them, read from {@code smtp_detail} itself (days without a pack). */
    private static Packed scanRows(Connection c, long from, long to, long maxAccount) throws SQLException {
        Packed out = new Packed();
        try (PreparedStatement ps = c.prepareStatement("SELECT (day << 29) | (account_id << 3) | tls, "
                + "(recipients << 32) | count, (domain_id << 32) | ip_id, "
                + "(method_id << 35) | ifnull(" + TIMES_KNOWN + " | " + PACKED_TIMES + ", 0) "
                + "FROM smtp_detail WHERE day BETWEEN ? AND ? AND account_id <= ? ORDER BY day, account_id")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setLong(3, maxAccount);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
                }
            }
        }
        return out;
    }

    /** The seconds of the day of a row's first and last submission, 17 bits each; NULL when either is unknown. */
    private static final String PACKED_TIMES = "((((first_time - day * 86400) & 131071) << 17) | ((last_time - day * 86400) & 131071))";

    /**
     * Makes the pack ({@code smtp_day_pack}, schema 7) of every day with rows in {@code smtp_detail} and
     * none yet: the days an import wrote (their packs were deleted by the table's triggers), and after an
     * upgrade to schema 7, every day. Called by {@link Writer#flush()}, inside the import's transaction;
     * returns the number of days packed. About 40 ms per day of 40,000 rows.
     */
    public static int packMissing(Connection c) throws SQLException {
        long first;
        long last;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT min(day), max(day) FROM smtp_detail")) {
            rs.next();
            first = rs.getLong(1);
            if (rs.wasNull()) {
                return 0;
            }
            last = rs.getLong(2);
        }
        java.util.Set<Long> packed = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT day FROM smtp_day_pack WHERE day BETWEEN ? AND ?")) {
            ps.setLong(1, first);
            ps.setLong(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    packed.add(rs.getLong(1));
                }
            }
        }
        int made = 0;
        try (PreparedStatement read = c.prepareStatement("SELECT account_id, tls, count, recipients, domain_id, ip_id, method_id, "
                + "ifnull(" + PACKED_TIMES + ", -1) FROM smtp_detail WHERE day = ? "
                + "ORDER BY account_id, domain_id, method_id, ip_id, tls, cipher_id");
             PreparedStatement write = c.prepareStatement("INSERT INTO smtp_day_pack(day, rows, data) VALUES (?, ?, ?)")) {
            DayPack.Encoder encoder = new DayPack.Encoder();
            for (long day = first; day <= last; day++) {
                if (packed.contains(day)) {
                    continue;
                }
                encoder.reset();
                read.setLong(1, day);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        encoder.row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                                rs.getLong(7), rs.getLong(8));
                    }
                }
                if (encoder.rows() > 0) {
                    write.setLong(1, day);
                    write.setLong(2, encoder.rows());
                    write.setBytes(3, encoder.bytes());
                    write.executeUpdate();
                    made++;
                }
            }
        }
        return made;
    }

    /**
     * The encoding of a day's rows in {@code smtp_day_pack.data}: a format byte ({@link #FORMAT}), then per
     * row, in the order of the table's key (account, domain, method, IP, TLS, cipher), unsigned LEB128
     * varints: the account id less the previous row's, {@code tls << 1 | times known}, the count, the
     * recipients, the domain, IP and method ids, and when times are known the seconds of the day of the
     * first submission {@code << 17 |} those of the last. About 16 bytes a row (a year of a large site:
     * 14 million rows, 230 MB beside the 5.3 GB cache). A pack of another format is passed over and the
     * day read from its rows.
     */
    static final class DayPack {
        static final byte FORMAT = 1;

        private DayPack() {
        }

        /**
         * Puts the day's rows of accounts up to {@code maxAccount} into {@code out} ({@link #SCAN_WIDTH}
         * numbers each, as {@link #scan} returns them; it has room for {@code rows} rows) and returns how
         * many numbers it wrote; or -1 when {@code data} is not a pack of this format holding
         * {@code rows} whole rows with names up to {@code maxName} (the last id of the load's names):
         * anything else, which only a damaged file could hold, is passed over
         * (the load reads that day from its rows). Checked as it is decoded, in one pass (a pass of its
         * own on the scans' threads cost a tenth of a 90-day range's CPU).
         */
        static int decode(long day, byte[] data, long rows, long maxAccount, long maxName, long[] out) {
            if (!canHold(data, rows) || rows > out.length / SCAN_WIDTH) {
                return -1;
            }
            long left = rows;
            Varints in = new Varints(data, 1);
            long account = 0;
            int at = 0;
            while (in.more()) {
                account += in.next();
                long tlsTimes = in.next();
                long count = in.next();
                long recipients = in.next();
                long domain = in.next();
                long ip = in.next();
                long method = in.next();
                long times = (tlsTimes & 1) != 0 ? in.next() : 0;
                // every number within what its place in the packed row holds (see scanRows), ids within the names
                if (in.damaged || left-- == 0 || account < 0 || account > ACCOUNT_MASK || tlsTimes < 0 || (tlsTimes >>> 1) > 6
                        || count < 0 || count > 0xffffffffL || recipients < 0 || recipients > Integer.MAX_VALUE
                        || domain < 0 || domain > maxName || ip < 0 || ip > maxName || method < 0 || method > maxName
                        || times < 0 || times >= TIMES_KNOWN) {
                    return -1;
                }
                times = (tlsTimes & 1) != 0 ? TIMES_KNOWN | times : 0;
                if (account <= maxAccount) {
                    out[at++] = (day << 29) | (account << 3) | (tlsTimes >>> 1);
                    out[at++] = (recipients << 32) | count;
                    out[at++] = (domain << 32) | ip;
                    out[at++] = (method << 35) | times;
                }
            }
            return left == 0 ? at : -1;
        }

        /** Whether {@code data} is of this format and long enough for {@code rows} rows (of 7 bytes at least): nothing is allocated for a damaged count. */
        static boolean canHold(byte[] data, long rows) {
            return data != null && data.length > 0 && data[0] == FORMAT && rows >= 0 && rows <= (data.length - 1) / 7;
        }

        /** Reads unsigned LEB128 varints one after the other; past the end, or longer than 64 bits, {@link #damaged}. */
        private static final class Varints {
            private final byte[] data;
            private int at;
            boolean damaged;

            Varints(byte[] data, int at) {
                this.data = data;
                this.at = at;
            }

            boolean more() {
                return at < data.length;
            }

            long next() {
                long value = 0;
                for (int shift = 0; shift < 64 && at < data.length; shift += 7) {
                    byte b = data[at++];
                    value |= (long) (b & 0x7f) << shift;
                    if (b >= 0) {
                        return value;
                    }
                }
                damaged = true;
                return 0;
            }
        }

        /** Builds one day's pack from its rows in key order. */
        static final class Encoder {
            private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1 << 16);
            private long previousAccount;
            private int rows;

            void reset() {
                out.reset();
                out.write(FORMAT);
                previousAccount = 0;
                rows = 0;
            }

            /** One row; {@code times} is -1 when unknown, else the first second of the day {@code << 17 |} the last. */
            void row(long account, long tls, long count, long recipients, long domain, long ip, long method, long times) {
                varint(account - previousAccount);
                previousAccount = account;
                varint(tls << 1 | (times >= 0 ? 1 : 0));
                varint(count);
                varint(recipients);
                varint(domain);
                varint(ip);
                varint(method);
                if (times >= 0) {
                    varint(times);
                }
                rows++;
            }

            private void varint(long value) {
                while ((value & ~0x7fL) != 0) {
                    out.write((int) ((value & 0x7f) | 0x80));
                    value >>>= 7;
                }
                out.write((int) value);
            }

            int rows() {
                return rows;
            }

            byte[] bytes() {
                return out.toByteArray();
            }
        }
    }

    private static Packed failures(Connection c, long maxAccount) throws SQLException {
        Packed out = new Packed();
        try (PreparedStatement ps = c.prepareStatement("SELECT day, account_id, count, ip_id FROM smtp_auth_failure WHERE account_id <= ?")) {
            ps.setLong(1, maxAccount);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
                }
            }
        }
        return out;
    }

    /**
     * The names a query of (id, name) returns, indexed by id ({@code null} where there is none): the
     * loads look a name up per row, and the cache's ids are dense (a table's rowids).
     */
    static String[] nameArray(Connection c, String sql) throws SQLException {
        String[] out = new String[64];
        int max = -1;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                int id = Math.toIntExact(rs.getLong(1));
                if (id >= out.length) {
                    out = Arrays.copyOf(out, Math.max(id + 1, out.length * 2));
                }
                out[id] = rs.getString(2);
                max = Math.max(max, id);
            }
        }
        return Arrays.copyOf(out, max + 1);
    }

    static Map<Long, String> names(Connection c, String sql) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A value with its number of submissions. */
    public record Count(String value, long count) {
    }

    /** What the sender panel adds to the in-memory data: auth methods and client IPs, most used first. */
    public record AccountActivity(List<Count> methods, List<Count> clientIps, long distinctIps) {
    }

    /** The auth methods and the top {@code topIps} client IPs of one account in the window. */
    public AccountActivity activity(String address, DayWindow window, int topIps) throws CacheException {
        return cache.read(c -> {
            List<Count> methods = counts(c, "method_id", address, window, Integer.MAX_VALUE);
            List<Count> ips = counts(c, "ip_id", address, window, Integer.MAX_VALUE);
            return new AccountActivity(methods, ips.subList(0, Math.min(topIps, ips.size())), ips.size());
        });
    }

    private static List<Count> counts(Connection c, String column, String address, DayWindow window, int limit) throws SQLException {
        List<Count> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT n.value, sum(d.count) AS total FROM smtp_detail d "
                + "JOIN smtp_account a ON a.id = d.account_id JOIN smtp_name n ON n.id = d." + column
                + " WHERE a.address = ? AND d.day BETWEEN ? AND ? GROUP BY n.value ORDER BY total DESC, n.value LIMIT ?")) {
            ps.setString(1, normalise(address));
            ps.setLong(2, window.firstEpochDay());
            ps.setLong(3, window.lastEpochDay());
            ps.setLong(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Count(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return out;
    }

    /** Receives the rows of the detailed report (SPEC 2.4) in order. */
    public interface ReportSink {
        void row(long epochDay, String sender, String domain, String method, String clientIp, TlsVersion tls, String cipher,
                 long count, String messageId) throws java.io.IOException;
    }

    /**
     * Streams the detailed report of a window: per day, first one row per submission with a known
     * message-id (in import order, which is time order for logs), then one row per (sender, domain,
     * auth method, client IP, TLS version, cipher) for the submissions without one, with their count
     * and an empty message-id. Returns the number of rows.
     */
    public long report(DayWindow window, ReportSink sink) throws CacheException, java.io.IOException {
        try {
            return cache.read(c -> {
                // One read transaction: the names and the rows come from the same snapshot, so an
                // import that commits meanwhile cannot add rows whose names were not read.
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    return SmtpReportReader.read(c, window, sink);
                } finally {
                    c.rollback();
                    c.setAutoCommit(autoCommit);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** What pruning before a day removes, shown before the user confirms. */
    public record PruneCounts(long submissions, long authFailures) {
    }

    public PruneCounts pruneCounts(LocalDate before) throws CacheException {
        return cache.read(c -> new PruneCounts(
                count(c, "SELECT coalesce(sum(count), 0) FROM smtp_detail WHERE day < ?", before),
                count(c, "SELECT coalesce(sum(count), 0) FROM smtp_auth_failure WHERE day < ?", before)));
    }

    /** The tables whose rows {@link #prune} deletes (each has a {@code day} column), in that order. */
    public static final List<String> PRUNED_TABLES = List.of("smtp_detail", "smtp_message", "smtp_auth_failure");

    /**
     * Deletes every submission and failure before {@code before}, inside the caller's transaction,
     * and rebuilds {@code smtp_seen} (schema 6) from the rows that remain: its first days may be gone.
     */
    public static void prune(Connection c, LocalDate before) throws SQLException {
        for (String table : PRUNED_TABLES) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE day < ?")) {
                ps.setLong(1, before.toEpochDay());
                ps.executeUpdate();
            }
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM smtp_seen");
            st.executeUpdate("INSERT INTO smtp_seen(account_id, domain_id, method_id, ip_id, first_day, last_day) "
                    + "SELECT account_id, domain_id, method_id, ip_id, min(day), max(day) FROM smtp_detail "
                    + "GROUP BY account_id, domain_id, method_id, ip_id");
        }
    }

    private static long count(Connection c, String sql, LocalDate before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, before.toEpochDay());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Adds submissions and failed authentications inside one write transaction. Submissions are
     * summed in memory per detail key and written as upserts; those with a message-id are also
     * written one row each to {@code smtp_message}. Call {@link #flush()} before the transaction commits.
     */
    public static final class Writer implements AutoCloseable {
        /**
         * Aggregates held in memory before they are written as upserts: the batch an import's memory is
         * proportional to (about 8 MB), whatever the number of distinct senders or accounts; ids are
         * remembered in a bounded {@link IdMemo}.
         */
        private static final int FLUSH_AT = 50_000;
        /**
         * Aggregates are sorted into the table's index order before they are written only when there are
         * this many: for fewer, SQLite's own page cache makes the order immaterial, and sorting them
         * cost a cold JVM more than it saved.
         */
        private static final int SORT_FROM = 20_000;
        private final Connection c;
        private final Map<String, Long> accountIds = new IdMemo<>();
        private final Map<String, Long>[] nameIds;
        private final Map<DetailKey, long[]> details = new HashMap<>();
        /** Failed authentications per (day, account id, client IP id). */
        private final Map<FailureKey, long[]> failures = new HashMap<>();
        private final Map<Long, Long> nextSeq = new HashMap<>();
        private final PreparedStatement findAccount;
        private final PreparedStatement insertAccount;
        private final PreparedStatement findName;
        private final PreparedStatement insertName;
        private final PreparedStatement insertMessage;
        private final PreparedStatement insertMessages;
        private final PreparedStatement lastSeq;
        private long submissionsAdded;
        private long failuresAdded;

        /**
         * Rows of {@code smtp_message} are written {@value #MESSAGE_ROWS} at a time by one INSERT of that
         * many rows (the rest by the one-row INSERT at {@link #flush()}): one statement run instead of
         * 64 writes the 63,587 rows of the bench log in about 0.29 s instead of 0.38 s on a cold JVM.
         */
        private static final int MESSAGE_ROWS = 64;
        /** Per waiting row: day, seq, account, domain, method, ip, tls, cipher, server, count. */
        private static final int MESSAGE_NUMBERS = 10;
        private final long[] messageNumbers = new long[MESSAGE_ROWS * MESSAGE_NUMBERS];
        /** The thread that inserts full batches of rows ({@link #writeMessagesInBackground()}); null until the first. */
        private java.util.concurrent.ExecutorService messageThread;
        /** Batches handed over and not yet written, at most this many: the memory they hold stays small. */
        private final java.util.concurrent.Semaphore messageSlots = new java.util.concurrent.Semaphore(32);
        private volatile java.util.concurrent.Future<?> lastMessageWrite;
        private volatile Exception messageFailure;
        /** Per waiting row: its epoch second, null when the source gave none. */
        private final Long[] messageTimes = new Long[MESSAGE_ROWS];
        private final String[] messageIds = new String[MESSAGE_ROWS];
        private int messagesWaiting;

        /**
         * A key of the daily aggregates. equals and hashCode are written out: the ones a record gets
         * are built from method handles at run time, which the JIT compiles slowly, and an import of
         * a large log from a cold JVM felt it.
         */
        private record DetailKey(long day, long account, long domain, long method, long ip, int tls, long cipher)
                implements Comparable<DetailKey> {
            /** In the order of the table's key, so rows are written in index order. */
            @Override
            public int compareTo(DetailKey o) {
                int c = Long.compare(day, o.day);
                c = c != 0 ? c : Long.compare(account, o.account);
                c = c != 0 ? c : Long.compare(domain, o.domain);
                c = c != 0 ? c : Long.compare(method, o.method);
                c = c != 0 ? c : Long.compare(ip, o.ip);
                c = c != 0 ? c : Integer.compare(tls, o.tls);
                return c != 0 ? c : Long.compare(cipher, o.cipher);
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof DetailKey k && k.day == day && k.account == account && k.domain == domain && k.method == method
                        && k.ip == ip && k.tls == tls && k.cipher == cipher;
            }

            @Override
            public int hashCode() {
                long h = day;
                h = h * 31 + account;
                h = h * 31 + domain;
                h = h * 31 + method;
                h = h * 31 + ip;
                h = h * 31 + tls;
                h = h * 31 + cipher;
                return Long.hashCode(h);
            }
        }

        @SuppressWarnings("unchecked")
        public Writer(Connection c) throws SQLException {
            this.c = c;
            this.nameIds = new Map[NameKind.values().length];
            for (int i = 0; i < nameIds.length; i++) {
                nameIds[i] = new IdMemo<>();
            }
            this.findAccount = c.prepareStatement("SELECT id FROM smtp_account WHERE address = ?");
            // RETURNING: the new id comes with the INSERT's own step, where getGeneratedKeys ran a query of its own
            this.insertAccount = c.prepareStatement("INSERT INTO smtp_account(address) VALUES (?) RETURNING id");
            this.findName = c.prepareStatement("SELECT id FROM smtp_name WHERE kind = ? AND value = ?");
            this.insertName = c.prepareStatement("INSERT INTO smtp_name(kind, value) VALUES (?, ?) RETURNING id");
            this.insertMessage = c.prepareStatement("INSERT INTO smtp_message(day, seq, time, account_id, domain_id, method_id, ip_id, "
                    + "tls, cipher_id, server_id, message_id, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            this.insertMessages = c.prepareStatement("INSERT INTO smtp_message(day, seq, time, account_id, domain_id, method_id, "
                    + "ip_id, tls, cipher_id, server_id, message_id, count) VALUES "
                    + String.join(", ", java.util.Collections.nCopies(MESSAGE_ROWS, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
            this.lastSeq = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM smtp_message WHERE day = ?");
        }

        /** The id of an account, created when new. Addresses are stored trimmed and lower-cased. */
        public long accountId(String address) throws SQLException {
            // by the address as given first: most come already trimmed and lower-cased, and are seen again and again
            Long id = accountIds.get(address);
            if (id == null) {
                id = accountIdOf(address);
            }
            return id;
        }

        private Long accountIdOf(String address) throws SQLException {
            String key = normalise(address);
            Long id = accountIds.get(key);
            if (id == null) {
                id = idOf(findAccount, insertAccount, key, -1);
                accountIds.put(key, id);
            }
            accountIds.put(address, id);
            return id;
        }

        /** The id of a dictionary value (domains are lower-cased, other values kept as given but trimmed). */
        public long nameId(NameKind kind, String value) throws SQLException {
            // by the value as given first, as accountId does
            Map<String, Long> ids = nameIds[kind.ordinal()];
            String raw = value == null ? "" : value;
            Long id = ids.get(raw);
            if (id == null) {
                id = nameIdOf(ids, kind, raw);
            }
            return id;
        }

        private Long nameIdOf(Map<String, Long> ids, NameKind kind, String raw) throws SQLException {
            String v = raw.strip();
            if (kind == NameKind.DOMAIN) {
                v = v.toLowerCase(Locale.ROOT);
            } else if (kind == NameKind.METHOD) {
                v = v.toUpperCase(Locale.ROOT);
            }
            Long id = ids.get(v);
            if (id == null) {
                id = idOf(findName, insertName, v, kind.ordinal());
                ids.put(v, id);
            }
            ids.put(raw, id);
            return id;
        }

        private static long idOf(PreparedStatement find, PreparedStatement insert, String value, int kind) throws SQLException {
            int p = 1;
            if (kind >= 0) {
                find.setInt(p++, kind);
            }
            find.setString(p, value);
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
            p = 1;
            if (kind >= 0) {
                insert.setInt(p++, kind);
            }
            insert.setString(p, value);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }

        /**
         * Adds {@code count} submissions of one account on one day. {@code epochSecond} may be null
         * (a source that gives only the date); {@code messageId} null or empty when unknown.
         */
        public void addSubmission(long epochDay, Long epochSecond, String account, String domain, String method, String clientIp,
                                  TlsVersion tls, String cipher, String server, String messageId, long count) throws SQLException {
            addSubmission(epochDay, epochSecond, account, domain, method, clientIp, tls, cipher, server, messageId, count, 0);
        }

        /**
         * Adds {@code count} submissions as {@link #addSubmission(long, Long, String, String, String, String, TlsVersion,
         * String, String, String, long)} does, with the number of recipients they had in all
         * ({@code 0} when the source does not log recipients).
         */
        public void addSubmission(long epochDay, Long epochSecond, String account, String domain, String method, String clientIp,
                                  TlsVersion tls, String cipher, String server, String messageId, long count, long recipients)
                throws SQLException {
            if (count == 0) {
                return; // a zero row would still count a sender and move the latest day
            }
            long accountId = accountId(account);
            long domainId = nameId(NameKind.DOMAIN, domain);
            long methodId = nameId(NameKind.METHOD, method);
            long ipId = nameId(NameKind.IP, clientIp);
            long cipherId = nameId(NameKind.CIPHER, cipher);
            String id = messageId == null ? "" : messageId(messageId);
            boolean identified = !id.isEmpty();
            long[] n = details.computeIfAbsent(new DetailKey(epochDay, accountId, domainId, methodId, ipId, tls.code(), cipherId),
                    k -> new long[] {0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
            n[0] += count;
            n[2] += Math.max(0, recipients);
            if (epochSecond != null) {
                n[3] = Math.min(n[3], epochSecond);
                n[4] = Math.max(n[4], epochSecond);
            }
            if (!identified) {
                n[1] += count;
            } else {
                long seq = nextSeq.containsKey(epochDay) ? nextSeq.get(epochDay) : lastSeq(epochDay) + 1;
                nextSeq.put(epochDay, seq + 1);
                int row = messagesWaiting;
                long[] waiting = messageNumbers;
                int at = row * MESSAGE_NUMBERS;
                waiting[at] = epochDay;
                waiting[at + 1] = seq;
                waiting[at + 2] = accountId;
                waiting[at + 3] = domainId;
                waiting[at + 4] = methodId;
                waiting[at + 5] = ipId;
                waiting[at + 6] = tls.code();
                waiting[at + 7] = cipherId;
                waiting[at + 8] = nameId(NameKind.SERVER, server);
                waiting[at + 9] = count;
                messageTimes[row] = epochSecond;
                messageIds[row] = id;
                if (++messagesWaiting == MESSAGE_ROWS) {
                    messagesWaiting = 0; // also when the insert fails: the writer stays usable for the caller's rollback
                    writeMessagesInBackground();
                }
            }
            submissionsAdded += count;
            if (details.size() >= FLUSH_AT) {
                flushDetails();
            }
        }

        /**
         * Hands the {@value #MESSAGE_ROWS} waiting rows to {@link #messageThread}, which binds and inserts
         * them while this thread goes on reading. On a log where one line in ten is a submission the
         * INSERTs of {@code smtp_message} (binding twelve values a row through JNI, then SQLite's own
         * work) took about a third of the importing thread (issue 15), while the machine's other core
         * mostly waited. SQLite serialises the two threads' use of the one connection; the rows of a
         * writer reach the table in the order they were added, and every method that reads, commits or
         * takes back the transaction's state ({@link #flush()}, {@link #savepoint()},
         * {@link #rollBackTo}, {@link #close()}) first waits for the rows handed over. A failed INSERT
         * is thrown by the next call that hands rows over or waits for them.
         */
        private void writeMessagesInBackground() throws SQLException {
            rethrowMessageFailure();
            long[] numbers = messageNumbers.clone();
            Long[] times = messageTimes.clone();
            String[] ids = messageIds.clone();
            if (messageThread == null) {
                messageThread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "smtp-message-writer");
                    t.setDaemon(true);
                    return t;
                });
            }
            try {
                messageSlots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while writing submissions", e);
            }
            try {
                lastMessageWrite = messageThread.submit(() -> {
                    try {
                        if (messageFailure == null) {
                            bindMessages(insertMessages, numbers, times, ids, 0, MESSAGE_ROWS);
                            insertMessages.executeUpdate();
                        }
                    } catch (SQLException | RuntimeException e) {
                        messageFailure = e;
                    } finally {
                        messageSlots.release();
                    }
                });
            } catch (RuntimeException e) {
                messageSlots.release();
                throw e;
            }
        }

        /** Waits for the rows handed to {@link #messageThread}; then throws the failure of one, if any. */
        private void awaitMessages() throws SQLException {
            java.util.concurrent.Future<?> last = lastMessageWrite;
            if (last != null) {
                boolean interrupted = false;
                while (true) {
                    try {
                        last.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // the rows must be written (or fail) before the connection is used again
                    } catch (java.util.concurrent.ExecutionException e) {
                        break; // the task keeps its failure in messageFailure
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                lastMessageWrite = null;
            }
            rethrowMessageFailure();
        }

        private void rethrowMessageFailure() throws SQLException {
            Exception e = messageFailure;
            if (e != null) {
                messageFailure = null;
                if (e instanceof SQLException sql) {
                    throw sql;
                }
                throw (RuntimeException) e;
            }
        }

        /** Binds the waiting rows {@code from .. from+rows-1} to {@code ps}, one row's twelve values after the other. */
        private void bindMessages(PreparedStatement ps, int from, int rows) throws SQLException {
            bindMessages(ps, messageNumbers, messageTimes, messageIds, from, rows);
        }

        private static void bindMessages(PreparedStatement ps, long[] messageNumbers, Long[] messageTimes, String[] messageIds, int from,
                                         int rows) throws SQLException {
            int p = 1;
            for (int row = from; row < from + rows; row++) {
                int at = row * MESSAGE_NUMBERS;
                ps.setLong(p++, messageNumbers[at]);
                ps.setLong(p++, messageNumbers[at + 1]);
                Long time = messageTimes[row];
                if (time == null) {
                    ps.setNull(p++, java.sql.Types.INTEGER);
                } else {
                    ps.setLong(p++, time);
                }
                for (int k = 2; k < 9; k++) {
                    ps.setLong(p++, messageNumbers[at + k]);
                }
                ps.setString(p++, messageIds[row]);
                ps.setLong(p++, messageNumbers[at + 9]);
            }
        }

        /**
         * A message-id as it is stored (SPEC 2): trimmed, without one pair of surrounding angle
         * brackets, whatever the source wrote, so that one report never mixes {@code <id>} and {@code id}.
         */
        static String messageId(String raw) {
            String v = raw.strip();
            if (v.length() >= 2 && v.charAt(0) == '<' && v.charAt(v.length() - 1) == '>') {
                v = v.substring(1, v.length() - 1).strip();
            }
            return v;
        }

        private long lastSeq(long epochDay) throws SQLException {
            lastSeq.setLong(1, epochDay);
            try (ResultSet rs = lastSeq.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }

        /**
         * Adds failed authentications of an account from one client IP on one day (never submissions).
         * {@code account} is {@code ""} when the source did not name one; {@code clientIp} is {@code ""}
         * (or null) when it did not give one.
         */
        public void addFailures(long epochDay, String account, String clientIp, long count) throws SQLException {
            if (count == 0) {
                return;
            }
            FailureKey key = new FailureKey(epochDay, accountId(account), nameId(NameKind.IP, clientIp));
            failures.computeIfAbsent(key, k -> new long[1])[0] += count;
            failuresAdded += count;
            if (failures.size() >= FLUSH_AT) {
                flushFailures();
            }
        }

        /** A key of the failures; equals and hashCode written out, as for {@link DetailKey}. */
        private record FailureKey(long day, long account, long ip) {
            @Override
            public boolean equals(Object o) {
                return o instanceof FailureKey k && k.day == day && k.account == account && k.ip == ip;
            }

            @Override
            public int hashCode() {
                return Long.hashCode((day * 31 + account) * 31 + ip);
            }
        }

        public long submissionsAdded() {
            return submissionsAdded;
        }

        public long failuresAdded() {
            return failuresAdded;
        }

        public void flush() throws SQLException {
            awaitMessages();
            for (int row = 0; row < messagesWaiting; row++) {
                bindMessages(insertMessage, row, 1);
                insertMessage.addBatch();
            }
            if (messagesWaiting > 0) {
                insertMessage.executeBatch();
                messagesWaiting = 0;
            }
            flushDetails();
            flushFailures();
            packMissing(c);
        }

        private void flushFailures() throws SQLException {
            if (!failures.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO smtp_auth_failure(day, account_id, ip_id, count) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT(day, account_id, ip_id) DO UPDATE SET count = count + excluded.count")) {
                    for (Map.Entry<FailureKey, long[]> e : failures.entrySet()) {
                        ps.setLong(1, e.getKey().day());
                        ps.setLong(2, e.getKey().account());
                        ps.setLong(3, e.getKey().ip());
                        ps.setLong(4, e.getValue()[0]);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                failures.clear();
            }
        }

        private void flushDetails() throws SQLException {
            if (details.isEmpty()) {
                return;
            }
            List<Map.Entry<DetailKey, long[]>> entries = new ArrayList<>(details.entrySet());
            if (entries.size() > SORT_FROM) {
                entries.sort(Map.Entry.comparingByKey()); // many rows: written in index order
            }
            // min() and max() of two values are null when either is: coalesce keeps the known one.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO smtp_detail(day, account_id, domain_id, method_id, ip_id, tls, "
                    + "cipher_id, count, unidentified, recipients, first_time, last_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT(day, account_id, domain_id, method_id, ip_id, tls, cipher_id) DO UPDATE SET count = count + excluded.count, "
                    + "unidentified = unidentified + excluded.unidentified, recipients = recipients + excluded.recipients, "
                    + "first_time = coalesce(min(first_time, excluded.first_time), first_time, excluded.first_time), "
                    + "last_time = coalesce(max(last_time, excluded.last_time), last_time, excluded.last_time)")) {
                int batched = 0;
                for (Map.Entry<DetailKey, long[]> e : entries) {
                    DetailKey k = e.getKey();
                    ps.setLong(1, k.day());
                    ps.setLong(2, k.account());
                    ps.setLong(3, k.domain());
                    ps.setLong(4, k.method());
                    ps.setLong(5, k.ip());
                    ps.setInt(6, k.tls());
                    ps.setLong(7, k.cipher());
                    ps.setLong(8, e.getValue()[0]);
                    long[] v = e.getValue();
                    ps.setLong(9, v[1]);
                    ps.setLong(10, v[2]);
                    if (v[3] == Long.MAX_VALUE) {
                        ps.setNull(11, java.sql.Types.INTEGER);
                        ps.setNull(12, java.sql.Types.INTEGER);
                    } else {
                        ps.setLong(11, v[3]);
                        ps.setLong(12, v[4]);
                    }
                    ps.addBatch();
                    if (++batched == 10_000) {
                        ps.executeBatch();
                        batched = 0;
                    }
                }
                ps.executeBatch();
            }
            details.clear();
        }

        /**
         * Writes out what is held in memory and takes a savepoint of the transaction, so that what
         * is added after it can be taken back with {@link #rollBackTo}.
         */
        public Savepoint savepoint() throws SQLException {
            flush();
            savedSubmissions = submissionsAdded;
            savedFailures = failuresAdded;
            return c.setSavepoint();
        }

        private long savedSubmissions;
        private long savedFailures;

        /**
         * Takes back everything added since {@code savepoint}: the rows written and what is held in
         * memory, including the ids of accounts and names, which may have been created after it.
         */
        public void rollBackTo(Savepoint savepoint) throws SQLException {
            try {
                awaitMessages();
            } catch (SQLException | RuntimeException e) {
                // what failed is taken back with the rest
            }
            messagesWaiting = 0;
            details.clear();
            failures.clear();
            nextSeq.clear();
            accountIds.clear();
            for (Map<String, Long> ids : nameIds) {
                ids.clear();
            }
            c.rollback(savepoint);
            submissionsAdded = savedSubmissions;
            failuresAdded = savedFailures;
        }

        /** Keeps what was added since {@code savepoint}, which is then no longer needed. */
        public void release(Savepoint savepoint) throws SQLException {
            awaitMessages();
            c.releaseSavepoint(savepoint);
        }

        /** Closes the statements; does not flush, but waits for the rows being written and stops their thread. */
        @Override
        public void close() throws SQLException {
            try {
                awaitMessages();
            } catch (SQLException | RuntimeException e) {
                // not flushed: the transaction is being given up, with its failure
            }
            if (messageThread != null) {
                messageThread.shutdown();
                messageThread = null;
            }
            for (PreparedStatement ps : List.of(findAccount, insertAccount, findName, insertName, insertMessage, insertMessages, lastSeq)) {
                ps.close();
            }
        }
    }

    static String normalise(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
