package org.mailflow.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads text whose lines end in a lone CR (classic Mac OS mailboxes and logs) as lines: every CR
 * that is not followed by an LF is passed on as an LF, so the readers, which split at LF and drop
 * the CR of a CRLF, see the same lines they would see in a LF or CRLF file. CRLF and LF pass
 * unchanged. Nothing is inserted or removed, so byte offsets and lengths stay those of the file:
 * the caller hashes and measures the file's own bytes before this stream, and counts lines after it
 * ({@link #lineFeeds()}).
 *
 * <p>Use it only for content that {@link #isCrOnly} says has CR line ends: in a LF or CRLF file a lone
 * CR is part of a line (a garbled byte), not a line end.
 *
 * <p>The line count that {@link Fingerprints} stores for such a file is {@link #lineFeeds()}, which
 * counts the lines the reader numbered; a lone CR at the very end of the content counts as the end of
 * its line, as a final LF does in other files.
 */
final class CrLineEnds extends FilterInputStream {
    private final byte[] buf = new byte[1 << 16];
    private int pos; // buf[pos..ready) is passed on next
    private int ready; // buf[ready..limit) is a CR whose next byte is not read yet
    private int limit;
    private boolean eof;
    private long lineFeeds;

    CrLineEnds(InputStream in) {
        super(in);
    }

    /**
     * True when the start of a content ({@code head[0..length)}) holds a CR but no LF: the lines of
     * such content end in a lone CR.
     */
    static boolean isCrOnly(byte[] head, int length) {
        boolean cr = false;
        for (int i = 0; i < length; i++) {
            if (head[i] == '\n') {
                return false;
            }
            cr |= head[i] == '\r';
        }
        return cr;
    }

    /** {@code in}, read through a {@code CrLineEnds} when {@link #isCrOnly} says so of its head. */
    static InputStream wrapIfCrOnly(InputStream in, byte[] head, int headLength) {
        return isCrOnly(head, headLength) ? new CrLineEnds(in) : in;
    }

    /**
     * Turns, in place, every lone CR of {@code b[0..length)} into an LF; a CR in the last byte counts
     * as lone (the array is the whole content). For content small enough to be read at once.
     */
    static void convert(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (b[i] == '\r' && (i + 1 == length || b[i + 1] != '\n')) {
                b[i] = '\n';
            }
        }
    }

    /** LFs passed on so far, the converted ones included: the lines read, as the readers number them. */
    long lineFeeds() {
        return lineFeeds;
    }

    /** Makes bytes ready to pass on; false at the end of the content. */
    private boolean fill() throws IOException {
        while (pos == ready) {
            if (eof) {
                return false;
            }
            int held = limit - ready; // 0, or 1 for a CR read last time
            if (held > 0) {
                buf[0] = '\r';
            }
            pos = 0;
            int n = in.read(buf, held, buf.length - held);
            if (n < 0) {
                eof = true;
                if (held > 0) {
                    buf[0] = '\n'; // a CR at the very end of the content ends its line
                    lineFeeds++;
                }
                ready = held;
                limit = held;
                continue;
            }
            limit = held + n;
            ready = limit;
            for (int i = 0; i < limit; i++) {
                byte c = buf[i];
                if (c == '\n') {
                    lineFeeds++;
                } else if (c == '\r') {
                    if (i + 1 == limit) {
                        ready = i; // decided once the next byte is read
                    } else if (buf[i + 1] != '\n') {
                        buf[i] = '\n';
                        lineFeeds++;
                    }
                }
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? buf[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, ready - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long left = n;
        while (left > 0 && fill()) {
            int k = (int) Math.min(left, ready - pos);
            pos += k;
            left -= k;
        }
        return n - left;
    }

    @Override
    public int available() {
        return ready - pos;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
