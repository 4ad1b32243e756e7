package org.mailflow.smtpauth.ui;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.mailflow.ui.DateConverters;
import org.mailflow.ui.I18n;
import org.mailflow.smtpauth.IpHistory;
import org.mailflow.smtpauth.IpTotals;
import org.mailflow.smtpauth.SmtpFlag;

/**
 * The panel of one client IP of the Client IPs pivot ({@link IpHistory} in the report's window): its
 * country (in the UI's language) and network, its counts, messages and failed authentications per day, the days it sprayed
 * passwords, and its accounts with their messages, failures, days and flags. An account's address
 * opens its sender panel.
 */
public final class SmtpIpPanelController {
    /** The panel lists this many accounts (a spraying IP may have tried thousands), then counts the rest. */
    static final int LISTED_ACCOUNTS = 100;

    private final SmtpAuthViewModel model;
    private final I18n i18n;
    private final PlaceTexts places;

    @FXML private Label ipTitle;
    @FXML private Label ipPlace;
    @FXML private HBox sprayBox;
    @FXML private Label sprayNote;
    @FXML private GridPane ipFieldsGrid;
    @FXML private BarChart<String, Number> ipPerDayChart;
    @FXML private Label ipAccountsTitle;
    @FXML private VBox ipAccountsBox;

    public SmtpIpPanelController(SmtpAuthViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        this.places = new PlaceTexts(i18n);
    }

    @FXML
    private void initialize() {
        DayAxis.wholeTicks(ipPerDayChart.getYAxis(), i18n);
        sprayBox.getChildren().add(0, FlagIcons.icon(SmtpFlag.SPRAYED_IP, i18n));
        sprayBox.managedProperty().bind(sprayBox.visibleProperty());
        model.ipPanelProperty().addListener((obs, old, p) -> show(p));
        show(model.ipPanelProperty().get());
    }

    private void show(SmtpAuthViewModel.IpPanelData p) {
        if (p == null) {
            return;
        }
        IpHistory h = p.history();
        IpTotals row = p.row();
        ipTitle.setText(places.ip(h.ip()));
        // country and network on a line of their own: a network name is too long for the figures' column
        ipPlace.setText(places.where(h.place()));
        DateTimeFormatter date = DateConverters.formatter(i18n);
        sprayBox.setVisible(!h.sprayDays().isEmpty());
        sprayNote.setText(i18n.format("smtp.ipPanel.spray", String.join(", ", h.sprayDays().stream().map(date::format).toList())));

        ipFieldsGrid.getChildren().clear();
        int r = 0;
        addRow(r++, "smtp.ipPanel.messages", i18n.number(h.messages()), "ip-messages");
        addRow(r++, "smtp.ipPanel.failures", i18n.number(h.failures()), "ip-failures");
        addRow(r++, "smtp.ipPanel.accountsSent", i18n.number(row.accounts()), "ip-accounts");
        addRow(r, "smtp.ipPanel.accountsFailed", i18n.number(row.accountsFailed()), "ip-accounts-failed");
        showPerDay(h);
        showAccounts(h.accounts());
    }

    private void showPerDay(IpHistory h) {
        List<String> days = DayAxis.categories(h.window());
        XYChart.Series<String, Number> messages = new XYChart.Series<>();
        messages.setName(i18n.get("smtp.ips.messages"));
        XYChart.Series<String, Number> failures = new XYChart.Series<>();
        failures.setName(i18n.get("smtp.ips.failures"));
        for (int d = 0; d < days.size(); d++) {
            messages.getData().add(new XYChart.Data<>(days.get(d), h.messagesPerDay()[d]));
            failures.getData().add(new XYChart.Data<>(days.get(d), h.failuresPerDay()[d]));
        }
        ipPerDayChart.getData().setAll(List.of(messages, failures));
        DayAxis.caption(ipPerDayChart.getXAxis(), h.window(), i18n);
    }

    private void showAccounts(List<IpHistory.AccountRow> accounts) {
        ipAccountsTitle.setText(i18n.format("smtp.ipPanel.accounts", accounts.size()));
        ipAccountsBox.getChildren().clear();
        if (accounts.isEmpty()) {
            Label none = new Label(i18n.get("smtp.ipPanel.noAccounts"));
            none.getStyleClass().add("text-muted");
            none.setWrapText(true);
            ipAccountsBox.getChildren().add(none);
            return;
        }
        DateTimeFormatter date = DateConverters.dayMonth(i18n);
        int listed = Math.min(LISTED_ACCOUNTS, accounts.size());
        for (int k = 0; k < listed; k++) {
            IpHistory.AccountRow a = accounts.get(k);
            HBox head = new HBox(6);
            head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            if (a.flags() != 0) {
                head.getChildren().add(FlagIcons.icons(a.flags(), i18n));
            }
            if (a.address().isEmpty()) {
                Label anonymous = new Label(i18n.get("smtp.ipPanel.noName"));
                anonymous.getStyleClass().add("text-muted");
                anonymous.setId("ip-account-" + k);
                head.getChildren().add(anonymous);
            } else {
                Hyperlink link = new Hyperlink(a.address());
                link.setId("ip-account-" + k);
                link.getStyleClass().add("account-link");
                link.setTooltip(new Tooltip(i18n.get("smtp.ipPanel.openAccount")));
                link.setOnAction(e -> model.showAccount(a.address()));
                link.setMinWidth(0);
                head.getChildren().add(link);
            }
            Label detail = new Label(i18n.format("smtp.ipPanel.account", a.messages(), a.failures(), a.days(), days(date, a.firstDay(), a.lastDay())));
            detail.setId("ip-account-detail-" + k);
            detail.getStyleClass().addAll("text-muted", "ip-account-detail");
            detail.setWrapText(true);
            VBox item = new VBox(0, head, detail);
            item.getStyleClass().add("ip-account");
            ipAccountsBox.getChildren().add(item);
        }
        if (accounts.size() > listed) {
            Label more = new Label(i18n.format("smtp.ipPanel.moreAccounts", accounts.size() - listed));
            more.getStyleClass().add("text-muted");
            ipAccountsBox.getChildren().add(more);
        }
    }

    private String days(DateTimeFormatter date, LocalDate first, LocalDate last) {
        return first.equals(last) ? date.format(first) : date.format(first) + " \u2013 " + date.format(last);
    }

    private void addRow(int row, String key, String value, String id) {
        Label n = new Label(i18n.get(key));
        n.getStyleClass().add("field-name");
        n.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.getStyleClass().add("field-value");
        v.setId(id);
        ipFieldsGrid.addRow(row, n, v);
    }

    @FXML
    private void onClose() {
        model.closeIpPanel();
    }
}
