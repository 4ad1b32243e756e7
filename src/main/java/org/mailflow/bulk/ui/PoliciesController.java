package org.mailflow.bulk.ui;

import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;
import org.mailflow.ui.Dialogs;
import org.mailflow.ui.I18n;
import org.mailflow.ui.Notifier;
import org.mailflow.bulk.Policy;

/** Wires the Policies page to {@link PoliciesViewModel}. */
public final class PoliciesController {
    private final PoliciesViewModel model;
    private final I18n i18n;
    private final Notifier notifier;

    @FXML private TableView<Policy> policyTable;
    @FXML private TableColumn<Policy, String> nameColumn;
    @FXML private TableColumn<Policy, Number> thresholdColumn;
    @FXML private TableColumn<Policy, String> kindColumn;
    @FXML private Button deleteButton;
    @FXML private Button openInBulkButton;
    @FXML private Label formTitle;
    @FXML private TextField nameField;
    @FXML private Spinner<Integer> thresholdSpinner;
    @FXML private Label problemLabel;
    @FXML private Label messageLabel;
    @FXML private Label readOnlyNote;
    @FXML private Button saveButton;

    public PoliciesController(PoliciesViewModel model, I18n i18n, Notifier notifier) {
        this.model = model;
        this.i18n = i18n;
        this.notifier = notifier;
    }

    @FXML
    private void initialize() {
        policyTable.setItems(model.policies());
        org.mailflow.ui.LoadingStates.tables(model.loadingProperty(), i18n, policyTable);
        nameColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        thresholdColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().threshold()));
        kindColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(model.kind(c.getValue())));
        policyTable.getSelectionModel().selectedItemProperty().addListener((obs, old, p) -> {
            if (p != null || !model.creatingProperty().get()) {
                model.selectedProperty().set(p);
            }
        });
        model.selectedProperty().addListener((obs, old, p) -> {
            if (p == null) {
                policyTable.getSelectionModel().clearSelection();
            } else if (policyTable.getSelectionModel().getSelectedItem() != p) {
                policyTable.getSelectionModel().select(p);
            }
        });

        nameField.textProperty().bindBidirectional(model.nameProperty());
        SpinnerValueFactory.IntegerSpinnerValueFactory values =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(Policy.MIN_THRESHOLD, Policy.MAX_THRESHOLD, Policy.DEFAULT.threshold());
        values.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Integer fromString(String text) {
                Integer v = PoliciesViewModel.parseThreshold(text);
                return v == null ? values.getValue() : v;
            }
        });
        thresholdSpinner.setValueFactory(values);
        thresholdSpinner.getEditor().textProperty().addListener((obs, old, text) -> model.thresholdTextProperty().set(text));
        // Enter confirms the form from either field (the text already set the threshold).
        thresholdSpinner.getEditor().addEventHandler(javafx.event.ActionEvent.ACTION, e -> model.save());
        model.thresholdProperty().addListener((obs, old, v) -> values.setValue(v.intValue()));
        nameField.disableProperty().bind(model.editableProperty().not());
        thresholdSpinner.disableProperty().bind(model.editableProperty().not());
        saveButton.disableProperty().bind(model.canSaveBinding().not());
        deleteButton.disableProperty().bind(Bindings.createBooleanBinding(model::canDelete, model.selectedProperty()).not());
        openInBulkButton.disableProperty().bind(model.selectedProperty().isNull());
        problemLabel.textProperty().bind(model.problemProperty());
        problemLabel.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        messageLabel.visibleProperty().bind(model.messageProperty().isNotEmpty());
        messageLabel.managedProperty().bind(messageLabel.visibleProperty());
        readOnlyNote.visibleProperty().bind(model.selectedProperty().isNotNull().and(model.editableProperty().not()));
        readOnlyNote.managedProperty().bind(readOnlyNote.visibleProperty());
        formTitle.textProperty().bind(Bindings.createStringBinding(() -> i18n.get(model.creatingProperty().get()
                        ? "policies.form.new" : model.selectedProperty().get() == null ? "policies.form.none"
                        : model.editableProperty().get() ? "policies.form.edit" : "policies.form.builtIn"),
                model.creatingProperty(), model.selectedProperty(), model.editableProperty()));
        model.messageProperty().addListener((obs, old, m) -> {
            if (m != null && !m.isEmpty()) {
                notifier.info(i18n.get("nav.policies"), m);
            }
        });
    }

    @FXML
    private void onNew() {
        model.startNew();
        nameField.requestFocus();
    }

    @FXML
    private void onSave() {
        model.save();
    }

    /** Asks first, with Cancel as the default button: Enter in the question deletes nothing. */
    @FXML
    private void onDelete() {
        Policy p = model.selectedProperty().get();
        if (p != null && Dialogs.confirm(policyTable.getScene().getWindow(), i18n.get("policies.delete.title"),
                i18n.format("policies.delete.text", p.name()), i18n.get("policies.delete"))) {
            model.delete();
        }
    }

    @FXML
    private void onOpenInBulk() {
        model.openInBulk();
    }

    @FXML
    private void onImport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(i18n.get("policies.import"));
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(i18n.get("import.filter.csv"), "*.csv"),
                new FileChooser.ExtensionFilter(i18n.get("import.filter.all"), "*"));
        List<File> files = chooser.showOpenMultipleDialog(policyTable.getScene().getWindow());
        if (files != null && !files.isEmpty()) {
            model.importPolicies(files.stream().map(File::toPath).toList());
        }
    }
}
