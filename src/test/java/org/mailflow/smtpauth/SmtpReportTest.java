package org.mailflow.smtpauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailflow.model.DayWindow;

/** Chart buckets, domain series, TLS split and detail rows of {@link SmtpReport#compute}, with hand-computed figures. */
class SmtpReportTest {
    static final LocalDate D0 = LocalDate.of(2026, 11, 12); // a Thursday

    private static final class Data {
        final SmtpDataset.Builder b = SmtpDataset.builder();

        Data sub(String account, String domain, LocalDate day, TlsVersion tls, long n) {
            b.entry(day.toEpochDay(), b.account(account), b.domain(domain), tls, n);
            return this;
        }

        Data sub(String account, String domain, int offset, TlsVersion tls, long n) {
            return sub(account, domain, D0.plusDays(offset), tls, n);
        }

        SmtpDataset build() {
            return b.build();
        }
    }

    private static ReportFilter filter(DayWindow w, String domain) {
        return new ReportFilter(w, Optional.ofNullable(domain));
    }

    @ParameterizedTest(name = "{0} days -> weekly {1}")
    @CsvSource({"1, false", "7, false", "30, false", "90, false", "91, true", "365, true"})
    void moreThan90DaysSwitchToWeeklyBars(int days, boolean weekly) {
        ReportFilter f = ReportFilter.all(DayWindow.endingOn(D0, days));
        assertThat(f.weekly()).isEqualTo(weekly);
        List<LocalDate> buckets = SmtpReport.buckets(f);
        if (!weekly) {
            assertThat(buckets).hasSize(days);
            for (int i = 0; i < days; i++) {
                assertThat(buckets.get(i)).isEqualTo(f.window().first().plusDays(i));
            }
        }
    }

    /** Weekly buckets: the window's first day, then every Monday up to the last day (java.time's count). */
    @ParameterizedTest(name = "weekly buckets of {1} days from {0}")
    @CsvSource({
            "2026-01-05, 91",   // a Monday
            "2026-01-06, 91",   // a Tuesday
            "2026-01-11, 91",   // a Sunday
            "2026-01-08, 92",   // a Thursday
            "2025-12-29, 120",  // a Monday, across the new year
            "2026-03-01, 365",  // a Sunday
            "1969-12-20, 100",  // across the epoch (negative epoch days)
    })
    void weeklyBucketsStartOnTheFirstDayThenEachMonday(LocalDate first, int days) {
        DayWindow w = new DayWindow(first, first.plusDays(days - 1L));
        List<LocalDate> buckets = SmtpReport.buckets(ReportFilter.all(w));
        List<LocalDate> expected = new ArrayList<>();
        expected.add(first);
        for (LocalDate m = first.with(TemporalAdjusters.next(DayOfWeek.MONDAY)); !m.isAfter(w.last()); m = m.plusWeeks(1)) {
            expected.add(m);
        }
        assertThat(buckets).containsExactlyElementsOf(expected);
        assertThat(buckets.subList(1, buckets.size())).allSatisfy(d -> assertThat(d.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY));
    }

    @ParameterizedTest(name = "weekly window from {0}: a submission on {1} lands in bucket {2}")
    @CsvSource({
            // window 2026-01-07 (Wednesday) .. 2026-04-08 (92 days); buckets: 01-07, 01-12, 01-19, …
            "2026-01-07, 2026-01-07, 0",
            "2026-01-07, 2026-01-11, 0",  // the Sunday before the first Monday
            "2026-01-07, 2026-01-12, 1",  // the first Monday
            "2026-01-07, 2026-01-18, 1",
            "2026-01-07, 2026-01-19, 2",
            "2026-01-07, 2026-04-06, 13", // the last Monday
            "2026-01-07, 2026-04-07, 13", // the last day
            // window starting on a Monday: the first bucket is a full week
            "2026-01-05, 2026-01-11, 0",
            "2026-01-05, 2026-01-12, 1",
    })
    void weeklyCountsLandInTheirWeek(LocalDate first, LocalDate day, int bucket) {
        DayWindow w = new DayWindow(first, first.plusDays(91));
        SmtpDataset d = new Data().sub("a@contoso.example", "contoso.example", day, TlsVersion.TLS1_0, 7)
                .sub("a@contoso.example", "contoso.example", first.minusDays(1), TlsVersion.TLS1_2, 1000)
                .sub("a@contoso.example", "contoso.example", w.last().plusDays(1), TlsVersion.TLS1_2, 1000).build();
        ReportData r = SmtpReport.compute(d, ReportFilter.all(w));
        assertThat(r.buckets().get(bucket)).isBeforeOrEqualTo(day);
        if (bucket + 1 < r.buckets().size()) {
            assertThat(r.buckets().get(bucket + 1)).isAfter(day);
        }
        long[] perBucket = r.volume().get(0).perBucket();
        assertThat(perBucket).hasSize(r.buckets().size());
        long[] expected = new long[r.buckets().size()];
        expected[bucket] = 7;
        assertThat(perBucket).containsExactly(expected);
        assertThat(r.tlsPerBucket()[TlsVersion.TLS1_0.code()]).containsExactly(expected);
        assertThat(r.messages()).isEqualTo(7);
    }

