package org.mailflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.ingest.ImportJob;
import org.mailflow.ingest.ImportOptions;
import org.mailflow.ingest.ImportProgress;
import org.mailflow.ingest.ImportSummary;

/** The inputs of {@code bench import --many-files}: the same per seed, of the sizes it says, and imported as they are meant. */
class ManyFilesBenchTest {
    @TempDir
    Path dir;

    private static final ImportProgress QUIET = (file, done, total) -> { };

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void theCsvFolderIsTheSamePerSeedOfSmallSmtpAuthFilesThatImportWithoutABadRow() throws Exception {
        long bytes = ManyFilesBench.writeCsvFiles(Files.createDirectories(dir.resolve("a")), 40, 42);
        ManyFilesBench.writeCsvFiles(Files.createDirectories(dir.resolve("b")), 40, 42);

        List<Path> a = files(dir.resolve("a"));
        assertThat(a).hasSize(40);
        for (Path f : a) {
            assertThat(Files.readAllBytes(f)).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f.getFileName())));
            assertThat(Files.size(f)).isBetween(200L, 6_000L);
        }
        assertThat(bytes).isEqualTo(a.stream().mapToLong(f -> f.toFile().length()).sum());
        try (Cache cache = Cache.open(dir.resolve("c.db"))) {
            ImportSummary s = new ImportJob(cache, ImportOptions.DEFAULT).run(List.of(dir.resolve("a")), QUIET, () -> false);
            assertThat(s.files()).hasSize(40).allMatch(f -> f.status() == ImportSummary.Status.IMPORTED && f.badRowCount() == 0
                    && f.smtpAuth());
        }
    }

    @Test
    void compareThreadsTimesOneAndTwoThreadsAndPrintsTheSpeedUp() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Bench.run(new String[] {"import", "--many-files", "--work", dir.toString(), "--files", "30", "--maildir-messages", "40",
            "--runs", "1", "--compare-threads", "2"}, new java.io.PrintWriter(out), new java.io.PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("CSV files with --threads 1:", "CSV files with --threads 2:", "Maildir messages with --threads 2:")
                .containsPattern("CSV files, speed-up from 1 to 2 threads: import \\d+\\.\\d\\d×, again \\d+\\.\\d\\d×")
                .containsPattern("Maildir messages, speed-up from 1 to 2 threads: import \\d+\\.\\d\\d×, again \\d+\\.\\d\\d×");
    }

    @Test
    void theMaildirHoldsOneFilePerMessageInCurNewAndJunkAndImportsAsBulkMail() throws Exception {
        Path maildir = dir.resolve("m").resolve("Maildir");
        ManyFilesBench.writeMaildir(maildir, 60, 42);

        List<Path> messages = files(maildir);
        assertThat(messages).hasSize(60);
        assertThat(messages).anyMatch(p -> p.getParent().endsWith("new")).anyMatch(p -> p.getParent().endsWith(Path.of(".Junk", "cur")));
        assertThat(Files.readString(messages.get(0))).doesNotStartWith("From ").contains("X-Microsoft-Antispam");
        try (Cache cache = Cache.open(dir.resolve("c.db"))) {
            ImportSummary first = new ImportJob(cache, ImportOptions.DEFAULT).run(List.of(dir.resolve("m")), QUIET, () -> false);
            ImportSummary again = new ImportJob(cache, ImportOptions.DEFAULT).run(List.of(dir.resolve("m")), QUIET, () -> false);
            assertThat(first.files()).extracting(ImportSummary.FileResult::status).containsOnly(ImportSummary.Status.IMPORTED);
            assertThat(first.files().stream().mapToLong(ImportSummary.FileResult::rows).sum()).isGreaterThan(30);
            assertThat(again.files()).extracting(ImportSummary.FileResult::status).containsOnly(ImportSummary.Status.ALREADY_IMPORTED);
        }
    }
}
