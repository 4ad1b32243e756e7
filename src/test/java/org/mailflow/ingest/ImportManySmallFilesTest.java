package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.bcl;
import static org.mailflow.ingest.ImportTestKit.fails;
import static org.mailflow.ingest.ImportTestKit.load;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailflow.cache.SourceStore;

/**
 * Issue 15, many files: a folder of many small CSVs whose earlier imports are found by index
 * ({@link Fingerprints#prefixKeys}), with the rules of SPEC 5 kept for small files: the same content
 * again adds nothing, a grown file imports only its new rows, a changed last line is refused.
 */
class ImportManySmallFilesTest extends WithCache {
    private static final String HEADER = "timestamp,sender,bcl,delivery,count\n";
    /** Enough for the batch to hold the cache's prefix keys in memory (ImportJob.MANY_FILES). */
    private static final int FILES = 80;

    /** A small export of one sender (3 to 6 rows, counts 1, 2, …): the same header and date start in every file. */
    private static String export(int i) {
        StringBuilder b = new StringBuilder(HEADER);
        for (int r = 0; r < 3 + i % 4; r++) {
            b.append("2026-11-12T08:").append(String.format("%02d", r)).append(":00Z,s").append(i).append("@x.example,5,inbox,")
                    .append(1 + r).append('\n');
        }
        return b.toString();
    }

