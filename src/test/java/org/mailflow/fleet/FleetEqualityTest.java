package org.mailflow.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cli.MailflowCommand;

/**
 * The fleet job on Spark in local mode (two cores), against the import of the same logs (SPEC 8):
 * its output, imported into a new cache, gives the same reports as the logs imported directly.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES) // a Spark job that waits forever fails instead
class FleetEqualityTest {
    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    static void spark() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("fleet-test").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    /** Runs the mailflow command line on {@code cache}; fails the test on a non-zero exit. */
    private static String cli(Path cache, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--cache", cache.toString()));
        all.addAll(List.of(args));
        int code = MailflowCommand.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as("exit of %s: %s", all, err).isZero();
        return out.toString();
    }

    /** Every report the command line gives of the fleet's days: summaries, the four pivots, the detailed report, the bulk table. */
    private Map<String, String> reports(Path cache) throws IOException {
        Map<String, String> r = new LinkedHashMap<>();
        for (String asOf : List.of("2026-01-01", "2026-01-02", "2026-03-12", "2026-05-05")) {
            r.put("summary " + asOf, cli(cache, "smtp-auth", "summary", "--as-of", asOf));
        }
        for (String[] range : List.of(new String[] {"2025-12-25", "2026-01-03"}, new String[] {"2026-03-01", "2026-05-31"})) {
            for (String pivot : List.of("volume", "tls", "auth", "ips")) {
                Path out = dir.resolve("export.csv");
                cli(cache, "smtp-auth", "export", "--pivot", pivot, "--from", range[0], "--to", range[1], "--out", out.toString());
                r.put("export " + pivot + " " + range[0], Files.readString(out));
            }
            Path out = dir.resolve("report.csv");
            cli(cache, "smtp-auth", "report", "--from", range[0], "--to", range[1], "--out", out.toString());
            r.put("report " + range[0], Files.readString(out));
        }
        for (String asOf : List.of("2026-05-05", "2026-06-30")) {
            r.put("bulk table " + asOf, cli(cache, "bulk", "table", "--as-of", asOf));
            r.put("bulk senders " + asOf, cli(cache, "bulk", "senders", "--as-of", asOf, "--new", "5"));
        }
        return r;
    }

    /** Each report line for line, failing on the first line that differs (with the report's name and the line). */
    private static void assertSameReports(Map<String, String> actual, Map<String, String> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String name : expected.keySet()) {
            List<String> want = expected.get(name).lines().toList();
            List<String> got = actual.get(name).lines().toList();
            for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
                assertThat(got.get(i)).as("%s, line %d", name, i + 1).isEqualTo(want.get(i));
            }
            assertThat(got).as("%s: lines", name).hasSameSizeAs(want);
        }
    }

    private FleetImport.Summary job(Path logs, Path out) throws IOException {
        FleetImport.Summary s = FleetImport.run(sc, new FleetImport.Options(List.of(logs.toString()), out.toString(), OptionalInt.empty(),
                Optional.empty(), null));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        s.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        assertThat(s.failed()).as(text.toString(StandardCharsets.UTF_8)).isFalse();
        return s;
    }

    private static long rows(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().count() - 1;
        }
    }

    private static long submissionsIn(List<String> written) throws IOException {
        long n = 0;
        for (String w : written) {
            Path p = Path.of(w.replaceFirst("^file:", ""));
            if (!p.getFileName().toString().startsWith("smtp-auth-")) {
                continue;
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
                for (String line : lines) {
                    n += Long.parseLong(line.substring(line.lastIndexOf(',') + 1));
                }
            }
        }
        return n;
    }

    @Test
    void theOutputImportedGivesTheReportsOfTheLogsImportedDirectlyThroughARerunAndAGrownLog() throws IOException {
        FleetLogs logs = new FleetLogs(dir.resolve("logs")).write();
        Path out = dir.resolve("out");
        Path direct = dir.resolve("direct.db");
        Path viaFleet = dir.resolve("fleet.db");

        FleetImport.Summary first = job(logs.root, out);
        assertThat(first.series()).hasSize(7).allMatch(r -> r.failure() == null);
        assertThat(first.series().stream().flatMap(r -> r.files().stream()).filter(f -> f.status().startsWith("passed over")))
                .extracting(f -> Path.of(f.path().replaceFirst("^file:", "")).getFileName().toString())
                .containsExactlyInAnyOrder("README", "mail.err");
        assertThat(first.written()).isNotEmpty().allMatch(w -> w.matches(".*/\\d{4}-\\d{2}-\\d{2}/(smtp-auth|auth-failures|bulk|events)-"
                + first.run() + "\\.csv\\.gz"));
        // the New Year: mx1's days run from 31 December 2025 into 2026
        assertThat(first.written()).anyMatch(w -> w.contains("/2025-12-31/")).anyMatch(w -> w.contains("/2026-01-01/"));
        cli(direct, "import", logs.root.toString());
        cli(viaFleet, "import", out.toString());
        Map<String, String> expected = reports(direct);
        assertThat(expected.get("summary 2026-01-01")).doesNotContain("messages=0");
        assertThat(expected.get("bulk table 2026-05-05").lines().skip(1)).anyMatch(l -> !l.matches("\\d,0,.*"));
        assertSameReports(reports(viaFleet), expected);

        FleetImport.Summary again = job(logs.root, out);
        assertThat(again.written()).as("a second run over the same logs").isEmpty();
        assertThat(again.series()).allSatisfy(r -> assertThat(r.files()).allMatch(f -> f.status().equals("already")
                || f.status().startsWith("passed over")));
        try (Stream<Path> manifests = Files.list(out)) {
            assertThat(manifests.filter(p -> p.getFileName().toString().startsWith(".fleet-manifest-"))).hasSize(1);
        }

        logs.growMx1();
        FleetImport.Summary grown = job(logs.root, out);
        assertThat(grown.written()).isNotEmpty().allMatch(w -> w.contains("/2026-01-01/") || w.contains("/2026-01-02/"));
        SeriesTask.Result mx1 = grown.series().stream().filter(r -> r.host().equals("mx1")).findFirst().orElseThrow();
        assertThat(mx1.files()).extracting(SeriesTask.FileOutcome::status).containsExactly("already", "already", "continued");
        long added = mx1.files().get(2).submissions();
        assertThat(added).isPositive();
        assertThat(submissionsIn(grown.written())).as("the grown log's new submissions only").isEqualTo(added);

        cli(direct, "import", logs.root.toString());
        cli(viaFleet, "import", out.toString());
        Map<String, String> after = reports(direct);
        assertThat(after).isNotEqualTo(expected);
        assertSameReports(reports(viaFleet), after);
    }

    @Test
    void aSeriesWithAFileThatCannotBeReadIsNotWrittenAndTheNextRunReadsOnlyIt() throws IOException {
        FleetLogs logs = new FleetLogs(dir.resolve("logs")).write();
        Path out = dir.resolve("out");
        Path gz = logs.root.resolve("mx1/mail.log.2.gz");
        byte[] whole = Files.readAllBytes(gz);
        java.nio.file.attribute.FileTime rotated = Files.getLastModifiedTime(gz);
        Files.write(gz, java.util.Arrays.copyOf(whole, whole.length / 2)); // a copy that stopped half-way

        FleetImport.Summary first = FleetImport.run(sc, new FleetImport.Options(List.of(logs.root.toString(),
                dir.resolve("nowhere/*.log").toString()), out.toString(), OptionalInt.empty(), Optional.empty(), null));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        first.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        String printed = text.toString(StandardCharsets.UTF_8);
        assertThat(first.exitCode()).isEqualTo(3);
        SeriesTask.Result mx1 = first.series().stream().filter(r -> r.host().equals("mx1")).findFirst().orElseThrow();
        assertThat(mx1.failure()).isNotNull();
        assertThat(mx1.failure().file()).endsWith("mx1/mail.log.2.gz");
        assertThat(mx1.failure().line()).isPositive();
        assertThat(printed).contains("FAILED host mx1, " + mx1.failure().file() + ", line " + mx1.failure().line() + ": ")
                .contains("truncated").contains("UNREADABLE " + dir.resolve("nowhere/*.log") + ": matches no file")
                .contains("README: passed over (holds nothing the fleet job reads;");
        // no half series: nothing of mx1 was written (its days are not among the files), and it is not in the manifest
        assertThat(first.written()).isNotEmpty().noneMatch(w -> w.contains("/2025-12-31/") || w.contains("/2026-01-01/"));
        String manifest = Files.readString(out.resolve(".fleet-manifest-" + first.run() + ".tsv"));
        assertThat(manifest).contains("mx2/mail.log").contains("ex1/mainlog").doesNotContain("mx1/");

        Files.write(gz, whole);
        Files.setLastModifiedTime(gz, rotated); // the year rule dates its December lines by it
        FleetImport.Summary second = job(logs.root, out);
        assertThat(second.series()).allSatisfy(r -> assertThat(r.files()).allMatch(f -> f.status().equals(
                r.host().equals("mx1") ? "new" : "already") || f.status().startsWith("passed over")));
        assertThat(second.written()).isNotEmpty().allMatch(w -> w.contains("/2025-12-31/") || w.contains("/2026-01-01/"));

        Path direct = dir.resolve("direct.db");
        Path viaFleet = dir.resolve("fleet.db");
        cli(direct, "import", logs.root.toString());
        cli(viaFleet, "import", out.toString());
        assertSameReports(reports(viaFleet), reports(direct));
    }

    @Test
    void aConnectionOpenAtARotationKeepsTheTlsItsHandshakeLoggedInTheFileBefore() throws IOException {
        Path mx9 = Files.createDirectories(dir.resolve("logs/mx9"));
        Files.writeString(mx9.resolve("mail.log.1"), ""
                + "Nov 12 23:59:58 mx9 postfix/submission/smtpd[4242]: connect from client.example[198.51.100.7]\n"
                + "Nov 12 23:59:58 mx9 postfix/submission/smtpd[4242]: Anonymous TLS connection established from client.example"
                + "[198.51.100.7]: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)\n");
        Files.writeString(mx9.resolve("mail.log"), ""
                + "Nov 13 00:00:01 mx9 postfix/submission/smtpd[4242]: 4ABC123DEF: client=client.example[198.51.100.7], "
                + "sasl_method=PLAIN, sasl_username=bob@example.com\n"
                + "Nov 13 00:00:01 mx9 postfix/cleanup[4300]: 4ABC123DEF: message-id=<m1@example.com>\n"
                + "Nov 13 00:00:01 mx9 postfix/qmgr[1000]: 4ABC123DEF: from=<bob@example.com>, size=1234, nrcpt=2 (queue active)\n"
                + "Nov 13 00:00:02 mx9 postfix/submission/smtpd[4242]: disconnect from client.example[198.51.100.7] ehlo=2 starttls=1 "
                + "auth=1 mail=1 rcpt=2 data=1 quit=1 commands=9\n");
        Path out = dir.resolve("out");
        FleetImport.Summary s = FleetImport.run(sc, new FleetImport.Options(List.of(dir.resolve("logs/*/mail.log*").toString()),
                out.toString(), OptionalInt.of(2026), Optional.empty(), null));
        assertThat(s.failed()).isFalse();
        Path viaFleet = dir.resolve("fleet.db");
        cli(viaFleet, "import", out.toString());
        String expected = "2026-11-13,bob@example.com,example.com,PLAIN,198.51.100.7,TLS1.2,ECDHE-RSA-AES256-GCM-SHA384,1,m1@example.com";
        // read alone, mail.log would give TLS (starttls=1, version unknown): the handshake is in mail.log.1
        assertThat(cli(viaFleet, "smtp-auth", "report", "--from", "2026-11-13").lines()).contains(expected);
        Path direct = dir.resolve("direct.db");
        cli(direct, "import", "--year", "2026", mx9.toString());
        assertThat(cli(direct, "smtp-auth", "report", "--from", "2026-11-13").lines()).contains(expected);
    }

    /** A small Postfix log of {@code host}: {@code n} submissions with message-ids on 13 November 2026. */
    private static String smallLog(String host, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String q = String.format("%s%05X", host.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-F0-9]", "A"), i);
            String t = String.format("Nov 13 08:%02d:%02d %s ", i / 60, i % 60, host);
            b.append(t).append("postfix/submission/smtpd[77]: connect from c.example[198.51.100.").append(i + 1).append("]\n")
                    .append(t).append("postfix/submission/smtpd[77]: ").append(q).append(": client=c.example[198.51.100.").append(i + 1)
                    .append("], sasl_method=PLAIN, sasl_username=u").append(i).append("@").append(host).append(".example\n")
                    .append(t).append("postfix/cleanup[78]: ").append(q).append(": message-id=<").append(host).append('-').append(i)
                    .append("@example>\n")
                    .append(t).append("postfix/submission/smtpd[77]: disconnect from c.example[198.51.100.").append(i + 1)
                    .append("] ehlo=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=6\n");
        }
        return b.toString();
    }

    @Test
    void seriesAreReadInTheOrderAnImportWalksTheirFoldersAndACopiedFolderCountsOnce() throws IOException {
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        Files.writeString(logs.resolve("top.log"), smallLog("top", 2)); // a folder's own files come before its sub-folders
        for (String host : List.of("mx1-b", "mx1", "a")) { // "mx1-b" sorts before "mx1/" as a path, after "mx1" as a name
            Files.writeString(Files.createDirectories(logs.resolve(host)).resolve("mail.log"), smallLog(host.replace("-", ""), 2));
        }
        Files.createDirectories(logs.resolve("zcopy"));
        Files.copy(logs.resolve("a/mail.log"), logs.resolve("zcopy/mail.log")); // the same content twice
        Path out = dir.resolve("out");
        FleetImport.Options options = new FleetImport.Options(List.of(logs.toString()), out.toString(), OptionalInt.of(2026),
                Optional.empty(), null);

        FleetImport.Summary first = FleetImport.run(sc, options);
        assertThat(first.series()).extracting(SeriesTask.Result::host).containsExactly("logs", "a", "mx1", "mx1-b", "zcopy");
        SeriesTask.Result copy = first.series().get(4);
        assertThat(copy.failure()).isNotNull();
        assertThat(copy.failure().reason()).contains("a/mail.log");
        assertThat(first.exitCode()).isEqualTo(3);
        FleetImport.Summary second = job(logs, out);
        assertThat(second.written()).isEmpty(); // the copy is passed over now: nothing new
        assertThat(second.series().get(4).files()).extracting(SeriesTask.FileOutcome::status).containsExactly("already");

        Path direct = dir.resolve("direct.db");
        Path viaFleet = dir.resolve("fleet.db");
        cli(direct, "import", "--year", "2026", logs.toString());
        cli(viaFleet, "import", out.toString());
        String report = cli(direct, "smtp-auth", "report", "--from", "2026-11-13");
        assertThat(report.lines().skip(1).map(l -> l.split(",")[8])).containsExactly("top-0@example", "top-1@example", "a-0@example",
                "a-1@example", "mx1-0@example", "mx1-1@example", "mx1b-0@example", "mx1b-1@example");
        assertThat(cli(viaFleet, "smtp-auth", "report", "--from", "2026-11-13")).isEqualTo(report);
    }

    @Test
    void aRunWaitsForNoOtherRunItRefusesToWriteBesideOne() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs/mx1"));
        Files.writeString(logs.resolve("mail.log"), smallLog("mx1", 1));
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve(FleetImport.LOCK), "2026-12-04T03:15Z\n");
        FleetImport.Options options = new FleetImport.Options(List.of(dir.resolve("logs").toString()), out.toString(),
                OptionalInt.of(2026), Optional.empty(), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FleetImport.run(sc, options)).isInstanceOf(FleetImport.Busy.class)
                .hasMessageContaining(FleetImport.LOCK).hasMessageContaining("delete");
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(FleetImport.LOCK); // nothing written, the lock kept
        }
        Files.delete(out.resolve(FleetImport.LOCK));
        assertThat(job(dir.resolve("logs"), out).written()).hasSize(1);
        assertThat(out.resolve(FleetImport.LOCK)).doesNotExist();
    }
}
