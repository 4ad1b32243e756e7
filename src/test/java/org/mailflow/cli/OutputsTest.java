package org.mailflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.Launcher;
import org.mailflow.cache.Cache;
import org.mailflow.testing.Fixtures;

/**
 * The command line's outputs: {@code --out} onto a link or a FIFO writes through it; a failed write to
 * standard output ({@code > /dev/full}) is an error with a message; text from the data and file names
 * reaches standard error (and {@code bulk sender}'s lines) with its control characters escaped, while
 * CSV into a file stays the data byte for byte.
 */
class OutputsTest {
    private static final String TITLE = "evil\u001b]0;pwned\u0007@x.example";
    private static final String CLEAR = "clear\u001b[2J\u009b31m@x.example";

    @TempDir
    Path dir;

    Path cache;

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--cache", cache.toString()));
        all.addAll(List.of(args));
        int code = MailflowCommand.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void fixture() throws Exception {
        try (Cache c = Fixtures.smallBulkCache(dir)) {
            cache = c.file();
        }
    }

    @Test
    void outOntoALinkWritesThroughIt() throws Exception {
        Path target = Files.writeString(dir.resolve("table.csv"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), target);
        Run r = run("bulk", "table", "--out", link.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAttributes(link, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink()).isTrue();
        assertThat(Files.readString(target)).startsWith("BCL,").contains("\r\n");
    }

    @Test
    void outOntoAFifoWritesIntoIt() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo is not available");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Run r = run("bulk", "senders", "--out", fifo.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(reader.get(20, TimeUnit.SECONDS)).contains("calm@news.example");
        assertThat(Files.readAttributes(fifo, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()).isTrue();
    }

    @Test
    void controlCharactersOfTheDataAreEscapedOnTheTerminalButNotInTheCsv() throws Exception {
        // The importers refuse control characters in a sender; a cache from elsewhere (or an older version) may hold them.
        try (Cache c = Cache.open(cache)) {
            c.write(con -> {
                try (org.mailflow.cache.BulkStore.Writer w = new org.mailflow.cache.BulkStore.Writer(con)) {
                    for (String s : List.of(TITLE, CLEAR)) {
                        w.addMessages(w.senderId(s), Fixtures.AS_OF.toEpochDay(), 6, org.mailflow.bulk.Delivery.INBOX.ordinal(), 5);
                    }
                    w.flush();
                }
                return null;
            });
        }

        Run sender = run("bulk", "sender", TITLE);
        assertThat(sender.code()).as(sender.err()).isZero();
        assertThat(sender.out()).contains("evil\\e]0;pwned\\x07@x.example").doesNotContain("\u001b", "\u0007");

        Run missing = run("bulk", "sender", CLEAR + ".missing");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("clear\\e[2j\\u009b31m@x.example").doesNotContain("\u001b", "\u009b");

        Path out = dir.resolve("out.csv");
        assertThat(run("bulk", "senders", "--out", out.toString()).code()).isZero();
        assertThat(Files.readString(out)).contains(TITLE.toLowerCase(java.util.Locale.ROOT), CLEAR.toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void aFileNameWithAnEscapeIsShownEscaped() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad\u001b[2Jname\u001b]0;x\u0007.csv"), "not,a,known\nformat,at,all\n");
        Run r = run("import", bad.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("bad\\e[2Jname\\e]0;x\\x07.csv").doesNotContain("\u001b", "\u0007");
    }

    @Test
    void aFailedWriteToStandardOutputIsAnError() throws Exception {
        File full = new File("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(full.exists(), "no /dev/full here");
        for (List<String> args : List.of(List.of("--version"), List.of("--cache", cache.toString(), "bulk", "senders"))) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
            cmd.addAll(args);
            Path err = dir.resolve("err.txt");
            Process p = new ProcessBuilder(cmd).redirectOutput(full).redirectError(err.toFile()).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String text = Files.readString(err);
            assertThat(p.exitValue()).as(args + ": " + text).isNotZero();
            assertThat(text).contains("Could not write to standard output", "No space left on device").doesNotContain("\tat ");
        }
    }
}
