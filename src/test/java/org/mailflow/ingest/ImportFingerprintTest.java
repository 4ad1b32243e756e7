package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.bcl;
import static org.mailflow.ingest.ImportTestKit.fails;
import static org.mailflow.ingest.ImportTestKit.gzip;
import static org.mailflow.ingest.ImportTestKit.load;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.utf8;
import static org.mailflow.ingest.ImportTestKit.write;
import static org.mailflow.ingest.ImportTestKit.writeBytes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.bulk.FeedbackEvent;

/** SPEC 5: re-importing the same content never double-counts; a grown file imports only its new part. */
class ImportFingerprintTest extends WithCache {
    private static final String HEADER = "timestamp,sender,bcl,delivery,count\n";


    private static String row(String sender, int count) {
        return "2026-11-12T08:00:00Z," + sender + ",5,inbox," + count + "\n";
    }

    @Test
    void sameContentAgainUnderTheSameOrAnotherNameAddsNothing() throws Exception {
        String content = HEADER + row("a@x.example", 2) + row("b@x.example", 3);
        Path f = write(dir, "export.csv", content);
        run(cache, f);
        String after = ImportTestKit.dump(cache);

        ImportSummary again = run(cache, f);
        Path copy = write(dir, "copy-of-export (1).csv", content);
        ImportSummary renamed = run(cache, copy);
        ImportSummary zipped = run(cache, writeBytes(dir, "export.csv.gz", gzip(utf8(content))));

        for (ImportSummary s : new ImportSummary[] {again, renamed, zipped}) {
            assertThat(s.files().get(0).status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
            assertThat(s.rows()).isZero();
            assertThat(s.describe()).contains("already imported");
        }
        assertThat(ImportTestKit.dump(cache)).isEqualTo(after);
        BulkDataset d = load(cache);
        assertThat(bcl(d, "a@x.example", 5)).isEqualTo(2);
        assertThat(bcl(d, "b@x.example", 5)).isEqualTo(3);
    }

    @Test
    void sameContentTwiceInOneBatchCountsOnce() throws Exception {
        String content = "timestamp,sender,event\n2026-11-12T08:00:00Z,a@x.example,user_deleted\n";
        Path f = write(dir, "a.csv", content);
        Path g = write(dir, "b.csv", content);

        ImportSummary s = run(cache, f, g);

        assertThat(s.files()).extracting(ImportSummary.FileResult::status)
                .containsExactly(ImportSummary.Status.IMPORTED, ImportSummary.Status.ALREADY_IMPORTED);
        assertThat(ImportTestKit.event(load(cache), "a@x.example", FeedbackEvent.USER_DELETED)).isEqualTo(1);
    }

    @Test
    void grownFileImportsOnlyItsNewRows() throws Exception {
        Path f = write(dir, "bulk.log.csv", HEADER + row("a@x.example", 1) + row("b@x.example", 1));
        run(cache, f);

        Files.writeString(f, row("a@x.example", 10) + row("c@x.example", 1), StandardOpenOption.APPEND);
        ImportSummary s = run(cache, f);

        ImportSummary.FileResult r = s.files().get(0);
        assertThat(r.status()).isEqualTo(ImportSummary.Status.CONTINUED);
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.firstNewLine()).isEqualTo(4);
        assertThat(s.describe()).contains("2 new rows imported from line 4");
        BulkDataset d = load(cache);
        assertThat(bcl(d, "a@x.example", 5)).isEqualTo(11);
        assertThat(bcl(d, "b@x.example", 5)).isEqualTo(1);
        assertThat(bcl(d, "c@x.example", 5)).isEqualTo(1);

        // and once more: only the third part
        Files.writeString(f, row("d@x.example", 4), StandardOpenOption.APPEND);
        ImportSummary s3 = run(cache, f);
        assertThat(s3.files().get(0).rows()).isEqualTo(1);
        assertThat(s3.files().get(0).firstNewLine()).isEqualTo(6);
        d = load(cache);
        assertThat(bcl(d, "a@x.example", 5)).isEqualTo(11);
        assertThat(bcl(d, "d@x.example", 5)).isEqualTo(4);
    }

    @Test
    void grownCrlfFileWithQuotedNewlinesImportsOnlyItsNewRows() throws Exception {
        String first = "timestamp,sender,bcl,delivery,recipient\r\n"
                + "2026-11-12T08:00:00Z,a@x.example,5,inbox,\"two\r\nlines\"\r\n";
        Path f = write(dir, "grow.csv", first);
        run(cache, f);

        Files.writeString(f, "2026-11-12T08:00:00Z,a@x.example,5,inbox,r\r\n2026-11-12T08:00:00Z,a@x.example,99,inbox,r\r\n",
                StandardOpenOption.APPEND);
        BadInputException e = fails(cache, f);
        assertThat(e.line()).as("absolute line in the grown file").isEqualTo(5);

        Path g = write(dir, "grow2.csv", first + "2026-11-12T08:00:00Z,a@x.example,5,inbox,r\r\n");
        ImportSummary s = run(cache, g);
        assertThat(s.files().get(0).status()).isEqualTo(ImportSummary.Status.CONTINUED);
        assertThat(bcl(load(cache), "a@x.example", 5)).isEqualTo(2);
    }

    @Test
    void headerOnlyFileThatGrowsImportsAllItsRowsLater() throws Exception {
        Path f = write(dir, "fresh.csv", HEADER);
        run(cache, f);

        Files.writeString(f, row("a@x.example", 2), StandardOpenOption.APPEND);
        ImportSummary s = run(cache, f);

        assertThat(s.rows()).isEqualTo(1);
        assertThat(bcl(load(cache), "a@x.example", 5)).isEqualTo(2);
    }

