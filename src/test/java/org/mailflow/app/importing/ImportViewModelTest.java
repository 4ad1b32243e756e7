package org.mailflow.app.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where real data goes while demo data is open. */
class ImportViewModelTest extends AppHomeTest {
    @Test
    void theSummaryTellsTheSmtpAuthSubmissionsBehindTheRows() throws Exception {
        java.nio.file.Path csv = home.resolve("smtp.csv");
        java.nio.file.Files.writeString(csv, """
                timestamp,sender,tls_version,client_ip,auth_method,count
                2026-11-12 08:00:00,printer@contoso.example,TLSv1,10.0.0.5,PLAIN,7
                2026-11-12 09:00:00,alice@contoso.example,TLS 1.2,10.0.0.6,LOGIN,
                """);
        try (org.mailflow.cache.Cache cache = org.mailflow.cache.Cache.open(home.resolve("mine.db"))) {
            org.mailflow.app.AppContext context = new org.mailflow.app.AppContext(org.mailflow.ui.Settings.inMemory(),
                    new org.mailflow.ui.I18n(java.util.Locale.ENGLISH), new org.mailflow.ui.SyncTaskRunner(), () -> home);
            context.sessionProperty().set(new org.mailflow.ui.CacheSession(cache, false));
            ImportViewModel model = context.newImportViewModel();
            model.addFiles(java.util.List.of(csv));
            model.start();
            assertThat(model.stateProperty().get()).isEqualTo(ImportViewModel.State.DONE);
            assertThat(model.summaryProperty().get()).isEqualTo("""
                    smtp.csv: 2 rows imported (smtp-auth, 8 submissions)
                    Total: 2 rows imported (8 SMTP AUTH submissions)""");
            assertThat(new org.mailflow.cache.SmtpStore(cache).totalSubmissions()).isEqualTo(8);
        }
    }

    @Test
    void aLogAndAMailboxAreSummarisedInTheirOwnWordsAndTheYearFieldIsChecked() throws Exception {
        java.nio.file.Path log = home.resolve("mail.log");
        java.nio.file.Files.writeString(log, """
                Nov 12 08:00:01 mx1 postfix/submission/smtpd[1]: 4A1B2C3D4E: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=alice@example.com
                Nov 12 08:00:02 mx1 postfix/smtpd[2]: warning: unknown[203.0.113.6]: SASL LOGIN authentication failed: UGFzc3dvcmQ6, sasl_username=bob@example.com
                Nov 12 08:00:03 mx1 postfix/anvil[3]: statistics: max connection rate 1/60s
                """);
        java.nio.file.Path mbox = home.resolve("Junk.mbox");
        java.nio.file.Files.writeString(mbox, """
                From news@shop.example Thu Nov 12 08:30:00 2026
                From: Shop <news@shop.example>
                Date: Thu, 12 Nov 2026 08:30:00 +0000
                X-Microsoft-Antispam: BCL:6;

                Buy now
                From sender@nobcl.example Thu Nov 12 09:30:00 2026
                From: sender@nobcl.example
                Date: Thu, 12 Nov 2026 09:30:00 +0000

                Hello
                """);
        try (org.mailflow.cache.Cache cache = org.mailflow.cache.Cache.open(home.resolve("mine.db"))) {
            org.mailflow.app.AppContext context = new org.mailflow.app.AppContext(org.mailflow.ui.Settings.inMemory(),
                    new org.mailflow.ui.I18n(java.util.Locale.ENGLISH), new org.mailflow.ui.SyncTaskRunner(), () -> home);
            context.sessionProperty().set(new org.mailflow.ui.CacheSession(cache, false));
            ImportViewModel model = context.newImportViewModel();
            model.addFiles(java.util.List.of(log, mbox));
            model.yearProperty().set("26");
            assertThat(model.yearValidProperty().get()).isFalse();
            assertThat(model.canStartProperty().get()).isFalse();
            model.yearProperty().set("2026");
            assertThat(model.canStartProperty().get()).isTrue();
            model.start();
            assertThat(model.stateProperty().get()).isEqualTo(ImportViewModel.State.DONE);
            assertThat(model.summaryProperty().get()).isEqualTo("""
                    mail.log: 1 submission and 1 failed authentication imported (postfix, 3 lines read, 1 not about SMTP AUTH)
                    Junk.mbox: 1 bulk message imported (mbox, 2 messages read, 1 without a BCL skipped)
                    Total: 1 SMTP AUTH submission, 1 failed authentication, 1 bulk message imported
                    1 of the 1 submissions from logs have no known TLS version (TLS or not logged): Postfix logs the version with \
                    smtpd_tls_loglevel = 1 (Exim's default log_selector already does).""");
            assertThat(new org.mailflow.cache.SmtpStore(cache).totalSubmissions()).isEqualTo(1);
        }
    }

    @Test
    void realFilesGoToCacheDbUnlessThatIsTheDemoCacheItself() {
        assertThat(ImportViewModel.ownCache(home.resolve("demo.db"))).isEqualTo(home.resolve("cache.db"));
        assertThat(ImportViewModel.ownCache(home.resolve("cache.db"))).isEqualTo(home.resolve("cache-2.db"));
    }
}
