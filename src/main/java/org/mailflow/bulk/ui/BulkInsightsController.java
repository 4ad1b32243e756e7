package org.mailflow.bulk.ui;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.mailflow.ui.Controls;
import org.mailflow.ui.I18n;
import org.mailflow.ui.Notifier;
import org.mailflow.ui.export.Exports;
import org.mailflow.ui.Controls;
import org.mailflow.ui.I18n;
import org.mailflow.ui.Notifier;
import org.mailflow.bulk.BclTable;
import org.mailflow.bulk.BulkExports;
import org.mailflow.bulk.Policy;
import org.mailflow.bulk.Relation;
import org.mailflow.bulk.SenderFlag;
import org.mailflow.bulk.SimulationResult;

/** Wires the Bulk sender insights page to {@link BulkInsightsViewModel}. */
public final class BulkInsightsController {
    private final BulkInsightsViewModel model;
    private final I18n i18n;
    private final Notifier notifier;
    private final Exports exports;

    @FXML private Label windowLabel;
    @FXML private ComboBox<Integer> daysCombo;
    @FXML private DatePicker asOfPicker;
    @FXML private ProgressBar loadingBar;
    @FXML private Label errorLabel;
    @FXML private ComboBox<Policy> policyCombo;
    @FXML private Slider currentSlider;
    @FXML private Slider newSlider;
    @FXML private Slider qualitySlider;
    @FXML private Label currentValue;
    @FXML private Label newValue;
    @FXML private Label qualityValue;
    @FXML private Button applyButton;
    @FXML private Button resetButton;
    @FXML private Label deliveredCurrentLabel;
    @FXML private Label identifiedCurrentLabel;
    @FXML private Label deliveredNewLabel;
    @FXML private Label identifiedNewLabel;
    @FXML private Label deliveredDiffLabel;
    @FXML private Label identifiedDiffLabel;
    @FXML private BarChart<String, Number> bclChart;
    @FXML private TableView<BclRow> bclTable;
    @FXML private TableColumn<BclRow, Number> bclLevelColumn;
    @FXML private TableColumn<BclRow, Number> bclAllColumn;
    @FXML private TableColumn<BclRow, Number> bclDeliveredCurrentColumn;
    @FXML private TableColumn<BclRow, Number> bclIdentifiedCurrentColumn;
    @FXML private TableColumn<BclRow, Number> bclDeliveredNewColumn;
    @FXML private TableColumn<BclRow, Number> bclIdentifiedNewColumn;
    @FXML private ComboBox<FilterChoice> filterCombo;
    @FXML private atlantafx.base.controls.CustomTextField searchField;
    @FXML private ToggleButton compactToggle;
    @FXML private Label countLabel;
    @FXML private Label exportStatus;
    @FXML private TableView<SenderRow> senderTable;
    @FXML private TableColumn<SenderRow, String> senderColumn;
    @FXML private TableColumn<SenderRow, Number> bclColumn;
    @FXML private TableColumn<SenderRow, Number> qualityColumn;
    @FXML private TableColumn<SenderRow, Boolean> extraColumn1;
    @FXML private TableColumn<SenderRow, Boolean> extraColumn2;
    @FXML private VBox senderPanel;
    @FXML private javafx.scene.layout.FlowPane drillChips;
    @FXML private org.controlsfx.control.MasterDetailPane senderSplit;
    @FXML private Button exportButton;
    @FXML private Button exportAsButton;
    @FXML private Button exportBclButton;
    @FXML private Button exportBclAsButton;

    /** Held here and registered weakly: the policy list outlives this page when the language changes. */
    private final javafx.collections.ListChangeListener<Policy> keepPolicyShown = c -> {
        if (policyCombo.getValue() != model().policyProperty().get()) {
            policyCombo.setValue(model().policyProperty().get());
        }
    };

    private BulkInsightsViewModel model() {
        return model;
    }

    public BulkInsightsController(BulkInsightsViewModel model, I18n i18n, Notifier notifier, Exports exports) {
        this.model = model;
        this.i18n = i18n;
        this.notifier = notifier;
        this.exports = exports;
    }

