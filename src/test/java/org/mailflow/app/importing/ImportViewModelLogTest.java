package org.mailflow.app.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.mailflow.app.AppContext;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.I18n;
import org.mailflow.ui.Settings;
import org.mailflow.ui.SyncTaskRunner;
import org.mailflow.cache.Cache;

/**
 * The import dialog says, in the user's language, what {@code import} says of logs: a mail log with
 * nothing about SMTP AUTH, and logs whose submissions mostly have no known TLS version.
 */
class ImportViewModelLogTest extends AppHomeTest {
    /** A default Postfix (no handshake lines): the statistics say TLS, but not which version. */
    private static final String DEFAULT_POSTFIX = """
            Nov 12 08:00:00 mail postfix/submission/smtpd[2101]: connect from laptop[198.51.100.20]
            Nov 12 08:00:01 mail postfix/submission/smtpd[2101]: 4QZ7mB1Kx2z9vT: client=laptop[198.51.100.20], sasl_method=PLAIN, sasl_username=alice@corp.example
            Nov 12 08:00:02 mail postfix/submission/smtpd[2101]: disconnect from laptop[198.51.100.20] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8
            """;

    private static final String MAIL_ERR = """
            Nov 12 08:00:00 mail opendkim[811]: 4QZ7mB1Kx2z9vT: key retrieval failed (s=sel, d=partner.example)
            Nov 12 08:00:05 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<bob@corp.example>
            """;

    private String importInto(Locale locale, String cacheName) throws Exception {
        Path log = Files.writeString(home.resolve("mail.log"), DEFAULT_POSTFIX);
        Path err = Files.writeString(home.resolve("mail.err"), MAIL_ERR);
        for (Path p : List.of(log, err)) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2026-11-30T00:00:00Z")));
        }
        try (Cache cache = Cache.open(home.resolve(cacheName))) {
            AppContext context = new AppContext(Settings.inMemory(), new I18n(locale), new SyncTaskRunner(), () -> home);
            context.sessionProperty().set(new CacheSession(cache, false));
            ImportViewModel model = context.newImportViewModel();
            model.addFiles(List.of(log, err));
            model.start();
            assertThat(model.stateProperty().get()).isEqualTo(ImportViewModel.State.DONE);
            return model.summaryProperty().get();
        }
    }

    @Test
    void aMailLogWithNothingAndTheTlsVersionNoteAreToldInEnglish() throws Exception {
        String summary = importInto(Locale.ENGLISH, "en.db");
        assertThat(summary).contains("mail.err: nothing about SMTP AUTH (a mail log, 2 lines passed over)")
                .contains("1 of the 1 submissions from logs have no known TLS version (TLS or not logged): Postfix logs the version "
                        + "with smtpd_tls_loglevel = 1 (Exim's default log_selector already does).");
    }

    @Test
    void aMailLogWithNothingAndTheTlsVersionNoteAreToldInTraditionalChinese() throws Exception {
        String summary = importInto(I18n.ZH_TW, "zh.db");
        assertThat(summary).contains("mail.err：沒有 SMTP AUTH 相關內容（郵件記錄檔，略過 2 行）")
                .contains("記錄檔中的 1 筆提交有 1 筆沒有已知的 TLS 版本").contains("smtpd_tls_loglevel = 1");
    }
}
