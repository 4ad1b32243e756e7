package org.mailflow.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.ingest.ImportJob;
import org.mailflow.ingest.ImportOptions;
import org.mailflow.ingest.ImportProgress;

/**
 * One cache, several processes (SPEC 6): real child JVMs running {@code mailflow-insights import}
 * and reports against the same cache file at the same time, and {@code kill -9} in the middle of an
 * import.
 */
class CacheProcessesTest {
    @TempDir
    Path dir;
    private Path home;
    private String oldHome;

    @BeforeEach
    void ownHome() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        oldHome = System.getProperty(CacheLocations.HOME_PROPERTY);
        System.setProperty(CacheLocations.HOME_PROPERTY, home.toString());
    }

    @AfterEach
    void restoreHome() {
        if (oldHome == null) {
            System.clearProperty(CacheLocations.HOME_PROPERTY);
        } else {
            System.setProperty(CacheLocations.HOME_PROPERTY, oldHome);
        }
    }

    /** An SMTP AUTH CSV of {@code rows} rows of senders named after {@code tag}; each row counts {@code count} submissions. */
    private Path smtpCsv(String tag, int rows, int count) throws Exception {
        StringBuilder sb = new StringBuilder("timestamp,sender,tls_version,client_ip,auth_method,count\n");
        for (int i = 0; i < rows; i++) {
            sb.append(String.format("2026-11-12 %02d:%02d:%02d,%s%d@contoso.example,TLS 1.2,10.0.%d.%d,PLAIN,%d%n",
                    (i / 3600) % 24, (i / 60) % 60, i % 60, tag, i % 500, (i / 250) % 250, i % 250 + 1, count));
        }
        return Files.writeString(dir.resolve(tag + ".csv"), sb.toString());
    }

    /** A child JVM running the command line; its output and errors go to files named after {@code name}. */
    /**
     * Whether this process ignores SIGINT, as a command started with {@code &} by a non-interactive
     * shell does (and every process it starts: {@code SigIgn} in {@code /proc/self/status}, Linux).
     */
    private static boolean sigintIgnored() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << (2 - 1))) != 0; // SIGINT is 2
            }
        }
        return false;
    }

    private Process launch(String name, String... args) throws Exception {
        Path bin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Duser.language=en", "-Duser.country=US", "-D" + CacheLocations.HOME_PROPERTY + "=" + home,
                "-cp", System.getProperty("java.class.path"), "org.mailflow.Launcher"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    private String err(String name) throws Exception {
        return Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8);
    }

    private String out(String name) throws Exception {
        return Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
    }

    private static int exit(Process p) throws Exception {
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the child finished").isTrue();
        return p.exitValue();
    }

    private static long submissions(Path cache) throws Exception {
        try (Cache c = Cache.open(cache)) {
            return new SmtpStore(c).totalSubmissions();
        }
    }

    private static String integrity(Path cache) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cache); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void fourImportsAtOnceIntoOneNewCacheAllSucceedAndTheSameFileCountsOnce() throws Exception {
        Path cache = dir.resolve("new/cache.db");
        Path a = smtpCsv("a", 3000, 1);
        Path b = smtpCsv("b", 3000, 2);
        Path c = smtpCsv("c", 3000, 3);
        long start = System.nanoTime();
        List<Process> ps = List.of(
                launch("p0", "--cache", cache.toString(), "import", a.toString()),
                launch("p1", "--cache", cache.toString(), "import", b.toString()),
                launch("p2", "--cache", cache.toString(), "import", c.toString()),
                launch("p3", "--cache", cache.toString(), "import", a.toString()));
        for (int i = 0; i < ps.size(); i++) {
            assertThat(exit(ps.get(i))).as("import %d: %s", i, err("p" + i)).isZero();
            assertThat(err("p" + i)).doesNotContainIgnoringCase("database is locked").doesNotContain("stayed locked");
        }
        System.out.printf("4 concurrent imports into one new cache: %.1f s in all%n", (System.nanoTime() - start) / 1e9);
        // a.csv twice at the same moment: one imported it, the other found it already imported
        assertThat(List.of(out("p0"), out("p3"))).filteredOn(o -> o.contains("already imported")).hasSize(1);
        assertThat(submissions(cache)).isEqualTo(3000L * (1 + 2 + 3));
        assertThat(integrity(cache)).isEqualTo("ok");
    }

    @Test
    void aSecondWriterWaitsItsTurnSaysSoOnceAndGivesUpAfterWaitWithNothingChanged() throws Exception {
        Path cache = dir.resolve("cache.db");
        Path a = smtpCsv("a", 100, 1);
        Path b = smtpCsv("b", 100, 2);
        Path c = smtpCsv("c", 100, 3);
        assertThat(exit(launch("first", "--cache", cache.toString(), "import", a.toString()))).isZero();
        byte[] before;
        Process waiter;
        long released;
        try (CacheLock held = CacheLock.acquire(cache, CacheLock.Waiting.QUIETLY)) {
            before = Files.readAllBytes(cache);
            waiter = launch("waiter", "--cache", cache.toString(), "import", b.toString());
            Process impatient = launch("impatient", "--cache", cache.toString(), "import", "--wait", "1", c.toString());
            assertThat(exit(impatient)).isEqualTo(4);
            assertThat(err("impatient")).contains(cache.toString()).contains("was still being written by another import after 1 seconds")
                    .contains("Nothing was changed").doesNotContainIgnoringCase("database is locked");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!err("waiter").contains("Waiting for another import") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(err("waiter")).contains("Waiting for another import into " + cache + " to finish");
            assertThat(waiter.isAlive()).isTrue();
            assertThat(Files.readAllBytes(cache)).isEqualTo(before);
            released = System.nanoTime();
        }
        assertThat(exit(waiter)).as(err("waiter")).isZero();
        System.out.printf("the waiting import finished %d ms after the lock was released%n", (System.nanoTime() - released) / 1_000_000);
        assertThat(err("waiter").split("Waiting for another import", -1)).hasSize(2); // said once
        assertThat(submissions(cache)).isEqualTo(100L * (1 + 2));
    }

    @Test
    void ctrlCWhileWaitingForAnotherImportCancelsWithNothingChanged() throws Exception {
        assumeFalse(sigintIgnored(), "this test runs with SIGINT ignored (started in the background by a shell without job "
                + "control): its child inherits that, so the JVM installs no handler and Ctrl+C cannot be tried");
        Path cache = dir.resolve("cache.db");
        Path a = smtpCsv("a", 100, 1);
        assertThat(exit(launch("first", "--cache", cache.toString(), "import", a.toString()))).isZero();
        byte[] before = Files.readAllBytes(cache);
        try (CacheLock held = CacheLock.acquire(cache, CacheLock.Waiting.QUIETLY)) {
            Process waiter = launch("waiter", "--cache", cache.toString(), "import", smtpCsv("b", 100, 2).toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!err("waiter").contains("Waiting for another import") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(waiter.pid())).start().waitFor()).isZero();
            assertThat(waiter.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(err("waiter")).contains("The import was cancelled; nothing was changed.");
        }
        assertThat(Files.readAllBytes(cache)).isEqualTo(before);
        assertThat(submissions(cache)).isEqualTo(100);
    }

    @Test
    void aReportWhileAnImportWritesSeesTheOldContentThenTheNew() throws Exception {
        Path cache = dir.resolve("cache.db");
        Path a = smtpCsv("a", 50, 1);
        Path b = smtpCsv("b", 50, 2);
        assertThat(exit(launch("first", "--cache", cache.toString(), "import", a.toString()))).isZero();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread importer = new Thread(() -> {
            try (Cache c = Cache.open(cache)) {
                // the progress of the last file is reported inside the transaction, before the commit
                new ImportJob(c, ImportOptions.DEFAULT).run(List.of(b), (file, done, total) -> {
                    if (done == total) {
                        writing.countDown();
                        try {
                            finish.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }, () -> false);
            } catch (Throwable t) {
                failed.set(t);
                writing.countDown();
            }
        });
        importer.start();
        assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(exit(launch("during", "--cache", cache.toString(), "smtp-auth", "summary"))).as(err("during")).isZero();
        assertThat(out("during")).contains("messages=50");
        assertThat(exit(launch("busy", "--cache", cache.toString(), "import", "--wait", "0", b.toString()))).isEqualTo(4);
        assertThat(err("busy")).contains("still being written by another import").doesNotContainIgnoringCase("database is locked");
        finish.countDown();
        importer.join(30_000);
        assertThat(failed.get()).isNull();
        assertThat(exit(launch("after", "--cache", cache.toString(), "smtp-auth", "summary"))).as(err("after")).isZero();
        assertThat(out("after")).contains("messages=150");
    }

    /**
     * {@code kill -9} at random moments of an import (starting, reading, committing, closing): the
     * cache passes {@code PRAGMA integrity_check} every time and holds whole imports only.
     */
    @Test
    void killNineAtAnyMomentLeavesTheCacheWholeWithWholeImportsOnly() throws Exception {
        Path cache = dir.resolve("cache.db");
        int rows = 8000;
        // one whole import first: how long one takes on this machine now, to kill the others within that time
        long t0 = System.nanoTime();
        assertThat(exit(launch("create", "--cache", cache.toString(), "import", smtpCsv("first", rows, 1).toString()))).isZero();
        long whole = (System.nanoTime() - t0) / 1_000_000;
        Random random = new Random(13);
        long expected = rows;
        int committed = 0;
        int tries = 6;
        for (int t = 0; t < tries; t++) {
            Path csv = smtpCsv("kill" + t, rows, 1);
            Process p = launch("kill" + t, "--cache", cache.toString(), "import", csv.toString());
            // from the JVM's start to just after the commit and the close
            Thread.sleep(whole / 5 + random.nextLong(whole));
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            assertThat(integrity(cache)).as("try %d", t).isEqualTo("ok");
            long now = submissions(cache);
            assertThat(now).as("try %d: nothing or the whole file", t).isIn(expected, expected + rows);
            if (now != expected) {
                committed++;
            }
            expected = now;
        }
        System.out.printf("kill -9 (one import takes %d ms): %d of %d imports had committed when killed; the cache was whole every time%n", whole, committed, tries);
    }
}
