package org.mailflow.smtpauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailflow.cache.Cache;
import org.mailflow.cache.SmtpStore;
import org.mailflow.model.DayWindow;

/**
 * The unusual-activity flags of SPEC 2.5 at their boundaries. Day offsets are relative to {@link #D0}
 * (a Thursday); history specs read {@code from..to=count;day=count}, e.g. {@code -7..-1=20}.
 */
class UnusualActivityTest {
    static final LocalDate D0 = LocalDate.of(2026, 11, 12);
    static final String A = "a@contoso.example";
    static final String OTHER = "other@contoso.example";

    static DayWindow window(int fromOffset, int toOffset) {
        return new DayWindow(D0.plusDays(fromOffset), D0.plusDays(toOffset));
    }

    /** A small in-memory dataset written day by day. */
    static final class Data {
        final SmtpDataset.Builder b = SmtpDataset.builder();

        Data sub(String account, String domain, int offset, TlsVersion tls, long n) {
            b.entry(D0.toEpochDay() + offset, b.account(account), b.domain(domain), tls, n);
            return this;
        }

        Data sub(String account, int offset, long n) {
            return sub(account, "contoso.example", offset, TlsVersion.TLS1_2, n);
        }

        /** {@code from..to=count} segments separated by {@code ;}. */
        Data history(String account, String spec) {
            if (spec == null || spec.isBlank()) {
                return this;
            }
            for (String seg : spec.split(";")) {
                String[] kv = seg.strip().split("=");
                String[] range = kv[0].split("\\.\\.");
                int from = Integer.parseInt(range[0].strip());
                int to = range.length == 1 ? from : Integer.parseInt(range[1].strip());
                for (int d = from; d <= to; d++) {
                    sub(account, d, Long.parseLong(kv[1].strip()));
                }
            }
            return this;
        }

        Data ips(String account, int offset, int n) {
            b.distinctIps(b.account(account), D0.toEpochDay() + offset, n);
            return this;
        }

        Data failures(String account, int offset, long n) {
            b.failures(b.account(account), D0.toEpochDay() + offset, n);
            return this;
        }

        SmtpDataset build() {
            return b.build();
        }
    }

