package org.mailflow.smtpauth.ui;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.mailflow.app.DateConverters;
import org.mailflow.app.Controls;
import org.mailflow.app.I18n;
import org.mailflow.app.MainWindowController;
import org.mailflow.app.Navigator;
import org.mailflow.app.Notifier;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.SenderFilter;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.smtpauth.TlsColumn;

/** Wires the SMTP AUTH clients report page to {@link SmtpAuthViewModel}. */
public final class SmtpAuthController {
    /** A version note that names the setting to change (more than a fifth of the messages have no known version). */
    private static final javafx.css.PseudoClass HINT = javafx.css.PseudoClass.getPseudoClass("hint");
    private final SmtpAuthViewModel model;
    private final I18n i18n;
    private final Notifier notifier;
    private final Navigator navigator;

    @FXML private Label windowLabel;
    @FXML private Button requestReportButton;
    @FXML private ProgressBar loadingBar;
    @FXML private Label errorLabel;
    @FXML private VBox emptyState;
    @FXML private VBox reportBox;
    @FXML private ToggleButton volumePivot;
    @FXML private ToggleButton tlsPivot;
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
    @FXML private VBox tableCard;
    @FXML private Label tableTitle;
    @FXML private Label countLabel;
    @FXML private atlantafx.base.controls.CustomTextField searchField;
    @FXML private CheckBox unusualOnlyCheck;
    @FXML private VBox clauseBox;
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
    @FXML private TableColumn<SenderTotals, Number> messagesColumn;
    @FXML private VBox smtpPanel;
    private SmtpCharts charts;

