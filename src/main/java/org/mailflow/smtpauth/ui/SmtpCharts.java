package org.mailflow.smtpauth.ui;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import org.mailflow.ui.I18n;
import org.mailflow.model.IntegerTicks;
import org.mailflow.ui.DateConverters;
import org.mailflow.ui.I18n;
import org.mailflow.smtpauth.AuthProtocol;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.smtpauth.TlsVersion;

/**
 * Draws the report page's charts from the view model's {@link ReportCharts}: each {@link ChartData}
 * becomes the chart's series (its colour class on every bar and legend symbol, "partial" on the bars
 * of partial weeks, a tooltip per bar), its value axis gets whole-number ticks (or 0–100 % for the
 * TLS shares), and clicks on a bar or a legend entry go to the view model as a drill-down. Only the
 * shown pivot's chart is drawn; the others are drawn when their pivot is chosen, and nothing is
 * redrawn until the report changes. A new report of the same bars (a filter change) updates the bars
 * in place rather than creating new ones (see {@link #draw}). The overall TLS and protocol splits are chips below the charts,
 * each with its version's or protocol's colour swatch.
 */
final class SmtpCharts {
    /** Style class of the bars of partial weeks (lighter, dashed outline). */
    static final String PARTIAL = "partial";

    private final I18n i18n;
    private final org.mailflow.ui.TlsTexts tlsTexts;
    private final java.util.Map<SmtpExports.Pivot, XYChart<String, Number>> charts = new java.util.EnumMap<>(SmtpExports.Pivot.class);
    private final java.util.Map<SmtpExports.Pivot, CategoryAxis> axes = new java.util.EnumMap<>(SmtpExports.Pivot.class);
    private final FlowPane tlsSplit;
    private final FlowPane authSplit;
    private final BiConsumer<Drill, ChartData.Bar> onClick;
    private final Set<SmtpExports.Pivot> drawn = EnumSet.noneOf(SmtpExports.Pivot.class);
    private ReportCharts data;

    SmtpCharts(I18n i18n, StackedBarChart<String, Number> volumeChart, CategoryAxis volumeAxis, StackedBarChart<String, Number> tlsChart,
               CategoryAxis tlsAxis, FlowPane tlsSplit, StackedBarChart<String, Number> authChart, CategoryAxis authAxis,
               FlowPane authSplit, XYChart<String, Number> ipsChart, CategoryAxis ipsAxis, BiConsumer<Drill, ChartData.Bar> onClick) {
        this.i18n = i18n;
        this.tlsTexts = new org.mailflow.ui.TlsTexts(i18n);
        charts.put(SmtpExports.Pivot.VOLUME, volumeChart);
        charts.put(SmtpExports.Pivot.TLS, tlsChart);
        charts.put(SmtpExports.Pivot.AUTH, authChart);
        charts.put(SmtpExports.Pivot.IPS, ipsChart);
        axes.put(SmtpExports.Pivot.VOLUME, volumeAxis);
        axes.put(SmtpExports.Pivot.TLS, tlsAxis);
        axes.put(SmtpExports.Pivot.AUTH, authAxis);
        axes.put(SmtpExports.Pivot.IPS, ipsAxis);
        this.tlsSplit = tlsSplit;
        this.authSplit = authSplit;
        this.onClick = onClick;
    }

    /** A new report: its splits now, its charts as their pivots are shown. */
    void show(ReportData r, ReportCharts charts, SmtpExports.Pivot shown) {
        data = charts;
        drawn.clear();
        showTlsSplit(r);
        showAuthSplit(r);
        pivotShown(shown);
    }

    /** Draws the pivot's chart unless it already shows the current report. */
    void pivotShown(SmtpExports.Pivot p) {
        if (data != null && drawn.add(p)) {
            draw(charts.get(p), axes.get(p), data.of(p), i18n, onClick);
        }
    }

