package org.mailflow.bulk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.app.AppContext;
import org.mailflow.ui.View;
import org.mailflow.cache.Cache;
import org.mailflow.testing.Fixtures;
import org.mailflow.testing.UiFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The sender table's flag cells as drawn (not the column's data): a slider move redraws them in the
 * cells already on screen, without re-creating the table's cells.
 */
@ExtendWith(ApplicationExtension.class)
class FlagCellsRedrawTest {
    @TempDir
    static Path dir;

    private Cache cache;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        Path here = Files.createTempDirectory(dir, "case");
        cache = Fixtures.smallBulkCache(here);
        context = UiFixture.context(cache, Files.createDirectories(here.resolve("Downloads")), false);
        UiFixture.show(stage, context, View.BULK_INSIGHTS, 1400, 1100);
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    /** The drawn cell of {@code sender}'s row in column {@code column}. */
    @SuppressWarnings("unchecked")
    private static TableCell<SenderRow, ?> drawn(FxRobot robot, String sender, int column) {
        TableView<SenderRow> t = robot.lookup("#senderTable").queryAs(TableView.class);
        Set<Node> cells = t.lookupAll(".table-cell");
        return cells.stream().map(n -> (TableCell<SenderRow, ?>) n)
                .filter(c -> c.getTableRow() != null && c.getTableRow().getItem() != null
                        && c.getTableRow().getItem().address().equals(sender) && c.getTableColumn() == t.getColumns().get(column))
                .findFirst().orElseThrow();
    }

    @Test
    void aSliderMoveRedrawsTheFlagsInTheCellsOnScreen(FxRobot robot) {
        waitUntil(() -> context.bulk().resultProperty().get() != null && context.bulk().totalProperty().get() == 6);
        // New threshold 9: the columns are "Newly allowed sender" and "Potential false negative".
        robot.interact(() -> context.bulk().newThresholdProperty().set(9));
        waitUntil(() -> context.bulk().resultProperty().get().params().newThreshold() == 9);
        WaitForAsyncUtils.waitForFxEvents();
        TableCell<SenderRow, ?> edge = drawn(robot, "edge@promo.example", 4);
        assertThat(edge.getText()).isEqualTo("False");
        assertThat(edge.getStyleClass()).doesNotContain("flag-true");
        assertThat(drawn(robot, "spam@deals.example", 4).getText()).isEqualTo("True");

        // Quality 50 -> 55: edge (quality 54) becomes a potential false negative, in the cell on screen.
        robot.interact(() -> context.bulk().qualityProperty().set(55));
        waitUntil(() -> context.bulk().resultProperty().get().params().quality() == 55);
        WaitForAsyncUtils.waitForFxEvents();
        TableCell<SenderRow, ?> after = drawn(robot, "edge@promo.example", 4);
        assertThat(after).as("the same cell, not a re-created one").isSameAs(edge);
        assertThat(after.getText()).isEqualTo("True");
        assertThat(after.getStyleClass()).contains("flag-true");
        assertThat(drawn(robot, "calm@news.example", 4).getText()).isEqualTo("False");
    }
}
