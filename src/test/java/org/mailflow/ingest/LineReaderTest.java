package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The log line reader: it finds line ends eight bytes at a time and, on the way, whether a line is
 * all ASCII; only such lines are offered to be read from their bytes, every other one is decoded.
 */
class LineReaderTest {
    /** Reads {@code content}; returns the lines offered to the skip (marked "offered:") and the decoded ones. */
    private static List<String> read(byte[] content) throws IOException {
        List<String> seen = new ArrayList<>();
        LineReader r = new LineReader(new ByteArrayInputStream(content), (b, off, len, n) -> {
            seen.add("offered:" + n + ":" + new String(b, off, len, StandardCharsets.ISO_8859_1));
            return true;
        });
        String line;
        while ((line = r.readLine()) != null) {
            seen.add("decoded:" + r.lineNumber() + ":" + line);
        }
        return seen;
    }

    @Test
    void onlyLinesOfAsciiAreOfferedWhereverTheOtherBytesSit() throws IOException {
        String text = String.join("\n",
                "\u00e9 first byte",              // 1: not ASCII in the first word
                "1234567\u00e9 eighth and ninth", // 2: the two bytes of é straddle the first two words
                "ascii only, long enough to span words", // 3
                "ends in \u00e9",                 // 4: just before the line feed
                "\u00e9",                         // 5: shorter than a word
                "plain",                          // 6: followed by a line starting with non-ASCII in the same word
                "\u00fcber",                      // 7
                "crlf \u00e9\r",                  // 8: before a carriage return
                "also plain\r",                   // 9
                "last without line feed \u00e9"); // 10
        List<String> seen = read(text.getBytes(StandardCharsets.UTF_8));
        assertThat(seen).containsExactly(
                "decoded:1:\u00e9 first byte",
                "decoded:2:1234567\u00e9 eighth and ninth",
                "offered:3:ascii only, long enough to span words",
                "decoded:4:ends in \u00e9",
                "decoded:5:\u00e9",
                "offered:6:plain",
                "decoded:7:\u00fcber",
                "decoded:8:crlf \u00e9",
                "offered:9:also plain",
                "decoded:10:last without line feed \u00e9");
    }

    @Test
    void aLineAcrossTheBufferEndIsJudgedWhole() throws IOException {
        // the reader's buffer is 256 KiB: put a non-ASCII byte after the point where the first read ends
        StringBuilder sb = new StringBuilder();
        int lines = 0;
        while (sb.length() < (1 << 18) - 40) {
            sb.append("line of plain text number ").append(lines++).append('\n');
        }
        sb.append("x".repeat(60)).append("\u00e9 after the buffer end\n").append("plain again\n");
        List<String> seen = read(sb.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(seen).hasSize(lines + 2);
        assertThat(seen.subList(0, lines)).allMatch(s -> s.startsWith("offered:"));
        assertThat(seen.get(lines)).startsWith("decoded:" + (lines + 1) + ":xxx").endsWith("\u00e9 after the buffer end");
        assertThat(seen.get(lines + 1)).isEqualTo("offered:" + (lines + 2) + ":plain again");
    }
}
