package org.mailflow.smtpauth.ui;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import org.mailflow.app.DateConverters;
import org.mailflow.app.I18n;
import org.mailflow.smtpauth.AuthProtocol;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.smtpauth.TlsVersion;

/**
 * The report page's stacked charts: messages per bar and sender domain; each TLS version's share of
 * a bar's messages; messages per bar and authentication protocol. Every TLS version and every
 * protocol is always a series, in the same order, so each keeps its colour; bars show their counts
 * on hover, and the overall TLS and protocol splits are chips below the charts.
 */
final class SmtpCharts {
    private final I18n i18n;
    private final org.mailflow.app.TlsTexts tlsTexts;
    private final StackedBarChart<String, Number> volumeChart;
    private final CategoryAxis volumeAxis;
    private final StackedBarChart<String, Number> tlsChart;
    private final CategoryAxis tlsAxis;
    private final FlowPane tlsSplit;
    private final StackedBarChart<String, Number> authChart;
    private final CategoryAxis authAxis;
    private final FlowPane authSplit;

    SmtpCharts(I18n i18n, StackedBarChart<String, Number> volumeChart, CategoryAxis volumeAxis, StackedBarChart<String, Number> tlsChart,
               CategoryAxis tlsAxis, FlowPane tlsSplit, StackedBarChart<String, Number> authChart, CategoryAxis authAxis,
               FlowPane authSplit) {
        this.i18n = i18n;
        this.tlsTexts = new org.mailflow.app.TlsTexts(i18n);
        this.volumeChart = volumeChart;
        this.volumeAxis = volumeAxis;
        this.tlsChart = tlsChart;
        this.tlsAxis = tlsAxis;
        this.tlsSplit = tlsSplit;
        this.authChart = authChart;
        this.authAxis = authAxis;
        this.authSplit = authSplit;
    }

    /** The report to draw; see {@link #draw}. */
    private ReportData report;
    /** The report each chart shows, to draw a hidden chart only when its pivot is chosen. */
    private final java.util.Map<SmtpExports.Pivot, ReportData> drawn = new java.util.EnumMap<>(SmtpExports.Pivot.class);

    /**
     * Shows a new report: the chart of {@code shown} (the chosen pivot, or null when the table is
     * shown instead of the chart) at once, the others when their pivot is chosen ({@link #draw}), so
     * that a filter change redraws one chart, not three.
     */
    void show(ReportData r, SmtpExports.Pivot shown) {
        report = r;
        draw(shown);
    }

    /** Brings the chart of {@code pivot} (and its chips) up to the last report, unless it already shows it. */
    void draw(SmtpExports.Pivot pivot) {
        if (report == null || pivot == null || drawn.get(pivot) == report) {
            return;
        }
        ReportData r = report;
        switch (pivot) {
            case VOLUME -> showVolume(r, categories(i18n, r));
            case TLS -> showTls(r, categories(i18n, r));
            case AUTH -> showAuth(r, categories(i18n, r));
            default -> {
                return; // the Client IPs chart is ClientIpCharts'
            }
        }
        drawn.put(pivot, r);
    }

    /** The bars' labels: each day, or the first day of each week, as "12 Nov". */
    static List<String> categories(I18n i18n, ReportData r) {
        DateTimeFormatter f = DateConverters.dayMonth(i18n);
        List<String> out = new ArrayList<>();
        for (LocalDate d : r.buckets()) {
            out.add(f.format(d));
        }
        return out;
    }

    private void showVolume(ReportData r, List<String> categories) {
        List<XYChart.Series<String, Number>> all = new ArrayList<>();
        for (ReportData.DomainSeries s : r.volume()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(s.domain() == null ? i18n.get("smtp.otherDomains")
                    : s.domain().isEmpty() ? i18n.get("smtp.noDomain") : s.domain());
            for (int b = 0; b < categories.size(); b++) {
                series.getData().add(new XYChart.Data<>(categories.get(b), s.perBucket()[b]));
            }
            all.add(series);
        }
        for (XYChart.Series<String, Number> s : replaceData(volumeChart, volumeAxis, all, categories)) {
            for (XYChart.Data<String, Number> d : s.getData()) {
                tip(d, s.getName() + ", " + d.getXValue() + ": " + i18n.number(d.getYValue().longValue()));
            }
        }
    }

