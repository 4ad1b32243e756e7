package org.mailflow.app.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.CacheLocations;

/** Where real data goes while demo data is open. */
class ImportViewModelTest {
    @TempDir
    Path home;
    private String old;

    @BeforeEach
    void moveHome() {
        old = System.getProperty(CacheLocations.HOME_PROPERTY);
        System.setProperty(CacheLocations.HOME_PROPERTY, home.toString());
    }

    @AfterEach
    void restoreHome() {
        if (old == null) {
            System.clearProperty(CacheLocations.HOME_PROPERTY);
        } else {
            System.setProperty(CacheLocations.HOME_PROPERTY, old);
        }
    }

    @Test
    void theSummaryTellsTheSmtpAuthSubmissionsBehindTheRows() throws Exception {
        java.nio.file.Path csv = home.resolve("smtp.csv");
        java.nio.file.Files.writeString(csv, """
                timestamp,sender,tls_version,client_ip,auth_method,count
                2026-11-12 08:00:00,printer@contoso.example,TLSv1,10.0.0.5,PLAIN,7
                2026-11-12 09:00:00,alice@contoso.example,TLS 1.2,10.0.0.6,LOGIN,
                """);
        try (org.mailflow.cache.Cache cache = org.mailflow.cache.Cache.open(home.resolve("mine.db"))) {
            org.mailflow.app.AppContext context = new org.mailflow.app.AppContext(org.mailflow.app.Settings.inMemory(),
                    new org.mailflow.app.I18n(java.util.Locale.ENGLISH), new org.mailflow.app.SyncTaskRunner(), () -> home);
            context.sessionProperty().set(new org.mailflow.app.CacheSession(cache, false));
            ImportViewModel model = new ImportViewModel(context);
            model.addFiles(java.util.List.of(csv));
            model.start();
            assertThat(model.stateProperty().get()).isEqualTo(ImportViewModel.State.DONE);
            assertThat(model.summaryProperty().get()).isEqualTo("""
                    smtp.csv: 2 rows imported (smtp-auth, 8 submissions)
                    Total: 2 rows imported, no bad rows skipped.
                    8 SMTP AUTH submissions added.""");
            assertThat(new org.mailflow.cache.SmtpStore(cache).totalSubmissions()).isEqualTo(8);
        }
    }

    @Test
    void realFilesGoToCacheDbUnlessThatIsTheDemoCacheItself() {
        assertThat(ImportViewModel.ownCache(home.resolve("demo.db"))).isEqualTo(home.resolve("cache.db"));
        assertThat(ImportViewModel.ownCache(home.resolve("cache.db"))).isEqualTo(home.resolve("cache-2.db"));
    }
}
