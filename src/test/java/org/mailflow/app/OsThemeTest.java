package org.mailflow.app;

import org.mailflow.ui.Theme;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The answers of gsettings, GTK_THEME, reg query and defaults, as recorded on each system. */
class OsThemeTest {
    @Test
    void gnomeColorScheme() {
        assertThat(OsTheme.gsettingsColorScheme("'prefer-dark'\n")).contains(true);
        assertThat(OsTheme.gsettingsColorScheme("'prefer-light'\n")).contains(false);
        assertThat(OsTheme.gsettingsColorScheme("'default'\n")).isEmpty(); // then the GTK theme's name decides
        assertThat(OsTheme.gsettingsColorScheme("")).isEmpty();
        assertThat(OsTheme.gsettingsGtkTheme("'Adwaita-dark'\n")).isTrue();
        assertThat(OsTheme.gsettingsGtkTheme("'Yaru'\n")).isFalse();
        assertThat(OsTheme.gsettingsGtkTheme("'Darkish'\n")).isFalse();
    }

    @Test
    void gtkThemeVariable() {
        assertThat(OsTheme.gtkThemeVariable("Adwaita:dark")).contains(true);
        assertThat(OsTheme.gtkThemeVariable("Adwaita-dark")).contains(true);
        assertThat(OsTheme.gtkThemeVariable("Adwaita")).contains(false);
        assertThat(OsTheme.gtkThemeVariable(null)).isEmpty();
        assertThat(OsTheme.gtkThemeVariable(" ")).isEmpty();
    }

    @Test
    void windowsRegistry() {
        String dark = "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize\r\n"
                + "    AppsUseLightTheme    REG_DWORD    0x0\r\n\r\n";
        assertThat(OsTheme.windowsRegistry(dark)).contains(true);
        assertThat(OsTheme.windowsRegistry(dark.replace("0x0", "0x1"))).contains(false);
        assertThat(OsTheme.windowsRegistry("ERROR: The system was unable to find the specified registry key or value.")).isEmpty();
        assertThat(OsTheme.windowsRegistry(null)).isEmpty();
    }

    @Test
    void macDefaults() {
        assertThat(OsTheme.macDefaults("Dark\n")).isTrue();
        assertThat(OsTheme.macDefaults("")).isFalse(); // light: the key does not exist and the command fails
        assertThat(OsTheme.macDefaults(null)).isFalse();
    }

    @Test
    void aDarkGtkThemeVariableDecidesWithoutAskingGsettings() {
        assertThat(OsTheme.detect("Linux", java.util.Map.of("GTK_THEME", "Adwaita:dark"))).isTrue();
        assertThat(OsTheme.detect("Linux", java.util.Map.of("GTK_THEME", "Adwaita"))).isFalse();
    }

    @Test
    void theChoiceAndTheSystemsPreference() {
        assertThat(Theme.SYSTEM.isDark(true)).isTrue();
        assertThat(Theme.SYSTEM.isDark(false)).isFalse();
        assertThat(Theme.LIGHT.isDark(true)).isFalse();
        assertThat(Theme.DARK.isDark(false)).isTrue();
        assertThat(Theme.ofToken(" Dark ")).contains(Theme.DARK);
        assertThat(Theme.ofToken("purple")).isEmpty();
    }
}
