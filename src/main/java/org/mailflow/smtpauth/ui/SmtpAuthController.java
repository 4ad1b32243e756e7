package org.mailflow.smtpauth.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.File;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.StringProperty;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SegmentedButton;
import org.mailflow.ui.DateConverters;
import org.mailflow.ui.Controls;
import org.mailflow.ui.I18n;
import org.mailflow.ui.Navigator;
import org.mailflow.ui.export.Exports;
import org.mailflow.ui.DateConverters;
import org.mailflow.ui.Controls;
import org.mailflow.ui.I18n;
import org.mailflow.ui.Navigator;
import org.mailflow.ui.Notifier;
import org.mailflow.ui.View;
import org.mailflow.ui.ViewLoader;
import org.mailflow.smtpauth.IpTotals;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.SenderFilter;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.SmtpExports;

/** Wires the SMTP AUTH clients report page to {@link SmtpAuthViewModel}. */
public final class SmtpAuthController {
    /** A version note that names the setting to change (more than a fifth of the messages have no known version). */
    private static final javafx.css.PseudoClass HINT = javafx.css.PseudoClass.getPseudoClass("hint");
    private final SmtpAuthViewModel model;
    private final I18n i18n;
    private final Exports exports;
    private final Navigator navigator;

    @FXML private Label windowLabel;
    @FXML private Button requestReportButton;
    @FXML private ProgressBar loadingBar;
    @FXML private Label errorLabel;
    @FXML private VBox emptyState;
    @FXML private VBox reportBox;
    @FXML private SegmentedButton pivotSwitch;
    @FXML private ToggleButton volumePivot;
    @FXML private ToggleButton tlsPivot;
    @FXML private ToggleButton authPivot;
    @FXML private ToggleButton ipsPivot;
    @FXML private Hyperlink viewSwitch;
    @FXML private DatePicker fromPicker;
    @FXML private DatePicker toPicker;
    @FXML private HBox quickPicks;
    @FXML private ComboBox<String> domainCombo;
    @FXML private Label rangeErrorLabel;
    @FXML private Label messagesLabel;
    @FXML private Label sendersLabel;
    @FXML private Label legacyLabel;
    @FXML private Label versionNote;
    @FXML private Label unusualLabel;
    @FXML private VBox chartCard;
    @FXML private Label chartTitle;
    @FXML private Label chartNote;
    @FXML private StackedBarChart<String, Number> volumeChart;
    @FXML private CategoryAxis volumeAxis;
    @FXML private StackedBarChart<String, Number> tlsChart;
    @FXML private CategoryAxis tlsAxis;
    @FXML private FlowPane tlsSplit;
    @FXML private StackedBarChart<String, Number> authChart;
    @FXML private CategoryAxis authAxis;
    @FXML private FlowPane authSplit;
    @FXML private BarChart<String, Number> ipsChart;
    @FXML private CategoryAxis ipsAxis;
    @FXML private HBox placesBox;
    @FXML private GridPane topCountries;
    @FXML private GridPane topNetworks;
    @FXML private VBox tableCard;
    @FXML private Label tableTitle;
    @FXML private Label countLabel;
    @FXML private atlantafx.base.controls.CustomTextField searchField;
    @FXML private CheckBox unusualOnlyCheck;
    @FXML private Button addClauseButton;
    @FXML private VBox clauseBox;
    @FXML private FlowPane drillChips;
    @FXML private Label exportStatus;
    @FXML private Button exportButton;
    @FXML private Button exportAsButton;
    @FXML private TableView<SenderTotals> senderTable;
    @FXML private TableColumn<SenderTotals, Number> flagsColumn;
    @FXML private TableColumn<SenderTotals, String> senderColumn;
    @FXML private TableColumn<SenderTotals, String> domainColumn;
    @FXML private TableColumn<SenderTotals, SenderTotals> tls10Column;
    @FXML private TableColumn<SenderTotals, SenderTotals> tls11Column;
    @FXML private TableColumn<SenderTotals, SenderTotals> tls12Column;
    @FXML private TableColumn<SenderTotals, SenderTotals> tls13Column;
    @FXML private TableColumn<SenderTotals, SenderTotals> noTlsColumn;
    @FXML private TableColumn<SenderTotals, SenderTotals> versionUnknownColumn;
    @FXML private TableColumn<SenderTotals, SenderTotals> basicColumn;
    @FXML private TableColumn<SenderTotals, SenderTotals> oauthColumn;
    @FXML private TableColumn<SenderTotals, SenderTotals> otherColumn;
    @FXML private TableColumn<SenderTotals, String> methodsColumn;
    @FXML private TableColumn<SenderTotals, LocalDate> lastBasicColumn;
    @FXML private TableColumn<SenderTotals, Number> messagesColumn;
    @FXML private TableView<IpTotals> ipTable;
    @FXML private TableColumn<IpTotals, Number> ipFlagsColumn;
    @FXML private TableColumn<IpTotals, String> ipColumn;
    @FXML private TableColumn<IpTotals, String> countryColumn;
    @FXML private TableColumn<IpTotals, String> networkColumn;
    @FXML private TableColumn<IpTotals, Number> accountsColumn;
    @FXML private TableColumn<IpTotals, Number> ipMessagesColumn;
    @FXML private TableColumn<IpTotals, Number> failuresColumn;
    @FXML private TableColumn<IpTotals, Number> accountsFailedColumn;
    @FXML private javafx.scene.layout.StackPane tableRow;
    @FXML private javafx.scene.layout.StackPane panelStack;
    @FXML private org.controlsfx.control.MasterDetailPane tableSplit;
    @FXML private VBox smtpPanel;
    private Parent ipPanel;
    private SmtpCharts charts;
    private ClientIpCharts ipCharts;
    private final Map<SmtpExports.Pivot, ToggleButton> pivotButtons = new EnumMap<>(SmtpExports.Pivot.class);
    /** Loads the IP panel ({@link View#SMTP_IP_PANEL}) with the app's controller factory. */
    private final ViewLoader views;
    /** The model's search text the search field edits: the senders' or the client IPs'. */
    private StringProperty boundSearch;

