package org.mailflow.ui;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.function.Supplier;
import javafx.util.StringConverter;

/** How date pickers show and read dates: "12 Nov 2026" in English, the locale's medium date elsewhere, ISO also accepted. */
public final class DateConverters {
    private DateConverters() {
    }

    public static DateTimeFormatter formatter(I18n i18n) {
        return i18n.locale().getLanguage().equals("en")
                ? DateTimeFormatter.ofPattern("d MMM yyyy", i18n.locale())
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(i18n.locale());
    }

    /** "6 Nov" in English, the month and day elsewhere: chart categories and short labels. */
    public static DateTimeFormatter dayMonth(I18n i18n) {
        return i18n.locale().getLanguage().equals("en")
                ? DateTimeFormatter.ofPattern("d MMM", i18n.locale())
                : DateTimeFormatter.ofPattern("M/d", i18n.locale());
    }

    /** The date a user typed, in the shown format or ISO ({@code 2026-11-12}); empty when it is not one. */
    public static java.util.Optional<LocalDate> parse(I18n i18n, String text) {
        if (text == null || text.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(LocalDate.parse(text.strip(), formatter(i18n)));
        } catch (DateTimeParseException e) {
            try {
                return java.util.Optional.of(LocalDate.parse(text.strip()));
            } catch (DateTimeParseException again) {
                return java.util.Optional.empty();
            }
        }
    }

    /** A converter that gives {@code fallback} for text that is not a date, so a typo does not clear the picker. */
    public static StringConverter<LocalDate> of(I18n i18n, Supplier<LocalDate> fallback) {
        DateTimeFormatter f = formatter(i18n);
        return new StringConverter<>() {
            @Override
            public String toString(LocalDate d) {
                return d == null ? "" : f.format(d);
            }

            @Override
            public LocalDate fromString(String s) {
                if (s == null || s.isBlank()) {
                    return null;
                }
                try {
                    return LocalDate.parse(s.strip(), f);
                } catch (DateTimeParseException e) {
                    try {
                        return LocalDate.parse(s.strip());
                    } catch (DateTimeParseException again) {
                        return fallback.get();
                    }
                }
            }
        };
    }
}
