package org.mailflow.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.bulk.Policy;

/** Opening, creating, refusing and migrating cache files. */
class CacheTest {
    @TempDir
    Path dir;

    @Test
    void aNewCacheIsCreatedOwnerOnlyWithTheCurrentSchemaInWalMode() throws Exception {
        Path file = dir.resolve("sub/new.db");
        try (Cache cache = Cache.open(file)) {
            assertThat(cache.meta("created_at")).isPresent();
            cache.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("wal");
                }
                return null;
            });
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("PRAGMA application_id");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(Cache.APPLICATION_ID);
            rs = st.executeQuery("PRAGMA user_version");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(Cache.SCHEMA_VERSION);
        }
    }

    @Test
    void reopeningKeepsTheData() throws Exception {
        Path file = dir.resolve("c.db");
        try (Cache cache = Cache.open(file)) {
            new PolicyStore(cache).create("Team", 4);
        }
        try (Cache cache = Cache.open(file)) {
            assertThat(new PolicyStore(cache).all()).contains(Policy.custom("Team", 4));
        }
    }

    private void assertRefusedUntouched(Path file, CacheException.Reason reason, String message) throws Exception {
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> Cache.open(file)).isInstanceOfSatisfying(CacheException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(file.toString()).contains(message);
        });
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.exists(Path.of(file + "-wal"))).isFalse();
    }

    @Test
    void aTextFileIsRefusedAndLeftUntouched() throws Exception {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "hello, this is not a database at all, but it is long enough to have a header........\n".repeat(3));
        assertRefusedUntouched(file, CacheException.Reason.NOT_A_CACHE, "is not a Mailflow cache");
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Path file = dir.resolve("empty.db");
        Files.createFile(file);
        assertRefusedUntouched(file, CacheException.Reason.NOT_A_CACHE, "empty file");
    }

    @Test
    void anotherApplicationsSqliteDatabaseIsRefusedAndLeftUntouched() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t(x)");
            st.execute("INSERT INTO t VALUES (1)");
        }
        assertRefusedUntouched(file, CacheException.Reason.NOT_A_CACHE, "SQLite database but not a Mailflow cache");
    }

    @Test
    void aCacheFromANewerVersionIsRefusedAndLeftUntouched() throws Exception {
        Path file = dir.resolve("newer.db");
        try (Cache cache = Cache.open(file)) {
            cache.write(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA user_version = " + (Cache.SCHEMA_VERSION + 1));
                }
                return null;
            });
        }
        assertRefusedUntouched(file, CacheException.Reason.NEWER_VERSION, "newer version of Mailflow Insights");
    }

    @Test
    void aTruncatedCacheIsRefusedAsDamaged() throws Exception {
        Path file = dir.resolve("cut.db");
        try (Cache cache = Cache.open(file)) {
            new PolicyStore(cache).create("Team", 4);
        }
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length / 2));
        assertRefusedUntouched(file, CacheException.Reason.CORRUPT, "damaged");
    }

    @Test
    void aCacheWithGarbagePagesIsReportedAsDamaged() throws Exception {
        Path file = dir.resolve("garbage.db");
        try (Cache cache = Cache.open(file)) {
            new PolicyStore(cache).create("Team", 4);
        }
        byte[] all = Files.readAllBytes(file);
        for (int i = 100; i < all.length; i++) {
            all[i] = (byte) (i * 31);
        }
        Files.write(file, all);
        assertThatThrownBy(() -> {
            try (Cache cache = Cache.open(file)) {
                new PolicyStore(cache).all();
            }
        }).isInstanceOfSatisfying(CacheException.class, e -> assertThat(e.reason()).isEqualTo(CacheException.Reason.CORRUPT));
    }

    @Test
    void anOlderSchemaIsMigrated() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA application_id = " + Cache.APPLICATION_ID);
            st.execute("PRAGMA user_version = 0");
            st.execute("CREATE TABLE scratch(x)");
        }
        try (Cache cache = Cache.open(file)) {
            assertThat(new PolicyStore(cache).all()).hasSize(3);
            int version = cache.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(version).isEqualTo(Cache.SCHEMA_VERSION);
        }
    }

    @Test
    void aFailedWriteRollsBackEverything() throws Exception {
        try (Cache cache = Cache.open(dir.resolve("tx.db"))) {
            assertThatThrownBy(() -> cache.write(c -> {
                PolicyStore.upsert(c, "Half", 3);
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(new PolicyStore(cache).all()).hasSize(3);
        }
    }

    @Test
    void createRefusesAnExistingFile() throws Exception {
        Path file = dir.resolve("exists.db");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> Cache.create(file)).isInstanceOf(CacheException.class).hasMessageContaining("already exists");
    }

    @Test
    void defaultLocationsFollowTheEnvironment() {
        CacheLocations env = new CacheLocations(java.util.Map.of(CacheLocations.ENV_CACHE, "/tmp/x.db"));
        assertThat(env.resolve(null)).isEqualTo(Path.of("/tmp/x.db"));
        assertThat(env.resolve(Path.of("given.db"))).isEqualTo(Path.of("given.db"));
        assertThat(env.isDefault(null)).isFalse();
        CacheLocations none = new CacheLocations(java.util.Map.of());
        assertThat(none.resolve(null)).isEqualTo(CacheLocations.defaultCache());
        assertThat(CacheLocations.defaultCache().getFileName()).hasToString("cache.db");
        assertThat(none.isDefault(null)).isTrue();
    }
}
