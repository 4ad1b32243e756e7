package org.mailflow.app;

import org.mailflow.ui.LongOperations;
import org.mailflow.ui.FileOpener;
import org.mailflow.ui.LayoutMemory;

import org.mailflow.ui.View;

import org.mailflow.ui.TaskRunner;

import org.mailflow.ui.Settings;

import org.mailflow.ui.Page;

import org.mailflow.ui.Notifier;

import org.mailflow.ui.Navigator;

import org.mailflow.ui.I18n;

import org.mailflow.ui.FolderOpener;

import org.mailflow.ui.CacheSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import org.mailflow.app.about.AboutController;
import org.mailflow.app.about.AboutViewModel;
import org.mailflow.app.dashboard.DashboardController;
import org.mailflow.app.dashboard.DashboardViewModel;
import org.mailflow.app.importing.ImportDialogController;
import org.mailflow.app.importing.ImportTarget;
import org.mailflow.app.importing.ImportViewModel;
import org.mailflow.app.settings.SettingsController;
import org.mailflow.app.settings.SettingsViewModel;
import org.mailflow.bulk.ui.BulkInsightsController;
import org.mailflow.bulk.ui.BulkInsightsViewModel;
import org.mailflow.bulk.ui.PoliciesController;
import org.mailflow.bulk.ui.PoliciesViewModel;
import org.mailflow.bulk.ui.SenderPanelController;
import org.mailflow.geo.GeoDatabases;
import org.mailflow.geo.GeoKind;
import org.mailflow.geo.GeoLookup;
import org.mailflow.smtpauth.ui.SmtpAuthController;
import org.mailflow.smtpauth.ui.SmtpAuthViewModel;
import org.mailflow.smtpauth.ui.SmtpIpPanelController;
import org.mailflow.smtpauth.ui.SmtpSenderPanelController;

/**
 * The composition root: settings, language, background runner and the open cache session, and the
 * one controller factory that every FXML view is loaded with. View models live as long as their
 * session and language; changing either drops them, so pages are rebuilt on fresh state.
 */
public final class AppContext {
    private final Settings settings;
    private final ThemeSwitcher themes;
    private GeoLookup geo;
    private final TaskRunner runner;
    private final Supplier<Path> downloads;
    private final ObjectProperty<CacheSession> session = new SimpleObjectProperty<>();
    private I18n i18n;
    private Notifier notifier = (title, text) -> { };
    private java.util.function.Function<javafx.stage.Window, java.util.List<Path>> importFilePicker;
    private FolderOpener folderOpener = FolderOpener.system();
    private FileOpener fileOpener = FileOpener.system();
    private final LongOperations operations = new LongOperations();
    private final org.mailflow.ui.export.Exports exports;
    private Navigator navigator = new Navigator() {
        @Override
        public void show(Page page) {
        }

        @Override
        public void openImport(java.util.List<Path> files, String format) {
        }
    };

    /** Answers Settings' file chooser instead of the user (tests); null for the real chooser. */
    private SettingsController.FilePicker geoFilePicker;
    private final java.util.Set<TaskRunner.Handle> imports = new java.util.HashSet<>();
    private BulkInsightsViewModel bulk;
    private PoliciesViewModel policies;
    private DashboardViewModel dashboard;
    private SmtpAuthViewModel smtpAuth;
    private MainWindowViewModel mainWindow;

    public AppContext(Settings settings, I18n i18n, TaskRunner runner, Supplier<Path> downloads) {
        this.settings = settings;
        this.themes = new ThemeSwitcher(settings.theme());
        this.i18n = i18n;
        this.runner = runner;
        this.downloads = downloads;
        this.exports = new org.mailflow.ui.export.Exports(runner, this::i18n, downloads, this::notifier, operations);
        session.addListener((obs, old, s) -> dropViewModels());
        if (javafx.application.Platform.isFxApplicationThread()) {
            LanguageLook.follow(this::i18n); // dialog buttons and the Chinese font in every window
        }
    }

    /** Loads a view with this context's language and controller factory. */
    public Parent load(View view) {
        return loadWithController(view).root();
    }

    /** A loaded view and its controller. */
    public record Loaded(Parent root, Object controller) {
    }

    public Loaded loadWithController(View view) {
        FXMLLoader loader = new FXMLLoader(view.url(), i18n.bundle(), null, this::controllerFor);
        try {
            Parent root = loader.load();
            LayoutMemory.remember(view.name().toLowerCase(java.util.Locale.ROOT), root, settings);
            return new Loaded(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + view, e);
        }
    }

