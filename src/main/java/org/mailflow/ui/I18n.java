package org.mailflow.ui;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.mailflow.model.UserText;

/**
 * User-visible text. English and Traditional Chinese (zh-TW); the operating system's language
 * chooses unless the user picked one in View ▸ Language.
 */
public final class I18n {
    public static final String BUNDLE = UserText.BUNDLE;
    public static final Locale ZH_TW = UserText.ZH_TW;
    /** The system's language as the JVM found it (the app then sets the default to its own language). */
    private static final Locale SYSTEM = Locale.getDefault();

    private final Locale locale;
    private final ResourceBundle bundle;

    public I18n(Locale requested) {
        this.locale = supported(requested);
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
    }

    /** Chinese of Taiwan, Hong Kong or Macau, or any Traditional script, reads zh-TW; everything else English. */
    public static Locale supported(Locale requested) {
        return UserText.supported(requested);
    }

    /** The language of the operating system: what "System" in View ▸ Language means. */
    public static Locale systemLocale() {
        return SYSTEM;
    }

    public Locale locale() {
        return locale;
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    public String get(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            org.slf4j.LoggerFactory.getLogger(I18n.class).warn("no text for the key {} in {}", key, locale);
            return "!" + key + "!";
        }
    }

    /**
     * A message the engine built, in this language and in the app's wording ({@link UserText#inApp}:
     * the app's controls, never command-line options).
     */
    public String text(UserText text) {
        return text.inApp(locale);
    }

    public String format(String key, Object... args) {
        MessageFormat f = new MessageFormat(get(key), locale);
        return f.format(args);
    }

    public String number(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    /** A signed difference: +1,234 or −56 (with a real minus sign), 0 without sign. */
    public String signed(long n) {
        if (n == 0) {
            return "0";
        }
        return (n > 0 ? "+" : "\u2212") + number(Math.abs(n));
    }

    public String percent(double share) {
        NumberFormat f = NumberFormat.getPercentInstance(locale);
        f.setMaximumFractionDigits(share > 0 && share < 0.1 ? 1 : 0);
        return f.format(share);
    }
}
