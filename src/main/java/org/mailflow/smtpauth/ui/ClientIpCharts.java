package org.mailflow.smtpauth.ui;

import java.util.List;
import java.util.function.Function;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import org.mailflow.ui.I18n;
import org.mailflow.smtpauth.ReportData;

/**
 * The Client IPs pivot's top countries and networks (SPEC 2.2) as two short ranked lists with their
 * counts; its chart (messages and failed authentications per bar) is drawn by {@link SmtpCharts}.
 */
final class ClientIpCharts {
    private final I18n i18n;
    private final PlaceTexts places;
    private final GridPane topCountries;
    private final GridPane topNetworks;

    ClientIpCharts(I18n i18n, GridPane topCountries, GridPane topNetworks) {
        this.i18n = i18n;
        this.places = new PlaceTexts(i18n);
        this.topCountries = topCountries;
        this.topNetworks = topNetworks;
    }

    void show(ReportData r) {
        fill(topCountries, "top-country-", r.topCountries(), places::countryOfCode);
        fill(topNetworks, "top-network-", r.topNetworks(), places::network);
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