    /**
     * Puts {@code d} into a chart. When the chart already shows bars of the same categories (the same
     * days: a filter change such as "Show data for" another domain), its bars are updated in place: the
     * same {@code XYChart.Data} objects, and so the same bar nodes, get the new values, colour class,
     * partial-week style, tooltip text and click; kept series get the new names; series beyond the new
     * count are removed from the end and new ones added at the end. Creating and styling bar nodes (CSS
     * on new nodes) was most of the FX thread's time of a filter change on a large cache. Otherwise the
     * series are replaced, and the category axis is given the new categories while the chart is empty,
     * as its auto-ranging would otherwise keep stale categories when the dates change. The axis'
     * categories are only set when they change.
     */
    static void draw(XYChart<String, Number> chart, CategoryAxis axis, ChartData d, I18n i18n, BiConsumer<Drill, ChartData.Bar> onClick) {
        List<String> categories = d.bars().stream().map(ChartData.Bar::category).toList();
        if (sameCategories(chart, axis, categories)) {
            int kept = Math.min(chart.getData().size(), d.series().size());
            for (int k = 0; k < kept; k++) {
                XYChart.Series<String, Number> now = chart.getData().get(k);
                ChartData.Series s = d.series().get(k);
                if (!java.util.Objects.equals(now.getName(), s.name())) {
                    now.setName(s.name());
                }
                for (int b = 0; b < categories.size(); b++) {
                    XYChart.Data<String, Number> point = now.getData().get(b);
                    if (point.getYValue().doubleValue() != s.values()[b]) {
                        point.setYValue(s.values()[b]);
                    }
                    ((Meaning) point.getExtraValue()).set(d, s, b, onClick);
                }
            }
            if (chart.getData().size() > kept) {
                chart.getData().remove(kept, chart.getData().size());
                restyle(chart);
            } else if (d.series().size() > kept) {
                chart.getData().addAll(series(d, categories, kept, onClick));
                restyle(chart);
            }
        } else {
            chart.getData().clear();
            // Thinned labels (long ranges, see ReportCharts.labelStep) fit flat; auto-ranging would turn them
            // on their side because the bars are narrower than a date. Overlapping labels are still left out.
            axis.setAutoRanging(categories.size() <= ReportCharts.ALL_LABELS);
            axis.setTickLabelRotation(0);
            if (!axis.getCategories().equals(categories)) {
                axis.getCategories().setAll(categories);
            }
            chart.getData().setAll(series(d, categories, 0, onClick));
            restyle(chart);
        }
        valueAxis(chart, d.ticks(), i18n);
        legend(chart, d, onClick);
    }

    /** New series for {@code d}'s series from {@code from} on, each bar with its {@link Meaning} (styled when its node comes). */
    private static List<XYChart.Series<String, Number>> series(ChartData d, List<String> categories, int from,
                                                              BiConsumer<Drill, ChartData.Bar> onClick) {
        List<XYChart.Series<String, Number>> all = new ArrayList<>(d.series().size() - from);
        for (int k = from; k < d.series().size(); k++) {
            ChartData.Series s = d.series().get(k);
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(s.name());
            for (int b = 0; b < categories.size(); b++) {
                series.getData().add(new Meaning().set(d, s, b, onClick).of(new XYChart.Data<>(categories.get(b), s.values()[b])));
            }
            all.add(series);
        }
        return all;
    }

    /**
     * Gives every bar its colour class and partial-week style again: a bar chart resets its bars' style
     * classes (series and colour index) whenever its list of series changes.
     */
    private static void restyle(XYChart<String, Number> chart) {
        for (XYChart.Series<String, Number> s : chart.getData()) {
            for (XYChart.Data<String, Number> bar : s.getData()) {
                if (bar.getExtraValue() instanceof Meaning m && bar.getNode() != null) {
                    m.style(bar.getNode());
                }
            }
        }
    }

