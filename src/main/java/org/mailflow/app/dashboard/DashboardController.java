package org.mailflow.app.dashboard;

import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.mailflow.ui.DateConverters;
import org.mailflow.ui.I18n;
import org.mailflow.ui.Navigator;
import org.mailflow.ui.Page;

/** Wires the Dashboard's cards and the SMTP AUTH flyout to their view model and to navigation. */
public final class DashboardController {
    /** A version note that names the setting to change (more than a fifth of the messages have no known version). */
    private static final javafx.css.PseudoClass HINT = javafx.css.PseudoClass.getPseudoClass("hint");
    /** The Basic-auth line when some sender used Basic authentication. */
    private static final javafx.css.PseudoClass WARN = javafx.css.PseudoClass.getPseudoClass("warn");
    /** The flyout's name column, wide enough for "Basic (password)", so TLS and protocol bars line up. */
    private static final double NAME_WIDTH = 128;
    private final DashboardViewModel model;
    private final Navigator navigator;
    private final I18n i18n;

    @FXML private VBox smtpCard;
    @FXML private VBox smtpFigures;
    @FXML private VBox smtpEmpty;
    @FXML private Label smtpSenders;
    @FXML private Label smtpSendersText;
    @FXML private Label smtpLegacy;
    @FXML private Label smtpBasic;
    @FXML private Label smtpUnusual;
    @FXML private VBox flyoutAuth;
    @FXML private Label flyoutBasicAccounts;
    @FXML private Label smtpVersionNote;
    @FXML private Label smtpWindow;
    @FXML private VBox smtpFlyout;
    @FXML private javafx.scene.layout.FlowPane smtpTlsChips;
    @FXML private Label flyoutWindow;
    @FXML private VBox flyoutTls;
    @FXML private BarChart<String, Number> flyoutVolumeChart;
    @FXML private VBox bulkFigures;
    @FXML private VBox bulkEmpty;
    @FXML private Label bulkMessages;
    @FXML private Label bulkSenders;
    @FXML private Label bulkIdentified;
    @FXML private Label bulkWindow;
    @FXML private Label dashboardError;
    @FXML private StackedBarChart<String, Number> bulkChart;

    public DashboardController(DashboardViewModel model, Navigator navigator, I18n i18n) {
        this.model = model;
        this.navigator = navigator;
        this.i18n = i18n;
    }

