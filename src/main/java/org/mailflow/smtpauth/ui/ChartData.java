package org.mailflow.smtpauth.ui;

import java.util.List;
import org.mailflow.model.DayWindow;
import org.mailflow.model.IntegerTicks;

/**
 * One chart of the SMTP AUTH page as plain data, built by the view model from a report: the
 * controller only turns it into {@code XYChart.Series} (one data point per bar and series, the
 * series' colour class on its bars and legend entry, the partial weeks' style, the tooltips).
 *
 * @param title  "Messages sent per day by sender domain", or "per week" when the bars are weeks
 * @param note   what the bars are ("Daily bars", or weekly with the partial weeks' marker explained)
 * @param ticks  the value axis of a chart of counts; null for the TLS chart's shares (0–100 %, every 25)
 */
public record ChartData(String title, String note, List<Bar> bars, List<Series> series, IntegerTicks ticks) {

    /**
     * One bar: its category (the axis label, unique within the chart; a partial week ends with
     * {@link #PARTIAL_MARK}), its days, and whether the range cuts its week.
     */
    public record Bar(String category, DayWindow period, boolean partial, String periodText) {
    }

    /** One series: its drill-down filter, legend name, colour class and per bar its value and tooltip. */
    public record Series(Drill drill, String name, String colour, double[] values, List<String> tips) {
    }

    /** The axis label's marker of a partial week ("3 Nov*"), explained in the chart's note. */
    public static final String PARTIAL_MARK = "*";

    public boolean percent() {
        return ticks == null;
    }
}
