package org.mailflow.app;

import org.mailflow.ui.LongOperations;
import org.mailflow.ui.PopupNotifier;

import org.mailflow.ui.View;

import org.mailflow.ui.Theme;

import org.mailflow.ui.Page;

import org.mailflow.ui.Notifier;

import org.mailflow.ui.Navigator;

import org.mailflow.ui.I18n;

import org.mailflow.ui.Dialogs;

import org.mailflow.ui.CacheSession;

import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Wires the main window: navigation, menus, drag and drop, status bar and the page area. Pages are
 * loaded on first visit and kept until the cache or the language changes.
 */
public final class MainWindowController implements Navigator {
    private final AppContext context;
    private final MainWindowViewModel model;
    private final Map<Page, Parent> pages = new EnumMap<>(Page.class);

    @FXML private BorderPane root;
    @FXML private StackPane contentPane;
    @FXML private VBox openingPane;
    @FXML private Label openingLabel;
    @FXML private StackPane dropOverlay;
    @FXML private Menu recentMenu;
    @FXML private Menu exportMenu;
    @FXML private MenuItem exportSendersItem;
    @FXML private MenuItem exportSendersAsItem;
    @FXML private SeparatorMenuItem exportBulkSeparator;
    @FXML private MenuItem exportBclItem;
    @FXML private MenuItem exportBclAsItem;
    @FXML private MenuItem exportSmtpItem;
    @FXML private MenuItem exportSmtpAsItem;
    @FXML private MenuItem exportSmtpReportItem;
    @FXML private MenuItem importItem;
    @FXML private MenuItem findItem;
    @FXML private ToggleGroup navGroup;
    @FXML private ToggleButton navDashboard;
    @FXML private ToggleButton navSmtpAuth;
    @FXML private ToggleButton navBulk;
    @FXML private ToggleButton navPolicies;
    @FXML private RadioMenuItem languageSystem;
    @FXML private RadioMenuItem languageEnglish;
    @FXML private RadioMenuItem languageChinese;
    @FXML private RadioMenuItem themeSystem;
    @FXML private RadioMenuItem themeLight;
    @FXML private RadioMenuItem themeDark;
    @FXML private Label demoBadge;
    @FXML private Label statusCache;
    @FXML private Label statusRange;
    @FXML private Label statusCounts;
    @FXML private org.controlsfx.control.StatusBar statusBar;
    @FXML private javafx.scene.control.Button cancelOperationButton;
    @FXML private VBox pageLoading;

    private final ListChangeListener<Path> onRecentChanged = c -> rebuildRecent();
    private final javafx.beans.value.ChangeListener<CacheSession> onSession = (obs, old, s) -> sessionChanged();
    private final javafx.beans.value.ChangeListener<Page> onPageForAccelerators = (obs, old, page) -> placeExportAccelerators(page);
    private final javafx.beans.value.ChangeListener<String> onProblem = (obs, old, message) -> showProblem(message);
    private final javafx.beans.value.ChangeListener<Theme> onTheme = (obs, old, theme) -> selectTheme(theme);

    private void showProblem(String message) {
        if (message != null) {
            Platform.runLater(() -> {
                Dialogs.error(window(), context.i18n().get("dialog.error.title"), message);
                model.clearProblem();
            });
        }
    }

    private final javafx.beans.value.ChangeListener<LongOperations.Running> onOperation = (obs, old, r) -> showOperation(r);

    /**
     * The status bar shows the newest long operation (an export, a report, Prune): its text, its
     * progress (a bar; moving to and fro while the total is unknown) and a Cancel button. Idle, the
     * bar's own text is empty and its progress 0, which hides ControlsFX's progress bar.
     */
    private void bindOperations() {
        context.operations().currentProperty().addListener(onOperation);
        cancelOperationButton.setOnAction(e -> context.operations().cancelCurrent());
        showOperation(context.operations().currentProperty().get());
    }