    @Test
    void dailyBarsCountEachDayAndTlsVersion() {
        SmtpDataset d = new Data()
                .sub("a@contoso.example", "contoso.example", -2, TlsVersion.TLS1_2, 3)
                .sub("a@contoso.example", "contoso.example", -2, TlsVersion.TLS1_0, 1)
                .sub("b@contoso.example", "contoso.example", 0, TlsVersion.NONE, 2)
                .sub("b@contoso.example", "contoso.example", 0, TlsVersion.TLS1_3, 4)
                .sub("b@contoso.example", "contoso.example", 0, TlsVersion.TLS1_3, 1) // repeats a key: adds up
                .build();
        ReportData r = SmtpReport.compute(d, ReportFilter.all(DayWindow.endingOn(D0, 3)));
        assertThat(r.buckets()).containsExactly(D0.minusDays(2), D0.minusDays(1), D0);
        assertThat(r.volume()).singleElement().satisfies(s -> {
            assertThat(s.domain()).isEqualTo("contoso.example");
            assertThat(s.perBucket()).containsExactly(4, 0, 7);
        });
        assertThat(r.tlsPerBucket()[TlsVersion.TLS1_2.code()]).containsExactly(3, 0, 0);
        assertThat(r.tlsPerBucket()[TlsVersion.TLS1_0.code()]).containsExactly(1, 0, 0);
        assertThat(r.tlsPerBucket()[TlsVersion.NONE.code()]).containsExactly(0, 0, 2);
        assertThat(r.tlsPerBucket()[TlsVersion.TLS1_3.code()]).containsExactly(0, 0, 5);
        assertThat(r.tlsTotals()).containsExactly(1, 0, 3, 5, 0, 2, 0);
        assertThat(r.messages()).isEqualTo(11);
        assertThat(r.senders()).isEqualTo(2);
        assertThat(r.legacySenders()).isEqualTo(2);
        SenderTotals b = r.rows().get(0);
        assertThat(b.address()).isEqualTo("b@contoso.example");
        assertThat(b.total()).isEqualTo(7);
        assertThat(b.count(TlsVersion.TLS1_3)).isEqualTo(5);
        assertThat(b.share(TlsVersion.NONE)).isEqualTo(2.0 / 7);
    }

    @ParameterizedTest(name = "window {0} .. {1} (offsets from D0) counts {2}")
    @CsvSource({
            "-3,  0, 1111",    // days -4 and 1 are outside
            "-4,  0, 11111",
            "-3,  1, 101111",
            " 0,  0, 1000",
            "-3, -3, 1",
            "-4,  1, 111111",
            "-9, -5, 0",
    })
    void windowEdgesAreInclusive(int from, int to, long expected) {
        // one submission count per day, by powers of ten so the sum shows which days were counted
        SmtpDataset d = new Data()
                .sub("a@contoso.example", "contoso.example", -4, TlsVersion.TLS1_2, 10_000)
                .sub("a@contoso.example", "contoso.example", -3, TlsVersion.TLS1_2, 1)
                .sub("a@contoso.example", "contoso.example", -2, TlsVersion.TLS1_2, 10)
                .sub("a@contoso.example", "contoso.example", -1, TlsVersion.TLS1_2, 100)
                .sub("a@contoso.example", "contoso.example", 0, TlsVersion.TLS1_2, 1000)
                .sub("a@contoso.example", "contoso.example", 1, TlsVersion.TLS1_2, 100_000)
                .build();
        ReportData r = SmtpReport.compute(d, ReportFilter.all(new DayWindow(D0.plusDays(from), D0.plusDays(to))));
        assertThat(r.messages()).isEqualTo(expected);
        assertThat(r.rows().stream().mapToLong(SenderTotals::total).sum()).isEqualTo(expected);
        assertThat(r.buckets()).hasSize(to - from + 1);
    }

