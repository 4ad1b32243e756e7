package org.mailflow.app.settings;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.mailflow.ui.I18n;
import org.mailflow.geo.GeoKind;

/** Wires the Settings dialog to its view model: one row per kind of database, and OK, Cancel, Apply. */
public final class SettingsController {
    /** Asks the user for a file; the app shows a file chooser, tests answer with a file of their own. */
    @FunctionalInterface
    public interface FilePicker {
        Optional<Path> pick(Window owner, String title, Path initialFolder);
    }

    private final SettingsViewModel model;
    private final I18n i18n;
    private FilePicker picker;
    private Stage stage;
    private Runnable afterApply = () -> { };

    @FXML private Label countryTitle;
    @FXML private Label countryDetails;
    @FXML private Label countryError;
    @FXML private ProgressIndicator countryChecking;
    @FXML private Button countryBrowse;
    @FXML private Button countryClear;
    @FXML private Label cityTitle;
    @FXML private Label cityDetails;
    @FXML private Label cityError;
    @FXML private ProgressIndicator cityChecking;
    @FXML private Button cityBrowse;
    @FXML private Button cityClear;
    @FXML private Label asnTitle;
    @FXML private Label asnDetails;
    @FXML private Label asnError;
    @FXML private ProgressIndicator asnChecking;
    @FXML private Button asnBrowse;
    @FXML private Button asnClear;
    @FXML private Button applyButton;
    @FXML private javafx.scene.control.ComboBox<SettingsViewModel.Language> languageChoice;
    @FXML private javafx.scene.control.ComboBox<org.mailflow.ui.Theme> themeChoice;
    @FXML private javafx.scene.control.ComboBox<String> startPageChoice;
    private java.util.function.Consumer<Optional<java.util.Locale>> onLanguage = l -> { };

    public SettingsController(SettingsViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        this.picker = this::chooseWithDialog;
    }

    @FXML
    private void initialize() {
        wire(GeoKind.COUNTRY, countryTitle, countryDetails, countryError, countryChecking, countryBrowse, countryClear);
        wire(GeoKind.CITY, cityTitle, cityDetails, cityError, cityChecking, cityBrowse, cityClear);
        wire(GeoKind.ASN, asnTitle, asnDetails, asnError, asnChecking, asnBrowse, asnClear);
        applyButton.disableProperty().bind(model.dirtyProperty().not());
        languageChoice.getItems().setAll(SettingsViewModel.Language.values());
        languageChoice.setConverter(converter(l -> switch (l) {
            case SYSTEM -> i18n.get("menu.view.language.system");
            case ENGLISH -> "English";
            case CHINESE -> "繁體中文";
        }));
        languageChoice.valueProperty().bindBidirectional(model.languageProperty());
        themeChoice.getItems().setAll(org.mailflow.ui.Theme.values());
        themeChoice.setConverter(converter(t -> i18n.get("menu.view.theme." + t.token())));
        themeChoice.valueProperty().bindBidirectional(model.themeProperty());
        startPageChoice.getItems().setAll(SettingsViewModel.startPageChoices());
        startPageChoice.setConverter(converter(token -> org.mailflow.ui.Page.ofToken(token)
                .map(p -> i18n.get(p.titleKey())).orElse(i18n.get("settings.general.startPage.last"))));
        startPageChoice.valueProperty().bindBidirectional(model.startPageProperty());
        model.load();
    }

    private void wire(GeoKind kind, Label title, Label details, Label error, ProgressIndicator checking, Button browse, Button clear) {
        SettingsViewModel.Choice c = model.choice(kind);
        title.textProperty().bind(c.titleProperty());
        Tooltip path = new Tooltip();
        path.textProperty().bind(c.titleProperty());
        title.setTooltip(path);
        details.textProperty().bind(c.detailsProperty());
        details.visibleProperty().bind(c.detailsProperty().isNotEmpty());
        details.managedProperty().bind(details.visibleProperty());
        error.textProperty().bind(c.errorProperty());
        error.visibleProperty().bind(c.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        checking.visibleProperty().bind(c.checkingProperty());
        checking.managedProperty().bind(checking.visibleProperty());
        clear.disableProperty().bind(c.fileProperty().isNull());
        browse.setOnAction(e -> {
            Path current = c.fileProperty().get();
            picker.pick(window(), i18n.format("settings.geo.chooseTitle", SettingsViewModel.kindName(i18n, kind)),
                    current == null ? null : current.getParent()).ifPresent(file -> model.choose(kind, file));
        });
        clear.setOnAction(e -> model.clear(kind));
        // A refusal or a file's details add lines: the window grows with them, so OK stays in view.
        c.errorProperty().addListener((obs, old, now) -> fitWindow());
        c.detailsProperty().addListener((obs, old, now) -> fitWindow());
    }

    private static <T> javafx.util.StringConverter<T> converter(java.util.function.Function<T, String> text) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }

    private void fitWindow() {
        if (stage != null) {
            javafx.application.Platform.runLater(stage::sizeToScene);
        }
    }

    /** Called by whoever shows the dialog: its stage, and what to do once new files are applied (rebuild the pages). */
    public void prepare(Stage dialog, Runnable onApplied) {
        this.stage = dialog;
        this.afterApply = onApplied;
    }

    /** As {@link #prepare(Stage, Runnable)}, and what a new language does (rebuild the main window in it). */
    public void prepare(Stage dialog, Runnable onApplied, java.util.function.Consumer<Optional<java.util.Locale>> languageApplied) {
        prepare(dialog, onApplied);
        this.onLanguage = languageApplied;
    }

    /** Replaces the file chooser (tests). */
    public void usePicker(FilePicker filePicker) {
        this.picker = filePicker;
    }

    private Optional<Path> chooseWithDialog(Window owner, String title, Path initialFolder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (initialFolder != null && initialFolder.toFile().isDirectory()) {
            chooser.setInitialDirectory(initialFolder.toFile());
        }
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(i18n.get("settings.geo.filter"), "*.mmdb"),
                new FileChooser.ExtensionFilter(i18n.get("import.filter.all"), "*"));
        File f = chooser.showOpenDialog(owner);
        return Optional.ofNullable(f).map(File::toPath);
    }

    private Window window() {
        return applyButton.getScene() == null ? null : applyButton.getScene().getWindow();
    }

    @FXML
    private void onOk() {
        close();
        apply();
    }

    @FXML
    private void onApply() {
        apply();
    }

    /** New databases rebuild the pages; a new language then rebuilds the whole main window. */
    private void apply() {
        boolean geo = model.geoChanged();
        boolean language = model.languageChanged();
        if (model.apply()) {
            if (geo) {
                afterApply.run();
            }
            if (language) {
                onLanguage.accept(model.languageProperty().get().locale());
            }
        }
    }

    @FXML
    private void onCancel() {
        close();
    }

    private void close() {
        if (stage != null) {
            stage.close();
        }
    }
}
