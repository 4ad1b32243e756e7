package org.mailflow.smtpauth.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.app.AppContext;
import org.mailflow.ui.View;
import org.mailflow.cache.Cache;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.testing.SmtpFixtures;
import org.mailflow.testing.UiFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The SMTP AUTH clients report, driven as a user drives it, on the hand-made cache of
 * {@link SmtpFixtures} (last 7 days: 402 messages, 6 senders, 2 on legacy TLS).
 */
@ExtendWith(ApplicationExtension.class)
class SmtpAuthPageTest {
    @TempDir
    static Path dir;

    private Cache cache;
    private AppContext context;
    private Path downloads;

    @Start
    void start(Stage stage) throws Exception {
        Path here = Files.createTempDirectory(dir, "case");
        downloads = Files.createDirectories(here.resolve("Downloads"));
        cache = SmtpFixtures.smallSmtpCache(here);
        context = UiFixture.context(cache, downloads, false);
        UiFixture.show(stage, context, View.SMTP_AUTH, 1500, 1150);
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    private void waitForReport() {
        waitUntil(() -> context.smtpAuth().reportProperty().get() != null);
    }

    @SuppressWarnings("unchecked")
    private static TableView<SenderTotals> table(FxRobot robot) {
        return robot.lookup("#senderTable").queryAs(TableView.class);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(javafx.scene.control.Labeled.class).getText();
    }

    private static List<String> senders(FxRobot robot) {
        return table(robot).getItems().stream().map(SenderTotals::address).toList();
    }

    private static String cellText(FxRobot robot, String sender, String columnId) {
        Node cell = robot.lookup("#senderTable .table-row-cell").match(n -> n instanceof javafx.scene.control.TableRow<?> r
                && r.getItem() instanceof SenderTotals t && t.address().equals(sender)).query();
        TableColumn<SenderTotals, ?> column = table(robot).getColumns().stream()
                .filter(c -> columnId.equals(c.getId())).findFirst().orElseThrow();
        return cell.lookupAll(".table-cell").stream().map(n -> (javafx.scene.control.TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() == column).findFirst().orElseThrow().getText();
    }

    /** Selects the picker's text, types a date over it and leaves the field, as a user does. */
    private static void typeDate(FxRobot robot, DatePicker picker, String date) {
        robot.clickOn(picker.getEditor()).push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).write(date)
                .type(javafx.scene.input.KeyCode.TAB);
    }

    private static void openTable(FxRobot robot) {
        robot.clickOn("#viewSwitch");
        waitUntil(() -> robot.lookup("#tableCard").query().isVisible());
    }

    @Test
    void opensOnTheLastSevenDaysWithTotalsAndAVolumeSeriesPerDomain(FxRobot robot) {
        waitForReport();
        assertThat(text(robot, "#windowLabel")).isEqualTo("6 Nov – 12 Nov 2026");
        assertThat(text(robot, "#messagesLabel")).isEqualTo("402");
        assertThat(text(robot, "#sendersLabel")).isEqualTo("6");
        assertThat(text(robot, "#legacyLabel")).isEqualTo("2 (33%)");
        assertThat(text(robot, "#unusualLabel")).isEqualTo("6");
        @SuppressWarnings("unchecked")
        StackedBarChart<String, Number> chart = robot.lookup("#volumeChart").queryAs(StackedBarChart.class);
        assertThat(chart.isVisible()).isTrue();
        assertThat(chart.getData()).extracting(XYChart.Series::getName).containsExactly("contoso.example", "fabrikam.example");
        assertThat(chart.getData().get(0).getData()).hasSize(7);
        assertThat(chart.getData().get(0).getData().stream().mapToLong(d -> d.getYValue().longValue()).sum()).isEqualTo(396);
        assertThat(chart.getData().get(1).getData().get(6).getYValue().longValue()).isEqualTo(4); // scanner on 12 Nov
    }

    @Test
    void theTlsPivotShowsSharesPerDayAndTheOverallSplit(FxRobot robot) {
        waitForReport();
        robot.clickOn("#tlsPivot");
        waitUntil(() -> robot.lookup("#tlsChart").query().isVisible());
        assertThat(robot.lookup("#volumeChart").query().isVisible()).isFalse();
        assertThat(text(robot, "#split-TLS1_2")).isEqualTo("TLS1.2: 94.8 % (381)");
        assertThat(text(robot, "#split-NONE")).isEqualTo("No TLS: 1.2 % (5)");
        @SuppressWarnings("unchecked")
        StackedBarChart<String, Number> chart = robot.lookup("#tlsChart").queryAs(StackedBarChart.class);
        XYChart.Series<String, Number> tls10 = chart.getData().get(0);
        assertThat(tls10.getName()).isEqualTo("TLS1.0");
        // 10 Nov: printer's 10 TLS1.0 messages of the day's 15 (alice 3, mallory 2)
        assertThat(tls10.getData().get(4).getYValue().doubleValue()).isCloseTo(66.667, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void theDetailsTablesShowTheExactColumnsOfEachPivot(FxRobot robot) {
        waitForReport();
        openTable(robot);
        assertThat(text(robot, "#viewSwitch")).isEqualTo("View report");
        assertThat(visibleHeaders(robot)).containsExactly("", "Sender address", "Domain", "Messages sent");
        assertThat(senders(robot)).containsExactly("mallory@contoso.example", "quiet@contoso.example", "alice@contoso.example",
                "printer@contoso.example", "scanner", "bob@fabrikam.example");
        robot.clickOn("#tlsPivot");
        waitUntil(() -> visibleHeaders(robot).size() == 10);
        assertThat(visibleHeaders(robot)).containsExactly("", "Sender address", "Domain", "TLS1.0 %", "TLS1.1 %", "TLS1.2 %",
                "TLS1.3 %", "No TLS %", "Version unknown %", "Messages sent");
        assertThat(cellText(robot, "printer@contoso.example", "tls10Column")).isEqualTo("66.7 % (10)");
        assertThat(cellText(robot, "printer@contoso.example", "noTlsColumn")).isEqualTo("33.3 % (5)");
        assertThat(cellText(robot, "scanner", "domainColumn")).isEqualTo("fabrikam.example");
    }

    private static List<String> visibleHeaders(FxRobot robot) {
        return table(robot).getVisibleLeafColumns().stream().map(TableColumn::getText).toList();
    }

    @Test
    void choosingADomainRestrictsTheTotalsTheChartAndTheTable(FxRobot robot) {
        waitForReport();
        robot.clickOn("#domainCombo");
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match(n -> n instanceof javafx.scene.control.Labeled l
                && "fabrikam.example".equals(l.getText())).<Node>query());
        waitUntil(() -> "6".equals(text(robot, "#messagesLabel")));
        assertThat(text(robot, "#sendersLabel")).isEqualTo("2");
        @SuppressWarnings("unchecked")
        StackedBarChart<String, Number> chart = robot.lookup("#volumeChart").queryAs(StackedBarChart.class);
        assertThat(chart.getData()).extracting(XYChart.Series::getName).containsExactly("fabrikam.example");
        openTable(robot);
        assertThat(senders(robot)).containsExactly("scanner", "bob@fabrikam.example");
    }

    @Test
    void searchUnusualOnlyAndACustomFilterCombine(FxRobot robot) {
        waitForReport();
        openTable(robot);
        robot.clickOn("#searchField").write("AL");
        waitUntil(() -> senders(robot).size() == 2);
        assertThat(senders(robot)).containsExactly("mallory@contoso.example", "alice@contoso.example");
        assertThat(text(robot, "#countLabel")).isEqualTo("2 of 6 rows — 2 accounts");
        robot.clickOn("#clearSearchButton");
        robot.clickOn("#unusualOnlyCheck");
        waitUntil(() -> senders(robot).size() == 6);
        assertThat(senders(robot)).containsExactly("mallory@contoso.example", "quiet@contoso.example", "alice@contoso.example",
                "printer@contoso.example", "scanner", "bob@fabrikam.example");
        robot.clickOn("#addClauseButton");
        robot.clickOn("#clauseField0");
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match(n -> n instanceof javafx.scene.control.Labeled l
                && "Domain".equals(l.getText())).<Node>query());
        robot.clickOn("#clauseOperator0");
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match(n -> n instanceof javafx.scene.control.Labeled l
                && "is".equals(l.getText())).<Node>query());
        robot.clickOn("#clauseValue0").write("FABRIKAM.example");
        waitUntil(() -> senders(robot).size() == 2);
        assertThat(senders(robot)).containsExactly("scanner", "bob@fabrikam.example");
        robot.clickOn("#addClauseButton");
        robot.clickOn("#clauseValue1").write("bo");
        waitUntil(() -> senders(robot).size() == 1);
        assertThat(senders(robot)).containsExactly("bob@fabrikam.example");
        robot.clickOn("#clauseRemove1");
        robot.clickOn("#clauseRemove0");
        robot.clickOn("#unusualOnlyCheck");
        waitUntil(() -> senders(robot).size() == 6);
    }