    /** The controller factory: each controller gets its collaborators through its constructor. */
    public Object controllerFor(Class<?> type) {
        if (type == MainWindowController.class) {
            return new MainWindowController(this, mainWindow());
        }
        if (type == DashboardController.class) {
            return new DashboardController(dashboard(), navigator, i18n);
        }
        if (type == BulkInsightsController.class) {
            return new BulkInsightsController(bulk(), i18n, notifier, exports);
        }
        if (type == SenderPanelController.class) {
            return new SenderPanelController(bulk(), i18n);
        }
        if (type == PoliciesController.class) {
            return new PoliciesController(policies(), i18n, notifier);
        }
        if (type == SmtpAuthController.class) {
            return new SmtpAuthController(smtpAuth(), i18n, exports, navigator, this::load);
        }
        if (type == SmtpIpPanelController.class) {
            return new SmtpIpPanelController(smtpAuth(), i18n);
        }
        if (type == SmtpSenderPanelController.class) {
            return new SmtpSenderPanelController(smtpAuth(), i18n);
        }
        if (type == ImportDialogController.class) {
            return new ImportDialogController(newImportViewModel(), i18n);
        }
        if (type == SettingsController.class) {
            SettingsViewModel settingsModel = new SettingsViewModel(settings, runner, i18n,
                    GeoDatabases::check, () -> GeoLookup.bundled().databases(), () -> {
                        saveSettings();
                        geoFilesChanged();
                    });
            settingsModel.onGeneralApplied(themes::choose, this::saveSettings);
            SettingsController settingsController = new SettingsController(settingsModel, i18n);
            if (geoFilePicker != null) {
                settingsController.usePicker(geoFilePicker);
            }
            return settingsController;
        }
        if (type == AboutController.class) {
            CacheSession s = session.get();
            return new AboutController(new AboutViewModel(i18n, runner, () -> geo().databases(), s == null ? null : s.file(),
                    s == null ? null : s.cache()::schemaVersion), i18n, folderOpener);
        }
        throw new IllegalArgumentException("no controller factory for " + type.getName());
    }

    /** A fresh import dialog's state, importing into the open cache through {@link #importTarget()}. */
    public ImportViewModel newImportViewModel() {
        return new ImportViewModel(importTarget(), i18n, runner);
    }

    /** The narrow view the import dialog has of the app: the session, running imports, and what follows one. */
    public ImportTarget importTarget() {
        return new ImportTarget() {
            @Override
            public CacheSession session() {
                return AppContext.this.session();
            }

            @Override
            public void importStarted(TaskRunner.Handle handle) {
                AppContext.this.importStarted(handle);
            }

            @Override
            public void importEnded(TaskRunner.Handle handle) {
                AppContext.this.importEnded(handle);
            }

            @Override
            public void switchTo(CacheSession newSession) {
                mainWindow().finish(newSession);
            }

            @Override
            public void dataImported() {
                AppContext.this.session().dataChanged();
                mainWindow().refreshPolicies();
            }
        };
    }

    public MainWindowViewModel mainWindow() {
        if (mainWindow == null) {
            mainWindow = new MainWindowViewModel(this);
        }
        return mainWindow;
    }

    public BulkInsightsViewModel bulk() {
        if (bulk == null) {
            bulk = new BulkInsightsViewModel(requireSession(), runner, i18n);
            bulk.reload();
        }
        return bulk;
    }

    public SmtpAuthViewModel smtpAuth() {
        if (smtpAuth == null) {
            smtpAuth = new SmtpAuthViewModel(requireSession(), runner, i18n, this::geo);
            smtpAuth.reload();
        }
        return smtpAuth;
    }

    public PoliciesViewModel policies() {
        if (policies == null) {
            policies = new PoliciesViewModel(requireSession(), runner, i18n, navigator, this::bulk);
        }
        return policies;
    }

    public DashboardViewModel dashboard() {
        if (dashboard == null) {
            dashboard = new DashboardViewModel(requireSession(), runner, i18n, this::geo);
            dashboard.reload();
        }
        return dashboard;
    }

    /**
     * True while {@code page}'s data loads (its view model's {@code loading}): the main window then
     * lays a loading card over the page, whose totals show skeletons meanwhile.
     */
    public javafx.beans.value.ObservableBooleanValue loadingOf(Page page) {
        return switch (page) {
            case DASHBOARD -> dashboard().loadingProperty();
            case SMTP_AUTH -> smtpAuth().loadingProperty();
            case BULK -> bulk().loadingProperty();
            case POLICIES -> policies().loadingProperty();
        };
    }