    private void showTls(ReportData r, List<String> categories) {
        List<XYChart.Series<String, Number>> all = new ArrayList<>();
        long[] perBucketTotal = new long[categories.size()];
        for (long[] perTls : r.tlsPerBucket()) {
            for (int b = 0; b < perBucketTotal.length; b++) {
                perBucketTotal[b] += perTls[b];
            }
        }
        tlsSplit.getChildren().clear();
        long total = r.messages();
        for (TlsVersion v : TlsVersion.values()) {
            long[] counts = r.tlsPerBucket()[v.code()];
            // Every version is a series, always in the same order, so that each keeps its colour.
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(label(v));
            for (int b = 0; b < categories.size(); b++) {
                double share = perBucketTotal[b] == 0 ? 0 : 100.0 * counts[b] / perBucketTotal[b];
                XYChart.Data<String, Number> d = new XYChart.Data<>(categories.get(b), share);
                d.setExtraValue(counts[b]);
                series.getData().add(d);
            }
            all.add(series);
            if (r.tlsTotal(v) == 0) {
                continue;
            }
            Label chip = new Label(i18n.format("smtp.split", label(v), SmtpExports.percent(r.tlsTotal(v), total),
                    i18n.number(r.tlsTotal(v))));
            chip.getStyleClass().addAll("tls-chip", v.legacy() ? "legacy" : v.versionKnown() ? "modern" : "unknown");
            chip.setId("split-" + v.name());
            tlsSplit.getChildren().add(chip);
        }
        for (XYChart.Series<String, Number> s : replaceData(tlsChart, tlsAxis, all, categories)) {
            for (int b = 0; b < s.getData().size(); b++) {
                XYChart.Data<String, Number> d = s.getData().get(b);
                tip(d, s.getName() + ", " + d.getXValue() + ": " + i18n.format("smtp.share",
                        SmtpExports.percent((Long) d.getExtraValue(), perBucketTotal[b]), i18n.number((Long) d.getExtraValue())));
            }
        }
    }

    private void showAuth(ReportData r, List<String> categories) {
        List<XYChart.Series<String, Number>> all = new ArrayList<>();
        authSplit.getChildren().clear();
        long total = r.messages();
        for (AuthProtocol p : AuthProtocol.values()) {
            long[] counts = r.protocolPerBucket()[p.ordinal()];
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(protocol(i18n, p));
            for (int b = 0; b < categories.size(); b++) {
                series.getData().add(new XYChart.Data<>(categories.get(b), counts[b]));
            }
            all.add(series);
            if (r.protocolTotal(p) == 0) {
                continue;
            }
            Label chip = new Label(i18n.format("smtp.split", protocol(i18n, p), SmtpExports.percent(r.protocolTotal(p), total),
                    i18n.number(r.protocolTotal(p))));
            chip.getStyleClass().addAll("tls-chip", "auth-chip", "auth-" + p.name().toLowerCase(java.util.Locale.ROOT));
            chip.setId("split-auth-" + p.name());
            authSplit.getChildren().add(chip);
        }
        Label basic = new Label(i18n.format("smtp.auth.basicSenders", r.basicSenders()));
        basic.getStyleClass().addAll("basic-senders", r.basicSenders() > 0 ? "some" : "none");
        basic.setId("basicSenders");
        authSplit.getChildren().add(basic);
        for (XYChart.Series<String, Number> s : replaceData(authChart, authAxis, all, categories)) {
            for (XYChart.Data<String, Number> d : s.getData()) {
                tip(d, s.getName() + ", " + d.getXValue() + ": " + i18n.number(d.getYValue().longValue()));
            }
        }
    }

