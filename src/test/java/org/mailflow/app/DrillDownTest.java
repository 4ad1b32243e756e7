package org.mailflow.app;

import org.mailflow.ui.View;

import org.mailflow.ui.Settings;

import org.mailflow.ui.I18n;

import org.mailflow.ui.FxTaskRunner;

import org.mailflow.ui.CacheSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.bulk.ui.SenderRow;
import org.mailflow.cache.Cache;
import org.mailflow.smtpauth.IpTotals;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.testing.Fixtures;
import org.mailflow.testing.SmtpFixtures;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drill-down (issue 14, items 3 and 11) driven with the mouse and keyboard at two window sizes and in
 * both languages: a click on a bar or a legend entry filters the page's table and shows a chip above
 * it; the chip's ✕ (a click) or Escape on the chip clears the filter. SMTP AUTH on
 * {@link SmtpFixtures} (7 days: contoso.example 4 senders, fabrikam.example 2), Bulk sender insights
 * on {@link Fixtures} (one table sender at BCL 8).
 */
@ExtendWith(ApplicationExtension.class)
class DrillDownTest {
    @TempDir
    static Path dir;

    private Stage stage;
    private Cache cache;
    private AppContext context;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void closeCache() {
        if (cache != null) {
            cache.close();
        }
    }

    private void open(FxRobot robot, boolean smtp, Locale language, double width, double height) throws Exception {
        Path here = Files.createTempDirectory(dir, "case");
        Path downloads = Files.createDirectories(here.resolve("Downloads"));
        cache = smtp ? SmtpFixtures.smallSmtpCache(here) : Fixtures.smallBulkCache(here);
        robot.interact(() -> {
            context = new AppContext(Settings.inMemory(), new I18n(language), FxTaskRunner.withDaemonThreads(), () -> downloads);
            context.sessionProperty().set(new CacheSession(cache, false));
            context.mainWindow();
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Parent root = context.load(smtp ? View.SMTP_AUTH : View.BULK_INSIGHTS);
            Scene scene = new Scene(root, width, height);
            scene.getStylesheets().add(MailflowApp.class.getResource(MailflowApp.STYLESHEET).toExternalForm());
            stage.setScene(scene);
            stage.sizeToScene();
            stage.show();
        });
    }

