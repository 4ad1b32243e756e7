package org.mailflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.testing.SmtpFixtures;

/** {@code bench smtp-auth} on the small hand-made cache: it prints every figure and leaves no report file behind. */
class BenchSmtpAuthTest {
    @TempDir
    Path dir;

    @Test
    void printsTheOpeningFilterChangeReportAndHeapFigures() throws Exception {
        Path file;
        try (Cache cache = SmtpFixtures.smallSmtpCache(dir)) {
            file = cache.file();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String tmp = System.getProperty("java.io.tmpdir");
        long reportsBefore = benchFiles(Path.of(tmp));
        int code = Bench.run(new String[] {"--cache", file.toString(), "smtp-auth", "--opens", "2", "--passes", "2",
            "--reports", "1"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .doesNotContain("generating")
                .contains("Data: 6 accounts", "last 7 days: 6 senders, 2 with legacy TLS, 402 messages")
                .contains("Last 7 days: 5 on Basic authentication; 19 client IPs")
                .containsPattern("Open the page \\(load the cache's submissions \\+ locate their IPs \\+ first 7-day report of the "
                        + "four pivots\\): median \\d+ ms \\(load \\d+ ms, locate \\d+ ms")
                .containsPattern("Geo lookups \\(100,000 distinct IPs, .*\\): median \\d+ ms, [\\d,]+ lookups/s")
                .containsPattern("Client IPs search over the 90-day table \\(\\d+ IPs; .*\\): median [\\d.]+ ms")
                .containsPattern("Filter change -> data ready \\(14 changes: .*\\): median [\\d.]+ ms, p99 [\\d.]+ ms")
                .containsPattern("Detailed report, 90 days \\(.*\\): \\d+ rows, .*rows/s")
                .containsPattern("Peak heap: ran in a maximum heap of \\d+ MB without running out.*sum of the pools. own peaks \\d+ MB");
        assertThat(benchFiles(Path.of(tmp))).isEqualTo(reportsBefore);
    }

    private static long benchFiles(Path tmp) throws Exception {
        try (var files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("mailflow-bench-")).count();
        }
    }
}
