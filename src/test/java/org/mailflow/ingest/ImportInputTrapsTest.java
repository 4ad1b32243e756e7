package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.fails;
import static org.mailflow.ingest.ImportTestKit.write;
import static org.mailflow.ingest.ImportTestKit.writeBytes;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailflow.cache.Cache;

/**
 * Bad input that used to slip through: folders that lead back to themselves, named pipes, folders
 * that cannot be read, and binary files forced to be read as logs or mailboxes. Each is refused or
 * listed, never walked for ever, waited on, skipped in silence or imported.
 */
class ImportInputTrapsTest {
    @TempDir
    Path dir;
    private Cache cache;

    private static final String LOG = "Nov 12 08:00:00 mx postfix/submission/smtpd[1]: 4A1B2C3D4E: client=a[192.0.2.1], "
            + "sasl_method=PLAIN, sasl_username=a@x.example\n";

    @BeforeEach
    void open() throws Exception {
        cache = Cache.open(dir.resolve("cache.db"));
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private static boolean mkfifo(Path p) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
        return mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0;
    }

    @Test
    void aFolderWithTwoLinksToItselfIsWalkedOnce() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        write(logs, "mail.log", LOG);
        Files.createSymbolicLink(logs.resolve("again"), logs);
        Files.createSymbolicLink(logs.resolve("and-again"), Path.of("."));

        List<ImportInputs.Input> inputs = ImportInputs.expand(List.of(logs));

