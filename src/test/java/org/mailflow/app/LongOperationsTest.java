package org.mailflow.app;

import org.mailflow.ui.LoadingStates;
import org.mailflow.ui.FileOpener;

import org.mailflow.ui.View;

import org.mailflow.ui.Settings;

import org.mailflow.ui.I18n;

import org.mailflow.ui.FxTaskRunner;

import org.mailflow.ui.CacheSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.Cache;
import org.mailflow.cache.SmtpStore;
import org.mailflow.testing.Fixtures;
import org.mailflow.testing.GatedRunner;
import org.mailflow.testing.SmtpFixtures;
import org.mailflow.testing.UiFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Long operations in the real main window: an export ends with a ControlsFX notification whose Open
 * file and Show in folder reach the file opener (a fake here); an export and a Prune show their
 * progress in the status bar, and Cancel leaves no file and an unchanged cache. The quick fixture
 * tasks are held at a gate ({@link GatedRunner}) so that Cancel can be pressed while they run.
 */
@ExtendWith(ApplicationExtension.class)
class LongOperationsTest {
    @TempDir
    static Path dir;

    private Path here;
    private Cache cache;
    private AppContext context;
    private GatedRunner exportGate;
    private GatedRunner pruneGate;
    private GatedRunner loadGate;
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private volatile boolean openerFails;

    @Start
    void start(Stage stage) throws Exception {
        here = Files.createTempDirectory(dir, "case");
        cache = Fixtures.smallBulkCache(here);
        SmtpFixtures.write(cache);
        exportGate = new GatedRunner(FxTaskRunner.withDaemonThreads(), "export", true);
        pruneGate = new GatedRunner(exportGate, "prune", false);
        loadGate = new GatedRunner(pruneGate, "load bulk window", true);
        context = new AppContext(Settings.inMemory(), new I18n(Locale.ENGLISH), loadGate, () -> here);
        context.sessionProperty().set(new CacheSession(cache, false));
        context.mainWindow();
        context.setFileOpener(new FileOpener() {
            @Override
            public void openFile(Path file) throws IOException {
                if (openerFails) {
                    throw new IOException("xdg-open is not installed");
                }
                opened.add("open " + file);
            }

            @Override
            public void showInFolder(Path file) {
                opened.add("folder " + file);
            }
        });
        UiFixture.show(stage, context, View.MAIN_WINDOW, 1400, 900);
    }

