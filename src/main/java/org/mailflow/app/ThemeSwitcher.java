package org.mailflow.app;

import org.mailflow.ui.Theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.net.URL;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Applies the chosen {@link Theme}, live, to every open window: the user agent style sheet (AtlantaFX
 * Primer Light or Primer Dark, which defines the looked-up colours {@code -color-fg-default} etc.) and,
 * on dark, {@link #DARK_STYLESHEET} after the app's own {@link MailflowApp#STYLESHEET} in each scene that
 * has it, which redefines the app's chart and map colours ({@code -mf-*}) for a dark background. Dialogs
 * copy the main window's style sheets, so they open in the theme shown. FX thread only.
 */
public final class ThemeSwitcher {
    public static final String DARK_STYLESHEET = "/org/mailflow/css/dark.css";

    private final ReadOnlyObjectWrapper<Theme> theme;
    private boolean osPrefersDark;

    public ThemeSwitcher(Theme initial) {
        this.theme = new ReadOnlyObjectWrapper<>(initial);
    }

    /** The theme chosen (View ▸ Theme, Settings); the menu's radio items follow it. */
    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public Theme theme() {
        return theme.get();
    }

    /** True when the dark theme is shown. */
    public boolean isDark() {
        return theme.get().isDark(osPrefersDark);
    }

    /** Chooses a theme and applies it to every open window. */
    public void choose(Theme chosen) {
        theme.set(chosen);
        apply();
    }

    /** What the operating system prefers (known a moment after start); applied when following it. */
    public void setOsPrefersDark(boolean dark) {
        this.osPrefersDark = dark;
        apply();
    }

    /** Sets the user agent style sheet and the app's dark colours in every open window. */
    public void apply() {
        boolean dark = isDark();
        String agent = dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
        if (!agent.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(agent);
        }
        for (Window w : Window.getWindows()) {
            style(w.getScene(), dark);
        }
    }

    /** Adds or removes the dark colours in a scene that uses the app's style sheet. */
    public static void style(Scene scene, boolean dark) {
        if (scene == null) {
            return;
        }
        ObservableList<String> sheets = scene.getStylesheets();
        String app = url(MailflowApp.STYLESHEET);
        String darkSheet = url(DARK_STYLESHEET);
        if (!sheets.contains(app)) {
            return;
        }
        if (dark && !sheets.contains(darkSheet)) {
            sheets.add(sheets.indexOf(app) + 1, darkSheet);
        } else if (!dark) {
            sheets.remove(darkSheet);
        }
    }

    private static String url(String resource) {
        URL u = ThemeSwitcher.class.getResource(resource);
        if (u == null) {
            throw new IllegalStateException("missing style sheet " + resource);
        }
        return u.toExternalForm();
    }
}
