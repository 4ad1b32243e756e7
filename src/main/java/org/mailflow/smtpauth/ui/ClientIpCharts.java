package org.mailflow.smtpauth.ui;

import java.util.List;
import java.util.function.Function;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import org.mailflow.ui.I18n;
import org.mailflow.smtpauth.ReportData;

/**
 * The Client IPs pivot's chart: messages and failed authentications per bar, side by side, and the
 * clients' top countries and networks (SPEC 2.2) as two short ranked lists with their counts.
 */
final class ClientIpCharts {
    private final I18n i18n;
    private final PlaceTexts places;
    private final BarChart<String, Number> chart;
    private final CategoryAxis axis;
    private final GridPane topCountries;
    private final GridPane topNetworks;

    ClientIpCharts(I18n i18n, BarChart<String, Number> chart, CategoryAxis axis, GridPane topCountries, GridPane topNetworks) {
        this.i18n = i18n;
        this.places = new PlaceTexts(i18n);
        this.chart = chart;
        this.axis = axis;
        this.topCountries = topCountries;
        this.topNetworks = topNetworks;
    }

    void show(ReportData r) {
        List<String> categories = SmtpCharts.categories(i18n, r);
        XYChart.Series<String, Number> messages = series(i18n.get("smtp.ips.messages"), categories, r.messagesPerBucket());
        XYChart.Series<String, Number> failures = series(i18n.get("smtp.ips.failures"), categories, r.failuresPerBucket());
        SmtpCharts.replaceData(chart, axis, List.of(messages, failures), categories);
        for (XYChart.Series<String, Number> s : List.of(messages, failures)) {
            for (XYChart.Data<String, Number> d : s.getData()) {
                SmtpCharts.tip(d, s.getName() + ", " + d.getXValue() + ": " + i18n.number(d.getYValue().longValue()));
            }
        }
        fill(topCountries, "top-country-", r.topCountries(), places::countryOfCode);
        fill(topNetworks, "top-network-", r.topNetworks(), places::network);
    }

    private static XYChart.Series<String, Number> series(String name, List<String> categories, long[] perBucket) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (int b = 0; b < categories.size(); b++) {
            s.getData().add(new XYChart.Data<>(categories.get(b), perBucket[b]));
        }
        return s;
    }

    /** A ranked list: a header, then per place its rank and name, messages and failed authentications. */
    private void fill(GridPane grid, String idPrefix, List<ReportData.PlaceCount> top, Function<String, String> name) {
        grid.getChildren().clear();
        grid.addRow(0, new Label(), header("smtp.ips.col.messages"), header("smtp.ips.col.failures"));
        if (top.isEmpty()) {
            Label none = new Label(i18n.get("smtp.ips.none"));
            none.getStyleClass().add("text-muted");
            grid.add(none, 0, 1, 3, 1);
            return;
        }
        for (int k = 0; k < top.size(); k++) {
            ReportData.PlaceCount p = top.get(k);
            Label place = new Label((k + 1) + ". " + name.apply(p.key()));
            place.setId(idPrefix + k);
            place.getStyleClass().add("top-place");
            if (p.key().isEmpty()) {
                place.getStyleClass().add("text-muted");
            }
            place.setMinWidth(0);
            Label messages = count(p.messages(), idPrefix + k + "-messages");
            Label failures = count(p.failures(), idPrefix + k + "-failures");
            if (p.failures() > 0) {
                failures.getStyleClass().add("failure-count");
            }
            grid.addRow(k + 1, place, messages, failures);
        }
    }

    private Label header(String key) {
        Label l = new Label(i18n.get(key));
        l.getStyleClass().addAll("text-muted", "top-header");
        return l;
    }

    private Label count(long n, String id) {
        Label l = new Label(i18n.number(n));
        l.setId(id);
        l.getStyleClass().add("top-count");
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
