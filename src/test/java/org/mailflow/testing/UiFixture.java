package org.mailflow.testing;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.mailflow.app.AppContext;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.FxTaskRunner;
import org.mailflow.ui.I18n;
import org.mailflow.app.MailflowApp;
import org.mailflow.ui.Settings;
import org.mailflow.ui.View;
import org.mailflow.cache.Cache;
import org.testfx.util.WaitForAsyncUtils;

/** Starts one view of the app on a cache, with the real theme and background runner, for TestFX. */
public final class UiFixture {
    private UiFixture() {
    }

    public static AppContext context(Cache cache, Path downloads, boolean demo) {
        AppContext context = new AppContext(Settings.inMemory(), new I18n(Locale.ENGLISH), FxTaskRunner.withDaemonThreads(),
                () -> downloads);
        context.sessionProperty().set(new CacheSession(cache, demo));
        context.mainWindow(); // reads the policies and the status figures, as the app does at start
        return context;
    }

    /** Shows {@code view} in {@code stage}; call from a TestFX {@code @Start} method (FX thread). */
    public static Parent show(Stage stage, AppContext context, View view, double width, double height) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Parent root = context.load(view);
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(MailflowApp.class.getResource(MailflowApp.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.show();
        return root;
    }

    /** Waits up to 10 s for {@code condition}, checked on the FX thread. */
    public static void waitUntil(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 10 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
