package org.mailflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.cache.SmtpStore;
import org.mailflow.demo.DemoGenerator;

/** The demo cache of an earlier version (bulk data only) gets the SMTP AUTH demo when the app opens it. */
class DemoCacheUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void aDemoCacheWithoutSmtpAuthDataIsGeneratedAgain() throws Exception {
        Path file = dir.resolve("demo.db");
        try (Cache cache = Cache.open(file)) {
            new DemoGenerator(42, DemoGenerator.Scale.SMALL).fill(cache);
            cache.write(c -> {
                try (var st = c.createStatement()) {
                    for (String table : new String[] {"smtp_detail", "smtp_message", "smtp_auth_failure", "smtp_account", "smtp_name"}) {
                        st.executeUpdate("DELETE FROM " + table);
                    }
                }
                return null;
            });
            assertThat(new SmtpStore(cache).latestDay()).isEmpty();
        }
        try (CacheSession s = MainWindowViewModel.open(file, true)) {
            assertThat(s.isDemo()).isTrue();
            assertThat(s.smtp().latestDay()).contains(DemoGenerator.LAST_DAY);
            assertThat(s.bulk().latestDay()).contains(DemoGenerator.LAST_DAY);
        }
    }

    @Test
    void aCacheOpenedByNameIsNeverFilled() throws Exception {
        Path file = dir.resolve("mine.db");
        try (CacheSession s = MainWindowViewModel.open(file, false)) {
            assertThat(s.isDemo()).isFalse();
            assertThat(s.smtp().latestDay()).isEmpty();
        }
    }
}
