package org.mailflow.ui;

import org.mailflow.ui.I18n;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.mailflow.model.DayWindow;

/**
 * The subtitle of a page that shows a window of days (Bulk sender insights, SMTP AUTH): the window's
 * dates and, when the data does not cover the whole window, how far it goes: "14 Sep – 12 Nov 2026 ·
 * data from 24 Sep" when the window starts before the first day with data, "… · data until 3 Nov"
 * when it ends after the last, "… · data from 24 Sep to 3 Nov" for both, "… · no data in these
 * dates" when they do not meet. A window the data covers shows its dates only.
 */
public final class DataCoverage {
    private DataCoverage() {
    }

    /** The subtitle of {@code window} over data that spans {@code data} (empty: no data at all). */
    public static String subtitle(I18n i18n, DayWindow window, Optional<DayWindow> data) {
        String dates = window.label(i18n.locale());
        if (data.isEmpty()) {
            return dates;
        }
        DayWindow d = data.get();
        if (d.last().isBefore(window.first()) || d.first().isAfter(window.last())) {
            return i18n.format("window.noData", dates);
        }
        boolean startsEarly = window.first().isBefore(d.first());
        boolean endsLate = window.last().isAfter(d.last());
        int year = window.last().getYear();
        if (startsEarly && endsLate) {
            return i18n.format("window.dataFromUntil", dates, shortDate(d.first(), year, i18n.locale()),
                    shortDate(d.last(), year, i18n.locale()));
        }
        if (startsEarly) {
            return i18n.format("window.dataFrom", dates, shortDate(d.first(), year, i18n.locale()));
        }
        if (endsLate) {
            return i18n.format("window.dataUntil", dates, shortDate(d.last(), year, i18n.locale()));
        }
        return dates;
    }

    /** "16 Jul" (7月16日), with the year when it is not {@code year}: "16 Jul 2025" (2025年7月16日). */
    static String shortDate(LocalDate day, int year, Locale locale) {
        boolean chinese = locale.getLanguage().equals("zh");
        String pattern = day.getYear() == year ? (chinese ? "M月d日" : "d MMM") : (chinese ? "y年M月d日" : "d MMM y");
        return DateTimeFormatter.ofPattern(pattern, chinese ? locale : Locale.ENGLISH).format(day);
    }
}
