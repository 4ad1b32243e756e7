package org.mailflow.app.importing;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.StringConverter;
import org.mailflow.ui.I18n;
import org.mailflow.ingest.ImportFormat;

/** Wires the import dialog to {@link ImportViewModel}. */
public final class ImportDialogController {
    private final ImportViewModel model;
    private final I18n i18n;
    private Stage stage;

    @FXML private Label targetNote;
    @FXML private ListView<Path> fileList;
    @FXML private Button removeButton;
    @FXML private ComboBox<ImportFormat> formatCombo;
    @FXML private CheckBox skipBadRowsBox;
    @FXML private TextField yearField;
    @FXML private Label yearHelp;
    @FXML private Button addFolderButton;
    @FXML private Label formatsHelp;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private Label errorLabel;
    @FXML private TextArea summaryArea;
    @FXML private Button importButton;
    @FXML private Button cancelButton;
    @FXML private Button closeButton;

    public ImportDialogController(ImportViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    @FXML
    private void initialize() {
        targetNote.textProperty().bind(model.targetNoteProperty());
        targetNote.visibleProperty().bind(model.targetNoteProperty().isNotEmpty());
        targetNote.managedProperty().bind(targetNote.visibleProperty());
        fileList.setItems(model.files());
        removeButton.disableProperty().bind(fileList.getSelectionModel().selectedItemProperty().isNull()
                .or(model.stateProperty().isEqualTo(ImportViewModel.State.RUNNING)));
        formatCombo.getItems().add(null);
        formatCombo.getItems().addAll(ImportFormat.values());
        formatCombo.setConverter(new StringConverter<>() {
            @Override
            public String toString(ImportFormat f) {
                return f == null ? i18n.get("import.format.detect") : f.token() + "  (" + i18n.text(f.describedHeader()) + ")";
            }

            @Override
            public ImportFormat fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        formatCombo.valueProperty().bindBidirectional(model.formatProperty());
        skipBadRowsBox.selectedProperty().bindBidirectional(model.skipBadRowsProperty());
        yearField.textProperty().bindBidirectional(model.yearProperty());
        yearHelp.textProperty().bind(Bindings.when(model.yearValidProperty()).then(i18n.get("import.year.help"))
                .otherwise(i18n.get("import.year.invalid")));
        yearField.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), false);
        model.yearValidProperty().addListener((obs, old, valid) -> {
            yearField.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), !valid);
            yearHelp.getStyleClass().removeAll("text-muted", "error-text");
            yearHelp.getStyleClass().add(valid ? "text-muted" : "error-text");
        });
        formatsHelp.setText(i18n.format("import.formats", java.util.Arrays.stream(ImportFormat.values())
                .filter(f -> f.kind() == ImportFormat.Kind.CSV).map(ImportFormat::token).collect(java.util.stream.Collectors.joining(", "))));

        var runningState = model.stateProperty().isEqualTo(ImportViewModel.State.RUNNING);
        progressBar.progressProperty().bind(model.progressProperty());
        progressBar.visibleProperty().bind(runningState);
        progressBar.managedProperty().bind(runningState);
        // the text first: "waiting for another import…" and "checking the cache…" come before any progress
        progressLabel.textProperty().bind(Bindings.createStringBinding(() -> !model.progressTextProperty().get().isEmpty()
                ? model.progressTextProperty().get() : model.progressProperty().get() < 0 ? i18n.get("import.starting")
                : i18n.format("import.progress", i18n.percent(model.progressProperty().get())),
                model.progressProperty(), model.progressTextProperty()));
        progressLabel.visibleProperty().bind(runningState);
        progressLabel.managedProperty().bind(runningState);
        errorLabel.textProperty().bind(model.errorProperty());
        errorLabel.visibleProperty().bind(model.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        summaryArea.textProperty().bind(model.summaryProperty());
        summaryArea.visibleProperty().bind(model.summaryProperty().isNotEmpty());
        summaryArea.managedProperty().bind(summaryArea.visibleProperty());
        importButton.disableProperty().bind(model.canStartProperty().not());
        cancelButton.visibleProperty().bind(runningState);
        cancelButton.managedProperty().bind(runningState);
        closeButton.visibleProperty().bind(runningState.not());
        closeButton.managedProperty().bind(closeButton.visibleProperty());
        formatCombo.disableProperty().bind(runningState);
        skipBadRowsBox.disableProperty().bind(runningState);
        yearField.disableProperty().bind(runningState);
        addFolderButton.disableProperty().bind(runningState);
    }

    /** Called once by whoever opens the dialog. */
    public void prepare(Stage dialog, List<Path> files, String format) {
        this.stage = dialog;
        // The dialog grows when the progress, an error or the summary appears, instead of squeezing them.
        javafx.beans.InvalidationListener fit = o -> javafx.application.Platform.runLater(() -> {
            if (dialog.isShowing()) {
                dialog.sizeToScene();
            }
        });
        model.stateProperty().addListener(fit);
        model.errorProperty().addListener(fit);
        model.summaryProperty().addListener(fit);
        model.addFiles(files);
        if (format != null) {
            ImportFormat.ofToken(format).ifPresent(model.formatProperty()::set);
        }
        dialog.setOnCloseRequest(e -> {
            if (model.stateProperty().get() == ImportViewModel.State.RUNNING) {
                model.cancel();
                e.consume();
            }
        });
    }

    @FXML
    private void onAdd() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(i18n.get("import.choose"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(i18n.get("import.filter.all"), "*"),
                new FileChooser.ExtensionFilter(i18n.get("import.filter.logs"), "*.log", "*.log.*", "mail*", "maillog*", "mainlog*",
                        "*.gz", "*.mbox", "*.mbx", "*.eml"),
                new FileChooser.ExtensionFilter(i18n.get("import.filter.csv"), "*.csv", "*.csv.gz", "*.txt"));
        List<File> chosen = chooser.showOpenMultipleDialog(fileList.getScene().getWindow());
        if (chosen != null) {
            model.addFiles(chosen.stream().map(File::toPath).toList());
        }
    }

    @FXML
    private void onAddFolder() {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle(i18n.get("import.chooseFolder"));
        File chosen = chooser.showDialog(fileList.getScene().getWindow());
        if (chosen != null) {
            model.addFiles(List.of(chosen.toPath()));
        }
    }

    @FXML
    private void onRemove() {
        Path p = fileList.getSelectionModel().getSelectedItem();
        if (p != null) {
            model.files().remove(p);
        }
    }

    @FXML
    private void onImport() {
        model.start();
    }

    @FXML
    private void onCancel() {
        model.cancel();
    }

    @FXML
    private void onClose() {
        if (stage != null) {
            stage.close();
        }
    }
}
