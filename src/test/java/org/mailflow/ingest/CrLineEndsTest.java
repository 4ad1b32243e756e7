package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Old Mac files end their lines in a lone CR: read through {@link CrLineEnds}, they are lines. */
class CrLineEndsTest {
    private static final String TEXT = "From a Thu Nov 12 08:30:00 2026\rFrom: a@x.example\r\rbody\r\n"
            + "a CRLF line\r\n\r\rlast\r";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A stream that gives at most {@code chunk} bytes a read, as a pipe or a decompressor may. */
    private static InputStream chunked(byte[] content, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(content)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @ParameterizedTest(name = "reads of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 5, 7, 64, 65536})
    void loneCrsBecomeLineFeedsWhereverTheReadsEnd(int chunk) throws IOException {
        CrLineEnds in = new CrLineEnds(chunked(bytes(TEXT), chunk));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[chunk];
        for (int n = in.read(buf, 0, buf.length); n >= 0; n = in.read(buf, 0, buf.length)) {
            out.write(buf, 0, n);
        }
        String expected = "From a Thu Nov 12 08:30:00 2026\nFrom: a@x.example\n\nbody\r\na CRLF line\r\n\n\nlast\n";
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected);
        assertThat(out.size()).as("nothing inserted or removed").isEqualTo(TEXT.length());
        assertThat(in.lineFeeds()).as("lines, the last one's CR included").isEqualTo(expected.chars().filter(c -> c == '\n').count());
    }

    @Test
    void singleByteReadsAndSkipsSeeTheSameBytes() throws IOException {
        CrLineEnds in = new CrLineEnds(chunked(bytes(TEXT), 1));
        assertThat(in.skip(5)).isEqualTo(5);
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c >= 0; c = in.read()) {
            b.append((char) c);
        }
        assertThat(b.toString()).isEqualTo("a Thu Nov 12 08:30:00 2026\nFrom: a@x.example\n\nbody\r\na CRLF line\r\n\n\nlast\n");
        assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
    }

    @Test
    void contentWithoutALoneCrPassesUnchanged() throws IOException {
        byte[] lf = bytes("a\nb\r\nc");
        assertThat(new CrLineEnds(new ByteArrayInputStream(lf)).readAllBytes()).isEqualTo(lf);
        assertThat(new CrLineEnds(new ByteArrayInputStream(new byte[0])).read()).isEqualTo(-1);
    }

    @Test
    void onlyAHeadWithCrsAndNoLineFeedIsCrOnly() {
        assertThat(CrLineEnds.isCrOnly(bytes("a\rb\r"), 4)).isTrue();
        assertThat(CrLineEnds.isCrOnly(bytes("a\r\nb\r"), 5)).isFalse();
        assertThat(CrLineEnds.isCrOnly(bytes("a\nb"), 3)).isFalse();
        assertThat(CrLineEnds.isCrOnly(bytes("one long line"), 13)).isFalse();
        assertThat(CrLineEnds.isCrOnly(bytes("a\rb\nc"), 2)).as("only the given length is looked at").isTrue();
    }

    @Test
    void aWholeContentIsConvertedInPlace() {
        byte[] b = bytes("a\rb\r\nc\r");
        CrLineEnds.convert(b, b.length);
        assertThat(new String(b, StandardCharsets.ISO_8859_1)).isEqualTo("a\nb\r\nc\n");
    }

    @Test
    void wrapIfCrOnlyWrapsOnlyCrOnlyContent() {
        InputStream raw = new ByteArrayInputStream(new byte[0]);
        assertThat(CrLineEnds.wrapIfCrOnly(raw, bytes("a\rb"), 3)).isInstanceOf(CrLineEnds.class);
        assertThat(CrLineEnds.wrapIfCrOnly(raw, bytes("a\nb"), 3)).isSameAs(raw);
    }
}
