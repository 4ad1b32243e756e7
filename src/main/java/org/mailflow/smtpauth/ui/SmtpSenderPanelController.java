package org.mailflow.smtpauth.ui;

import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.mailflow.app.DateConverters;
import org.mailflow.app.I18n;
import org.mailflow.cache.SmtpStore;
import org.mailflow.smtpauth.AccountHistory;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.smtpauth.UnusualActivity;

/**
 * The SMTP AUTH sender panel: flags with their evidence, first and last seen, messages per day,
 * TLS versions, auth methods and the top client IPs of the selected account in the report's window.
 */
public final class SmtpSenderPanelController {
    private final SmtpAuthViewModel model;
    private final I18n i18n;
    private final org.mailflow.app.TlsTexts tlsTexts;

    @FXML private Label senderTitle;
    @FXML private VBox flagsBox;
    @FXML private GridPane fieldsGrid;
    @FXML private BarChart<String, Number> perDayChart;
    @FXML private GridPane tlsGrid;
    @FXML private GridPane methodsGrid;
    @FXML private Label ipsTitle;
    @FXML private GridPane ipsGrid;

    public SmtpSenderPanelController(SmtpAuthViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        this.tlsTexts = new org.mailflow.app.TlsTexts(i18n);
    }

    @FXML
    private void initialize() {
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
        fieldsGrid.getChildren().clear();
        int row = 0;
        DateTimeFormatter date = DateConverters.formatter(i18n);
        addField(fieldsGrid, row++, "smtp.panel.domain", p.row().domain().isEmpty() ? "—" : p.row().domain(), "panel-domain");
        addField(fieldsGrid, row++, "smtp.panel.messages", i18n.number(h.total()), "panel-messages");
        addField(fieldsGrid, row++, "smtp.panel.firstSeen", h.firstSeen() == null ? "—" : date.format(h.firstSeen()), "panel-first-seen");
        addField(fieldsGrid, row++, "smtp.panel.lastSeen", h.lastSeen() == null ? "—" : date.format(h.lastSeen()), "panel-last-seen");

        XYChart.Series<String, Number> series = new XYChart.Series<>();
        DateTimeFormatter dm = DateConverters.dayMonth(i18n);
        for (int d = 0; d < h.perDay().length; d++) {
            series.getData().add(new XYChart.Data<>(dm.format(h.window().first().plusDays(d)), h.perDay()[d]));
        }
        perDayChart.getData().setAll(List.of(series));
        // Beyond two weeks the day labels would overlap; the window is named below the chart instead.
        boolean labels = h.perDay().length <= 14;
        perDayChart.getXAxis().setTickLabelsVisible(labels);
        perDayChart.getXAxis().setLabel(labels ? null : h.window().label(i18n.locale()));

        tlsGrid.getChildren().clear();
        row = 0;
        for (TlsVersion v : TlsVersion.values()) {
            long n = h.perTls()[v.code()];
            if (n > 0) {
                addRow(tlsGrid, row++, tlsTexts.label(v),
                        i18n.format("smtp.share", SmtpExports.percent(n, h.total()), i18n.number(n)), "panel-tls-" + v.token());
            }
        }
        methodsGrid.getChildren().clear();
        ipsGrid.getChildren().clear();
        SmtpStore.AccountActivity a = p.activity();
        if (a == null) {
            ipsTitle.setText(i18n.get("smtp.panel.ips"));
            addRow(methodsGrid, 0, i18n.get("smtp.panel.loading"), "", null);
            return;
        }
        row = 0;
        for (SmtpStore.Count c : a.methods()) {
            addRow(methodsGrid, row++, c.value().isEmpty() ? "—" : c.value(), i18n.number(c.count()), "panel-method-" + row);
        }
        ipsTitle.setText(a.distinctIps() > a.clientIps().size()
                ? i18n.format("smtp.panel.ipsTop", a.clientIps().size(), a.distinctIps()) : i18n.get("smtp.panel.ips"));
        row = 0;
        for (SmtpStore.Count c : a.clientIps()) {
            addRow(ipsGrid, row, c.value().isEmpty() ? i18n.get("smtp.panel.unknownIp") : c.value(), i18n.number(c.count()), "panel-ip-" + row);
            row++;
        }
    }