    public SmtpAuthController(SmtpAuthViewModel model, I18n i18n, Notifier notifier, Navigator navigator) {
        this.model = model;
        this.i18n = i18n;
        this.notifier = notifier;
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
        requestReportButton.disableProperty().bind(model.hasDataProperty().not().or(model.exportingProperty()));

        ToggleGroup pivots = new ToggleGroup();
        volumePivot.setToggleGroup(pivots);
        tlsPivot.setToggleGroup(pivots);
        volumePivot.setUserData(SmtpExports.Pivot.VOLUME);
        tlsPivot.setUserData(SmtpExports.Pivot.TLS);
        pivots.selectToggle(model.pivotProperty().get() == SmtpExports.Pivot.TLS ? tlsPivot : volumePivot);
        pivots.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t == null) {
                pivots.selectToggle(old); // one pivot is always chosen
            } else {
                model.pivotProperty().set((SmtpExports.Pivot) t.getUserData());
            }
        });
        model.pivotProperty().addListener((obs, old, p) -> {
            pivots.selectToggle(p == SmtpExports.Pivot.TLS ? tlsPivot : volumePivot);
            showPivot();
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

        charts = new SmtpCharts(i18n, volumeChart, volumeAxis, tlsChart, tlsAxis, tlsSplit);
        versionNote.textProperty().bind(model.versionNoteProperty());
        versionNote.visibleProperty().bind(model.versionNoteProperty().isNotEmpty());
        versionNote.managedProperty().bind(versionNote.visibleProperty());
        versionNote.pseudoClassStateChanged(HINT, model.versionHintProperty().get());
        model.versionHintProperty().addListener((obs, old, hint) -> versionNote.pseudoClassStateChanged(HINT, hint));
        setUpTable();
        model.reportProperty().addListener((obs, old, r) -> showReport(r));
        showReport(model.reportProperty().get());
        showPivot();

        smtpPanel.visibleProperty().bind(model.panelProperty().isNotNull());
        smtpPanel.managedProperty().bind(smtpPanel.visibleProperty());
        model.lastExportProperty().addListener((obs, old, path) -> {
            if (path != null) {
                exportStatus.setText(i18n.format("bulk.exported", path));
                notifier.fileWritten(i18n.get("bulk.exported.title"), path);
            }
        });
        exportStatus.visibleProperty().bind(exportStatus.textProperty().isNotEmpty());
        exportStatus.managedProperty().bind(exportStatus.visibleProperty());
        exportButton.disableProperty().bind(model.exportingProperty());
        exportAsButton.disableProperty().bind(model.exportingProperty());
    }

    private static void bindMessage(Label label, javafx.beans.value.ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    // ---- pivots and views ----------------------------------------------------------------------

    private void showPivot() {
        boolean tls = model.pivotProperty().get() == SmtpExports.Pivot.TLS;
        boolean table = model.tableViewProperty().get();
        viewSwitch.setText(i18n.get(table ? "smtp.viewReport" : "smtp.viewTable"));
        chartCard.setVisible(!table);
        chartCard.setManaged(!table);
        tableCard.setVisible(table);
        tableCard.setManaged(table);
        volumeChart.setVisible(!tls);
        tlsChart.setVisible(tls);
        tlsSplit.setVisible(tls);
        tlsSplit.setManaged(tls);
        chartTitle.setText(i18n.get(tls ? "smtp.chart.tls" : "smtp.chart.volume"));
        tableTitle.setText(i18n.get(tls ? "smtp.table.tls" : "smtp.table.volume"));
        for (TableColumn<SenderTotals, ?> c : List.of(tls10Column, tls11Column, tls12Column, tls13Column, noTlsColumn,
                versionUnknownColumn)) {
            c.setVisible(tls);
        }
        // The eight TLS columns keep their widths and scroll sideways when the panel is open;
        // squeezed, their "share (count)" cells would be cut.
        senderTable.setColumnResizePolicy(tls ? TableView.UNCONSTRAINED_RESIZE_POLICY
                : TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        for (ClauseRow row : clauseRows) {
            row.restrictTo(columnsOfPivot());
        }
    }

    private List<SenderFilter.Column> columnsOfPivot() {
        return model.pivotProperty().get() == SmtpExports.Pivot.TLS ? SenderFilter.Column.TLS : SenderFilter.Column.VOLUME;
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
        messagesLabel.setText(i18n.number(r.messages()));
        sendersLabel.setText(i18n.number(r.senders()));
        legacyLabel.setText(i18n.format("smtp.total.legacyValue", i18n.number(r.legacySenders()),
                i18n.percent(r.senders() == 0 ? 0 : (double) r.legacySenders() / r.senders())));
        unusualLabel.setText(i18n.number(r.rows().stream().filter(SenderTotals::unusual).mapToInt(SenderTotals::account).distinct().count()));
        chartNote.setText(i18n.get(r.filter().weekly() ? "smtp.chart.weekly" : "smtp.chart.daily"));
        charts.show(r);
    }


    // ---- table ---------------------------------------------------------------------------------

    private final List<ClauseRow> clauseRows = new ArrayList<>();

    private void setUpTable() {
        senderTable.setItems(model.sortedRows());
        model.sortedRows().comparatorProperty().bind(senderTable.comparatorProperty());
        senderTable.setPlaceholder(new Label(i18n.get("smtp.table.none")));
        flagsColumn.setText("");
        flagsColumn.setGraphic(headerIcon());
        flagsColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Integer.bitCount(c.getValue().flags()) * 64 + c.getValue().flags()));
        flagsColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                SenderTotals row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setGraphic(row == null ? null : FlagIcons.icons(row.flags(), i18n));
            }
        });
        flagsColumn.setSortType(TableColumn.SortType.DESCENDING);
        senderColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().address()));
        domainColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().domain()));
        messagesColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().total()));
        messagesColumn.setCellFactory(col -> numberCell());
        tlsColumn(tls10Column, TlsColumn.TLS1_0);
        tlsColumn(tls11Column, TlsColumn.TLS1_1);
        tlsColumn(tls12Column, TlsColumn.TLS1_2);
        tlsColumn(tls13Column, TlsColumn.TLS1_3);
        tlsColumn(noTlsColumn, TlsColumn.NO_TLS);
        tlsColumn(versionUnknownColumn, TlsColumn.VERSION_UNKNOWN);
        senderTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> model.selectedProperty().set(row));
        model.selectedProperty().addListener((obs, old, row) -> {
            if (row == null) {
                senderTable.getSelectionModel().clearSelection();
            } else if (senderTable.getSelectionModel().getSelectedItem() != row) {
                senderTable.getSelectionModel().select(row);
            }
        });
        countLabel.textProperty().bind(model.countTextProperty());
        searchField.textProperty().bindBidirectional(model.searchProperty());
        Controls.addClearButton(searchField);
        unusualOnlyCheck.selectedProperty().bindBidirectional(model.unusualOnlyProperty());
    }

    private javafx.scene.Node headerIcon() {
        javafx.scene.shape.SVGPath svg = new javafx.scene.shape.SVGPath();
        svg.setContent(FlagIcons.path(org.mailflow.smtpauth.SmtpFlag.AUTH_FAILURES));
        svg.getStyleClass().add("flag-header-icon");
        Label l = new Label("", svg);
        l.setTooltip(new Tooltip(i18n.get("smtp.col.flags")));
        return l;
    }

    private void tlsColumn(TableColumn<SenderTotals, SenderTotals> column, TlsColumn v) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setComparator(Comparator.comparingDouble((SenderTotals r) -> v.share(r)).thenComparingLong(v::count));
        column.setCellFactory(col -> {
            TableCell<SenderTotals, SenderTotals> cell = new TableCell<>() {
                @Override
                protected void updateItem(SenderTotals row, boolean empty) {
                    super.updateItem(row, empty);
                    getStyleClass().remove("legacy-share");
                    if (empty || row == null) {
                        setText(null);
                        return;
                    }
                    long n = v.count(row);
                    setText(n == 0 ? "\u2014" : i18n.format("smtp.share", v.percent(row), i18n.number(n)));
                    if (v.legacy() && n > 0) {
                        getStyleClass().add("legacy-share");
                    }
                }
            };
            cell.getStyleClass().add("number-cell");
            return cell;
        });
    }

    private TableCell<SenderTotals, Number> numberCell() {
        TableCell<SenderTotals, Number> cell = new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : i18n.number(item.longValue()));
            }
        };
        cell.getStyleClass().add("number-cell");
        return cell;
    }

    @FXML
    private void onAddClause() {
        ClauseModel c = model.addClause();
        ClauseRow row = new ClauseRow(c);
        clauseRows.add(row);
        clauseBox.getChildren().add(row.box);
        row.value.requestFocus();
    }

    /** The controls of one clause: field, operator, value, remove. */
    private final class ClauseRow {
        final HBox box = new HBox(8);
        final ComboBox<SenderFilter.Column> column = new ComboBox<>();
        final ComboBox<SenderFilter.Operator> operator = new ComboBox<>();
        final TextField value = new TextField();

        ClauseRow(ClauseModel c) {
            int n = clauseRows.size();
            box.getStyleClass().add("clause-row");
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            column.setId("clauseField" + n);
            operator.setId("clauseOperator" + n);
            value.setId("clauseValue" + n);
            column.setConverter(Controls.showing(this::columnName));
            column.getItems().setAll(columnsOfPivot());
            column.valueProperty().bindBidirectional(c.columnProperty());
            operator.getItems().setAll(SenderFilter.Operator.values());
            operator.setConverter(Controls.showing(o -> i18n.get(o == SenderFilter.Operator.IS ? "smtp.filter.is" : "smtp.filter.startsWith")));
            operator.valueProperty().bindBidirectional(c.operatorProperty());
            value.textProperty().bindBidirectional(c.valueProperty());
            value.setPromptText(i18n.get("smtp.filter.value"));
            value.setPrefWidth(220);
            Button remove = new Button("\u2715");
            remove.setId("clauseRemove" + n);
            remove.getStyleClass().addAll("flat", "small");
            remove.setTooltip(new Tooltip(i18n.get("smtp.filter.remove")));
            remove.setOnAction(e -> {
                model.removeClause(c);
                clauseRows.remove(this);
                clauseBox.getChildren().remove(box);
            });
            Label and = new Label(i18n.get(n == 0 ? "smtp.filter.where" : "smtp.filter.and"));
            and.getStyleClass().add("text-muted");
            and.setMinWidth(44);
            box.getChildren().addAll(and, column, operator, value, remove);
        }

        String columnName(SenderFilter.Column c) {
            return switch (c) {
                case SENDER -> i18n.get("smtp.col.sender");
                case DOMAIN -> i18n.get("smtp.col.domain");
                case MESSAGES -> i18n.get("smtp.col.messages");
                case NO_TLS -> i18n.get("smtp.col.noTls");
                case VERSION_UNKNOWN -> i18n.get("smtp.col.versionUnknown");
                default -> c.header();
            };
        }

        /** After a pivot change only that table's columns can be chosen; a clause on a hidden column falls back to the sender. */
        void restrictTo(List<SenderFilter.Column> columns) {
            SenderFilter.Column keep = column.getValue();
            column.getItems().setAll(columns);
            column.setValue(columns.contains(keep) ? keep : SenderFilter.Column.SENDER);
        }
    }

    // ---- actions -------------------------------------------------------------------------------

    @FXML
    private void onExport() {
        model.export();
    }

    @FXML
    private void onExportAs() {
        File f = MainWindowController.saveChooser(model.exportName(), model.downloadsFolder(), i18n.get("import.filter.csv"))
                .showSaveDialog(senderTable.getScene().getWindow());
        if (f != null) {
            model.exportTo(f.toPath());
        }
    }

    @FXML
    private void onRequestReport() {
        RequestReportDialog.show(requestReportButton.getScene().getWindow(), i18n, model);
    }

    @FXML
    private void onImport() {
        navigator.openImport(List.of(), null);
    }
}