    /**
     * The account's flags as the details table shows them (every row of the account carries the same
     * flags), checked against the sender panel's findings; empty when the account has no row.
     */
    static Optional<Set<SmtpFlag>> flags(SmtpDataset d, String account, ReportFilter filter) {
        ReportData r = SmtpReport.compute(d, filter);
        List<SenderTotals> rows = r.rows().stream().filter(x -> x.address().equals(account)).toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        int mask = rows.get(0).flags();
        assertThat(rows).allSatisfy(x -> assertThat(x.flags()).isEqualTo(mask));
        Set<SmtpFlag> fromRow = EnumSet.noneOf(SmtpFlag.class);
        for (SmtpFlag f : SmtpFlag.values()) {
            if (f.in(mask)) {
                fromRow.add(f);
            }
        }
        int a = d.accountIndex(account).orElseThrow();
        Set<SmtpFlag> fromFindings = UnusualActivity.findings(d, a, filter.window()).stream().map(UnusualActivity.Finding::flag)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(SmtpFlag.class)));
        assertThat(fromFindings).as("sender panel findings agree with the table's flags").isEqualTo(fromRow);
        return Optional.of(fromRow);
    }

    static Set<SmtpFlag> flags(SmtpDataset d, String account, DayWindow w) {
        return flags(d, account, ReportFilter.all(w)).orElseThrow(() -> new AssertionError(account + " has no row"));
    }

    static Optional<UnusualActivity.Finding> finding(SmtpDataset d, String account, DayWindow w, SmtpFlag flag) {
        int a = d.accountIndex(account).orElseThrow();
        return UnusualActivity.findings(d, a, w).stream().filter(f -> f.flag() == flag).findFirst();
    }

    // ---------------------------------------------------------------------------------------------
    // volume-spike
    /** The spike day is D0 and the window is that single day, so all history lies before the window. */
    @ParameterizedTest(name = "history [{0}], {1} on the day -> spike {2} (median {3})")
    @CsvSource({
            // no history at all: median 0, floor 50 (first-ever day)
            "'',                       50,  false, 0",
            "'',                       51,  true,  0",
            // 14 days of 10: median 10, threshold exactly 50
            "'-14..-1=10',             50,  false, 10",
            "'-14..-1=10',             51,  true,  10",
            // 14 days of 20: median 20, threshold 100
            "'-14..-1=20',             100, false, 20",
            "'-14..-1=20',             101, true,  20",
            // 7 days of 20 and 7 days without submissions: median (0 + 20) / 2 = 10, threshold 50
            "'-7..-1=20',              50,  false, 10",
            "'-7..-1=20',              51,  true,  10",
            "'-14..-8=20',             51,  true,  10",
            // 8 days of 20 and 6 of 0: median 20, threshold 100
            "'-8..-1=20',              100, false, 20",
            "'-8..-1=20',              101, true,  20",
            // only the previous 14 days count: day -15 is ignored
            "'-15..-8=20',             51,  true,  10",
            "'-14..-7=20',             51,  false, 20",
            "'-15=1000',               51,  true,  0",
            "'-20..-15=1000',          51,  true,  0",
            // history before the first data day counts as 0 (3 days of 20, 11 of nothing)
            "'-3..-1=20',              51,  true,  0",
            // median 10.5: threshold 52.5
            "'-14..-8=10;-7..-1=11',   52,  false, 10.5",
            "'-14..-8=10;-7..-1=11',   53,  true,  10.5",
            // 5 x median above the floor
            "'-14..-1=100',            500, false, 100",
            "'-14..-1=100',            501, true,  100",
            // one huge day does not move the median
            "'-14..-2=20;-1=1000',     100, false, 20",
            "'-14..-2=20;-1=1000',     101, true,  20",
            // later days are not history
            "'1..14=1000',             51,  true,  0",
    })
    void thresholdIsMaxOf50AndFiveTimesTheMedianOfThePrevious14Days(String history, long count, boolean spike, double median) {
        SmtpDataset d = new Data().history(A, history).sub(A, 0, count).build();
        DayWindow w = window(0, 0);
        assertThat(flags(d, A, w).contains(SmtpFlag.VOLUME_SPIKE)).isEqualTo(spike);
        if (spike) {
            UnusualActivity.Finding f = finding(d, A, w, SmtpFlag.VOLUME_SPIKE).orElseThrow();
            assertThat(f.day()).isEqualTo(D0);
            assertThat(f.value()).isEqualTo(count);
            assertThat(f.reference()).isEqualTo(median);
        }
    }

    @Test
    void medianOf14ValuesIsTheMeanOfTheMiddleTwo() {
        long[] sevenAndSeven = {20, 20, 20, 20, 20, 20, 20, 0, 0, 0, 0, 0, 0, 0};
        long[] eightAndSix = {20, 20, 20, 20, 20, 20, 20, 20, 0, 0, 0, 0, 0, 0};
        assertThat(UnusualActivity.median(sevenAndSeven)).isEqualTo(10.0);
        assertThat(UnusualActivity.median(eightAndSix)).isEqualTo(20.0);
        assertThat(UnusualActivity.median(new long[] {3, 1, 2})).isEqualTo(2.0);
    }

    @Test
    void aSpikeOutsideTheWindowDoesNotFlag() {
        SmtpDataset d = new Data().sub(A, -7, 51).sub(A, 0, 1).build();
        assertThat(flags(d, A, window(-6, 0))).doesNotContain(SmtpFlag.VOLUME_SPIKE);
        assertThat(flags(d, A, window(-7, 0))).contains(SmtpFlag.VOLUME_SPIKE);
        assertThat(finding(d, A, window(-7, 0), SmtpFlag.VOLUME_SPIKE).orElseThrow().day()).isEqualTo(D0.minusDays(7));
        // nor after it
        SmtpDataset later = new Data().sub(A, -3, 1).sub(A, 1, 51).build();
        assertThat(flags(later, A, window(-6, 0))).doesNotContain(SmtpFlag.VOLUME_SPIKE);
    }

    @ParameterizedTest(name = "{0} on the window''s first day after 14 days of 20 before the window -> spike {1}")
    @CsvSource({"100, false", "101, true"})
    void aSpikeOnTheWindowsFirstDayUsesTheDaysBeforeTheWindow(long count, boolean spike) {
        SmtpDataset d = new Data().history(A, "-20..-7=20").sub(A, -6, count).build();
        assertThat(flags(d, A, window(-6, 0)).contains(SmtpFlag.VOLUME_SPIKE)).isEqualTo(spike);
    }

    @Test
    void theDayTotalCountsEveryDomainAndTlsVersion() {
        SmtpDataset d = new Data().sub(A, "contoso.example", 0, TlsVersion.TLS1_2, 30)
                .sub(A, "fabrikam.example", 0, TlsVersion.NONE, 21).build();
        assertThat(flags(d, A, window(0, 0))).contains(SmtpFlag.VOLUME_SPIKE);
        // and the flag shows on the account's row when only contoso.example is shown
        assertThat(flags(d, A, new ReportFilter(window(0, 0), Optional.of("contoso.example"))).orElseThrow())
                .contains(SmtpFlag.VOLUME_SPIKE);
    }

    @Test
    void otherAccountsDoNotCount() {
        SmtpDataset d = new Data().history(OTHER, "-14..-1=100").sub(A, 0, 51).sub(OTHER, 0, 51).build();
        assertThat(flags(d, A, window(0, 0))).contains(SmtpFlag.VOLUME_SPIKE);
        assertThat(flags(d, OTHER, window(0, 0))).doesNotContain(SmtpFlag.VOLUME_SPIKE);
    }

    // ---------------------------------------------------------------------------------------------
    // new-sender
    @ParameterizedTest(name = "first submission on day {0} of a window ending on day 0 -> new {1}")
    @CsvSource({"0, true", "-1, true", "-6, true", "-7, false", "-8, false", "-29, false", "-45, false"})
    void newWhenTheFirstSubmissionIsInTheLastSevenDaysOfTheWindow(int first, boolean isNew) {
        SmtpDataset d = new Data().sub(A, first, 1).sub(A, 0, 1).build();
        assertThat(flags(d, A, window(-29, 0)).contains(SmtpFlag.NEW_SENDER)).isEqualTo(isNew);
        if (isNew) {
            assertThat(finding(d, A, window(-29, 0), SmtpFlag.NEW_SENDER).orElseThrow().day()).isEqualTo(D0.plusDays(first));
        }
    }

    @Test
    void theFirstSubmissionEverCountsNotTheFirstInTheWindow() {
        SmtpDataset d = new Data().sub(A, -40, 1).sub(A, -2, 1).build();
        assertThat(flags(d, A, window(-6, 0))).doesNotContain(SmtpFlag.NEW_SENDER);
    }

    @Test
    void laterSubmissionsDoNotMakeAnAccountNew() {
        // the window ends before D0: its last seven days are -13 .. -7
        SmtpDataset d = new Data().sub(A, -7, 1).sub(A, 0, 1).build();
        assertThat(flags(d, A, window(-13, -7))).contains(SmtpFlag.NEW_SENDER);
        assertThat(flags(d, A, window(-13, -6))).contains(SmtpFlag.NEW_SENDER);
        assertThat(flags(d, A, window(-13, -0))).doesNotContain(SmtpFlag.NEW_SENDER);
    }

    @Test
    void anAccountWhoseFirstSubmissionIsAfterTheWindowHasNoRow() {
        SmtpDataset d = new Data().sub(OTHER, 0, 1).sub(A, 1, 5).build();
        assertThat(flags(d, A, ReportFilter.all(window(-6, 0)))).isEmpty();
        assertThat(SmtpReport.compute(d, ReportFilter.all(window(-6, 0))).rows()).extracting(SenderTotals::address)
                .containsExactly(OTHER);
        assertThat(flags(d, A, window(-5, 1))).contains(SmtpFlag.NEW_SENDER);
    }

    // ---------------------------------------------------------------------------------------------
    // many-ips
    /** Distinct IPs per day as {@code day=ips;…}; the account submits on days -1 and 0. */
    @ParameterizedTest(name = "distinct IPs [{0}] -> many-ips {1}")
    @CsvSource({
            "'0=10',         false",
            "'0=11',         true",
            "'-1=6;0=5',     false",
            "'-1=10;0=10',   false",
            "'-1=3;0=11',    true",
            "'-1=11;0=1',    true",
            "'0=1',          false",
    })
    void moreThanTenDistinctIpsOnOneDay(String ips, boolean many) {
        Data data = new Data().sub(A, -1, 20).sub(A, 0, 20);
        for (String seg : ips.split(";")) {
            String[] kv = seg.split("=");
            data.ips(A, Integer.parseInt(kv[0]), Integer.parseInt(kv[1]));
        }
        SmtpDataset d = data.build();
        assertThat(flags(d, A, window(-6, 0)).contains(SmtpFlag.MANY_IPS)).isEqualTo(many);
    }

    @Test
    void manyIpsOutsideTheWindowDoNotFlag() {
        SmtpDataset d = new Data().sub(A, -7, 20).ips(A, -7, 30).sub(A, 0, 1).ips(A, 0, 1).build();
        assertThat(flags(d, A, window(-6, 0))).doesNotContain(SmtpFlag.MANY_IPS);
        assertThat(flags(d, A, window(-7, 0))).contains(SmtpFlag.MANY_IPS);
        UnusualActivity.Finding f = finding(d, A, window(-7, 0), SmtpFlag.MANY_IPS).orElseThrow();
        assertThat(f.day()).isEqualTo(D0.minusDays(7));
        assertThat(f.value()).isEqualTo(30);
    }

    // ---------------------------------------------------------------------------------------------
    // auth-failures
    /** Failed authentications as {@code day=count;…} (one builder call each); the window is days -6 .. 0. */
    @ParameterizedTest(name = "failures [{0}] -> auth-failures {1}")
    @CsvSource({
            "'0=20',               false",
            "'0=21',               true",
            "'0=10;0=11',          true",
            "'0=10;0=10',          false",
            "'-1=10;0=11',         false",
            "'-3=20;-2=20;-1=20',  false",
            "'-6=21',              true",
            "'-7=21',              false",
            "'1=21',               false",
            "'-7=100;1=100',       false",
    })
    void moreThanTwentyFailedAuthenticationsOnOneDay(String failures, boolean flagged) {
        Data data = new Data().sub(A, 0, 1);
        for (String seg : failures.split(";")) {
            String[] kv = seg.split("=");
            data.failures(A, Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
        }
        SmtpDataset d = data.build();
        assertThat(flags(d, A, window(-6, 0)).contains(SmtpFlag.AUTH_FAILURES)).isEqualTo(flagged);
    }

    @Test
    void anAccountWithFailuresButNoSubmissionsIsNotARow() {
        SmtpDataset d = new Data().sub(A, 0, 1).failures(OTHER, 0, 500).build();
        ReportData r = SmtpReport.compute(d, ReportFilter.all(window(-6, 0)));
        assertThat(r.rows()).extracting(SenderTotals::address).containsExactly(A);
        assertThat(r.senders()).isEqualTo(1);
    }

    @Test
    void failuresOfOtherAccountsDoNotCount() {
        SmtpDataset d = new Data().sub(A, 0, 1).sub(OTHER, 0, 1).failures(OTHER, 0, 21).failures(A, 0, 20).build();
        assertThat(flags(d, A, window(0, 0))).doesNotContain(SmtpFlag.AUTH_FAILURES);
        assertThat(flags(d, OTHER, window(0, 0))).contains(SmtpFlag.AUTH_FAILURES);
    }

    // ---------------------------------------------------------------------------------------------
    // legacy-tls
    @ParameterizedTest(name = "a submission over {0} -> legacy-tls {1}")
    @CsvSource({"TLS1_0, true", "TLS1_1, true", "NONE, true", "TLS, false", "TLS1_2, false", "TLS1_3, false"})
    void legacyIsTls10Tls11OrNone(TlsVersion tls, boolean legacy) {
        SmtpDataset d = new Data().sub(A, "contoso.example", 0, TlsVersion.TLS1_2, 100)
                .sub(A, "contoso.example", -1, tls, 1).build();
        assertThat(flags(d, A, window(-6, 0)).contains(SmtpFlag.LEGACY_TLS)).isEqualTo(legacy);
    }

    @ParameterizedTest(name = "legacy on day {0} only, window -6..0 -> {1}")
    @CsvSource({"-7, false", "-6, true", "0, true", "1, false"})
    void onlyLegacySubmissionsInTheWindowCount(int day, boolean legacy) {
        SmtpDataset d = new Data().sub(A, "contoso.example", -3, TlsVersion.TLS1_3, 5)
                .sub(A, "contoso.example", day, TlsVersion.TLS1_0, 5).build();
        assertThat(flags(d, A, window(-6, 0)).contains(SmtpFlag.LEGACY_TLS)).isEqualTo(legacy);
    }

    @Test
    void legacyUnderAnotherDomainStillFlagsTheAccount() {
        SmtpDataset d = new Data().sub(A, "contoso.example", 0, TlsVersion.TLS1_2, 5)
                .sub(A, "fabrikam.example", -1, TlsVersion.TLS1_0, 1).build();
        ReportFilter contoso = new ReportFilter(window(-6, 0), Optional.of("contoso.example"));
        assertThat(flags(d, A, contoso).orElseThrow()).contains(SmtpFlag.LEGACY_TLS);
        ReportData r = SmtpReport.compute(d, contoso);
        assertThat(r.rows()).singleElement().satisfies(row -> {
            assertThat(row.domain()).isEqualTo("contoso.example");
            assertThat(row.count(TlsVersion.TLS1_0)).isZero();
            assertThat(row.has(SmtpFlag.LEGACY_TLS)).isTrue();
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Through the cache: what SmtpStore.load() gives the rules
    @TempDir
    Path dir;

    private SmtpDataset write(SqlWork... transactions) throws Exception {
        try (Cache cache = Cache.open(dir.resolve("flags.db"))) {
            for (SqlWork t : transactions) {
                cache.write(c -> {
                    try (SmtpStore.Writer w = new SmtpStore.Writer(c)) {
                        t.run(w);
                        w.flush();
                    }
                    return null;
                });
            }
            return new SmtpStore(cache).load();
        }
    }

    private void submit(SmtpStore.Writer w, int day, String domain, String method, String ip, TlsVersion tls) throws Exception {
        w.addSubmission(D0.toEpochDay() + day, null, A, domain, method, ip, tls, "", "smtp1", null, 1);
    }

    @Test
    void failuresAddedInTwoImportsOnTheSameDaySum() throws Exception {
        SmtpDataset d = write(w -> {
            submit(w, 0, "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2);
            w.addFailures(D0.toEpochDay(), A, "", 10);
        }, w -> w.addFailures(D0.toEpochDay(), A, "", 11));
        assertThat(flags(d, A, window(-6, 0))).containsExactly(SmtpFlag.BASIC_AUTH, SmtpFlag.NEW_SENDER, SmtpFlag.AUTH_FAILURES);
        assertThat(finding(d, A, window(-6, 0), SmtpFlag.AUTH_FAILURES).orElseThrow().value()).isEqualTo(21);
    }

    @Test
    void failuresOutsideTheWindowAreIgnored() throws Exception {
        SmtpDataset d = write(w -> {
            submit(w, 0, "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2);
            w.addFailures(D0.toEpochDay() - 7, A, "", 100);
            w.addFailures(D0.toEpochDay() + 1, A, "", 100);
            w.addFailures(D0.toEpochDay(), "Other@Contoso.example", "", 100);
        });
        assertThat(flags(d, A, window(-6, 0))).doesNotContain(SmtpFlag.AUTH_FAILURES);
        assertThat(flags(d, OTHER, ReportFilter.all(window(-6, 0)))).isEmpty();
    }

    @ParameterizedTest(name = "{0} distinct IPs over domains, TLS versions and methods on one day -> many-ips {1}")
    @CsvSource({"10, false", "11, true"})
    void ipsAreCountedPerAccountAcrossDomainsTlsAndMethods(int ips, boolean many) throws Exception {
        String[] domains = {"contoso.example", "fabrikam.example"};
        TlsVersion[] versions = {TlsVersion.TLS1_2, TlsVersion.TLS1_3, TlsVersion.NONE};
        String[] methods = {"LOGIN", "PLAIN"};
        SmtpDataset d = write(w -> {
            for (int ip = 1; ip <= ips; ip++) {
                // each IP on its own (domain, TLS, method) row, and again on another row: no double counting
                submit(w, 0, domains[ip % 2], methods[ip % 2], "192.0.2." + ip, versions[ip % 3]);
                submit(w, 0, domains[(ip + 1) % 2], methods[ip % 2], "192.0.2." + ip, versions[(ip + 1) % 3]);
            }
            // another account's IPs on the same day do not count
            for (int ip = 100; ip < 120; ip++) {
                w.addSubmission(D0.toEpochDay(), null, OTHER, "contoso.example", "LOGIN", "192.0.2." + ip, TlsVersion.TLS1_2, "",
                        "smtp1", null, 1);
            }
        });
        assertThat(flags(d, A, window(0, 0)).contains(SmtpFlag.MANY_IPS)).isEqualTo(many);
        if (many) {
            assertThat(finding(d, A, window(0, 0), SmtpFlag.MANY_IPS).orElseThrow().value()).isEqualTo(ips);
        }
    }

    @Test
    void elevenIpsSpreadOverTwoDaysAreNotMany() throws Exception {
        SmtpDataset d = write(w -> {
            for (int ip = 1; ip <= 11; ip++) {
                submit(w, ip <= 6 ? -1 : 0, "contoso.example", "LOGIN", "192.0.2." + ip, TlsVersion.TLS1_2);
            }
        });
        assertThat(flags(d, A, window(-6, 0))).doesNotContain(SmtpFlag.MANY_IPS);
    }

    @Test
    void ipsOfOneDayFromTwoImportsAreCountedOnce() throws Exception {
        SmtpDataset d = write(w -> {
            for (int ip = 1; ip <= 6; ip++) {
                submit(w, 0, "contoso.example", "LOGIN", "192.0.2." + ip, TlsVersion.TLS1_2);
            }
        }, w -> {
            for (int ip = 1; ip <= 11; ip++) {
                submit(w, 0, "contoso.example", "LOGIN", "192.0.2." + ip, TlsVersion.TLS1_2);
            }
        });
        assertThat(flags(d, A, window(0, 0))).contains(SmtpFlag.MANY_IPS);
        assertThat(finding(d, A, window(0, 0), SmtpFlag.MANY_IPS).orElseThrow().value()).isEqualTo(11);
    }

    @FunctionalInterface
    interface SqlWork {
        void run(SmtpStore.Writer w) throws Exception;
    }
}
