package org.mailflow.app.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.mailflow.app.AppContext;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.I18n;
import org.mailflow.ui.Settings;
import org.mailflow.ui.SyncTaskRunner;
import org.mailflow.cache.Cache;

/** The import dialog tells what a mailbox's headers said beyond its bulk messages, as {@code import} does. */
class ImportViewModelMailboxTest extends AppHomeTest {
    @Test
    void forgedDatesAndSenderListVerdictsAreToldInTheSummary() throws Exception {
        Path mbox = home.resolve("Archive.mbox");
        Files.writeString(mbox, """
                From a Thu Nov 12 08:30:00 2026
                Received: from mta.shop.example by mx.corp.example; Thu, 12 Nov 2026 08:30:05 +0000
                From: Friends <friend@shop.example>
                Date: Thu, 12 Nov 2037 08:30:00 +0000
                X-Microsoft-Antispam: BCL:5;
                X-Forefront-Antispam-Report: SCL:-1;SFV:SFE;

                Hello
                From b Thu Nov 12 09:30:00 2026
                From: pest@spam.example
                Date: Thu, 12 Nov 2026 09:30:00 +0000
                X-Microsoft-Antispam: BCL:8;
                X-Forefront-Antispam-Report: SCL:6;SFV:BLK;

                Buy
                """);
        try (Cache cache = Cache.open(home.resolve("mine.db"))) {
            AppContext context = new AppContext(Settings.inMemory(), new I18n(Locale.ENGLISH), new SyncTaskRunner(), () -> home);
            context.sessionProperty().set(new CacheSession(cache, false));
            ImportViewModel model = context.newImportViewModel();
            model.addFiles(List.of(mbox));
            model.start();
            assertThat(model.stateProperty().get()).isEqualTo(ImportViewModel.State.DONE);
            assertThat(model.summaryProperty().get()).isEqualTo("""
                    Archive.mbox: 2 bulk messages imported (mbox, 2 messages read, 0 without a BCL skipped, 1 with a forged or \
                    unreadable Date: dated by Received: (else the From line or the file's time), 1 safe-sender event (SFV:SFE) and \
                    1 blocked-sender event (SFV:BLK) added as feedback)
                    Total: 0 SMTP AUTH submissions, 0 failed authentications, 2 bulk messages imported""");
        }
    }
}
