package org.mailflow.model;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * A report window of whole UTC days, {@code first} to {@code last} inclusive. Reports end their
 * window on the "as-of" day (SPEC 1).
 */
public record DayWindow(LocalDate first, LocalDate last) {
    public DayWindow {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("window ends before it starts: " + first + " to " + last);
        }
    }

    /** The {@code days}-day window that ends on {@code asOf}. */
    public static DayWindow endingOn(LocalDate asOf, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("a window has at least one day: " + days);
        }
        return new DayWindow(asOf.minusDays(days - 1L), asOf);
    }

    public int days() {
        return (int) (last.toEpochDay() - first.toEpochDay() + 1);
    }

    public long firstEpochDay() {
        return first.toEpochDay();
    }

    public long lastEpochDay() {
        return last.toEpochDay();
    }

    public boolean contains(long epochDay) {
        return epochDay >= firstEpochDay() && epochDay <= lastEpochDay();
    }

    /** "14 Sep – 12 Nov 2026" in English; the locale's medium dates elsewhere. */
    public String label(Locale locale) {
        if (locale.getLanguage().equals("en")) {
            DateTimeFormatter full = DateTimeFormatter.ofPattern("d MMM yyyy", locale);
            if (first.equals(last)) {
                return full.format(last);
            }
            DateTimeFormatter start = first.getYear() == last.getYear() ? DateTimeFormatter.ofPattern("d MMM", locale) : full;
            return start.format(first) + " – " + full.format(last);
        }
        DateTimeFormatter medium = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        return first.equals(last) ? medium.format(last) : medium.format(first) + " – " + medium.format(last);
    }

    @Override
    public String toString() {
        return first + ".." + last;
    }
}
