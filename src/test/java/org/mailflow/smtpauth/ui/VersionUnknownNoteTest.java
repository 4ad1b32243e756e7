package org.mailflow.smtpauth.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.I18n;
import org.mailflow.ui.SyncTaskRunner;
import org.mailflow.ui.TlsTexts;
import org.mailflow.app.dashboard.DashboardViewModel;
import org.mailflow.cache.Cache;
import org.mailflow.cache.SmtpStore;
import org.mailflow.smtpauth.SenderFilter;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.TlsColumn;
import org.mailflow.smtpauth.TlsVersion;

/**
 * SPEC 2: submissions without a known TLS version ({@code TLS} and {@code unknown}) are never hidden:
 * the report and the Dashboard say how many there are and, above 20 % of the window, which setting
 * logs the version; the TLS table counts them in {@code Version unknown %}; they are never legacy.
 */
class VersionUnknownNoteTest {
    @TempDir
    Path dir;

    private static final LocalDate DAY = LocalDate.of(2026, 11, 12);

    /** alice: 6 TLS1.3; printer: 2 none; a default Postfix's phone: 1 TLS (statistics only), 1 unknown (Postfix 2.x). */
    private Cache cache(long tls13, long none, long tls, long unknown) throws Exception {
        Cache c = Cache.open(dir.resolve("c" + System.nanoTime() + ".db"));
        c.write(conn -> {
            try (SmtpStore.Writer w = new SmtpStore.Writer(conn)) {
                long d = DAY.toEpochDay();
                w.addSubmission(d, null, "alice@x.example", "x.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_3, "", "mx", null, tls13);
                w.addSubmission(d, null, "printer@x.example", "x.example", "PLAIN", "10.0.0.2", TlsVersion.NONE, "", "mx", null, none);
                w.addSubmission(d, null, "phone@x.example", "x.example", "PLAIN", "10.0.0.3", TlsVersion.TLS, "", "mx", null, tls);
                w.addSubmission(d, null, "phone@x.example", "x.example", "PLAIN", "10.0.0.3", TlsVersion.UNKNOWN, "", "mx", null, unknown);
                w.flush();
            }
            return null;
        });
        return c;
    }

    private SmtpAuthViewModel report(Cache c) {
        SmtpAuthViewModel m = new SmtpAuthViewModel(new CacheSession(c, false), new SyncTaskRunner(), new I18n(Locale.ENGLISH));
        m.reload();
        return m;
    }

    @Test
    void aFifthOrLessWithoutAKnownVersionIsCountedWithoutTheHint() throws Exception {
        try (Cache c = cache(6, 2, 1, 1)) {
            SmtpAuthViewModel m = report(c);
            assertThat(m.versionNoteProperty().get()).isEqualTo("2 of 10 messages (20%) have no known TLS version (TLS or not logged).");
            assertThat(m.versionHintProperty().get()).isFalse();
            assertThat(m.reportProperty().get().legacySenders()).as("TLS and unknown are never legacy").isEqualTo(1);
            SenderTotals phone = m.sortedRows().stream().filter(r -> r.address().startsWith("phone")).findFirst().orElseThrow();
            assertThat(TlsColumn.VERSION_UNKNOWN.percent(phone)).isEqualTo("100.0");
            assertThat(SenderFilter.Column.VERSION_UNKNOWN.value(phone)).isEqualTo("100.0");
        }
    }

    @Test
    void moreThanAFifthWithoutAKnownVersionNamesTheSettingThatLogsIt() throws Exception {
        try (Cache c = cache(6, 1, 2, 1)) {
            SmtpAuthViewModel m = report(c);
            assertThat(m.versionNoteProperty().get()).startsWith("3 of 10 messages (30%) have no known TLS version")
                    .contains("smtpd_tls_loglevel = 1").contains("Exim's default log_selector");
            assertThat(m.versionHintProperty().get()).isTrue();
        }
    }

    @Test
    void everyVersionKnownGivesNoNote() throws Exception {
        try (Cache c = cache(6, 2, 0, 0)) {
            assertThat(report(c).versionNoteProperty().get()).isEmpty();
        }
    }

    @Test
    void theDashboardCardSaysTheSameForItsSevenDays() throws Exception {
        try (Cache c = cache(1, 1, 4, 4)) {
            DashboardViewModel d = new DashboardViewModel(new CacheSession(c, false), new SyncTaskRunner(), new I18n(Locale.ENGLISH));
            d.reload();
            assertThat(d.smtpVersionNoteProperty().get()).startsWith("8 of 10 messages (80%) have no known TLS version")
                    .contains("smtpd_tls_loglevel = 1");
            assertThat(d.smtpVersionHintProperty().get()).isTrue();
            assertThat(d.smtpLegacyProperty().get()).startsWith("1 of them");
        }
    }

    @Test
    void theTokensHaveTheirOwnLabelsInBothLanguages() {
        TlsTexts en = new TlsTexts(new I18n(Locale.ENGLISH));
        assertThat(en.label(TlsVersion.TLS)).isEqualTo("TLS (version not logged)");
        assertThat(en.label(TlsVersion.UNKNOWN)).isEqualTo("Not logged (TLS or not)");
        assertThat(en.label(TlsVersion.NONE)).isEqualTo("No TLS");
        assertThat(en.label(TlsVersion.TLS1_2)).isEqualTo("TLS1.2");
        TlsTexts zh = new TlsTexts(new I18n(I18n.ZH_TW));
        assertThat(zh.label(TlsVersion.UNKNOWN)).isEqualTo("未記錄（是否加密不明）");
        assertThat(zh.versionNote(3, 10)).startsWith("10 封郵件中有 3 封").contains("smtpd_tls_loglevel = 1");
    }
}
