package org.mailflow.smtpauth;

import java.util.Optional;
import org.mailflow.model.DayWindow;

/**
 * What the report is asked for: a window of days and "Show data for" (empty = all sender domains).
 * Both the chart and the details table apply it.
 */
public record ReportFilter(DayWindow window, Optional<String> domain) {
    /** Above this many days the charts show weekly bars (SPEC 2.2). */
    public static final int MAX_DAILY_BARS = 90;

    public ReportFilter {
        domain = domain.map(d -> d.strip().toLowerCase(java.util.Locale.ROOT)).filter(d -> !d.isEmpty());
    }

    public static ReportFilter all(DayWindow window) {
        return new ReportFilter(window, Optional.empty());
    }

    public boolean weekly() {
        return window.days() > MAX_DAILY_BARS;
    }
}
