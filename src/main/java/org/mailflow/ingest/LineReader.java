package org.mailflow.ingest;

import org.mailflow.ingest.bytes.Newlines;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the lines of a log fast: a large byte buffer scanned for line feeds, each line decoded as
 * UTF-8 (bytes that are not UTF-8 become U+FFFD rather than failing: a log may hold anything a
 * client sent). A trailing {@code \r} is dropped. A line longer than {@value #MAX_LINE} bytes is cut
 * there (the rest is read and dropped), so a binary file without line feeds cannot exhaust memory.
 * Not thread-safe.
 */
final class LineReader {
    /** Longest line kept, in bytes; syslog lines are far shorter. */
    static final int MAX_LINE = 65536;

    /** Decides from its bytes that a line needs no decoding; it then takes care of the line itself. */
    @FunctionalInterface
    interface Skip {
        /**
         * True when the line {@code b[off..off+len)} (without its line end) is passed over; offered only
         * lines of ASCII (every byte below 0x80), which is found while looking for the line end.
         */
        boolean skip(byte[] b, int off, int len, long lineNumber);
    }

    private final InputStream in;
    private final Skip skip;
    private long lineFeeds;
    private final byte[] buf = new byte[1 << 18];
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNumber;

    LineReader(InputStream in) {
        this(in, null);
    }

    /** A reader that offers each line to {@code skip} before decoding it. */
    LineReader(InputStream in, Skip skip) {
        this.in = in;
        this.skip = skip;
    }

    /** Line feeds read so far. */
    long lineFeeds() {
        return lineFeeds;
    }

    /** The number of the line last returned (1-based). */
    long lineNumber() {
        return lineNumber;
    }

    /** The next line without its line end, or null at the end of the content. */
    String readLine() throws IOException {
        byte[] overflow = null;
        int overflowLength = 0;
        while (true) {
            int i;
            while ((i = lineEnd(buf, pos, limit)) >= 0) {
                lineFeeds++;
                lineNumber++;
                int start = pos;
                pos = i + 1;
                if (overflow != null) {
                    overflowLength = append(overflow, overflowLength, buf, start, i - start);
                    return decode(overflow, 0, overflowLength);
                }
                int len = i > start && buf[i - 1] == '\r' ? i - start - 1 : i - start;
                // a line longer than MAX_LINE is cut when decoded: the byte reader must not see more of it
                if (skip == null || !ascii || len > MAX_LINE || !skip.skip(buf, start, len, lineNumber)) {
                    return decode(buf, start, i - start);
                }
            }
            // No line feed in what is buffered: keep it and read more.
            if (eof) {
                if (pos < limit || overflowLength > 0) {
                    String line;
                    if (overflow == null) {
                        line = decode(buf, pos, limit - pos);
                    } else {
                        overflowLength = append(overflow, overflowLength, buf, pos, limit - pos);
                        line = decode(overflow, 0, overflowLength);
                    }
                    pos = limit;
                    lineNumber++;
                    return line;
                }
                return null;
            }
            if (pos > 0 && pos < limit) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
            }
            limit -= pos;
            pos = 0;
            if (limit == buf.length) {
                // A line longer than the buffer: move what there is aside (up to MAX_LINE) and go on.
                if (overflow == null) {
                    overflow = new byte[MAX_LINE];
                }
                overflowLength = append(overflow, overflowLength, buf, 0, limit);
                limit = 0;
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
    }

    /** Whether the bytes before the line feed {@link #lineEnd} last found were all ASCII. */
    private boolean ascii;

    /**
     * The index of the first {@code '\n'} in {@code b[from..to)}, or -1 (as {@link Newlines#indexOf},
     * eight bytes at a time); notes in {@link #ascii} whether the bytes before it are all below 0x80,
     * which costs one OR per word on the way.
     */
    private int lineEnd(byte[] b, int from, int to) {
        long highs = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) Newlines.LONGS.get(b, i);
            long x = w ^ Newlines.LF;
            long t = (x - Newlines.ONES) & ~x & Newlines.HIGHS;
            if (t != 0) {
                int k = Long.numberOfTrailingZeros(t) >>> 3; // the line feed is byte k of the word
                ascii = ((highs | (w & ((1L << (k << 3)) - 1))) & Newlines.HIGHS) == 0;
                return i + k;
            }
            highs |= w;
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '\n') {
                ascii = (highs & Newlines.HIGHS) == 0;
                return i;
            }
            highs |= c & 0x80;
        }
        return -1;
    }

    private static int append(byte[] to, int toLength, byte[] from, int off, int len) {
        int n = Math.min(len, to.length - toLength);
        System.arraycopy(from, off, to, toLength, n);
        return toLength + n;
    }

    private static String decode(byte[] b, int off, int len) {
        int n = Math.min(len, MAX_LINE);
        if (n > 0 && b[off + n - 1] == '\r') {
            n--;
        }
        return new String(b, off, n, StandardCharsets.UTF_8);
    }
}
