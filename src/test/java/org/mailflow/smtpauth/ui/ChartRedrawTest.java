package org.mailflow.smtpauth.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.app.AppContext;
import org.mailflow.app.View;
import org.mailflow.cache.Cache;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.testing.SmtpFixtures;
import org.mailflow.testing.UiFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * How a filter change redraws the SMTP AUTH charts (the page's speed on a large cache depends on it):
 * bars of the same days are updated in place, names, legend and tooltips included, and a chart whose
 * pivot is not chosen is drawn when it is.
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

    @Test
    @SuppressWarnings("unchecked")
    void anotherDomainOfTheSameDaysUpdatesTheBarsInPlace(FxRobot robot) {
        waitUntil(() -> context.smtpAuth().reportProperty().get() != null);
        StackedBarChart<String, Number> chart = robot.lookup("#volumeChart").queryAs(StackedBarChart.class);
        domain(robot, "fabrikam.example");
        XYChart.Data<String, Number> firstBar = chart.getData().get(0).getData().get(0);
        Node firstNode = firstBar.getNode();

        ReportData contoso = domain(robot, "contoso.example");
        assertThat(chart.getData()).extracting(XYChart.Series::getName).containsExactly("contoso.example");
        XYChart.Series<String, Number> series = chart.getData().get(0);
        assertThat(series.getData().get(0)).as("the same bar, updated").isSameAs(firstBar);
        assertThat(firstBar.getNode()).isSameAs(firstNode);
        long[] expected = contoso.volume().get(0).perBucket();
        assertThat(series.getData().stream().mapToLong(d -> d.getYValue().longValue()).toArray()).isEqualTo(expected);
        assertThat(Arrays.stream(expected).sum()).isEqualTo(396);
        // The legend names the new domain, and the bar's one tooltip tells its new count.
        assertThat(chart.lookupAll(".chart-legend-item")).extracting(n -> ((Label) n).getText()).containsExactly("contoso.example");
        Tooltip tip = (Tooltip) firstNode.getProperties().get("mailflow.tip");
        assertThat(tip.getText()).isEqualTo("contoso.example, " + series.getData().get(0).getXValue() + ": " + expected[0]);
    }

    @Test
    @SuppressWarnings("unchecked")
    void fewerOrMoreDomainsKeepTheFirstSeriesAndRemoveOrAddTheRest(FxRobot robot) {
        waitUntil(() -> context.smtpAuth().reportProperty().get() != null);
        StackedBarChart<String, Number> chart = robot.lookup("#volumeChart").queryAs(StackedBarChart.class);
        assertThat(chart.getData()).extracting(XYChart.Series::getName).containsExactly("contoso.example", "fabrikam.example");
        XYChart.Series<String, Number> first = chart.getData().get(0);

        ReportData fabrikam = domain(robot, "fabrikam.example");
        assertThat(chart.getData()).containsExactly(first);
        assertThat(first.getName()).isEqualTo("fabrikam.example");
        assertThat(first.getData().stream().mapToLong(d -> d.getYValue().longValue()).toArray())
                .isEqualTo(fabrikam.volume().get(0).perBucket());
        assertThat(chart.lookupAll(".chart-legend-item")).extracting(n -> ((Label) n).getText()).containsExactly("fabrikam.example");

        ReportData all = domain(robot, "");
        assertThat(chart.getData()).hasSize(2);
        assertThat(chart.getData().get(0)).isSameAs(first);
        assertThat(chart.getData()).extracting(XYChart.Series::getName).containsExactly("contoso.example", "fabrikam.example");
        for (int i = 0; i < 2; i++) {
            assertThat(chart.getData().get(i).getData().stream().mapToLong(d -> d.getYValue().longValue()).toArray())
                    .as("series " + i).isEqualTo(all.volume().get(i).perBucket());
        }
        assertThat(chart.lookupAll(".chart-legend-item")).extracting(n -> ((Label) n).getText())
                .containsExactly("contoso.example", "fabrikam.example");
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
        long[] none = fabrikam.tlsPerBucket()[TlsVersion.NONE.code()];
        List<XYChart.Data<String, Number>> bars = tls.getData().get(TlsVersion.NONE.ordinal()).getData();
        for (int b = 0; b < none.length; b++) {
            assertThat((Long) bars.get(b).getExtraValue()).as("bar " + b).isEqualTo(none[b]);
        }
    }
}
