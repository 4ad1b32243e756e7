package org.mailflow.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The integrity checks a cache passed, remembered so that they are not repeated while the file is as
 * it was then. {@code PRAGMA quick_check} took about 8 seconds and {@code PRAGMA integrity_check} about
 * 18 seconds on a 950 MB cache (README "Cache integrity"): too long for every start of the app and every
 * scheduled import. A check is remembered for the file's size and modification time and those of its
 * {@code -wal} ({@link #stamp}), in {@code cache-checks.properties} of the settings folder (never beside
 * the cache, which may be on read-only media). A cache this program closes is remembered at the level
 * it was checked, since it changed only through SQLite in between (and any other writer ran the full
 * check before it wrote); a file changed by anything else, or copied in, is checked again.
 *
 * <p>A damaged page that appears without the file's size or time changing (a disk fault) is found by
 * SQLite when it reads the page ({@code SQLITE_CORRUPT}, refused the same way), and the record is
 * then forgotten. Losing the record (another process writing it at the same moment) only costs one
 * more check. Failures to read or write it are ignored.
 */
final class CacheChecks {
    /** How thoroughly a cache was checked. */
    enum Level { QUICK, FULL }

    private static final Object LOCK = new Object();

    private CacheChecks() {
    }

    static Path store() {
        return CacheLocations.appHome().resolve("cache-checks.properties");
    }

    /** Size and modification time of the cache and its WAL: what must not change for a check to stand. */
    static String stamp(Path file) {
        try {
            Path wal = Path.of(file + "-wal");
            String walPart = Files.exists(wal) ? Files.size(wal) + ":" + Files.getLastModifiedTime(wal).toMillis() : "-";
            return Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis() + ":" + walPart;
        } catch (IOException e) {
            return null;
        }
    }

    /** True when {@code file} passed a check of {@code level} or stronger and has not changed since. */
    static boolean passed(Path file, Level level) {
        String stamp = stamp(file);
        if (stamp == null) {
            return false;
        }
        String recorded = load().getProperty(key(file));
        if (recorded == null) {
            return false;
        }
        int sep = recorded.indexOf(' ');
        if (sep < 0 || !recorded.substring(sep + 1).equals(stamp)) {
            return false;
        }
        Level was = "FULL".equals(recorded.substring(0, sep)) ? Level.FULL : Level.QUICK;
        return was.compareTo(level) >= 0;
    }

    static void record(Path file, Level level) {
        record(file, level, stamp(file));
    }

    /** Records a check that passed when the file had {@code stamp}. */
    static void record(Path file, Level level, String stamp) {
        if (stamp != null) {
            update(file, level + " " + stamp);
        }
    }

    static void forget(Path file) {
        update(file, null);
    }

    private static String key(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    private static Properties load() {
        Properties p = new Properties();
        Path store = store();
        if (Files.isRegularFile(store)) {
            try (InputStream in = Files.newInputStream(store)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // unreadable: every cache is checked again
            }
        }
        return p;
    }

    private static void update(Path file, String value) {
        synchronized (LOCK) {
            Properties p = load();
            String key = key(file);
            if (value == null ? p.remove(key) == null : value.equals(p.setProperty(key, value))) {
                return;
            }
            Path store = store();
            try {
                Files.createDirectories(store.getParent());
                Path part = Files.createTempFile(store.getParent(), "cache-checks", ".part");
                try {
                    try (OutputStream out = Files.newOutputStream(part)) {
                        p.store(out, "Integrity checks the caches passed (see Cache); delete to check every cache again");
                    }
                    Files.move(part, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(part);
                }
            } catch (IOException | RuntimeException e) {
                // not remembered: checked again next time
            }
        }
    }
}