    @FXML
    private void initialize() {
        windowLabel.textProperty().bind(model.windowLabelProperty());
        daysCombo.getItems().setAll(BulkInsightsViewModel.WINDOW_CHOICES);
        daysCombo.setConverter(Controls.showing(d -> i18n.format("bulk.days", d)));
        daysCombo.valueProperty().bindBidirectional(model.daysProperty());
        asOfPicker.setConverter(org.mailflow.ui.DateConverters.of(i18n, () -> model.asOfProperty().get()));
        asOfPicker.valueProperty().bindBidirectional(model.asOfProperty());
        loadingBar.visibleProperty().bind(model.loadingProperty());
        loadingBar.managedProperty().bind(model.loadingProperty());
        errorLabel.textProperty().bind(model.errorProperty());
        errorLabel.visibleProperty().bind(model.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());

        policyCombo.setItems(model.policies());
        policyCombo.setConverter(Controls.showing(p -> i18n.format(p.builtIn() ? "bulk.policy.builtIn" : "bulk.policy.custom",
                p.name(), p.threshold())));
        // Synced by hand rather than bound: a combo box clears its value whenever its items are
        // replaced (JDK-8279140), and that must not clear the page's policy.
        policyCombo.setValue(model.policyProperty().get());
        policyCombo.valueProperty().addListener((obs, old, p) -> {
            if (p != null && p != model.policyProperty().get()) {
                model.policyProperty().set(p);
            }
        });
        model.policyProperty().addListener((obs, old, p) -> policyCombo.setValue(p));
        policyCombo.getItems().addListener(new javafx.collections.WeakListChangeListener<>(keepPolicyShown));
        currentSlider.valueProperty().bind(model.currentProperty());
        bindRounded(newSlider, model.newThresholdProperty());
        bindRounded(qualitySlider, model.qualityProperty());
        currentValue.textProperty().bind(model.currentProperty().asString());
        newValue.textProperty().bind(model.newThresholdProperty().asString());
        qualityValue.textProperty().bind(model.qualityProperty().asString());
        applyButton.disableProperty().bind(model.canApplyProperty().not());
        applyButton.setTooltip(new Tooltip(i18n.get("bulk.apply.tooltip")));
        model.appliedProperty().addListener((obs, old, p) -> {
            if (p != null) {
                int was = model.previousThreshold();
                // The notification with Undo follows the dialog: shown beside it, it would sit under a modal window.
                ApplyDialog.show(applyButton.getScene().getWindow(), i18n, p, () -> notifier.undoable(i18n.get("bulk.applied.title"),
                        i18n.format("bulk.applied.toast", p.name(), p.threshold(), was), i18n.get("bulk.applied.undo"),
                        () -> model.undoApply(p.name(), was)));
                model.clearApplied();
            }
        });

        bindTotal(deliveredCurrentLabel, model.deliveredCurrentProperty());
        bindTotal(identifiedCurrentLabel, model.identifiedCurrentProperty());
        bindTotal(deliveredNewLabel, model.deliveredNewProperty());
        bindTotal(identifiedNewLabel, model.identifiedNewProperty());
        bindDifference(deliveredDiffLabel, model.deliveredDifferenceProperty());
        bindDifference(identifiedDiffLabel, model.identifiedDifferenceProperty());

        setUpChart();
        drillChips.getChildren().setAll(org.mailflow.ui.FilterChip.of("bclChip", model.bclChipProperty(), model::clearBclDrill, i18n));
        drillChips.visibleProperty().bind(model.bclChipProperty().isNotEmpty());
        drillChips.managedProperty().bind(drillChips.visibleProperty());
        bclChart.setAccessibleHelp(i18n.get("bulk.chart.drillHint"));
        setUpBclTable();
        setUpSenderTable();
        org.mailflow.ui.LoadingStates.skeleton(model.loadingProperty(), deliveredCurrentLabel, identifiedCurrentLabel,
                deliveredNewLabel, identifiedNewLabel, deliveredDiffLabel, identifiedDiffLabel, countLabel);
        org.mailflow.ui.LoadingStates.charts(model.loadingProperty(), bclChart);
        org.mailflow.ui.LoadingStates.tables(model.loadingProperty(), i18n, bclTable, senderTable);
        model.resultProperty().addListener((obs, old, r) -> showResult(r));
        showResult(model.resultProperty().get());

        filterCombo.setItems(model.filterChoices());
        filterCombo.setConverter(Controls.showing(c -> c.flag().map(this::columnLabel).orElse(i18n.get("bulk.filter.all"))));
        filterCombo.valueProperty().bindBidirectional(model.filterProperty());
        searchField.textProperty().bindBidirectional(model.searchProperty());
        Controls.addClearButton(searchField);
        compactToggle.selectedProperty().bindBidirectional(model.compactProperty());
        model.compactProperty().addListener((obs, old, c) -> applyDensity(c));
        applyDensity(model.compactProperty().get());
        countLabel.textProperty().bind(model.countTextProperty());

        senderPanel.visibleProperty().bind(model.detailsProperty().isNotNull());
        senderSplit.showDetailNodeProperty().bind(senderPanel.visibleProperty());
        onExported = (obs, old, path) -> {
            if (path != null) {
                exportStatus.setText(i18n.format("bulk.exported", path));
            }
        };
        exports.lastWrittenProperty().addListener(new javafx.beans.value.WeakChangeListener<>(onExported));
        exportStatus.visibleProperty().bind(exportStatus.textProperty().isNotEmpty());
        for (Button b : List.of(exportButton, exportAsButton, exportBclButton, exportBclAsButton)) {
            b.disableProperty().bind(exports.runningProperty());
        }
        exportStatus.managedProperty().bind(exportStatus.visibleProperty());
    }

