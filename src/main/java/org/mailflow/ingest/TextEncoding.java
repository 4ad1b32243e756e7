package org.mailflow.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How a text file is encoded, from its first bytes: a byte order mark picks UTF-8, UTF-16LE or
 * UTF-16BE; without one the text must be UTF-8. A NUL byte without a UTF-16 mark means binary.
 */
record TextEncoding(Charset charset, int bomLength) {

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
