package org.mailflow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window size, language and recent caches survive a restart; a damaged file means defaults. */
class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void whatIsSavedIsReadBackAtTheNextStart() {
        Path file = dir.resolve("settings.properties");
        Settings s = Settings.load(file);
        assertThat(s.windowBounds()).isEmpty();
        s.setWindowBounds(new Settings.WindowBounds(10, 20, 1280, 800, true));
        s.setLanguage(Optional.of(I18n.ZH_TW));
        for (int i = 0; i < 10; i++) {
            s.rememberCache(dir.resolve("c" + i + ".db"));
        }
        s.rememberCache(dir.resolve("c3.db"));
        s.save();

        Settings again = Settings.load(file);
        assertThat(again.windowBounds()).contains(new Settings.WindowBounds(10, 20, 1280, 800, true));
        assertThat(again.language()).contains(Locale.forLanguageTag("zh-TW"));
        assertThat(again.lastCache()).contains(dir.resolve("c3.db"));
        assertThat(again.recentCaches()).hasSize(8).first().isEqualTo(dir.resolve("c3.db"));
        assertThat(again.recentCaches()).doesNotContain(dir.resolve("c0.db"), dir.resolve("c1.db"));
        again.setLanguage(Optional.empty());
        again.save();
        assertThat(Settings.load(file).language()).isEmpty();
    }

    @Test
    void aDamagedFileGivesDefaults() throws Exception {
        Path file = Files.write(dir.resolve("settings.properties"), new byte[] {'w', 'i', 'n', 'd', 'o', 'w', '.', 'w', 'i', 'd',
            't', 'h', '=', 'x', '\n', '\\', 'u', '0', '0', 'z'});
        Settings s = Settings.load(file);
        assertThat(s.windowBounds()).isEmpty();
        assertThat(s.recentCaches()).isEmpty();
    }

    @Test
    void themeAndStartPageAreSavedAndBadValuesMeanTheDefaults() throws Exception {
        Path file = dir.resolve("settings.properties");
        Settings s = Settings.load(file);
        assertThat(s.theme()).isEqualTo(Theme.SYSTEM);
        assertThat(s.startPageChoice()).isEqualTo("dashboard");
        assertThat(s.startPage()).isEqualTo(Page.DASHBOARD);
        s.setTheme(Theme.DARK);
        s.setStartPageChoice(Settings.LAST_PAGE);
        s.setLastPage(Page.BULK);
        s.save();
        assertThat(Files.readString(file)).contains("theme=dark", "page.start=last", "page.last=bulk");

        Settings again = Settings.load(file);
        assertThat(again.theme()).isEqualTo(Theme.DARK);
        assertThat(again.startPage()).isEqualTo(Page.BULK);
        again.setStartPageChoice("smtp-auth");
        assertThat(again.startPage()).isEqualTo(Page.SMTP_AUTH);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> again.setStartPageChoice("nowhere"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(again.startPage()).isEqualTo(Page.SMTP_AUTH);

        Files.writeString(file, "theme=purple\npage.start=nowhere\npage.last=elsewhere\n");
        Settings bad = Settings.load(file);
        assertThat(bad.theme()).isEqualTo(Theme.SYSTEM);
        assertThat(bad.startPageChoice()).isEqualTo("dashboard");
        assertThat(bad.startPage()).isEqualTo(Page.DASHBOARD);
        Files.writeString(file, "page.start=last\npage.last=elsewhere\n");
        assertThat(Settings.load(file).startPage()).isEqualTo(Page.DASHBOARD);
    }
}
