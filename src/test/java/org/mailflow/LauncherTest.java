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

    /** The installed command line opens the window through the app's own launcher (G1), runs commands itself. */
    @Test
    void theCommandLineLauncherHandsTheWindowToTheAppsLauncher() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("opt/bin"));
        Path app = Files.writeString(bin.resolve(Launcher.APP_LAUNCHER), "#!/bin/sh\n");
        Path cli = Files.writeString(bin.resolve("mailflow-insights"), "#!/bin/sh\n");
        org.junit.jupiter.api.Assumptions.assumeTrue(app.toFile().setExecutable(true), "no executable files here");
        String log = Files.writeString(dir.resolve("mail.log"), "x\n").toString();

        assertThat(Launcher.appLauncherFor(new String[0], "cli", cli.toString())).contains(app);
        assertThat(Launcher.appLauncherFor(Launcher.withFilesToOpen(new String[] {log}), "cli", cli.toString())).contains(app);
        assertThat(Launcher.appLauncherFor(new String[] {"--cache", "x.db", "gui"}, "cli", cli.toString())).contains(app);
        // commands run in this JVM, with the command line's options
        assertThat(Launcher.appLauncherFor(new String[] {"import", log}, "cli", cli.toString())).isEmpty();
        assertThat(Launcher.appLauncherFor(new String[] {"--version"}, "cli", cli.toString())).isEmpty();
        // the app's own launcher, java -jar, or an image without the app's launcher: the window opens here
        assertThat(Launcher.appLauncherFor(new String[0], null, app.toString())).isEmpty();
        assertThat(Launcher.appLauncherFor(new String[0], "cli", null)).isEmpty();
        Files.delete(app);
        assertThat(Launcher.appLauncherFor(new String[0], "cli", cli.toString())).isEmpty();
    }
}
