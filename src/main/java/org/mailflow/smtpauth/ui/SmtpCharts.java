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
import org.mailflow.ui.DateConverters;
import org.mailflow.ui.I18n;
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
    private final org.mailflow.ui.TlsTexts tlsTexts;
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
        this.tlsTexts = new org.mailflow.ui.TlsTexts(i18n);
        this.volumeChart = volumeChart;
        this.volumeAxis = volumeAxis;
        this.tlsChart = tlsChart;
        this.tlsAxis = tlsAxis;
        this.tlsSplit = tlsSplit;
        this.authChart = authChart;
        this.authAxis = authAxis;
        this.authSplit = authSplit;
    }

    void show(ReportData r) {
        List<String> categories = categories(i18n, r);
        showVolume(r, categories);
        showTls(r, categories);
        showAuth(r, categories);
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
        replaceData(volumeChart, volumeAxis, all, categories);
        for (XYChart.Series<String, Number> s : all) {
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
        replaceData(tlsChart, tlsAxis, all, categories);
        for (XYChart.Series<String, Number> s : all) {
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
        replaceData(authChart, authAxis, all, categories);
        for (XYChart.Series<String, Number> s : all) {
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
     * Replaces a stacked chart's series. The category axis is given the new categories while the chart
     * is empty; its auto-ranging would otherwise keep stale categories when the dates change.
     */
    static void replaceData(javafx.scene.chart.XYChart<String, Number> chart, CategoryAxis axis, List<XYChart.Series<String, Number>> series,
                            List<String> categories) {
        chart.getData().clear();
        axis.getCategories().setAll(categories);
        chart.getData().setAll(series);
    }

    String label(TlsVersion v) {
        return tlsTexts.label(v);
    }

    static void tip(XYChart.Data<String, Number> d, String text) {
        Tooltip tip = new Tooltip(text);
        tip.setShowDelay(javafx.util.Duration.millis(150));
        if (d.getNode() != null) {
            Tooltip.install(d.getNode(), tip);
        }
        d.nodeProperty().addListener((obs, old, node) -> {
            if (node != null) {
                Tooltip.install(node, tip);
            }
        });
    }
}
