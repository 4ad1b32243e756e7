package org.mailflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;

/**
 * {@code bench year} on a small year (300 accounts, 60 days): the generator writes what it says, in the
 * shape the import writes (every submission counted once in smtp_detail, one smtp_message row each,
 * smtp_seen kept by its trigger), and the bench prints every figure.
 */
class BenchYearTest {
    @TempDir
    Path dir;

    @Test
    void generatesASmallYearAndPrintsEveryFigure() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Bench.run(new String[] {"year", "--work", dir.toString(), "--accounts", "300", "--submissions", "20000", "--servers", "3",
            "--bulk-senders", "500", "--bulk-messages", "20000", "--days", "60", "--runs", "1"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text)
                .containsPattern("Generated: [\\d,]+ SMTP AUTH submissions \\([\\d,]+ detail rows, [\\d,]+ message rows")
                .containsPattern("per million submissions")
                .containsPattern("Open the report on 7 days .*: median \\d+ ms")
                .containsPattern("Filter change in the 7-day window .*: median [\\d.]+ ms")
                .containsPattern("A 90-day range .*: median \\d+ ms")
                .containsPattern("Bulk sender insights, 60 days \\(.*\\): load median \\d+ ms.*slider update median [\\d.]+ ms")
                .containsPattern("Peak heap: ran in a maximum heap of \\d+ MB without running out.*sum of the pools. own peaks \\d+ MB");
        try (Cache cache = Cache.open(dir.resolve("year.db"))) {
            long[] n = cache.read(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT (SELECT sum(count) FROM smtp_detail), "
                        + "(SELECT count(*) FROM smtp_message), (SELECT sum(unidentified) FROM smtp_detail), (SELECT count(*) FROM smtp_seen), "
                        + "(SELECT count(*) FROM (SELECT DISTINCT account_id, domain_id, method_id, ip_id FROM smtp_detail)), "
                        + "(SELECT sum(inbox + junk + quarantine + deleted + unknown) FROM bulk_daily)")) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)};
                }
            });
            assertThat(n[0]).isGreaterThanOrEqualTo(20_000).isEqualTo(n[1]);
            assertThat(n[2]).isZero();
            assertThat(n[3]).isEqualTo(n[4]);
            assertThat(n[5]).isGreaterThanOrEqualTo(20_000);
            assertThat(text).contains(String.format(java.util.Locale.ROOT, "%,d SMTP AUTH submissions", n[0]));
        }
    }
}
