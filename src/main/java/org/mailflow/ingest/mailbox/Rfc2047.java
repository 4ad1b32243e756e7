package org.mailflow.ingest.mailbox;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded words ({@code =?UTF-8?B?…?=}, {@code =?ISO-8859-1?Q?…?=}) in a header
 * value. A word that cannot be decoded (unknown charset, broken Base64) is left as written, so a
 * damaged display name still shows something instead of failing the message.
 */
public final class Rfc2047 {
    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");

    private Rfc2047() {
    }

    /** {@code value} with its encoded words decoded; blanks between two adjacent encoded words are dropped (RFC 2047 6.2). */
    public static String decode(String value) {
        if (value == null || !value.contains("=?")) {
            return value;
        }
        Matcher m = WORD.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        int last = 0;
        boolean previousWasWord = false;
        while (m.find()) {
            String between = value.substring(last, m.start());
            if (!(previousWasWord && between.isBlank())) {
                out.append(between);
            }
            String decoded = word(m.group(1), m.group(2), m.group(3));
            out.append(decoded == null ? m.group() : decoded);
            previousWasWord = decoded != null;
            last = m.end();
        }
        out.append(value, last, value.length());
        return out.toString();
    }

    private static String word(String charsetName, String encoding, String text) {
        try {
            int star = charsetName.indexOf('*'); // RFC 2231 language suffix: UTF-8*en
            Charset charset = Charset.forName(star < 0 ? charsetName : charsetName.substring(0, star));
            byte[] bytes;
            if (encoding.equalsIgnoreCase("B")) {
                bytes = Base64.getMimeDecoder().decode(text);
            } else {
                bytes = quoted(text);
            }
            return new String(bytes, charset);
        } catch (IllegalArgumentException e) { // unknown charset or bad Base64
            return null;
        }
    }

    private static byte[] quoted(String text) {
        byte[] src = text.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[src.length];
        int n = 0;
        for (int i = 0; i < src.length; i++) {
            byte b = src[i];
            if (b == '_') {
                out[n++] = ' ';
            } else if (b == '=' && i + 2 < src.length && hex(src[i + 1]) >= 0 && hex(src[i + 2]) >= 0) {
                out[n++] = (byte) (hex(src[i + 1]) * 16 + hex(src[i + 2]));
                i += 2;
            } else {
                out[n++] = b;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