    private void showFlags(List<UnusualActivity.Finding> findings) {
        flagsBox.getChildren().clear();
        if (findings.isEmpty()) {
            Label none = new Label(i18n.get("smtp.panel.noFlags"));
            none.setId("panel-no-flags");
            none.getStyleClass().add("text-muted");
            flagsBox.getChildren().add(none);
            return;
        }
        DateTimeFormatter date = DateConverters.formatter(i18n);
        for (UnusualActivity.Finding f : findings) {
            String day = date.format(f.day());
            String text = switch (f.flag()) {
                case LEGACY_TLS -> i18n.format("smtp.finding.legacy-tls", i18n.number(f.value()), i18n.number((long) f.reference()), day);
                case BASIC_AUTH -> i18n.format("smtp.finding.basic-auth", i18n.number(f.value()), i18n.number((long) f.reference()), day);
                case VOLUME_SPIKE -> i18n.format(f.evidence() instanceof UnusualActivity.Spike s && s.recipients()
                        ? "smtp.finding.recipient-spike" : "smtp.finding.volume-spike", day, i18n.number(f.value()), decimal(f.reference()));
                case NEW_SENDER -> i18n.format("smtp.finding.new-sender", day);
                case MANY_IPS -> i18n.format("smtp.finding.many-ips", day, f.value());
                case AUTH_FAILURES -> i18n.format("smtp.finding.auth-failures", day, i18n.number(f.value()));
                case NEW_COUNTRY -> f.evidence() instanceof UnusualActivity.NewCountry c
                        ? i18n.format("smtp.finding.new-country", country(c.countryCode()), c.ip(), day, date.format(c.historyFrom())) : "";
                case IMPOSSIBLE_TRAVEL -> f.evidence() instanceof UnusualActivity.Travel t
                        ? i18n.format("smtp.finding.impossible-travel", place(t.fromCity(), t.fromCountry()), t.fromIp(), time(t.fromSecond()),
                                place(t.toCity(), t.toCountry()), t.toIp(), time(t.toSecond()), i18n.number(Math.round(t.km())),
                                Double.isInfinite(t.kmPerHour()) ? "∞" : i18n.number(Math.round(t.kmPerHour()))) : "";
                case SPRAYED_IP -> f.evidence() instanceof UnusualActivity.Spray s
                        ? i18n.format("smtp.finding.sprayed-ip", s.ip(), day, s.failedAccounts().size(), String.join(", ", s.failedAccounts())) : "";
            };
            Label name = new Label(FlagIcons.name(f.flag(), i18n));
            name.getStyleClass().add("finding-name");
            Label detail = new Label(text);
            detail.setWrapText(true);
            detail.getStyleClass().add("text-muted");
            VBox lines = new VBox(1, name, detail);
            HBox item = new HBox(8, FlagIcons.icon(f.flag(), i18n), lines);
            item.setId("finding-" + f.flag().token());
            item.getStyleClass().add("finding");
            flagsBox.getChildren().add(item);
        }
    }

    private String country(String code) {
        return org.mailflow.smtpauth.IpTotals.countryName(code, i18n.locale());
    }

    private String place(String city, String countryCode) {
        String name = country(countryCode);
        return city == null || city.isEmpty() ? name : city + ", " + name;
    }

    private String time(long epochSecond) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", i18n.locale())
                .format(java.time.Instant.ofEpochSecond(epochSecond).atZone(java.time.ZoneOffset.UTC));
    }

    private String decimal(double v) {
        return v == Math.rint(v) ? i18n.number((long) v) : String.format(i18n.locale(), "%.1f", v);
    }

    private void addField(GridPane grid, int row, String key, String value, String id) {
        addRow(grid, row, i18n.get(key), value, id);
    }

    private static void addRow(GridPane grid, int row, String name, String value, String id) {
        Label n = new Label(name);
        n.getStyleClass().add("field-name");
        n.setWrapText(true);
        Label v = new Label(value);
        v.getStyleClass().add("field-value");
        if (id != null) {
            v.setId(id);
        }
        grid.addRow(row, n, v);
    }

    @FXML
    private void onClose() {
        model.closePanel();
    }
}
