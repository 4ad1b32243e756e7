package org.mailflow.app;

import org.mailflow.ui.View;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.DatePicker;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.testing.Fixtures;
import org.mailflow.testing.SmtpFixtures;
import org.mailflow.testing.UiFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The main window on a cache with both reports' data ({@link Fixtures} and {@link SmtpFixtures}): the
 * SMTP AUTH card, its flyout, the status bar and File ▸ Prune….
 */
@ExtendWith(ApplicationExtension.class)
class DashboardSmtpCardTest {
    @TempDir
    static Path dir;

    private Cache cache;
    private AppContext context;
    private Path here;

    @Start
    void start(Stage stage) throws Exception {
        here = Files.createTempDirectory(dir, "case");
        cache = Fixtures.smallBulkCache(here);
        SmtpFixtures.write(cache);
        context = UiFixture.context(cache, here, false);
        UiFixture.show(stage, context, View.MAIN_WINDOW, 1400, 900);
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(javafx.scene.control.Labeled.class).getText();
    }

    /**
     * Card, flyout and report over the same 7 days agree: 6 senders, 5 of them on Basic (all but bob, on
     * XOAUTH2), 400 Basic and 2 OAuth messages, and 6 with unusual activity — alice and quiet only because
     * basic-auth is a flag (SPEC 2.5), bob as a new sender.
     */
    @Test
    void theCardCountsTheWeeksSendersAndItsFlyoutShowsTlsAndVolume(FxRobot robot) {
        waitUntil(() -> !text(robot, "#smtpSenders").isEmpty());
        assertThat(text(robot, "#smtpSenders")).isEqualTo("6");
        assertThat(text(robot, "#smtpLegacy")).isEqualTo("2 of them (33%) used legacy TLS: TLS 1.0, TLS 1.1 or none");
        assertThat(text(robot, "#smtpBasic")).isEqualTo("5 on Basic auth");
        assertThat(robot.lookup("#smtpBasic").queryAs(javafx.scene.control.Label.class).getTooltip().getText())
                .contains("Microsoft is switching off Basic authentication for SMTP AUTH in Exchange Online");
        waitUntil(() -> text(robot, "#smtpUnusual").endsWith("with unusual activity"));
        assertThat(text(robot, "#smtpUnusual")).isEqualTo("6 with unusual activity");
        assertThat(text(robot, "#smtpWindow")).isEqualTo("6 Nov – 12 Nov 2026");
        assertThat(robot.lookup("#smtpFlyout").query().isVisible()).isFalse();
        robot.clickOn("#smtpSenders");
        waitUntil(() -> robot.lookup("#smtpFlyout").query().isVisible());
        assertThat(text(robot, "#flyout-tls-TLS1_2")).isEqualTo("94.8 % (381)");
        assertThat(text(robot, "#flyout-tls-TLS1_0")).isEqualTo("2.5 % (10)");
        assertThat(robot.lookup("#flyout-tls-TLS").tryQuery()).isEmpty(); // no submission of unknown version
        assertThat(text(robot, "#flyout-auth-BASIC")).isEqualTo("99.5 % (400)");
        assertThat(text(robot, "#flyout-auth-OAUTH")).isEqualTo("0.5 % (2)");
        assertThat(robot.lookup("#flyout-auth-OTHER").tryQuery()).isEmpty(); // every method of the week is Basic or OAuth
        assertThat(robot.lookup("#flyout-auth-UNKNOWN").tryQuery()).isEmpty();
        assertThat(text(robot, "#flyoutBasicAccounts")).isEqualTo("Accounts on Basic authentication: 5 of 6");
        @SuppressWarnings("unchecked")
        javafx.scene.chart.BarChart<String, Number> chart = robot.lookup("#flyoutVolumeChart").queryAs(javafx.scene.chart.BarChart.class);
        assertThat(chart.getData().get(0).getData()).extracting(d -> d.getYValue().longValue())
                .containsExactly(5L, 55L, 5L, 7L, 15L, 8L, 307L);
        robot.clickOn("#openReportLink");
        waitUntil(() -> robot.lookup("#navSmtpAuth").queryAs(ToggleButton.class).isSelected());
        waitUntil(() -> context.smtpAuth().reportProperty().get() != null);
        assertThat(text(robot, "#messagesLabel")).isEqualTo("402");
        assertThat(text(robot, "#sendersLabel")).isEqualTo("6");
        assertThat(text(robot, "#unusualLabel")).isEqualTo("6");
        org.mailflow.smtpauth.ReportData report = context.smtpAuth().reportProperty().get();
        assertThat(report.filter().window()).isEqualTo(org.mailflow.model.DayWindow.endingOn(SmtpFixtures.AS_OF, 7));
        assertThat(report.basicSenders()).isEqualTo(5);
        assertThat(report.protocolTotal(org.mailflow.smtpauth.AuthProtocol.BASIC)).isEqualTo(400);
        assertThat(report.protocolTotal(org.mailflow.smtpauth.AuthProtocol.OAUTH)).isEqualTo(2);
    }

