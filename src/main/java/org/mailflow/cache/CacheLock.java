package org.mailflow.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.mailflow.model.UserText;

/**
 * The one-writer-at-a-time lock of a cache, shared by every process that uses it: an operating-system
 * lock ({@link FileChannel#tryLock()}) on a sidecar file beside the cache, {@code cache.db.lock},
 * created readable by its owner only. Whoever writes (an import, creating or updating a cache's
 * schema, saving a policy) holds it for the whole write transaction, so writers take turns instead of
 * meeting SQLite's "database is locked" after its busy timeout; readers never take it (WAL gives them
 * a snapshot of the last commit).
 *
 * <p>The lock is polled ({@value #POLL_MILLIS} ms) rather than waited for, so that a writer that has to
 * wait says so once ({@link Waiting#onWait}), can be cancelled ({@link Waiting#cancelled}) and can give
 * up after a limit ({@link Waiting#limit}). The operating system releases the lock when its process
 * ends, even after {@code kill -9}, so a crashed import never leaves the cache locked. The sidecar file
 * is left in place on purpose: deleting a lock file while another process waits on it would let two
 * writers in.
 *
 * <p>Java's file locks belong to the whole JVM ({@link OverlappingFileLockException} for a second lock
 * on the same file), so writers of one process also take turns on an in-process set of held files.
 */
public final class CacheLock implements AutoCloseable {
    static final long POLL_MILLIS = 100;

    /** Files whose lock this JVM holds. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    /**
     * How a writer waits for its turn: {@code onWait} runs once when the lock is found taken (the
     * import's "waiting for another import…"), {@code cancelled} is polled while waiting, and after
     * {@code limit} (null: no limit) the writer gives up with {@link CacheException.Reason#LOCKED}.
     */
    public record Waiting(Runnable onWait, BooleanSupplier cancelled, Duration limit) {
        /** Small writes of the app (a policy, a setting): wait up to ten minutes without a word. */
        public static final Waiting QUIETLY = new Waiting(() -> { }, () -> false, Duration.ofMinutes(10));

        public Waiting {
            onWait = onWait == null ? () -> { } : onWait;
            cancelled = cancelled == null ? () -> false : cancelled;
        }
    }

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private CacheLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** The sidecar lock file of {@code cache}: {@code cache.db.lock} beside it. */
    public static Path lockFile(Path cache) {
        return cache.resolveSibling(cache.getFileName() + ".lock");
    }

    /**
     * Takes the writer lock of {@code cache}, waiting as {@code waiting} says.
     *
     * @throws CacheException {@link CacheException.Reason#CANCELLED} when cancelled while waiting,
     *     {@link CacheException.Reason#LOCKED} after the limit, or an I/O reason when the lock file
     *     cannot be created (a read-only folder, a full disk)
     */
    public static CacheLock acquire(Path cache, Waiting waiting) throws CacheException {
        Path shown = cache.toAbsolutePath().normalize();
        Path key = shown;
        try {
            // one key per file however it is named (links), since closing any channel on the lock file
            // would drop this process's POSIX lock on it
            Path parent = key.getParent();
            if (parent != null) {
                key = parent.toRealPath().resolve(key.getFileName());
            }
        } catch (IOException e) {
            // the folder is missing: creating the lock file reports it
        }
        Path lockFile = lockFile(key);
        long start = System.nanoTime();
        boolean told = false;
        while (true) {
            if (HELD.add(key)) {
                CacheLock taken = tryOsLock(key, shown, lockFile);
                if (taken != null) {
                    return taken;
                }
                HELD.remove(key);
            }
            if (!told) {
                told = true;
                waiting.onWait().run();
            }
            if (waiting.cancelled().getAsBoolean()) {
                throw new CacheException(CacheException.Reason.CANCELLED, shown, UserText.of("cache.lock.cancelled", shown.toString()));
            }
            if (waiting.limit() != null && System.nanoTime() - start >= waiting.limit().toNanos()) {
                throw new CacheException(CacheException.Reason.LOCKED, shown,
                        UserText.of("cache.lock.timeout", shown.toString(), waiting.limit().toSeconds()));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CacheException(CacheException.Reason.CANCELLED, shown, UserText.of("cache.lock.cancelled", shown.toString()));
            }
        }
    }

    private static CacheLock tryOsLock(Path key, Path shown, Path lockFile) throws CacheException {
        FileChannel ch = null;
        try {
            ch = openLockFile(lockFile);
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                return null;
            }
            return new CacheLock(key, ch, l);
        } catch (OverlappingFileLockException e) {
            closeQuietly(ch);
            return null;
        } catch (IOException e) {
            closeQuietly(ch);
            HELD.remove(key);
            throw Cache.ioFailure(shown, lockFile, e);
        }
    }

    private static FileChannel openLockFile(Path lockFile) throws IOException {
        if (!Files.exists(lockFile) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            try {
                Files.createFile(lockFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another process created it meanwhile
            }
        }
        return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        } finally {
            closeQuietly(channel);
            HELD.remove(key);
        }
    }
}
