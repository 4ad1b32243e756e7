package org.mailflow.bulk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
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

/**
 * The Bulk sender insights page, driven as a user drives it, on the hand-made cache of
 * {@link Fixtures} (C = 7: delivered 190, identified 75; six table senders).
 */
@ExtendWith(ApplicationExtension.class)
class BulkInsightsPageTest {
    @TempDir
    static Path dir;

    private Cache cache;
    private AppContext context;
    private Path downloads;

    @Start
    void start(Stage stage) throws Exception {
        Path here = Files.createTempDirectory(dir, "case");
        downloads = Files.createDirectories(here.resolve("Downloads"));
        cache = Fixtures.smallBulkCache(here);
        context = UiFixture.context(cache, downloads, false);
        UiFixture.show(stage, context, View.BULK_INSIGHTS, 1400, 1100);
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    private void waitForData(FxRobot robot) {
        waitUntil(() -> table(robot).getItems().size() == 6 && context.bulk().resultProperty().get() != null);
    }

    @SuppressWarnings("unchecked")
    private static TableView<SenderRow> table(FxRobot robot) {
        return robot.lookup("#senderTable").queryAs(TableView.class);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static List<String> flagHeaders(FxRobot robot) {
        TableView<SenderRow> t = table(robot);
        return List.of(t.getColumns().get(3).getText(), t.getColumns().get(4).getText());
    }

    private static String cell(FxRobot robot, String sender, int column) {
        TableView<SenderRow> t = table(robot);
        SenderRow row = t.getItems().stream().filter(r -> r.address().equals(sender)).findFirst().orElseThrow();
        TableColumn<SenderRow, ?> c = t.getColumns().get(column);
        Object v = c.getCellData(row);
        return v instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(v);
    }

    /** Opens the filter drop-down and clicks an entry of its list (not the column header of the same name). */
    private static void chooseFilter(FxRobot robot, String entry) {
        robot.clickOn("#filterCombo");
        Node cell = robot.lookup(".combo-box-popup .list-cell").match(n -> n instanceof javafx.scene.control.Labeled l
                && entry.equals(l.getText())).query();
        robot.clickOn(cell);
    }

    /** Drags the thumb of {@code slider} by whole steps of its range. */
    private static void dragThumb(FxRobot robot, String sliderId, double steps) {
        Slider slider = robot.lookup(sliderId).queryAs(Slider.class);
        Node thumb = slider.lookup(".thumb");
        Node track = slider.lookup(".track");
        Bounds b = track.getBoundsInLocal();
        double perStep = b.getWidth() / (slider.getMax() - slider.getMin());
        robot.drag(thumb, MouseButton.PRIMARY).moveBy(steps * perStep, 0).release(MouseButton.PRIMARY);
    }

    @Test
    void opensOnDefaultPolicyWithTheBclTableAndTotals(FxRobot robot) {
        waitForData(robot);
        assertThat(robot.lookup("#policyCombo").queryAs(ComboBox.class).getValue()).isEqualTo(org.mailflow.bulk.Policy.DEFAULT);
        assertThat(text(robot, "#currentValue")).isEqualTo("7");
        assertThat(text(robot, "#deliveredCurrentLabel")).isEqualTo("190");
        assertThat(text(robot, "#identifiedCurrentLabel")).isEqualTo("75");
        assertThat(flagHeaders(robot)).containsExactly("Potential false positive", "Potential false negative");
        assertThat(text(robot, "#countLabel")).isEqualTo("6 of 6 senders");
        assertThat(table(robot).getItems()).extracting(SenderRow::address).containsExactly("allowed@trusted.example",
                "spam@deals.example", "edge@promo.example", "six@shop.example", "mid@shop.example", "calm@news.example");
        assertThat(cell(robot, "edge@promo.example", 3)).isEqualTo("True");
        assertThat(cell(robot, "mid@shop.example", 4)).isEqualTo("True");
        assertThat(text(robot, "#windowLabel")).isEqualTo("14 Sep – 12 Nov 2026 · data from 24 Sep");
    }

    @Test
    void draggingNewThresholdBelowCurrentMarksNewlyBlockedSenders(FxRobot robot) {
        waitForData(robot);
        dragThumb(robot, "#newSlider", -2);
        waitUntil(() -> context.bulk().resultProperty().get().params().newThreshold() == 5);

        assertThat(text(robot, "#newValue")).isEqualTo("5");
        assertThat(flagHeaders(robot)).containsExactly("Newly blocked sender", "Potential false positive");
        assertThat(text(robot, "#deliveredNewLabel")).isEqualTo("100");
        assertThat(text(robot, "#identifiedNewLabel")).isEqualTo("165");
        assertThat(text(robot, "#deliveredDiffLabel")).isEqualTo("\u221290");
        assertThat(text(robot, "#identifiedDiffLabel")).isEqualTo("+90");
        assertThat(cell(robot, "mid@shop.example", 3)).isEqualTo("True");
        assertThat(cell(robot, "six@shop.example", 3)).isEqualTo("True");
        assertThat(cell(robot, "calm@news.example", 3)).isEqualTo("False");
        assertThat(cell(robot, "six@shop.example", 4)).isEqualTo("True");
        // the chart follows: BCL 5 is identified at the new threshold, not at the current one
        @SuppressWarnings("unchecked")
        BarChart<String, Number> chart = robot.lookup("#bclChart").queryAs(BarChart.class);
        XYChart.Series<String, Number> identifiedNew = chart.getData().get(3);
        XYChart.Series<String, Number> identifiedCurrent = chart.getData().get(1);
        assertThat(identifiedNew.getData().get(4).getYValue().longValue()).isEqualTo(50);
        assertThat(identifiedCurrent.getData().get(4).getYValue().longValue()).isZero();

        robot.clickOn("#resetButton");
        waitUntil(() -> context.bulk().resultProperty().get().params().newThreshold() == 7);
        assertThat(flagHeaders(robot)).containsExactly("Potential false positive", "Potential false negative");
    }

    @Test
    void raisingNewThresholdAndQualityShowsNewlyAllowedAndFalseNegatives(FxRobot robot) {
        waitForData(robot);
        dragThumb(robot, "#newSlider", 2);
        waitUntil(() -> context.bulk().resultProperty().get().params().newThreshold() == 9);
        assertThat(flagHeaders(robot)).containsExactly("Newly allowed sender", "Potential false negative");
        assertThat(cell(robot, "spam@deals.example", 3)).isEqualTo("True");
        assertThat(cell(robot, "spam@deals.example", 4)).isEqualTo("True");
        assertThat(cell(robot, "edge@promo.example", 4)).isEqualTo("False");

        // Quality 50 → 55: edge (54) and six (54) become potential false negatives.
        Slider quality = robot.lookup("#qualitySlider").queryAs(Slider.class);
        robot.interact(quality::requestFocus);
        int before = context.bulk().qualityProperty().get();
        for (int i = before; i < 55; i++) {
            robot.type(KeyCode.RIGHT);
        }
        for (int i = before; i > 55; i--) {
            robot.type(KeyCode.LEFT);
        }
        waitUntil(() -> context.bulk().resultProperty().get().params().quality() == 55);
        assertThat(text(robot, "#qualityValue")).isEqualTo("55");
        assertThat(cell(robot, "edge@promo.example", 4)).isEqualTo("True");
        assertThat(cell(robot, "six@shop.example", 4)).isEqualTo("True");
    }

    @Test
    void searchAndFilterNarrowTheSenders(FxRobot robot) {
        waitForData(robot);
        robot.clickOn("#searchField").write("SHOP");
        waitUntil(() -> table(robot).getItems().size() == 2);
        assertThat(text(robot, "#countLabel")).isEqualTo("2 of 6 senders");
        assertThat(table(robot).getItems()).extracting(SenderRow::address).containsExactly("six@shop.example", "mid@shop.example");

        robot.clickOn("#clearSearchButton");
        waitUntil(() -> table(robot).getItems().size() == 6);
        chooseFilter(robot, "Potential false positive");
        waitUntil(() -> table(robot).getItems().size() == 2);
        assertThat(table(robot).getItems()).extracting(SenderRow::address).containsExactly("allowed@trusted.example",
                "edge@promo.example");
        assertThat(text(robot, "#countLabel")).isEqualTo("2 of 6 senders");
    }

    @Test
    void clickingASenderOpensThePanelWithItsFields(FxRobot robot) {
        waitForData(robot);
        assertThat(robot.lookup("#panelRoot").tryQuery().map(javafx.scene.Node::isVisible).orElse(false)).isFalse();
        robot.clickOn("spam@deals.example");
        waitUntil(() -> robot.lookup("#panelRoot").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        assertThat(text(robot, "#senderTitle")).isEqualTo("spam@deals.example");
        assertThat(text(robot, "#field-messages")).isEqualTo("60");
        assertThat(text(robot, "#field-messages-in-inbox")).isEqualTo("0");
        assertThat(text(robot, "#field-messages-in-quarantine-or-junk")).isEqualTo("60");
        assertThat(text(robot, "#field-user-blocked")).isEqualTo("40");
        assertThat(text(robot, "#field-admin-setting")).isEqualTo("None");
        assertThat(text(robot, "#field-sender-quality")).isEqualTo("12");
        assertThat(text(robot, "#breakdownLabel")).contains("Active weeks: 2 of 9").contains("rounded: 12");

        robot.clickOn("allowed@trusted.example");
        waitUntil(() -> text(robot, "#senderTitle").equals("allowed@trusted.example"));
        assertThat(text(robot, "#field-admin-setting")).isEqualTo("Allow");
        assertThat(text(robot, "#field-sender-quality")).isEqualTo("100");

        robot.clickOn("#closeButton");
        waitUntil(() -> !robot.lookup("#panelRoot").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
    }

    @Test
    void exportWritesTheRowsAsShownAndNeverOverwrites(FxRobot robot) throws Exception {
        waitForData(robot);
        dragThumb(robot, "#newSlider", -2);
        waitUntil(() -> context.bulk().resultProperty().get().params().newThreshold() == 5);
        chooseFilter(robot, "Newly blocked sender");
        waitUntil(() -> table(robot).getItems().size() == 2);

        robot.clickOn("#exportButton");
        Path first = downloads.resolve("Bulk sender insights.csv");
        waitUntil(() -> Files.exists(first) && text(robot, "#exportStatus").contains("Bulk sender insights.csv"));
        assertThat(Files.readString(first, StandardCharsets.UTF_8)).isEqualTo(
                "Sender,BCL,Sender quality,Newly blocked sender,Potential false positive\r\n"
                        + "six@shop.example,6,54,True,True\r\n"
                        + "mid@shop.example,5,14,True,False\r\n");

        robot.clickOn("#exportButton");
        Path second = downloads.resolve("Bulk sender insights (1).csv");
        waitUntil(() -> Files.exists(second));
        assertThat(Files.readString(second, StandardCharsets.UTF_8)).isEqualTo(Files.readString(first, StandardCharsets.UTF_8));

        robot.clickOn((javafx.scene.Node) robot.lookup("#bclSection .title").query()); // the BCL section opens (folded at first)
        waitUntil(() -> robot.lookup("#exportBclButton").query().isVisible());
        robot.clickOn("#exportBclButton");
        Path bcl = downloads.resolve("Bulk complaint levels.csv");
        waitUntil(() -> Files.exists(bcl));
        assertThat(Files.readAllLines(bcl)).contains("5,50,50,0,0,50", "3,100,100,0,100,0");
    }

    @Test
    void applyingANewThresholdSavesTheCustomPolicyAndShowsThePowerShellLine(FxRobot robot) throws Exception {
        waitForData(robot);
        assertThat(robot.lookup("#applyButton").queryAs(javafx.scene.control.Button.class).isDisabled()).isTrue();
        robot.clickOn("#policyCombo").clickOn("Marketing (8)");
        waitUntil(() -> text(robot, "#currentValue").equals("8") && text(robot, "#newValue").equals("8"));
        assertThat(robot.lookup("#applyButton").queryAs(javafx.scene.control.Button.class).isDisabled()).isTrue();
        dragThumb(robot, "#newSlider", -2);
        waitUntil(() -> !robot.lookup("#applyButton").queryAs(javafx.scene.control.Button.class).isDisabled());
        robot.clickOn("#applyButton");
        waitUntil(() -> robot.lookup("#powerShellField").tryQuery().isPresent());
        assertThat(robot.lookup("#powerShellField").queryAs(javafx.scene.control.TextInputControl.class).getText())
                .isEqualTo("Set-HostedContentFilterPolicy -Identity \"Marketing\" -BulkThreshold 6");
        robot.clickOn("#copyCommandButton");
        assertThat(robot.lookup("#copyCommandButton").queryAs(javafx.scene.control.Button.class).getText()).isEqualTo("Copied");
        assertThat(new org.mailflow.cache.PolicyStore(cache).find("Marketing")).contains(org.mailflow.bulk.Policy.custom("Marketing", 6));
        robot.clickOn("Close");
        assertThat(text(robot, "#currentValue")).isEqualTo("6");
        assertThat(flagHeaders(robot)).containsExactly("Potential false positive", "Potential false negative");
    }

    @Test
    void builtInPoliciesCannotBeApplied(FxRobot robot) {
        waitForData(robot);
        dragThumb(robot, "#newSlider", -1);
        waitUntil(() -> context.bulk().resultProperty().get().params().newThreshold() == 6);
        assertThat(robot.lookup("#applyButton").queryAs(javafx.scene.control.Button.class).isDisabled()).isTrue();
    }

    @Test
    void compactToggleTightensTheSenderRows(FxRobot robot) {
        waitForData(robot);
        assertThat(table(robot).getStyleClass()).doesNotContain("dense");
        robot.clickOn("#compactToggle");
        assertThat(table(robot).getStyleClass()).contains("dense");
        robot.clickOn("#compactToggle");
        assertThat(table(robot).getStyleClass()).doesNotContain("dense");
    }

    /** The senders of the table, in its order, whose flag in {@code column} is True. */
    private static List<String> flagged(FxRobot robot, int column) {
        TableView<SenderRow> t = table(robot);
        return t.getItems().stream().filter(r -> Boolean.TRUE.equals(t.getColumns().get(column).getCellData(r)))
                .map(SenderRow::address).toList();
    }

    /** True when the rows flagged in {@code column} sit together at the end of the table: it is sorted by that flag. */
    private static boolean flaggedAtTheEnd(FxRobot robot, int column) {
        TableView<SenderRow> t = table(robot);
        List<String> all = t.getItems().stream().map(SenderRow::address).toList();
        List<String> flagged = flagged(robot, column);
        return all.subList(all.size() - flagged.size(), all.size()).equals(flagged);
    }

    @Test
    void sortingByAFlagColumnFollowsTheSliders(FxRobot robot) {
        waitForData(robot);
        robot.clickOn("Potential false negative"); // the column's header: ascending, False first
        waitUntil(() -> table(robot).getSortOrder().size() == 1);
        assertThat(table(robot).getSortOrder().get(0).getText()).isEqualTo("Potential false negative");
        assertThat(flagged(robot, 4)).containsExactly("mid@shop.example");
        waitUntil(() -> flaggedAtTheEnd(robot, 4));
        int sixBefore = table(robot).getItems().stream().map(SenderRow::address).toList().indexOf("six@shop.example");
        assertThat(sixBefore).isLessThan(4); // not yet among the last two

        // Quality 50 → 55 with the slider: more senders become potential false negatives, and the sorted
        // table moves them to the end with mid, without another click on the header
        Slider quality = robot.lookup("#qualitySlider").queryAs(Slider.class);
        robot.interact(quality::requestFocus);
        int before = context.bulk().qualityProperty().get();
        for (int i = before; i < 55; i++) {
            robot.type(KeyCode.RIGHT);
        }
        waitUntil(() -> context.bulk().resultProperty().get().params().quality() == 55);
        waitUntil(() -> flagged(robot, 4).size() == 2 && flaggedAtTheEnd(robot, 4));
        assertThat(flagged(robot, 4)).containsExactlyInAnyOrder("six@shop.example", "mid@shop.example");
        assertThat(table(robot).getSortOrder()).extracting(TableColumn::getText).containsExactly("Potential false negative");
    }
}
