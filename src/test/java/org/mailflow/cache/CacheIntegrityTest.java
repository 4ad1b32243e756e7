package org.mailflow.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cli.MailflowCommand;
import org.mailflow.ingest.ImportJob;
import org.mailflow.ingest.ImportOptions;
import org.mailflow.ingest.ImportProgress;
import org.mailflow.model.UserText;

/**
 * Cache integrity with SQLite's own guarantees: damaged pages are found and refused without a byte
 * changing, refusing never checkpoints a WAL, read-only media open for reading, a full disk says so
 * and leaves the cache as it was.
 */
class CacheIntegrityTest {
    @TempDir
    Path dir;
    private String oldHome;
    private Path mounted;

    @BeforeEach
    void ownHome() throws Exception {
        oldHome = System.getProperty(CacheLocations.HOME_PROPERTY);
        System.setProperty(CacheLocations.HOME_PROPERTY, Files.createDirectories(dir.resolve("home")).toString());
    }

    @AfterEach
    void restore() throws Exception {
        if (oldHome == null) {
            System.clearProperty(CacheLocations.HOME_PROPERTY);
        } else {
            System.setProperty(CacheLocations.HOME_PROPERTY, oldHome);
        }
        if (mounted != null) {
            run("umount", mounted.toString());
        }
    }

    private Path smtpCsv(Path folder, String tag, int rows) throws Exception {
        StringBuilder sb = new StringBuilder("timestamp,sender,tls_version,client_ip,auth_method,count\n");
        for (int i = 0; i < rows; i++) {
            sb.append(String.format("2026-11-12 %02d:%02d:%02d,%s%d@contoso.example,TLS 1.2,10.0.%d.%d,PLAIN,1%n",
                    (i / 3600) % 24, (i / 60) % 60, i % 60, tag, i, (i / 250) % 250, i % 250 + 1));
        }
        return Files.writeString(folder.resolve(tag + ".csv"), sb.toString());
    }

    private static void importInto(Cache cache, Path... files) throws Exception {
        new ImportJob(cache, ImportOptions.DEFAULT).run(List.of(files), ImportProgress.NONE, () -> false);
    }

    /** A cache of {@code rows} submissions, closed (its WAL folded in). */
    private Path filledCache(Path folder, int rows) throws Exception {
        Path file = folder.resolve("cache.db");
        try (Cache cache = Cache.open(file)) {
            importInto(cache, smtpCsv(dir, "a", rows));
        }
        return file;
    }

    /** Overwrites the page in the middle of the file with garbage (the header, page 1, stays whole). */
    private static void damageMiddlePage(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int pageSize = 4096;
        int page = bytes.length / pageSize / 2;
        for (int i = 0; i < pageSize; i++) {
            bytes[page * pageSize + i] = (byte) (i * 31 + 7);
        }
        Files.write(file, bytes);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Locale old = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
        try {
            int code = MailflowCommand.run(args, new PrintWriter(out), new PrintWriter(err));
            return new Run(code, out.toString(), err.toString());
        } finally {
            Locale.setDefault(old);
        }
    }

