package org.mailflow.app.about;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.app.AppContext;
import org.mailflow.app.MailflowAppAccess;
import org.mailflow.ui.View;
import org.mailflow.cache.Cache;
import org.mailflow.log.AppLog;
import org.mailflow.testing.Fixtures;
import org.mailflow.testing.UiFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Help ▸ About names the open cache's schema version and the log file, and opens the log's folder; a log that stopped is said once. */
@ExtendWith(ApplicationExtension.class)
class AboutLogTest {
    @TempDir
    static Path dir;

    private Path here;
    private Cache cache;
    private AppContext context;
    private final List<Path> opened = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        here = Files.createTempDirectory(dir, "case");
        cache = Fixtures.smallBulkCache(here);
        context = UiFixture.context(cache, here, false);
        context.setFolderOpener(opened::add);
        UiFixture.show(stage, context, View.MAIN_WINDOW, 1360, 860);
    }

    @AfterEach
    void close() {
        AppLog.stop();
        cache.close();
    }

    @Test
    void aboutShowsTheSchemaVersionAndTheLogFileAndOpensTheLogFolder(FxRobot robot) {
        Path logs = here.resolve("logs");
        AppLog.start(logs);
        robot.clickOn("Help").clickOn("About Mailflow Insights");
        waitUntil(() -> robot.lookup("#aboutText").tryQuery().isPresent());
        waitUntil(() -> !robot.lookup("#aboutText").queryAs(TextArea.class).getText().contains("Reading the databases"));
        String text = robot.lookup("#aboutText").queryAs(TextArea.class).getText();
        assertThat(text.lines().toList()).contains("Cache schema version " + Cache.SCHEMA_VERSION,
                "Log file: " + logs.resolve("mailflow-insights.0.log"));

        Button open = robot.lookup("#openLogButton").queryAs(Button.class);
        assertThat(open.getText()).isEqualTo("Open log folder");
        robot.clickOn(open);
        waitUntil(() -> !opened.isEmpty());
        assertThat(opened).containsExactly(logs);
        robot.clickOn("#closeButton");
    }

    @Test
    void aLogFolderThatCannotBeWrittenIsSaidOnceInTheWindowAndInAbout(FxRobot robot) throws Exception {
        Path notAFolder = Files.writeString(here.resolve("logs"), "a file");
        AppLog.start(notAFolder);
        WaitForAsyncUtils.asyncFx(() -> MailflowAppAccess.tellIfLogStopped(context)).get();
        waitUntil(() -> robot.lookup("#toast").tryQuery().isPresent());
        List<String> toast = robot.lookup("#toast").lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertThat(toast.get(0)).isEqualTo("Logging stopped");
        assertThat(toast.get(1)).isEqualTo("The log cannot be written in " + notAFolder + " (a file of that name is in the way). "
                + "Mailflow Insights works as usual; its log messages go to the standard error output only.");

        robot.clickOn("Help").clickOn("About Mailflow Insights");
        waitUntil(() -> robot.lookup("#aboutText").tryQuery().isPresent());
        assertThat(robot.lookup("#aboutText").queryAs(TextArea.class).getText())
                .contains("Log: cannot be written in " + notAFolder + " (a file of that name is in the way); "
                        + "log messages go to the standard error output only");
        robot.clickOn("#closeButton");
    }
}