    @FXML
    private void initialize() {
        org.mailflow.ui.LoadingStates.skeleton(model.loadingProperty(), smtpSenders, bulkMessages, bulkSenders, bulkIdentified);
        org.mailflow.ui.LoadingStates.charts(model.loadingProperty(), bulkChart);
        smtpSenders.textProperty().bind(model.smtpSendersProperty());
        smtpLegacy.textProperty().bind(model.smtpLegacyProperty());
        smtpBasic.textProperty().bind(model.smtpBasicProperty());
        smtpBasic.pseudoClassStateChanged(WARN, model.smtpHasBasicProperty().get());
        model.smtpHasBasicProperty().addListener((obs, old, basic) -> smtpBasic.pseudoClassStateChanged(WARN, basic));
        smtpUnusual.textProperty().bind(model.smtpUnusualProperty());
        smtpUnusual.visibleProperty().bind(model.smtpUnusualProperty().isNotEmpty());
        smtpUnusual.managedProperty().bind(smtpUnusual.visibleProperty());
        flyoutBasicAccounts.textProperty().bind(model.flyoutBasicAccountsProperty());
        model.protocolSharesProperty().addListener((obs, old, shares) -> showProtocols(shares));
        showProtocols(model.protocolSharesProperty().get());
        smtpVersionNote.textProperty().bind(model.smtpVersionNoteProperty());
        smtpVersionNote.visibleProperty().bind(model.smtpVersionNoteProperty().isNotEmpty());
        smtpVersionNote.managedProperty().bind(smtpVersionNote.visibleProperty());
        smtpVersionNote.pseudoClassStateChanged(HINT, model.smtpVersionHintProperty().get());
        model.smtpVersionHintProperty().addListener((obs, old, hint) -> smtpVersionNote.pseudoClassStateChanged(HINT, hint));
        smtpWindow.textProperty().bind(model.smtpWindowProperty());
        smtpSendersText.setText(i18n.get("dashboard.smtp.sendersText"));
        show(smtpFigures, model.hasSmtpDataProperty());
        smtpEmpty.visibleProperty().bind(model.hasSmtpDataProperty().not().and(model.loadingProperty().not()));
        smtpEmpty.managedProperty().bind(smtpEmpty.visibleProperty());
        smtpCard.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (model.hasSmtpDataProperty().get() && !onAControl(e.getTarget())) {
                model.flyoutOpenProperty().set(true);
            }
        });
        smtpCard.getStyleClass().add("clickable-card");
        smtpFlyout.visibleProperty().bind(model.flyoutOpenProperty().and(model.hasSmtpDataProperty()));
        smtpFlyout.managedProperty().bind(smtpFlyout.visibleProperty());
        flyoutWindow.textProperty().bind(model.flyoutWindowProperty());
        model.tlsSharesProperty().addListener((obs, old, shares) -> showTls(shares));
        showTls(model.tlsSharesProperty().get());
        model.flyoutDaysProperty().addListener((obs, old, days) -> showFlyout(days));
        showFlyout(model.flyoutDaysProperty().get());

        bulkMessages.textProperty().bind(model.bulkMessagesProperty());
        bulkSenders.textProperty().bind(model.bulkSendersProperty());
        bulkIdentified.textProperty().bind(model.bulkIdentifiedProperty());
        bulkWindow.textProperty().bind(model.bulkWindowProperty());
        show(bulkFigures, model.hasBulkDataProperty());
        bulkEmpty.visibleProperty().bind(model.hasBulkDataProperty().not().and(model.loadingProperty().not()));
        bulkEmpty.managedProperty().bind(bulkEmpty.visibleProperty());
        setUpChart();
        dashboardError.textProperty().bind(model.errorProperty());
        dashboardError.visibleProperty().bind(model.errorProperty().isNotEmpty());
        dashboardError.managedProperty().bind(dashboardError.visibleProperty());
    }

    /** True for a click on a link or button of the card: those do their own thing. */
    private boolean onAControl(Object target) {
        for (javafx.scene.Node n = target instanceof javafx.scene.Node node ? node : null; n != null && n != smtpCard; n = n.getParent()) {
            if (n instanceof javafx.scene.control.ButtonBase) {
                return true;
            }
        }
        return false;
    }

    private static void show(VBox box, javafx.beans.value.ObservableBooleanValue when) {
        box.visibleProperty().bind(when);
        box.managedProperty().bind(when);
    }

    /** The week's share of messages per TLS version as labelled bars and as the card's chips. */
    private void showTls(List<TlsShare> shares) {
        flyoutTls.getChildren().clear();
        smtpTlsChips.getChildren().clear();
        for (TlsShare share : shares) {
            Label name = new Label(share.name());
            name.setMinWidth(NAME_WIDTH);
            ProgressBar bar = new ProgressBar(share.share());
            bar.setPrefWidth(96);
            bar.getStyleClass().addAll("share-bar", share.kind(),
                    org.mailflow.ui.TlsTexts.colourClass(share.version())); // the version's colour of the SMTP AUTH charts
            Label value = new Label(share.text());
            value.setId("flyout-tls-" + share.version().name());
            value.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label chip = new Label(share.chip());
            chip.getStyleClass().addAll("tls-chip", share.kind());
            smtpTlsChips.getChildren().add(chip);
            HBox row = new HBox(8, name, bar, value);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            flyoutTls.getChildren().add(row);
        }
    }

    /** The week's messages per day. */
    private void showFlyout(DailyVolume s) {
        if (s == null) {
            return;
        }
        XYChart.Series<String, Number> perDay = new XYChart.Series<>();
        DateTimeFormatter f = DateConverters.dayMonth(i18n);
        for (int d = 0; d < s.perDay().length; d++) {
            XYChart.Data<String, Number> point = new XYChart.Data<>(f.format(s.window().first().plusDays(d)), s.perDay()[d]);
            perDay.getData().add(point);
        }
        if (flyoutVolumeChart.getYAxis() instanceof javafx.scene.chart.NumberAxis axis) {
            org.mailflow.ui.ChartAxes.whole(axis, org.mailflow.model.IntegerTicks.covering(
                    org.mailflow.model.IntegerTicks.stackedMax(List.of(s.perDay()))), i18n);
        }
        flyoutVolumeChart.getData().setAll(List.of(perDay));
        for (XYChart.Data<String, Number> point : perDay.getData()) {
            if (point.getNode() != null) {
                Tooltip.install(point.getNode(), new Tooltip(point.getXValue() + ": " + i18n.number(point.getYValue().longValue())));
            }
        }
    }

    /** The week's messages per authentication protocol, one labelled bar each, as the TLS rows above them. */
    private void showProtocols(List<ProtocolShare> shares) {
        flyoutAuth.getChildren().clear();
        for (ProtocolShare share : shares) {
            Label name = new Label(share.name());
            name.setMinWidth(NAME_WIDTH);
            ProgressBar bar = new ProgressBar(share.share());
            bar.setPrefWidth(96);
            bar.getStyleClass().addAll("share-bar", "auth-" + share.protocol().name().toLowerCase(java.util.Locale.ROOT));
            Label value = new Label(share.text());
            value.setId("flyout-auth-" + share.protocol().name());
            value.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            HBox row = new HBox(8, name, bar, value);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            flyoutAuth.getChildren().add(row);
        }
    }

    /** BCL 1-9 at the Default threshold: delivered below it, identified at or above it. */
    private void setUpChart() {
        XYChart.Series<String, Number> delivered = new XYChart.Series<>();
        XYChart.Series<String, Number> identified = new XYChart.Series<>();
        for (int b = 1; b <= 9; b++) {
            delivered.getData().add(new XYChart.Data<>(Integer.toString(b), 0));
            identified.getData().add(new XYChart.Data<>(Integer.toString(b), 0));
        }
        bulkChart.getData().setAll(List.of(delivered, identified));
        javafx.scene.chart.NumberAxis axis = (javafx.scene.chart.NumberAxis) bulkChart.getYAxis();
        org.mailflow.ui.ChartAxes.whole(axis, model.barsProperty().get().ticks(), i18n);
        model.barsProperty().addListener((obs, old, bars) -> {
            org.mailflow.ui.ChartAxes.whole(axis, bars.ticks(), i18n);
            for (int b = 1; b <= 9; b++) {
                delivered.getData().get(b - 1).setYValue(bars.delivered()[b]);
                identified.getData().get(b - 1).setYValue(bars.identified()[b]);
            }
        });
    }

    @FXML
    private void onOpenFlyout() {
        model.flyoutOpenProperty().set(true);
    }

    @FXML
    private void onCloseFlyout() {
        model.flyoutOpenProperty().set(false);
    }

    @FXML
    private void onOpenReport() {
        navigator.show(Page.SMTP_AUTH);
    }

    @FXML
    private void onViewBulk() {
        navigator.show(Page.BULK);
    }

    @FXML
    private void onImport() {
        navigator.openImport(List.of(), null);
    }
}
