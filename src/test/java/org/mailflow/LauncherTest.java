package org.mailflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop's "Open with" (existing files as the only arguments) against the command line. */
class LauncherTest {
    @TempDir
    Path dir;

    @Test
    void existingFilesAndFoldersOpenTheAppWithThemInTheImportDialog() throws Exception {
        String log = Files.writeString(dir.resolve("mail.log"), "x\n").toString();
        String mbox = Files.writeString(dir.resolve("Junk.mbox"), "x\n").toString();
        String folder = Files.createDirectories(dir.resolve("Maildir")).toString();
        assertThat(Launcher.withFilesToOpen(new String[] {log, mbox, folder}))
                .containsExactly("gui", "--import", log, mbox, folder);
    }

    @Test
    void commandsOptionsAndMissingFilesStayTheCommandLine() throws Exception {
        String log = Files.writeString(dir.resolve("mail.log"), "x\n").toString();
        String missing = dir.resolve("gone.log").toString();
        String[][] unchanged = {
            {},
            {"import", log},
            {"--version"},
            {log, "--cache"},
            {log, missing},
            {missing},
            {""},
        };
        for (String[] args : unchanged) {
            assertThat(Launcher.withFilesToOpen(args)).containsExactly(args);
        }
    }

    @Test
    void aFileNamedLikeACommandIsTheCommand() throws Exception {
        Path bulk = Files.writeString(dir.resolve("bulk"), "x\n");
        // relative names resolve against the working folder, so only the name matters here
        assertThat(Launcher.withFilesToOpen(new String[] {"bulk"})).containsExactly("bulk");
        assertThat(Launcher.withFilesToOpen(new String[] {bulk.toString()})).containsExactly("gui", "--import", bulk.toString());
    }
}
