package org.mailflow.smtpauth.ui;

import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.control.WorldMapView;
import org.mailflow.ui.I18n;
import org.mailflow.smtpauth.AccountHistory;
import org.mailflow.smtpauth.UnusualActivity;

/**
 * The SMTP AUTH sender panel, all from the account's {@link AccountHistory} in the report's window:
 * flags with their evidence, first and last seen, messages (and recipients, where logged) per day,
 * TLS versions, authentication protocols and methods, the top client IPs with their places, and the
 * countries on a world map.
 */
public final class SmtpSenderPanelController {
    /** Countries listed under the map; the map shows them all. */
    static final int LISTED_COUNTRIES = 5;

    private final SmtpAuthViewModel model;
    private final I18n i18n;
    private final PlaceTexts places;
    private final FindingTexts findings;

    @FXML private Label senderTitle;
    @FXML private VBox flagsBox;
    @FXML private GridPane fieldsGrid;
    @FXML private BarChart<String, Number> perDayChart;
    @FXML private VBox recipientsBox;
    @FXML private BarChart<String, Number> recipientsChart;
    @FXML private GridPane tlsGrid;
    @FXML private GridPane protocolsGrid;
    @FXML private GridPane methodsGrid;
    @FXML private Label ipsTitle;
    @FXML private GridPane ipsGrid;
    @FXML private WorldMapView worldMap;
    @FXML private Label countriesNote;
    @FXML private GridPane countriesGrid;
    private CountryMap countryMap;
    private final SenderPanelFigures figures;

    public SmtpSenderPanelController(SmtpAuthViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        this.places = new PlaceTexts(i18n);
        this.findings = new FindingTexts(i18n);
        this.figures = new SenderPanelFigures(i18n);
    }

    @FXML
    private void initialize() {
        DayAxis.wholeTicks(perDayChart.getYAxis(), i18n);
        DayAxis.wholeTicks(recipientsChart.getYAxis(), i18n);
        recipientsBox.managedProperty().bind(recipientsBox.visibleProperty());
        countryMap = new CountryMap(worldMap, i18n);
        countriesNote.managedProperty().bind(countriesNote.visibleProperty());
        model.panelProperty().addListener((obs, old, p) -> show(p));
        show(model.panelProperty().get());
    }

    private void show(SmtpAuthViewModel.PanelData p) {
        if (p == null) {
            return;
        }
        AccountHistory h = p.history();
        senderTitle.setText(h.address());
        showFlags(h.findings());
        fill(fieldsGrid, figures.fields(p));
        showPerDay(h);
        fill(tlsGrid, figures.tls(h));
        fill(protocolsGrid, figures.protocols(h));
        fill(methodsGrid, figures.methods(h));
        showIps(h);
        showCountries(h);
    }

    /** Replaces a grid's lines with {@code lines}; an alert's value is marked as a Basic share. */
    private static void fill(GridPane grid, List<SenderPanelFigures.Figure> lines) {
        grid.getChildren().clear();
        for (int row = 0; row < lines.size(); row++) {
            SenderPanelFigures.Figure f = lines.get(row);
            Label value = addRow(grid, row, f.name(), f.value(), f.id());
            if (f.alert()) {
                value.getStyleClass().add("basic-share");
            }
        }
    }

    /** Messages per day; recipients, where the source logs them, in a chart of their own (they run to hundreds a message). */
    private void showPerDay(AccountHistory h) {
        List<String> days = DayAxis.categories(h.window());
        perDayChart.getData().setAll(List.of(series(days, h.perDay())));
        DayAxis.caption(perDayChart.getXAxis(), h.window(), i18n);
        boolean recipients = h.hasRecipients();
        recipientsBox.setVisible(recipients);
        recipientsChart.getData().setAll(recipients ? List.of(series(days, h.recipientsPerDay())) : List.of());
        DayAxis.caption(recipientsChart.getXAxis(), h.window(), i18n);
    }

    private static XYChart.Series<String, Number> series(List<String> days, long[] perDay) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        for (int d = 0; d < days.size(); d++) {
            s.getData().add(new XYChart.Data<>(days.get(d), perDay[d]));
        }
        return s;
    }

    private void showIps(AccountHistory h) {
        ipsGrid.getChildren().clear();
        List<AccountHistory.IpCount> top = h.topIps(SmtpAuthViewModel.TOP_IPS);
        ipsTitle.setText(h.clientIps().size() > top.size()
                ? i18n.format("smtp.panel.ipsTop", top.size(), h.clientIps().size()) : i18n.get("smtp.panel.ips"));
        for (int k = 0; k < top.size(); k++) {
            AccountHistory.IpCount ip = top.get(k);
            addRow(ipsGrid, 2 * k, places.ip(ip.ip()), i18n.number(ip.count()), "panel-ip-" + k);
            Label where = new Label(places.where(ip.place()));
            where.setId("panel-ip-place-" + k);
            where.getStyleClass().addAll("text-muted", "ip-place");
            where.setWrapText(true);
            ipsGrid.add(where, 0, 2 * k + 1, 2, 1);
        }
    }

    private void showCountries(AccountHistory h) {
        countryMap.show(h.countries());
        countriesGrid.getChildren().clear();
        List<AccountHistory.Count> countries = h.countries();
        int listed = Math.min(LISTED_COUNTRIES, countries.size());
        for (int k = 0; k < listed; k++) {
            AccountHistory.Count c = countries.get(k);
            addRow(countriesGrid, k, places.countryOfCode(c.value()), i18n.number(c.count()), "panel-country-" + k);
        }
        if (countries.isEmpty()) {
            countriesNote.setText(i18n.get(h.total() == 0 ? "smtp.panel.noMessages" : "smtp.panel.noCountries"));
        } else {
            countriesNote.setText(countries.size() > listed ? i18n.format("smtp.panel.moreCountries", countries.size() - listed) : "");
        }
        countriesNote.setVisible(!countriesNote.getText().isEmpty());
    }

    private void showFlags(List<UnusualActivity.Finding> list) {
        flagsBox.getChildren().clear();
        if (list.isEmpty()) {
            Label none = new Label(i18n.get("smtp.panel.noFlags"));
            none.setId("panel-no-flags");
            none.getStyleClass().add("text-muted");
            flagsBox.getChildren().add(none);
            return;
        }
        for (UnusualActivity.Finding f : list) {
            Label name = new Label(FlagIcons.name(f.flag(), i18n));
            name.getStyleClass().add("finding-name");
            VBox lines = new VBox(1, name);
            for (String text : findings.evidence(f)) {
                Label detail = new Label(text);
                detail.setWrapText(true);
                detail.getStyleClass().add("text-muted");
                lines.getChildren().add(detail);
            }
            HBox item = new HBox(8, FlagIcons.icon(f.flag(), i18n), lines);
            item.setFillHeight(false); // the icon stays beside the flag's name, above long evidence
            item.setId("finding-" + f.flag().token());
            item.getStyleClass().add("finding");
            flagsBox.getChildren().add(item);
        }
    }

    private static Label addRow(GridPane grid, int row, String name, String value, String id) {
        Label n = new Label(name);
        n.getStyleClass().add("field-name");
        n.setWrapText(true);
        Label v = new Label(value);
        v.getStyleClass().add("field-value");
        if (id != null) {
            v.setId(id);
        }
        grid.addRow(row, n, v);
        return v;
    }

    @FXML
    private void onClose() {
        model.closePanel();
    }
}