    /**
     * True when the chart has series, the axis has {@code categories}, and every series has one bar
     * (with its {@link Meaning}) per category, in their order: then its bars can be updated in place.
     */
    private static boolean sameCategories(XYChart<String, Number> chart, CategoryAxis axis, List<String> categories) {
        if (chart.getData().isEmpty() || !axis.getCategories().equals(categories)) {
            return false;
        }
        for (XYChart.Series<String, Number> s : chart.getData()) {
            List<XYChart.Data<String, Number>> bars = s.getData();
            if (bars.size() != categories.size()) {
                return false;
            }
            for (int b = 0; b < categories.size(); b++) {
                if (!(bars.get(b).getExtraValue() instanceof Meaning) || !categories.get(b).equals(bars.get(b).getXValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Each legend entry gets its series' colour class (replacing the one it had for another series) and
     * a click that drills down to the series it names now. The chart rebuilds its legend when a series
     * is added, removed or renamed, so this runs after every drawing.
     */
    private static void legend(XYChart<String, Number> chart, ChartData d, BiConsumer<Drill, ChartData.Bar> onClick) {
        for (Node n : chart.lookupAll(".chart-legend-item")) {
            if (n instanceof Label item) {
                d.series().stream().filter(s -> s.name().equals(item.getText())).findFirst().ifPresent(s -> {
                    if (item.getGraphic() != null) {
                        colour(item.getGraphic(), s.colour());
                    }
                    if (!item.getStyleClass().contains("drill-legend")) {
                        item.getStyleClass().add("drill-legend");
                    }
                    item.setCursor(Cursor.HAND);
                    item.setOnMouseClicked(e -> onClick.accept(s.drill(), null));
                });
            }
        }
    }

    /** The key of a node's colour class in its properties, to take it off when the node shows another series. */
    private static final String COLOUR = "mailflow.colour";
    /** The key of a bar node's one tooltip in its properties (an updated bar gets new text, not a second tooltip). */
    static final String TIP = "mailflow.tip";

    /** Gives a node {@code colour} in place of the colour class it was given before. */
    private static void colour(Node node, String colour) {
        Object old = node.getProperties().get(COLOUR);
        if (colour.equals(old)) {
            if (!node.getStyleClass().contains(colour)) {
                node.getStyleClass().add(colour);
            }
            return;
        }
        if (old instanceof String o) {
            node.getStyleClass().remove(o);
        }
        node.getStyleClass().add(colour);
        node.getProperties().put(COLOUR, colour);
    }

    /**
     * What one bar of a chart means now, kept as its data's extra value: its colour class, whether its
     * week is partial, its tooltip's text and its drill-down. An update in place changes the meaning;
     * the bar node's one tooltip and click handler read the current meaning, and its style classes
     * follow it.
     */
    static final class Meaning {
        private String colour;
        private boolean partial;
        private java.util.function.Supplier<String> text;
        private Runnable click;
        private Node node;

        /** Bar {@code b} of series {@code s} of {@code d}; restyles the bar's node when it has one. */
        Meaning set(ChartData d, ChartData.Series s, int b, BiConsumer<Drill, ChartData.Bar> onClick) {
            ChartData.Bar bar = d.bars().get(b);
            colour = s.colour();
            partial = bar.partial();
            text = () -> s.tips().get(b);
            click = () -> onClick.accept(s.drill(), bar);
            if (node != null) {
                style(node);
            }
            return this;
        }

        /** Makes this the meaning of {@code data}, set up on its node now or when the chart creates it. */
        XYChart.Data<String, Number> of(XYChart.Data<String, Number> data) {
            data.setExtraValue(this);
            if (data.getNode() != null) {
                setUp(data.getNode());
            }
            data.nodeProperty().addListener((obs, old, n) -> {
                if (n != null) {
                    setUp(n);
                }
            });
            return data;
        }

        /** A new node: its tooltip (written when the pointer comes, not for every bar) and click, then its style. */
        private void setUp(Node n) {
            node = n;
            if (!(n.getProperties().get(TIP) instanceof Tooltip)) {
                Tooltip tip = new Tooltip();
                tip.setShowDelay(javafx.util.Duration.millis(150));
                tip.setOnShowing(e -> tip.setText(text.get()));
                Tooltip.install(n, tip);
                n.getProperties().put(TIP, tip);
                n.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> tip.setText(text.get()));
                n.setCursor(Cursor.HAND);
                n.setOnMouseClicked(e -> click.run());
            }
            style(n);
        }

        private void style(Node n) {
            colour(n, colour);
            boolean has = n.getStyleClass().contains(PARTIAL);
            if (partial && !has) {
                n.getStyleClass().add(PARTIAL);
            } else if (!partial && has) {
                n.getStyleClass().remove(PARTIAL);
            }
        }
    }

    /** Whole-number ticks from 0 for counts; 0 to 100 every 25 (the 100 % tick labelled) for shares. */
    static void valueAxis(XYChart<String, Number> chart, IntegerTicks ticks, I18n i18n) {
        if (chart.getYAxis() instanceof NumberAxis axis) {
            if (ticks == null) {
                org.mailflow.ui.ChartAxes.percent(axis, i18n);
            } else {
                org.mailflow.ui.ChartAxes.whole(axis, ticks, i18n);
            }
        }
    }

    private void showTlsSplit(ReportData r) {
        tlsSplit.getChildren().clear();
        long total = r.messages();
        for (TlsVersion v : TlsVersion.values()) {
            if (r.tlsTotal(v) == 0) {
                continue;
            }
            Label chip = new Label(i18n.format("smtp.split", tlsTexts.label(v), SmtpExports.percent(r.tlsTotal(v), total),
                    i18n.number(r.tlsTotal(v))));
            chip.getStyleClass().addAll("tls-chip", v.legacy() ? "legacy" : v.versionKnown() ? "modern" : "unknown");
            chip.setGraphic(swatch(SeriesColours.tls(v)));
            chip.setId("split-" + v.name());
            tlsSplit.getChildren().add(chip);
        }
    }

    private void showAuthSplit(ReportData r) {
        authSplit.getChildren().clear();
        long total = r.messages();
        for (AuthProtocol p : AuthProtocol.values()) {
            if (r.protocolTotal(p) == 0) {
                continue;
            }
            Label chip = new Label(i18n.format("smtp.split", protocol(i18n, p), SmtpExports.percent(r.protocolTotal(p), total),
                    i18n.number(r.protocolTotal(p))));
            chip.getStyleClass().addAll("tls-chip", "auth-chip", "auth-" + p.name().toLowerCase(java.util.Locale.ROOT));
            chip.setGraphic(swatch(SeriesColours.protocol(p)));
            chip.setId("split-auth-" + p.name());
            authSplit.getChildren().add(chip);
        }
        Label basic = new Label(i18n.format("smtp.auth.basicSenders", r.basicSenders()));
        basic.getStyleClass().addAll("basic-senders", r.basicSenders() > 0 ? "some" : "none");
        basic.setId("basicSenders");
        authSplit.getChildren().add(basic);
    }

    /** A small square in a series' colour: the legend's symbol, beside a chip or a table cell. */
    static Region swatch(String colour) {
        Region r = new Region();
        r.getStyleClass().addAll("swatch", colour);
        r.setMinSize(10, 10);
        r.setPrefSize(10, 10);
        r.setMaxSize(10, 10);
        return r;
    }

    /** The UI's name of a protocol: Basic, OAuth, Other, Not named. */
    static String protocol(I18n i18n, AuthProtocol p) {
        return ReportCharts.protocol(i18n, p);
    }
}