    /**
     * Ties a slider to a whole-number property, rounding while the thumb is dragged (a thumb at 6.9
     * means 7, not 6) and moving the thumb when the property changes (Reset, another policy).
     */
    private static void bindRounded(Slider slider, javafx.beans.property.IntegerProperty value) {
        slider.setValue(value.get());
        slider.valueProperty().addListener((obs, old, v) -> {
            int rounded = (int) Math.round(v.doubleValue());
            if (rounded != value.get()) {
                value.set(rounded);
            }
        });
        value.addListener((obs, old, v) -> {
            if (Math.round(slider.getValue()) != v.intValue()) {
                slider.setValue(v.intValue());
            }
        });
    }

    private void applyDensity(boolean compact) {
        senderTable.getStyleClass().remove("dense");
        if (compact) {
            senderTable.getStyleClass().add("dense");
        }
    }

    private void bindTotal(Label label, ReadOnlyLongProperty value) {
        label.textProperty().bind(Bindings.createStringBinding(() -> i18n.number(value.get()), value));
    }

    private void bindDifference(Label label, ReadOnlyLongProperty value) {
        label.textProperty().bind(Bindings.createStringBinding(() -> i18n.signed(value.get()), value));
        value.addListener((obs, old, v) -> {
            label.getStyleClass().removeAll("up", "down");
            if (v.longValue() != 0) {
                label.getStyleClass().add(v.longValue() > 0 ? "up" : "down");
            }
        });
    }

    /**
     * The chart's four series are made once, named from the view model; each simulation only sets the
     * values that changed (see {@link #showResult}). A click on a bar lists that BCL's senders.
     */
    private void setUpChart() {
        bclChart.getData().clear();
        for (String key : BulkInsightsViewModel.BCL_SERIES_KEYS) {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            // the column headers break where they read naturally; the legend is one line (no space between Han characters)
            s.setName(i18n.get(key).replace("\n", I18n.ZH_TW.equals(i18n.locale()) ? "" : " "));
            for (int b = BclTable.MIN_BCL; b <= BclTable.MAX_BCL; b++) {
                s.getData().add(new XYChart.Data<>(Integer.toString(b), 0));
            }
            bclChart.getData().add(s);
        }
        for (XYChart.Series<String, Number> s : bclChart.getData()) {
            for (XYChart.Data<String, Number> d : s.getData()) {
                Tooltip tip = new Tooltip();
                tip.textProperty().bind(Bindings.createStringBinding(() -> s.getName() + ", BCL " + d.getXValue() + ": "
                        + i18n.number(d.getYValue().longValue()), d.YValueProperty()));
                int level = Integer.parseInt(d.getXValue());
                java.util.function.Consumer<javafx.scene.Node> setUp = node -> {
                    Tooltip.install(node, tip);
                    node.setCursor(javafx.scene.Cursor.HAND);
                    node.setOnMouseClicked(e -> model.drillToBcl(level));
                };
                d.nodeProperty().addListener((obs, old, node) -> {
                    if (node != null) {
                        setUp.accept(node);
                    }
                });
                if (d.getNode() != null) {
                    setUp.accept(d.getNode());
                }
            }
        }
    }

