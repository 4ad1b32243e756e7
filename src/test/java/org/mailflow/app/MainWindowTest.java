package org.mailflow.app;

import org.mailflow.ui.View;

import org.mailflow.ui.CacheSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.Cache;
import org.mailflow.model.DayWindow;
import org.mailflow.testing.Fixtures;
import org.mailflow.testing.UiFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The main window on the hand-made cache: Dashboard, navigation, status bar and the import dialog. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
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

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void dashboardShowsTheBulkCardAndAnHonestSmtpAuthEmptyState(FxRobot robot) {
        waitUntil(() -> !text(robot, "#bulkMessages").isEmpty());
        assertThat(text(robot, "#bulkMessages")).isEqualTo("265");
        assertThat(text(robot, "#bulkSenders")).isEqualTo("6 senders");
        assertThat(text(robot, "#bulkIdentified")).isEqualTo("28% identified as bulk at the Default threshold (7)");
        assertThat(text(robot, "#bulkWindow")).isEqualTo("14 Sep – 12 Nov 2026");
        assertThat(text(robot, "#smtpEmptyTitle")).isEqualTo("No SMTP AUTH submissions in this cache yet.");
        assertThat(robot.lookup("#smtpImportButton").tryQuery()).isPresent();
        assertThat(context.mainWindow().titleProperty().get()).isEqualTo("Mailflow Insights \u2014 fixture.db");
        waitUntil(() -> !text(robot, "#statusCounts").isEmpty());
        assertThat(text(robot, "#statusCounts")).isEqualTo("0 SMTP AUTH submissions · 268 bulk messages");
        assertThat(text(robot, "#statusRange")).isEqualTo("Data: 24 Sep – 12 Nov 2026");
        assertThat(text(robot, "#statusCache")).isEqualTo(cache.file().toString());
    }

    @Test
    void theBulkCardLinkAndTheNavigationOpenPages(FxRobot robot) {
        waitUntil(() -> !text(robot, "#bulkMessages").isEmpty());
        robot.clickOn("#viewBulkLink");
        waitUntil(() -> robot.lookup("#senderTable").tryQuery().isPresent());
        assertThat(robot.lookup("#navBulk").queryAs(ToggleButton.class).isSelected()).isTrue();
        robot.clickOn("#navPolicies");
        waitUntil(() -> robot.lookup("#policyTable").tryQuery().isPresent());
        robot.clickOn("#navSmtpAuth");
        waitUntil(() -> robot.lookup("#smtpImportButton").tryQuery().map(n -> n.isVisible()).orElse(false));
        robot.clickOn("#navDashboard");
        assertThat(robot.lookup("#navDashboard").queryAs(ToggleButton.class).isSelected()).isTrue();
        // clicking the selected page again keeps it selected
        robot.clickOn("#navDashboard");
        assertThat(robot.lookup("#navDashboard").queryAs(ToggleButton.class).isSelected()).isTrue();
    }

    @Test
    void aPolicyOpensInBulkSenderInsightsWithItsThreshold(FxRobot robot) {
        robot.clickOn("#navPolicies");
        waitUntil(() -> robot.lookup("#policyTable").tryQuery().isPresent());
        robot.clickOn("Marketing");
        robot.clickOn("#openInBulkButton");
        waitUntil(() -> robot.lookup("#currentValue").tryQuery().map(n -> ((Label) n).getText().equals("8")).orElse(false));
        assertThat(robot.lookup("#navBulk").queryAs(ToggleButton.class).isSelected()).isTrue();
        waitUntil(() -> context.bulk().resultProperty().get() != null
                && context.bulk().resultProperty().get().params().current() == 8);
        assertThat(text(robot, "#identifiedCurrentLabel")).isEqualTo("65");
    }

    @Test
    void anExportFromTheBulkPageIsAnnouncedWithItsPath(FxRobot robot) {
        robot.clickOn("#navBulk");
        waitUntil(() -> context.bulk().resultProperty().get() != null);
        robot.clickOn("#exportButton");
        waitUntil(() -> robot.lookup("#toast").tryQuery().isPresent());
        assertThat(robot.lookup("#toast .toast-text").queryAs(Label.class).getText())
                .isEqualTo(here.resolve("Bulk sender insights.csv").toString());
        robot.clickOn("#toast");
        waitUntil(() -> robot.lookup("#toast").tryQuery().isEmpty());
    }

    @Test
    void switchingLanguageRebuildsTheWindowInTraditionalChinese(FxRobot robot) {
        waitUntil(() -> !text(robot, "#bulkMessages").isEmpty());
        robot.clickOn("View").clickOn("Language").clickOn("繁體中文");
        waitUntil(() -> robot.lookup("#navBulk").queryAs(ToggleButton.class).getText().equals("大量寄件者深入解析"));
        waitUntil(() -> !text(robot, "#bulkMessages").isEmpty());
        assertThat(text(robot, "#bulkSenders")).isEqualTo("6 位寄件者");
        robot.clickOn("檢視").clickOn("語言").clickOn("English");
        waitUntil(() -> robot.lookup("#navBulk").queryAs(ToggleButton.class).getText().equals("Bulk sender insights"));
        assertThat(context.settings().language()).contains(java.util.Locale.ENGLISH);
    }

    @Test
    void openingAFileThatIsNotACacheShowsWhyAndKeepsTheOpenCache(FxRobot robot) throws Exception {
        Path notes = Files.writeString(here.resolve("notes.db"), "these are notes, not a cache; padding padding padding padding "
                + "padding padding padding padding");
        robot.interact(() -> context.mainWindow().openCache(notes));
        waitUntil(() -> robot.lookup("#dialog-message").tryQuery().isPresent());
        assertThat(robot.lookup("#dialog-message").queryAs(Label.class).getText())
                .isEqualTo(notes + " is not a Mailflow cache (it is not an SQLite database). The file was not changed.");
        robot.clickOn("OK");
        assertThat(context.session().cache()).isSameAs(cache);
        assertThat(Files.readString(notes)).startsWith("these are notes");
    }

    private Window importDialog(FxRobot robot, List<Path> files) {
        robot.interact(() -> context.navigator().openImport(files, null));
        waitUntil(() -> robot.lookup("#importButton").tryQuery().isPresent());
        return robot.lookup("#importButton").query().getScene().getWindow();
    }

    @Test
    void aFolderOfLogsAndAMaildirImportsWithTheYearTypedAndTheSummaryTellsWhatWasRead(FxRobot robot) throws Exception {
        Path logs = Files.createDirectories(here.resolve("var-log"));
        // the rotated copy holds yesterday's lines, the live log today's: read oldest first
        Files.writeString(logs.resolve("mail.log.1"), String.join("\n",
                "Nov 11 23:59:50 mx1 postfix/submission/smtpd[1]: connect from laptop[192.0.2.10]",
                "Nov 11 23:59:51 mx1 postfix/submission/smtpd[1]: 4A1B2C3D4E: client=laptop[192.0.2.10], sasl_method=PLAIN, "
                        + "sasl_username=alice@example.com",
                ""));
        Files.writeString(logs.resolve("mail.log"), String.join("\n",
                "Nov 12 00:00:05 mx1 postfix/submission/smtpd[1]: 5B1B2C3D4E: client=laptop[192.0.2.10], sasl_method=PLAIN, "
                        + "sasl_username=alice@example.com",
                "Nov 12 00:00:06 mx1 postfix/anvil[9]: statistics: max connection rate 1/60s for (submission:192.0.2.10)",
                ""));
        Path junk = Files.createDirectories(logs.resolve("Maildir").resolve(".Junk").resolve("cur"));
        Files.writeString(junk.resolve("1700000000.M1.host:2,S"), "From: News <news@shop.example>\n"
                + "Date: Thu, 12 Nov 2026 08:30:00 +0000\nX-Microsoft-Antispam: BCL:7;\n\nBody\n");
        Files.writeString(logs.resolve("Maildir").resolve("dovecot-uidlist"), "3 V1700000000 N2\n");
        importDialog(robot, List.of(logs));
        robot.clickOn("#yearField").write("20");
        // not a year yet: the import cannot start and the field says what it expects
        assertThat(robot.lookup("#importButton").queryAs(javafx.scene.control.Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#yearHelp").queryAs(Label.class).getText()).contains("between 1970 and 2100");
        robot.write("25");
        assertThat(robot.lookup("#importButton").queryAs(javafx.scene.control.Button.class).isDisabled()).isFalse();
        robot.clickOn("#importButton");
        waitUntil(() -> robot.lookup("#summaryArea").queryAs(TextArea.class).isVisible());
        assertThat(robot.lookup("#summaryArea").queryAs(TextArea.class).getText()).isEqualTo("""
                mail.log.1: 1 submission and 0 failed authentications imported (postfix, 2 lines read, 0 not about SMTP AUTH)
                mail.log: 1 submission and 0 failed authentications imported (postfix, 2 lines read, 1 not about SMTP AUTH)
                .Junk: 1 bulk message imported (eml, 1 message read, 0 without a BCL skipped)
                1 file in the folders passed over (not a log, mailbox or CSV this version reads):
                    dovecot-uidlist: no known header or log lines
                Total: 2 SMTP AUTH submissions, 0 failed authentications, 1 bulk message imported
                2 of the 2 submissions from logs have no known TLS version (TLS or not logged): Postfix logs the version with \
                smtpd_tls_loglevel = 1 (Exim's default log_selector already does).""");
        // the year typed is the year of each log's first line (the files' dates say 2026 or later)
        assertThat(new org.mailflow.cache.SmtpStore(cache).dataRange().orElseThrow())
                .isEqualTo(new DayWindow(java.time.LocalDate.of(2025, 11, 11), java.time.LocalDate.of(2025, 11, 12)));
        robot.clickOn("#closeButton");
        waitUntil(() -> text(robot, "#statusCounts").startsWith("2 SMTP AUTH submissions"));
    }

    @Test
    void aBadFileIsReportedWithItsLineAndChangesNothing(FxRobot robot) throws Exception {
        Path good = Files.writeString(here.resolve("good.csv"), "timestamp,sender,bcl,delivery,count\n2026-11-12 08:00:00,new@x.example,4,inbox,7\n");
        Path bad = Files.writeString(here.resolve("bad.csv"), "timestamp,sender,bcl,delivery\n2026-11-12 08:00:00,a@x.example,4,inbox\n"
                + "2026-11-12 08:00:00,b@x.example,4,spam\n");
        DayWindow window = DayWindow.endingOn(Fixtures.AS_OF, 60);
        long before = new BulkStore(cache).load(window).bclTotals()[4];

        importDialog(robot, List.of(good, bad));
        robot.clickOn("#importButton");
        waitUntil(() -> robot.lookup("#errorLabel").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#errorLabel").queryAs(Label.class).getText())
                .isEqualTo(bad + ", line 3: delivery \"spam\" is unknown; expected inbox, junk, quarantine, deleted or unknown "
                        + "(tick “Skip bad rows” in the import dialog to import the good rows)"); // the app's wording: no --skip-bad-rows
        assertThat(new BulkStore(cache).load(window).bclTotals()[4]).isEqualTo(before);

        robot.clickOn("#skipBadRowsBox");
        robot.clickOn("#importButton");
        waitUntil(() -> robot.lookup("#summaryArea").queryAs(TextArea.class).isVisible());
        assertThat(robot.lookup("#summaryArea").queryAs(TextArea.class).getText())
                .contains("good.csv: 1 row imported (bulk)", "bad.csv: 1 row imported (bulk)", "1 bad row skipped:",
                        "line 3: delivery \"spam\" is unknown");
        assertThat(new BulkStore(cache).load(window).bclTotals()[4]).isEqualTo(before + 8);
        robot.clickOn("#closeButton");
        waitUntil(() -> text(robot, "#bulkMessages").equals("273"));
    }

    @Test
    void cancellingAnImportChangesNothing(FxRobot robot) throws Exception {
        StringBuilder rows = new StringBuilder("timestamp,sender,bcl,delivery\n");
        for (int i = 0; i < 60_000; i++) {
            rows.append("2026-11-1").append(i % 3).append(" 08:00:00,s").append(i % 500).append("@bulk.example,").append(i % 10)
                    .append(",junk\n");
        }
        Path big = Files.writeString(here.resolve("big.csv"), rows);
        long before = new BulkStore(cache).totalMessages();
        importDialog(robot, List.of(big));
        robot.interact(() -> {
            robot.lookup("#importButton").queryAs(javafx.scene.control.Button.class).fire();
            robot.lookup("#cancelButton").queryAs(javafx.scene.control.Button.class).fire();
        });
        waitUntil(() -> robot.lookup("#errorLabel").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#errorLabel").queryAs(Label.class).getText()).isEqualTo("The operation was cancelled; nothing was changed.");
        assertThat(new BulkStore(cache).totalMessages()).isEqualTo(before);
        robot.clickOn("#importButton");
        waitUntil(() -> robot.lookup("#summaryArea").queryAs(TextArea.class).isVisible());
        assertThat(robot.lookup("#summaryArea").queryAs(TextArea.class).getText()).contains("big.csv: 60,000 rows imported (bulk)");
        assertThat(new BulkStore(cache).totalMessages()).isEqualTo(before + 60_000);
    }

    @Test
    void importingWhileDemoDataIsOpenGoesToTheDefaultCacheAndSwitchesToIt(FxRobot robot) throws Exception {
        Path home = Files.createDirectories(here.resolve("home"));
        String old = System.getProperty(org.mailflow.cache.CacheLocations.HOME_PROPERTY);
        System.setProperty(org.mailflow.cache.CacheLocations.HOME_PROPERTY, home.toString());
        try {
            robot.interact(() -> context.sessionProperty().set(new CacheSession(cache, true)));
            waitUntil(() -> context.mainWindow().titleProperty().get().endsWith("Demo data"));
            assertThat(robot.lookup("#demoBadge").query().isVisible()).isTrue();
            Path file = Files.writeString(here.resolve("mine.csv"), "timestamp,sender,bcl,delivery\n2026-11-01T09:00:00Z,me@corp.example,2,inbox\n");
            importDialog(robot, List.of(file));
            assertThat(robot.lookup("#targetNote").queryAs(Label.class).getText()).contains(home.resolve("cache.db").toString());
            robot.clickOn("#importButton");
            waitUntil(() -> context.session() != null && context.session().file().equals(home.resolve("cache.db").toAbsolutePath()));
            assertThat(context.mainWindow().titleProperty().get()).isEqualTo("Mailflow Insights \u2014 cache.db");
            assertThat(context.session().isDemo()).isFalse();
            assertThat(new BulkStore(context.session().cache()).totalMessages()).isEqualTo(1);
            // the demo cache was closed when the window switched; it still holds only its own data
            try (Cache demo = Cache.open(cache.file())) {
                assertThat(new BulkStore(demo).totalMessages()).isEqualTo(268);
            }
            context.session().close();
        } finally {
            if (old == null) {
                System.clearProperty(org.mailflow.cache.CacheLocations.HOME_PROPERTY);
            } else {
                System.setProperty(org.mailflow.cache.CacheLocations.HOME_PROPERTY, old);
            }
        }
    }
}