    private void showOperation(LongOperations.Running r) {
        statusBar.textProperty().unbind();
        statusBar.progressProperty().unbind();
        cancelOperationButton.setVisible(r != null);
        cancelOperationButton.setManaged(r != null);
        if (r == null) {
            statusBar.setText("");
            statusBar.setProgress(0);
            return;
        }
        statusBar.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> r.handle().messageProperty().get().isEmpty() ? r.text() : r.handle().messageProperty().get(),
                r.handle().messageProperty()));
        // 0 would hide the bar: a task that has not reported yet shows as running (-1)
        statusBar.progressProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> r.handle().progressProperty().get() == 0 ? -1 : r.handle().progressProperty().get(),
                r.handle().progressProperty()));
    }

    /** Stops following the app's state; the window is being rebuilt (another language). */
    void dispose() {
        context.operations().currentProperty().removeListener(onOperation);
        model.recentCaches().removeListener(onRecentChanged);
        context.sessionProperty().removeListener(onSession);
        model.problemProperty().removeListener(onProblem);
        model.pageProperty().removeListener(onPageForAccelerators);
        context.themes().themeProperty().removeListener(onTheme);
    }

    MainWindowController(AppContext context, MainWindowViewModel model) {
        this.context = context;
        this.model = model;
    }

    @FXML
    private void initialize() {
        context.setNavigator(this);
        context.setNotifier(new PopupNotifier(() -> root.getScene() == null ? null : root.getScene().getWindow(),
                context::i18n, context::fileOpener));
        openingPane.visibleProperty().bind(model.openingProperty());
        openingLabel.textProperty().bind(model.openingMessageProperty());
        statusCache.textProperty().bind(model.cacheTextProperty());
        bindOperations();
        statusRange.textProperty().bind(model.rangeTextProperty());
        statusCounts.textProperty().bind(model.countsTextProperty());
        // File ▸ Export offers the exports of the page shown.
        exportMenu.disableProperty().bind(model.pageProperty().isNotEqualTo(Page.BULK).and(model.pageProperty().isNotEqualTo(Page.SMTP_AUTH)));
        for (MenuItem item : List.of(exportSendersItem, exportSendersAsItem, exportBulkSeparator, exportBclItem, exportBclAsItem)) {
            item.visibleProperty().bind(model.pageProperty().isEqualTo(Page.BULK));
            item.disableProperty().bind(item.visibleProperty().not());
        }
        for (MenuItem item : List.of(exportSmtpItem, exportSmtpAsItem, exportSmtpReportItem)) {
            item.visibleProperty().bind(model.pageProperty().isEqualTo(Page.SMTP_AUTH));
            item.disableProperty().bind(item.visibleProperty().not());
        }
        navGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true); // a toggle group where one page is always chosen
            }
        });
        model.recentCaches().addListener(onRecentChanged);
        rebuildRecent();
        Optional<Locale> language = context.settings().language();
        languageSystem.setSelected(language.isEmpty());
        languageEnglish.setSelected(language.isPresent() && !I18n.ZH_TW.equals(I18n.supported(language.get())));
        languageChinese.setSelected(language.isPresent() && I18n.ZH_TW.equals(I18n.supported(language.get())));

        selectTheme(context.themes().theme());
        context.themes().themeProperty().addListener(onTheme);

        context.sessionProperty().addListener(onSession);
        model.problemProperty().addListener(onProblem);
        root.addEventFilter(DragEvent.DRAG_OVER, this::onDragOver);
        root.addEventFilter(DragEvent.DRAG_EXITED, e -> dropOverlay.setVisible(false));
        root.addEventFilter(DragEvent.DRAG_DROPPED, this::onDragDropped);
        installKeys();
        sessionChanged();
    }

    /**
     * The keyboard beyond the menus' own accelerators: Ctrl+E and Ctrl+Shift+E export the table of
     * the page shown (its menu item carries the accelerator, so the menu shows it), and Escape
     * closes what lies over the page: the Dashboard's flyout or a side panel, whose close buttons
     * carry the style class {@code escape-closes}. Dialogs close on Escape by themselves.
     */
    private void installKeys() {
        model.pageProperty().addListener(onPageForAccelerators);
        placeExportAccelerators(model.pageProperty().get());
        findItem.disableProperty().bind(model.pageProperty().isNotEqualTo(Page.BULK).and(model.pageProperty().isNotEqualTo(Page.SMTP_AUTH)));
        // A filter: tables and lists would otherwise take Escape for themselves.
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !listOpen(root.getScene()) && closeTopmostPanel()) {
                e.consume();
            }
        });
    }

    /**
     * One accelerator maps to one item per scene, so only the page's own export items hold Ctrl+E
     * and Ctrl+Shift+E. The others park on unused combinations rather than none: JavaFX re-maps an
     * item's accelerator when it changes, but an item whose accelerator goes from none to some key
     * is mapped to nothing (ControlAcceleratorSupport keys the move by the old combination).
     */
    private void placeExportAccelerators(Page page) {
        KeyCombination export = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
        KeyCombination exportAs = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
        List<MenuItem> items = List.of(exportSendersItem, exportSendersAsItem, exportSmtpItem, exportSmtpAsItem);
        List<KeyCode> parking = List.of(KeyCode.F21, KeyCode.F22, KeyCode.F23, KeyCode.F24);
        // Park first, so that the combinations are free before the page's items take them.
        for (int i = 0; i < items.size(); i++) {
            items.get(i).setAccelerator(new KeyCodeCombination(parking.get(i), KeyCombination.SHORTCUT_DOWN,
                    KeyCombination.ALT_DOWN, KeyCombination.SHIFT_DOWN));
        }
        if (page == Page.BULK) {
            exportSendersItem.setAccelerator(export);
            exportSendersAsItem.setAccelerator(exportAs);
        } else if (page == Page.SMTP_AUTH) {
            exportSmtpItem.setAccelerator(export);
            exportSmtpAsItem.setAccelerator(exportAs);
        }
    }

    /** Fires the close button of the innermost flyout or panel shown over the current page; false if none. */
    private boolean closeTopmostPanel() {
        Node page = currentPage();
        if (page == null) {
            return false;
        }
        javafx.scene.control.Button last = null;
        for (Node n : page.lookupAll(".escape-closes")) {
            if (n instanceof javafx.scene.control.Button b && shown(b) && !b.isDisabled()) {
                last = b;
            }
        }
        if (last == null) {
            return false;
        }
        last.fire();
        return true;
    }

    /** True when the focused control shows its drop-down (a combo box, a date picker): Escape closes that first. */
    private static boolean listOpen(javafx.scene.Scene scene) {
        return scene != null && scene.getFocusOwner() instanceof javafx.scene.control.ComboBoxBase<?> box && box.isShowing();
    }

    private static boolean shown(Node n) {
        for (Node at = n; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    /** View ▸ Find (Ctrl+F): the search field of the page shown gets the focus, its text selected. */
    @FXML
    private void onFind() {
        Node page = currentPage();
        if (page != null && page.lookup("#searchField") instanceof javafx.scene.control.TextField field) {
            field.requestFocus();
            field.selectAll();
        }
    }

    /** Drops the pages (another cache, or other geolocation databases) and shows the current one afresh. */
    private void sessionChanged() {
        pages.values().forEach(p -> contentPane.getChildren().remove(p));
        pages.clear();
        CacheSession s = context.session();
        pageLoading.visibleProperty().unbind();
        pageLoading.setVisible(false);
        demoBadge.setVisible(s != null && s.isDemo());
        demoBadge.setManaged(demoBadge.isVisible());
        if (s != null) {
            show(model.pageProperty().get());
        }
    }

    @Override
    public void show(Page page) {
        model.pageProperty().set(page);
        context.settings().setLastPage(page);
        toggleFor(page).setSelected(true);
        if (context.session() == null) {
            return;
        }
        Parent node = pages.computeIfAbsent(page, p -> context.load(p.view()));
        pageLoading.visibleProperty().bind(context.loadingOf(page));
        contentPane.getChildren().removeIf(n -> pages.containsValue(n) && n != node);
        if (!contentPane.getChildren().contains(node)) {
            contentPane.getChildren().add(0, node);
        }
    }

    private ToggleButton toggleFor(Page page) {
        return switch (page) {
            case DASHBOARD -> navDashboard;
            case SMTP_AUTH -> navSmtpAuth;
            case BULK -> navBulk;
            case POLICIES -> navPolicies;
        };
    }

    @Override
    public void openImport(List<Path> files, String format) {
        if (context.session() == null) {
            return;
        }
        AppContext.Loaded loaded = context.loadWithController(View.IMPORT_DIALOG);
        org.mailflow.app.importing.ImportDialogController controller =
                (org.mailflow.app.importing.ImportDialogController) loaded.controller();
        Stage dialog = dialog(context.i18n().get("import.title"), loaded.root());
        controller.prepare(dialog, files, format);
        dialog.show();
    }

    /**
     * A window-modal dialog over the main window, with its icons and the app's style sheet. Escape
     * closes it as its close button would (the import dialog then cancels a running import), unless
     * a Cancel button of its own is shown to take the key.
     */
    private Stage dialog(String title, Parent content) {
        Stage dialog = new Stage();
        dialog.initOwner(window());
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(title);
        javafx.scene.Scene scene = new javafx.scene.Scene(content);
        scene.getStylesheets().setAll(root.getScene().getStylesheets());
        dialog.setScene(scene);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() != KeyCode.ESCAPE || listOpen(scene)
                    || content.lookupAll(".button").stream().anyMatch(n -> n instanceof javafx.scene.control.Button b
                            && b.isCancelButton() && shown(b) && !b.isDisabled())) {
                return; // an open list closes first; a Cancel button of the dialog's own takes the key
            }
            e.consume();
            javafx.stage.WindowEvent request = new javafx.stage.WindowEvent(dialog, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST);
            if (dialog.getOnCloseRequest() != null) {
                dialog.getOnCloseRequest().handle(request);
            }
            if (!request.isConsumed()) {
                dialog.close();
            }
        });
        if (window() instanceof Stage owner) {
            dialog.getIcons().setAll(owner.getIcons());
        }
        return dialog;
    }

    /** File ▸ Settings…: new geolocation databases rebuild every page, so each report uses them. */
    @FXML
    private void onSettings() {
        AppContext.Loaded loaded = context.loadWithController(View.SETTINGS);
        org.mailflow.app.settings.SettingsController controller = (org.mailflow.app.settings.SettingsController) loaded.controller();
        Stage dialog = dialog(context.i18n().get("settings.title"), loaded.root());
        controller.prepare(dialog, this::sessionChanged, this::changeLanguage);
        dialog.show();
    }

    private void onDragOver(DragEvent e) {
        if (e.getDragboard().hasFiles() && context.session() != null) {
            e.acceptTransferModes(TransferMode.COPY);
            dropOverlay.setVisible(true);
        }
    }

    private void onDragDropped(DragEvent e) {
        dropOverlay.setVisible(false);
        if (e.getDragboard().hasFiles()) {
            List<Path> files = e.getDragboard().getFiles().stream().map(File::toPath).toList();
            e.setDropCompleted(true);
            e.consume();
            Platform.runLater(() -> openImport(files, null));
        }
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        for (Path p : model.recentCaches()) {
            MenuItem item = new MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> model.openCache(p));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    /** File ▸ Import… (Ctrl+O): choose files, then the import dialog shows them. */
    @FXML
    private void onImport() {
        if (context.importFilePicker() != null) {
            List<Path> files = context.importFilePicker().apply(window());
            if (files != null && !files.isEmpty()) {
                openImport(files, null);
            }
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(context.i18n().get("import.choose"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(context.i18n().get("import.filter.csv"), "*.csv", "*.csv.gz", "*.txt"),
                new FileChooser.ExtensionFilter(context.i18n().get("import.filter.all"), "*"));
        List<File> chosen = chooser.showOpenMultipleDialog(window());
        if (chosen != null && !chosen.isEmpty()) {
            openImport(chosen.stream().map(File::toPath).toList(), null);
        }
    }

    @FXML
    private void onOpenCache() {
        FileChooser chooser = cacheChooser(context.i18n().get("cache.open.title"));
        File f = chooser.showOpenDialog(window());
        if (f != null) {
            model.openCache(f.toPath());
        }
    }

    @FXML
    private void onNewCache() {
        FileChooser chooser = cacheChooser(context.i18n().get("cache.new.title"));
        chooser.setInitialFileName("mailflow.db");
        File f = chooser.showSaveDialog(window());
        if (f != null) {
            model.newCache(f.toPath());
        }
    }

    private FileChooser cacheChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        File home = model.cacheFolder().toFile();
        if (home.isDirectory()) {
            chooser.setInitialDirectory(home);
        }
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(context.i18n().get("cache.filter"), "*.db", "*.sqlite"),
                new FileChooser.ExtensionFilter(context.i18n().get("import.filter.all"), "*"));
        return chooser;
    }

    @FXML
    private void onExportSmtpTable() {
        context.exports().toDownloads(context.smtpAuth().tableExport());
    }

    @FXML
    private void onExportSmtpTableAs() {
        context.exports().saveAs(window(), context.smtpAuth().tableExport());
    }

    @FXML
    private void onExportSmtpReport() {
        org.mailflow.smtpauth.ui.RequestReportDialog.show(window(), context.i18n(), context.smtpAuth(), context.exports());
    }

    @FXML
    private void onExportSenders() {
        context.bulk().sendersExport().ifPresent(context.exports()::toDownloads);
    }

    @FXML
    private void onExportSendersAs() {
        context.bulk().sendersExport().ifPresent(job -> context.exports().saveAs(window(), job));
    }

    @FXML
    private void onExportBcl() {
        context.bulk().bclExport().ifPresent(context.exports()::toDownloads);
    }

    @FXML
    private void onExportBclAs() {
        context.bulk().bclExport().ifPresent(job -> context.exports().saveAs(window(), job));
    }

    /** File ▸ Prune…: the date starts a year before today, so a first click deletes nothing recent. */
    @FXML
    private void onPrune() {
        PruneDialog.show(window(), context.i18n(), model, java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusYears(1));
    }

    /** Closes the window the way its close button does, so its size is remembered. */
    @FXML
    private void onQuit() {
        Window w = window();
        w.fireEvent(new javafx.stage.WindowEvent(w, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
        w.hide();
    }

    @FXML
    private void onShowDashboard() {
        show(Page.DASHBOARD);
    }

    @FXML
    private void onShowSmtpAuth() {
        show(Page.SMTP_AUTH);
    }

    @FXML
    private void onShowBulk() {
        show(Page.BULK);
    }

    @FXML
    private void onShowPolicies() {
        show(Page.POLICIES);
    }

    /** View ▸ Theme: shown at once in every window, and saved. */
    @FXML
    private void onTheme() {
        Theme chosen = themeDark.isSelected() ? Theme.DARK : themeLight.isSelected() ? Theme.LIGHT : Theme.SYSTEM;
        context.settings().setTheme(chosen);
        context.saveSettings();
        context.themes().choose(chosen);
    }

    /** The radio item of the theme chosen, here or in Settings. */
    private void selectTheme(Theme theme) {
        (theme == Theme.DARK ? themeDark : theme == Theme.LIGHT ? themeLight : themeSystem).setSelected(true);
    }

    @FXML
    private void onLanguage() {
        Optional<Locale> choice = languageSystem.isSelected() ? Optional.empty()
                : Optional.of(languageChinese.isSelected() ? I18n.ZH_TW : Locale.ENGLISH);
        context.settings().setLanguage(choice);
        context.saveSettings();
        changeLanguage(choice);
    }

    /** Rebuilds the window in another language (View ▸ Language, Settings); the settings are already saved. */
    private void changeLanguage(Optional<Locale> choice) {
        context.setI18n(new I18n(choice.orElse(I18n.systemLocale())));
        model.updateTitle();
        model.refreshStatus();
        dispose();
        Parent newRoot = context.load(View.MAIN_WINDOW);
        root.getScene().setRoot(newRoot);
    }

    @FXML
    private void onCommandLine() {
        Dialogs.info(window(), context.i18n().get("menu.help.cli"), context.i18n().get("help.cli.text"));
    }

    @FXML
    private void onAbout() {
        AppContext.Loaded loaded = context.loadWithController(View.ABOUT);
        Stage dialog = dialog(context.i18n().get("menu.help.about"), loaded.root());
        ((org.mailflow.app.about.AboutController) loaded.controller()).prepare(dialog);
        dialog.show();
    }

    /** The node of the page shown, for tests. */
    Node currentPage() {
        return pages.get(model.pageProperty().get());
    }
}