    /** Scrolls the page so that {@code node} is in the middle of the window, as a user would before clicking it. */
    private static void reveal(FxRobot robot, Node node) {
        robot.interact(() -> {
            for (Node n = node.getParent(); n != null; n = n.getParent()) {
                if (n instanceof ScrollPane pane && pane.getContent() != null) {
                    Bounds inContent = pane.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                    double range = pane.getContent().getBoundsInLocal().getHeight() - pane.getViewportBounds().getHeight();
                    if (range > 0) {
                        double top = inContent.getMinY() + inContent.getHeight() / 2 - pane.getViewportBounds().getHeight() / 2;
                        pane.setVvalue(Math.max(0, Math.min(1, top / range)));
                    }
                    pane.layout();
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static <T> TableView<T> table(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private static XYChart<String, Number> chart(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(XYChart.class);
    }

    private static Node bar(XYChart<String, Number> chart, String series, int index) {
        return chart.getData().stream().filter(s -> s.getName().equals(series)).findFirst().orElseThrow().getData().get(index).getNode();
    }

    private void clickABarFiltersTheSenderTableAndTheChipClearsIt(FxRobot robot, String domainChip, String dayChip) {
        waitUntil(() -> context.smtpAuth().chartsProperty().get() != null);
        XYChart<String, Number> volume = chart(robot, "#volumeChart");
        Node fabrikamOnTheLastDay = bar(volume, "fabrikam.example", 6); // the scanner's 4 messages on 12 Nov
        reveal(robot, fabrikamOnTheLastDay);
        robot.moveTo(fabrikamOnTheLastDay); // its tooltip: the series, the day and the count
        waitUntil(() -> robot.listWindows().stream().anyMatch(w -> w instanceof javafx.scene.control.Tooltip t && t.isShowing()
                && t.getText().startsWith("fabrikam.example\n") && t.getText().endsWith("\n4")));
        robot.clickOn(fabrikamOnTheLastDay);

        TableView<SenderTotals> senders = table(robot, "#senderTable");
        waitUntil(() -> senders.isVisible() && senders.getItems().size() == 1);
        assertThat(senders.getItems()).extracting(SenderTotals::domain).containsExactly("fabrikam.example");
        Button domain = robot.lookup("#seriesChip").queryAs(Button.class);
        Button day = robot.lookup("#periodChip").queryAs(Button.class);
        assertThat(domain.isVisible()).isTrue();
        assertThat(domain.getText()).isEqualTo(domainChip);
        assertThat(day.isVisible()).isTrue();
        assertThat(day.getText()).isEqualTo(dayChip);
        assertThat(((Label) domain.getGraphic()).getText()).isEqualTo("\u2715");
        assertThat(domain.getWidth()).isGreaterThanOrEqualTo(domain.prefWidth(-1) - 0.5); // not cut

        reveal(robot, day);
        robot.clickOn(day); // the ✕: back to the whole week, still fabrikam.example only
        waitUntil(() -> senders.getItems().size() == 2);
        assertThat(day.isVisible()).isFalse();
        assertThat(senders.getItems()).extracting(SenderTotals::domain).containsOnly("fabrikam.example");

        reveal(robot, domain);
        robot.clickOn(domain);
        waitUntil(() -> senders.getItems().size() == 6);
        assertThat(domain.isVisible()).isFalse();
        assertThat(robot.lookup("#drillChips").query().isVisible()).isFalse();
    }

    @Test
    void smtpAuthInEnglishAt1366x768(FxRobot robot) throws Exception {
        open(robot, true, Locale.ENGLISH, 1366, 768);
        clickABarFiltersTheSenderTableAndTheChipClearsIt(robot, "Domain: fabrikam.example", "Day: 12 Nov 2026");
    }

    @Test
    void smtpAuthInChineseAt1280x720(FxRobot robot) throws Exception {
        open(robot, true, I18n.ZH_TW, 1280, 720);
        clickABarFiltersTheSenderTableAndTheChipClearsIt(robot, "網域：fabrikam.example", "日期：" + new org.mailflow.model.DayWindow(
                SmtpFixtures.AS_OF, SmtpFixtures.AS_OF).label(I18n.ZH_TW));
    }

    @Test
    void aLegendEntryOfTheTlsChartFiltersToTheSendersOfThatVersionAndEscapeOnTheChipClearsIt(FxRobot robot) throws Exception {
        open(robot, true, Locale.ENGLISH, 1366, 768);
        waitUntil(() -> context.smtpAuth().chartsProperty().get() != null);
        robot.clickOn("#tlsPivot");
        waitUntil(() -> robot.lookup("#tlsChart").query().isVisible());
        Label legend = robot.lookup("#tlsChart .chart-legend-item").match(n -> ((Label) n).getText().equals("TLS1.1")).queryAs(Label.class);
        assertThat(legend.getGraphic().getStyleClass()).contains("mf-tls-tls1-1");
        reveal(robot, legend);
        robot.clickOn(legend);
        TableView<SenderTotals> senders = table(robot, "#senderTable");
        waitUntil(() -> senders.isVisible() && senders.getItems().size() == 1);
        assertThat(senders.getItems().get(0).domain()).isEqualTo("fabrikam.example"); // the scanner
        Button chip = robot.lookup("#seriesChip").queryAs(Button.class);
        assertThat(chip.getText()).isEqualTo("TLS version: TLS1.1");
        assertThat(robot.lookup("#periodChip").query().isVisible()).isFalse();
        robot.interact(chip::requestFocus);
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> senders.getItems().size() == 6);
        assertThat(chip.isVisible()).isFalse();
    }

    @Test
    void aClientIpsBarFiltersTheIpTableToItsDay(FxRobot robot) throws Exception {
        open(robot, true, Locale.ENGLISH, 1366, 768);
        waitUntil(() -> context.smtpAuth().chartsProperty().get() != null);
        robot.clickOn("#ipsPivot");
        XYChart<String, Number> ips = chart(robot, "#ipsChart");
        waitUntil(ips::isVisible);
        Node failures = bar(ips, "Failed authentications", 5); // 11 Nov: mallory's 25 failures, and others
        reveal(robot, failures);
        robot.clickOn(failures);
        TableView<IpTotals> table = table(robot, "#ipTable");
        waitUntil(() -> table.isVisible() && robot.lookup("#periodChip").query().isVisible());
        assertThat(table.getItems()).isNotEmpty().allMatch(ip -> ip.failures() > 0);
        assertThat(table.getItems().stream().mapToLong(IpTotals::failures).sum())
                .isEqualTo(context.smtpAuth().reportProperty().get().failuresPerBucket()[5]).isGreaterThanOrEqualTo(25);
        assertThat(robot.lookup("#seriesChip").queryAs(Button.class).getText()).isEqualTo("Client IPs: Failed authentications");
    }

    @Test
    void aBclBarListsTheSendersWithMessagesAtThatLevelUntilItsChipIsClosed(FxRobot robot) throws Exception {
        open(robot, false, Locale.ENGLISH, 1366, 768);
        TableView<SenderRow> senders = table(robot, "#senderTable");
        waitUntil(() -> senders.getItems().size() == 6 && context.bulk().resultProperty().get() != null);
        robot.interact(() -> ((javafx.scene.control.TitledPane) robot.lookup("#bclSection").query()).setExpanded(true)); // folded at first
        XYChart<String, Number> bcl = chart(robot, "#bclChart");
        waitUntil(() -> bcl.getData().get(0).getData().get(0).getNode() != null && bcl.getData().get(0).getData().get(0).getNode().isVisible());
        Node identifiedAt8 = bcl.getData().get(1).getData().get(7).getNode();
        reveal(robot, identifiedAt8);
        robot.clickOn(identifiedAt8);
        waitUntil(() -> senders.getItems().size() == 1);
        assertThat(senders.getItems()).extracting(SenderRow::address).containsExactly("spam@deals.example");
        Button chip = robot.lookup("#bclChip").queryAs(Button.class);
        assertThat(chip.isVisible()).isTrue();
        assertThat(chip.getText()).isEqualTo("BCL: 8");
        assertThat(context.bulk().countTextProperty().get()).isEqualTo("1 of 6 senders");
        reveal(robot, chip);
        robot.clickOn(chip);
        waitUntil(() -> senders.getItems().size() == 6);
        assertThat(chip.isVisible()).isFalse();
    }

    @Test
    void aBclBarInChineseAt1280x720(FxRobot robot) throws Exception {
        open(robot, false, I18n.ZH_TW, 1280, 720);
        TableView<SenderRow> senders = table(robot, "#senderTable");
        waitUntil(() -> senders.getItems().size() == 6 && context.bulk().resultProperty().get() != null);
        robot.interact(() -> ((javafx.scene.control.TitledPane) robot.lookup("#bclSection").query()).setExpanded(true)); // folded at first
        XYChart<String, Number> bcl = chart(robot, "#bclChart");
        waitUntil(() -> bcl.getData().get(0).getData().get(0).getNode() != null && bcl.getData().get(0).getData().get(0).getNode().isVisible());
        Node deliveredAt5 = bcl.getData().get(0).getData().get(4).getNode();
        reveal(robot, deliveredAt5);
        robot.clickOn(deliveredAt5);
        waitUntil(() -> senders.getItems().size() == 1);
        assertThat(senders.getItems()).extracting(SenderRow::address).containsExactly("mid@shop.example");
        Button chip = robot.lookup("#bclChip").queryAs(Button.class);
        assertThat(chip.getText()).isEqualTo("BCL：5");
        robot.interact(chip::requestFocus);
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> senders.getItems().size() == 6);
    }
}