    @Test
    void theStatusBarCountsSubmissionsAndPruneDeletesOnlyWhatItAnnounced(FxRobot robot) throws Exception {
        waitUntil(() -> text(robot, "#statusCounts").startsWith("436 "));
        assertThat(text(robot, "#statusCounts")).isEqualTo("436 SMTP AUTH submissions · 268 bulk messages");
        robot.clickOn("File").clickOn("Prune old data…");
        waitUntil(() -> robot.lookup("#pruneBefore").tryQuery().isPresent());
        DatePicker before = robot.lookup("#pruneBefore").queryAs(DatePicker.class);
        robot.clickOn(before.getEditor()).push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A)
                .write("2026-11-06").type(javafx.scene.input.KeyCode.TAB);
        waitUntil(() -> text(robot, "#pruneCounts").startsWith("34 SMTP AUTH submissions, 0 failed sign-ins and "));
        robot.clickOn("#pruneDeleteButton");
        waitUntil(() -> text(robot, "#statusCounts").startsWith("402 "));
        waitUntil(() -> "6".equals(text(robot, "#smtpSenders")));
        long bulkLeft = new org.mailflow.cache.BulkStore(cache).totalMessages();
        assertThat(bulkLeft).isLessThan(268); // older bulk messages went too
        assertThat(new org.mailflow.cache.BulkStore(cache).dataRange().orElseThrow().first()).isAfterOrEqualTo(java.time.LocalDate.of(2026, 11, 6));
        waitUntil(() -> text(robot, "#statusCounts").equals("402 SMTP AUTH submissions · " + bulkLeft + " bulk messages"));
    }

    @Test
    void fileExportOffersTheExportsOfTheSmtpAuthPage(FxRobot robot) throws Exception {
        robot.clickOn("#navSmtpAuth");
        waitUntil(() -> context.smtpAuth().reportProperty().get() != null);
        openSubmenu(robot, "File", "Export", "SMTP AUTH details table to Downloads");
        robot.clickOn(robot.lookup(".context-menu .label").match(n -> n instanceof javafx.scene.control.Label l
                && "SMTP AUTH details table to Downloads".equals(l.getText())).<javafx.scene.Node>query());
        Path file = here.resolve("SMTP AUTH sending volume.csv");
        waitUntil(() -> Files.exists(file) && context.exports().lastWrittenProperty().get() != null);
        assertThat(Files.readAllLines(file)).hasSize(7).first().isEqualTo("Sender address,Domain,Messages sent");
    }

    /**
     * Opens a menu and hovers one of its submenus until {@code item} shows. The submenu is found inside
     * the menu's popup: the page has an "Export" button of its own.
     */
    private static void openSubmenu(FxRobot robot, String menu, String submenu, String item) {
        robot.clickOn(menu);
        waitUntil(() -> robot.lookup(".context-menu .label").match(n -> n instanceof javafx.scene.control.Label l
                && submenu.equals(l.getText())).tryQuery().isPresent());
        robot.moveTo(robot.lookup(".context-menu .label").match(n -> n instanceof javafx.scene.control.Label l
                && submenu.equals(l.getText())).<javafx.scene.Node>query());
        waitUntil(() -> robot.lookup(".context-menu .label").match(n -> n instanceof javafx.scene.control.Label l
                && item.equals(l.getText()) && l.isVisible()).tryQuery().isPresent());
    }
}
