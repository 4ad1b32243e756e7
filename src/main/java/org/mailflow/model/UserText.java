package org.mailflow.model;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * A message for the user, translated when it is shown: a key of the resource bundle
 * {@value #BUNDLE} and its arguments. The engine (cache, importers, command line) builds these
 * instead of English sentences, so that the app shows them in the language chosen in the app and the
 * command line in the language of the environment ({@code LANG=zh_TW.UTF-8} reads Traditional
 * Chinese). An argument that is itself a {@code UserText} is translated in the same language.
 *
 * <p>English and Traditional Chinese exist; Chinese of Taiwan, Hong Kong or Macau, or any Traditional
 * script, reads zh-TW, every other language English ({@link #supported(Locale)}).
 */
public final class UserText {
    public static final String BUNDLE = "org.mailflow.i18n.messages";
    public static final Locale ZH_TW = Locale.forLanguageTag("zh-TW");

    private final String key;
    private final Object[] args;

    private UserText(String key, Object[] args) {
        this.key = Objects.requireNonNull(key, "key");
        this.args = args.clone();
    }

    public static UserText of(String key, Object... args) {
        return new UserText(key, args);
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }

    /** The text in {@code locale} (one of the supported ones; others read English). */
    public String in(Locale locale) {
        return render(locale, false);
    }

    /**
     * The text as the desktop app shows it: where the bundle has an app wording of a key ({@code key}
     * + {@value #APP_SUFFIX}, the same message with the app's controls named instead of command-line
     * options such as {@code --format}), that one, here and in every argument that is a
     * {@code UserText}; otherwise the same as {@link #in(Locale)}.
     */
    public String inApp(Locale locale) {
        return render(locale, true);
    }

    /** The suffix of a key's app wording (see {@link #inApp(Locale)}). */
    public static final String APP_SUFFIX = ".app";

    private String render(Locale locale, boolean app) {
        Locale l = supported(locale);
        Object[] resolved = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            resolved[i] = args[i] instanceof UserText t ? t.render(l, app) : args[i];
        }
        String pattern = app && bundle(l).containsKey(key + APP_SUFFIX) ? pattern(l, key + APP_SUFFIX) : pattern(l, key);
        return resolved.length == 0 && !pattern.contains("''") ? pattern : new MessageFormat(pattern, l).format(resolved);
    }

    /** The text in the language of the environment: what the command line prints. */
    @Override
    public String toString() {
        return in(Locale.getDefault());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserText t && t.key.equals(key) && Arrays.equals(t.args, args);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(args);
    }

    /** Chinese of Taiwan, Hong Kong or Macau, or any Traditional script, reads zh-TW; everything else English. */
    public static Locale supported(Locale requested) {
        if ("zh".equals(requested.getLanguage())) {
            String script = requested.getScript();
            String country = requested.getCountry();
            if ("Hant".equals(script) || "TW".equals(country) || "HK".equals(country) || "MO".equals(country)) {
                return ZH_TW;
            }
        }
        return Locale.ENGLISH;
    }

    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, supported(locale),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
    }

    private static String pattern(Locale locale, String key) {
        try {
            return bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }

    /** Something that carries a message for the user, such as an exception the engine throws for bad input. */
    public interface Carrier {
        UserText userText();
    }
}
