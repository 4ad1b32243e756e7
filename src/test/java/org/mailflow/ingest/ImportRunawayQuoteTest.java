package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.bcl;
import static org.mailflow.ingest.ImportTestKit.fails;
import static org.mailflow.ingest.ImportTestKit.load;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.write;
import static org.mailflow.ingest.ImportTestKit.writeBytes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A quote that never closes, followed by a flood of line ends, must be refused with the line where
 * the quote opened, quickly and in bounded memory, instead of the parser gathering every line end
 * into one value until the JVM runs out of memory (surefire runs with {@code -Xmx1g}).
 */
class ImportRunawayQuoteTest extends WithCache {
    private static final String GOOD = "2026-11-12T08:30:00Z,good@x.example,5,inbox,1\n";

    @BeforeEach
    void addExistingData() throws Exception {
        run(cache, write(dir, "existing.csv", ImportTestKit.BULK_HEADER + "\n2026-11-01T10:00:00Z,old@x.example,3,inbox,7\n"));
    }

    /** {@code prefix}, then {@code mebibytes} MiB of line feeds, gzipped as concatenated members (each MiB compresses once). */
    private static byte[] bomb(String prefix, int mebibytes) throws IOException {
        byte[] lineFeeds = new byte[1 << 20];
        Arrays.fill(lineFeeds, (byte) '\n');
        byte[] member = gzip(lineFeeds);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(gzip(prefix.getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < mebibytes; i++) {
            out.writeBytes(member); // GZIPInputStream reads concatenated members as one stream, as gzip(1) does
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSmallGzipThatInflatesToHundredsOfMegabytesOfLineEndsInsideAQuoteIsRefusedWithTheQuotesLine() throws Exception {
        byte[] gz = bomb(ImportTestKit.BULK_HEADER + "\n" + GOOD + GOOD + "2026-11-12T08:30:00Z,\"news@shop.example", 512);
        Path f = writeBytes(dir, "runaway.csv.gz", gz);
        assertThat(Files.size(f)).as("the file on disk is small").isLessThan(2_000_000);
        long start = System.nanoTime();

        BadInputException e = fails(cache, f);

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("refused without reading 512 MiB").isLessThan(20);
        assertThat(e.file()).isEqualTo(f);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.reason()).isEqualTo("a quoted value runs past 1,000,000 characters from line 4; is a quote missing?");
        assertThat(e.getMessage()).contains("runaway.csv.gz, line 4");
    }

    @Test
    void aQuotedValueLongerThanAMillionCharactersAcrossShortLinesIsRefusedWithTheLineItBeganOn() throws Exception {
        String value = "x\n".repeat(600_000);
        Path f = write(dir, "long.csv", ImportTestKit.BULK_HEADER + "\n" + GOOD + "2026-11-12T08:30:00Z,good@x.example,5,inbox,\""
                + value + "\"\n" + GOOD);

        BadInputException e = fails(cache, f);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains("a quoted value runs past 1,000,000 characters from line 3");
    }

    @Test
    void quotedValuesWithManyLineEndsEscapedQuotesAndCommasBelowTheBoundAreRead() throws Exception {
        // a value may span lines and hold "" and commas; the bound counts each value on its own
        String notes = "\"" + "a \"\"quoted\"\", line\n".repeat(20_000) + "\"";
        Path f = write(dir, "notes.csv", "timestamp,sender,bcl,delivery,notes\n"
                + ("2026-11-12T08:30:00Z,good@x.example,5,inbox," + notes + "\n").repeat(3)
                + "2026-11-12T08:30:00Z,good@x.example,5,inbox,\"unclosed\n");

        BadInputException e = fails(cache, f);

        assertThat(e.reason()).as("the last, unclosed quote is what is refused").contains("not closed before the end of the file");
        assertThat(e.line()).as("after the header and three rows of 20,001 lines each").isEqualTo(1 + 3 * 20_001 + 1);
        run(cache, write(dir, "notes-ok.csv", "timestamp,sender,bcl,delivery,notes\n"
                + ("2026-11-12T08:30:00Z,good@x.example,5,inbox," + notes + "\n").repeat(3)));
        assertThat(bcl(load(cache), "good@x.example", 5)).isEqualTo(3);
    }
}
