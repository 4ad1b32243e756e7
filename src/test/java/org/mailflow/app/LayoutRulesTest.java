package org.mailflow.app;

import org.mailflow.ui.View;

import org.mailflow.ui.Settings;

import org.mailflow.ui.I18n;

import org.mailflow.ui.FxTaskRunner;

import org.mailflow.ui.CacheSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailflow.cache.Cache;
import org.mailflow.demo.DemoGenerator;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 14, items 1 and 11: the layout rules, on the demo data, at 1366 × 768 and 1920 × 1080, in
 * English and Traditional Chinese. Every page is opened in the real main window and checked: no
 * label in the totals, page headers, card titles, controls and side panels is cut (the text the
 * skin draws is the label's whole text, with no ellipsis), no visible table column header is cut,
 * nothing of the window lies outside it, and on Bulk sender insights the sliders, the totals and at
 * least ten whole sender rows are on screen together, without scrolling the page.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutRulesTest {
    @TempDir
    static Path dir;

    private static Path demo;
    private Cache cache;
    private Stage stage;
    private AppContext context;

    @BeforeAll
    static void demoCache() throws Exception {
        demo = dir.resolve("demo.db");
        try (Cache c = Cache.open(demo)) {
            new DemoGenerator(42, DemoGenerator.Scale.SMALL).fill(c);
        }
    }

    @AfterEach
    void closeCache() {
        if (cache != null) {
            cache.close();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    static Stream<Arguments> sizesAndLanguages() {
        return Stream.of(Arguments.of(1366, 768, "en"), Arguments.of(1366, 768, "zh-TW"),
                Arguments.of(1920, 1080, "en"), Arguments.of(1920, 1080, "zh-TW"));
    }

    private void open(FxRobot robot, int width, int height, String language) {
        try {
            cache = Cache.open(demo);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        robot.interact(() -> {
            context = new AppContext(Settings.inMemory(), new I18n(Locale.forLanguageTag(language)), FxTaskRunner.withDaemonThreads(),
                    () -> dir);
            context.sessionProperty().set(new CacheSession(cache, true));
            context.mainWindow();
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Parent root = context.load(View.MAIN_WINDOW);
            Scene scene = new Scene(root, width, height);
            scene.getStylesheets().add(MailflowApp.class.getResource(MailflowApp.STYLESHEET).toExternalForm());
            stage.setScene(scene);
            stage.sizeToScene();
            stage.show();
        });
    }

    @ParameterizedTest(name = "{0}x{1} {2}")
    @MethodSource("sizesAndLanguages")
    void everyPageShowsItsTextWholeAndBulkShowsTenRowsWithTheSliders(int width, int height, String language, FxRobot robot) {
        open(robot, width, height, language);

        robot.clickOn("#navDashboard");
        waitUntil(() -> !text(robot, "#bulkMessages").isEmpty() && !text(robot, "#smtpSenders").isEmpty());
        assertPageIsWhole(robot, "dashboard");

        robot.clickOn("#navSmtpAuth");
        waitUntil(() -> robot.lookup("#messagesLabel").tryQuery().map(Node::isVisible).orElse(false)
                && !text(robot, "#messagesLabel").isEmpty() && !text(robot, "#messagesLabel").equals("0"));
        assertPageIsWhole(robot, "SMTP AUTH report");
        robot.clickOn("#tlsPivot");
        waitUntil(() -> robot.lookup("#tlsChart").query().isVisible());
        assertPageIsWhole(robot, "SMTP AUTH TLS pivot");
        robot.clickOn("#viewSwitch");
        waitUntil(() -> robot.lookup("#tableCard").query().isVisible());
        assertPageIsWhole(robot, "SMTP AUTH TLS table");
        assertLeadingColumnsStayWhileTheRestScrolls(robot);
        robot.interact(() -> robot.lookup("#senderTable").queryAs(TableView.class).getSelectionModel().select(0));
        waitUntil(() -> robot.lookup("#smtpPanel").tryQuery().map(Node::isVisible).orElse(false));
        assertPageIsWhole(robot, "SMTP AUTH TLS table with the sender panel");
        robot.clickOn("#closeButton");
        robot.clickOn("#volumePivot");
        waitUntil(() -> robot.lookup("#volumeChart").query().isVisible() || robot.lookup("#tableCard").query().isVisible());
        robot.interact(() -> { });

        robot.clickOn("#navBulk");
        waitUntil(() -> robot.lookup("#senderTable").tryQuery().isPresent()
                && robot.lookup("#senderTable").queryAs(TableView.class).getItems().size() >= 10
                && !text(robot, "#deliveredCurrentLabel").equals("0"));
        assertPageIsWhole(robot, "Bulk sender insights");
        assertTenRowsWithTheSliders(robot);
        robot.interact(() -> robot.lookup("#senderTable").queryAs(TableView.class).getSelectionModel().select(0));
        waitUntil(() -> robot.lookup("#panelRoot").tryQuery().map(Node::isVisible).orElse(false));
        assertPageIsWhole(robot, "Bulk sender insights with the sender panel");
        assertTenRowsWithTheSliders(robot);

        robot.clickOn("#navPolicies");
        waitUntil(() -> robot.lookup("#policyTable").tryQuery().map(Node::isVisible).orElse(false));
        assertPageIsWhole(robot, "Policies");
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().filter(n -> n instanceof Labeled).map(n -> ((Labeled) n).getText())
                .map(t -> t == null ? "" : t).orElse("");
    }

    /** The labels that must never be cut, and every visible column header, on the page shown now. */
    private void assertPageIsWhole(FxRobot robot, String page) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> stage.getScene().getRoot().layout());
        WaitForAsyncUtils.waitForFxEvents();
        List<String> cut = new ArrayList<>();
        robot.interact(() -> {
            for (String area : List.of(".page-title", ".tile", ".card-title", ".section-title", ".controls", ".sender-panel",
                    ".flyout", ".card-figure", ".status-bar", ".nav", ".page .button")) {
                for (Node n : robot.lookup(area).queryAll()) {
                    for (Labeled l : labeledsIn(n)) {
                        if (shown(l) && truncated(l)) {
                            cut.add(area + " \"" + l.getText() + "\" drawn as \"" + drawn(l) + "\"");
                        }
                    }
                }
            }
            for (Node n : robot.lookup(".column-header .label").queryAll()) {
                if (n instanceof Labeled l && shown(l) && truncated(l)) {
                    cut.add("column header \"" + l.getText() + "\" drawn as \"" + drawn(l) + "\"");
                }
            }
            Bounds window = new javafx.geometry.BoundingBox(0, 0, stage.getScene().getWidth(), stage.getScene().getHeight());
            Node status = robot.lookup(".status-bar").query();
            assertThat(window.contains(status.localToScene(status.getLayoutBounds())))
                    .as("the status bar lies inside the window").isTrue();
        });
        assertThat(cut).as("cut text on " + page).isEmpty();
    }

    private static List<Labeled> labeledsIn(Node n) {
        List<Labeled> out = new ArrayList<>();
        if (n instanceof Labeled l) {
            out.add(l);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                out.addAll(labeledsIn(c));
            }
        }
        return out;
    }

    /** Visible all the way up and laid out. */
    private static boolean shown(Node n) {
        if (n.getScene() == null || n.getLayoutBounds().getWidth() <= 0) {
            return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The text the skin draws: the label's LabeledText child. */
    private static String drawn(Labeled l) {
        for (Node c : l.getChildrenUnmodifiable()) {
            if (c instanceof Text t && c.getStyleClass().contains("text")) {
                return t.getText();
            }
        }
        return null;
    }

    /**
     * Cut when the skin draws something else than the text (it puts an ellipsis in place of what
     * does not fit, JavaFX 21 has no {@code isTextTruncated}), or when the drawn text is wider than
     * the label (a clipped label without ellipsis).
     */
    static boolean truncated(Labeled l) {
        String text = l.getText();
        if (text == null || text.isEmpty()) {
            return false;
        }
        String shown = drawn(l);
        if (shown == null) {
            return false; // a graphic-only label
        }
        if (!shown.equals(text)) {
            return true;
        }
        Node textNode = l.getChildrenUnmodifiable().stream().filter(c -> c instanceof Text).findFirst().orElseThrow();
        return !l.isWrapText() && textNode.getLayoutBounds().getWidth() > l.getWidth() + 0.5;
    }

    /**
     * The TLS table either shows all its columns or scrolls sideways; scrolled to its end, the
     * flags and sender columns' headers and cells are where they were.
     */
    private void assertLeadingColumnsStayWhileTheRestScrolls(FxRobot robot) {
        TableView<?> table = robot.lookup("#senderTable").queryAs(TableView.class);
        javafx.scene.control.ScrollBar bar = table.lookupAll(".scroll-bar").stream()
                .filter(n -> n instanceof javafx.scene.control.ScrollBar s && s.getOrientation() == javafx.geometry.Orientation.HORIZONTAL)
                .map(n -> (javafx.scene.control.ScrollBar) n).findFirst().orElseThrow();
        if (!bar.isVisible()) {
            return; // every column fits
        }
        Node senderHeader = robot.lookup(".column-header").match(n -> n instanceof javafx.scene.control.skin.TableColumnHeader h
                && h.getTableColumn() != null && "senderColumn".equals(h.getTableColumn().getId())).query();
        double x = senderHeader.localToScene(senderHeader.getLayoutBounds()).getMinX();
        robot.interact(() -> bar.setValue(bar.getMax()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            assertThat(senderHeader.localToScene(senderHeader.getLayoutBounds()).getMinX()).as("the sender header stays")
                    .isCloseTo(x, org.assertj.core.data.Offset.offset(1.0));
            for (Node n : table.lookupAll(".table-cell")) {
                if (n instanceof javafx.scene.control.TableCell<?, ?> cell && cell.getTableColumn() == table.getVisibleLeafColumn(1)
                        && cell.getTableRow() != null && cell.getTableRow().getItem() != null) {
                    assertThat(cell.localToScene(cell.getLayoutBounds()).getMinX()).as("a sender cell stays")
                            .isCloseTo(x, org.assertj.core.data.Offset.offset(1.0));
                }
            }
            bar.setValue(0);
        });
    }

    private void assertTenRowsWithTheSliders(FxRobot robot) {
        robot.interact(() -> {
            ScrollPane page = robot.lookup("#pageScroll").queryAs(ScrollPane.class);
            Bounds viewport = page.localToScene(page.getLayoutBounds());
            assertThat(page.getVvalue()).as("the page is not scrolled").isZero();
            for (String slider : List.of("#currentSlider", "#newSlider", "#qualitySlider")) {
                Slider s = robot.lookup(slider).queryAs(Slider.class);
                assertThat(viewport.contains(s.localToScene(s.getLayoutBounds()))).as(slider + " on screen").isTrue();
            }
            for (String total : List.of("#deliveredCurrentLabel", "#identifiedCurrentLabel", "#deliveredNewLabel", "#identifiedNewLabel")) {
                Node n = robot.lookup(total).query();
                assertThat(viewport.contains(n.localToScene(n.getLayoutBounds()))).as(total + " on screen").isTrue();
            }
            TableView<?> table = robot.lookup("#senderTable").queryAs(TableView.class);
            Node flow = table.lookup(".clipped-container");
            Bounds rowsArea = flow.localToScene(flow.getLayoutBounds());
            int whole = 0;
            for (Node n : table.lookupAll(".table-row-cell")) {
                if (n instanceof TableRow<?> row && row.isVisible() && row.getItem() != null) {
                    Bounds b = row.localToScene(row.getLayoutBounds());
                    if (b.getMinY() >= rowsArea.getMinY() - 0.5 && b.getMaxY() <= rowsArea.getMaxY() + 0.5
                            && b.getMinY() >= viewport.getMinY() - 0.5 && b.getMaxY() <= viewport.getMaxY() + 0.5) {
                        whole++;
                    }
                }
            }
            assertThat(whole).as("whole sender rows on screen with the sliders").isGreaterThanOrEqualTo(10);
        });
    }
}