    @Test
    void clickingARowOpensThePanelWithFlagsMethodsProtocolsTopIpsAndTheMap(FxRobot robot) {
        waitForReport();
        openTable(robot);
        assertThat(robot.lookup("#smtpPanel").tryQuery().map(javafx.scene.Node::isVisible).orElse(false)).isFalse();
        robot.clickOn(robot.lookup("#senderTable .table-cell").match(n -> n instanceof javafx.scene.control.Labeled l
                && "mallory@contoso.example".equals(l.getText())).<Node>query());
        waitUntil(() -> robot.lookup("#panel-ip-0").tryQuery().isPresent());
        assertThat(text(robot, "#senderTitle")).isEqualTo("mallory@contoso.example");
        assertThat(robot.lookup("#finding-volume-spike").tryQuery()).isPresent();
        assertThat(robot.lookup("#finding-many-ips").tryQuery()).isPresent();
        assertThat(robot.lookup("#finding-auth-failures").tryQuery()).isPresent();
        assertThat(robot.lookup("#finding-basic-auth").tryQuery()).isPresent();
        assertThat(robot.lookup("#finding-legacy-tls").tryQuery()).isEmpty();
        assertThat(robot.lookup("#finding-volume-spike .label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("300 messages on 12 Nov 2026; the median of the 14 days before was 2");
        assertThat(robot.lookup("#finding-basic-auth .label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("310 of 310 messages sent with a password (Basic), the first on 6 Nov 2026");
        assertThat(text(robot, "#panel-messages")).isEqualTo("310");
        assertThat(text(robot, "#panel-first-seen")).isEqualTo("23 Oct 2026");
        assertThat(text(robot, "#panel-protocol-BASIC")).isEqualTo("100.0 % (310)");
        assertThat(robot.lookup("#panel-protocol-OAUTH").tryQuery()).isEmpty();
        assertThat(text(robot, "#panel-method-0")).isEqualTo("310");
        assertThat(robot.lookup(".field-name").queryAllAs(Label.class)).extracting(Label::getText).contains("LOGIN (Basic)");
        // 12 IPs of 25 messages on 12 Nov and 10.0.0.7 with 2 a day before
        assertThat(text(robot, "#ipsTitle")).isEqualTo("Client IPs (top 10 of 13)");
        assertThat(text(robot, "#panel-ip-0")).isEqualTo("25");
        assertThat(text(robot, "#panel-ip-place-0")).isEqualTo("Unknown"); // no database places these test addresses
        org.controlsfx.control.WorldMapView map = robot.lookup("#worldMap").queryAs(org.controlsfx.control.WorldMapView.class);
        assertThat(map.getStyleClass()).contains("world-map");
        assertThat(map.lookupAll(".country")).hasSizeGreaterThan(100); // the skin drew the countries
        assertThat(map.getHeight()).isBetween(150.0, 190.0);
        assertThat(map.getWidth()).isLessThanOrEqualTo(robot.lookup("#smtpPanel").query().getLayoutBounds().getWidth());
        assertThat(text(robot, "#countriesNote")).isEqualTo("None of this account's client IPs could be placed in a country.");
        javafx.scene.control.ScrollPane panelScroll = robot.lookup("#panelScroll").queryAs(javafx.scene.control.ScrollPane.class);
        robot.interact(() -> panelScroll.setVvalue(1));
        // the map passes the mouse wheel on to the panel (the headless robot's wheel does not reach the scene)
        robot.interact(() -> javafx.event.Event.fireEvent(map, new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL,
                20, 20, 20, 20, false, false, false, false, false, false, 0, 120, 0, 120,
                javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0, javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE,
                0, 0, null)));
        waitUntil(() -> panelScroll.getVvalue() < 1);
        robot.clickOn("#closeButton");
        waitUntil(() -> !robot.lookup("#smtpPanel").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
    }

    @Test
    void exportWritesTheRowsAsShownInTheirSortOrder(FxRobot robot) throws Exception {
        waitForReport();
        openTable(robot);
        robot.clickOn("#searchField").write("o");
        waitUntil(() -> senders(robot).size() == 5);
        robot.clickOn(robot.lookup("#senderTable .column-header .label").match(n -> n instanceof Label l
                && "Sender address".equals(l.getText())).<Node>query());
        waitUntil(() -> senders(robot).get(0).equals("alice@contoso.example"));
        robot.clickOn("#exportButton");
        Path file = downloads.resolve("SMTP AUTH sending volume.csv");
        waitUntil(() -> Files.exists(file) && context.exports().lastWrittenProperty().get() != null);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("""
                Sender address,Domain,Messages sent\r
                alice@contoso.example,contoso.example,21\r
                bob@fabrikam.example,fabrikam.example,2\r
                mallory@contoso.example,contoso.example,310\r
                printer@contoso.example,contoso.example,15\r
                quiet@contoso.example,contoso.example,50\r
                """);
    }

    @Test
    void quickPicksMoveTheStartDateAndAnEndBeforeTheStartIsExplained(FxRobot robot) {
        waitForReport();
        robot.clickOn("#quickPick30");
        waitUntil(() -> "430".equals(text(robot, "#messagesLabel")));
        assertThat(robot.lookup("#fromPicker").queryAs(DatePicker.class).getValue()).isEqualTo(SmtpFixtures.AS_OF.minusDays(29));
        DatePicker to = robot.lookup("#toPicker").queryAs(DatePicker.class);
        typeDate(robot, to, "2026-10-01");
        waitUntil(() -> robot.lookup("#rangeErrorLabel").query().isVisible());
        assertThat(text(robot, "#rangeErrorLabel")).startsWith("The end date is before the start date");
        assertThat(text(robot, "#messagesLabel")).isEqualTo("430"); // the last valid filter stays shown
        robot.clickOn("#quickPick90");
        waitUntil(() -> !robot.lookup("#rangeErrorLabel").query().isVisible());
        typeDate(robot, robot.lookup("#fromPicker").queryAs(DatePicker.class), "13 Nowember");
        waitUntil(() -> robot.lookup("#rangeErrorLabel").query().isVisible());
        assertThat(text(robot, "#rangeErrorLabel")).isEqualTo("“13 Nowember” is not a date; type one like 12 Nov 2026 or 2026-11-12.");
        typeDate(robot, robot.lookup("#fromPicker").queryAs(DatePicker.class), "2026-11-01");
        typeDate(robot, to, "2026-11-12"); // the quick picks kept the end date of 1 Oct
        waitUntil(() -> "412".equals(text(robot, "#messagesLabel")));
        assertThat(robot.lookup("#rangeErrorLabel").query().isVisible()).isFalse();
    }

    @Test
    void requestReportWritesTheDetailedReportOfTheChosenDates(FxRobot robot) throws Exception {
        waitForReport();
        robot.clickOn("#requestReportButton");
        waitUntil(() -> robot.lookup("#reportSaveButton").tryQuery().isPresent());
        DatePicker from = robot.lookup("#reportFrom").queryAs(DatePicker.class);
        assertThat(from.getValue()).isEqualTo(SmtpFixtures.AS_OF.minusDays(6));
        typeDate(robot, from, "2026-11-12");
        robot.clickOn("#reportSaveButton");
        Path file = downloads.resolve("SmtpCSReport 2026-11-12 to 2026-11-12.csv");
        waitUntil(() -> Files.exists(file) && context.exports().lastWrittenProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("date,senderName,senderDomain,authMethod,original_client_ip,tls_version,tls_cipher,message_count,message_id");
        assertThat(lines).hasSize(1 + 3 + 1 + 12); // alice's 3 with ids, scanner grouped, mallory's 12 IPs grouped
        assertThat(lines.get(1)).isEqualTo("2026-11-12,alice@contoso.example,contoso.example,LOGIN,10.0.0.1,TLS1.2,"
                + "ECDHE-RSA-AES256-GCM-SHA384,1,alice-19@contoso.example");
        assertThat(lines).contains("2026-11-12,scanner,fabrikam.example,LOGIN,10.1.0.9,TLS1.1,AES256-SHA,4,");
    }
}
