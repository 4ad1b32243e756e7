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
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.smtpauth.TlsVersion;

/**
 * The report page's two charts: messages per bar and sender domain, and each TLS version's share of
 * a bar's messages (every version always a series, in token order, so each keeps its colour), with
 * hover counts and the overall TLS split as chips.
 */
final class SmtpCharts {
    private final I18n i18n;
    private final org.mailflow.app.TlsTexts tlsTexts;
    private final StackedBarChart<String, Number> volumeChart;
    private final CategoryAxis volumeAxis;
    private final StackedBarChart<String, Number> tlsChart;
    private final CategoryAxis tlsAxis;
    private final FlowPane tlsSplit;

    SmtpCharts(I18n i18n, StackedBarChart<String, Number> volumeChart, CategoryAxis volumeAxis, StackedBarChart<String, Number> tlsChart,
               CategoryAxis tlsAxis, FlowPane tlsSplit) {
        this.i18n = i18n;
        this.tlsTexts = new org.mailflow.app.TlsTexts(i18n);
        this.volumeChart = volumeChart;
        this.volumeAxis = volumeAxis;
        this.tlsChart = tlsChart;
        this.tlsAxis = tlsAxis;
        this.tlsSplit = tlsSplit;
    }

    void show(ReportData r) {
        List<String> categories = categories(r);
        showVolume(r, categories);
        showTls(r, categories);
    }

    private List<String> categories(ReportData r) {
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

    /**
     * Replaces a stacked chart's series. The category axis is given the new categories while the chart
     * is empty; its auto-ranging would otherwise keep stale categories when the dates change.
     */
    private static void replaceData(StackedBarChart<String, Number> chart, CategoryAxis axis, List<XYChart.Series<String, Number>> series,
                                    List<String> categories) {
        chart.getData().clear();
        axis.getCategories().setAll(categories);
        chart.getData().setAll(series);
    }

    String label(TlsVersion v) {
        return tlsTexts.label(v);
    }

    private static void tip(XYChart.Data<String, Number> d, String text) {
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
