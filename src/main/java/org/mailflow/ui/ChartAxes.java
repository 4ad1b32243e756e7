package org.mailflow.ui;

import org.mailflow.ui.I18n;

import javafx.scene.chart.NumberAxis;
import javafx.util.StringConverter;
import org.mailflow.model.IntegerTicks;

/**
 * Value axes of the app's charts. Counts: from 0 to {@link IntegerTicks#upper()} at whole-number
 * steps, labelled in the UI's number format (JavaFX's auto-ranging would label 0.5 messages).
 * Shares: 0 to 100 every 25, the 100 % tick included.
 */
public final class ChartAxes {
    private ChartAxes() {
    }

    public static void whole(NumberAxis axis, IntegerTicks ticks, I18n i18n) {
        set(axis, ticks.upper(), ticks.unit(), i18n);
    }

    public static void percent(NumberAxis axis, I18n i18n) {
        set(axis, 100, 25, i18n);
    }

    private static void set(NumberAxis axis, long upper, long unit, I18n i18n) {
        axis.setAutoRanging(false);
        axis.setForceZeroInRange(true);
        axis.setMinorTickVisible(false);
        axis.setLowerBound(0);
        axis.setUpperBound(upper);
        axis.setTickUnit(unit);
        if (!(axis.getTickLabelFormatter() instanceof Whole)) {
            axis.setTickLabelFormatter(new Whole(i18n));
        }
    }

    private static final class Whole extends StringConverter<Number> {
        private final I18n i18n;

        Whole(I18n i18n) {
            this.i18n = i18n;
        }

        @Override
        public String toString(Number n) {
            return i18n.number(Math.round(n.doubleValue()));
        }

        @Override
        public Number fromString(String s) {
            throw new UnsupportedOperationException("axis labels are not parsed");
        }
    }
}
