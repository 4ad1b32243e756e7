package org.mailflow.smtpauth.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.app.AppContext;
import org.mailflow.ui.View;
import org.mailflow.cache.Cache;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.testing.SmtpFixtures;
import org.mailflow.testing.UiFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * How a filter change redraws the SMTP AUTH charts (the page's speed on a large cache depends on it):
 * bars of the same days are updated in place — values, series names, legend, colour classes, tooltips
 * and drill-down clicks all follow the new report — and a chart whose pivot is not chosen is drawn
 * when it is. {@link SmtpFixtures}: 7 days, contoso.example (396 messages, the busiest domain) and
 * fabrikam.example (6: 2 on day -3, 4 on day 0).
 */
@ExtendWith(ApplicationExtension.class)
class ChartRedrawTest {
    @TempDir
    static Path dir;

    private Cache cache;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        Path here = Files.createTempDirectory(dir, "case");
        cache = SmtpFixtures.smallSmtpCache(here);
        context = UiFixture.context(cache, Files.createDirectories(here.resolve("Downloads")), false);
        UiFixture.show(stage, context, View.SMTP_AUTH, 1500, 1150);
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    private ReportData domain(FxRobot robot, String domain) {
        ReportData before = context.smtpAuth().reportProperty().get();
        robot.interact(() -> context.smtpAuth().domainProperty().set(domain));
        waitUntil(() -> context.smtpAuth().reportProperty().get() != before
                && context.smtpAuth().reportProperty().get().filter().domain().orElse("").equals(domain));
        WaitForAsyncUtils.waitForFxEvents();
        return context.smtpAuth().reportProperty().get();
    }

    /** Scrolls the page so that {@code node} is in the middle of the window, as a user would before pointing at it. */
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

    private static long[] values(XYChart.Series<String, Number> series) {
        return series.getData().stream().mapToLong(d -> d.getYValue().longValue()).toArray();
    }

    private static List<String> legend(StackedBarChart<String, Number> chart) {
        return chart.lookupAll(".chart-legend-item").stream().map(n -> ((Label) n).getText()).toList();
    }

    private static Label legendItem(StackedBarChart<String, Number> chart, String name) {
        return chart.lookupAll(".chart-legend-item").stream().map(Label.class::cast).filter(l -> l.getText().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anotherDomainOfTheSameDaysUpdatesTheBarsInPlace(FxRobot robot) {
        waitUntil(() -> context.smtpAuth().reportProperty().get() != null);
        StackedBarChart<String, Number> chart = robot.lookup("#volumeChart").queryAs(StackedBarChart.class);
        String contosoColour = context.smtpAuth().colours().domain("contoso.example");
        String fabrikamColour = context.smtpAuth().colours().domain("fabrikam.example");
        assertThat(contosoColour).isNotEqualTo(fabrikamColour);
        domain(robot, "fabrikam.example");
        XYChart.Data<String, Number> lastBar = chart.getData().get(0).getData().get(6);
        Node lastNode = lastBar.getNode();
        assertThat(lastNode.getStyleClass()).contains(fabrikamColour);
        Object tooltip = lastNode.getProperties().get(SmtpCharts.TIP);
        assertThat(tooltip).isInstanceOf(Tooltip.class);

        ReportData contoso = domain(robot, "contoso.example");
        assertThat(chart.getData()).extracting(XYChart.Series::getName).containsExactly("contoso.example");
        XYChart.Series<String, Number> series = chart.getData().get(0);
        assertThat(series.getData().get(6)).as("the same bar, updated").isSameAs(lastBar);
        assertThat(lastBar.getNode()).isSameAs(lastNode);
        long[] expected = contoso.volume().get(0).perBucket();
        assertThat(values(series)).isEqualTo(expected);
        assertThat(Arrays.stream(expected).sum()).isEqualTo(396);
        // The bar and the legend take the new domain's colour in place of the old one.
        assertThat(lastNode.getStyleClass()).contains(contosoColour).doesNotContain(fabrikamColour);
        assertThat(legend(chart)).containsExactly("contoso.example");
        assertThat(legendItem(chart, "contoso.example").getGraphic().getStyleClass()).contains(contosoColour)
                .doesNotContain(fabrikamColour);
        // One tooltip still, which tells the bar's new domain and count when the pointer comes.
        assertThat(lastNode.getProperties().get(SmtpCharts.TIP)).isSameAs(tooltip);
        assertThat(lastNode.getProperties().get("javafx.scene.control.Tooltip")).isSameAs(tooltip);
        reveal(robot, lastNode);
        robot.moveTo(lastNode);
        waitUntil(() -> robot.listWindows().stream().anyMatch(w -> w instanceof Tooltip t && t.isShowing()
                && t.getText().startsWith("contoso.example\n") && t.getText().endsWith("\n" + expected[6])));
        // A click drills down to the domain and day the bar shows now.
        robot.clickOn(lastNode);
        Button chip = robot.lookup("#seriesChip").queryAs(Button.class);
        waitUntil(chip::isVisible);
        assertThat(chip.getText()).isEqualTo("Domain: contoso.example");
        javafx.scene.control.TableView<SenderTotals> senders = robot.lookup("#senderTable").queryAs(javafx.scene.control.TableView.class);
        waitUntil(() -> !senders.getItems().isEmpty());
        assertThat(senders.getItems()).extracting(SenderTotals::domain).containsOnly("contoso.example");
    }

    @Test
    @SuppressWarnings("unchecked")
    void fewerOrMoreDomainsKeepTheFirstSeriesAndRemoveOrAddTheRest(FxRobot robot) {
        waitUntil(() -> context.smtpAuth().reportProperty().get() != null);
        StackedBarChart<String, Number> chart = robot.lookup("#volumeChart").queryAs(StackedBarChart.class);
        String contosoColour = context.smtpAuth().colours().domain("contoso.example");
        String fabrikamColour = context.smtpAuth().colours().domain("fabrikam.example");
        assertThat(chart.getData()).extracting(XYChart.Series::getName).containsExactly("contoso.example", "fabrikam.example");
        XYChart.Series<String, Number> first = chart.getData().get(0);
        Node firstNode = first.getData().get(0).getNode();

        ReportData fabrikam = domain(robot, "fabrikam.example");
        assertThat(chart.getData()).containsExactly(first);
        assertThat(first.getName()).isEqualTo("fabrikam.example");
        assertThat(values(first)).isEqualTo(fabrikam.volume().get(0).perBucket());
        assertThat(first.getData().get(0).getNode()).isSameAs(firstNode);
        assertThat(firstNode.getStyleClass()).contains(fabrikamColour).doesNotContain(contosoColour);
        assertThat(legend(chart)).containsExactly("fabrikam.example");
        // The legend entry drills down to the series it names now.
        Label entry = legendItem(chart, "fabrikam.example");
        assertThat(entry.getGraphic().getStyleClass()).contains(fabrikamColour).doesNotContain(contosoColour);
        reveal(robot, entry);
        robot.clickOn(entry);
        Button chip = robot.lookup("#seriesChip").queryAs(Button.class);
        waitUntil(chip::isVisible);
        assertThat(chip.getText()).isEqualTo("Domain: fabrikam.example");

        ReportData all = domain(robot, "");
        assertThat(chart.getData()).hasSize(2);
        assertThat(chart.getData().get(0)).isSameAs(first);
        assertThat(chart.getData()).extracting(XYChart.Series::getName).containsExactly("contoso.example", "fabrikam.example");
        for (int i = 0; i < 2; i++) {
            assertThat(values(chart.getData().get(i))).as("series " + i).isEqualTo(all.volume().get(i).perBucket());
        }
        assertThat(firstNode.getStyleClass()).contains(contosoColour).doesNotContain(fabrikamColour);
        assertThat(chart.getData().get(1).getData()).allMatch(d -> d.getNode().getStyleClass().contains(fabrikamColour));
        assertThat(legend(chart)).containsExactly("contoso.example", "fabrikam.example");
        assertThat(legendItem(chart, "contoso.example").getGraphic().getStyleClass()).contains(contosoColour);
        assertThat(legendItem(chart, "fabrikam.example").getGraphic().getStyleClass()).contains(fabrikamColour);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aHiddenPivotsChartIsDrawnWhenItIsChosen(FxRobot robot) {
        waitUntil(() -> context.smtpAuth().reportProperty().get() != null);
        StackedBarChart<String, Number> tls = robot.lookup("#tlsChart").queryAs(StackedBarChart.class);
        assertThat(tls.getData()).as("not drawn while the Sending volume pivot is shown").isEmpty();

        ReportData fabrikam = domain(robot, "fabrikam.example");
        robot.clickOn("#tlsPivot");
        waitUntil(() -> tls.isVisible() && !tls.getData().isEmpty());
        assertThat(tls.getData()).hasSize(TlsVersion.values().length);
        long[] perBar = new long[fabrikam.buckets().size()];
        for (long[] perTls : fabrikam.tlsPerBucket()) {
            for (int b = 0; b < perBar.length; b++) {
                perBar[b] += perTls[b];
            }
        }
        for (TlsVersion v : TlsVersion.values()) {
            long[] counts = fabrikam.tlsPerBucket()[v.code()];
            List<XYChart.Data<String, Number>> bars = tls.getData().get(v.ordinal()).getData();
            for (int b = 0; b < counts.length; b++) {
                double share = perBar[b] == 0 ? 0 : 100.0 * counts[b] / perBar[b];
                assertThat(bars.get(b).getYValue().doubleValue()).as(v + ", bar " + b).isEqualTo(share);
            }
        }
        assertThat(tls.getData().get(TlsVersion.TLS1_1.ordinal()).getData().get(6).getYValue().doubleValue())
                .as("the scanner's 4 messages of day 0").isEqualTo(100.0);
    }
}