    @AfterEach
    void release() {
        exportGate.release();
        pruneGate.release();
        loadGate.release();
        cache.close();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private void exportSenders(FxRobot robot) {
        exportGate.release(); // these exports run as they come
        loadGate.release();
        robot.clickOn("#navBulk");
        waitUntil(() -> context.bulk().resultProperty().get() != null && !context.bulk().loadingProperty().get());
        robot.clickOn("#exportButton");
    }

    @Test
    void anExportEndsWithANotificationWhoseOpenFileAndShowInFolderReachTheOpener(FxRobot robot) {
        exportSenders(robot);
        Path file = here.resolve("Bulk sender insights.csv");
        waitUntil(() -> robot.lookup("#openFileAction").tryQuery().isPresent());
        assertThat(file).exists();
        assertThat(text(robot, "#toast .toast-title")).isEqualTo("Export saved");
        assertThat(text(robot, "#toast .toast-text")).isEqualTo(file.toString());
        assertThat(robot.lookup("#showInFolderAction").queryAs(Button.class).getText()).isEqualTo("Show in folder");
        robot.clickOn("#openFileAction");
        waitUntil(() -> opened.contains("open " + file));
        waitUntil(() -> robot.lookup("#toast").tryQuery().isEmpty()); // an action hides its notification

        robot.clickOn("#exportButton");
        Path second = here.resolve("Bulk sender insights (1).csv");
        waitUntil(() -> robot.lookup("#showInFolderAction").tryQuery().isPresent() && text(robot, "#toast .toast-text").equals(second.toString()));
        robot.clickOn("#showInFolderAction");
        waitUntil(() -> opened.contains("folder " + second));
        assertThat(opened).containsExactly("open " + file, "folder " + second);
    }

    @Test
    void whenNothingCanOpenTheFileANotificationSaysWhereItIs(FxRobot robot) {
        openerFails = true;
        exportSenders(robot);
        Path file = here.resolve("Bulk sender insights.csv");
        waitUntil(() -> robot.lookup("#openFileAction").tryQuery().isPresent());
        robot.clickOn("#openFileAction");
        waitUntil(() -> robot.lookup("#toast .toast-title").tryQuery().map(n -> ((Label) n).getText().equals("Cannot open the file"))
                .orElse(false));
        assertThat(text(robot, "#toast .toast-text")).isEqualTo("No program on this system could open it. The file is at " + file);
    }

    @Test
    void whileAPageLoadsItsTotalsAreSkeletonsAndACardSaysSo(FxRobot robot) {
        robot.clickOn("#navBulk");
        waitUntil(loadGate::waiting);
        javafx.scene.Node total = robot.lookup("#deliveredCurrentLabel").query();
        assertThat(total.getPseudoClassStates()).contains(LoadingStates.LOADING);
        assertThat(robot.lookup("#bclChart").query().getPseudoClassStates()).contains(LoadingStates.LOADING);
        assertThat(robot.lookup("#pageLoading").query().isVisible()).isTrue();
        assertThat(text(robot, "#pageLoading .label")).isEqualTo("Loading…");
        javafx.scene.control.TableView<?> senders = robot.lookup("#senderTable").queryAs(javafx.scene.control.TableView.class);
        assertThat(senders.getPlaceholder().lookup(".progress-indicator")).isNotNull();
        loadGate.release();
        waitUntil(() -> !context.bulk().loadingProperty().get());
        assertThat(total.getPseudoClassStates()).doesNotContain(LoadingStates.LOADING);
        assertThat(text(robot, "#deliveredCurrentLabel")).isEqualTo("190");
        assertThat(robot.lookup("#pageLoading").query().isVisible()).isFalse();
        assertThat(text(robot, "#windowLabel")).isEqualTo("14 Sep – 12 Nov 2026 · data from 24 Sep");
    }

    @Test
    void cancellingAnExportFromTheStatusBarLeavesNoFile(FxRobot robot) throws IOException {
        loadGate.release();
        robot.clickOn("#navBulk");
        waitUntil(() -> context.bulk().resultProperty().get() != null && !context.bulk().loadingProperty().get());
        robot.clickOn("#exportButton");
        waitUntil(exportGate::waiting);
        StatusBar bar = robot.lookup("#statusBar").queryAs(StatusBar.class);
        assertThat(bar.getText()).isEqualTo("Saving Bulk sender insights.csv…");
        assertThat(bar.getProgress()).isNotZero(); // the bar is shown
        assertThat(robot.lookup("#exportButton").queryAs(Button.class).isDisabled()).isTrue();
        robot.clickOn("#cancelOperationButton");
        exportGate.release();
        waitUntil(() -> robot.lookup("#toast .toast-title").tryQuery().map(n -> ((Label) n).getText().equals("Export cancelled"))
                .orElse(false));
        assertThat(text(robot, "#toast .toast-text")).isEqualTo("Nothing was saved: Bulk sender insights.csv was not written.");
        try (Stream<Path> files = Files.list(here)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains("Bulk sender insights"))).isEmpty();
        }
        waitUntil(() -> !robot.lookup("#cancelOperationButton").query().isVisible());
        assertThat(bar.getProgress()).isZero();
        assertThat(bar.getText()).isEmpty();
        assertThat(robot.lookup("#exportButton").queryAs(Button.class).isDisabled()).isFalse();
    }

    @Test
    void pruneShowsItsProgressAndCancelLeavesTheCacheAsItWas(FxRobot robot) throws Exception {
        exportGate.release();
        loadGate.release();
        long submissions = new SmtpStore(cache).totalSubmissions();
        long bulk = new BulkStore(cache).totalMessages();
        robot.clickOn("File").clickOn("Prune old data…");
        waitUntil(() -> robot.lookup("#pruneBefore").tryQuery().isPresent());
        DatePicker before = robot.lookup("#pruneBefore").queryAs(DatePicker.class);
        robot.interact(() -> before.setValue(LocalDate.of(2026, 11, 6)));
        waitUntil(() -> text(robot, "#pruneCounts").startsWith("34 SMTP AUTH submissions"));
        robot.clickOn("#pruneDeleteButton");
        waitUntil(pruneGate::waiting); // inside the transaction, after its first step
        StatusBar bar = robot.lookup("#statusBar").queryAs(StatusBar.class);
        waitUntil(() -> bar.getText().startsWith("Deleting the data before "));
        assertThat(bar.getProgress()).isNotZero();
        robot.clickOn("#cancelOperationButton");
        pruneGate.release();
        waitUntil(() -> robot.lookup("#toast .toast-text").tryQuery().map(n -> ((Label) n).getText().startsWith("Prune cancelled"))
                .orElse(false));
        assertThat(new SmtpStore(cache).totalSubmissions()).isEqualTo(submissions);
        assertThat(new BulkStore(cache).totalMessages()).isEqualTo(bulk);
        waitUntil(() -> !robot.lookup("#cancelOperationButton").query().isVisible());
    }
}
