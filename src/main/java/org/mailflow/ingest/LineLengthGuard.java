package org.mailflow.ingest;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops reading at a line of more than a million characters: no row of the canonical CSVs comes
 * near that, and a parser would otherwise hold the whole line (of a file that is not a CSV at all)
 * in memory.
 */
final class LineLengthGuard extends FilterReader {
    static final int LIMIT = 1_000_000;
    static final String LIMIT_TEXT = "1,000,000";

    /** The line being read is too long. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException() {
            super("line too long");
        }
    }

    private int sinceNewline;

    LineLengthGuard(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        count(c);
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        for (int i = off; i < off + n; i++) {
            count(buf[i]);
        }
        return n;
    }

    private void count(int c) throws LineTooLongException {
        if (c == '\n') {
            sinceNewline = 0;
        } else if (c >= 0 && ++sinceNewline > LIMIT) {
            throw new LineTooLongException();
        }
    }
}
