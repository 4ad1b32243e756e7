package org.mailflow.smtpauth.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.I18n;
import org.mailflow.ui.SyncTaskRunner;
import org.mailflow.cache.Cache;
import org.mailflow.model.IntegerTicks;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.testing.SmtpFixtures;

/**
 * The charts of the SMTP AUTH page as the view model builds them (no toolkit): weekly bars and their
 * partial weeks, the titles, one colour per domain and TLS version whatever the range or pivot, and
 * whole-number axes. {@link SmtpFixtures}' last day, 12 Nov 2026, is a Thursday.
 */
class ReportChartsTest {
    @TempDir
    Path dir;
    private Cache cache;

    private SmtpAuthViewModel open(Locale language) throws Exception {
        cache = SmtpFixtures.smallSmtpCache(dir);
        SmtpAuthViewModel model = new SmtpAuthViewModel(new CacheSession(cache, false), new SyncTaskRunner(), new I18n(language));
        model.reload();
        return model;
    }

    @AfterEach
    void close() {
        if (cache != null) {
            cache.close();
        }
    }

    private static ChartData.Series series(ChartData chart, String name) {
        return chart.series().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aLongRangeHasWeeklyBarsWhoseCutWeeksAreMarkedPartialWithTheirDaysInTheTooltip() throws Exception {
        SmtpAuthViewModel model = open(Locale.ENGLISH);
        model.fromProperty().set(LocalDate.of(2026, 7, 16)); // a Thursday: 120 days
        ChartData volume = model.chartsProperty().get().volume();
        List<ChartData.Bar> bars = volume.bars();
        assertThat(bars).hasSize(18);
        ChartData.Bar first = bars.get(0);
        ChartData.Bar last = bars.get(bars.size() - 1);
        assertThat(first.partial()).isTrue();
        assertThat(first.period().days()).isEqualTo(4); // Thu 16 Jul .. Sun 19 Jul
        assertThat(first.category()).isEqualTo("16 Jul*");
        assertThat(last.partial()).isTrue();
        assertThat(last.category()).isEqualTo("9 Nov*");
        assertThat(last.periodText()).isEqualTo("9 Nov – 12 Nov 2026 (partial: 4 of 7 days)");
        assertThat(bars.subList(1, bars.size() - 1)).allSatisfy(b -> {
            assertThat(b.partial()).isFalse();
            assertThat(b.period().days()).isEqualTo(7);
            assertThat(b.category()).doesNotEndWith(ChartData.PARTIAL_MARK);
        });
        // contoso.example in its last, partial week: alice 12, printer 15, mallory 306 (4 days)
        String tip = series(volume, "contoso.example").tips().get(bars.size() - 1);
        assertThat(tip).isEqualTo("contoso.example\n9 Nov – 12 Nov 2026 (partial: 4 of 7 days)\n" + model.reportProperty().get().volume()
                .get(0).perBucket()[bars.size() - 1]);
        assertThat(volume.title()).isEqualTo("Messages sent per week by sender domain");
        assertThat(volume.note()).contains("*");
    }

    @Test
    void aRangeCutOnWholeWeeksHasNoPartialWeek() throws Exception {
        SmtpAuthViewModel model = open(Locale.ENGLISH);
        model.toProperty().set(LocalDate.of(2026, 11, 8)); // a Sunday
        model.fromProperty().set(LocalDate.of(2026, 11, 8).minusDays(7 * 14 - 1)); // a Monday, 14 weeks
        assertThat(model.chartsProperty().get().tls().bars()).hasSize(14).noneMatch(ChartData.Bar::partial);
    }

    @Test
    void titlesSayPerDayOrPerWeekInBothLanguages() throws Exception {
        SmtpAuthViewModel model = open(Locale.ENGLISH);
        ReportCharts daily = model.chartsProperty().get();
        assertThat(daily.volume().title()).isEqualTo("Messages sent per day by sender domain");
        assertThat(daily.tls().title()).isEqualTo("TLS versions per day (share of messages)");
        assertThat(daily.of(SmtpExports.Pivot.AUTH).title()).isEqualTo("Messages sent per day by authentication protocol");
        assertThat(daily.ips().title()).isEqualTo("Messages sent and failed authentications per day");
        assertThat(daily.volume().bars()).noneMatch(ChartData.Bar::partial);
        model.quickPick(90);
        assertThat(model.chartsProperty().get().ips().title()).endsWith("per day"); // 90 days are still daily
        model.fromProperty().set(model.fromProperty().get().minusDays(1));
        assertThat(model.chartsProperty().get().ips().title()).isEqualTo("Messages sent and failed authentications per week");
        assertThat(model.chartsProperty().get().tls().title()).isEqualTo("TLS versions per week (share of messages)");
        cache.close();
        cache = null;

        dir = dir.resolve("zh");
        java.nio.file.Files.createDirectories(dir);
        SmtpAuthViewModel chinese = open(Locale.TRADITIONAL_CHINESE);
        assertThat(chinese.chartsProperty().get().volume().title()).isEqualTo("各寄件者網域每日傳送的郵件");
        chinese.quickPick(90);
        chinese.fromProperty().set(chinese.fromProperty().get().minusDays(1));
        assertThat(chinese.chartsProperty().get().volume().title()).isEqualTo("各寄件者網域每週傳送的郵件");
        assertThat(chinese.chartsProperty().get().volume().bars().get(0).periodText()).contains("（不完整：7 天中的");
    }

    @Test
    void aDomainKeepsItsColourAcrossRangesAndTheDomainShownWhateverItsPositionInTheChart() throws Exception {
        SmtpAuthViewModel model = open(Locale.ENGLISH);
        String contoso = series(model.chartsProperty().get().volume(), "contoso.example").colour();
        String fabrikam = series(model.chartsProperty().get().volume(), "fabrikam.example").colour();
        assertThat(contoso).isEqualTo("mf-domain-0"); // the busiest domain of the data
        assertThat(fabrikam).isEqualTo("mf-domain-1").isNotEqualTo(contoso);
        assertThat(model.colours().domain("fabrikam.example")).isEqualTo(fabrikam); // the table's swatch

        model.quickPick(30);
        assertThat(series(model.chartsProperty().get().volume(), "fabrikam.example").colour()).isEqualTo(fabrikam);
        model.domainProperty().set("fabrikam.example"); // now its only, first series
        ChartData alone = model.chartsProperty().get().volume();
        assertThat(alone.series()).extracting(ChartData.Series::name).containsExactly("fabrikam.example");
        assertThat(alone.series().get(0).colour()).isEqualTo(fabrikam);
        model.fromProperty().set(model.toProperty().get().minusDays(200)); // weekly
        assertThat(model.chartsProperty().get().volume().series().get(0).colour()).isEqualTo(fabrikam);
    }

    @Test
    void otherDomainsAreAlwaysGreyAndEveryTlsVersionAndProtocolHasItsOwnFixedColour() {
        SeriesColours colours = new SeriesColours(List.of("a.example", "b.example"));
        assertThat(colours.domain(null)).isEqualTo(SeriesColours.OTHER);
        assertThat(colours.domain("B.example")).isEqualTo("mf-domain-1");
        assertThat(colours.domain("z.example")).isEqualTo(new SeriesColours(List.of("q.example")).domain("z.example"));
        assertThat(java.util.Arrays.stream(org.mailflow.smtpauth.TlsVersion.values()).map(SeriesColours::tls).distinct()).hasSize(7);
        assertThat(SeriesColours.tls(org.mailflow.smtpauth.TlsVersion.TLS1_0)).isEqualTo("mf-tls-tls1-0");
    }

    @Test
    void aTlsVersionHasTheSameColourDailyAndWeekly() throws Exception {
        SmtpAuthViewModel model = open(Locale.ENGLISH);
        List<String> daily = model.chartsProperty().get().tls().series().stream().map(ChartData.Series::colour).toList();
        model.fromProperty().set(model.toProperty().get().minusDays(150));
        assertThat(model.chartsProperty().get().tls().series()).extracting(ChartData.Series::colour).isEqualTo(daily);
        assertThat(daily.get(0)).isEqualTo("mf-tls-tls1-0");
    }

    @Test
    void countAxesTickAtWholeNumbersAndTheShareAxisGoesToOneHundred() throws Exception {
        SmtpAuthViewModel model = open(Locale.ENGLISH);
        model.domainProperty().set("fabrikam.example"); // at most 4 messages a day
        ReportCharts charts = model.chartsProperty().get();
        assertThat(charts.volume().ticks()).isEqualTo(new IntegerTicks(4, 1));
        assertThat(charts.auth().ticks()).isEqualTo(new IntegerTicks(4, 1));
        assertThat(charts.tls().ticks()).isNull();
        assertThat(charts.tls().percent()).isTrue();
        model.domainProperty().set("");
        // all domains: 306 messages on the last day (mallory 300 + alice 3 + ... ) → ticks of 100 up to 400
        IntegerTicks all = model.chartsProperty().get().volume().ticks();
        assertThat(all.unit()).isEqualTo(100);
        assertThat(all.upper()).isGreaterThanOrEqualTo(300).isLessThanOrEqualTo(400);
    }

    @Test
    void longRangesLabelOneDayAWeekOrAboutOneWeekAMonthWithDistinctCategories() throws Exception {
        SmtpAuthViewModel model = open(Locale.ENGLISH);
        model.quickPick(90);
        List<ChartData.Bar> bars = model.chartsProperty().get().volume().bars();
        assertThat(bars).hasSize(90);
        assertThat(bars.stream().map(ChartData.Bar::category).distinct()).hasSize(90);
        List<String> labels = bars.stream().map(ChartData.Bar::category).filter(c -> !c.isBlank() && !c.startsWith("\u200B")).toList();
        assertThat(labels).hasSize(14).startsWith("15 Aug", "22 Aug").endsWith("7 Nov", "12 Nov");
        assertThat(bars.get(1).periodText()).isEqualTo("16 Aug 2026"); // an unlabelled bar's tooltip still names its day
        model.fromProperty().set(model.toProperty().get().minusDays(364));
        List<ChartData.Bar> weeks = model.chartsProperty().get().volume().bars();
        assertThat(weeks).hasSize(53);
        assertThat(weeks.get(0).category()).isEqualTo("13 Nov*");
        assertThat(weeks.stream().filter(b -> !b.category().startsWith("\u200B")).count()).isBetween(12L, 16L);
        model.quickPick(30);
        assertThat(model.chartsProperty().get().volume().bars()).noneMatch(b -> b.category().startsWith("\u200B"));
    }
}
