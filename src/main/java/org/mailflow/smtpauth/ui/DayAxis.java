package org.mailflow.smtpauth.ui;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.Axis;
import org.mailflow.app.DateConverters;
import org.mailflow.app.I18n;
import org.mailflow.model.DayWindow;

/**
 * The day axis of the panels' small charts (about 250 px of bars): up to {@value #NUMBERED_DAYS} days
 * are labelled by their day of the month, which fit side by side where "12 Nov" would turn on its
 * side; longer windows have no tick labels. The axis is always captioned with the window's first and
 * last day.
 */
final class DayAxis {
    static final int NUMBERED_DAYS = 10;

    private DayAxis() {
    }

    /** One category per day of the window; unique, so that each bar has its own slot. */
    static List<String> categories(DayWindow window) {
        DateTimeFormatter dayOfMonth = DateTimeFormatter.ofPattern("d");
        DateTimeFormatter iso = DateTimeFormatter.ISO_LOCAL_DATE;
        boolean numbered = window.days() <= NUMBERED_DAYS;
        List<String> out = new ArrayList<>(window.days());
        for (int d = 0; d < window.days(); d++) {
            LocalDate day = window.first().plusDays(d);
            out.add(numbered ? dayOfMonth.format(day) : iso.format(day));
        }
        return out;
    }

    /** Shows the tick labels of short windows and captions the axis "6 Nov – 12 Nov" (the page names the year). */
    static void caption(Axis<String> axis, DayWindow window, I18n i18n) {
        DateTimeFormatter dayMonth = DateConverters.dayMonth(i18n);
        axis.setTickLabelsVisible(window.days() <= NUMBERED_DAYS);
        axis.setLabel(dayMonth.format(window.first()) + " \u2013 " + dayMonth.format(window.last()));
    }
}
