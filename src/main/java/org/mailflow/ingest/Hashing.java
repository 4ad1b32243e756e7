package org.mailflow.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes, measures and counts the lines of the content that passes through. Lines are counted in
 * the file's encoding (a UTF-16 line feed is two bytes), because the count is compared with the
 * parser's line numbers when the file grows. Without a line counter (null) lines are not counted:
 * the reader counts them itself.
 */
final class Hashing extends FilterInputStream {
    private final MessageDigest digest;
    private final BackgroundDigest background;
    private final long[] lengthAndLines;
    private final TextEncoding.LineCounter lines;

    Hashing(InputStream in, MessageDigest digest, long[] lengthAndLines, TextEncoding.LineCounter lines) {
        super(in);
        this.digest = digest;
        this.background = null;
        this.lengthAndLines = lengthAndLines;
        this.lines = lines;
    }

    /** Hashes on {@code background}'s thread; lines are not counted. */
    Hashing(InputStream in, BackgroundDigest background, long[] lengthAndLines) {
        super(in);
        this.digest = null;
        this.background = background;
        this.lengthAndLines = lengthAndLines;
        this.lines = null;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            if (digest != null) {
                digest.update((byte) b);
            } else {
                background.update(new byte[] {(byte) b}, 0, 1);
            }
            lengthAndLines[0]++;
            if (lines != null) {
                lengthAndLines[1] += lines.count(b);
            }
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            if (digest != null) {
                digest.update(b, off, n);
            } else {
                background.update(b, off, n);
            }
            lengthAndLines[0] += n;
            if (lines != null) {
                lengthAndLines[1] += lines.count(b, off, n);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        long left = n;
        while (left > 0) {
            int r = read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - left;
    }
}
