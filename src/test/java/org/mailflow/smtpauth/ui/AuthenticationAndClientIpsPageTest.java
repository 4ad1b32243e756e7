package org.mailflow.smtpauth.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.app.AppContext;
import org.mailflow.ui.View;
import org.mailflow.cache.Cache;
import org.mailflow.smtpauth.IpFilter;
import org.mailflow.smtpauth.IpTotals;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.SenderFilter;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.testing.SmtpFixtures;
import org.mailflow.testing.UiFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Authentication and Client IPs pivots of the report page on {@link SmtpFixtures} (last 7 days):
 * Basic 400 messages (alice LOGIN 21, printer PLAIN 15, scanner LOGIN 4, mallory LOGIN 310, quiet
 * PLAIN 50), OAuth 2 (bob XOAUTH2); 19 client IPs, the last of them the IP-less failures of 11 Nov
 * (mallory 25, alice 20). The 10.x addresses are a private network; the others are documentation
 * ranges, which no database places.
 */
@ExtendWith(ApplicationExtension.class)
class AuthenticationAndClientIpsPageTest {
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

    private ReportData report() {
        waitUntil(() -> context.smtpAuth().reportProperty().get() != null);
        return context.smtpAuth().reportProperty().get();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Labeled.class).getText();
    }

    private static void openTable(FxRobot robot) {
        robot.clickOn("#viewSwitch");
        waitUntil(() -> robot.lookup("#tableCard").query().isVisible());
    }

    @SuppressWarnings("unchecked")
    private static <T> TableView<T> table(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TableView.class);
    }

    private static List<String> headers(TableView<?> table) {
        return table.getVisibleLeafColumns().stream().map(TableColumn::getText).toList();
    }

    /** The text of the cell of {@code columnId} in the row whose item {@code matches}. */
    private static <T> String cell(FxRobot robot, String tableId, java.util.function.Predicate<Object> matches, String columnId) {
        TableView<T> table = table(robot, tableId);
        T item = table.getItems().stream().filter(matches).findFirst().orElseThrow();
        robot.interact(() -> table.scrollTo(item)); // rows out of sight have no cells
        java.util.function.Predicate<Node> shown = n -> n instanceof TableRow<?> r && r.isVisible() && r.getItem() == item;
        waitUntil(() -> robot.lookup(tableId + " .table-row-cell").match(shown).tryQuery().isPresent()); // after the next layout
        Node row = robot.lookup(tableId + " .table-row-cell").match(shown).query();
        TableColumn<T, ?> column = table.getColumns().stream().filter(c -> columnId.equals(c.getId())).findFirst().orElseThrow();
        return row.lookupAll(".table-cell").stream().map(n -> (TableCell<?, ?>) n).filter(c -> c.getTableColumn() == column)
                .findFirst().orElseThrow().getText();
    }

    private static String senderCell(FxRobot robot, String sender, String columnId) {
        return cell(robot, "#senderTable", o -> o instanceof SenderTotals t && t.address().equals(sender), columnId);
    }

    private static long sum(XYChart.Series<String, Number> s) {
        return s.getData().stream().mapToLong(d -> d.getYValue().longValue()).sum();
    }

    @Test
    void theAuthenticationChartStacksEachProtocolWithTheSplitAndTheAccountsOnBasic(FxRobot robot) {
        report();
        robot.clickOn("#authPivot");
        waitUntil(() -> robot.lookup("#authChart").query().isVisible());
        assertThat(robot.lookup("#volumeChart").query().isVisible()).isFalse();
        assertThat(text(robot, "#chartTitle")).isEqualTo("Messages sent per day by authentication protocol");
        @SuppressWarnings("unchecked")
        StackedBarChart<String, Number> chart = robot.lookup("#authChart").queryAs(StackedBarChart.class);
        assertThat(chart.getData()).extracting(XYChart.Series::getName).containsExactly("Basic", "OAuth", "Other", "Not named");
        assertThat(sum(chart.getData().get(0))).isEqualTo(400);
        assertThat(chart.getData().get(1).getData().get(3).getYValue().longValue()).isEqualTo(2); // bob on 9 Nov
        assertThat(chart.getData().get(0).getData().get(6).getYValue().longValue()).isEqualTo(3 + 300 + 4); // 12 Nov
        assertThat(text(robot, "#split-auth-BASIC")).isEqualTo("Basic: 99.5 % (400)");
        assertThat(text(robot, "#split-auth-OAUTH")).isEqualTo("OAuth: 0.5 % (2)");
        assertThat(robot.lookup("#split-auth-OTHER").tryQuery()).isEmpty();
        assertThat(text(robot, "#basicSenders")).isEqualTo("5 accounts sent with Basic");
    }

    @Test
    void theAuthenticationTableShowsSharesMethodsAndLastBasicUseAndExportsTheSameBytes(FxRobot robot) throws Exception {
        ReportData r = report();
        robot.clickOn("#authPivot");
        openTable(robot);
        TableView<SenderTotals> table = table(robot, "#senderTable");
        waitUntil(() -> headers(table).size() == 9);
        assertThat(text(robot, "#tableTitle")).isEqualTo("Authentication by sender");
        assertThat(headers(table)).containsExactly("", "Sender address", "Domain", "Basic %", "OAuth %", "Other %", "Auth methods",
                "Last Basic use", "Messages sent");
        assertThat(senderCell(robot, "alice@contoso.example", "basicColumn")).isEqualTo("100.0 % (21)");
        assertThat(senderCell(robot, "alice@contoso.example", "methodsColumn")).isEqualTo("LOGIN");
        assertThat(senderCell(robot, "alice@contoso.example", "lastBasicColumn")).isEqualTo("12 Nov 2026");
        assertThat(senderCell(robot, "printer@contoso.example", "methodsColumn")).isEqualTo("PLAIN");
        assertThat(senderCell(robot, "printer@contoso.example", "lastBasicColumn")).isEqualTo("11 Nov 2026");
        assertThat(senderCell(robot, "quiet@contoso.example", "lastBasicColumn")).isEqualTo("7 Nov 2026");
        assertThat(senderCell(robot, "bob@fabrikam.example", "basicColumn")).isEqualTo("\u2014");
        assertThat(senderCell(robot, "bob@fabrikam.example", "oauthColumn")).isEqualTo("100.0 % (2)");
        assertThat(senderCell(robot, "bob@fabrikam.example", "methodsColumn")).isEqualTo("XOAUTH2");
        assertThat(senderCell(robot, "bob@fabrikam.example", "lastBasicColumn")).isEqualTo("\u2014");
        robot.clickOn("#addClauseButton");
        @SuppressWarnings("unchecked")
        ComboBox<SenderFilter.Column> field = robot.lookup("#clauseField0").queryAs(ComboBox.class);
        assertThat(field.getItems()).containsExactlyElementsOf(SenderFilter.Column.AUTH);

        robot.clickOn("#exportButton");
        Path file = downloads.resolve("SMTP AUTH authentication.csv");
        waitUntil(() -> Files.exists(file) && context.exports().lastWrittenProperty().get() != null);
        StringWriter expected = new StringWriter();
        SmtpExports.writeTable(expected, SmtpExports.Pivot.AUTH, r.rows()); // the page's default order is the report's
        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(expected.toString());
        assertThat(written).contains("\r\nprinter@contoso.example,contoso.example,100.0,0.0,0.0,PLAIN,2026-11-11,15\r\n",
                "\r\nbob@fabrikam.example,fabrikam.example,0.0,100.0,0.0,XOAUTH2,,2\r\n");
    }

    @Test
    void theClientIpsChartShowsMessagesAndFailuresPerDayAndTheTopPlaces(FxRobot robot) {
        report();
        robot.clickOn("#ipsPivot");
        waitUntil(() -> robot.lookup("#ipsChart").query().isVisible());
        assertThat(robot.lookup("#authChart").query().isVisible()).isFalse();
        @SuppressWarnings("unchecked")
        BarChart<String, Number> chart = robot.lookup("#ipsChart").queryAs(BarChart.class);
        assertThat(chart.getData()).extracting(XYChart.Series::getName).containsExactly("Messages sent", "Failed authentications");
        assertThat(sum(chart.getData().get(0))).isEqualTo(402);
        assertThat(chart.getData().get(1).getData().get(5).getYValue().longValue()).isEqualTo(25 + 20); // 11 Nov
        assertThat(sum(chart.getData().get(1))).isEqualTo(45);
        assertThat(text(robot, "#top-country-0")).isEqualTo("1. Unknown or private");
        assertThat(text(robot, "#top-country-0-messages")).isEqualTo("402");
        assertThat(text(robot, "#top-country-0-failures")).isEqualTo("45");
        assertThat(text(robot, "#top-network-0")).isEqualTo("1. Unknown");
        assertThat(robot.lookup("#top-network-1").tryQuery()).isEmpty();
    }

    @Test
    void theClientIpsTableSearchesAndItsPanelListsTheAccountsThatOpenTheirSenderPanel(FxRobot robot) {
        report();
        robot.clickOn("#ipsPivot");
        openTable(robot);
        TableView<IpTotals> ips = table(robot, "#ipTable");
        waitUntil(() -> ips.isVisible() && !ips.getItems().isEmpty());
        assertThat(robot.lookup("#senderTable").query().isVisible()).isFalse();
        assertThat(robot.lookup("#unusualOnlyCheck").query().isVisible()).isFalse();
        assertThat(headers(ips)).containsExactly("", "Client IP", "Country", "Network", "Accounts", "Messages sent",
                "Failed authentications", "Accounts failed");
        assertThat(text(robot, "#countLabel")).isEqualTo("19 of 19 client IPs");
        assertThat(ips.getItems().get(0).address()).isEqualTo("10.0.0.60"); // quiet's 50
        assertThat(ips.getItems().get(18).address()).isEmpty(); // the failures logged without an IP: no message
        assertThat(cell(robot, "#ipTable", o -> o instanceof IpTotals t && t.address().equals("10.0.0.1"), "countryColumn"))
                .isEqualTo("Private network");
        assertThat(cell(robot, "#ipTable", o -> o instanceof IpTotals t && t.address().equals("10.0.0.1"), "networkColumn"))
                .isEqualTo("\u2014");
        assertThat(cell(robot, "#ipTable", o -> o instanceof IpTotals t && t.address().equals("203.0.113.1"), "countryColumn"))
                .isEqualTo("\u2014");
        Node failuresHeader = robot.lookup("#ipTable .column-header .label").match(n -> n instanceof Label l
                && "Failed authentications".equals(l.getText())).query();
        robot.clickOn(failuresHeader).clickOn(failuresHeader); // most failures first
        waitUntil(() -> ips.getItems().get(0).address().isEmpty());
        assertThat(cell(robot, "#ipTable", o -> o instanceof IpTotals t && t.address().isEmpty(), "ipColumn")).isEqualTo("(unknown)");
        assertThat(cell(robot, "#ipTable", o -> o instanceof IpTotals t && t.address().isEmpty(), "accountsFailedColumn")).isEqualTo("2");

        robot.clickOn("#searchField").write("113.1");
        waitUntil(() -> ips.getItems().size() == 4);
        assertThat(ips.getItems()).extracting(IpTotals::address).containsExactly("203.0.113.1", "203.0.113.10", "203.0.113.11",
                "203.0.113.12");
        assertThat(text(robot, "#countLabel")).isEqualTo("4 of 19 client IPs");
        robot.clickOn("#clearSearchButton");
        robot.clickOn("#searchField").write("privat"); // the country column's text
        waitUntil(() -> ips.getItems().size() == 5);
        assertThat(ips.getItems()).extracting(IpTotals::address).containsExactly("10.0.0.60", "10.0.0.1", "10.0.0.50", "10.0.0.7",
                "10.1.0.9");
        assertThat(text(robot, "#countLabel")).isEqualTo("5 of 19 client IPs");
        robot.clickOn("#clearSearchButton");
        waitUntil(() -> ips.getItems().size() == 19);

        robot.clickOn(robot.lookup("#ipTable .table-cell").match(n -> n instanceof Labeled l && "(unknown)".equals(l.getText())).<Node>query());
        waitUntil(() -> robot.lookup("#ip-account-0").tryQuery().isPresent() && robot.lookup("#ipPanel").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        assertThat(text(robot, "#ipTitle")).isEqualTo("(unknown)");
        assertThat(text(robot, "#ip-failures")).isEqualTo("45");
        assertThat(text(robot, "#ipPlace")).isEqualTo("Unknown");
        assertThat(text(robot, "#ipAccountsTitle")).isEqualTo("Accounts (2)");
        assertThat(text(robot, "#ip-account-0")).isEqualTo("mallory@contoso.example");
        assertThat(text(robot, "#ip-account-detail-0")).isEqualTo("no messages · 25 failed sign-ins · 11 Nov");
        assertThat(text(robot, "#ip-account-1")).isEqualTo("alice@contoso.example");

        robot.interact(() -> robot.lookup("#ipScroll").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1)); // as a user scrolls
        robot.clickOn("#ip-account-1");
        waitUntil(() -> robot.lookup("#smtpPanel").query().isVisible());
        assertThat(robot.lookup("#ipPanel").tryQuery().map(javafx.scene.Node::isVisible).orElse(false)).isFalse();
        assertThat(text(robot, "#senderTitle")).isEqualTo("alice@contoso.example");
        assertThat(text(robot, "#panel-messages")).isEqualTo("21");
        assertThat(robot.lookup(".world-map").tryQuery()).isPresent();
        robot.clickOn("#closeButton");
        waitUntil(() -> robot.lookup("#ipPanel").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        assertThat(robot.lookup("#smtpPanel").query().isVisible()).isFalse();
        robot.clickOn("#ipCloseButton");
        waitUntil(() -> !robot.lookup("#ipPanel").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
    }

    @Test
    void exportOfTheClientIpsWritesTheShownRowsAsSmtpExportsDoes(FxRobot robot) throws Exception {
        ReportData r = report();
        robot.clickOn("#ipsPivot");
        openTable(robot);
        TableView<IpTotals> ips = table(robot, "#ipTable");
        robot.clickOn("#searchField").write("10.");
        waitUntil(() -> ips.getItems().size() == 5);
        robot.clickOn("#exportButton");
        Path file = downloads.resolve("SMTP AUTH client IPs.csv");
        waitUntil(() -> Files.exists(file) && context.exports().lastWrittenProperty().get() != null);
        StringWriter expected = new StringWriter();
        SmtpExports.writeIpTable(expected, r.ips().stream().filter(new IpFilter("10.", Locale.ENGLISH)::matches).toList());
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected.toString()).isEqualTo("""
                Client IP,Country,Network,Accounts,Messages sent,Failed authentications,Accounts failed\r
                10.0.0.60,Private network,,1,50,0,0\r
                10.0.0.1,Private network,,1,21,0,0\r
                10.0.0.50,Private network,,1,15,0,0\r
                10.0.0.7,Private network,,1,10,0,0\r
                10.1.0.9,Private network,,1,4,0,0\r
                """);
    }
}
