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
 * redrawn until the report changes. The overall TLS and protocol splits are chips below the charts,
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
     * Replaces a chart's series with {@code d}'s. The category axis is given the new categories while
     * the chart is empty; its auto-ranging would otherwise keep stale categories when the dates change.
     */
    static void draw(XYChart<String, Number> chart, CategoryAxis axis, ChartData d, I18n i18n, BiConsumer<Drill, ChartData.Bar> onClick) {
        List<String> categories = d.bars().stream().map(ChartData.Bar::category).toList();
        List<XYChart.Series<String, Number>> all = new ArrayList<>(d.series().size());
        for (ChartData.Series s : d.series()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(s.name());
            for (int b = 0; b < categories.size(); b++) {
                series.getData().add(new XYChart.Data<>(categories.get(b), s.values()[b]));
            }
            all.add(series);
        }
        chart.getData().clear();
        // Thinned labels (long ranges, see ReportCharts.labelStep) fit flat; auto-ranging would turn them
        // on their side because the bars are narrower than a date. Overlapping labels are still left out.
        axis.setAutoRanging(categories.size() <= ReportCharts.ALL_LABELS);
        axis.setTickLabelRotation(0);
        axis.getCategories().setAll(categories);
        valueAxis(chart, d.ticks(), i18n);
        chart.getData().setAll(all);
        for (int k = 0; k < all.size(); k++) {
            ChartData.Series s = d.series().get(k);
            List<XYChart.Data<String, Number>> points = all.get(k).getData();
            for (int b = 0; b < points.size(); b++) {
                ChartData.Bar bar = d.bars().get(b);
                int index = b;
                decorate(points.get(b), s.colour(), bar.partial(), () -> s.tips().get(index), () -> onClick.accept(s.drill(), bar));
            }
        }
        for (Node n : chart.lookupAll(".chart-legend-item")) {
            if (n instanceof Label item) {
                d.series().stream().filter(s -> s.name().equals(item.getText())).findFirst().ifPresent(s -> {
                    if (item.getGraphic() != null) {
                        item.getGraphic().getStyleClass().add(s.colour());
                    }
                    item.getStyleClass().add("drill-legend");
                    item.setCursor(Cursor.HAND);
                    item.setOnMouseClicked(e -> onClick.accept(s.drill(), null));
                });
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

    /** A bar's colour class, partial-week style, tooltip and click, on its node whenever it has one. */
    static void decorate(XYChart.Data<String, Number> d, String colour, boolean partial, java.util.function.Supplier<String> text,
                         Runnable click) {
        Tooltip tip = new Tooltip();
        tip.setShowDelay(javafx.util.Duration.millis(150));
        tip.setOnShowing(e -> tip.setText(text.get())); // written when the pointer comes, not for every bar
        java.util.function.Consumer<Node> setUp = node -> {
            node.getStyleClass().add(colour);
            if (partial) {
                node.getStyleClass().add(PARTIAL);
            }
            Tooltip.install(node, tip);
            node.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> tip.setText(text.get()));
            node.setCursor(Cursor.HAND);
            node.setOnMouseClicked(e -> click.run());
        };
        if (d.getNode() != null) {
            setUp.accept(d.getNode());
        }
        d.nodeProperty().addListener((obs, old, node) -> {
            if (node != null) {
                setUp.accept(node);
            }
        });
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
