package org.mailflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.io.Writer;
import org.junit.jupiter.api.Test;

/** Control characters from the data are shown escaped on a terminal; everything else passes unchanged. */
class TerminalTextTest {
    @Test
    void escapeSequencesAndControlsAreShownEscaped() {
        assertThat(TerminalText.escape("a\u001b]0;title\u0007b")).isEqualTo("a\\e]0;title\\x07b");
        assertThat(TerminalText.escape("\u001b[2J\u009b2J\u007f\u0000")).isEqualTo("\\e[2J\\u009b2J\\x7f\\x00");
        assertThat(TerminalText.escape("line\nnext\ttab\rcr")).isEqualTo("line\\nnext\\ttab\\rcr");
        assertThat(TerminalText.escape("evil\u202egnp.exe")).isEqualTo("evil\\u202egnp.exe");
        String plain = "Grüße 你好 news@shop.example C:\\path";
        assertThat(TerminalText.escape(plain)).isSameAs(plain);
    }

    @Test
    void theWriterPassesNewlineTabAndCarriageReturnWhenAsked() throws Exception {
        StringWriter s = new StringWriter();
        try (Writer w = TerminalText.writer(s, true)) {
            w.write("\rImporting a\u001b[2Jb.csv\n\tdone\u0007");
            w.write('\u009b');
            w.write("x\u001by".toCharArray(), 1, 2);
        }
        assertThat(s).hasToString("\rImporting a\\e[2Jb.csv\n\tdone\\x07\\u009b\\ey");
        StringWriter t = new StringWriter();
        try (Writer w = TerminalText.writer(t, false)) {
            w.write("a\rb\n");
        }
        assertThat(t).hasToString("a\\rb\n");
    }
}