    /** The UI's name of a protocol: Basic, OAuth, Other, Not named. */
    static String protocol(I18n i18n, AuthProtocol p) {
        return i18n.get("smtp.protocol." + p.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Puts {@code series} into a chart and returns the chart's series. When the chart's bars are of the
     * same categories (the same days), its series are kept and updated in place (names, values, extra
     * values), series beyond the new count are removed from the end and new ones added at the end: bar
     * nodes are only created for added series, and creating and styling bar nodes is most of a
     * redraw's time (a filter change between domains of the same days). Otherwise the series are
     * replaced; the category axis is then given the new categories while the chart is empty, as its
     * auto-ranging would otherwise keep stale categories when the dates change.
     */
    static List<XYChart.Series<String, Number>> replaceData(javafx.scene.chart.XYChart<String, Number> chart, CategoryAxis axis,
                                                           List<XYChart.Series<String, Number>> series, List<String> categories) {
        if (sameCategories(chart, axis, categories) && series.stream().allMatch(s -> s.getData().size() == categories.size())) {
            int kept = Math.min(chart.getData().size(), series.size());
            for (int i = 0; i < kept; i++) {
                XYChart.Series<String, Number> now = chart.getData().get(i);
                XYChart.Series<String, Number> next = series.get(i);
                if (!java.util.Objects.equals(now.getName(), next.getName())) {
                    now.setName(next.getName());
                }
                for (int b = 0; b < categories.size(); b++) {
                    XYChart.Data<String, Number> bar = now.getData().get(b);
                    XYChart.Data<String, Number> value = next.getData().get(b);
                    if (!bar.getYValue().equals(value.getYValue())) {
                        bar.setYValue(value.getYValue());
                    }
                    bar.setExtraValue(value.getExtraValue());
                }
            }
            if (chart.getData().size() > kept) {
                chart.getData().remove(kept, chart.getData().size());
            } else if (series.size() > kept) {
                chart.getData().addAll(series.subList(kept, series.size()));
            }
            return chart.getData();
        }
        chart.getData().clear();
        if (!axis.getCategories().equals(categories)) {
            axis.getCategories().setAll(categories);
        }
        chart.getData().setAll(series);
        return chart.getData();
    }

    /** True when the axis has {@code categories} and every series of the chart has one bar per category, in their order. */
    private static boolean sameCategories(javafx.scene.chart.XYChart<String, Number> chart, CategoryAxis axis, List<String> categories) {
        if (chart.getData().isEmpty() || !axis.getCategories().equals(categories)) {
            return false;
        }
        for (XYChart.Series<String, Number> s : chart.getData()) {
            List<XYChart.Data<String, Number>> bars = s.getData();
            if (bars.size() != categories.size()) {
                return false;
            }
            for (int b = 0; b < categories.size(); b++) {
                if (!categories.get(b).equals(bars.get(b).getXValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    String label(TlsVersion v) {
        return tlsTexts.label(v);
    }

    /** The key of a bar node's tooltip in its properties, so that a bar updated in place gets its text changed, not a second tooltip. */
    private static final String TIP = "mailflow.tip";

    static void tip(XYChart.Data<String, Number> d, String text) {
        if (d.getNode() != null) {
            installTip(d.getNode(), text);
            return;
        }
        d.nodeProperty().addListener(new javafx.beans.value.ChangeListener<javafx.scene.Node>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Node> obs, javafx.scene.Node old,
                                javafx.scene.Node node) {
                if (node != null) {
                    installTip(node, text);
                    obs.removeListener(this);
                }
            }
        });
    }

    private static void installTip(javafx.scene.Node node, String text) {
        if (node.getProperties().get(TIP) instanceof Tooltip existing) {
            existing.setText(text);
            return;
        }
        Tooltip tip = new Tooltip(text);
        tip.setShowDelay(javafx.util.Duration.millis(150));
        Tooltip.install(node, tip);
        node.getProperties().put(TIP, tip);
    }
}
