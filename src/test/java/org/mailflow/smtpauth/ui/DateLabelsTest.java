package org.mailflow.smtpauth.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.app.AppContext;
import org.mailflow.ui.View;
import org.mailflow.cache.Cache;
import org.mailflow.testing.SmtpFixtures;
import org.mailflow.testing.UiFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The date labels of the report's chart never clip or overlap at 1280 px wide: 7 daily bars, 90
 * daily bars (fewer labels shown) and a year of weekly bars (turned on their side when they do not
 * fit flat, and thinned when even then they would overlap: JavaFX's category axis); and the count
 * axis ticks at whole numbers only.
 */
@ExtendWith(ApplicationExtension.class)
class DateLabelsTest {
    @TempDir
    static Path dir;
    private Cache cache;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        Path here = Files.createTempDirectory(dir, "case");
        cache = SmtpFixtures.smallSmtpCache(here);
        context = UiFixture.context(cache, Files.createDirectories(here.resolve("Downloads")), false);
        UiFixture.show(stage, context, View.SMTP_AUTH, 1280, 720);
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    /** The axis's shown tick labels, left to right (a bar without a label has zero-width spaces). */
    private static List<Bounds> shownLabels(CategoryAxis axis) {
        return axis.getChildrenUnmodifiable().stream().filter(n -> n instanceof Text t && t.isVisible() && !t.getText().replace("\u200B", "").isBlank())
                .map(n -> n.localToScene(n.getBoundsInLocal())).sorted(Comparator.comparingDouble(Bounds::getMinX)).toList();
    }

    private void checkLabels(FxRobot robot, int bars) {
        waitUntil(() -> context.smtpAuth().chartsProperty().get() != null
                && context.smtpAuth().chartsProperty().get().volume().bars().size() == bars);
        @SuppressWarnings("unchecked")
        XYChart<String, Number> chart = robot.lookup("#volumeChart").queryAs(XYChart.class);
        CategoryAxis axis = (CategoryAxis) chart.getXAxis();
        waitUntil(() -> axis.getCategories().size() == bars && !shownLabels(axis).isEmpty());
        robot.interact(() -> { });
        List<Bounds> labels = shownLabels(axis);
        Bounds chartBounds = chart.localToScene(chart.getBoundsInLocal());
        assertThat(labels).isNotEmpty();
        for (int k = 0; k < labels.size(); k++) {
            Bounds b = labels.get(k);
            assertThat(b.getMinX()).as("label %d inside the chart", k).isGreaterThanOrEqualTo(chartBounds.getMinX() - 0.5);
            assertThat(b.getMaxX()).as("label %d inside the chart", k).isLessThanOrEqualTo(chartBounds.getMaxX() + 0.5);
            assertThat(b.getMaxY()).as("label %d inside the chart", k).isLessThanOrEqualTo(chartBounds.getMaxY() + 0.5);
            if (k > 0) {
                assertThat(b.getMinX()).as("label %d clear of the one before", k).isGreaterThanOrEqualTo(labels.get(k - 1).getMaxX());
            }
        }
        if (bars >= 90) {
            assertThat(labels.size()).as("90 bars: fewer labels than bars").isLessThan(bars);
        }
        Node valueAxis = chart.getYAxis();
        assertThat(valueAxis.lookupAll("Text").stream().map(n -> ((Text) n).getText()).filter(t -> !t.isEmpty()))
                .allSatisfy(t -> assertThat(t).matches("[0-9,]+"));
    }

    @Test
    void sevenNinetyAndAYearOfWeeklyBarsHaveLabelsThatFitAtTheirWidth(FxRobot robot) {
        checkLabels(robot, 7);
        robot.interact(() -> context.smtpAuth().quickPick(90));
        checkLabels(robot, 90);
        robot.interact(() -> context.smtpAuth().fromProperty().set(context.smtpAuth().toProperty().get().minusDays(364)));
        checkLabels(robot, 53);
    }
}
