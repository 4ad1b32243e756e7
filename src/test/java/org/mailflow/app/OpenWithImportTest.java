package org.mailflow.app;

import org.mailflow.ui.View;

import org.mailflow.ui.CacheSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.testing.Fixtures;
import org.mailflow.testing.UiFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Files the app is started with ("Open with", {@code gui --import}) wait in the import dialog. */
@ExtendWith(ApplicationExtension.class)
class OpenWithImportTest {
    @TempDir
    static Path dir;

    private Path here;
    private Cache cache;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        here = Files.createTempDirectory(dir, "case");
        cache = Fixtures.smallBulkCache(here);
        context = UiFixture.context(cache, here, false);
        UiFixture.show(stage, context, View.MAIN_WINDOW, 1360, 860);
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    private List<Path> files() throws Exception {
        return List.of(Files.writeString(here.resolve("mail.log"), "x\n"), Files.writeString(here.resolve("Junk.mbox"), "x\n"));
    }

    @SuppressWarnings("unchecked")
    private static List<Path> listed(FxRobot robot) {
        return List.copyOf(robot.lookup("#fileList").queryAs(ListView.class).getItems());
    }

    @Test
    void withTheCacheOpenTheDialogOpensHoldingTheFilesAndWaitsForTheUser(FxRobot robot) throws Exception {
        List<Path> files = files();
        robot.interact(() -> MailflowApp.importWhenOpen(context, files));
        waitUntil(() -> robot.lookup("#importButton").tryQuery().isPresent());
        assertThat(listed(robot)).containsExactlyElementsOf(files);
        assertThat(robot.lookup("#importButton").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#summaryArea").queryAs(javafx.scene.control.TextArea.class).isVisible()).isFalse();
    }

    @Test
    void whileTheCacheIsStillOpeningTheDialogWaitsForIt(FxRobot robot) throws Exception {
        List<Path> files = files();
        CacheSession session = context.session();
        robot.interact(() -> {
            context.sessionProperty().set(null);
            MailflowApp.importWhenOpen(context, files);
        });
        robot.sleep(300);
        assertThat(robot.lookup("#importButton").tryQuery()).isEmpty();
        robot.interact(() -> context.sessionProperty().set(session));
        waitUntil(() -> robot.lookup("#importButton").tryQuery().isPresent());
        assertThat(listed(robot)).containsExactlyElementsOf(files);
    }
}
