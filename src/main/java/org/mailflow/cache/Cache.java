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
import org.mailflow.model.Bytes;
import org.mailflow.model.UserText;

/**
 * One Mailflow cache: an SQLite file in WAL mode with a versioned schema.
 *
 * <p><b>Refusing never changes a byte.</b> Opening an existing file never changes it unless it is a
 * Mailflow cache of this or an older schema: the SQLite header is read directly first (magic,
 * application id, size), so a foreign SQLite database, a text file or a truncated file is refused
 * before any connection opens it; then the schema version is read, and the pages checked, on a
 * <em>read-only</em> connection, which never checkpoints the WAL when it closes, so a cache of a newer
 * version or a damaged one is refused with its main file and its {@code -wal} exactly as they were.
 * New files are created readable by their owner only; SQLite gives the WAL and shared-memory files
 * the same mode.
 *
 * <p><b>Several processes.</b> Every write (each {@link #write} is one transaction; creating a cache
 * and updating its schema too) holds the cache's {@link CacheLock}, so writers of all processes take
 * turns, waiting as their {@link Writing} says (an import says "waiting for another import…" and
 * can be cancelled). Readers never wait for writers: WAL gives each read the last committed
 * snapshot, the old content or the new, never a mix. {@link #watch} tells an open app that another
 * process committed. SQLite's own busy errors, which should no longer occur, are translated
 * ({@code cache.busy}) and never reach the user raw.
 *
 * <p><b>Integrity.</b> {@code PRAGMA quick_check} runs when a cache is opened and {@code PRAGMA
 * integrity_check} before an import writes ({@link Writing#fullCheck}); a damaged cache is refused
 * ({@link CacheException.Reason#CORRUPT}) and never read as if whole nor written further. Both take
 * seconds on a 1 GB cache (README "Cache integrity"), so a check that passed is remembered for the
 * file's size and modification time ({@link CacheChecks}) and not repeated until the file changes in
 * a way this program did not vouch for.
 *
 * <p><b>Read-only folders and media.</b> A cache whose file or folder cannot be written is opened for
 * reading only ({@code mode=ro}, or {@code immutable=1} when SQLite cannot create its shared-memory
 * file there): reports and exports work, a write is refused with {@link CacheException.Reason#READ_ONLY}.
 *
 * <p>Two connections: one for writes and one for reads, so that pages can query while an import
 * runs. Each is used by one thread at a time.
 */