    @Test
    void grownFileWhosePreviousLastLineChangedIsRefused() throws Exception {
        // the earlier import ended in the middle of a line ("…,5" without a line feed) …
        Path f = write(dir, "partial.csv", HEADER + row("a@x.example", 1) + "2026-11-12T08:00:00Z,b@x.example,5,inbox,5");
        run(cache, f);
        String after = ImportTestKit.dump(cache);

        // … which the writer then completed as "…,50"
        Files.writeString(f, "0\n" + row("c@x.example", 1), StandardOpenOption.APPEND);
        BadInputException e = fails(cache, f);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains("changed").contains("partial.csv");
        assertThat(ImportTestKit.dump(cache)).isEqualTo(after);
    }

    @Test
    void editedLastLinePlusNewRowsIsNotCountedTwice() throws Exception {
        // The earlier content ended with a line feed; its last line is then edited and rows are added.
        // Whether the import is refused or accepted, rows imported before must not be counted again.
        Path f = write(dir, "edited.csv", HEADER + row("a@x.example", 1) + row("b@x.example", 1));
        run(cache, f);

        Files.writeString(f, HEADER + row("a@x.example", 1) + row("b@x.example", 2) + row("c@x.example", 1));
        try {
            run(cache, f);
        } catch (BadInputException e) {
            assertThat(e.reason()).contains("count its rows twice");
            assertThat(bcl(load(cache), "a@x.example", 5)).isEqualTo(1);
            return;
        }
        assertThat(bcl(load(cache), "a@x.example", 5)).as("a's row was imported before").isEqualTo(1);
    }

    @Test
    void olderShorterCopyOfAnImportedFileIsRefusedAndAddsNothing() throws Exception {
        // A backup taken before the log grew: every one of its lines is already in the cache.
        String older = HEADER + row("a@x.example", 1);
        String newer = older + row("b@x.example", 1);
        run(cache, write(dir, "maillog.csv", newer));
        String after = ImportTestKit.dump(cache);

        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> run(cache, write(dir, "maillog-backup.csv", older)));

        assertThat(e.reason()).contains("maillog.csv").contains("count its rows twice");
        assertThat(bcl(load(cache), "a@x.example", 5)).as("a's row was imported before").isEqualTo(1);
        assertThat(ImportTestKit.dump(cache)).isEqualTo(after);
    }

    @Test
    void editedAllowBlockListsMayBeImportedAgain() throws Exception {
        // Entries replace earlier ones, so an edited list is simply applied.
        run(cache, write(dir, "list.csv", "sender,action\na@x.example,allow\nb@x.example,block\n"));
        run(cache, write(dir, "list.csv", "sender,action\na@x.example,allow\nb@x.example,allow\n"));
        assertThat(new org.mailflow.cache.AllowBlockStore(cache).all()).containsEntry("b@x.example", org.mailflow.bulk.AdminSetting.ALLOW);
    }

    @Test
    void grownGzipFileImportsOnlyItsNewRows() throws Exception {
        String first = HEADER + row("a@x.example", 1);
        run(cache, writeBytes(dir, "day1.csv.gz", gzip(utf8(first))));

        ImportSummary s = run(cache, writeBytes(dir, "day1-2.csv.gz", gzip(utf8(first + row("b@x.example", 1)))));

        assertThat(s.files().get(0).status()).isEqualTo(ImportSummary.Status.CONTINUED);
        BulkDataset d = load(cache);
        assertThat(bcl(d, "a@x.example", 5)).isEqualTo(1);
        assertThat(bcl(d, "b@x.example", 5)).isEqualTo(1);
    }

    @Test
    void grownFileBeyondTheFirst64KiBImportsOnlyItsNewRows() throws Exception {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 3000; i++) {
            sb.append(row("s" + (i % 50) + "@x.example", 1));
        }
        assertThat(sb.length()).isGreaterThan(65536);
        Path f = write(dir, "big.csv", sb.toString());
        run(cache, f);

        Files.writeString(f, row("s0@x.example", 1000), StandardOpenOption.APPEND);
        ImportSummary s = run(cache, f);

        assertThat(s.files().get(0).status()).isEqualTo(ImportSummary.Status.CONTINUED);
        assertThat(s.rows()).isEqualTo(1);
        assertThat(bcl(load(cache), "s0@x.example", 5)).isEqualTo(60 + 1000);
    }

    @Test
    void fileImportedWithSkippedBadRowsIsRecognisedAfterwards() throws Exception {
        Path f = write(dir, "mixed.csv", HEADER + row("a@x.example", 1) + "2026-11-12T08:00:00Z,b@x.example,42,inbox,1\n");
        ImportTestKit.run(cache, true, f);

        ImportSummary s = ImportTestKit.run(cache, true, f);

        assertThat(s.files().get(0).status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
        assertThat(s.badRows()).isZero();
        assertThat(bcl(load(cache), "a@x.example", 5)).isEqualTo(1);
    }

    @Test
    void newFileThatOnlySharesTheHeaderOfAnEarlierHeaderOnlyFileIsImportedWhole() throws Exception {
        run(cache, write(dir, "empty-export.csv", HEADER));

        ImportSummary s = run(cache, write(dir, "monday.csv", HEADER + row("a@x.example", 2) + row("b@x.example", 1)));

        assertThat(s.rows()).isEqualTo(2);
        BulkDataset d = load(cache);
        assertThat(bcl(d, "a@x.example", 5)).isEqualTo(2);
        assertThat(bcl(d, "b@x.example", 5)).isEqualTo(1);
        assertThat(s.files().get(0).status()).as("monday.csv was never imported; it only shares the header line")
                .isEqualTo(ImportSummary.Status.IMPORTED);
    }
}
