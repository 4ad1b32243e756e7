package org.mailflow.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's native library is kept extracted in the settings folder instead of being written out on every start. */
class SqliteNativeTest {
    @TempDir
    Path home;

    private String path;
    private String name;

    @BeforeEach
    void saveProperties() {
        path = System.clearProperty("org.sqlite.lib.path");
        name = System.clearProperty("org.sqlite.lib.name");
    }

    @AfterEach
    void restoreProperties() {
        System.clearProperty("org.sqlite.lib.path");
        System.clearProperty("org.sqlite.lib.name");
        if (path != null) {
            System.setProperty("org.sqlite.lib.path", path);
        }
        if (name != null) {
            System.setProperty("org.sqlite.lib.name", name);
        }
    }

    private Path kept() throws Exception {
        try (Stream<Path> files = Files.walk(home.resolve("native"))) {
            return files.filter(f -> f.getFileName().toString().equals(System.mapLibraryName("sqlitejdbc"))).findFirst().orElseThrow();
        }
    }

    @Test
    void theLibraryIsWrittenOnceAndSqliteJdbcIsPointedAtIt() throws Exception {
        SqliteNative.useKeptCopy(home);
        Path lib = kept();
        assertThat(lib.getFileName().toString()).isEqualTo(System.mapLibraryName("sqlitejdbc"));
        assertThat(lib.toString()).contains("native" + java.io.File.separator + "3.");
        assertThat(Files.size(lib)).isGreaterThan(100_000);
        assertThat(System.getProperty("org.sqlite.lib.path")).isEqualTo(lib.getParent().toString());
        assertThat(System.getProperty("org.sqlite.lib.name")).isEqualTo(lib.getFileName().toString());

        // a later start finds it and leaves it as it is
        System.clearProperty("org.sqlite.lib.path");
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(lib);
        Files.setLastModifiedTime(lib, java.nio.file.attribute.FileTime.fromMillis(written.toMillis() - 60_000));
        SqliteNative.useKeptCopy(home);
        assertThat(Files.getLastModifiedTime(lib).toMillis()).isEqualTo(written.toMillis() - 60_000);
        assertThat(System.getProperty("org.sqlite.lib.path")).isEqualTo(lib.getParent().toString());
    }

    @Test
    void aRemovedCopyIsWrittenAgainAndAPathTheUserSetIsKept() throws Exception {
        SqliteNative.useKeptCopy(home);
        Path lib = kept();
        long size = Files.size(lib);
        Files.delete(lib);
        System.clearProperty("org.sqlite.lib.path");
        SqliteNative.useKeptCopy(home);
        assertThat(Files.size(lib)).isEqualTo(size);
        try (Stream<Path> files = Files.list(lib.getParent())) {
            // no part-written file left beside it; the entry of the jar it was copied from
            assertThat(files).containsExactlyInAnyOrder(lib, Path.of(lib + ".source"));
        }

        System.setProperty("org.sqlite.lib.path", "/somewhere/the/user/chose");
        SqliteNative.useKeptCopy(home.resolve("other"));
        assertThat(System.getProperty("org.sqlite.lib.path")).isEqualTo("/somewhere/the/user/chose");
        assertThat(home.resolve("other")).doesNotExist();
    }

    @Test
    void aDamagedCopyIsNeverLoadedButWrittenAgainInAFolderOnlyItsOwnerCanEnter() throws Exception {
        SqliteNative.useKeptCopy(home);
        Path lib = kept();
        byte[] good = Files.readAllBytes(lib);
        assertThat(Files.getPosixFilePermissions(home.resolve("native"))).isEqualTo(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(lib.getParent())).isEqualTo(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        // truncated (a full disk while it was written)
        Files.write(lib, java.util.Arrays.copyOf(good, good.length / 2));
        System.clearProperty("org.sqlite.lib.path");
        SqliteNative.useKeptCopy(home);
        assertThat(Files.readAllBytes(lib)).isEqualTo(good);
        assertThat(System.getProperty("org.sqlite.lib.path")).isEqualTo(lib.getParent().toString());

        // same size, one byte changed (damaged or replaced); and a folder someone opened up
        byte[] changed = good.clone();
        changed[good.length / 3] ^= 0x5a;
        Files.write(lib, changed);
        Files.setPosixFilePermissions(lib.getParent(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        System.clearProperty("org.sqlite.lib.path");
        SqliteNative.useKeptCopy(home);
        assertThat(Files.readAllBytes(lib)).isEqualTo(good);
        assertThat(Files.getPosixFilePermissions(lib.getParent())).isEqualTo(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(lib.getParent())) {
            assertThat(files).containsExactlyInAnyOrder(lib, Path.of(lib + ".source"));
        }
        // and a cache opens with it (in this JVM the library is already loaded; the child JVM of the
        // kill test loads the kept copy for real)
        try (Cache cache = Cache.open(home.resolve("c.db"))) {
            assertThat(cache.isReadOnly()).isFalse();
        }
    }

    @Test
    void aSourceNamingAnotherFileIsNotTrusted() throws Exception {
        SqliteNative.useKeptCopy(home);
        Path lib = kept();
        Path source = Path.of(lib + ".source");
        assertThat(SqliteNative.matchesJar(lib, source)).isTrue();
        Files.writeString(source, "/org/mailflow/i18n/messages.properties");
        assertThat(SqliteNative.matchesJar(lib, source)).isFalse();
        Files.delete(source);
        assertThat(SqliteNative.matchesJar(lib, source)).isFalse();
        System.clearProperty("org.sqlite.lib.path");
        SqliteNative.useKeptCopy(home);
        assertThat(SqliteNative.matchesJar(lib, source)).isTrue();
    }

    @Test
    void aCopyThatIsALinkIsReplacedNotFollowed() throws Exception {
        SqliteNative.useKeptCopy(home);
        Path lib = kept();
        byte[] good = Files.readAllBytes(lib);
        Path elsewhere = home.resolve("planted.so");
        Files.write(elsewhere, good);
        Files.delete(lib);
        Files.createSymbolicLink(lib, elsewhere);
        System.clearProperty("org.sqlite.lib.path");
        SqliteNative.useKeptCopy(home);
        assertThat(Files.isSymbolicLink(lib)).isFalse();
        assertThat(Files.readAllBytes(lib)).isEqualTo(good);
    }
}