public final class Cache implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Cache.class);
    /** "MFLW": marks the SQLite file as a Mailflow cache (SQLite header offset 68). */
    public static final int APPLICATION_ID = 0x4D464C57;

    private static final List<String> MIGRATIONS = List.of("V1.sql", "V2.sql", "V3.sql", "V4.sql", "V5.sql", "V6.sql", "V7.sql");
    /** The schema version this build writes and reads. */
    public static final int SCHEMA_VERSION = MIGRATIONS.size();

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** How often {@link #watch} looks for another process's commit. */
    static final long WATCH_MILLIS = 1500;

    /**
     * How one write transaction goes: how it waits for its turn ({@link CacheLock.Waiting}), roughly
     * how many bytes it may add (for the "disk is full" message), whether the whole cache is checked
     * first ({@code PRAGMA integrity_check}, imports), and what to say while it is checked.
     */
    public record Writing(CacheLock.Waiting waiting, long expectedBytes, boolean fullCheck, Runnable onCheck) {
        /** A small write of the app: waits quietly, no full check. */
        public static final Writing QUIET = new Writing(CacheLock.Waiting.QUIETLY, 0, false, null);

        public Writing {
            waiting = waiting == null ? CacheLock.Waiting.QUIETLY : waiting;
            onCheck = onCheck == null ? () -> { } : onCheck;
        }
    }

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final boolean readOnly;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    /** Extra read connections for {@link #readInParallel}, opened on first use. */
    private final java.util.concurrent.BlockingQueue<Connection> scanners = new java.util.concurrent.LinkedBlockingQueue<>();
    private volatile boolean closed;
    /** The strongest check this cache passed in this process (null: none; a cache this process created needs none). */
    private volatile CacheChecks.Level checked;
    private final Object watchMonitor = new Object();
    private Connection watcher;
    private long seenVersion;
    private static final java.util.concurrent.ExecutorService SCAN_THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mailflow-scan");
        t.setDaemon(true);
        return t;
    });

    private Cache(Path file, Connection writer, Connection reader, boolean readOnly, CacheChecks.Level checked) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
        this.readOnly = readOnly;
        this.checked = checked;
    }

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

    /**
     * Opens {@code file}, creating a new empty cache (mode 0600) when it does not exist, and brings
     * an older schema up to date; creating and updating wait quietly for another writer (up to ten
     * minutes).
     */
    public static Cache open(Path file) throws CacheException {
        return open(file, CacheLock.Waiting.QUIETLY);
    }

    /**
     * Opens {@code file} as {@link #open(Path)} does; creating it or updating its schema waits for
     * another writer as {@code waiting} says (two imports creating the same new cache take turns).
     */
    public static Cache open(Path file, CacheLock.Waiting waiting) throws CacheException {
        Path absolute = file.toAbsolutePath().normalize();
        CacheChecks.Level checked = null;
        if (Files.exists(absolute) && !emptyFile(absolute)) {
            Probe probe = probe(absolute, checkHeader(absolute));
            checked = probe.checked();
            if (!writable(absolute)) {
                if (probe.version() < SCHEMA_VERSION) {
                    throw new CacheException(CacheException.Reason.READ_ONLY, absolute, UserText.of("cache.readOnlyOld", absolute.toString()));
                }
                return openReadOnly(absolute, checked);
            }
            if (probe.version() == SCHEMA_VERSION && probe.wal()) {
                return openWritable(absolute, checked);
            }
        }
        if (!Files.exists(absolute)) {
            createFolder(absolute);
        }
        try (CacheLock lock = CacheLock.acquire(absolute, waiting)) {
            boolean created = false;
            if (!Files.exists(absolute)) {
                createEmptyFile(absolute);
                created = true;
            } else if (checked == null) {
                // An empty file is refused once the lock is ours: before, it may be a cache another
                // process is creating (it writes the header under the lock). A file another process
                // created while this one waited is refused as above if it is not a cache.
                checked = probe(absolute, checkHeader(absolute)).checked();
            }
            return createOrMigrate(absolute, created, checked);
        }
    }

    private static boolean emptyFile(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** What the read-only look at an existing cache found: its schema version, whether it is in WAL mode, the check it passed. */
    private record Probe(int version, boolean wal, CacheChecks.Level checked) {
    }

    /**
     * Reads the schema version and checks the pages without changing a byte. While the WAL holds
     * commits not yet copied into the main file, this is done on a read-only connection, which never
     * checkpoints the WAL when it closes. Otherwise the main file's header tells the version
     * ({@code headerVersion}, so a newer cache is refused without SQLite opening it at all), and the
     * check runs on an ordinary connection, which removes the empty WAL and shared-memory files it
     * made when it closes (a read-only connection could not), or on a read-only one where the cache
     * cannot be written.
     */
    private static Probe probe(Path file, int headerVersion) throws CacheException {
        Path wal = Path.of(file + "-wal");
        boolean walHasCommits;
        try {
            walHasCommits = Files.exists(wal) && Files.size(wal) > 0;
        } catch (IOException e) {
            walHasCommits = true;
        }
        if (!walHasCommits && headerVersion > SCHEMA_VERSION) {
            throw new CacheException(CacheException.Reason.NEWER_VERSION, file,
                    UserText.of("cache.newer", file.toString(), headerVersion, SCHEMA_VERSION));
        }
        // whether a check passed is decided before a connection makes the WAL and shared-memory files
        String stamp = CacheChecks.stamp(file);
        boolean fullPassed = CacheChecks.passed(file, CacheChecks.Level.FULL);
        boolean quickPassed = fullPassed || CacheChecks.passed(file, CacheChecks.Level.QUICK);
        Connection ro = null;
        try {
            ro = walHasCommits || !writable(file) ? connectReadOnly(file) : connect(file);
            int version = userVersion(ro);
            if (version > SCHEMA_VERSION) {
                throw new CacheException(CacheException.Reason.NEWER_VERSION, file,
                        UserText.of("cache.newer", file.toString(), version, SCHEMA_VERSION));
            }
            String mode;
            try (Statement st = ro.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                mode = rs.next() ? rs.getString(1) : "";
            }
            CacheChecks.Level level = fullPassed ? CacheChecks.Level.FULL : CacheChecks.Level.QUICK;
            if (!quickPassed) {
                runCheck(ro, file, "PRAGMA quick_check");
                CacheChecks.record(file, CacheChecks.Level.QUICK, stamp);
            }
            return new Probe(version, "wal".equalsIgnoreCase(mode), level);
        } catch (SQLException e) {
            throw translate(file, e);
        } finally {
            closeQuietly(ro);
        }
    }

    /** Runs {@code quick_check} or {@code integrity_check}; anything but "ok" is a damaged cache. */
    private static void runCheck(Connection c, Path file, String pragma) throws SQLException, CacheException {
        List<String> problems = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(pragma + "(3)")) {
            while (rs.next()) {
                problems.add(rs.getString(1));
            }
        }
        if (!(problems.size() == 1 && "ok".equalsIgnoreCase(problems.get(0)))) {
            CacheChecks.forget(file);
            throw new CacheException(CacheException.Reason.CORRUPT, file,
                    UserText.of("cache.corrupt", file.toString(), String.join("; ", problems)));
        }
    }

    /** True when this process may write the cache and create its WAL and shared-memory files beside it. */
    static boolean writable(Path file) {
        Path folder = file.getParent();
        return Files.isWritable(file) && (folder == null || Files.isWritable(folder));
    }

    private static Cache openWritable(Path file, CacheChecks.Level checked) throws CacheException {
        Connection writer = null;
        try {
            writer = connect(file);
            return new Cache(file, writer, connect(file), false, checked);
        } catch (SQLException e) {
            closeQuietly(writer);
            throw translate(file, e);
        }
    }

    /** A cache on a read-only disk or in a read-only folder: reads only ({@code mode=ro}, else {@code immutable=1}). */
    private static Cache openReadOnly(Path file, CacheChecks.Level checked) throws CacheException {
        try {
            return new Cache(file, null, connectReadOnly(file), true, checked);
        } catch (SQLException e) {
            throw translate(file, e);
        }
    }

    private static Cache createOrMigrate(Path absolute, boolean created, CacheChecks.Level checked) throws CacheException {
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
                throw new CacheException(CacheException.Reason.NEWER_VERSION, absolute,
                        UserText.of("cache.newer", absolute.toString(), version, SCHEMA_VERSION));
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
            return new Cache(absolute, writer, reader, false, created ? CacheChecks.Level.FULL : checked);
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
            throw new CacheException(CacheException.Reason.IO, file, UserText.of("cache.exists", file.toString()));
        }
        return open(file);
    }

    private static Connection connect(Path file) throws SQLException {
        Properties props = new Properties();
        // Writers take turns on CacheLock; this only covers SQLite's short internal locks (a checkpoint, WAL recovery).
        props.setProperty("busy_timeout", "10000");
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, props);
        tune(c);
        return c;
    }

    private static void tune(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA temp_store = MEMORY");
            st.execute("PRAGMA cache_size = -65536");
            st.execute("PRAGMA mmap_size = 268435456");
        }
    }

    /**
     * A connection that cannot write ({@code SQLITE_OPEN_READONLY}): it never checkpoints or deletes
     * the WAL. When SQLite cannot set up WAL reading there (no shared-memory file, and none can be
     * created on read-only media), the file is opened {@code immutable=1}, which reads the main file
     * alone: a cache on read-only media was closed by its last writer, which folded the WAL in.
     */
    static Connection connectReadOnly(Path file) throws SQLException {
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10000);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        try {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                rs.next();
            }
            tune(c);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            int code = e.getErrorCode() & 0xff;
            if (code != 14 && code != 8 && code != 10) { // CANTOPEN, READONLY, IOERR: the shared-memory file
                throw e;
            }
        }
        org.sqlite.SQLiteConfig immutable = new org.sqlite.SQLiteConfig();
        immutable.setReadOnly(true);
        immutable.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
        Connection c2 = DriverManager.getConnection("jdbc:sqlite:" + file.toUri() + "?immutable=1", immutable.toProperties());
        tune(c2);
        return c2;
    }

    /** Creates the folder of a new cache (readable by its owner only), so that its lock file can be made there. */
    private static void createFolder(Path file) throws CacheException {
        try {
            Path parent = file.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(parent);
                }
            }
        } catch (IOException e) {
            throw ioFailure(file, file.getParent(), e);
        }
    }

    private static void createEmptyFile(Path file) throws CacheException {
        createFolder(file);
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw ioFailure(file, file, e);
        }
    }

    /** A failure of plain file I/O on {@code path} (the cache or its lock file): a full disk, a read-only folder, or else. */
    static CacheException ioFailure(Path cache, Path path, IOException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("No space left") || msg.contains("not enough space")) {
            return diskFull(cache, 0, e);
        }
        if (msg.contains("Read-only file system") || e instanceof java.nio.file.AccessDeniedException) {
            return new CacheException(CacheException.Reason.READ_ONLY, cache, UserText.of("cache.cannotCreate", path.toString(),
                    UserText.of(e instanceof java.nio.file.AccessDeniedException ? "cache.why.denied" : "cache.why.readOnly")), e);
        }
        return new CacheException(CacheException.Reason.IO, cache, UserText.of("cache.cannotCreate", path.toString(), describe(e)), e);
    }

    /**
     * Refuses anything that is not a Mailflow cache, reading only the file's first 100 bytes (the
     * SQLite header) so that the file stays untouched.
     */
    static int checkHeader(Path file) throws CacheException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new CacheException(CacheException.Reason.NOT_A_CACHE, file, UserText.of("cache.folder", name));
        }
        long size;
        ByteBuffer header = ByteBuffer.allocate(100);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            while (header.hasRemaining() && ch.read(header) > 0) {
                // read until the header is full or the file ends
            }
        } catch (NoSuchFileException e) {
            throw new CacheException(CacheException.Reason.IO, file, UserText.of("cache.missing", name), e);
        } catch (IOException e) {
            throw new CacheException(CacheException.Reason.IO, file, UserText.of("cache.cannotRead", name, describe(e)), e);
        }
        if (size == 0) {
            throw new CacheException(CacheException.Reason.NOT_A_CACHE, file, UserText.of("cache.emptyFile", name));
        }
        byte[] bytes = header.array();
        if (size < 100 || !startsWith(bytes, SQLITE_MAGIC)) {
            throw new CacheException(CacheException.Reason.NOT_A_CACHE, file, UserText.of("cache.notSqlite", name));
        }
        ByteBuffer h = ByteBuffer.wrap(bytes);
        if (h.getInt(68) != APPLICATION_ID) {
            throw new CacheException(CacheException.Reason.NOT_A_CACHE, file, UserText.of("cache.foreignSqlite", name));
        }
        int pageSize = Short.toUnsignedInt(h.getShort(16));
        if (pageSize == 1) {
            pageSize = 65536;
        }
        long pages = Integer.toUnsignedLong(h.getInt(28));
        boolean sizeValid = h.getInt(92) == h.getInt(24) && pages > 0;
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1 || (sizeValid && size < pages * pageSize)) {
            throw new CacheException(CacheException.Reason.CORRUPT, file, UserText.of("cache.truncated", name));
        }
        return h.getInt(60); // user_version: the schema, as of the last checkpoint
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
            throw new CacheException(CacheException.Reason.IO, file, UserText.of("cache.other", file.toString(), "migration " + name), e);
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
            throw damaged(translate(file, e));
        } catch (CacheSqlException e) {
            throw damaged(translate(file, e.getCause()));
        } finally {
            readLock.unlock();
        }
    }

    /**
     * A number that changes whenever a connection has committed to the cache since it was last asked:
     * this cache's writer, another {@code Cache} of the same file, or another process. SQLite's
     * {@code PRAGMA data_version} on the read connection, which never writes itself. For memos of what
     * only a commit can change ({@link SmtpStore}'s names).
     */
    public long version() throws CacheException {
        return read(Cache::dataVersion);
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
            throw new CacheException(CacheException.Reason.CANCELLED, file, UserText.of("cache.interrupted", file.toString()), e);
        } catch (java.util.concurrent.ExecutionException e) {
            futures.forEach(f -> f.cancel(false));
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw damaged(translate(file, sql));
            }
            if (cause instanceof CacheSqlException sql) {
                throw damaged(translate(file, sql.getCause()));
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
        return readOnly ? connectReadOnly(file) : connect(file);
    }

    /** Work inside one write transaction; may throw its own checked exception {@code E}. */
    @FunctionalInterface
    public interface Transaction<T, E extends Exception> {
        T run(Connection connection) throws SQLException, E;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws
     * anything, so a failed or cancelled import leaves the cache exactly as it was. Waits quietly for
     * another writer (see {@link Writing#QUIET}).
     */
    public <T, E extends Exception> T write(Transaction<T, E> work) throws CacheException, E {
        return write(Writing.QUIET, work);
    }

    /**
     * Runs {@code work} in one transaction, holding the cache's {@link CacheLock} from before the
     * transaction begins until after it has committed or rolled back; waits for it as {@code how}
     * says, and checks the whole cache first when {@code how} asks for it and this process has not
     * already done so.
     */
    public <T, E extends Exception> T write(Writing how, Transaction<T, E> work) throws CacheException, E {
        if (readOnly) {
            throw new CacheException(CacheException.Reason.READ_ONLY, file, UserText.of("cache.readOnly", file.toString()));
        }
        writeLock.lock();
        try (CacheLock lock = CacheLock.acquire(file, how.waiting())) {
            if (how.fullCheck() && checked != CacheChecks.Level.FULL) {
                if (CacheChecks.passed(file, CacheChecks.Level.FULL)) {
                    checked = CacheChecks.Level.FULL;
                } else {
                    how.onCheck().run();
                    try {
                        runCheck(writer, file, "PRAGMA integrity_check");
                    } catch (CacheException e) {
                        throw damaged(e);
                    }
                    checked = CacheChecks.Level.FULL;
                    CacheChecks.record(file, CacheChecks.Level.FULL);
                }
            }
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                ownCommit();
                return result;
            } catch (Throwable t) {
                // A failed COMMIT (a full disk) has already been rolled back by SQLite; the rollback's own
                // complaint must not hide why.
                try {
                    writer.rollback();
                } catch (SQLException rollbackFailed) {
                    t.addSuppressed(rollbackFailed);
                }
                throw t;
            } finally {
                try {
                    writer.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // already out of the transaction
                }
            }
        } catch (SQLException e) {
            throw damaged(translate(file, e, how.expectedBytes()));
        } catch (CacheSqlException e) {
            throw damaged(translate(file, e.getCause(), how.expectedBytes()));
        } finally {
            writeLock.unlock();
        }
    }

    /** Forgets the checks this cache passed when {@code e} says it is damaged, so that closing it does not vouch for it. */
    private CacheException damaged(CacheException e) {
        if (e.reason() == CacheException.Reason.CORRUPT) {
            checked = null;
        }
        return e;
    }

    /** True when the cache is opened for reading only (a read-only disk or folder): every write is refused. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * Calls {@code onForeignCommit} (on a background thread) after another connection, of this
     * process or another, has committed to the cache; this cache's own writes do not count. Polls
     * SQLite's {@code PRAGMA data_version} every {@value #WATCH_MILLIS} ms on a connection of its
     * own. Writes of this cache note the version they leave while they still hold the
     * {@link CacheLock}, so no other process can commit in between and be missed. Close the returned
     * handle to stop; closing the cache stops it too.
     */
    public AutoCloseable watch(Runnable onForeignCommit) throws CacheException {
        synchronized (watchMonitor) {
            if (watcher != null) {
                throw new IllegalStateException("the cache is already watched");
            }
            try {
                watcher = readOnly ? connectReadOnly(file) : connect(file);
                seenVersion = dataVersion(watcher);
            } catch (SQLException e) {
                throw translate(file, e);
            }
        }
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mailflow-cache-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            if (foreignCommitSeen()) {
                onForeignCommit.run();
            }
        }, WATCH_MILLIS, WATCH_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        return () -> {
            timer.shutdownNow();
            stopWatching();
        };
    }

    /** One look for another connection's commit; false when nothing new, or when the look failed (tried again later). */
    boolean foreignCommitSeen() {
        synchronized (watchMonitor) {
            if (watcher == null || closed) {
                return false;
            }
            try {
                long v = dataVersion(watcher);
                if (v != seenVersion) {
                    seenVersion = v;
                    return true;
                }
            } catch (SQLException e) {
                // busy or closing: look again next time
            }
            return false;
        }
    }

    private void ownCommit() {
        synchronized (watchMonitor) {
            if (watcher != null) {
                try {
                    seenVersion = dataVersion(watcher);
                } catch (SQLException e) {
                    // the next look may report this commit as another's: the pages reload once more
                }
            }
        }
    }

    private void stopWatching() {
        synchronized (watchMonitor) {
            closeQuietly(watcher);
            watcher = null;
        }
    }

    private static long dataVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA data_version")) {
            return rs.next() ? rs.getLong(1) : 0;
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
        return translate(file, e, 0);
    }

    /**
     * SQLite's errors as messages for the user; SQLite's own words appear only inside a sentence that
     * says what it means ("database is locked" never alone). {@code expectedBytes}: what the failed
     * write meant to add, for the free space a full disk needs.
     */
    static CacheException translate(Path file, SQLException e, long expectedBytes) {
        String msg = String.valueOf(e.getMessage());
        int code = e.getErrorCode() & 0xff;
        String name = file.toString();
        if (code == 11 || code == 26 || msg.contains("SQLITE_CORRUPT") || msg.contains("SQLITE_NOTADB")) {
            CacheChecks.forget(file);
            return new CacheException(CacheException.Reason.CORRUPT, file, UserText.of("cache.corrupt", name, firstLine(msg)), e);
        }
        if (code == 13 || msg.contains("SQLITE_FULL")) {
            return diskFull(file, expectedBytes, e);
        }
        if (code == 5 || code == 6 || msg.contains("SQLITE_BUSY") || msg.contains("SQLITE_LOCKED")) {
            return new CacheException(CacheException.Reason.LOCKED, file, UserText.of("cache.busy", name), e);
        }
        if (code == 8 || msg.contains("SQLITE_READONLY")) {
            return new CacheException(CacheException.Reason.READ_ONLY, file, UserText.of("cache.readOnly", name), e);
        }
        return new CacheException(CacheException.Reason.IO, file, UserText.of("cache.other", name, firstLine(msg)), e);
    }

    /**
     * "The disk is full", naming the folder, the free space there and the space needed: twice what
     * the write meant to add (the import's input size: its rows take about as much in the cache, and
     * the WAL holds the new pages until they are copied into the file), at least 1 MB.
     */
    static CacheException diskFull(Path file, long expectedBytes, Exception cause) {
        Path folder = file.toAbsolutePath().getParent();
        long free = -1;
        try {
            free = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException | RuntimeException ignored) {
            // unknown
        }
        long needed = Math.max(2 * expectedBytes, 1L << 20);
        return new CacheException(CacheException.Reason.DISK_FULL, file, UserText.of("cache.diskFull", String.valueOf(folder),
                Bytes.human(needed), free < 0 ? "?" : Bytes.human(free), file.toString()), cause);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Why a file operation failed, translated where it is shown; the system's own words otherwise. */
    private static Object describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return UserText.of("cache.permissionDenied");
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
            stopWatching();
            closeQuietly(reader);
            closeQuietly(writer);
            CacheChecks.Level level = checked;
            if (level != null && !readOnly) {
                // the file changed only through SQLite (this process's writes, or writers that checked first)
                CacheChecks.record(file, level);
            }
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }
}