    @Test
    void theDomainFilterRestrictsChartAndRows() {
        SmtpDataset d = new Data()
                .sub("a@contoso.example", "contoso.example", 0, TlsVersion.TLS1_2, 5)
                .sub("b@fabrikam.example", "fabrikam.example", 0, TlsVersion.TLS1_0, 7)
                .sub("b@fabrikam.example", "fabrikam.example", -1, TlsVersion.NONE, 1)
                .sub("scanner", "contoso.example", -1, TlsVersion.TLS1_1, 2)
                .sub("scanner", "fabrikam.example", -1, TlsVersion.TLS1_1, 3)
                .build();
        DayWindow w = DayWindow.endingOn(D0, 2);
        for (String spelling : List.of("fabrikam.example", " Fabrikam.EXAMPLE ")) {
            ReportData r = SmtpReport.compute(d, filter(w, spelling));
            assertThat(r.filter().domain()).contains("fabrikam.example");
            assertThat(r.volume()).singleElement().satisfies(s -> {
                assertThat(s.domain()).isEqualTo("fabrikam.example");
                assertThat(s.perBucket()).containsExactly(1 + 3, 7);
            });
            assertThat(r.tlsTotals()).containsExactly(7, 3, 0, 0, 0, 1, 0);
            assertThat(r.messages()).isEqualTo(11);
            assertThat(r.rows()).extracting(SenderTotals::address, SenderTotals::domain, SenderTotals::total)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("b@fabrikam.example", "fabrikam.example", 8L),
                            org.assertj.core.groups.Tuple.tuple("scanner", "fabrikam.example", 3L));
        }
        ReportData all = SmtpReport.compute(d, ReportFilter.all(w));
        assertThat(all.messages()).isEqualTo(18);
        assertThat(all.volume()).extracting(ReportData.DomainSeries::domain).containsExactly("fabrikam.example", "contoso.example");
        // "All sender domains" spelled as an empty or blank domain
        assertThat(filter(w, "  ").domain()).isEmpty();
        assertThat(SmtpReport.compute(d, filter(w, "")).messages()).isEqualTo(18);
    }

    @ParameterizedTest(name = "an unknown domain ''{0}'' gives an empty report")
    @CsvSource({"nowhere.example", "contoso", "example"})
    void anUnknownDomainGivesAnEmptyReport(String domain) {
        SmtpDataset d = new Data().sub("a@contoso.example", "contoso.example", 0, TlsVersion.TLS1_0, 5).build();
        DayWindow w = DayWindow.endingOn(D0, 7);
        ReportData r = SmtpReport.compute(d, filter(w, domain));
        assertThat(r.rows()).isEmpty();
        assertThat(r.volume()).isEmpty();
        assertThat(r.messages()).isZero();
        assertThat(r.senders()).isZero();
        assertThat(r.legacySenders()).isZero();
        assertThat(r.buckets()).hasSize(7);
        for (long[] perBucket : r.tlsPerBucket()) {
            assertThat(perBucket).containsOnly(0L);
        }
    }

    @Test
    void aKnownDomainWithoutSubmissionsInTheWindowGivesAnEmptyReport() {
        SmtpDataset d = new Data().sub("a@contoso.example", "contoso.example", 0, TlsVersion.TLS1_2, 5)
                .sub("b@fabrikam.example", "fabrikam.example", -30, TlsVersion.TLS1_2, 5).build();
        ReportData r = SmtpReport.compute(d, filter(DayWindow.endingOn(D0, 7), "fabrikam.example"));
        assertThat(r.rows()).isEmpty();
        assertThat(r.volume()).isEmpty();
        assertThat(r.messages()).isZero();
    }

    /**
     * Domain {@code dN} (N = 1 .. domains) has N × 10 messages on day 0 and N on day -1, so the largest
     * comes first; the cap keeps 8 own series when there are more than 9 domains.
     */
    @ParameterizedTest(name = "{0} domains -> {1} own series, other domains {2}")
    @CsvSource({"1, 1, false", "8, 8, false", "9, 9, false", "10, 8, true", "12, 8, true"})
    void theSeriesCapKeepsTheLargestDomains(int domains, int own, boolean other) {
        Data data = new Data();
        for (int n = 1; n <= domains; n++) {
            String dom = String.format("d%02d.example", n);
            data.sub("u" + n + "@" + dom, dom, 0, TlsVersion.TLS1_2, n * 10L).sub("u" + n + "@" + dom, dom, -1, TlsVersion.TLS1_2, n);
        }
        ReportData r = SmtpReport.compute(data.build(), ReportFilter.all(DayWindow.endingOn(D0, 2)));
        List<ReportData.DomainSeries> series = r.volume();
        assertThat(series).hasSize(own + (other ? 1 : 0));
        for (int k = 0; k < own; k++) {
            int n = domains - k;
            assertThat(series.get(k).domain()).isEqualTo(String.format("d%02d.example", n));
            assertThat(series.get(k).perBucket()).containsExactly(n, n * 10L);
        }
        if (other) {
            ReportData.DomainSeries rest = series.get(own);
            assertThat(rest.domain()).isNull();
            long small = 0;
            for (int n = 1; n <= domains - own; n++) {
                small += n;
            }
            assertThat(rest.perBucket()).containsExactly(small, small * 10);
        }
        // every message is in exactly one series
        long sum = series.stream().flatMapToLong(s -> java.util.Arrays.stream(s.perBucket())).sum();
        assertThat(sum).isEqualTo(r.messages()).isEqualTo(11L * domains * (domains + 1) / 2);
    }

    @Test
    void seriesWithEqualTotalsAreOrderedByName() {
        Data data = new Data();
        for (String dom : List.of("c.example", "a.example", "b.example")) {
            data.sub("x@" + dom, dom, 0, TlsVersion.TLS1_2, 5);
        }
        data.sub("y@z.example", "z.example", 0, TlsVersion.TLS1_2, 6);
        ReportData r = SmtpReport.compute(data.build(), ReportFilter.all(DayWindow.endingOn(D0, 1)));
        assertThat(r.volume()).extracting(ReportData.DomainSeries::domain)
                .containsExactly("z.example", "a.example", "b.example", "c.example");
    }

    @Test
    void domainsWithoutSubmissionsInTheWindowHaveNoSeries() {
        Data data = new Data();
        for (int n = 1; n <= 12; n++) {
            data.sub("u@d" + n + ".example", "d" + n + ".example", -30, TlsVersion.TLS1_2, 100);
        }
        data.sub("a@contoso.example", "contoso.example", 0, TlsVersion.TLS1_2, 1);
        ReportData r = SmtpReport.compute(data.build(), ReportFilter.all(DayWindow.endingOn(D0, 7)));
        assertThat(r.volume()).extracting(ReportData.DomainSeries::domain).containsExactly("contoso.example");
    }

    @Test
    void aBareUserSendingUnderTwoEnvelopeDomainsHasOneRowPerDomain() {
        SmtpDataset d = new Data()
                .sub("scanner", "contoso.example", 0, TlsVersion.TLS1_1, 4)
                .sub("scanner", "fabrikam.example", 0, TlsVersion.TLS1_2, 6)
                .sub("scanner", "contoso.example", -1, TlsVersion.NONE, 1)
                .build();
        ReportData r = SmtpReport.compute(d, ReportFilter.all(DayWindow.endingOn(D0, 7)));
        assertThat(r.rows()).extracting(SenderTotals::address, SenderTotals::domain, SenderTotals::total)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("scanner", "fabrikam.example", 6L),
                        org.assertj.core.groups.Tuple.tuple("scanner", "contoso.example", 5L));
        assertThat(r.rows().get(1).perTls()).containsExactly(0, 4, 0, 0, 0, 1, 0);
        assertThat(r.rows().get(0).perTls()).containsExactly(0, 0, 6, 0, 0, 0, 0);
        assertThat(r.senders()).isEqualTo(1);
        assertThat(r.legacySenders()).isEqualTo(1);
        // flags are the account's, on both rows
        assertThat(r.rows()).allSatisfy(row -> assertThat(row.has(SmtpFlag.LEGACY_TLS)).isTrue());
    }

    @Test
    void rowsAreOrderedByMessagesThenAddressThenDomain() {
        SmtpDataset d = new Data()
                .sub("m@contoso.example", "contoso.example", 0, TlsVersion.TLS1_2, 5)
                .sub("b@contoso.example", "contoso.example", 0, TlsVersion.TLS1_2, 5)
                .sub("z@contoso.example", "contoso.example", 0, TlsVersion.TLS1_2, 9)
                .sub("a@contoso.example", "contoso.example", 0, TlsVersion.TLS1_2, 1)
                .sub("scanner", "fabrikam.example", 0, TlsVersion.TLS1_2, 5)
                .sub("scanner", "contoso.example", 0, TlsVersion.TLS1_2, 5)
                .build();
        ReportData r = SmtpReport.compute(d, ReportFilter.all(DayWindow.endingOn(D0, 1)));
        assertThat(r.rows()).extracting(x -> x.address() + " " + x.domain()).containsExactly(
                "z@contoso.example contoso.example",
                "b@contoso.example contoso.example",
                "m@contoso.example contoso.example",
                "scanner contoso.example",
                "scanner fabrikam.example",
                "a@contoso.example contoso.example");
    }

    @Test
    void entriesAddedOutOfDayOrderGiveTheSameReport() {
        SmtpDataset ordered = new Data()
                .sub("a@contoso.example", "contoso.example", -2, TlsVersion.TLS1_2, 3)
                .sub("b@contoso.example", "contoso.example", -1, TlsVersion.TLS1_0, 2)
                .sub("a@contoso.example", "contoso.example", 0, TlsVersion.TLS1_3, 1).build();
        SmtpDataset shuffled = new Data()
                .sub("a@contoso.example", "contoso.example", 0, TlsVersion.TLS1_3, 1)
                .sub("a@contoso.example", "contoso.example", -2, TlsVersion.TLS1_2, 3)
                .sub("b@contoso.example", "contoso.example", -1, TlsVersion.TLS1_0, 2).build();
        DayWindow w = DayWindow.endingOn(D0, 2);
        ReportData x = SmtpReport.compute(ordered, ReportFilter.all(w));
        ReportData y = SmtpReport.compute(shuffled, ReportFilter.all(w));
        assertThat(y.messages()).isEqualTo(x.messages()).isEqualTo(3);
        assertThat(y.rows()).extracting(SenderTotals::address, SenderTotals::total)
                .containsExactlyElementsOf(x.rows().stream().map(t -> org.assertj.core.groups.Tuple.tuple(t.address(), t.total())).toList());
        assertThat(shuffled.dataRange()).contains(new DayWindow(D0.minusDays(2), D0));
        assertThat(shuffled.firstDay(shuffled.accountIndex("a@contoso.example").orElseThrow()))
                .isEqualTo((int) D0.minusDays(2).toEpochDay());
        assertThat(ChronoUnit.DAYS.between(w.first(), w.last())).isEqualTo(1);
    }

    @Test
    void manyAccountsGrowEveryArray() {
        // more entries, IP counts, failures and rows than any initial capacity
        SmtpDataset.Builder b = SmtpDataset.builder();
        int accounts = 3000;
        for (int n = 0; n < accounts; n++) {
            int a = b.account(String.format("u%04d@contoso.example", n));
            int dom = b.domain(n % 2 == 0 ? "contoso.example" : "fabrikam.example");
            b.entry(D0.toEpochDay(), a, dom, n % 3 == 0 ? TlsVersion.NONE : TlsVersion.TLS1_2, 1);
            b.entry(D0.toEpochDay() - 20, a, dom, TlsVersion.TLS1_2, 1);
            b.distinctIps(a, D0.toEpochDay(), n % 2 == 0 ? 11 : 10);
            b.failures(a, D0.toEpochDay(), n % 5 == 0 ? 21 : 20);
        }
        SmtpDataset d = b.build();
        ReportData r = SmtpReport.compute(d, ReportFilter.all(DayWindow.endingOn(D0, 7)));
        assertThat(r.rows()).hasSize(accounts);
        assertThat(r.messages()).isEqualTo(accounts);
        assertThat(r.rows()).extracting(SenderTotals::address).isSorted();
        assertThat(r.rows().stream().filter(x -> x.has(SmtpFlag.MANY_IPS)).count()).isEqualTo(accounts / 2);
        assertThat(r.rows().stream().filter(x -> x.has(SmtpFlag.AUTH_FAILURES)).count()).isEqualTo(accounts / 5);
        assertThat(r.rows().stream().filter(x -> x.has(SmtpFlag.LEGACY_TLS)).count()).isEqualTo(accounts / 3);
        assertThat(r.legacySenders()).isEqualTo(accounts / 3);
        assertThat(r.rows().stream().filter(x -> x.has(SmtpFlag.NEW_SENDER)).count()).isZero();
        assertThat(r.volume()).extracting(ReportData.DomainSeries::domain).containsExactly("contoso.example", "fabrikam.example");
    }

    @Test
    void anEmptyDatasetGivesAnEmptyReport() {
        SmtpDataset d = SmtpDataset.builder().build();
        assertThat(d.isEmpty()).isTrue();
        assertThat(d.dataRange()).isEmpty();
        ReportData r = SmtpReport.compute(d, ReportFilter.all(DayWindow.endingOn(D0, 120)));
        assertThat(r.rows()).isEmpty();
        assertThat(r.volume()).isEmpty();
        assertThat(r.messages()).isZero();
        assertThat(r.buckets()).isNotEmpty();
    }
}
