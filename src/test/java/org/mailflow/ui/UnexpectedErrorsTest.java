package org.mailflow.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.log.AppLog;
import org.mailflow.model.BuildInfo;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An exception nobody caught, on the FX thread or a worker, or a background task's unexpected failure:
 * logged with its trace, and one dialog at a time that says what to do, with Copy details (the trace
 * and the version, Java and system on the clipboard), Open log folder and Close.
 */
@ExtendWith(ApplicationExtension.class)
class UnexpectedErrorsTest {
    @TempDir
    static Path dir;

    private Path logs;
    private final List<Path> opened = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> copied = new AtomicReference<>();
    private Thread.UncaughtExceptionHandler oldDefault;
    private Thread.UncaughtExceptionHandler oldFx;
    private Thread fxThread;
    private UnexpectedErrors errors;
    private I18n i18n = new I18n(Locale.ENGLISH);

    @Start
    void start(Stage stage) throws IOException {
        logs = Files.createTempDirectory(dir, "case").resolve("logs");
        AppLog.start(logs);
        fxThread = Thread.currentThread();
        oldDefault = Thread.getDefaultUncaughtExceptionHandler();
        oldFx = fxThread.getUncaughtExceptionHandler();
        errors = new UnexpectedErrors(() -> i18n, () -> stage, opened::add, copied::set);
        errors.install();
        Button crash = new Button("Crash");
        crash.setId("crash");
        crash.setOnAction(e -> {
            throw new IllegalStateException("the button broke");
        });
        stage.setScene(new Scene(new StackPane(crash), 400, 300));
        stage.show();
    }

