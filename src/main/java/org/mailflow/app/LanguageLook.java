package org.mailflow.app;

import org.mailflow.ui.I18n;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Window;

/**
 * What the language changes in every window the toolkit shows, beyond the texts of the views: the
 * standard dialog buttons ({@link ButtonType#OK}, {@link ButtonType#CANCEL}, {@link ButtonType#CLOSE}
 * …), whose texts the JDK fixes once in the language of the system, are given the texts of the app's
 * language (確定, 取消, 關閉); the bars of the charts are described to screen readers in it ({@link ChartTexts}); and in Traditional Chinese the scene's root gets the {@link CjkFont}, so
 * bold headings are bold. Applied to each window as it opens, and to every open window again after
 * a language switch ({@link #apply()}). FX thread only.
 */
public final class LanguageLook {
    private static final Map<ButtonType, String> STANDARD = Map.of(ButtonType.OK, "dialog.ok", ButtonType.CANCEL, "dialog.cancel",
            ButtonType.CLOSE, "dialog.close", ButtonType.YES, "dialog.yes", ButtonType.NO, "dialog.no", ButtonType.APPLY,
            "dialog.apply", ButtonType.FINISH, "dialog.finish", ButtonType.NEXT, "dialog.next", ButtonType.PREVIOUS, "dialog.previous");

    private static Supplier<I18n> language;
    private static boolean listening;
    private static boolean jdkLocale;

    private LanguageLook() {
    }

    /** From now on, windows follow {@code i18n} (the composition root's current language). */
    public static void follow(Supplier<I18n> i18n) {
        language = i18n;
        if (!listening) {
            listening = true;
            Window.getWindows().addListener((ListChangeListener<Window>) c -> {
                while (c.next()) {
                    c.getAddedSubList().forEach(LanguageLook::applyTo);
                }
            });
        }
        apply();
    }

    /**
     * The real app (not the tests, which share one JVM) also sets the JVM's default locale to the
     * app's language, so the toolkit's own texts (a text field's Cut/Copy/Paste menu, a date
     * picker's month names) read in it too.
     */
    static void setJdkLocaleFollows(boolean follows) {
        jdkLocale = follows;
    }

    /** Applies the current language to every open window. */
    public static void apply() {
        if (language == null) {
            return;
        }
        if (jdkLocale) {
            Locale.setDefault(language.get().locale());
        }
        Window.getWindows().forEach(LanguageLook::applyTo);
    }

    private static void applyTo(Window w) {
        if (language == null || w.getScene() == null) {
            return;
        }
        I18n i18n = language.get();
        ChartTexts.follow(w.getScene(), () -> language.get());
        style(w.getScene(), I18n.ZH_TW.equals(i18n.locale()) ? CjkFont.family() : Optional.empty());
        if (w.getScene().getRoot() instanceof DialogPane pane) {
            translateButtons(pane, i18n);
        }
    }

    /** Gives the standard buttons of {@code pane} the texts of {@code i18n}. */
    public static void translateButtons(DialogPane pane, I18n i18n) {
        for (ButtonType t : pane.getButtonTypes()) {
            String key = STANDARD.get(t);
            if (key != null && pane.lookupButton(t) instanceof Button b) {
                b.setText(i18n.get(key));
            }
        }
    }

    /** Sets (or, for an empty family, removes) the Chinese font style sheet of {@code scene}. */
    static void style(Scene scene, Optional<String> family) {
        String sheet = family.map(CjkFont::stylesheet).orElse(null);
        scene.getStylesheets().removeIf(s -> s.startsWith(CjkFont.STYLESHEET_PREFIX) && !s.equals(sheet));
        if (sheet != null && !scene.getStylesheets().contains(sheet)) {
            scene.getStylesheets().add(sheet);
        }
    }
}
