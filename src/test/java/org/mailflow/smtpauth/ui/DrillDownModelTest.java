package org.mailflow.smtpauth.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.I18n;
import org.mailflow.ui.SyncTaskRunner;
import org.mailflow.cache.Cache;
import org.mailflow.smtpauth.IpTotals;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.testing.SmtpFixtures;

/** The drill-down's state in the view model, without a toolkit, on {@link SmtpFixtures}' last 7 days. */
class DrillDownModelTest {
    @TempDir
    Path dir;
    private Cache cache;
    private SmtpAuthViewModel model;

    @BeforeEach
    void open() throws Exception {
        cache = SmtpFixtures.smallSmtpCache(dir);
        model = new SmtpAuthViewModel(new CacheSession(cache, false), new SyncTaskRunner(), new I18n(Locale.ENGLISH));
        model.reload();
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private ChartData.Series series(ChartData chart, String name) {
        return chart.series().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aLegendEntryFiltersTheTableToItsDomainWithAChipThatClearsIt() {
        ChartData volume = model.chartsProperty().get().volume();
        model.drillDown(series(volume, "fabrikam.example").drill(), null);
        assertThat(model.sortedRows()).extracting(SenderTotals::domain).containsOnly("fabrikam.example").hasSize(2);
        assertThat(model.seriesChipProperty().get()).isEqualTo("Domain: fabrikam.example");
        assertThat(model.periodChipProperty().get()).isEmpty();
        assertThat(model.tableViewProperty().get()).isTrue();
        assertThat(model.countTextProperty().get()).isEqualTo("2 of 6 rows — 2 accounts");
        model.clearSeriesDrill();
        assertThat(model.sortedRows()).hasSize(6);
        assertThat(model.seriesChipProperty().get()).isEmpty();
    }

    @Test
    void aBarFiltersTheTableToItsSeriesAndItsDayWhoseRowsCountThatDayOnly() {
        ChartData volume = model.chartsProperty().get().volume();
        ChartData.Bar lastDay = volume.bars().get(6); // 12 Nov
        model.drillDown(series(volume, "contoso.example").drill(), lastDay);
        assertThat(model.sortedRows()).extracting(SenderTotals::address)
                .containsExactlyInAnyOrder("alice@contoso.example", "mallory@contoso.example");
        assertThat(model.sortedRows()).filteredOn(r -> r.address().startsWith("alice")).extracting(SenderTotals::total).containsExactly(3L);
        assertThat(model.periodChipProperty().get()).isEqualTo("Day: 12 Nov 2026");
        assertThat(model.seriesChipProperty().get()).isEqualTo("Domain: contoso.example");
        model.clearPeriodDrill();
        assertThat(model.sortedRows()).extracting(SenderTotals::domain).containsOnly("contoso.example").hasSize(4);
        assertThat(model.sortedRows()).filteredOn(r -> r.address().startsWith("alice")).extracting(SenderTotals::total).containsExactly(21L);
    }

    @Test
    void aTlsVersionKeepsTheSendersThatUsedIt() {
        model.pivotProperty().set(SmtpExports.Pivot.TLS);
        model.drillDown(series(model.chartsProperty().get().tls(), "TLS1.0").drill(), null);
        assertThat(model.sortedRows()).extracting(SenderTotals::address).containsExactly("printer@contoso.example");
        assertThat(model.seriesChipProperty().get()).isEqualTo("TLS version: TLS1.0");
    }

    @Test
    void theOtherPivotOrNewDatesClearTheDrillDown() {
        model.drillDown(series(model.chartsProperty().get().volume(), "fabrikam.example").drill(),
                model.chartsProperty().get().volume().bars().get(6));
        model.pivotProperty().set(SmtpExports.Pivot.AUTH);
        assertThat(model.seriesChipProperty().get()).isEmpty();
        assertThat(model.periodChipProperty().get()).isEmpty();
        assertThat(model.sortedRows()).hasSize(6);
        model.drillDown(series(model.chartsProperty().get().auth(), "OAuth").drill(), null);
        assertThat(model.sortedRows()).extracting(SenderTotals::address).containsExactly("bob@fabrikam.example");
        model.quickPick(30);
        assertThat(model.seriesChipProperty().get()).isEmpty();
        assertThat(model.sortedRows()).hasSizeGreaterThan(1);
    }

    @Test
    void onTheClientIpsPivotTheFailuresSeriesListsTheIpsWithFailedAuthentications() {
        model.pivotProperty().set(SmtpExports.Pivot.IPS);
        int all = model.sortedIps().size();
        ChartData ips = model.chartsProperty().get().ips();
        model.drillDown(series(ips, "Failed authentications").drill(), null);
        assertThat(model.sortedIps()).isNotEmpty().allMatch(ip -> ip.failures() > 0);
        assertThat(model.sortedIps().size()).isLessThan(all);
        assertThat(model.seriesChipProperty().get()).isEqualTo("Client IPs: Failed authentications");
        model.clearDrill();
        assertThat(model.sortedIps()).hasSize(all);
        model.drillDown(series(ips, "Messages sent").drill(), ips.bars().get(0)); // 6 Nov
        assertThat(model.sortedIps()).extracting(IpTotals::address).contains("10.0.0.1");
        assertThat(model.sortedIps().stream().mapToLong(IpTotals::messages).sum())
                .isEqualTo(model.reportProperty().get().messagesPerBucket()[0]);
        assertThat(model.sortedIps().size()).isLessThan(all);
    }
}
