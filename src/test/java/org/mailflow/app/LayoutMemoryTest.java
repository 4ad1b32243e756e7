package org.mailflow.app;


import org.mailflow.ui.View;

import org.mailflow.ui.Settings;

import org.mailflow.ui.I18n;

import org.mailflow.ui.FxTaskRunner;

import org.mailflow.ui.CacheSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.controlsfx.control.MasterDetailPane;
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

/**
 * Issue 14, item 1: column widths, the side panel's divider and the folding BCL section are
 * remembered across restarts. The user drags a header border and the divider and opens the section
 * on Bulk sender insights; the settings are written to their file and read again, as at the next
 * start, and a new page (new controller, new view model) shows the same arrangement.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutMemoryTest {
    @TempDir
    static Path dir;

    private Path here;
    private Cache cache;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        here = Files.createTempDirectory(dir, "case");
        cache = Fixtures.smallBulkCache(here);
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    private void showBulk(FxRobot robot, Settings settings) {
        robot.interact(() -> {
            AppContext context = new AppContext(settings, new I18n(Locale.ENGLISH), FxTaskRunner.withDaemonThreads(), () -> here);
            context.sessionProperty().set(new CacheSession(cache, false));
            UiFixture.show(stage, context, View.BULK_INSIGHTS, 1400, 900);
        });
        waitUntil(() -> !robot.lookup("#senderTable").queryAs(TableView.class).getItems().isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static TableColumn<?, ?> column(FxRobot robot, String id) {
        TableView<?> table = robot.lookup("#senderTable").queryAs(TableView.class);
        return table.getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow();
    }

    @Test
    void columnWidthsDividerAndOpenSectionSurviveARestart(FxRobot robot) throws Exception {
        Path file = here.resolve("settings.properties");
        Settings first = Settings.load(file);
        showBulk(robot, first);
        double before = column(robot, "senderColumn").getWidth();

        // The user drags the right border of the Sender header 70 px to the right.
        TableColumnHeader header = robot.lookup(".column-header").match(n -> n instanceof TableColumnHeader h
                && h.getTableColumn() != null && "senderColumn".equals(h.getTableColumn().getId())).queryAs(TableColumnHeader.class);
        Bounds b = header.localToScreen(header.getLayoutBounds());
        robot.moveTo(new javafx.geometry.Point2D(b.getMaxX() - 1, b.getCenterY()));
        robot.press(MouseButton.PRIMARY).moveBy(35, 0).moveBy(35, 0).release(MouseButton.PRIMARY);
        waitUntil(() -> column(robot, "senderColumn").getWidth() > before + 40);
        double dragged = column(robot, "senderColumn").getWidth();

        // Opens the folding BCL section, and a sender's panel whose divider the user moves.
        robot.clickOn((Node) robot.lookup("#bclSection .title").query());
        waitUntil(() -> robot.lookup("#bclSection").queryAs(TitledPane.class).isExpanded());
        robot.interact(() -> robot.lookup("#senderTable").queryAs(TableView.class).getSelectionModel().select(0));
        waitUntil(() -> robot.lookup("#panelRoot").tryQuery().map(Node::isVisible).orElse(false));
        Node divider = robot.lookup("#senderSplit .split-pane-divider").query();
        MasterDetailPane split = robot.lookup("#senderSplit").queryAs(MasterDetailPane.class);
        double dividerBefore = split.getDividerPosition();
        robot.drag(divider, MouseButton.PRIMARY).moveBy(-40, 0).moveBy(-40, 0).release(MouseButton.PRIMARY);
        waitUntil(() -> split.getDividerPosition() < dividerBefore - 0.02);
        double movedDivider = split.getDividerPosition();
        first.save();

        // The next start: the file read again, a new page.
        Settings second = Settings.load(file);
        assertThat(Files.readString(file)).contains("layout.bulk_insights.senderTable.senderColumn.width");
        showBulk(robot, second);
        assertThat(column(robot, "senderColumn").getWidth()).isCloseTo(dragged, org.assertj.core.data.Offset.offset(2.0));
        assertThat(robot.lookup("#bclSection").queryAs(TitledPane.class).isExpanded()).isTrue();
        assertThat(robot.lookup("#senderSplit").queryAs(MasterDetailPane.class).getDividerPosition())
                .isCloseTo(movedDivider, org.assertj.core.data.Offset.offset(0.01));

        // Without remembered values the page has its defaults.
        showBulk(robot, Settings.inMemory());
        assertThat(column(robot, "senderColumn").getWidth()).isCloseTo(before, org.assertj.core.data.Offset.offset(2.0));
        assertThat(robot.lookup("#bclSection").queryAs(TitledPane.class).isExpanded()).isFalse();
    }
}