    private CacheSession requireSession() {
        CacheSession s = session.get();
        if (s == null) {
            throw new IllegalStateException("no cache is open yet");
        }
        return s;
    }

    private void dropViewModels() {
        if (bulk != null) {
            bulk.dispose();
        }
        if (dashboard != null) {
            dashboard.dispose();
        }
        if (smtpAuth != null) {
            smtpAuth.dispose();
        }
        smtpAuth = null;
        bulk = null;
        policies = null;
        dashboard = null;
    }

    /** Switches language: view models are rebuilt so that every text is in the new language. */
    public void setI18n(I18n newI18n) {
        this.i18n = newI18n;
        dropViewModels();
        if (javafx.application.Platform.isFxApplicationThread()) {
            LanguageLook.apply();
        }
    }

    public I18n i18n() {
        return i18n;
    }

    /**
     * The databases client IPs are looked up in (SPEC 2.6): the user's files chosen in Settings over
     * the bundled ones. Opened on first use, which reads tens of megabytes: call it off the FX thread.
     */
    public synchronized GeoLookup geo() {
        if (geo == null) {
            java.util.Map<GeoKind, Path> files = settings.geoFiles();
            geo = files.isEmpty() ? GeoLookup.bundled() : GeoLookup.open(files);
        }
        return geo;
    }

    /** Settings chose other databases: the next lookup opens them, and the pages are built again. */
    public void geoFilesChanged() {
        synchronized (this) {
            geo = null;
        }
        dropViewModels();
    }

    public Settings settings() {
        return settings;
    }

    /** The theme shown in every window (View ▸ Theme, Settings). */
    public ThemeSwitcher themes() {
        return themes;
    }

    /** Keeps track of a running import so that quitting can cancel it (FX thread). */
    public void importStarted(TaskRunner.Handle handle) {
        imports.add(handle);
    }

    public void importEnded(TaskRunner.Handle handle) {
        imports.remove(handle);
    }

    /** Asks every running import to stop; each rolls back. */
    public void cancelImports() {
        imports.forEach(TaskRunner.Handle::cancel);
    }

    /** Writes the settings file on a worker, not on the FX thread. */
    public void saveSettings() {
        runner.run("save settings", p -> {
            settings.save();
            return null;
        }, v -> { }, e -> { });
    }

    public TaskRunner runner() {
        return runner;
    }

    public Supplier<Path> downloads() {
        return downloads;
    }

    public ObjectProperty<CacheSession> sessionProperty() {
        return session;
    }

    public CacheSession session() {
        return session.get();
    }

    public Notifier notifier() {
        return notifier;
    }

    public void setNotifier(Notifier notifier) {
        this.notifier = notifier;
    }

    /** Settings' Browse… buttons ask {@code picker} instead of showing a file chooser (tests). */
    public void setGeoFilePicker(SettingsController.FilePicker picker) {
        this.geoFilePicker = picker;
    }

    /** File ▸ Import… asks {@code picker} for the files instead of showing a file chooser (tests). */
    public void setImportFilePicker(java.util.function.Function<javafx.stage.Window, java.util.List<Path>> picker) {
        this.importFilePicker = picker;
    }

    /** The files File ▸ Import… was given in place of a file chooser, or null to show one. */
    java.util.function.Function<javafx.stage.Window, java.util.List<Path>> importFilePicker() {
        return importFilePicker;
    }

    /** Opens folders for "Open log folder" (the About dialog, the unexpected-error dialog). */
    public FolderOpener folderOpener() {
        return folderOpener;
    }

    /** Another way to open folders (tests). */
    public void setFolderOpener(FolderOpener opener) {
        this.folderOpener = opener;
    }

    /** Opens exported files for the notification's Open file and Show in folder. */
    public FileOpener fileOpener() {
        return fileOpener;
    }

    /** Another way to open files (tests). */
    public void setFileOpener(FileOpener opener) {
        this.fileOpener = opener;
    }

    /** The long operations running (exports, Prune), shown in the status bar with Cancel. */
    public LongOperations operations() {
        return operations;
    }

    /** The one export feature of both pages and File ▸ Export. */
    public org.mailflow.ui.export.Exports exports() {
        return exports;
    }

    public Navigator navigator() {
        return navigator;
    }

    public void setNavigator(Navigator navigator) {
        this.navigator = navigator;
    }
}
