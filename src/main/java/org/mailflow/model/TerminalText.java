package org.mailflow.model;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Text from the data (a sender, an account, a line of a log) or from a file name, made safe to show
 * on a terminal: a sender or file name can carry {@code ESC ] 0;…BEL} (which retitles the window) or
 * {@code ESC [2J} (which clears the screen), and a terminal obeys them. Control characters are shown
 * escaped instead: ESC as {@code \e}, the other C0 controls and DEL as {@code \xHH} ({@code \x07}),
 * the C1 controls and the Unicode line, paragraph and bidirectional controls (which reorder what is
 * shown) as a backslash, {@code u} and four hex digits (CSI as {@code u009b} after the backslash).
 * Newline and tab pass (the messages' own layout); carriage return passes only through
 * {@link #writer(Writer, boolean)} when asked (the import's progress line redraws with it).
 *
 * <p>Where it applies (README, Command line): everything written to standard error, always; standard
 * output when it is a terminal; the {@code bulk sender} lines always. CSV written to a file or a pipe
 * stays byte for byte the data, since the program that reads it needs the real values.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** {@code text} with every control character escaped, newline and tab included. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String e = escaped(c, false, false);
            if (e != null && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (e != null) {
                    b.append(e);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? text : b.toString();
    }

    /** How {@code c} is shown, or null when it is shown as it is. */
    static String escaped(char c, boolean passNewlineAndTab, boolean passCarriageReturn) {
        if (c == '\n' || c == '\t') {
            return passNewlineAndTab ? null : (c == '\n' ? "\\n" : "\\t");
        }
        if (c == '\r') {
            return passCarriageReturn ? null : "\\r";
        }
        if (c == 0x1b) {
            return "\\e";
        }
        if (c < 0x20 || c == 0x7f) {
            return String.format(java.util.Locale.ROOT, "\\x%02x", (int) c);
        }
        if ((c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c) {
            return String.format(java.util.Locale.ROOT, "\\u%04x", (int) c);
        }
        return null;
    }

    /**
     * A writer that escapes what passes through it as {@link #escape} does, except newline and tab,
     * and carriage return when {@code passCarriageReturn}.
     */
    public static Writer writer(Writer out, boolean passCarriageReturn) {
        return new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                String e = escaped((char) c, true, passCarriageReturn);
                if (e == null) {
                    out.write(c);
                } else {
                    out.write(e);
                }
            }

            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                int start = off;
                for (int i = off; i < off + len; i++) {
                    String e = escaped(cbuf[i], true, passCarriageReturn);
                    if (e != null) {
                        out.write(cbuf, start, i - start);
                        out.write(e);
                        start = i + 1;
                    }
                }
                out.write(cbuf, start, off + len - start);
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                int start = off;
                for (int i = off; i < off + len; i++) {
                    String e = escaped(str.charAt(i), true, passCarriageReturn);
                    if (e != null) {
                        out.write(str, start, i - start);
                        out.write(e);
                        start = i + 1;
                    }
                }
                out.write(str, start, off + len - start);
            }
        };
    }
}