        assertThat(inputs).extracting(i -> logs.relativize(i.path()).toString()).containsExactly("mail.log");
        ImportSummary s = ImportTestKit.run(cache, logs);
        assertThat(s.submissions()).isEqualTo(1);
    }

    /** A link to the folder above (or to /) would walk far more than the user chose: listed, not followed. */
    @Test
    void aLinkToAFolderOutsideTheChosenOneIsListedNotFollowed() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("home/logs"));
        write(logs, "mail.log", LOG);
        write(dir.resolve("home"), "other.log", LOG.replace("a@x.example", "b@x.example"));
        Files.createSymbolicLink(logs.resolve("up"), Path.of(".."));
        Path inside = Files.createDirectories(dir.resolve("home/logs/archive"));
        write(inside, "mail.log.1", LOG.replace("4A1B2C3D4E", "5A1B2C3D4E").replace("a@x.example", "c@x.example"));
        Files.createSymbolicLink(logs.resolve("old"), Path.of("archive"));

        List<ImportInputs.Input> inputs = ImportInputs.expand(List.of(logs));

        assertThat(inputs).extracting(i -> logs.relativize(i.path()).toString(), ImportInputs.Input::skipped).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mail.log", null),
                org.assertj.core.groups.Tuple.tuple("archive/mail.log.1", null),
                org.assertj.core.groups.Tuple.tuple("up", ImportInputs.OUTSIDE.toString()));
    }

    /** A named pipe blocks whoever opens it until something writes to it: refused before it is opened. */
    @Test
    void aNamedPipeIsRefusedAtOnceAndOneInAFolderIsListed() throws Exception {
        Path fifo = dir.resolve("mail.pipe");
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo(fifo), "mkfifo is not available");

        BadInputException e = CompletableFuture.supplyAsync(() -> {
            try {
                return fails(cache, fifo);
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }).get(20, TimeUnit.SECONDS);
        assertThat(e.getMessage()).contains("mail.pipe").contains("not a regular file");

        Path logs = Files.createDirectories(dir.resolve("logs"));
        write(logs, "mail.log", LOG);
        Files.move(fifo, logs.resolve("syslog.pipe"));
        ImportSummary s = CompletableFuture.supplyAsync(() -> {
            try {
                return ImportTestKit.run(cache, logs);
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }).get(20, TimeUnit.SECONDS);
        assertThat(s.submissions()).isEqualTo(1);
        assertThat(s.skipped()).extracting(f -> f.file().getFileName().toString(), ImportSummary.FileResult::note)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("syslog.pipe", ImportInputs.NOT_A_FILE.toString()));
        assertThat(s.describe()).contains("syslog.pipe: not a regular file");
    }

    /**
     * A sub-folder that cannot be read (as root every folder can, so the listing is made to fail) is
     * passed over and listed; a named folder that cannot be read is refused.
     */
    @Test
    void aSubFolderThatCannotBeReadIsListedAndANamedOneIsRefused() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        write(logs, "mail.log", LOG);
        Path locked = Files.createDirectories(logs.resolve("archive"));
        write(locked, "mail.log.1", LOG);
        ImportInputs.Lister refusing = d -> {
            if (d.getFileName().toString().equals("archive")) {
                throw new AccessDeniedException(d.toString());
            }
            return Files.newDirectoryStream(d);
        };

        List<ImportInputs.Input> inputs = ImportInputs.expand(List.of(logs), refusing);

        assertThat(inputs).extracting(i -> i.path().getFileName().toString(), ImportInputs.Input::skipped).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mail.log", null),
                org.assertj.core.groups.Tuple.tuple("archive", "a folder that cannot be read (permission denied)"));
        BadInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(BadInputException.class,
                () -> ImportInputs.expand(List.of(locked), refusing));
        assertThat(e.getMessage()).contains("archive").contains("cannot be read (permission denied)");
    }

    /** --format says how to read a text; a PNG or an SQLite file forced to be a log or a mailbox is still refused. */
    @ParameterizedTest(name = "--format {0}")
    @EnumSource(value = ImportFormat.class, names = {"POSTFIX", "EXIM", "MBOX", "MESSAGE"})
    void aBinaryFileForcedToBeALogOrMailboxIsRefused(ImportFormat format) throws Exception {
        byte[] noise = new byte[20_000];
        new Random(5).nextBytes(noise);
        Path f = writeBytes(dir, "photo.jpg", noise);
        byte[] sqlite = Files.readAllBytes(dir.resolve("cache.db"));
        Path db = writeBytes(dir, "other.db", sqlite);

        for (Path p : List.of(f, db)) {
            BadInputException e = fails(cache, new ImportOptions(Optional.of(format), false), p);
            assertThat(e.getMessage()).contains(p.getFileName().toString()).contains("binary data");
        }
    }

    /** A tar of logs (plain or .gz) holds log lines between binary headers: refused when named, listed in a folder. */
    @Test
    void aTarOfLogsIsRefusedAndOneInAFolderIsListed() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path log = write(logs, "mail.log", LOG);
        Path tar = dir.resolve("logs.tar");
        Process p = new ProcessBuilder("tar", "-cf", tar.toString(), "-C", logs.toString(), "mail.log").start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "tar is not available");
        Path tgz = writeBytes(dir, "logs.tar.gz", ImportTestKit.gzip(Files.readAllBytes(tar)));

        for (Path f : List.of(tar, tgz)) {
            BadInputException e = fails(cache, f);
            assertThat(e.getMessage()).contains(f.getFileName().toString()).contains("tar archive").contains("extract it");
        }
        Files.move(tgz, logs.resolve("old.tar.gz"));
        ImportSummary s = ImportTestKit.run(cache, logs);
        assertThat(s.submissions()).isEqualTo(1);
        assertThat(s.skipped()).extracting(ImportSummary.FileResult::note).containsExactly("a tar archive");
        assertThat(log).exists();
    }

    /** The same files as text still import when forced: the check is for binary content only. */
    @Test
    void aTextLogForcedToItsFormatStillImports() throws Exception {
        Path f = write(dir, "mail.txt", LOG);
        ImportSummary s = new ImportJob(cache, new ImportOptions(Optional.of(ImportFormat.POSTFIX), false))
                .run(List.of(f), ImportProgress.NONE, () -> false);
        assertThat(s.submissions()).isEqualTo(1);
    }

    @Test
    void aMissingFileIsReportedAsMissing() throws Exception {
        BadInputException e = fails(cache, dir.resolve("nope.log"));
        assertThat(e.getMessage()).contains("nope.log").contains("does not exist");
    }
}