    private static boolean run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private Path tmpfs(String options) throws Exception {
        Path mount = Files.createDirectories(dir.resolve("mnt"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", options, "tmpfs", mount.toString()),
                "cannot mount a tmpfs here (needs root); checked by hand instead (README)");
        mounted = mount;
        return mount;
    }

    @Test
    void aCacheWithADamagedPageIsFoundOnOpenRefusedWithExit4AndLeftUntouched() throws Exception {
        Path file = filledCache(dir, 3000);
        damageMiddlePage(file);
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> Cache.open(file)).isInstanceOfSatisfying(CacheException.class, e -> {
            assertThat(e.reason()).isEqualTo(CacheException.Reason.CORRUPT);
            assertThat(e.getMessage()).startsWith(file + " is damaged and cannot be used (").contains("The file was not changed.");
            assertThat(e.userText().in(UserText.ZH_TW)).contains("已損毀");
        });
        Run r = cli("--cache", file.toString(), "import", smtpCsv(dir, "b", 10).toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).contains("is damaged and cannot be used");
        assertThat(cli("--cache", file.toString(), "smtp-auth", "summary").code()).isEqualTo(4);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Path.of(file + "-wal")).doesNotExist();
    }

    @Test
    void damageTheQuickCheckPassedIsFoundByTheFullCheckBeforeAnImportWrites() throws Exception {
        Path file = filledCache(dir, 3000);
        damageMiddlePage(file);
        // as if the cache had been checked when it was whole, and damaged since without its size or time changing
        CacheChecks.record(file, CacheChecks.Level.QUICK);
        byte[] before = Files.readAllBytes(file);
        try (Cache cache = Cache.open(file)) {
            List<String> said = new java.util.ArrayList<>();
            ImportProgress progress = new ImportProgress() {
                @Override
                public void update(Path f, long done, long total) {
                }

                @Override
                public void checking() {
                    said.add("checking");
                }
            };
            assertThatThrownBy(() -> new ImportJob(cache, ImportOptions.DEFAULT).run(List.of(smtpCsv(dir, "b", 10)), progress, () -> false))
                    .isInstanceOfSatisfying(CacheException.class, e -> assertThat(e.reason()).isEqualTo(CacheException.Reason.CORRUPT));
            assertThat(said).containsExactly("checking");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(CacheChecks.passed(file, CacheChecks.Level.QUICK)).isFalse(); // forgotten: the next open checks again
    }

    @Test
    void aCheckThatPassedIsRememberedUntilTheFileChanges() throws Exception {
        Path file = filledCache(dir, 100);
        assertThat(CacheChecks.passed(file, CacheChecks.Level.FULL)).isTrue(); // created here, closed here
        try (Cache cache = Cache.open(file)) {
            importInto(cache, smtpCsv(dir, "b", 10));
        }
        assertThat(CacheChecks.passed(file, CacheChecks.Level.FULL)).isTrue();
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() - 5000));
        assertThat(CacheChecks.passed(file, CacheChecks.Level.QUICK)).isFalse();
    }

    @Test
    void refusingANewerCacheWhoseWalIsNotCheckpointedChangesNoByteOfTheCacheOrItsWal() throws Exception {
        Path source = dir.resolve("src.db");
        try (Cache cache = Cache.open(source)) {
            importInto(cache, smtpCsv(dir, "a", 200));
        }
        Path copy = Files.createDirectories(dir.resolve("copy")).resolve("newer.db");
        // a newer version's commit still in the WAL (its process crashed): copied while the connection is open
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); Statement st = c.createStatement()) {
            st.execute("PRAGMA wal_autocheckpoint = 0");
            st.execute("PRAGMA user_version = " + (Cache.SCHEMA_VERSION + 1));
            st.execute("INSERT INTO meta(key, value) VALUES ('from', 'the future')");
            Files.copy(source, copy);
            Files.copy(Path.of(source + "-wal"), Path.of(copy + "-wal"));
        }
        Path wal = Path.of(copy + "-wal");
        assertThat(Files.size(wal)).isGreaterThan(0);
        byte[] db = Files.readAllBytes(copy);
        byte[] walBytes = Files.readAllBytes(wal);
        assertThatThrownBy(() -> Cache.open(copy)).isInstanceOfSatisfying(CacheException.class, e -> {
            assertThat(e.reason()).isEqualTo(CacheException.Reason.NEWER_VERSION);
            assertThat(e.getMessage()).contains("newer version of Mailflow Insights").contains("schema " + (Cache.SCHEMA_VERSION + 1));
        });
        assertThat(cli("--cache", copy.toString(), "import", smtpCsv(dir, "b", 5).toString()).code()).isEqualTo(4);
        assertThat(Files.readAllBytes(copy)).isEqualTo(db);
        assertThat(Files.readAllBytes(wal)).isEqualTo(walBytes);
    }

    @Test
    void aCacheOnReadOnlyMediaOpensForReadingAndRefusesImportsClearly() throws Exception {
        Path mount = tmpfs("size=8m");
        Path file = filledCache(mount, 300);
        assertThat(run("mount", "-o", "remount,ro", mount.toString())).isTrue();
        assertThat(Cache.writable(file)).isFalse();
        byte[] before = Files.readAllBytes(file);
        try (Cache cache = Cache.open(file)) {
            assertThat(cache.isReadOnly()).isTrue();
            assertThat(new SmtpStore(cache).totalSubmissions()).isEqualTo(300);
            assertThatThrownBy(() -> importInto(cache, smtpCsv(dir, "b", 5))).isInstanceOfSatisfying(CacheException.class,
                    e -> assertThat(e.reason()).isEqualTo(CacheException.Reason.READ_ONLY));
        }
        Run summary = cli("--cache", file.toString(), "smtp-auth", "summary");
        assertThat(summary.code()).as(summary.err()).isZero();
        assertThat(summary.out()).contains("messages=300");
        Run imp = cli("--cache", file.toString(), "import", smtpCsv(dir, "c", 5).toString());
        assertThat(imp.code()).isEqualTo(4);
        assertThat(imp.err()).contains(file + " is on a read-only disk or in a read-only folder").contains("Nothing was changed");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aFullDiskSaysSoWithTheSpaceNeededAndLeavesTheCacheAsItWas() throws Exception {
        Path mount = tmpfs("size=1m");
        Path file = filledCache(mount, 50);
        Path big = smtpCsv(dir, "big", 40_000);
        Run r = cli("--cache", file.toString(), "import", big.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(4);
        assertThat(r.err()).contains("The disk is full: the folder " + mount).contains("more is needed to write " + file)
                .contains("Nothing was changed").doesNotContain("SQLITE");
        try (Cache cache = Cache.open(file)) {
            assertThat(new SmtpStore(cache).totalSubmissions()).isEqualTo(50);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }

    @Test
    void sqliteBusyErrorsNeverReachTheUserRaw() {
        Path file = dir.resolve("c.db");
        for (int code : new int[] {5, 6, 261, 517}) {
            CacheException e = Cache.translate(file, new SQLException("[SQLITE_BUSY] The database file is locked (database is locked)", null, code));
            assertThat(e.reason()).isEqualTo(CacheException.Reason.LOCKED);
            assertThat(e.getMessage()).isEqualTo(file + " is in use by another program, which kept it locked. "
                    + "Nothing was changed; try again when the other program has finished.");
            assertThat(e.userText().in(UserText.ZH_TW)).doesNotContain("locked").contains("鎖定");
        }
    }
}
