package org.mailflow.app;

import org.mailflow.ui.SyncTaskRunner;

import org.mailflow.ui.Settings;

import org.mailflow.ui.I18n;

import org.mailflow.ui.CacheSession;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.app.importing.ImportViewModel;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheLocations;
import org.mailflow.ingest.ImportJob;
import org.mailflow.ingest.ImportOptions;
import org.mailflow.ingest.ImportProgress;

/**
 * The open app notices when another program (a scheduled import) commits to its cache: the pages
 * reload as after its own import, and a notification says why; its own imports do not count.
 */
class OtherProgramImportTest {
    @TempDir
    Path dir;
    private String oldHome;

    @BeforeEach
    void ownHome() throws Exception {
        oldHome = System.getProperty(CacheLocations.HOME_PROPERTY);
        System.setProperty(CacheLocations.HOME_PROPERTY, Files.createDirectories(dir.resolve("home")).toString());
    }

    @AfterEach
    void restoreHome() {
        if (oldHome == null) {
            System.clearProperty(CacheLocations.HOME_PROPERTY);
        } else {
            System.setProperty(CacheLocations.HOME_PROPERTY, oldHome);
        }
    }

    private Path csv(String tag, int count) throws Exception {
        return Files.writeString(dir.resolve(tag + ".csv"), "timestamp,sender,tls_version,client_ip,auth_method,count\n"
                + "2026-11-12 08:00:00," + tag + "@contoso.example,TLS 1.2,10.0.0.5,PLAIN," + count + "\n");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
    }

    @Test
    void anImportByAnotherProgramReloadsThePagesWithANotificationAndTheAppsOwnDoesNot() throws Exception {
        Path file = dir.resolve("cache.db");
        List<String> notes = new CopyOnWriteArrayList<>();
        try (Cache cache = Cache.open(file)) {
            AppContext context = new AppContext(Settings.inMemory(), new I18n(Locale.ENGLISH), new SyncTaskRunner(), () -> dir);
            context.setNotifier((title, text) -> notes.add(title + ": " + text));
            MainWindowViewModel main = context.mainWindow();
            CacheSession session = new CacheSession(cache, false);
            context.sessionProperty().set(session);

            // the app's own import: the pages reload (data version 1), no "another program" note
            ImportViewModel own = context.newImportViewModel();
            own.addFiles(List.of(csv("own", 3)));
            own.start();
            assertThat(own.stateProperty().get()).isEqualTo(ImportViewModel.State.DONE);
            assertThat(session.dataVersionProperty().get()).isEqualTo(1);
            Thread.sleep(3 * 1500 + 500);
            assertThat(notes).isEmpty();
            assertThat(session.dataVersionProperty().get()).isEqualTo(1);

            // another program: its own connections and its own turn at the lock
            try (Cache other = Cache.open(file)) {
                new ImportJob(other, ImportOptions.DEFAULT).run(List.of(csv("scheduled", 5)), ImportProgress.NONE, () -> false);
            }
            waitFor(() -> !notes.isEmpty(), 10_000);
            assertThat(notes).containsExactly("New data: Another program imported into cache.db; the pages show the new data.");
            assertThat(session.dataVersionProperty().get()).isEqualTo(2);
            waitFor(() -> main.countsTextProperty().get().contains("8"), 5_000);
            assertThat(main.countsTextProperty().get()).contains("8");
            assertThat(session.smtp().totalSubmissions()).isEqualTo(8);
        }
    }
}