    public SmtpAuthController(SmtpAuthViewModel model, I18n i18n, Exports exports, Navigator navigator, ViewLoader views) {
        this.model = model;
        this.views = views;
        this.i18n = i18n;
        this.exports = exports;
        this.navigator = navigator;
    }

    @FXML
    private void initialize() {
        windowLabel.textProperty().bind(model.windowLabelProperty());
        loadingBar.visibleProperty().bind(model.loadingProperty());
        loadingBar.managedProperty().bind(model.loadingProperty());
        bindMessage(errorLabel, model.errorProperty());
        bindMessage(rangeErrorLabel, model.rangeErrorProperty());
        emptyState.visibleProperty().bind(model.loadedProperty().and(model.hasDataProperty().not()));
        emptyState.managedProperty().bind(emptyState.visibleProperty());
        reportBox.visibleProperty().bind(model.hasDataProperty());
        reportBox.managedProperty().bind(reportBox.visibleProperty());
        requestReportButton.disableProperty().bind(model.hasDataProperty().not().or(exports.runningProperty()));

        pivotButtons.put(SmtpExports.Pivot.VOLUME, volumePivot);
        pivotButtons.put(SmtpExports.Pivot.TLS, tlsPivot);
        pivotButtons.put(SmtpExports.Pivot.AUTH, authPivot);
        pivotButtons.put(SmtpExports.Pivot.IPS, ipsPivot);
        ToggleGroup pivots = pivotSwitch.getToggleGroup();
        pivotButtons.forEach((p, b) -> {
            b.setUserData(p);
            b.setToggleGroup(pivots);
        });
        pivots.selectToggle(pivotButtons.get(model.pivotProperty().get()));
        pivots.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t == null) {
                pivots.selectToggle(old); // one pivot is always chosen
            } else {
                model.pivotProperty().set((SmtpExports.Pivot) t.getUserData());
            }
        });
        model.pivotProperty().addListener((obs, old, p) -> {
            pivots.selectToggle(pivotButtons.get(p));
            showPivot();
        org.mailflow.ui.LoadingStates.skeleton(model.loadingProperty(), messagesLabel, sendersLabel, legacyLabel, unusualLabel, countLabel);
        org.mailflow.ui.LoadingStates.charts(model.loadingProperty(), volumeChart, tlsChart, authChart, ipsChart);
        org.mailflow.ui.LoadingStates.tables(model.loadingProperty(), i18n, senderTable, ipTable);
        });
        model.tableViewProperty().addListener((obs, old, t) -> showPivot());

        fromPicker.setConverter(DateConverters.of(i18n, () -> model.fromProperty().get()));
        toPicker.setConverter(DateConverters.of(i18n, () -> model.toProperty().get()));
        fromPicker.valueProperty().bindBidirectional(model.fromProperty());
        toPicker.valueProperty().bindBidirectional(model.toProperty());
        // Checked when the user commits the text (Enter, leaving the field, picking a day), not mid-typing.
        for (DatePicker picker : List.of(fromPicker, toPicker)) {
            picker.getEditor().focusedProperty().addListener((obs, was, focused) -> {
                if (!focused) {
                    model.dateTyped(picker.getEditor().getText());
                }
            });
            picker.getEditor().addEventHandler(javafx.event.ActionEvent.ACTION, e -> model.dateTyped(picker.getEditor().getText()));
            picker.valueProperty().addListener((obs, old, v) -> model.dateTyped(picker.getEditor().getText()));
        }
        for (int days : SmtpAuthViewModel.QUICK_PICKS) {
            Button b = new Button(i18n.format("smtp.filters.days", days));
            b.setId("quickPick" + days);
            b.getStyleClass().addAll("flat", "small");
            b.setOnAction(e -> model.quickPick(days));
            quickPicks.getChildren().add(b);
        }
        domainCombo.setItems(model.domains());
        domainCombo.setConverter(Controls.showing(d -> d == null || d.isEmpty() ? i18n.get("smtp.allDomains") : d));
        domainCombo.valueProperty().bindBidirectional(model.domainProperty());

        charts = new SmtpCharts(i18n, volumeChart, volumeAxis, tlsChart, tlsAxis, tlsSplit, authChart, authAxis, authSplit, ipsChart,
                ipsAxis, model::drillDown);
        ipCharts = new ClientIpCharts(i18n, topCountries, topNetworks);
        drillChips.getChildren().setAll(
                org.mailflow.ui.FilterChip.of("seriesChip", model.seriesChipProperty(), model::clearSeriesDrill, i18n),
                org.mailflow.ui.FilterChip.of("periodChip", model.periodChipProperty(), model::clearPeriodDrill, i18n));
        drillChips.visibleProperty().bind(model.seriesChipProperty().isNotEmpty().or(model.periodChipProperty().isNotEmpty()));
        drillChips.managedProperty().bind(drillChips.visibleProperty());
        versionNote.textProperty().bind(model.versionNoteProperty());
        versionNote.visibleProperty().bind(model.versionNoteProperty().isNotEmpty());
        versionNote.managedProperty().bind(versionNote.visibleProperty());
        versionNote.pseudoClassStateChanged(HINT, model.versionHintProperty().get());
        model.versionHintProperty().addListener((obs, old, hint) -> versionNote.pseudoClassStateChanged(HINT, hint));
        setUpTables();
        messagesLabel.textProperty().bind(Bindings.createStringBinding(() -> model.totalsProperty().get().messages(), model.totalsProperty()));
        sendersLabel.textProperty().bind(Bindings.createStringBinding(() -> model.totalsProperty().get().senders(), model.totalsProperty()));
        legacyLabel.textProperty().bind(Bindings.createStringBinding(() -> model.totalsProperty().get().legacy(), model.totalsProperty()));
        unusualLabel.textProperty().bind(Bindings.createStringBinding(() -> model.totalsProperty().get().unusual(), model.totalsProperty()));
        model.reportProperty().addListener((obs, old, r) -> showReport(r));
        showReport(model.reportProperty().get());

        smtpPanel.visibleProperty().bind(model.panelProperty().isNotNull());
        smtpPanel.managedProperty().bind(smtpPanel.visibleProperty());
        ipPanel = views.load(View.SMTP_IP_PANEL);
        panelStack.getChildren().add(ipPanel);
        // A sender panel opened from the IP's accounts stands in for the IP panel until it is closed.
        ipPanel.visibleProperty().bind(model.ipPanelProperty().isNotNull().and(model.panelProperty().isNull())
                .and(model.pivotProperty().isEqualTo(SmtpExports.Pivot.IPS)));
        ipPanel.managedProperty().bind(ipPanel.visibleProperty());
        // The flags and the sender (or IP) stay in view while the other columns scroll sideways.
        org.mailflow.ui.TableLayout.freezeLeadingColumns(senderTable, 2);
        org.mailflow.ui.TableLayout.freezeLeadingColumns(ipTable, 2);
        tableSplit.showDetailNodeProperty().bind(smtpPanel.visibleProperty().or(ipPanel.visibleProperty()));
        showPivot();
        onExported = (obs, old, path) -> {
            if (path != null) {
                exportStatus.setText(i18n.format("bulk.exported", path));
            }
        };
        exports.lastWrittenProperty().addListener(new javafx.beans.value.WeakChangeListener<>(onExported));
        exportStatus.visibleProperty().bind(exportStatus.textProperty().isNotEmpty());
        exportStatus.managedProperty().bind(exportStatus.visibleProperty());
        exportButton.disableProperty().bind(exports.runningProperty());
        exportAsButton.disableProperty().bind(exports.runningProperty());
    }

    private static void bindMessage(Label label, javafx.beans.value.ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    // ---- pivots and views ----------------------------------------------------------------------

    private void showPivot() {
        SmtpExports.Pivot p = model.pivotProperty().get();
        boolean table = model.tableViewProperty().get();
        boolean senders = p.senders();
        viewSwitch.setText(i18n.get(table ? "smtp.viewReport" : "smtp.viewTable"));
        show(chartCard, !table);
        show(tableCard, table);
        volumeChart.setVisible(p == SmtpExports.Pivot.VOLUME);
        tlsChart.setVisible(p == SmtpExports.Pivot.TLS);
        authChart.setVisible(p == SmtpExports.Pivot.AUTH);
        ipsChart.setVisible(p == SmtpExports.Pivot.IPS);
        show(tlsSplit, p == SmtpExports.Pivot.TLS);
        show(authSplit, p == SmtpExports.Pivot.AUTH);
        show(placesBox, p == SmtpExports.Pivot.IPS);
        String key = p.token();
        ReportCharts shown = model.chartsProperty().get();
        chartTitle.setText(shown == null ? "" : shown.of(p).title());
        chartNote.setText(shown == null ? "" : shown.of(p).note());
        charts.pivotShown(p);
        tableTitle.setText(i18n.get("smtp.table." + (p == SmtpExports.Pivot.VOLUME ? "volume" : key)));
        for (TableColumn<SenderTotals, ?> c : List.of(tls10Column, tls11Column, tls12Column, tls13Column, noTlsColumn,
                versionUnknownColumn)) {
            c.setVisible(p == SmtpExports.Pivot.TLS);
        }
        for (TableColumn<SenderTotals, ?> c : List.of(basicColumn, oauthColumn, otherColumn, methodsColumn, lastBasicColumn)) {
            c.setVisible(p == SmtpExports.Pivot.AUTH);
        }
        // The TLS and Authentication columns keep their widths and scroll sideways when the panel is
        // open; squeezed, their "share (count)" cells would be cut.
        senderTable.setColumnResizePolicy(p == SmtpExports.Pivot.VOLUME ? TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN
                : TableView.UNCONSTRAINED_RESIZE_POLICY);
        show(senderTable, senders);
        show(ipTable, !senders);
        // "Unusual activity only" and the custom filter are about senders; the IP table has its search.
        show(unusualOnlyCheck, senders);
        show(addClauseButton, senders);
        show(clauseBox, senders);
        if (boundSearch != null) {
            searchField.textProperty().unbindBidirectional(boundSearch);
        }
        boundSearch = senders ? model.searchProperty() : model.ipSearchProperty();
        searchField.textProperty().bindBidirectional(boundSearch);
        searchField.setPromptText(i18n.get(senders ? "smtp.search" : "smtp.ipSearch"));
        for (ClauseRow row : clauseRows) {
            row.restrictTo(columnsOfPivot());
        }
    }

    private static void show(javafx.scene.Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    private List<SenderFilter.Column> columnsOfPivot() {
        return switch (model.pivotProperty().get()) {
            case TLS -> SenderFilter.Column.TLS;
            case AUTH -> SenderFilter.Column.AUTH;
            default -> SenderFilter.Column.VOLUME;
        };
    }

    @FXML
    private void onSwitchView() {
        model.tableViewProperty().set(!model.tableViewProperty().get());
    }

    // ---- charts and totals ---------------------------------------------------------------------

    private void showReport(ReportData r) {
        if (r == null) {
            return;
        }
        charts.show(r, model.chartsProperty().get(), model.pivotProperty().get());
        ReportCharts shown = model.chartsProperty().get();
        chartTitle.setText(shown.of(model.pivotProperty().get()).title());
        chartNote.setText(shown.of(model.pivotProperty().get()).note());
        ipCharts.show(r);
    }


    // ---- tables ---------------------------------------------------------------------------------

    private final List<ClauseRow> clauseRows = new ArrayList<>();

    private void setUpTables() {
        new SenderTable(i18n).wire(senderTable, model, new SenderTable.Columns(flagsColumn, senderColumn, domainColumn, tls10Column,
                tls11Column, tls12Column, tls13Column, noTlsColumn, versionUnknownColumn, basicColumn, oauthColumn, otherColumn,
                methodsColumn, lastBasicColumn, messagesColumn));
        new IpTable(i18n).wire(ipTable, model, new IpTable.Columns(ipFlagsColumn, ipColumn, countryColumn, networkColumn, accountsColumn,
                ipMessagesColumn, failuresColumn, accountsFailedColumn));
        countLabel.textProperty().bind(model.countTextProperty());
        Controls.addClearButton(searchField);
        unusualOnlyCheck.selectedProperty().bindBidirectional(model.unusualOnlyProperty());
    }

    @FXML
    private void onAddClause() {
        ClauseModel c = model.addClause();
        ClauseRow[] row = new ClauseRow[1];
        row[0] = new ClauseRow(c, clauseRows.size(), columnsOfPivot(), i18n, () -> {
            model.removeClause(c);
            clauseRows.remove(row[0]);
            clauseBox.getChildren().remove(row[0].box);
        });
        clauseRows.add(row[0]);
        clauseBox.getChildren().add(row[0].box);
        row[0].value.requestFocus();
    }

    // ---- actions -------------------------------------------------------------------------------

    /** "Saved to …" under the table after any export of the app (the notification says it too). */
    private javafx.beans.value.ChangeListener<java.nio.file.Path> onExported;

    @FXML
    private void onExport() {
        exports.toDownloads(model.tableExport());
    }

    @FXML
    private void onExportAs() {
        exports.saveAs(senderTable.getScene().getWindow(), model.tableExport());
    }

    @FXML
    private void onRequestReport() {
        RequestReportDialog.show(requestReportButton.getScene().getWindow(), i18n, model, exports);
    }

    @FXML
    private void onImport() {
        navigator.openImport(List.of(), null);
    }
}