    @AfterEach
    void restore() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane) {
                    ((Stage) w).close();
                }
            }
            fxThread.setUncaughtExceptionHandler(oldFx);
        }).get();
        Thread.setDefaultUncaughtExceptionHandler(oldDefault);
        AppLog.stop();
    }

    private static List<DialogPane> dialogs() {
        return Window.getWindows().stream().filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof DialogPane)
                .map(w -> (DialogPane) w.getScene().getRoot()).toList();
    }

    /**
     * The button's action, as a click would fire it. (The robot's clicks do not reach an {@code Alert}'s
     * window on the headless Monocle screen.)
     */
    private static void press(FxRobot robot, String id) {
        Button b = robot.lookup(id).queryAs(Button.class);
        robot.interact(b::fire);
    }

    private static RuntimeException sameError() {
        return new IllegalStateException("the button broke");
    }

    private String log() throws IOException {
        return Files.readString(logs.resolve("mailflow-insights.0.log"), StandardCharsets.UTF_8);
    }

    @Test
    void anExceptionInAnEventHandlerIsLoggedAndShownWithWhatToDoAndCopyDetailsCopiesTheTrace(FxRobot robot) throws Exception {
        robot.clickOn("#crash");
        waitUntil(() -> robot.lookup("#unexpectedError").tryQuery().isPresent());

        DialogPane pane = robot.lookup("#unexpectedError").queryAs(DialogPane.class);
        assertThat(pane.getHeaderText()).isEqualTo("Something unexpected went wrong");
        assertThat(robot.lookup("#unexpectedMessage").queryAs(Label.class).getText())
                .startsWith("An unexpected error (IllegalStateException) stopped what Mailflow Insights was doing.")
                .contains("You can try again", "restart Mailflow Insights", "send the log file")
                .doesNotContain("at org.mailflow");
        assertThat(robot.lookup("#unexpectedLog").queryAs(Label.class).getText())
                .isEqualTo("The log file: " + logs.resolve("mailflow-insights.0.log"));
        assertThat(robot.lookup("#copyDetailsButton").queryAs(Button.class).getText()).isEqualTo("Copy details");
        assertThat(robot.lookup("#openLogFolderButton").queryAs(Button.class).getText()).isEqualTo("Open log folder");
        assertThat(robot.lookup("#closeErrorButton").queryAs(Button.class).getText()).isEqualTo("Close");
        assertThat(log()).contains("SEVERE [JavaFX Application Thread] org.mailflow.ui.UnexpectedErrors: uncaught exception on thread "
                + "JavaFX Application Thread", "java.lang.IllegalStateException: the button broke", "at org.mailflow.ui.UnexpectedErrorsTest");

        press(robot, "#copyDetailsButton");
        assertThat(copied.get()).startsWith("Mailflow Insights " + BuildInfo.version())
                .contains("\nJava " + BuildInfo.javaRuntime() + "\n", System.getProperty("os.name"), "Thread JavaFX Application Thread",
                        "java.lang.IllegalStateException: the button broke", "at org.mailflow.ui.UnexpectedErrorsTest");
        assertThat(robot.lookup("#unexpectedNote").queryAs(Label.class).getText()).isEqualTo("The details are on the clipboard.");
        assertThat(pane.getScene().getWindow().isShowing()).isTrue(); // Copy details keeps the dialog open

        press(robot, "#openLogFolderButton");
        waitUntil(() -> !opened.isEmpty());
        assertThat(opened).containsExactly(logs);

        press(robot, "#closeErrorButton");
        waitUntil(() -> dialogs().isEmpty());
    }

    @Test
    void oneDialogAtATimeTheSameErrorRepeatingIsNotShownAgainAndOthersAreCounted(FxRobot robot) throws Exception {
        for (int i = 0; i < 5; i++) {
            // the same error (same kind, same place) five times: one dialog, one trace in the log
            WaitForAsyncUtils.asyncFx(() -> errors.uncaught(Thread.currentThread(), sameError())).get();
        }
        waitUntil(() -> dialogs().size() == 1);
        Thread worker = new Thread(() -> {
            throw new UnsupportedOperationException("a worker broke");
        }, "some-worker");
        worker.start();
        worker.join();
        waitUntil(() -> robot.lookup("#unexpectedNote").queryAs(Label.class).getText()
                .equals("1 more error happened while this message was open; the log has them."));
        assertThat(dialogs()).hasSize(1);
        String log = log();
        assertThat(log.split("the button broke", -1)).hasSize(2);
        assertThat(log).contains("uncaught exception on thread some-worker", "java.lang.UnsupportedOperationException: a worker broke");
    }

    @Test
    void aBackgroundTaskThatFailsUnexpectedlyGoesToTheDialogAndItsCallerStillHearsOfIt(FxRobot robot) throws Exception {
        FxTaskRunner runner = FxTaskRunner.withDaemonThreads();
        runner.reportUnexpectedTo(errors);
        AtomicReference<Throwable> heard = new AtomicReference<>();
        try {
            runner.run("status", p -> {
                throw new ArrayIndexOutOfBoundsException("index 7");
            }, v -> { }, heard::set);
            waitUntil(() -> dialogs().size() == 1);
            assertThat(heard.get()).isInstanceOf(ArrayIndexOutOfBoundsException.class);
            assertThat(log()).contains("background task \"status\" failed unexpectedly", "java.lang.ArrayIndexOutOfBoundsException: index 7");
            assertThat(runner.showsUnexpectedErrors()).isTrue();

            // An expected failure (a file that is not there) is its caller's to tell: a line in the log, no dialog.
            press(robot, "#closeErrorButton");
            waitUntil(() -> dialogs().isEmpty());
            heard.set(null);
            runner.run("read", p -> {
                throw new java.nio.file.NoSuchFileException("/nowhere/mail.log");
            }, v -> { }, heard::set);
            waitUntil(() -> heard.get() != null);
            WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(dialogs()).isEmpty();
            assertThat(log()).contains("INFO [JavaFX Application Thread] org.mailflow.ui.FxTaskRunner: read: java.nio.file.NoSuchFileException: /nowhere/mail.log");
        } finally {
            runner.shutdown();
        }
    }

    @Test
    void knownFailuresAreExpectedAndBugsAreNot() throws IOException {
        assertThat(ErrorMessages.isExpected(new java.nio.file.NoSuchFileException("x"))).isTrue();
        Path notes = Files.writeString(dir.resolve("notes.mmdb"), "not a database");
        org.mailflow.geo.GeoFileException refused = org.junit.jupiter.api.Assertions.assertThrows(org.mailflow.geo.GeoFileException.class,
                () -> org.mailflow.geo.GeoDatabases.check(notes, org.mailflow.geo.GeoKind.ASN));
        assertThat(ErrorMessages.isExpected(refused)).isTrue();
        assertThat(ErrorMessages.isExpected(new java.util.concurrent.ExecutionException(new org.mailflow.ingest.ImportCancelledException())))
                .isTrue();
        assertThat(ErrorMessages.isExpected(new NullPointerException())).isFalse();
        assertThat(ErrorMessages.isExpected(new java.util.concurrent.CompletionException(new IllegalStateException()))).isFalse();
        assertThat(ErrorMessages.isExpected(new java.sql.SQLException("raw"))).isFalse();
        assertThat(ErrorMessages.isExpected(new OutOfMemoryError())).isFalse();
    }

    @Test
    void traditionalChineseAndAFolderThatCannotBeOpenedIsNamedInstead(FxRobot robot) throws Exception {
        i18n = new I18n(I18n.ZH_TW);
        errors = new UnexpectedErrors(() -> i18n, () -> null, folder -> {
            throw new IOException("no file manager");
        });
        WaitForAsyncUtils.asyncFx(() -> errors.uncaught(Thread.currentThread(), new IllegalArgumentException("x"))).get();
        waitUntil(() -> dialogs().size() == 1);
        assertThat(robot.lookup("#unexpectedMessage").queryAs(Label.class).getText()).startsWith("未預期的錯誤（IllegalArgumentException）");
        assertThat(robot.lookup("#copyDetailsButton").queryAs(Button.class).getText()).isEqualTo("複製詳細資訊");
        press(robot, "#openLogFolderButton");
        waitUntil(() -> robot.lookup("#unexpectedNote").queryAs(Label.class).getText().equals("無法開啟資料夾。資料夾位置：" + logs));
    }
}
