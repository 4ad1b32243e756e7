package org.mailflow.app;

import org.mailflow.ui.View;

import org.mailflow.ui.Theme;

import org.mailflow.ui.Settings;

import org.mailflow.ui.Page;

import org.mailflow.ui.I18n;

import org.mailflow.ui.FxTaskRunner;

import org.mailflow.ui.CacheSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.app.settings.SettingsViewModel;
import org.mailflow.cache.Cache;
import org.mailflow.testing.Fixtures;
import org.mailflow.testing.UiFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * View ▸ Theme and the Settings dialog's General section over the main window, with a settings file on
 * disk: the dark theme is shown at once in every open window (AtlantaFX Primer Dark and the app's
 * dark.css), saved, and the menu and the dialog show the same choice.
 */
@ExtendWith(ApplicationExtension.class)
class ThemeTest {
    @TempDir
    static Path dir;

    private Path here;
    private Path settingsFile;
    private Cache cache;
    private AppContext context;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        here = Files.createTempDirectory(dir, "case");
        settingsFile = here.resolve("settings.properties");
        cache = Fixtures.smallBulkCache(here);
        context = new AppContext(Settings.load(settingsFile), new I18n(Locale.ENGLISH), FxTaskRunner.withDaemonThreads(), () -> here);
        context.sessionProperty().set(new CacheSession(cache, false));
        context.mainWindow();
        UiFixture.show(stage, context, View.MAIN_WINDOW, 1360, 860);
    }

    @AfterEach
    void closeCache() {
        cache.close();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    private static String dark() {
        return ThemeTest.class.getResource(ThemeSwitcher.DARK_STYLESHEET).toExternalForm();
    }

    private RadioMenuItem menuItem(String id) {
        MenuBar bar = (MenuBar) stage.getScene().lookup("#menuBar");
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .flatMap(i -> i instanceof javafx.scene.control.Menu sub ? sub.getItems().stream() : java.util.stream.Stream.of(i))
                .filter(i -> id.equals(i.getId())).map(RadioMenuItem.class::cast).findFirst().orElseThrow();
    }

    private String savedFile() throws Exception {
        return Files.isRegularFile(settingsFile) ? Files.readString(settingsFile) : "";
    }

    private Scene openSettings(FxRobot robot) {
        robot.press(KeyCode.CONTROL).type(KeyCode.COMMA).release(KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#themeChoice").tryQuery().isPresent());
        return robot.lookup("#themeChoice").query().getScene();
    }

    @Test
    void darkFromTheViewMenuIsShownEverywhereSavedAndShownInSettingsWhereLightTurnsItBackLive(FxRobot robot) throws Exception {
        assertThat(menuItem("themeSystem").isSelected()).isTrue();
        // Along the submenu's first row, then down, so the pointer never crosses View ▸ Language below Theme.
        robot.clickOn("View").clickOn("Theme").moveTo("System").clickOn("Dark");
        waitUntil(() -> new PrimerDark().getUserAgentStylesheet().equals(Application.getUserAgentStylesheet()));
        assertThat(stage.getScene().getStylesheets()).containsSequence(
                MailflowApp.class.getResource(MailflowApp.STYLESHEET).toExternalForm(), dark());
        assertThat(context.settings().theme()).isEqualTo(Theme.DARK);
        waitUntil(() -> {
            try {
                return savedFile().contains("theme=dark");
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(Settings.load(settingsFile).theme()).isEqualTo(Theme.DARK);

        // The dialog opens dark, and says Dark.
        Scene dialog = openSettings(robot);
        assertThat(dialog.getStylesheets()).contains(dark());
        @SuppressWarnings("unchecked")
        ComboBox<Theme> theme = robot.lookup("#themeChoice").queryAs(ComboBox.class);
        assertThat(theme.getValue()).isEqualTo(Theme.DARK);
        assertThat(theme.getConverter().toString(theme.getValue())).isEqualTo("Dark");
        @SuppressWarnings("unchecked")
        ComboBox<String> startPage = robot.lookup("#startPageChoice").queryAs(ComboBox.class);
        assertThat(startPage.getValue()).isEqualTo("dashboard");
        robot.interact(() -> {
            theme.setValue(Theme.LIGHT);
            startPage.setValue(Settings.LAST_PAGE);
        });
        assertThat(startPage.getConverter().toString(startPage.getValue())).isEqualTo("The last page shown");
        robot.clickOn("#applyButton");
        // Applied live to both open windows, and the menu follows.
        waitUntil(() -> new PrimerLight().getUserAgentStylesheet().equals(Application.getUserAgentStylesheet()));
        assertThat(dialog.getStylesheets()).doesNotContain(dark());
        assertThat(stage.getScene().getStylesheets()).doesNotContain(dark());
        assertThat(menuItem("themeLight").isSelected()).isTrue();
        robot.clickOn("#okButton");
        waitUntil(() -> robot.lookup("#themeChoice").tryQuery().isEmpty());
        waitUntil(() -> {
            try {
                return savedFile().contains("theme=light") && savedFile().contains("page.start=last");
            } catch (Exception e) {
                return false;
            }
        });
        robot.clickOn("#navBulk");
        assertThat(context.settings().startPage()).isEqualTo(Page.BULK);
    }

    @Test
    void theSettingsDialogSavesTheLanguageAndTheWindowIsRebuiltInIt(FxRobot robot) throws Exception {
        openSettings(robot);
        @SuppressWarnings("unchecked")
        ComboBox<SettingsViewModel.Language> language = robot.lookup("#languageChoice").queryAs(ComboBox.class);
        assertThat(language.getValue()).isEqualTo(SettingsViewModel.Language.ENGLISH.equals(
                SettingsViewModel.Language.of(context.settings().language())) ? SettingsViewModel.Language.ENGLISH
                : SettingsViewModel.Language.SYSTEM);
        robot.interact(() -> language.setValue(SettingsViewModel.Language.CHINESE));
        robot.clickOn("#okButton");
        waitUntil(() -> robot.lookup("#navBulk").queryAs(ToggleButton.class).getText().equals("大量寄件者深入解析"));
        assertThat(context.settings().language()).contains(I18n.ZH_TW);
        waitUntil(() -> {
            try {
                return savedFile().contains("language=zh-TW");
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(menuItem("languageChinese").isSelected()).isTrue();

        // The rebuilt window's menu, in Chinese, still switches the theme.
        robot.clickOn("檢視").clickOn("佈景主題").moveTo("跟隨系統").clickOn("深色");
        waitUntil(() -> new PrimerDark().getUserAgentStylesheet().equals(Application.getUserAgentStylesheet()));
        assertThat(stage.getScene().getStylesheets()).contains(dark());
        assertThat(menuItem("themeDark").isSelected()).isTrue();
        MenuItem system = menuItem("themeSystem");
        assertThat(system.getText()).isEqualTo("跟隨系統");
    }
}
