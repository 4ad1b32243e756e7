package org.mailflow.bulk.ui;

import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
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
import org.mailflow.bulk.BclTable;
import org.mailflow.bulk.BulkExports;
import org.mailflow.bulk.Policy;
import org.mailflow.bulk.Relation;
import org.mailflow.bulk.SenderFlag;
import org.mailflow.bulk.SimulationResult;

/** Wires the Bulk sender insights page to {@link BulkInsightsViewModel}. */
public final class BulkInsightsController {
    private static final String[] SERIES_KEYS = {"bulk.col.deliveredCurrent", "bulk.col.identifiedCurrent",
        "bulk.col.deliveredNew", "bulk.col.identifiedNew"};

    private final BulkInsightsViewModel model;
    private final I18n i18n;
    private final Notifier notifier;

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

    public BulkInsightsController(BulkInsightsViewModel model, I18n i18n, Notifier notifier) {
        this.model = model;
        this.i18n = i18n;
        this.notifier = notifier;
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
                notifier.undoable(i18n.get("bulk.applied.title"), i18n.format("bulk.applied.toast", p.name(), p.threshold(), was),
                        i18n.get("bulk.applied.undo"), () -> model.undoApply(p.name(), was));
                ApplyDialog.show(applyButton.getScene().getWindow(), i18n, p);
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
        setUpBclTable();
        setUpSenderTable();
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
        senderPanel.managedProperty().bind(senderPanel.visibleProperty());
        model.lastExportProperty().addListener((obs, old, path) -> {
            if (path != null) {
                exportStatus.setText(i18n.format("bulk.exported", path));
                notifier.fileWritten(i18n.get("bulk.exported.title"), path);
            }
        });
        exportStatus.visibleProperty().bind(exportStatus.textProperty().isNotEmpty());
        for (Button b : List.of(exportButton, exportAsButton, exportBclButton, exportBclAsButton)) {
            b.disableProperty().bind(model.exportingProperty());
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

    private void setUpChart() {
        bclChart.getData().clear();
        for (String key : SERIES_KEYS) {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(i18n.get(key));
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
                d.nodeProperty().addListener((obs, old, node) -> {
                    if (node != null) {
                        Tooltip.install(node, tip);
                    }
                });
                if (d.getNode() != null) {
                    Tooltip.install(d.getNode(), tip);
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
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(model.flag(c.getValue(), slot)));
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
        BclTable t = r.table();
        for (int series = 0; series < 4; series++) {
            List<XYChart.Data<String, Number>> data = bclChart.getData().get(series).getData();
            for (int b = BclTable.MIN_BCL; b <= BclTable.MAX_BCL; b++) {
                long v = switch (series) {
                    case 0 -> t.deliveredAtCurrent(b);
                    case 1 -> t.identifiedAtCurrent(b);
                    case 2 -> t.deliveredAtNew(b);
                    default -> t.identifiedAtNew(b);
                };
                data.get(b - 1).setYValue(v);
            }
        }
        if (senderTable.getSortOrder().stream().anyMatch(c -> c == extraColumn1 || c == extraColumn2)) {
            model.refreshOrder();
        }
        senderTable.refresh();
    }

    @FXML
    private void onReset() {
        model.reset();
    }

    @FXML
    private void onApply() {
        model.applyNewThreshold();
    }

    @FXML
    private void onExport() {
        model.exportSenders();
    }

    @FXML
    private void onExportAs() {
        File f = org.mailflow.ui.FileChoosers.saveCsv(BulkExports.SENDERS_FILE_NAME, model.downloadsFolder(), i18n.get("import.filter.csv"))
                .showSaveDialog(senderTable.getScene().getWindow());
        if (f != null) {
            model.exportSendersTo(f.toPath());
        }
    }

    @FXML
    private void onExportBcl() {
        model.exportBclTable();
    }

    @FXML
    private void onExportBclAs() {
        File f = org.mailflow.ui.FileChoosers.saveCsv(BulkExports.BCL_TABLE_FILE_NAME, model.downloadsFolder(), i18n.get("import.filter.csv"))
                .showSaveDialog(bclTable.getScene().getWindow());
        if (f != null) {
            model.exportBclTableTo(f.toPath());
        }
    }
}
