package org.mailflow.ingest;

import org.mailflow.ingest.bytes.Newlines;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.mailflow.model.UserText;

/**
 * How a text file is encoded, from its first bytes: a byte order mark picks UTF-8, UTF-16LE or
 * UTF-16BE (Microsoft's SmtpCSReport download is UTF-16LE with one); without one the text must be
 * UTF-8. A NUL byte without a UTF-16 mark means binary: UTF-16 without a mark cannot be told from it.
 */
record TextEncoding(Charset charset, int bomLength) {
    /** What the importer reads, for messages. */
    static final UserText EXPECTED = UserText.of("input.encodings");

    private boolean utf16() {
        return charset.equals(StandardCharsets.UTF_16LE) || charset.equals(StandardCharsets.UTF_16BE);
    }

    /** What was expected of text that failed to decode, for the message that reports it. */
    UserText expectation() {
        if (utf16()) {
            return UserText.of("input.encoding.utf16", charset.name());
        }
        return UserText.of("input.encoding.csv", EXPECTED);
    }

    /** A new counter of this encoding's line feeds, for bytes read from the start of the file. */
    LineCounter lineCounter() {
        return new LineCounter(charset.equals(StandardCharsets.UTF_16LE) ? 1 : charset.equals(StandardCharsets.UTF_16BE) ? 2 : 0);
    }

    /**
     * True when content whose last two bytes are {@code beforeLast} and {@code last} (-1 where there
     * is none) ends with a line feed in this encoding: {@code 0A} in UTF-8, {@code 0A 00} in UTF-16LE,
     * {@code 00 0A} in UTF-16BE.
     */
    boolean endsLine(int beforeLast, int last) {
        if (charset.equals(StandardCharsets.UTF_16LE)) {
            return beforeLast == '\n' && last == 0;
        }
        if (charset.equals(StandardCharsets.UTF_16BE)) {
            return beforeLast == 0 && last == '\n';
        }
        return last == '\n';
    }

    /**
     * Counts line feeds in the bytes of a file, fed in order from its first byte (the byte order
     * mark included). In UTF-16 a line feed is a whole code unit at an even offset, so a byte
     * {@code 0A} inside another character (U+010A) is not one; a UTF-16 code unit {@code 000A} is
     * never part of a surrogate pair, so this counts exactly what the decoder sees.
     */
    static final class LineCounter {
        private final int mode; // 0 UTF-8, 1 UTF-16LE, 2 UTF-16BE
        private long position;
        private int previous = -1;

        private LineCounter(int mode) {
            this.mode = mode;
        }

        /** 1 when the byte {@code b} (0-255) completes a line feed, else 0. */
        int count(int b) {
            int found;
            if (mode == 0) {
                found = b == '\n' ? 1 : 0;
            } else if ((position & 1) == 0) {
                found = 0;
            } else if (mode == 1) {
                found = previous == '\n' && b == 0 ? 1 : 0;
            } else {
                found = previous == 0 && b == '\n' ? 1 : 0;
            }
            previous = b;
            position++;
            return found;
        }

        long count(byte[] bytes, int off, int len) {
            long n = 0;
            if (mode == 0) {
                int end = off + len;
                for (int i = Newlines.indexOf(bytes, off, end); i >= 0; i = Newlines.indexOf(bytes, i + 1, end)) {
                    n++;
                }
                position += len;
                if (len > 0) {
                    previous = bytes[off + len - 1] & 0xff;
                }
                return n;
            }
            for (int i = off; i < off + len; i++) {
                n += count(bytes[i] & 0xff);
            }
            return n;
        }
    }

    /** The 1-based line of the first byte sequence that is not valid in this encoding, or 0 if none is found. */
    static long lineOfFirstError(ContentSource source, TextEncoding encoding) {
        java.nio.charset.CharsetDecoder decoder = encoding.charset().newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(8192);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(8192);
        long line = 1;
        try (java.io.InputStream stream = source.content(n -> { })) {
            stream.skipNBytes(encoding.bomLength());
            boolean eof = false;
            while (!eof) {
                int n = stream.read(in.array(), in.position(), in.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    in.position(in.position() + n);
                }
                in.flip();
                while (true) {
                    java.nio.charset.CoderResult r = decoder.decode(in, out, eof);
                    out.flip();
                    while (out.hasRemaining()) {
                        if (out.get() == '\n') {
                            line++;
                        }
                    }
                    out.clear();
                    if (r.isError()) {
                        return line;
                    }
                    if (r.isUnderflow()) {
                        break;
                    }
                }
                in.compact();
            }
        } catch (java.io.IOException e) {
            return 0;
        }
        return 0;
    }

    /** Null when the head looks binary. */
    static TextEncoding detect(byte[] head, int length) {
        if (length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            return new TextEncoding(StandardCharsets.UTF_8, 3);
        }
        if (length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 2);
        }
        if (length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 2);
        }
        int scan = Math.min(length, 8192);
        for (int i = 0; i < scan; i++) {
            if (head[i] == 0) {
                return null;
            }
        }
        return new TextEncoding(StandardCharsets.UTF_8, 0);
    }
}
