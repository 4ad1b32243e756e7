package org.mailflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.demo.DemoGenerator;
import org.testfx.api.FxToolkit;

/**
 * {@code bench ui} on the small demo cache with a few moves: the real window opens on it, every page
 * and pivot is drawn, and every figure line is printed. JavaFX runs as the other UI tests run it
 * (Monocle, started by TestFX), which the bench finds running.
 */
class BenchUiTest {
    @TempDir
    Path dir;

    @Test
    void printsThePageSliderAndFilterFigures() throws Exception {
        Path file = dir.resolve("small.db");
        try (Cache cache = Cache.open(file)) {
            new DemoGenerator(42, DemoGenerator.Scale.SMALL).fill(cache);
        }
        FxToolkit.registerPrimaryStage();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Bench.run(new String[] {"--cache", file.toString(), "ui", "--moves", "6"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err + "\n" + out).isZero();
        String ms = "[\\d.]+ ms";
        assertThat(out.toString())
                .doesNotContain("generating")
                .containsPattern("Start -> Dashboard drawn: cards \\d+ ms, unusual-activity count \\d+ ms later")
                .containsPattern("Choose page -> data drawn, Bulk sender insights: \\d+ ms \\(data \\d+ ms, laid out \\d+ ms, painted \\d+ ms\\)")
                .containsPattern("of which: the 60-day window loaded from the cache \\(on the FX thread\\) \\d+ ms, its [\\d,]+ sender rows "
                        + "built \\d+ ms")
                .containsPattern("Choose page -> data drawn, SMTP AUTH, Sending volume: \\d+ ms")
                .containsPattern("Choose page -> data drawn, SMTP AUTH, TLS usage: \\d+ ms")
                .containsPattern("Choose page -> data drawn, SMTP AUTH, Authentication: \\d+ ms")
                .containsPattern("Choose page -> data drawn, SMTP AUTH, Client IPs: \\d+ ms")
                .containsPattern("Slider move -> BCL chart, BCL table and sender table redrawn \\(6 moves, .*, [\\d,]+ senders in the table\\): "
                        + "median " + ms + ", p99 " + ms)
                .containsPattern("Filter change -> SMTP AUTH chart, totals and table redrawn \\(6 changes: .*\\): median " + ms + ", p99 " + ms)
                .containsPattern("Peak heap: ran in a maximum heap of \\d+ MB without running out.*sum of the pools. own peaks \\d+ MB");
    }

    @Test
    void aMissingCacheOrNoMovesIsRefusedAndNothingIsCreated() {
        Path missing = dir.resolve("missing.db");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Bench.run(new String[] {"--cache", missing.toString(), "ui"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains(missing + " does not exist");
        assertThat(missing).doesNotExist();

        StringWriter err2 = new StringWriter();
        assertThat(Bench.run(new String[] {"ui", "--moves", "0"}, new PrintWriter(new StringWriter()), new PrintWriter(err2))).isNotZero();
        assertThat(err2.toString()).contains("--moves must be at least 1");
    }
}
