package org.mailflow.app;

import org.mailflow.ui.I18n;

import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;

/**
 * The texts a screen reader gets for the bars of the charts. JavaFX gives each data node an
 * accessible text built from its own resources, which have no Traditional Chinese for charts ("BCL is
 * 3 Y Axis is 100"), and the role "Bar"; this replaces both, in the app's language, for every
 * {@link XYChart} of a scene: "BCL 3: 100" / "BCL 3：100". The charts are found after a layout pass
 * (at most twice a second, a look-up of {@code .chart} nodes); each one found then follows its series
 * and their data through listeners. FX thread only.
 */
final class ChartTexts {
    private static final String FOLLOWED = "mailflow.chartTexts";
    private static final long LOOK_EVERY_NANOS = 500_000_000L;

    private ChartTexts() {
    }

    /** Finds the charts of {@code scene} after layout passes, from now on. */
    static void follow(Scene scene, Supplier<I18n> i18n) {
        if (scene.getProperties().put(FOLLOWED, Boolean.TRUE) != null) {
            return;
        }
        long[] last = {Long.MIN_VALUE};
        scene.addPostLayoutPulseListener(() -> {
            long now = System.nanoTime();
            if (last[0] != Long.MIN_VALUE && now - last[0] < LOOK_EVERY_NANOS) {
                return;
            }
            last[0] = now;
            followCharts(scene.getRoot(), i18n);
        });
    }

    /** Follows every chart under {@code root} that is not followed yet. */
    static void followCharts(Node root, Supplier<I18n> i18n) {
        if (root == null) {
            return;
        }
        for (Node n : root.lookupAll(".chart")) {
            if (n instanceof XYChart<?, ?> chart && chart.getProperties().put(FOLLOWED, Boolean.TRUE) == null) {
                follow(chart, i18n);
            }
        }
    }

    private static <X, Y> void follow(XYChart<X, Y> chart, Supplier<I18n> i18n) {
        chart.getData().forEach(s -> follow(s, i18n));
        chart.getData().addListener((ListChangeListener<XYChart.Series<X, Y>>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(s -> follow(s, i18n));
            }
        });
    }

    private static <X, Y> void follow(XYChart.Series<X, Y> series, Supplier<I18n> i18n) {
        if (series.getData() == null) {
            return;
        }
        series.getData().forEach(d -> follow(series, d, i18n));
        series.getData().addListener((ListChangeListener<XYChart.Data<X, Y>>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(d -> follow(series, d, i18n));
            }
        });
    }

    private static <X, Y> void follow(XYChart.Series<X, Y> series, XYChart.Data<X, Y> data, Supplier<I18n> i18n) {
        describe(series, data, data.getNode(), i18n);
        data.nodeProperty().addListener((obs, old, node) -> describe(series, data, node, i18n));
    }

    private static <X, Y> void describe(XYChart.Series<X, Y> series, XYChart.Data<X, Y> data, Node node, Supplier<I18n> i18n) {
        if (node == null) {
            return;
        }
        node.accessibleTextProperty().unbind(); // JavaFX binds it to its English text when the node is set
        node.accessibleTextProperty().bind(Bindings.createStringBinding(() -> text(i18n.get(), series.getName(), data.getXValue(),
                data.getYValue()), series.nameProperty(), data.XValueProperty(), data.YValueProperty()));
        node.setAccessibleRoleDescription(i18n.get().get("chart.bar"));
    }

    /** "TLS 1.2, 6 Nov: 381", or without a series name "BCL 3: 100". */
    static String text(I18n i18n, String series, Object x, Object y) {
        String value = y instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? i18n.number(n.longValue()) : String.valueOf(y);
        return series == null || series.isBlank() ? i18n.format("chart.point", String.valueOf(x), value)
                : i18n.format("chart.seriesPoint", series, String.valueOf(x), value);
    }
}