    private Path folder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("exports"));
        for (int i = 0; i < FILES; i++) {
            write(folder, String.format("export-%03d.csv", i), export(i));
        }
        return folder;
    }

    @Test
    void theSameEightyFilesTwiceAddNothingTheSecondTime() throws Exception {
        Path folder = folder();
        ImportSummary first = run(cache, folder);
        String after = ImportTestKit.dump(cache);

        ImportSummary second = run(cache, folder);

        assertThat(first.files()).hasSize(FILES).allMatch(f -> f.status() == ImportSummary.Status.IMPORTED);
        assertThat(second.files()).hasSize(FILES).allMatch(f -> f.status() == ImportSummary.Status.ALREADY_IMPORTED);
        assertThat(second.rows()).isZero();
        assertThat(ImportTestKit.dump(cache)).isEqualTo(after);
        assertThat(bcl(load(cache), "s7@x.example", 5)).isEqualTo(1 + 2 + 3 + 4 + 5 + 6);
    }

    @Test
    void aSmallFileThatGrewByOneRowAmongEightyImportsOnlyThatRow() throws Exception {
        Path folder = folder();
        run(cache, folder);
        Path grown = folder.resolve("export-021.csv");
        Files.writeString(grown, "2026-11-12T09:00:00Z,s21@x.example,5,inbox,100\n", StandardOpenOption.APPEND);

        ImportSummary s = run(cache, folder);

        assertThat(s.rows()).isEqualTo(1);
        ImportSummary.FileResult r = s.files().stream().filter(f -> f.file().equals(grown)).findFirst().orElseThrow();
        assertThat(r.status()).isEqualTo(ImportSummary.Status.CONTINUED);
        assertThat(r.firstNewLine()).isEqualTo(1 + 4 + 1); // header, the four rows of before, then the new one
        assertThat(bcl(load(cache), "s21@x.example", 5)).isEqualTo(1 + 2 + 3 + 4 + 100);
    }

    @Test
    void theLookUpFindsOnlyTheFilesThatShareTheContentsStartNotEveryEarlierSource() throws Exception {
        Path folder = folder();
        run(cache, folder);
        byte[] grown = (export(21) + "2026-11-12T09:00:00Z,s21@x.example,5,inbox,100\n").getBytes(StandardCharsets.UTF_8);

        List<SourceStore.Source> candidates = cache.read(c -> SourceStore.candidates(c, Fingerprints.headHash(grown, grown.length),
                Fingerprints.prefixKeys(grown, grown.length), grown.length));

        // 80 earlier sources of the same header and date; the look-up returns the one that is a prefix
        assertThat(candidates).extracting(SourceStore.Source::name).containsExactly("export-021.csv");
    }

    @Test
    void withinOneBatchOfManyFilesACopyAddsNothingAndAGrownCopyOnlyItsNewRow() throws Exception {
        Path folder = folder();
        // name order: the copy and the grown copy come after the file they repeat, in the same batch
        write(folder, "zz-copy-of-021.csv", export(21));
        write(folder, "zz-grown-021.csv", export(21) + "2026-11-12T09:00:00Z,s21@x.example,5,inbox,100\n");

        ImportSummary s = run(cache, folder);

        assertThat(s.files()).filteredOn(f -> f.file().getFileName().toString().equals("zz-copy-of-021.csv"))
                .extracting(ImportSummary.FileResult::status).containsExactly(ImportSummary.Status.ALREADY_IMPORTED);
        assertThat(s.files()).filteredOn(f -> f.file().getFileName().toString().equals("zz-grown-021.csv"))
                .extracting(ImportSummary.FileResult::rows).containsExactly(1L);
        assertThat(bcl(load(cache), "s21@x.example", 5)).isEqualTo(1 + 2 + 3 + 4 + 100);
    }

    @Test
    void aHeaderOnlyFileShorterThanOneKeyStepThatGrewImportsOnlyItsRow() throws Exception {
        // 36 bytes: keyed by its whole length, below the 64-byte step
        Path folder = folder();
        Path f = write(folder, "header-only.csv", HEADER);
        run(cache, folder);
        Files.writeString(f, "2026-11-12T08:00:00Z,t@x.example,5,inbox,3\n", StandardOpenOption.APPEND);

        ImportSummary s = run(cache, folder);

        assertThat(s.rows()).isEqualTo(1);
        assertThat(bcl(load(cache), "t@x.example", 5)).isEqualTo(3);
    }

    @Test
    void aLastLineChangedAcrossAKeyStepIsStillRefused() throws Exception {
        // the earlier import ends mid-line, 70 bytes in: its key covers its first 64 bytes only
        String partial = HEADER + "2026-11-12T08:00:00Z,a@x.example,5,inbox,1\n" + "2026-11-12T08:01:00Z,b@x.example,5,inbox,5";
        Path f = write(dir, "partial.csv", partial);
        run(cache, f);
        String after = ImportTestKit.dump(cache);

        Files.writeString(f, "0\n", StandardOpenOption.APPEND);
        BadInputException e = fails(cache, f);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains("changed");
        assertThat(ImportTestKit.dump(cache)).isEqualTo(after);
    }

    @Test
    void inABatchOfManyFilesSourcesFromBeforeTheKeysAreStillFound() throws Exception {
        Path folder = folder();
        run(cache, folder);
        cache.write(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE source SET prefix_hash = NULL"); // as a cache of schema 4 left them
            }
            return null;
        });
        Files.writeString(folder.resolve("export-021.csv"), "2026-11-12T09:00:00Z,s21@x.example,5,inbox,100\n", StandardOpenOption.APPEND);

        ImportSummary s = run(cache, folder);

        assertThat(s.rows()).isEqualTo(1);
        assertThat(s.files()).filteredOn(f -> f.status() == ImportSummary.Status.ALREADY_IMPORTED).hasSize(FILES - 1);
        assertThat(bcl(load(cache), "s21@x.example", 5)).isEqualTo(1 + 2 + 3 + 4 + 100);
    }

    @Test
    void sourcesOfACacheFromBeforeTheKeysAreStillFoundByLength() throws Exception {
        Path f = write(dir, "old.csv", export(3));
        run(cache, f);
        // as a cache of schema 4 left them: no prefix key
        cache.write(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE source SET prefix_hash = NULL");
            }
            return null;
        });

        ImportSummary same = run(cache, f);
        Files.writeString(f, "2026-11-12T09:00:00Z,s3@x.example,5,inbox,100\n", StandardOpenOption.APPEND);
        ImportSummary grown = run(cache, f);

        assertThat(same.files().get(0).status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
        assertThat(grown.rows()).isEqualTo(1);
        assertThat(bcl(load(cache), "s3@x.example", 5)).isEqualTo(1 + 2 + 3 + 4 + 5 + 6 + 100);
    }
}
