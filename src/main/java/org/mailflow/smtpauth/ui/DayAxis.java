package org.mailflow.smtpauth.ui;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.Axis;
import org.mailflow.ui.DateConverters;
import org.mailflow.ui.I18n;
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

    /** Counts have no fractions: an axis auto-ranged over a few messages labels only its whole ticks (0, 1, 2, not 0.25). */
    static void wholeTicks(Axis<Number> axis, I18n i18n) {
        if (axis instanceof javafx.scene.chart.NumberAxis numbers) {
            numbers.setMinorTickVisible(false);
            numbers.setTickLabelFormatter(new javafx.util.StringConverter<>() {
                @Override
                public String toString(Number n) {
                    double v = n.doubleValue();
                    return v == Math.rint(v) ? i18n.number((long) v) : "";
                }

                @Override
                public Number fromString(String s) {
                    throw new UnsupportedOperationException("axis labels are not parsed");
                }
            });
        }
    }

    /** Shows the tick labels of short windows and captions the axis "6 Nov – 12 Nov" (the page names the year). */
    static void caption(Axis<String> axis, DayWindow window, I18n i18n) {
        DateTimeFormatter dayMonth = DateConverters.dayMonth(i18n);
        axis.setTickLabelsVisible(window.days() <= NUMBERED_DAYS);
        axis.setLabel(dayMonth.format(window.first()) + " \u2013 " + dayMonth.format(window.last()));
    }
}
