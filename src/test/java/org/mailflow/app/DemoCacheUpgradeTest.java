package org.mailflow.app;

import org.mailflow.ui.CacheSession;

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
    void aDemoCacheOfAnOlderStoryIsGeneratedAgain() throws Exception {
        Path file = dir.resolve("old-demo.db");
        try (Cache cache = Cache.open(file)) {
            new DemoGenerator(42, DemoGenerator.Scale.SMALL).fill(cache);
            cache.write(c -> {
                Cache.writeMeta(c, Cache.META_DEMO, "seed=42 scale=small"); // the marker of issue 11's demo
                try (var st = c.createStatement()) {
                    st.executeUpdate("DELETE FROM smtp_auth_failure"); // something the new story has
                }
                return null;
            });
        }
        try (CacheSession s = MainWindowViewModel.open(file, true)) {
            assertThat(s.isDemo()).isTrue();
            assertThat(DemoGenerator.current(s.cache().meta(Cache.META_DEMO).orElseThrow())).isTrue();
            long failures = s.cache().read(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM smtp_auth_failure")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(failures).isPositive();
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
