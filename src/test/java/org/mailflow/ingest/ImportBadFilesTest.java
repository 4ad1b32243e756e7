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

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC 6: bad input never crashes or corrupts the cache; the message names the file, the line and what was expected. */
class ImportBadFilesTest extends WithCache {
    @BeforeEach
    void addExistingData() throws Exception {
        run(cache, write(dir, "existing.csv", ImportTestKit.BULK_HEADER + "\n2026-11-01T10:00:00Z,old@x.example,3,inbox,7\n"));
    }

    @Test
    void aHugeLineIsRefusedWithoutReadingItWhole() throws Exception {
        StringBuilder sb = new StringBuilder(ImportTestKit.BULK_HEADER).append("\n2026-11-01T10:00:00Z,");
        sb.append("a".repeat(1_500_000)).append("@x.example,3,inbox,1\n");
        BadInputException e = fails(cache, write(dir, "huge.csv", sb.toString()));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.reason()).contains("longer than 1,000,000 characters");
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        Path f = writeBytes(dir, "empty.csv", new byte[0]);

        BadInputException e = fails(cache, f);

        assertThat(e.line()).isZero();
        assertThat(e.file()).isEqualTo(f);
        assertThat(e.reason()).contains("empty").contains("header");
        assertThat(e.getMessage()).contains("empty.csv");
    }

    @Test
    void fileOfBlankLinesHasNoHeader() throws Exception {
        BadInputException e = fails(cache, write(dir, "blank.csv", "\n\n   \r\n"));

        assertThat(e.reason()).contains("no header");
    }

    @Test
    void headerOnlyFileImportsNothingWithoutError() throws Exception {
        String before = ImportTestKit.dump(cache).replaceAll("(?s)## source.*?## bulk_sender", "");

        ImportSummary s = run(cache, write(dir, "header.csv", "timestamp,sender,bcl,delivery,count\n"));
        ImportSummary s2 = run(cache, write(dir, "header-no-newline.csv", "sender,action"));

        assertThat(s.rows()).isZero();
        assertThat(s.files().get(0).status()).isEqualTo(ImportSummary.Status.IMPORTED);
        assertThat(s.files().get(0).format()).isEqualTo("bulk");
        assertThat(s2.rows()).isZero();
        assertThat(s2.files().get(0).format()).isEqualTo("allow-block");
        assertThat(ImportTestKit.dump(cache).replaceAll("(?s)## source.*?## bulk_sender", "")).isEqualTo(before);
    }

    @Test
    void pngIsRefusedAsBinary() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R', 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0};
        Path f = writeBytes(dir, "chart.png", png);

        BadInputException e = fails(cache, f);

        assertThat(e.line()).isZero();
        assertThat(e.reason()).contains("not a text file").contains("CSV");
    }

    @Test
    void randomBytesAreRefused() throws Exception {
        byte[] noise = new byte[20_000];
        new Random(42).nextBytes(noise);
        Path f = writeBytes(dir, "noise.bin", noise);

        BadInputException e = fails(cache, f);

        assertThat(e.reason()).containsAnyOf("not a text file", "not valid UTF-8");
    }

    @Test
    void randomHighBytesWithoutNulAreRefusedAsNotUtf8() throws Exception {
        byte[] noise = new byte[5_000];
        Random r = new Random(7);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) (0x80 + r.nextInt(128));
        }
        BadInputException e = fails(cache, writeBytes(dir, "noise.csv", noise));

        assertThat(e.reason()).contains("UTF-8");
    }

    @Test
    void invalidUtf8IsRefusedOnTheLineThatHoldsIt() throws Exception {
        // "Müller" written in Latin-1 on line 4: 0xFC is not valid UTF-8
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(utf8("timestamp,sender,bcl,delivery,recipient\n"
                + "2026-11-12T08:00:00Z,a@x.example,5,inbox,r1\n"
                + "2026-11-12T08:00:00Z,a@x.example,5,inbox,r2\n"
                + "2026-11-12T08:00:00Z,a@x.example,5,inbox,M"));
        b.write(0xFC);
        b.write(utf8("ller\n2026-11-12T08:00:00Z,a@x.example,5,inbox,r4\n"));
        Path f = writeBytes(dir, "latin1.csv", b.toByteArray());

        BadInputException e = fails(cache, f);

        assertThat(e.reason()).contains("UTF-8");
        assertThat(e.line()).as("line of the byte 0xFC").isEqualTo(4);
    }

    @Test
    void invalidUtf8DeepInALargeFileIsRefusedOnItsLine() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(utf8("timestamp,sender,bcl,delivery\n"));
        for (int i = 0; i < 5000; i++) {
            b.write(utf8("2026-11-12T08:00:00Z,a@x.example,5,inbox\n"));
        }
        b.write(utf8("2026-11-12T08:00:00Z,caf"));
        b.write(0xE9);
        b.write(utf8("@x.example,5,inbox\n2026-11-12T08:00:00Z,a@x.example,5,inbox\n"));

        BadInputException e = fails(cache, writeBytes(dir, "big-latin1.csv", b.toByteArray()));

        assertThat(e.reason()).contains("UTF-8");
        assertThat(e.line()).isEqualTo(5002);
    }

    @Test
    void unterminatedQuoteAtEndOfTruncatedFileIsRefused() throws Exception {
        Path f = write(dir, "truncated.csv", "timestamp,sender,bcl,delivery,recipient\n"
                + "2026-11-12T08:00:00Z,a@x.example,5,inbox,r\n"
                + "2026-11-12T08:00:00Z,a@x.example,5,inbox,\"Smith, Jo");

        BadInputException e = fails(cache, f);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains("quote").contains("truncated");
    }

    @Test
    void unterminatedQuoteAfterAMultiLineValueIsReportedOnItsOwnLine() throws Exception {
        Path f = write(dir, "truncated2.csv", "timestamp,sender,bcl,delivery,recipient\n"
                + "2026-11-12T08:00:00Z,a@x.example,5,inbox,\"two\n"
                + "lines\"\n"
                + "2026-11-12T08:00:00Z,a@x.example,5,inbox,\"Smith\n"
                + "Jo");

        BadInputException e = fails(cache, f);

        assertThat(e.reason()).contains("quote");
        assertThat(e.line()).as("the unterminated value opens on line 4").isEqualTo(4);
    }

    @Test
    void textAfterClosingQuoteIsRefusedWithItsLine() throws Exception {
        Path f = write(dir, "badquote.csv", "timestamp,sender,bcl,delivery\n"
                + "2026-11-12T08:00:00Z,a@x.example,5,inbox\n"
                + "2026-11-12T08:00:00Z,\"a\"@x.example,5,inbox\n");

        BadInputException e = fails(cache, f);

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(e.line()).isEqualTo(3);
            soft.assertThat(e.reason()).as("says what is wrong, not that the file cannot be read")
                    .contains("closing quote").doesNotContain("cannot be read");
        });
    }

    @Test
    void textAfterClosingQuoteFollowingAMultiLineValueIsReportedOnItsOwnLine() throws Exception {
        Path f = write(dir, "badquote2.csv", "timestamp,sender,bcl,delivery,recipient\n"
                + "2026-11-12T08:00:00Z,a@x.example,5,inbox,\"x\n"
                + "y\"\n"
                + "2026-11-12T08:00:00Z,\"a\"@x.example,5,inbox,r\n");

        BadInputException e = fails(cache, f);

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(e.line()).as("the bad value is on line 4").isEqualTo(4);
            soft.assertThat(e.reason()).contains("closing quote").doesNotContain("cannot be read");
        });
    }

    @Test
    void gzipIsReadTransparentlyWhateverItsName() throws Exception {
        byte[] csv = utf8("timestamp,sender,bcl,delivery,count\n2026-11-12T08:00:00Z,gz@x.example,8,junk,3\n");
        Path gz = writeBytes(dir, "bulk.csv.gz", gzip(csv));

        ImportSummary s = run(cache, gz);

        assertThat(s.files().get(0).format()).isEqualTo("bulk");
        assertThat(s.rows()).isEqualTo(1);
        assertThat(bcl(load(cache), "gz@x.example", 8)).isEqualTo(3);

        byte[] other = utf8("sender,action\nnews@x.example,block\n");
        ImportSummary s2 = run(cache, writeBytes(dir, "allow-block.csv", gzip(other)));
        assertThat(s2.files().get(0).format()).isEqualTo("allow-block");
    }

    @Test
    void badRowInGzipReportsTheLineOfTheDecompressedText() throws Exception {
        byte[] csv = utf8("timestamp,sender,bcl,delivery\n2026-11-12T08:00:00Z,gz@x.example,8,junk\n2026-11-12T08:00:00Z,gz@x.example,11,junk\n");

        BadInputException e = fails(cache, writeBytes(dir, "bad.csv.gz", gzip(csv)));

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains("BCL 11");
    }

    @Test
    void truncatedSmallGzipIsRefused() throws Exception {
        byte[] gz = gzip(utf8("timestamp,sender,bcl,delivery\n2026-11-12T08:00:00Z,gz@x.example,8,junk\n".repeat(1)));
        Path f = writeBytes(dir, "cut.csv.gz", Arrays.copyOf(gz, gz.length - 12));

        BadInputException e = fails(cache, f);

        assertThat(e.reason()).contains("truncated");
    }

    @Test
    void truncatedLargeGzipIsRefusedAndNothingOfItIsKept() throws Exception {
        StringBuilder sb = new StringBuilder("timestamp,sender,bcl,delivery,count\n");
        Random r = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            sb.append("2026-11-").append(10 + r.nextInt(10)).append("T08:00:00Z,s").append(r.nextInt(5000))
                    .append("@x.example,").append(r.nextInt(10)).append(",inbox,").append(1 + r.nextInt(9)).append('\n');
        }
        byte[] gz = gzip(sb.toString().getBytes(StandardCharsets.UTF_8));
        Path f = writeBytes(dir, "big.csv.gz", Arrays.copyOf(gz, gz.length / 2));

        BadInputException e = fails(cache, f);

        assertThat(e.reason()).contains("truncated");
        assertThat(e.line()).isGreaterThan(1);
    }

    @Test
    void damagedGzipIsRefused() throws Exception {
        byte[] gz = gzip(utf8("timestamp,sender,bcl,delivery\n2026-11-12T08:00:00Z,gz@x.example,8,junk\n"));
        for (int i = 12; i < gz.length - 8; i++) {
            gz[i] = (byte) 0xFF;
        }
        BadInputException e = fails(cache, writeBytes(dir, "damaged.csv.gz", gz));

        assertThat(e.reason()).containsAnyOf("damaged", "truncated");
    }

    @Test
    void missingFileIsRefusedAndNothingOfTheBatchIsImported() throws Exception {
        Path good = write(dir, "good.csv", "timestamp,sender,bcl,delivery\n2026-11-12T08:00:00Z,new@x.example,5,inbox\n");
        Path missing = dir.resolve("nope.csv");

        BadInputException e = fails(cache, good, missing);

        assertThat(e.file()).isEqualTo(missing);
        assertThat(e.line()).isZero();
        assertThat(e.reason()).contains("does not exist");
        assertThat(load(cache).indexOf("new@x.example")).isEmpty();
    }

    @Test
    void folderIsRefused() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("exports"));

        BadInputException e = fails(cache, folder);

        assertThat(e.file()).isEqualTo(folder);
        assertThat(e.reason()).contains("folder");
    }
}
