package org.mailflow.app;

import org.mailflow.ui.View;

import org.mailflow.ui.UnexpectedErrors;

import org.mailflow.ui.Settings;

import org.mailflow.ui.Page;

import org.mailflow.ui.I18n;

import org.mailflow.ui.FxTaskRunner;

import org.mailflow.ui.CacheSession;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.mailflow.cache.CacheLocations;
import org.mailflow.export.ExportFiles;
import org.mailflow.log.AppLog;
import org.mailflow.model.UserText;

/** The desktop app: one main window over the cache chosen at start (see {@link MainWindowViewModel}). */
public final class MailflowApp extends Application {
    public static final String STYLESHEET = "/org/mailflow/css/app.css";
    private static final double DEFAULT_WIDTH = 1360;
    private static final double DEFAULT_HEIGHT = 860;

    private static Path startCache;
    private static Page startPage = Page.DASHBOARD;
    private static Settings settings;
    private static Path downloads;
    private static List<Path> startImport = List.of();
    private static java.util.concurrent.CompletableFuture<Boolean> osPrefersDark =
            java.util.concurrent.CompletableFuture.completedFuture(false);

    private AppContext context;
    private FxTaskRunner runner;

    /** Opens the window and returns when it is closed. */
    public static void launchWith(Path cache, Page page) {
        launchWith(cache, page, List.of());
    }

    /**
     * Opens the window and, once a cache is open, the import dialog with {@code files} in it, as if they
     * had been chosen in File ▸ Import (the desktop's "Open with"); returns when the window is closed.
     */
    public static void launchWith(Path cache, Page page, List<Path> files) {
        startImport = List.copyOf(files);
        startCache = cache;
        // Asked now, so the answer is usually there when the window opens (OsTheme has the details).
        osPrefersDark = OsTheme.detectAsync();
        // Files are read here, before the toolkit starts, so the FX thread never waits on the disk.
        settings = Settings.load(CacheLocations.appHome().resolve("settings.properties"));
        // gui --page wins; otherwise the page chosen in Settings ("Open on"), or the one shown last.
        startPage = page == null ? settings.startPage() : page;
        downloads = ExportFiles.downloadsFolder();
        Application.launch(MailflowApp.class);
    }

    @Override
    public void start(Stage stage) {
        I18n i18n = new I18n(settings.language().orElse(I18n.systemLocale()));
        LanguageLook.setJdkLocaleFollows(true);
        runner = FxTaskRunner.withDaemonThreads();
        context = new AppContext(settings, i18n, runner, () -> downloads);
        ThemeSwitcher themes = context.themes();
        // Light until the system's answer comes (it rarely takes longer than the toolkit's start).
        themes.setOsPrefersDark(osPrefersDark.getNow(false));
        if (!osPrefersDark.isDone()) {
            osPrefersDark.thenAccept(dark -> javafx.application.Platform.runLater(() -> themes.setOsPrefersDark(dark)));
        }
        UnexpectedErrors errors = new UnexpectedErrors(context::i18n, () -> stage, context.folderOpener());
        errors.install();
        runner.reportUnexpectedTo(errors);
        MainWindowViewModel model = context.mainWindow();
        model.pageProperty().set(startPage);

        Scene scene = new Scene(context.load(View.MAIN_WINDOW), DEFAULT_WIDTH, DEFAULT_HEIGHT);
        scene.getStylesheets().add(MailflowApp.class.getResource(STYLESHEET).toExternalForm());
        ThemeSwitcher.style(scene, themes.isDark());
        stage.setScene(scene);
        stage.titleProperty().bind(model.titleProperty());
        stage.setMinWidth(1024);
        stage.setMinHeight(680);
        addIcons(stage);
        restoreBounds(stage, settings);
        stage.setOnCloseRequest(e -> rememberBounds(stage, settings));
        stage.show();
        model.start(startCache);
        tellIfLogStopped(context);
        if (!startImport.isEmpty()) {
            importWhenOpen(context, startImport);
        }
    }

    /** Once per start: the log folder could not be written, so the log goes to standard error only. */
    static void tellIfLogStopped(AppContext context) {
        AppLog.Status log = AppLog.status();
        if (log.failure().isPresent()) {
            context.notifier().info(context.i18n().get("log.unwritable.title"),
                    context.i18n().text(UserText.of("log.unwritable", log.folder().toString(), log.problem())));
        }
    }

    /**
     * Opens the import dialog with {@code files} as soon as a cache is open (at start the cache opens
     * in the background, and the dialog needs it); the user then starts the import, or not.
     */
    static void importWhenOpen(AppContext context, List<Path> files) {
        if (context.session() != null) {
            javafx.application.Platform.runLater(() -> context.navigator().openImport(files, null));
            return;
        }
        context.sessionProperty().addListener(new javafx.beans.value.ChangeListener<CacheSession>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends CacheSession> obs, CacheSession old, CacheSession now) {
                if (now != null) {
                    obs.removeListener(this);
                    javafx.application.Platform.runLater(() -> context.navigator().openImport(files, null));
                }
            }
        });
    }

    static void addIcons(Stage stage) {
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            InputStream in = MailflowApp.class.getResourceAsStream("/icons/mailflow-" + size + ".png");
            if (in != null) {
                stage.getIcons().add(new Image(in));
            }
        }
    }

    /** Opens the window where {@link WindowPlacement} says: remembered bounds only when they fit a current screen. */
    private static void restoreBounds(Stage stage, Settings settings) {
        List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
        WindowPlacement.Placement p = WindowPlacement.place(DEFAULT_WIDTH, DEFAULT_HEIGHT, stage.getMinWidth(), stage.getMinHeight(),
                Screen.getPrimary().getVisualBounds(), screens, settings.windowBounds());
        if (stage.getMinWidth() > p.bounds().getWidth() || stage.getMinHeight() > p.bounds().getHeight()) {
            // A screen smaller than the minimum size: the window still fits it.
            stage.setMinWidth(Math.min(stage.getMinWidth(), p.bounds().getWidth()));
            stage.setMinHeight(Math.min(stage.getMinHeight(), p.bounds().getHeight()));
        }
        stage.setX(p.bounds().getMinX());
        stage.setY(p.bounds().getMinY());
        stage.setWidth(p.bounds().getWidth());
        stage.setHeight(p.bounds().getHeight());
        stage.setMaximized(p.maximized());
    }

    private static void rememberBounds(Stage stage, Settings settings) {
        settings.setWindowBounds(new Settings.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized()));
    }

    /**
     * Cancels a running import (it rolls back), then saves the settings and closes the cache on a
     * worker, waiting a few seconds at most: an import that does not stop in time dies with the
     * process, and SQLite rolls its transaction back at the next open.
     */
    @Override
    public void stop() throws InterruptedException {
        if (context == null) {
            return;
        }
        context.cancelImports();
        CacheSession s = context.session();
        Thread closing = new Thread(() -> {
            settings.save();
            if (s != null) {
                s.close();
            }
        }, "mailflow-shutdown");
        closing.setDaemon(true);
        closing.start();
        closing.join(5000);
        runner.shutdown();
    }
}
