package org.mailflow.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How a text file is encoded, from its first bytes: a byte order mark picks UTF-8, UTF-16LE or
 * UTF-16BE; without one the text must be UTF-8. A NUL byte without a UTF-16 mark means binary.
 */
record TextEncoding(Charset charset, int bomLength) {

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