    private void setUpBclTable() {
        bclTable.setItems(model.bclRows());
        bclLevelColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().bcl()));
        bclAllColumn.setCellValueFactory(c -> c.getValue().allProperty());
        bclDeliveredCurrentColumn.setCellValueFactory(c -> c.getValue().deliveredCurrentProperty());
        bclIdentifiedCurrentColumn.setCellValueFactory(c -> c.getValue().identifiedCurrentProperty());
        bclDeliveredNewColumn.setCellValueFactory(c -> c.getValue().deliveredNewProperty());
        bclIdentifiedNewColumn.setCellValueFactory(c -> c.getValue().identifiedNewProperty());
        for (TableColumn<BclRow, Number> c : List.of(bclAllColumn, bclDeliveredCurrentColumn, bclIdentifiedCurrentColumn,
                bclDeliveredNewColumn, bclIdentifiedNewColumn)) {
            c.setCellFactory(col -> numberCell());
        }
        bclTable.setFixedCellSize(25);
    }

    private <S> TableCell<S, Number> numberCell() {
        TableCell<S, Number> cell = new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : i18n.number(item.longValue()));
            }
        };
        cell.getStyleClass().add("number-cell");
        return cell;
    }

    private void setUpSenderTable() {
        senderTable.setItems(model.sortedSenders());
        model.sortedSenders().comparatorProperty().bind(senderTable.comparatorProperty());
        senderColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().address()));
        senderColumn.setCellFactory(col -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                tip.setText(item);
                setTooltip(empty ? null : tip);
            }
        });
        bclColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().bcl()));
        qualityColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().quality()));
        bclColumn.setCellFactory(col -> numberCell());
        qualityColumn.setCellFactory(col -> numberCell());
        setUpFlagColumn(extraColumn1, 0);
        setUpFlagColumn(extraColumn2, 1);
        model.relationProperty().addListener((obs, old, r) -> nameFlagColumns(r));
        nameFlagColumns(model.relationProperty().get());
        senderTable.setPlaceholder(new Label(i18n.get("bulk.senders.none")));
        senderTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> model.selectedProperty().set(row));
        model.selectedProperty().addListener((obs, old, row) -> {
            if (row == null) {
                senderTable.getSelectionModel().clearSelection();
            }
        });
    }

    private void setUpFlagColumn(TableColumn<SenderRow, Boolean> column, int slot) {
        // A flag follows the simulation: its cell redraws itself when a new result comes, so a slider
        // move needs no refresh() of the table, which would re-create (and re-style) every visible cell.
        column.setCellValueFactory(c -> {
            SenderRow row = c.getValue();
            return Bindings.createObjectBinding(() -> model.flag(row, slot), model.resultProperty());
        });
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Boolean item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("flag-true");
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(i18n.get(item ? "value.true" : "value.false"));
                if (item) {
                    getStyleClass().add("flag-true");
                }
            }
        });
    }

    private void nameFlagColumns(Relation r) {
        List<SenderFlag> columns = r.columns();
        extraColumn1.setText(columnLabel(columns.get(0)));
        extraColumn2.setText(columnLabel(columns.get(1)));
        extraColumn1.setId("flag-" + columns.get(0).token());
        extraColumn2.setId("flag-" + columns.get(1).token());
    }

    private String columnLabel(SenderFlag f) {
        return i18n.get("bulk.flag." + f.token());
    }

    private void showResult(SimulationResult r) {
        if (r == null) {
            return;
        }
        BulkInsightsViewModel.BclChart chart = model.bclChartProperty().get();
        for (int series = 0; series < BulkInsightsViewModel.BCL_SERIES_KEYS.size(); series++) {
            List<XYChart.Data<String, Number>> data = bclChart.getData().get(series).getData();
            for (int b = BclTable.MIN_BCL; b <= BclTable.MAX_BCL; b++) {
                XYChart.Data<String, Number> point = data.get(b - BclTable.MIN_BCL);
                long v = chart.value(series, b);
                if (point.getYValue().longValue() != v) {
                    point.setYValue(v);
                }
            }
        }
        NumberAxis axis = (NumberAxis) bclChart.getYAxis();
        if (axis.isAutoRanging() || axis.getUpperBound() != chart.ticks().upper() || axis.getTickUnit() != chart.ticks().unit()) {
            org.mailflow.ui.ChartAxes.whole(axis, chart.ticks(), i18n);
        }
        if (senderTable.getSortOrder().stream().anyMatch(c -> c == extraColumn1 || c == extraColumn2)) {
            model.refreshOrder();
        }
    }

    @FXML
    private void onReset() {
        model.reset();
    }

    @FXML
    private void onApply() {
        model.applyNewThreshold();
    }

    /** "Saved to …" under the table after any export of the app (the notification says it too). */
    private javafx.beans.value.ChangeListener<java.nio.file.Path> onExported;

    @FXML
    private void onExport() {
        model.sendersExport().ifPresent(exports::toDownloads);
    }

    @FXML
    private void onExportAs() {
        model.sendersExport().ifPresent(job -> exports.saveAs(senderTable.getScene().getWindow(), job));
    }

    @FXML
    private void onExportBcl() {
        model.bclExport().ifPresent(exports::toDownloads);
    }

    @FXML
    private void onExportBclAs() {
        model.bclExport().ifPresent(job -> exports.saveAs(bclTable.getScene().getWindow(), job));
    }
}
