package org.mailflow.ingest;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the small files of an import ahead of the one writer, on worker threads (issue 15, "all
 * cores"). A worker opens a file, reads its whole content (decompressing a {@code .gz}) and takes its
 * SHA-256 ({@link ContentSource#preload}); the import's thread then finds each file's bytes and hash
 * in memory when its turn comes, in the import's order, and does what must be done in order: the
 * fingerprint look-up, the parse that depends on what came before, and the writes of the one
 * transaction. A folder of many small CSV files or a Maildir is read by every core while the writer
 * commits; a file larger than {@link #MAX_FILE} (a log) is read by the import's own pipeline, whose
 * reading, hashing and parsing threads already overlap ({@link LinePipeline}, {@link BackgroundDigest}).
 *
 * <p>What is read ahead is bounded: at most {@link #AHEAD_PER_THREAD} files a worker, and
 * {@link #MAX_BYTES_AHEAD} bytes of content held in all (a worker that would pass it lets the content
 * go and the file is read in its turn; it never waits, so the writer never waits on it), so neither a
 * Maildir of a million messages nor a folder of small {@code .gz} files that decompress to megabytes
 * each is held in memory. A file that cannot be read ahead (it vanished, it is not readable, its gzip is damaged) is
 * simply read again in its turn, which reports the failure with its name as before; the workers
 * never write, so a failed or cancelled import leaves the cache as it was. {@link #close()} stops the
 * workers.
 */
final class Prefetch implements AutoCloseable {
    /** Files up to this size (on disk) are read ahead whole. */
    static final long MAX_FILE = 1 << 20;
    /** Bytes of content read ahead and not yet imported, at most. */
    static final long MAX_BYTES_AHEAD = 64L << 20;
    /** Files read ahead for each worker, at most. */
    static final int AHEAD_PER_THREAD = 64;

    private final List<ContentSource> sources;
    private final ExecutorService pool;
    private final Future<?>[] tasks;
    /** Bytes of content held by files read ahead and not yet imported. */
    private final java.util.concurrent.atomic.AtomicLong held = new java.util.concurrent.atomic.AtomicLong();
    private final int maxAhead;
    private int submitted;

    /**
     * Reads ahead the files among {@code sources} (null entries are files not to read) with
     * {@code workers} threads; 0 workers reads nothing ahead.
     */
    Prefetch(List<ContentSource> sources, int workers) {
        this.sources = sources;
        this.tasks = new Future<?>[sources.size()];
        this.maxAhead = Math.max(1, workers) * AHEAD_PER_THREAD;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "import-prefetch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = workers > 0 ? Executors.newFixedThreadPool(workers, daemons) : null;
    }

    /**
     * Waits until file {@code i} (the next in the import's order) has been read ahead, if it is read
     * ahead at all, and starts reading the files after it.
     */
    void awaitTurn(int i) throws InterruptedException {
        if (pool == null) {
            return;
        }
        fill(i);
        Future<?> task = tasks[i];
        if (task != null) {
            try {
                task.get();
            } catch (ExecutionException e) {
                // not read ahead: read in its turn, which reports what went wrong
            }
        }
    }

    /** File {@code i} has been imported: its bytes are let go. */
    void done(int i) {
        if (tasks[i] != null) {
            tasks[i] = null;
            long length = sources.get(i).preloadedLength();
            if (length > 0) {
                held.addAndGet(-length);
            }
            sources.get(i).release();
        }
    }

    private void fill(int from) {
        if (submitted < from) {
            submitted = from;
        }
        while (submitted < sources.size() && submitted - from < maxAhead) {
            ContentSource s = sources.get(submitted);
            if (s != null && s.rawSize() <= MAX_FILE) {
                tasks[submitted] = pool.submit(() -> s.preload(this::reserve));
            }
            submitted++;
        }
    }

    /** Takes {@code bytes} of the budget for a content read ahead; false, taking nothing, when it would pass it. */
    private boolean reserve(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > MAX_BYTES_AHEAD) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
            try {
                // a worker finishes the file it reads (at most 1 MB, 8 MB decompressed) and stops
                pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
