package org.mailflow.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Mailflow cache: an SQLite file in WAL mode with a versioned schema.
 *
 * <p>Opening an existing file never changes it unless it is a Mailflow cache of this or an older
 * schema: the SQLite header is read directly first (magic, application id, size), so a foreign
 * SQLite database, a text file, a truncated file or a cache from a newer version is refused with a
 * {@link CacheException} before any connection could write to it. New files are created readable
 * by their owner only; SQLite gives the WAL and shared-memory files the same mode.
 *
 * <p>Two connections: one for writes (each {@link #write} is one transaction) and one for reads, so
 * that pages can query while an import runs. Each is used by one thread at a time.
 */
public final class Cache implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Cache.class);
    /** "MFLW": marks the SQLite file as a Mailflow cache (SQLite header offset 68). */
    public static final int APPLICATION_ID = 0x4D464C57;

    private static final List<String> MIGRATIONS = List.of("V1.sql", "V2.sql", "V3.sql", "V4.sql");
    /** The schema version this build writes and reads. */
    public static final int SCHEMA_VERSION = MIGRATIONS.size();

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    /** Extra read connections for {@link #readInParallel}, opened on first use. */
    private final java.util.concurrent.BlockingQueue<Connection> scanners = new java.util.concurrent.LinkedBlockingQueue<>();
    private volatile boolean closed;
    private static final java.util.concurrent.ExecutorService SCAN_THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mailflow-scan");
        t.setDaemon(true);
        return t;
    });

    private Cache(Path file, Connection writer, Connection reader) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
    }

    /**
     * Opens {@code file}, creating a new empty cache (mode 0600) when it does not exist, and brings
     * an older schema up to date.
     */
    /**
     * Loads SQLite's native library (see {@link SqliteNative}) and opens one in-memory database, so that
     * a command that will open a cache pays for that while it parses its arguments (the launcher runs
     * this on a background thread). Opening a cache before the warm-up has finished simply waits for
     * the same class initialisation; a failure here is ignored and met again, with its message, when
     * the cache is opened.
     */
    public static void warmUp() {
        SqliteNative.useKeptCopy(CacheLocations.appHome());
        try {
            new org.sqlite.JDBC().connect("jdbc:sqlite::memory:", new java.util.Properties()).close();
        } catch (java.sql.SQLException | RuntimeException | LinkageError e) {
            // opening a real cache reports the problem
            LOG.debug("warm-up of SQLite failed", e);
        }
    }

    public static Cache open(Path file) throws CacheException {
        Path absolute = file.toAbsolutePath().normalize();
        boolean created = false;
        if (!Files.exists(absolute)) {
            createEmptyFile(absolute);
            created = true;
        } else {
            checkHeader(absolute);
        }
        Connection writer = null;
        try {
            writer = connect(absolute);
            if (created) {
                try (Statement st = writer.createStatement()) {
                    // Written before WAL is switched on, so they land in the main file's header at once.
                    st.execute("PRAGMA application_id = " + APPLICATION_ID);
                    st.execute("PRAGMA user_version = 0");
                }
            }
            int version = userVersion(writer);
            if (version > SCHEMA_VERSION) {
                throw new CacheException(CacheException.Reason.NEWER_VERSION, absolute, String.format(
                        "%s was written by a newer version of Mailflow Insights (cache schema %d; this version reads up to %d). "
                                + "Update Mailflow Insights or choose another cache. The file was not changed.",
                        absolute, version, SCHEMA_VERSION));
            }
            try (Statement st = writer.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = NORMAL");
            }
            migrate(writer, absolute, version);
            if (created) {
                writeMeta(writer, "created_at", Instant.now().toString());
            }
            Connection reader = connect(absolute);
            return new Cache(absolute, writer, reader);
        } catch (SQLException e) {
            closeQuietly(writer);
            throw translate(absolute, e);
        } catch (CacheException e) {
            closeQuietly(writer);
            throw e;
        }
    }

    /** Creates a new cache at {@code file}, which must not exist yet. */
    public static Cache create(Path file) throws CacheException {
        if (Files.exists(file)) {
            throw new CacheException(CacheException.Reason.IO, file,
                    file + " already exists. Choose a new file name for the new cache.");
        }
        return open(file);
    }

    private static Connection connect(Path file) throws SQLException {
        Properties props = new Properties();
        props.setProperty("busy_timeout", "10000");
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, props);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA temp_store = MEMORY");
            st.execute("PRAGMA cache_size = -65536");
            st.execute("PRAGMA mmap_size = 268435456");
        }
        return c;
    }

    private static void createEmptyFile(Path file) throws CacheException {
        try {
            Path parent = file.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(parent);
                }
            }
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new CacheException(CacheException.Reason.IO, file,
                    "Cannot create the cache " + file + ": " + describe(e), e);
        }
    }

    /**
     * Refuses anything that is not a Mailflow cache, reading only the file's first 100 bytes (the
     * SQLite header) so that the file stays untouched.
     */
    static void checkHeader(Path file) throws CacheException {
        if (Files.isDirectory(file)) {
            throw new CacheException(CacheException.Reason.NOT_A_CACHE, file, file + " is a folder, not a Mailflow cache file.");
        }
        long size;
        ByteBuffer header = ByteBuffer.allocate(100);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            while (header.hasRemaining() && ch.read(header) > 0) {
                // read until the header is full or the file ends
            }
        } catch (NoSuchFileException e) {
            throw new CacheException(CacheException.Reason.IO, file, "The cache " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new CacheException(CacheException.Reason.IO, file, "Cannot read the cache " + file + ": " + describe(e), e);
        }
        if (size == 0) {
            throw new CacheException(CacheException.Reason.NOT_A_CACHE, file,
                    file + " is an empty file, not a Mailflow cache. Choose a file name that does not exist yet to create a new cache.");
        }
        byte[] bytes = header.array();
        if (size < 100 || !startsWith(bytes, SQLITE_MAGIC)) {
            throw new CacheException(CacheException.Reason.NOT_A_CACHE, file,
                    file + " is not a Mailflow cache (it is not an SQLite database). The file was not changed.");
        }
        ByteBuffer h = ByteBuffer.wrap(bytes);
        if (h.getInt(68) != APPLICATION_ID) {
            throw new CacheException(CacheException.Reason.NOT_A_CACHE, file,
                    file + " is an SQLite database but not a Mailflow cache. The file was not changed.");
        }
        int pageSize = Short.toUnsignedInt(h.getShort(16));
        if (pageSize == 1) {
            pageSize = 65536;
        }
        long pages = Integer.toUnsignedLong(h.getInt(28));
        boolean sizeValid = h.getInt(92) == h.getInt(24) && pages > 0;
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1 || (sizeValid && size < pages * pageSize)) {
            throw new CacheException(CacheException.Reason.CORRUPT, file,
                    file + " is a damaged Mailflow cache (the file is shorter than its header says; it may have been truncated). The file was not changed.");
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void migrate(Connection c, Path file, int from) throws SQLException, CacheException {
        for (int v = from; v < MIGRATIONS.size(); v++) {
            String sql = readMigration(file, MIGRATIONS.get(v));
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String statement : splitStatements(sql)) {
                    st.execute(statement);
                }
                st.execute("PRAGMA user_version = " + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static String readMigration(Path file, String name) throws CacheException {
        try (InputStream in = Cache.class.getResourceAsStream("/org/mailflow/cache/migrations/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CacheException(CacheException.Reason.IO, file, "Cannot read migration " + name, e);
        }
    }

    /** Splits a migration script at semicolons that end a line; comments are dropped. */
    static List<String> splitStatements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    public Path file() {
        return file;
    }

    /** The schema version this cache file is at (its {@code user_version}), as read now (About). */
    public int schemaVersion() throws CacheException {
        return read(Cache::userVersion);
    }

    /** Runs read-only work on the read connection. */
    public <T> T read(SqlFunction<T> work) throws CacheException {
        readLock.lock();
        try {
            return work.apply(reader);
        } catch (SQLException e) {
            throw translate(file, e);
        } catch (CacheSqlException e) {
            throw translate(file, e.getCause());
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Runs read-only pieces of work at the same time, each on its own connection (WAL lets readers
     * run side by side), and returns their results in order. Used to split a long range scan over
     * the machine's cores.
     */
    public <T> List<T> readInParallel(List<SqlFunction<T>> works) throws CacheException {
        List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
        for (SqlFunction<T> work : works) {
            futures.add(SCAN_THREADS.submit(() -> {
                Connection c = borrowScanner();
                try {
                    return work.apply(c);
                } finally {
                    giveBack(c);
                }
            }));
        }
        List<T> out = new ArrayList<>();
        try {
            for (java.util.concurrent.Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(false));
            Thread.currentThread().interrupt();
            throw new CacheException(CacheException.Reason.IO, file, "Reading " + file + " was interrupted.", e);
        } catch (java.util.concurrent.ExecutionException e) {
            futures.forEach(f -> f.cancel(false));
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw translate(file, sql);
            }
            if (cause instanceof CacheSqlException sql) {
                throw translate(file, sql.getCause());
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    private synchronized void giveBack(Connection c) {
        if (closed) {
            closeQuietly(c);
        } else {
            scanners.add(c);
        }
    }

    private synchronized Connection borrowScanner() throws SQLException {
        Connection c = scanners.poll();
        if (c != null) {
            return c;
        }
        if (closed) {
            throw new SQLException("the cache is closed");
        }
        return connect(file);
    }

    /** Work inside one write transaction; may throw its own checked exception {@code E}. */
    @FunctionalInterface
    public interface Transaction<T, E extends Exception> {
        T run(Connection connection) throws SQLException, E;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws
     * anything, so a failed or cancelled import leaves the cache exactly as it was.
     */
    public <T, E extends Exception> T write(Transaction<T, E> work) throws CacheException, E {
        writeLock.lock();
        try {
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (Throwable t) {
                writer.rollback();
                throw t;
            } finally {
                writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translate(file, e);
        } catch (CacheSqlException e) {
            throw translate(file, e.getCause());
        } finally {
            writeLock.unlock();
        }
    }

    public Optional<String> meta(String key) throws CacheException {
        return read(c -> readMeta(c, key));
    }

    public void setMeta(String key, String value) throws CacheException {
        write(c -> {
            writeMeta(c, key, value);
            return null;
        });
    }

    static Optional<String> readMeta(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public static void writeMeta(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    public static void deleteMeta(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    /** Key of the meta entry that marks a cache filled by the demo generator. */
    public static final String META_DEMO = "demo";

    /** True when the cache holds generated demo data (see {@link #META_DEMO}). */
    public boolean isDemo() throws CacheException {
        return meta(META_DEMO).isPresent();
    }

    static CacheException translate(Path file, SQLException e) {
        String msg = String.valueOf(e.getMessage());
        int code = e.getErrorCode() & 0xff;
        if (code == 11 || code == 26 || msg.contains("SQLITE_CORRUPT") || msg.contains("SQLITE_NOTADB")) {
            return new CacheException(CacheException.Reason.CORRUPT, file,
                    file + " is damaged and cannot be read (" + firstLine(msg) + "). The file was not changed.", e);
        }
        if (code == 13) {
            return new CacheException(CacheException.Reason.IO, file, "The disk holding " + file + " is full. Nothing was changed.", e);
        }
        if (code == 5 || code == 6) {
            return new CacheException(CacheException.Reason.IO, file,
                    file + " is in use by another program (it stayed locked for 10 seconds). Nothing was changed.", e);
        }
        if (code == 8) {
            return new CacheException(CacheException.Reason.IO, file, file + " is read-only. Nothing was changed.", e);
        }
        return new CacheException(CacheException.Reason.IO, file, "Cannot use the cache " + file + ": " + firstLine(msg), e);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to do for a connection we are abandoning
                LOG.debug("closing an abandoned connection failed", ignored);
            }
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        readLock.lock();
        try {
            synchronized (this) {
                closed = true;
                for (Connection c; (c = scanners.poll()) != null; ) {
                    closeQuietly(c);
                }
            }
            closeQuietly(reader);
            closeQuietly(writer);
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }
}
