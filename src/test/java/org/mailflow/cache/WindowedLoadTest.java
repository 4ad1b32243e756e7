package org.mailflow.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.geo.Place;
import org.mailflow.model.DayWindow;
import org.mailflow.smtpauth.AccountHistory;
import org.mailflow.smtpauth.IpHistory;
import org.mailflow.smtpauth.IpTotals;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.ReportFilter;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.SmtpDataset;
import org.mailflow.smtpauth.SmtpReport;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.smtpauth.UnusualActivity;

/**
 * A window's load ({@link SmtpStore#load(DayWindow)}, issue 15) gives the reports of the whole
 * cache's data ({@link SmtpStore#load()}): on a generated cache of 150 days whose accounts switch
 * from Basic to OAuth, pause for weeks, travel between countries, start late, spike, and are sprayed,
 * every report of many windows (and of windows inside a loaded one) is compared figure by figure,
 * with every flag's evidence, each sender's panel and each IP's panel.
 */
class WindowedLoadTest {
    private static final long LAST = LocalDate.of(2026, 11, 12).toEpochDay();
    private static final int DAYS = 150;

    @TempDir
    Path dir;
    private Cache cache;
    private SmtpStore store;
    private final Map<String, Place> places = new HashMap<>();

    @BeforeEach
    void generate() throws Exception {
        cache = Cache.open(dir.resolve("cache.db"));
        store = new SmtpStore(cache);
        String[][] nets = {{"DE", "52.5", "13.4"}, {"FR", "48.9", "2.35"}, {"US", "40.7", "-74.0"}, {"JP", "35.7", "139.7"}};
        List<String> ips = new ArrayList<>();
        for (int n = 0; n < nets.length; n++) {
            for (int k = 1; k <= 6; k++) {
                String ip = (20 + n) + ".1.0." + k;
                // half with a city, half on the country's centroid
                places.put(ip, k % 2 == 0
                        ? new Place(ip, Place.Kind.PUBLIC, nets[n][0], "city " + ip, Double.parseDouble(nets[n][1]) + k * 0.01,
                                Double.parseDouble(nets[n][2]), 64500 + n, "Net " + n)
                        : new Place(ip, Place.Kind.PUBLIC, nets[n][0], "", Double.NaN, Double.NaN, 64500 + n, "Net " + n));
                ips.add(ip);
            }
        }
        ips.add("10.0.0.7"); // private: no place
        ips.add("");
        SplittableRandom rnd = new SplittableRandom(15);
        String[] domains = {"alpha.example", "beta.example", "gamma.example"};
        cache.write(c -> {
            try (SmtpStore.Writer w = new SmtpStore.Writer(c)) {
                for (int a = 0; a < 90; a++) {
                    String account = "user" + a + "@" + domains[a % 3];
                    int start = a % 10 == 0 ? rnd.nextInt(DAYS) : 0;
                    int pauseFrom = a % 7 == 0 ? rnd.nextInt(DAYS) : -1;
                    int pauseDays = 20 + rnd.nextInt(40);
                    int basicUntil = a % 4 == 0 ? rnd.nextInt(DAYS) : a % 4 == 1 ? DAYS : -1;
                    String home = ips.get(rnd.nextInt(6)); // DE
                    for (int d = start; d < DAYS; d++) {
                        if (d >= pauseFrom && d < pauseFrom + pauseDays || rnd.nextInt(10) < 3) {
                            continue;
                        }
                        long day = LAST - DAYS + 1 + d;
                        int n = 1 + rnd.nextInt(6) + (rnd.nextInt(200) == 0 ? 400 : 0);
                        for (int m = 0; m < n; m++) {
                            String ip = rnd.nextInt(12) == 0 ? ips.get(rnd.nextInt(ips.size())) : home;
                            String method = d < basicUntil ? (rnd.nextBoolean() ? "PLAIN" : "LOGIN") : "XOAUTH2";
                            TlsVersion tls = rnd.nextInt(20) == 0 ? TlsVersion.TLS1_0 : TlsVersion.TLS1_3;
                            Long second = rnd.nextInt(15) == 0 ? null : day * 86_400 + 8 * 3600 + rnd.nextInt(10 * 3600);
                            String domain = rnd.nextInt(30) == 0 ? domains[(a + 1) % 3] : domains[a % 3];
                            w.addSubmission(day, second, account, domain, method, ip, tls, "", "smtp1", rnd.nextBoolean() ? "id" + a + "." + d + "." + m : null,
                                    1, rnd.nextInt(4));
                        }
                        if (rnd.nextInt(15) == 0) {
                            w.addFailures(day, account, home, 1 + rnd.nextInt(30));
                        }
                    }
                }
                for (int d = 3; d < DAYS; d += 11) { // a spray from one address
                    long day = LAST - DAYS + 1 + d;
                    for (int a = 0; a < 8; a++) {
                        w.addFailures(day, "user" + (a * 11 + d) % 90 + "@" + domains[(a * 11 + d) % 90 % 3], ips.get(14), 2);
                    }
                    w.addFailures(day, "", "", 3);
                }
                w.flush();
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private Function<String, Place> geo() {
        return ip -> places.getOrDefault(ip, ip.startsWith("10.") ? Place.privateNetwork(ip) : Place.unknown(ip));
    }

    @Test
    void everyWindowReportsWhatTheWholeCacheReports() throws Exception {
        SmtpDataset all = store.load().locate(geo());
        int compared = 0;
        for (int days : new int[] {1, 7, 30, 90, DAYS}) {
            for (int back : new int[] {0, 3, 25, 60}) {
                DayWindow w = DayWindow.endingOn(LocalDate.ofEpochDay(LAST - back), days);
                SmtpDataset part = store.load(w).locate(geo());
                assertThat(part.covers(w)).isTrue();
                assertThat(part.dataRange()).isEqualTo(all.dataRange());
                assertThat(part.domainNames()).isEqualTo(all.domainNames());
                assertThat(part.isEmpty()).isFalse();
                // the window itself, each domain, and windows inside it (the page computes those from the same data)
                List<ReportFilter> filters = new ArrayList<>();
                filters.add(ReportFilter.all(w));
                for (String domain : all.domainNames()) {
                    filters.add(new ReportFilter(w, Optional.of(domain)));
                }
                if (days > 3) {
                    filters.add(ReportFilter.all(new DayWindow(w.first().plusDays(1), w.last().minusDays(1))));
                    filters.add(ReportFilter.all(new DayWindow(w.first(), w.first().plusDays(1))));
                }
                for (ReportFilter f : filters) {
                    String expected = text(all, SmtpReport.compute(all, f, 1));
                    assertThat(text(part, SmtpReport.compute(part, f, 1))).as("%s", f).isEqualTo(expected);
                    // computed in ranges of accounts side by side, as on several cores: the same report
                    assertThat(text(part, SmtpReport.compute(part, f, 3))).as("%s in 3 parts", f).isEqualTo(expected);
                    assertThat(text(all, SmtpReport.compute(all, f, 7))).as("%s in 7 parts", f).isEqualTo(expected);
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void afterPruningAWindowStillReportsWhatTheWholeCacheReports() throws Exception {
        // Pruning deletes the first days smtp_seen remembers: it is rebuilt, so new-sender and the panels' first day follow.
        LocalDate before = LocalDate.ofEpochDay(LAST - 100);
        cache.write(c -> {
            SmtpStore.prune(c, before);
            return null;
        });
        // and the packs of the days pruned are gone with their rows
        assertThat(scalar("SELECT count(*) FROM smtp_day_pack WHERE day < " + before.toEpochDay())).isZero();
        assertThat(scalar("SELECT count(*) FROM smtp_day_pack")).isEqualTo(101); // days LAST - 100 .. LAST
        SmtpDataset all = store.load().locate(geo());
        for (int back : new int[] {0, 40, 80}) {
            DayWindow w = DayWindow.endingOn(LocalDate.ofEpochDay(LAST - back), 14);
            SmtpDataset part = store.load(w).locate(geo());
            assertThat(part.dataRange()).isEqualTo(all.dataRange());
            ReportFilter f = ReportFilter.all(w);
            assertThat(text(part, SmtpReport.compute(part, f))).isEqualTo(text(all, SmtpReport.compute(all, f)));
        }
    }

    @Test
    void theFlagsThatLookBeforeTheWindowFireInIt() throws Exception {
        // The generated history makes every kind of flag that reads the whole cache fire in some window.
        SmtpDataset all = store.load().locate(geo());
        int newCountry = 0;
        int travel = 0;
        int newSender = 0;
        int lastBasicBefore = 0;
        for (int back = 0; back < 120; back += 7) {
            DayWindow w = DayWindow.endingOn(LocalDate.ofEpochDay(LAST - back), 7);
            for (SenderTotals row : SmtpReport.compute(all, ReportFilter.all(w)).rows()) {
                newCountry += (row.flags() & org.mailflow.smtpauth.SmtpFlag.NEW_COUNTRY.bit()) != 0 ? 1 : 0;
                travel += (row.flags() & org.mailflow.smtpauth.SmtpFlag.IMPOSSIBLE_TRAVEL.bit()) != 0 ? 1 : 0;
                newSender += (row.flags() & org.mailflow.smtpauth.SmtpFlag.NEW_SENDER.bit()) != 0 ? 1 : 0;
                lastBasicBefore += row.lastBasicUse().filter(d -> d.isBefore(w.first().minusDays(14))).isPresent() ? 1 : 0;
            }
        }
        assertThat(newCountry).isPositive();
        assertThat(travel).isPositive();
        assertThat(newSender).isPositive();
        assertThat(lastBasicBefore).isPositive();
    }

    @Test
    void newCountryKnowsTheCountriesOfClientIpsUsedLongBeforeTheWindow() throws Exception {
        // A window's load reads the client IPs used before its rows only for the accounts that could need them
        // (SmtpStore.History): these accounts come back, in the last 7 days, to a country they used 60 days before
        // and not since, from the same IP, from a new IP, or from the same IP under another domain; one goes to a
        // new country. Only that one is flagged, from the whole cache and from every window's load.
        places.put("23.1.0.9", new Place("23.1.0.9", Place.Kind.PUBLIC, "JP", "", Double.NaN, Double.NaN, 64503, "Net 3"));
        places.put("22.1.0.9", new Place("22.1.0.9", Place.Kind.PUBLIC, "US", "", Double.NaN, Double.NaN, 64502, "Net 2"));
        String[][] accounts = { // address, IP 60 days back, IP and domain on the last day
            {"returns@alpha.example", "23.1.0.1", "23.1.0.1", "alpha.example"},
            {"newip@alpha.example", "23.1.0.3", "23.1.0.9", "alpha.example"},
            {"newdomain@alpha.example", "23.1.0.5", "23.1.0.5", "beta.example"},
            {"travels@alpha.example", "23.1.0.1", "22.1.0.9", "alpha.example"}};
        cache.write(c -> {
            try (SmtpStore.Writer w = new SmtpStore.Writer(c)) {
                for (String[] a : accounts) {
                    for (long day = LAST - 100; day <= LAST; day++) {
                        w.addSubmission(day, day * 86_400 + 9 * 3600, a[0], "alpha.example", "XOAUTH2", "20.1.0.1", TlsVersion.TLS1_3, "",
                                "smtp1", null, 1, 1);
                    }
                    w.addSubmission(LAST - 60, null, a[0], "alpha.example", "XOAUTH2", a[1], TlsVersion.TLS1_3, "", "smtp1", null, 1, 1);
                    w.addSubmission(LAST, null, a[0], a[3], "XOAUTH2", a[2], TlsVersion.TLS1_3, "", "smtp1", null, 1, 1);
                }
                w.flush();
            }
            return null;
        });
        SmtpDataset all = store.load().locate(geo());
        for (int back : new int[] {0, 1}) {
            DayWindow w = DayWindow.endingOn(LocalDate.ofEpochDay(LAST), 7 + back);
            SmtpDataset part = store.load(w).locate(geo());
            for (ReportFilter f : List.of(ReportFilter.all(w), ReportFilter.all(DayWindow.endingOn(w.last(), 3)))) {
                ReportData whole = SmtpReport.compute(all, f);
                assertThat(text(part, SmtpReport.compute(part, f))).as("%s", f).isEqualTo(text(all, whole));
                for (String[] a : accounts) {
                    SenderTotals row = whole.rows().stream().filter(r -> r.address().equals(a[0])).findFirst().orElseThrow();
                    assertThat((row.flags() & org.mailflow.smtpauth.SmtpFlag.NEW_COUNTRY.bit()) != 0).as("%s %s", a[0], f)
                            .isEqualTo(a[0].startsWith("travels"));
                }
            }
        }
    }

    @Test
    void packedDaysReportWhatTheirRowsReport() throws Exception {
        // The import's flush packed every day (schema 7); a day without a pack is read from its rows.
        assertThat(scalar("SELECT count(*) FROM smtp_day_pack")).isEqualTo(DAYS);
        assertThat(scalar("SELECT sum(rows) FROM smtp_day_pack")).isEqualTo(scalar("SELECT count(*) FROM smtp_detail"));
        List<DayWindow> windows = List.of(DayWindow.endingOn(LocalDate.ofEpochDay(LAST), 7), DayWindow.endingOn(LocalDate.ofEpochDay(LAST - 20), 30),
                DayWindow.endingOn(LocalDate.ofEpochDay(LAST), 90));
        Map<String, String> packed = reports(windows);
        // every third day unpacked, then none packed: the same reports
        sql("DELETE FROM smtp_day_pack WHERE day % 3 = 0");
        assertThat(scalar("SELECT count(*) FROM smtp_day_pack")).isEqualTo(DAYS - DAYS / 3);
        assertThat(reports(windows)).isEqualTo(packed);
        sql("DELETE FROM smtp_day_pack");
        assertThat(reports(windows)).isEqualTo(packed);
        // a pack of a format this build does not know, a cut one and one short of a row (a damaged file)
        // are passed over: their days are read from their rows
        assertThat(cache.write(SmtpStore::packMissing)).isEqualTo(DAYS);
        sql("UPDATE smtp_day_pack SET data = x'7f0102' WHERE day = " + LAST);
        sql("UPDATE smtp_day_pack SET data = substr(data, 1, length(data) - 1) WHERE day = " + (LAST - 1));
        sql("UPDATE smtp_day_pack SET rows = rows + 1 WHERE day = " + (LAST - 2));
        // a count of rows far beyond what the pack can hold (nothing is allocated for it), and a varint longer than 64 bits
        sql("UPDATE smtp_day_pack SET rows = 1000000000 WHERE day = " + (LAST - 3));
        sql("UPDATE smtp_day_pack SET data = x'01ffffffffffffffffffffffff01010101010101', rows = 1 WHERE day = " + (LAST - 4));
        // whole rows whose numbers are out of range: a domain id no name has, an account id that wraps below zero
        sql("UPDATE smtp_day_pack SET data = x'0101060101ff7f0101', rows = 1 WHERE day = " + (LAST - 5));
        sql("UPDATE smtp_day_pack SET data = x'01ffffffffffffffffff01060101010101', rows = 1 WHERE day = " + (LAST - 6));
        assertThat(reports(windows)).isEqualTo(packed);
    }

    @Test
    void loadsWhileAnotherConnectionImportsNeverFailAndEndWithWhatTheCacheHolds() throws Exception {
        // A load reads on several connections; a commit in between (new accounts and client IPs, here
        // with a damaged pack whose day is read again after the names) makes it start again, and its
        // last attempt reads the names after the rows. Commits back to back here: a load never reads one state.
        sql("UPDATE smtp_day_pack SET rows = rows + 1 WHERE day = " + (LAST - 1));
        DayWindow w = DayWindow.endingOn(LocalDate.ofEpochDay(LAST), 7);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
        Thread importer = new Thread(() -> {
            try (Cache other = Cache.open(dir.resolve("cache.db"))) {
                for (int n = 0; n < 400 && !done.get(); n++) {
                    int k = n;
                    other.write(c -> {
                        try (SmtpStore.Writer writer = new SmtpStore.Writer(c)) {
                            writer.addSubmission(LAST - 1, (LAST - 1) * 86_400 + k, "burst" + k + "@delta.example", "delta.example",
                                    "PLAIN", "198.18." + (k / 250) + "." + (k % 250 + 1), TlsVersion.TLS1_2, "", "smtp1", null, 1, 1);
                            writer.flush();
                        }
                        try (var st = c.createStatement()) { // the day's new pack damaged again: read from its rows, with the new names
                            st.executeUpdate("UPDATE smtp_day_pack SET rows = rows + 1 WHERE day = " + (LAST - 1));
                        }
                        return null;
                    });
                    commits.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        importer.start();
        int loads = 0;
        try {
            while (importer.isAlive() && loads < 60) {
                SmtpDataset d = store.load(w);
                assertThat(d.accountCount()).isPositive();
                loads++;
            }
        } finally {
            done.set(true);
            importer.join();
        }
        assertThat(loads).isPositive();
        assertThat(commits.get()).isPositive();
        SmtpDataset after = store.load(w).locate(geo());
        SmtpDataset fresh = new SmtpStore(cache).load(w).locate(geo());
        assertThat(text(after, SmtpReport.compute(after, ReportFilter.all(w)))).isEqualTo(text(fresh, SmtpReport.compute(fresh, ReportFilter.all(w))))
                .contains("burst" + (commits.get() - 1) + "@delta.example");
    }

    @Test
    void aLoadAfterAnImportNamesTheAccountsAndClientIpsItAdded() throws Exception {
        // The store keeps the names of its last load while nothing is committed (Cache.version); an import commits.
        DayWindow w = DayWindow.endingOn(LocalDate.ofEpochDay(LAST), 7);
        SmtpDataset first = store.load(w).locate(geo());
        ReportData before = SmtpReport.compute(first, ReportFilter.all(w));
        SmtpDataset again = store.load(w).locate(geo()); // the kept names
        assertThat(text(again, SmtpReport.compute(again, ReportFilter.all(w)))).isEqualTo(text(first, before));
        long version = cache.version();
        assertThat(cache.version()).isEqualTo(version);
        cache.write(c -> {
            try (SmtpStore.Writer writer = new SmtpStore.Writer(c)) {
                writer.addSubmission(LAST - 1, (LAST - 1) * 86_400 + 7200, "newcomer@delta.example", "delta.example", "CRAM-MD5",
                        "203.0.113.77", TlsVersion.TLS1_2, "", "smtp1", null, 42, 42);
                writer.flush();
            }
            return null;
        });
        assertThat(cache.version()).isNotEqualTo(version);
        SmtpDataset after = store.load(w).locate(geo());
        ReportData r = SmtpReport.compute(after, ReportFilter.all(w));
        assertThat(r.rows()).hasSize(before.rows().size() + 1).anySatisfy(s -> {
            assertThat(s.address()).isEqualTo("newcomer@delta.example");
            assertThat(s.domain()).isEqualTo("delta.example");
            assertThat(s.total()).isEqualTo(42);
        });
        assertThat(r.ips()).anySatisfy(ip -> {
            assertThat(ip.address()).isEqualTo("203.0.113.77");
            assertThat(ip.messages()).isEqualTo(42);
        });
        assertThat(after.domainNames()).contains("delta.example");
        // and the same as a store that never loaded before
        SmtpDataset fresh = new SmtpStore(cache).load(w).locate(geo());
        assertThat(text(after, r)).isEqualTo(text(fresh, SmtpReport.compute(fresh, ReportFilter.all(w))));
    }

    @Test
    void anyChangeToADaysRowsDropsItsPackAndTheNextImportPacksItAgain() throws Exception {
        long day = LAST - 5;
        sql("UPDATE smtp_detail SET count = count + 1000 WHERE day = " + day + " AND account_id = (SELECT min(account_id) FROM smtp_detail WHERE day = " + day + ")");
        assertThat(scalar("SELECT count(*) FROM smtp_day_pack WHERE day = " + day)).isZero();
        assertThat(scalar("SELECT count(*) FROM smtp_day_pack")).isEqualTo(DAYS - 1);
        sql("DELETE FROM smtp_detail WHERE day = " + (day - 1) + " AND account_id = (SELECT max(account_id) FROM smtp_detail WHERE day = " + (day - 1) + ")");
        assertThat(scalar("SELECT count(*) FROM smtp_day_pack WHERE day = " + (day - 1))).isZero();
        // an import adds to a packed day: its flush packs both that day and the two changed above
        long before = store.totalSubmissions();
        cache.write(c -> {
            try (SmtpStore.Writer w = new SmtpStore.Writer(c)) {
                w.addSubmission(LAST, LAST * 86_400 + 3600, "late@alpha.example", "alpha.example", "PLAIN", "20.1.0.2", TlsVersion.TLS1_0,
                        "", "smtp1", null, 600, 600);
                w.flush();
            }
            return null;
        });
        assertThat(scalar("SELECT count(*) FROM smtp_day_pack")).isEqualTo(DAYS);
        DayWindow w = DayWindow.endingOn(LocalDate.ofEpochDay(LAST), 7);
        ReportData r = SmtpReport.compute(store.load(w), ReportFilter.all(w));
        assertThat(r.rows()).anySatisfy(s -> {
            assertThat(s.address()).isEqualTo("late@alpha.example");
            assertThat(s.total()).isEqualTo(600);
        });
        assertThat(store.totalSubmissions()).isEqualTo(before + 600);
        Map<String, String> packed = reports(List.of(w, DayWindow.endingOn(LocalDate.ofEpochDay(LAST), 30)));
        sql("DELETE FROM smtp_day_pack");
        assertThat(reports(List.of(w, DayWindow.endingOn(LocalDate.ofEpochDay(LAST), 30)))).isEqualTo(packed);
    }

    /** Each window's report text, of its own load and of the whole cache's; both must agree. */
    private Map<String, String> reports(List<DayWindow> windows) throws Exception {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        SmtpDataset all = store.load().locate(geo());
        for (DayWindow w : windows) {
            SmtpDataset part = store.load(w).locate(geo());
            String text = text(part, SmtpReport.compute(part, ReportFilter.all(w)));
            assertThat(text).isEqualTo(text(all, SmtpReport.compute(all, ReportFilter.all(w))));
            out.put(w.toString(), text);
        }
        return out;
    }

    private long scalar(String sql) throws Exception {
        return cache.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private void sql(String sql) throws Exception {
        cache.write(c -> {
            try (var st = c.createStatement()) {
                st.executeUpdate(sql);
            }
            return null;
        });
    }

    @Test
    void noJourneyIntoAWindowCanStartBeforeTheRowsItsLoadReads() {
        // Why SmtpStore.load(window) reads no submission older than SPIKE_HISTORY_DAYS before the window for
        // impossible-travel: half the Earth's circumference over that many days is far below the speed it flags.
        assertThat(20_038.0 / (UnusualActivity.SPIKE_HISTORY_DAYS * 24.0)).isLessThan(UnusualActivity.TRAVEL_KMH);
    }

    /** Every figure of a report, its flags' evidence, and its senders' and IPs' panels, by name (indexes differ between loads). */
    private static String text(SmtpDataset d, ReportData r) {
        StringBuilder sb = new StringBuilder();
        DayWindow w = r.filter().window();
        sb.append(r.buckets()).append('\n');
        r.volume().forEach(s -> sb.append("series ").append(s.domain()).append(Arrays.toString(s.perBucket())).append('\n'));
        sb.append(Arrays.deepToString(r.tlsPerBucket())).append(Arrays.toString(r.tlsTotals())).append('\n');
        sb.append(Arrays.deepToString(r.protocolPerBucket())).append(Arrays.toString(r.protocolTotals())).append(r.basicSenders()).append('\n');
        sb.append(Arrays.toString(r.messagesPerBucket())).append(Arrays.toString(r.failuresPerBucket())).append('\n');
        for (SenderTotals s : r.rows()) {
            sb.append(s.address()).append(' ').append(s.domain()).append(Arrays.toString(s.perTls())).append(s.total()).append(" flags ")
                    .append(s.flags()).append(Arrays.toString(s.perProtocol())).append(s.methods()).append(' ').append(s.lastBasicUse())
                    .append('\n');
            int a = d.accountIndex(s.address()).orElseThrow();
            sb.append("  findings ").append(UnusualActivity.findings(d, a, w)).append('\n');
            AccountHistory h = AccountHistory.of(d, a, w);
            sb.append("  panel ").append(recordText(h)).append('\n');
        }
        for (IpTotals ip : r.ips()) {
            sb.append(ip.address()).append(' ').append(ip.place()).append(' ').append(ip.accounts()).append(' ').append(ip.messages())
                    .append(' ').append(ip.failures()).append(' ').append(ip.accountsFailed()).append(' ').append(ip.sprayDays()).append('\n');
            IpHistory h = IpHistory.of(d, ip.address(), w);
            sb.append("  ip panel ").append(recordText(h)).append('\n');
        }
        sb.append(r.topCountries()).append(r.topNetworks());
        return sb.toString();
    }

    /** A record's components, arrays by content. */
    private static String recordText(Record r) throws RuntimeException {
        StringBuilder sb = new StringBuilder(r.getClass().getSimpleName()).append('[');
        try {
            for (var c : r.getClass().getRecordComponents()) {
                Object v = c.getAccessor().invoke(r);
                sb.append(c.getName()).append('=').append(v instanceof Object[] o ? Arrays.deepToString(o)
                        : v instanceof long[] l ? Arrays.toString(l) : v instanceof int[] i ? Arrays.toString(i) : String.valueOf(v)).append(", ");
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return sb.append(']').toString();
    }
}
