package org.mailflow.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a scheduled job runs it ({@code org.mailflow.Launcher} in its own JVM, its app
 * folder moved by {@code -Dmailflow.home}): a failed import leaves a line in the log; a log folder that
 * cannot be written does not stop the command, which says so once.
 */
class LauncherLogTest {
    @TempDir Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run launch(Path home, String... args) throws IOException, InterruptedException {
        return launchWithUmask(null, home, args);
    }

    /** With {@code umask} set first (through sh) when not null. */
    private Run launchWithUmask(String umask, Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (umask != null) {
            command.addAll(List.of("sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\""));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dmailflow.home=" + home, "-Duser.language=en", "-Duser.country=US",
                "org.mailflow.Launcher"));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aFailedImportLeavesALineInTheLogAndNothingOnTheConsoleButItsMessage() throws Exception {
        Path home = dir.resolve("home");
        Path missing = dir.resolve("no-such-mail.log");
        Run r = launch(home, "--cache", dir.resolve("c.db").toString(), "import", missing.toString());

        assertThat(r.code()).isNotZero();
        String log = Files.readString(home.resolve("logs").resolve("mailflow-insights.0.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("INFO [main] org.mailflow.Launcher: Mailflow Insights ", "command line: --cache",
                "org.mailflow.cli.MailflowCommand: import failed: ", "no-such-mail.log", "org.mailflow.Launcher: exit code " + r.code());
        assertThat(r.err()).doesNotContain("INFO", "WARNING", "SEVERE");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
    }

    @Test
    void aLogFolderThatCannotBeWrittenIsSaidOnceAndTheCommandStillRuns() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("logs"), "a file where the log folder should be");
        Run r = launch(home, "--version");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Mailflow Insights ");
        String notice = "mailflow-insights: The log cannot be written in " + home.resolve("logs")
                + " (a file of that name is in the way). Mailflow Insights works as usual; its log messages go to the standard error output only.";
        assertThat(r.err()).contains(notice);
        assertThat(r.err().split(java.util.regex.Pattern.quote(notice), -1)).hasSize(2); // once
    }

    @Test
    void logFilesFollowTheUmaskInsideAFolderThatIsTheOwnersOnly() throws Exception {
        Path home = dir.resolve("home");
        assertThat(launchWithUmask("027", home, "--version").code()).isZero();
        Path log = home.resolve("logs").resolve("mailflow-insights.0.log");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-r-----");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");

        Path strict = dir.resolve("strict");
        assertThat(launchWithUmask("077", strict, "--version").code()).isZero();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(strict.resolve("logs").resolve("mailflow-insights.0.log")))).isEqualTo("rw-------");
    }
}
