package org.mailflow.ingest;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Bounds what the CSV parser may have to hold in memory, which is one value (or one line) at a time:
 * reading stops at a line of more than a million characters, and at a quoted value of more than a
 * million characters. No row of the formats this version reads comes near either (Defender's widest
 * columns, such as {@code AdditionalFields}, hold a few kilobytes). Without the second bound, a quote
 * that never closes, followed by gigabytes of line ends (a small {@code .gz} can inflate to that),
 * makes the parser gather all of them into one value until the JVM runs out of memory; the line
 * bound alone never fires there, since every line is short.
 *
 * <p>Quotes are followed as RFC 4180 (and the parser) reads them: a quote opens a value only at the
 * start of a field, two quotes inside one are a quote, and the next lone quote closes it. The line
 * where the value began is kept for the message.
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

    /** A quoted value has grown past {@link #LIMIT} characters: its closing quote is probably missing. */
    static final class QuotedValueTooLongException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long line;

        QuotedValueTooLongException(long line) {
            super("quoted value too long");
            this.line = line;
        }

        /** The 1-based line on which the value's opening quote stands. */
        long line() {
            return line;
        }
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private int sinceNewline;
    private long line = 1;
    private State state = State.FIELD_START;
    private int quotedLength;
    private long quoteLine;

    LineLengthGuard(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
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

    private void count(char c) throws IOException {
        if (c == '\n') {
            sinceNewline = 0;
            line++;
        } else if (++sinceNewline > LIMIT) {
            throw new LineTooLongException();
        }
        switch (state) {
            case FIELD_START:
                if (c == '"') {
                    state = State.QUOTED;
                    quotedLength = 0;
                    quoteLine = line;
                } else if (c != ',' && c != '\n' && c != '\r') {
                    state = State.UNQUOTED;
                }
                break;
            case UNQUOTED:
                if (c == ',' || c == '\n' || c == '\r') {
                    state = State.FIELD_START;
                }
                break;
            case QUOTED:
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                } else if (++quotedLength > LIMIT) {
                    throw new QuotedValueTooLongException(quoteLine);
                }
                break;
            case QUOTE_IN_QUOTED:
                if (c == '"') {
                    state = State.QUOTED; // an escaped quote, part of the value
                    quotedLength++;
                } else if (c == ',' || c == '\n' || c == '\r') {
                    state = State.FIELD_START;
                } else {
                    state = State.UNQUOTED; // text after the closing quote: the parser reports it
                }
                break;
            default:
                throw new IllegalStateException(String.valueOf(state));
        }
    }
}
