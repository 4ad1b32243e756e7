package org.mailflow.app.dashboard;

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
import org.mailflow.geo.GeoLookup;
import org.mailflow.model.DayWindow;
import org.mailflow.smtpauth.AuthProtocol;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.ReportFilter;
import org.mailflow.smtpauth.SmtpReport;
import org.mailflow.testing.SmtpFixtures;

/** The SMTP AUTH card's Basic and unusual-activity figures on {@link SmtpFixtures}, and their agreement with the report. */
class DashboardViewModelTest {
    @TempDir
    Path dir;

    private Cache cache;
    private DashboardViewModel model;

    @BeforeEach
    void load() throws Exception {
        cache = SmtpFixtures.smallSmtpCache(dir);
        model = new DashboardViewModel(new CacheSession(cache, false), new SyncTaskRunner(), new I18n(Locale.ENGLISH), GeoLookup::none);
        model.reload();
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void theCardCountsBasicSendersAndUnusualActivityIncludingBasicAuth() {
        assertThat(model.smtpSendersProperty().get()).isEqualTo("6");
        assertThat(model.smtpBasicProperty().get()).isEqualTo("5 on Basic auth");
        assertThat(model.smtpHasBasicProperty().get()).isTrue();
        // legacy-tls: printer, scanner; basic-auth: all but bob; new-sender: bob
        assertThat(model.smtpUnusualProperty().get()).isEqualTo("6 with unusual activity");
    }

    @Test
    void theFlyoutSplitsTheWeeksMessagesIntoBasicAndOAuthOnly() {
        assertThat(model.protocolSharesProperty().get())
                .extracting(ProtocolShare::protocol, ProtocolShare::count,
                        ProtocolShare::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuthProtocol.BASIC, 400L, "99.5 % (400)"),
                        org.assertj.core.groups.Tuple.tuple(AuthProtocol.OAUTH, 2L, "0.5 % (2)"));
        assertThat(model.flyoutBasicAccountsProperty().get()).isEqualTo("Accounts on Basic authentication: 5 of 6");
    }

    @Test
    void cardAndReportOfTheSameSevenDaysAgree() throws Exception {
        DayWindow week = DayWindow.endingOn(SmtpFixtures.AS_OF, DashboardViewModel.SMTP_DAYS);
        ReportData report = SmtpReport.compute(new org.mailflow.cache.SmtpStore(cache).load(), ReportFilter.all(week));
        assertThat(report.senders()).isEqualTo(6);
        assertThat(report.basicSenders()).isEqualTo(5);
        assertThat(report.protocolTotal(AuthProtocol.BASIC)).isEqualTo(400);
        assertThat(report.protocolTotal(AuthProtocol.OAUTH)).isEqualTo(2);
        assertThat(DashboardViewModel.unusualSenders(new org.mailflow.cache.SmtpStore(cache).load(), week)).isEqualTo(6);
    }

    @Test
    void traditionalChineseCardLines() throws Exception {
        DashboardViewModel zh = new DashboardViewModel(new CacheSession(cache, false), new SyncTaskRunner(),
                new I18n(I18n.ZH_TW), GeoLookup::none);
        zh.reload();
        assertThat(zh.smtpBasicProperty().get()).isEqualTo("5 個使用基本驗證");
        assertThat(zh.smtpUnusualProperty().get()).isEqualTo("6 個有異常活動");
        assertThat(zh.flyoutBasicAccountsProperty().get()).isEqualTo("使用基本驗證的帳戶：5 個（共 6 個）");
    }
}
