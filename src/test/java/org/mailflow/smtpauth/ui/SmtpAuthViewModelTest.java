package org.mailflow.smtpauth.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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
import org.mailflow.cache.SmtpStore;
import org.mailflow.smtpauth.IpFilter;
import org.mailflow.smtpauth.IpHistory;
import org.mailflow.smtpauth.IpTotals;
import org.mailflow.smtpauth.SenderFilter;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.testing.SmtpFixtures;

/** The report page's state with a synchronous runner, on {@link SmtpFixtures}. */
class SmtpAuthViewModelTest {
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

    /** The app's export feature, writing to {@code dir} at once. */
    private org.mailflow.ui.export.Exports exports() {
        return new org.mailflow.ui.export.Exports(new SyncTaskRunner(), () -> new I18n(Locale.ENGLISH), () -> dir,
                () -> (title, text) -> { }, new org.mailflow.ui.LongOperations());
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void aWindowThatStartsBeforeTheFirstDataDaySaysWhereTheDataStarts() {
        assertThat(model.windowLabelProperty().get()).isEqualTo("6 Nov – 12 Nov 2026");
        model.fromProperty().set(SmtpFixtures.AS_OF.minusDays(120));
        assertThat(model.windowLabelProperty().get()).isEqualTo("15 Jul – 12 Nov 2026 · data from 4 Aug");
        model.toProperty().set(SmtpFixtures.AS_OF.plusDays(5));
        assertThat(model.windowLabelProperty().get()).isEqualTo("15 Jul – 17 Nov 2026 · data from 4 Aug to 12 Nov");
        model.fromProperty().set(SmtpFixtures.AS_OF.minusDays(6));
        assertThat(model.windowLabelProperty().get()).isEqualTo("6 Nov – 17 Nov 2026 · data until 12 Nov");
    }

    @Test
    void theDataFromNoteIsTranslated() {
        SmtpAuthViewModel zh = new SmtpAuthViewModel(new CacheSession(cache, false), new SyncTaskRunner(), new I18n(I18n.ZH_TW));
        zh.reload();
        zh.fromProperty().set(SmtpFixtures.AS_OF.minusDays(120));
        assertThat(zh.windowLabelProperty().get()).endsWith(" · 資料自 8月4日 起");
        zh.dispose();
    }

    @Test
    void loadingLastsUntilTheFirstReportOfTheLoadedData() {
        org.mailflow.testing.ManualRunner runner = new org.mailflow.testing.ManualRunner();
        SmtpAuthViewModel m = new SmtpAuthViewModel(new CacheSession(cache, false), runner, new I18n(Locale.ENGLISH));
        m.reload();
        assertThat(m.loadingProperty().get()).isTrue();
        runner.finishNext(); // every submission in memory; the report is being computed
        assertThat(m.reportProperty().get()).isNull();
        assertThat(m.loadingProperty().get()).isTrue();
        runner.finishNext(); // the report
        assertThat(m.reportProperty().get().messages()).isEqualTo(402);
        assertThat(m.loadingProperty().get()).isFalse();
        m.fromProperty().set(SmtpFixtures.AS_OF.minusDays(29)); // recomputed from memory: the old report stays meanwhile
        assertThat(m.loadingProperty().get()).isFalse();
        m.dispose();
    }

    @Test
    void anEmptyCacheIsNotLoadingForever(@TempDir Path empty) throws Exception {
        try (Cache none = Cache.open(empty.resolve("empty.db"))) {
            SmtpAuthViewModel m = new SmtpAuthViewModel(new CacheSession(none, false), new SyncTaskRunner(), new I18n(Locale.ENGLISH));
            m.reload();
            assertThat(m.loadedProperty().get()).isTrue();
            assertThat(m.hasDataProperty().get()).isFalse();
            assertThat(m.loadingProperty().get()).isFalse();
            m.dispose();
        }
    }

    @Test
    void opensOnTheSevenDaysEndingOnTheLatestSubmission() {
        assertThat(model.fromProperty().get()).isEqualTo(SmtpFixtures.AS_OF.minusDays(6));
        assertThat(model.toProperty().get()).isEqualTo(SmtpFixtures.AS_OF);
        assertThat(model.reportProperty().get().messages()).isEqualTo(402);
        assertThat(model.domains()).containsExactly("", "contoso.example", "fabrikam.example");
        assertThat(model.countTextProperty().get()).isEqualTo("6 rows — 6 accounts");
    }

    @Test
    void aQuickPickKeepsTheEndDateAndMovesTheStart() {
        model.quickPick(30);
        assertThat(model.fromProperty().get()).isEqualTo(SmtpFixtures.AS_OF.minusDays(29));
        assertThat(model.reportProperty().get().messages()).isEqualTo(430);
        model.quickPick(90);
        assertThat(model.reportProperty().get().messages()).isEqualTo(430 + 3 + 1 + 1);
    }

    @Test
    void aWiderWindowIsLoadedAndANarrowerOneOrADomainReusesIt() {
        // Issue 15: the page holds one window's data; a window it does not cover is loaded, others are computed from it.
        var week = model.datasetProperty().get();
        assertThat(week.loadedWindow()).contains(new org.mailflow.model.DayWindow(SmtpFixtures.AS_OF.minusDays(6), SmtpFixtures.AS_OF));
        model.quickPick(90);
        var quarter = model.datasetProperty().get();
        assertThat(quarter).isNotSameAs(week);
        assertThat(quarter.loadedWindow().orElseThrow().days()).isEqualTo(90);
        model.domainProperty().set("contoso.example");
        model.quickPick(7);
        assertThat(model.datasetProperty().get()).isSameAs(quarter);
        assertThat(model.reportProperty().get().filter().window().days()).isEqualTo(7);
    }

    @Test
    void anEndBeforeTheStartIsReportedAndKeepsTheLastReport() {
        model.toProperty().set(SmtpFixtures.AS_OF.minusDays(10));
        assertThat(model.rangeErrorProperty().get()).startsWith("The end date is before the start date");
        assertThat(model.reportProperty().get().messages()).isEqualTo(402);
        model.fromProperty().set(SmtpFixtures.AS_OF.minusDays(20));
        assertThat(model.rangeErrorProperty().get()).isEmpty();
        assertThat(model.reportProperty().get().filter().window().days()).isEqualTo(11);
    }

    @Test
    void searchAndClausesFilterTheRowsWithoutRecomputingTheReport() {
        var report = model.reportProperty().get();
        model.searchProperty().set("ALI");
        assertThat(model.sortedRows()).extracting(SenderTotals::address).containsExactly("alice@contoso.example");
        model.searchProperty().set("");
        ClauseModel c = model.addClause();
        c.columnProperty().set(SenderFilter.Column.MESSAGES);
        c.operatorProperty().set(SenderFilter.Operator.IS);
        c.valueProperty().set("15");
        assertThat(model.sortedRows()).extracting(SenderTotals::address).containsExactly("printer@contoso.example");
        model.removeClause(c);
        model.unusualOnlyProperty().set(true);
        assertThat(model.sortedRows()).hasSize(6); // every sender but bob has basic-auth; bob is new
        assertThat(model.reportProperty().get()).isSameAs(report);
    }

    @Test
    void selectingARowFillsThePanelAndAnExportWritesTheShownRows() throws Exception {
        SenderTotals printer = model.sortedRows().stream().filter(r -> r.address().startsWith("printer")).findFirst().orElseThrow();
        model.selectedProperty().set(printer);
        var panel = model.panelProperty().get();
        assertThat(panel.history().total()).isEqualTo(15);
        assertThat(panel.history().methods()).extracting(m -> m.value()).containsExactly("PLAIN");
        assertThat(panel.history().clientIps()).extracting(m -> m.ip()).containsExactly("10.0.0.50");
        model.pivotProperty().set(SmtpExports.Pivot.TLS);
        model.searchProperty().set("printer");
        exports().toDownloads(model.tableExport());
        assertThat(Files.readString(dir.resolve("SMTP AUTH TLS usage.csv"))).isEqualTo(
                "Sender address,Domain,TLS1.0 %,TLS1.1 %,TLS1.2 %,TLS1.3 %,No TLS %,Version unknown %,Messages sent\r\n"
                        + "printer@contoso.example,contoso.example,66.7,0.0,0.0,0.0,33.3,0.0,15\r\n");
    }

    private IpTotals ip(String address) {
        return model.sortedIps().stream().filter(r -> r.address().equals(address)).findFirst().orElseThrow();
    }

    @Test
    void theClientIpsPivotSearchesItsOwnRowsAndCountsThem() {
        model.searchProperty().set("mallory");
        model.pivotProperty().set(SmtpExports.Pivot.IPS);
        assertThat(model.countTextProperty().get()).isEqualTo("19 of 19 client IPs");
        model.ipSearchProperty().set("203.0.113.1");
        assertThat(model.sortedIps()).extracting(IpTotals::address).containsExactly("203.0.113.1", "203.0.113.10", "203.0.113.11",
                "203.0.113.12");
        assertThat(model.countTextProperty().get()).isEqualTo("4 of 19 client IPs");
        assertThat(model.sortedRows()).hasSize(1); // the senders' search is their own
        model.pivotProperty().set(SmtpExports.Pivot.AUTH);
        assertThat(model.countTextProperty().get()).isEqualTo("1 of 6 rows — 1 account");
    }

    @Test
    void exportsOfTheAuthenticationAndClientIpsPivotsAreTheBytesOfSmtpExports() throws Exception {
        var report = model.reportProperty().get();
        model.pivotProperty().set(SmtpExports.Pivot.AUTH);
        exports().toDownloads(model.tableExport());
        java.io.StringWriter auth = new java.io.StringWriter();
        SmtpExports.writeTable(auth, SmtpExports.Pivot.AUTH, report.rows());
        assertThat(Files.readString(dir.resolve("SMTP AUTH authentication.csv"))).isEqualTo(auth.toString())
                .startsWith("Sender address,Domain,Basic %,OAuth %,Other %,Auth methods,Last Basic use,Messages sent\r\n"
                        + "mallory@contoso.example,contoso.example,100.0,0.0,0.0,LOGIN,2026-11-12,310\r\n");
        model.pivotProperty().set(SmtpExports.Pivot.IPS);
        model.ipSearchProperty().set("10.0.0");
        exports().toDownloads(model.tableExport());
        java.io.StringWriter ips = new java.io.StringWriter();
        SmtpExports.writeIpTable(ips, report.ips().stream().filter(new IpFilter("10.0.0", Locale.ENGLISH)::matches).toList());
        assertThat(Files.readString(dir.resolve("SMTP AUTH client IPs.csv"))).isEqualTo(ips.toString())
                .startsWith("Client IP,Country,Network,Accounts,Messages sent,Failed authentications,Accounts failed\r\n10.0.0.60,Private network,,1,50,0,0\r\n");
    }

    @Test
    void anAccountOfAnIpOpensItsSenderPanelUntilClosedOrAnotherIpIsChosen() {
        model.pivotProperty().set(SmtpExports.Pivot.IPS);
        model.selectedIpProperty().set(ip(""));
        IpHistory h = model.ipPanelProperty().get().history();
        assertThat(h.accounts()).extracting(IpHistory.AccountRow::address).containsExactly("mallory@contoso.example", "alice@contoso.example");
        assertThat(h.failures()).isEqualTo(45);
        assertThat(model.showAccount("alice@contoso.example")).isTrue();
        assertThat(model.panelProperty().get().history().address()).isEqualTo("alice@contoso.example");
        assertThat(model.panelProperty().get().row().domain()).isEqualTo("contoso.example");
        model.quickPick(30); // a new window: both panels follow it
        assertThat(model.ipPanelProperty().get().history().window().days()).isEqualTo(30);
        assertThat(model.panelProperty().get().history().window().days()).isEqualTo(30);
        model.closePanel();
        assertThat(model.panelProperty().get()).isNull();
        assertThat(model.ipPanelProperty().get()).isNotNull();
        model.showAccount("mallory@contoso.example");
        model.selectedIpProperty().set(ip("10.0.0.1"));
        assertThat(model.panelProperty().get()).isNull();
        assertThat(model.ipPanelProperty().get().history().accounts()).extracting(IpHistory.AccountRow::address)
                .containsExactly("alice@contoso.example");
        assertThat(model.showAccount("")).isFalse();
        assertThat(model.showAccount("nobody@contoso.example")).isFalse();
        assertThat(model.panelProperty().get()).isNull();
    }

    @Test
    void aSenderPanelClosesWhenThePageTurnsToTheOtherKindOfTable() {
        SenderTotals alice = model.sortedRows().stream().filter(r -> r.address().startsWith("alice")).findFirst().orElseThrow();
        model.selectedProperty().set(alice);
        model.pivotProperty().set(SmtpExports.Pivot.AUTH);
        assertThat(model.panelProperty().get()).isNotNull(); // the same table, other columns
        model.pivotProperty().set(SmtpExports.Pivot.IPS);
        assertThat(model.panelProperty().get()).isNull();
        assertThat(model.selectedProperty().get()).isNull();
    }

    /**
     * With the bundled databases (8.8.8.8 is Google's in the United States, 1.1.1.1 Cloudflare's in
     * Australia): the IP table searches the network and the country in the UI's language, and the
     * sender panel's map gets the account's countries.
     */
    @Test
    void placedClientIpsAreSearchedByNetworkOrLocalizedCountryAndMappedByCountry(@TempDir Path other) throws Exception {
        try (Cache placed = Cache.open(other.resolve("placed.db"))) {
            long day = SmtpFixtures.AS_OF.toEpochDay();
            placed.write(c -> {
                try (SmtpStore.Writer w = new SmtpStore.Writer(c)) {
                    w.addSubmission(day, null, "eve@contoso.example", "contoso.example", "LOGIN", "8.8.8.8", TlsVersion.TLS1_2, "", "smtp1",
                            null, 30);
                    w.addSubmission(day, null, "eve@contoso.example", "contoso.example", "LOGIN", "1.1.1.1", TlsVersion.TLS1_2, "", "smtp1",
                            null, 3);
                    w.flush();
                }
                return null;
            });
            SmtpAuthViewModel zh = new SmtpAuthViewModel(new CacheSession(placed, false), new SyncTaskRunner(), new I18n(I18n.ZH_TW),
                    org.mailflow.geo.GeoLookup::bundled);
            zh.reload();
            zh.pivotProperty().set(SmtpExports.Pivot.IPS);
            zh.ipSearchProperty().set("as15169");
            assertThat(zh.sortedIps()).extracting(IpTotals::address).containsExactly("8.8.8.8");
            zh.ipSearchProperty().set("澳洲"); // Australia in the UI's language
            assertThat(zh.sortedIps()).extracting(IpTotals::address).containsExactly("1.1.1.1");
            assertThat(zh.sortedIps().get(0).country()).isEqualTo("Australia"); // exports stay English
            zh.ipSearchProperty().set("");
            zh.pivotProperty().set(SmtpExports.Pivot.AUTH);
            zh.selectedProperty().set(zh.sortedRows().get(0));
            var countries = zh.panelProperty().get().history().countries();
            assertThat(countries).extracting(c -> c.value()).containsExactly("US", "AU");
            assertThat(CountryMap.levels(countries)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                    org.controlsfx.control.WorldMapView.Country.US, 4, org.controlsfx.control.WorldMapView.Country.AU, 2));
            zh.dispose();
        }
    }
}
