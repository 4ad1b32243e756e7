package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mailflow.ingest.ImportTestKit.bcl;
import static org.mailflow.ingest.ImportTestKit.load;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.Cache;

/** SPEC 5: the import is transactional; a failed or cancelled import leaves the cache exactly as before. */
class ImportTransactionTest {
    private static final String HEADER = "timestamp,sender,bcl,delivery,count\n";

    @TempDir
    Path dir;

    private Path cacheWithData() throws Exception {
        Path db = dir.resolve("cache.db");
        try (Cache cache = Cache.open(db)) {
            run(cache, write(dir, "base.csv", HEADER + "2026-11-01T10:00:00Z,old@x.example,3,inbox,7\n"),
                    write(dir, "base-ab.csv", "sender,action\nold@x.example,allow\n"),
                    write(dir, "base-pol.csv", "name,bulk_threshold\nMarketing,4\n"));
        }
        return db;
    }

    private static Path bigBulk(Path dir, String name, int rows) throws Exception {
        // Senders are named after the file, so two files never look like copies of each other.
        String prefix = name.replaceAll("\\W", "");
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            sb.append("2026-11-").append(10 + i % 10).append("T08:00:00Z,").append(prefix).append(i % 300).append("@x.example,").append(i % 10)
                    .append(",inbox,1\n");
        }
        return write(dir, name, sb.toString());
    }

    private interface CacheWork {
        void run(Cache cache) throws Exception;
    }

    /** Runs {@code work} on the cache at {@code db} and checks that the cache file's bytes are the same afterwards. */
    private static void assertFileUnchanged(Path db, CacheWork work) throws Exception {
        byte[] before = Files.readAllBytes(db);
        String dumpBefore;
        try (Cache cache = Cache.open(db)) {
            dumpBefore = ImportTestKit.dump(cache);
            BulkDataset loadBefore = load(cache);
            work.run(cache);
            assertThat(ImportTestKit.dump(cache)).isEqualTo(dumpBefore);
            BulkDataset loadAfter = load(cache);
            assertThat(loadAfter.size()).isEqualTo(loadBefore.size());
            assertThat(loadAfter.bclTotals()).isEqualTo(loadBefore.bclTotals());
        }
        assertThat(Files.exists(Path.of(db + "-wal"))).as("WAL left behind").isFalse();
        assertThat(Files.readAllBytes(db)).as("cache file bytes").isEqualTo(before);
    }

    @Test
    void secondFileBadLeavesTheFirstFilesRowsOutToo() throws Exception {
        Path db = cacheWithData();
        Path first = bigBulk(dir, "first.csv", 500);
        Path second = write(dir, "second.csv", HEADER + "2026-11-12T08:00:00Z,a@x.example,5,inbox,1\n2026-11-12T08:00:00Z,a@x.example,5,outbox,1\n");

        assertFileUnchanged(db, cache -> {
            BadInputException e = ImportTestKit.fails(cache, first, second);
            assertThat(e.file()).isEqualTo(second);
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.getMessage()).contains("second.csv");
        });

        // nothing of first.csv was remembered either: importing it alone now imports all its rows
        try (Cache cache = Cache.open(db)) {
            ImportSummary s = run(cache, first);
            assertThat(s.files().get(0).status()).isEqualTo(ImportSummary.Status.IMPORTED);
            assertThat(s.rows()).isEqualTo(500);
        }
    }

    @Test
    void batchFailingOnAPolicyOrAllowBlockFileKeepsEveryKindOfDataOut() throws Exception {
        Path db = cacheWithData();
        Path bulk = write(dir, "b.csv", HEADER + "2026-11-12T08:00:00Z,new@x.example,5,inbox,1\n");
        Path ab = write(dir, "ab.csv", "sender,action\nold@x.example,block\nnew@x.example,allow\n");
        Path pol = write(dir, "pol.csv", "name,bulk_threshold\nMarketing,8\nSales,3\nDefault,2\n");

        assertFileUnchanged(db, cache -> {
            BadInputException e = ImportTestKit.fails(cache, bulk, ab, pol);
            assertThat(e.file()).isEqualTo(pol);
            assertThat(e.line()).isEqualTo(4);
        });
    }

    @Test
    void badRowFailureLeavesTheCacheFileByteForByteUnchanged() throws Exception {
        Path db = cacheWithData();
        // enough rows that the writer has flushed to SQLite inside the transaction before the bad row
        Path f = bigBulk(dir, "big.csv", 250_000);
        Files.writeString(f, "2026-11-12T08:00:00Z,zz@x.example,5,inbox,-1\n", java.nio.file.StandardOpenOption.APPEND);

        assertFileUnchanged(db, cache -> {
            BadInputException e = ImportTestKit.fails(cache, f);
            assertThat(e.line()).isEqualTo(250_002);
            assertThat(e.reason()).contains("count \"-1\"");
        });
    }

    @Test
    void cancelledBeforeStartChangesNothing() throws Exception {
        Path db = cacheWithData();
        Path f = bigBulk(dir, "f.csv", 10);

        assertFileUnchanged(db, cache -> {
            ImportCancelledException e = catchThrowableOfType(ImportCancelledException.class,
                    () -> new ImportJob(cache, ImportOptions.DEFAULT).run(List.of(f), ImportProgress.NONE, () -> true));
            assertThat(e).isNotNull();
        });
    }

    @Test
    void cancelledInTheMiddleOfAFileChangesNothing() throws Exception {
        Path db = cacheWithData();
        Path f = bigBulk(dir, "f.csv", 20_000);
        AtomicInteger calls = new AtomicInteger();
        // false before the file starts, then true at the first check inside the file
        BooleanSupplier cancel = () -> calls.incrementAndGet() > 1;

        assertFileUnchanged(db, cache -> {
            ImportCancelledException e = catchThrowableOfType(ImportCancelledException.class,
                    () -> new ImportJob(cache, ImportOptions.DEFAULT).run(List.of(f), ImportProgress.NONE, cancel));
            assertThat(e).isNotNull();
        });
        assertThat(calls.get()).isGreaterThan(1);
    }

    @Test
    void cancelledBetweenFilesDropsTheFirstFileToo() throws Exception {
        Path db = cacheWithData();
        Path a = write(dir, "a.csv", HEADER + "2026-11-12T08:00:00Z,a@x.example,5,inbox,1\n");
        Path b = write(dir, "b.csv", HEADER + "2026-11-12T08:00:00Z,b@x.example,5,inbox,1\n");
        AtomicInteger calls = new AtomicInteger();
        BooleanSupplier cancel = () -> calls.incrementAndGet() > 1;

        assertFileUnchanged(db, cache -> {
            ImportCancelledException e = catchThrowableOfType(ImportCancelledException.class,
                    () -> new ImportJob(cache, ImportOptions.DEFAULT).run(List.of(a, b), ImportProgress.NONE, cancel));
            assertThat(e).isNotNull();
            assertThat(load(cache).indexOf("a@x.example")).isEmpty();
        });
    }

    @Test
    void cacheIsUsableAfterAFailedImport() throws Exception {
        Path db = cacheWithData();
        try (Cache cache = Cache.open(db)) {
            ImportTestKit.fails(cache, write(dir, "bad.csv", HEADER + "2026-11-12T08:00:00Z,a@x.example,55,inbox,1\n"));
            ImportSummary s = run(cache, write(dir, "good.csv", HEADER + "2026-11-12T08:00:00Z,a@x.example,5,inbox,2\n"));
            assertThat(s.rows()).isEqualTo(1);
            assertThat(bcl(load(cache), "a@x.example", 5)).isEqualTo(2);
            assertThat(bcl(load(cache), "old@x.example", 3)).isEqualTo(7);
            assertThat(new BulkStore(cache).latestDay()).contains(java.time.LocalDate.of(2026, 11, 12));
        }
    }

    @Test
    void progressEndsAtTheTotalOfTheFileSizes() throws Exception {
        Path db = cacheWithData();
        Path a = bigBulk(dir, "a.csv", 5000);
        Path b = bigBulk(dir, "b.csv", 10);
        long total = Files.size(a) + Files.size(b);
        long[] last = new long[2];
        try (Cache cache = Cache.open(db)) {
            new ImportJob(cache, ImportOptions.DEFAULT).run(List.of(a, b), (file, done, all) -> {
                assertThat(done).isLessThanOrEqualTo(all);
                assertThat(done).isGreaterThanOrEqualTo(last[0]);
                last[0] = done;
                last[1] = all;
            }, () -> false);
        }
        assertThat(last[0]).isEqualTo(total);
        assertThat(last[1]).isEqualTo(total);
    }
}
