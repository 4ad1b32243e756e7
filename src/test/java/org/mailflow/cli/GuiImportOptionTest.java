package org.mailflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gui --import FILE…}: what "Open with" runs; parsed here without opening a window. */
class GuiImportOptionTest {
    @Test
    void theFilesAfterImportAreKeptInOrder() {
        CommandLine cl = new CommandLine(new MailflowCommand()).addSubcommand("gui", GuiCommand.class);
        CommandLine.ParseResult parsed = cl.parseArgs("--cache", "c.db", "gui", "--page", "bulk", "--import", "a.log", "b dir/Junk.mbox");
        GuiCommand gui = (GuiCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(gui.importFiles).containsExactly(Path.of("a.log"), Path.of("b dir/Junk.mbox"));
        assertThat(gui.page).isEqualTo(org.mailflow.ui.Page.BULK);

        GuiCommand plain = (GuiCommand) new CommandLine(new MailflowCommand()).addSubcommand("gui", GuiCommand.class)
                .parseArgs("gui").subcommand().commandSpec().userObject();
        assertThat(plain.importFiles).isEmpty();
    }

    @Test
    void importWithoutAFileIsAUsageErrorAndNoWindowOpens() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MailflowCommand.run(new String[] {"gui", "--import"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--import");
    }
}
