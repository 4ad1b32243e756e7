package org.mailflow.app.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.app.AppContext;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.I18n;
import org.mailflow.ui.Settings;
import org.mailflow.ui.SyncTaskRunner;
import org.mailflow.cache.Cache;

/** The import dialog's summary of the Microsoft 365 exports and of {@code auth-failures} files, which share ImportJob with the command line. */
class ImportViewModelExportsTest {
    @TempDir
    Path home;

    @Test
    void theDialogTellsTheBulkMessagesOfAnExportAndTheFailuresOfAnAuthFailuresFile() throws Exception {
        Path ee = Files.writeString(home.resolve("EmailEvents.csv"), """
                Timestamp,NetworkMessageId,SenderFromAddress,RecipientEmailAddress,EmailDirection,BulkComplaintLevel
                2026-11-12T08:30:00.1234567Z,m1,news@shop.example,alice@contoso.example,Inbound,5
                2026-11-12T08:30:00.1234567Z,m1,news@shop.example,alice@contoso.example,Inbound,5
                2026-11-12T09:30:00Z,m2,alice@contoso.example,bob@fabrikam.example,Outbound,
                """);
        Path failures = Files.writeString(home.resolve("failures.csv"), """
                timestamp,account,client_ip,count
                2026-11-12T03:00:00Z,reports@contoso.example,203.0.113.66,21
                """);
        try (Cache cache = Cache.open(home.resolve("mine.db"))) {
            AppContext context = new AppContext(Settings.inMemory(), new I18n(Locale.ENGLISH), new SyncTaskRunner(), () -> home);
            context.sessionProperty().set(new CacheSession(cache, false));
            ImportViewModel model = context.newImportViewModel();
            model.addFiles(List.of(ee, failures));

            model.start();

            assertThat(model.stateProperty().get()).isEqualTo(ImportViewModel.State.DONE);
            assertThat(model.summaryProperty().get()).isEqualTo("""
                    EmailEvents.csv: 1 bulk message imported (emailevents, 3 rows read; 1 passed over as outbound or without a BCL; \
                    1 counted already by an earlier import or an overlapping export)
                    failures.csv: 1 row imported (auth-failures, 21 failed authentications)
                    Total: 1 row and 1 bulk message imported (21 failed authentications)""");
        }
    }
}
