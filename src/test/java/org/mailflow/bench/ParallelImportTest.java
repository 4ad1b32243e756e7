package org.mailflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.ingest.BadInputException;
import org.mailflow.ingest.ImportCancelledException;
import org.mailflow.ingest.ImportJob;
import org.mailflow.ingest.ImportOptions;
import org.mailflow.ingest.ImportProgress;
import org.mailflow.ingest.ImportSummary;

/**
 * Files read ahead on several threads while one writer commits (issue 15, "all cores";
 * {@code org.mailflow.ingest.Prefetch}): a folder of small CSV files and a Maildir (the inputs of
 * {@code bench import --many-files}) give the same cache with 1, 2 and 4 threads; a bad file among
 * them fails the import with its name and line and leaves the cache as it was; a cancel stops every
 * worker.
 */
class ParallelImportTest {
    @TempDir
    Path dir;

    private static final ImportProgress QUIET = (file, done, total) -> { };

    private static ImportOptions threads(int n) {
        return ImportOptions.DEFAULT.withThreads(n);
    }

    /** Every table the import writes, row by row, in key order. */
    private static List<String> contents(Cache cache) throws Exception {
        return cache.read(c -> {
            List<String> out = new ArrayList<>();
            for (String sql : List.of("SELECT * FROM smtp_account ORDER BY 1", "SELECT * FROM smtp_name ORDER BY 1",
                    "SELECT * FROM smtp_detail ORDER BY 1, 2, 3, 4, 5, 6, 7", "SELECT * FROM smtp_message ORDER BY 1, 2",
                    "SELECT * FROM bulk_sender ORDER BY 1", "SELECT * FROM bulk_daily ORDER BY 1, 2, 3",
                    "SELECT * FROM bulk_event_daily ORDER BY 1, 2, 3",
                    "SELECT content_hash, length, head_hash, prefix_hash, rows, format, name FROM source ORDER BY 1")) {
                try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(rs.getString(i)).append('|');
                        }
                        out.add(row.toString());
                    }
                }
            }
            return out;
        });
    }

    private Path inputs() throws Exception {
        Path root = dir.resolve("in");
        ManyFilesBench.writeCsvFiles(Files.createDirectories(root.resolve("csv")), 300, 7);
        ManyFilesBench.writeMaildir(root.resolve("Maildir"), 400, 7);
        return root;
    }

    @Test
    void oneTwoAndFourThreadsWriteTheSameCacheAndAgainNothing() throws Exception {
        Path root = inputs();
        List<String> expected = null;
        for (int n : new int[] {1, 2, 4}) {
            try (Cache cache = Cache.open(dir.resolve("c" + n + ".db"))) {
                expected = importedAsBefore(cache, n, root, expected);
                ImportSummary again = new ImportJob(cache, threads(n)).run(List.of(root), QUIET, () -> false);
                assertThat(again.files()).extracting(ImportSummary.FileResult::status)
                        .containsOnly(ImportSummary.Status.ALREADY_IMPORTED);
                assertThat(contents(cache)).isEqualTo(expected);
            }
        }
    }

    @Test
    void aRotatedSeriesReadAheadGivesTheSameCacheAsOneFileAtATime() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        long size = 24L << 20; // 8 weekly files of 3 MB, the older ones gzip
        try (YearOfLogsBench.Rotation rotation = new YearOfLogsBench.Rotation(logs)) {
            new PostfixLogGenerator(7, YearOfLogsBench.START).traffic(size / 56.0 / (110.0 * (1 << 20))).write(rotation, size);
            rotation.finish();
            YearOfLogsBench.nameAsLogrotate(logs, rotation.parts());
        }
        try (var files = Files.list(logs)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".gz")).count()).isGreaterThan(3);
        }
        // last week's plain file is larger than what is read ahead whole: it is read ahead as a log
        assertThat(Files.size(logs.resolve("mail.log.1"))).isGreaterThan(1L << 20);
        List<String> expected = null;
        for (int n : new int[] {1, 4}) { // 4: the next log is read ahead while one is parsed
            try (Cache cache = Cache.open(dir.resolve("logs" + n + ".db"))) {
                expected = importedAsBefore(cache, n, logs, expected);
            }
        }
    }

    /**
     * Imports {@code input} with {@code n} threads, every file new; returns the tables, which must equal
     * {@code expected} unless it is null (the first import).
     */
    private static List<String> importedAsBefore(Cache cache, int n, Path input, List<String> expected) throws Exception {
        ImportSummary s = new ImportJob(cache, threads(n)).run(List.of(input), QUIET, () -> false);
        assertThat(s.files()).filteredOn(f -> f.status() != ImportSummary.Status.IMPORTED)
                .extracting(f -> f.file().getFileName() + " " + f.status() + " " + f.noteText()).isEmpty();
        List<String> rows = contents(cache);
        assertThat(rows).hasSizeGreaterThan(1_000);
        if (expected != null) {
            assertThat(rows).as("%d threads", n).isEqualTo(expected);
        }
        return rows;
    }

    @Test
    void aBadFileAmongManyFailsTheImportWithItsNameAndLineAndChangesNothing() throws Exception {
        Path root = inputs();
        Path csv = root.resolve("csv");
        try (var files = Files.list(csv)) {
            List<Path> sorted = files.sorted().toList();
            Path victim = sorted.get(sorted.size() / 2);
            List<String> lines = new ArrayList<>(Files.readAllLines(victim, StandardCharsets.UTF_8));
            lines.set(2, "not,a,row,of,this,file");
            Files.write(victim, lines, StandardCharsets.UTF_8);
            try (Cache cache = Cache.open(dir.resolve("c.db"))) {
                new ImportJob(cache, threads(2)).run(List.of(sorted.get(0)), QUIET, () -> false);
                List<String> before = contents(cache);
                for (int n : new int[] {1, 2}) {
                    BadInputException e = catchThrowableOfType(
                            () -> new ImportJob(cache, threads(n)).run(List.of(root), QUIET, () -> false), BadInputException.class);
                    assertThat(e.file()).isEqualTo(victim);
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(contents(cache)).as("%d threads", n).isEqualTo(before);
                }
            }
        }
    }

    @Test
    void aCancelStopsTheWorkersAndChangesNothing() throws Exception {
        Path root = inputs();
        try (Cache cache = Cache.open(dir.resolve("c.db"))) {
            List<String> before = contents(cache);
            AtomicInteger asked = new AtomicInteger();
            ImportCancelledException e = catchThrowableOfType(
                    () -> new ImportJob(cache, threads(2)).run(List.of(root), QUIET, () -> asked.incrementAndGet() > 200),
                    ImportCancelledException.class);
            assertThat(e).isNotNull();
            assertThat(contents(cache)).isEqualTo(before);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (workers() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(workers()).as("read-ahead threads left running").isZero();
        }
    }

    @Test
    void aFileThatVanishesFromItsFolderBeforeItsTurnIsPassedOverAndListed() throws Exception {
        Path csv = Files.createDirectories(dir.resolve("csv"));
        ManyFilesBench.writeCsvFiles(csv, 80, 7);
        List<Path> sorted;
        try (var files = Files.list(csv)) {
            sorted = files.sorted().toList();
        }
        Path vanishing = sorted.get(60);
        ImportProgress deleteOnFirstFile = (file, done, total) -> {
            try {
                Files.deleteIfExists(vanishing); // listed already; opened only when its turn comes (1 thread)
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        try (Cache cache = Cache.open(dir.resolve("c.db"))) {
            ImportSummary s = new ImportJob(cache, threads(1)).run(List.of(csv), deleteOnFirstFile, () -> false);
            assertThat(s.files()).hasSize(80);
            ImportSummary.FileResult gone = s.files().stream().filter(f -> f.file().equals(vanishing)).findFirst().orElseThrow();
            assertThat(gone.status()).isEqualTo(ImportSummary.Status.SKIPPED);
            assertThat(gone.noteText().toString()).isNotBlank();
            assertThat(s.files()).filteredOn(f -> f.status() == ImportSummary.Status.IMPORTED).hasSize(79);
        }
    }

    @Test
    void aMessageMovedAwayAfterItWasReadAheadIsImportedAsItWasRead() throws Exception {
        Path maildir = dir.resolve("m").resolve("Maildir");
        ManyFilesBench.writeMaildir(maildir, 80, 7);
        List<Path> messages;
        try (var files = Files.walk(maildir)) {
            messages = files.filter(Files::isRegularFile).sorted().toList();
        }
        Path moved = messages.get(messages.size() - 5);
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        ImportProgress moveAway = (file, done, total) -> {
            if (!once.getAndSet(true)) {
                try {
                    Thread.sleep(300); // the workers read ahead meanwhile (at most 64 files each)
                    Files.delete(moved); // as a mail program moves new/x to cur/x:2,S
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        try (Cache cache = Cache.open(dir.resolve("c.db"))) {
            ImportSummary s = new ImportJob(cache, threads(2)).run(List.of(dir.resolve("m")), moveAway, () -> false);
            assertThat(Files.exists(moved)).isFalse();
            assertThat(s.files().stream().mapToLong(ImportSummary.FileResult::read).sum()).as("messages read").isEqualTo(80);
        }
    }

    private static long workers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("import-prefetch-")).count();
    }
}
