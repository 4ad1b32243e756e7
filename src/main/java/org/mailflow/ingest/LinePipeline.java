package org.mailflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads the lines of a log on a thread of its own, so that reading, hashing, finding line ends and
 * decoding run beside the parser and the cache writes (the machine this is measured on has two
 * cores). Lines come in batches, in file order. A line that the {@link Classifier} reads from its
 * bytes is never decoded: the batch holds what the classifier made of it instead of its text.
 *
 * <p>The consumer ({@link #next()}) sees the producer's failure as an {@link IOException} at the point
 * where it happened; {@link #close()} stops the producer, even one blocked on a full queue, and
 * waits for it, so a cancelled import leaves no thread behind.
 */
final class LinePipeline implements AutoCloseable {
    /** Lines per batch. */
    static final int BATCH = 4096;

    /** Reads a line from its bytes when that is enough, so that it needs no decoding. */
    @FunctionalInterface
    interface Classifier {
        /** What the line {@code b[off..off+len)} (without its line end) is, or null when it must be decoded. */
        Object classify(byte[] b, int off, int len);
    }

    /** Lines {@code firstLine … firstLine + size - 1}: each its text, or what the classifier read from its bytes. */
    static final class Batch {
        final Object[] lines = new Object[BATCH];
        long firstLine;
        int size;
        IOException failure;
        boolean last;
    }

    /** Batches a pipeline holds before its producer waits, unless started ahead ({@link LogReader#AHEAD_BATCHES}). */
    static final int QUEUED_BATCHES = 8;

    private final BlockingQueue<Batch> queue;
    private final Thread producer;
    private volatile boolean stopped;
    private long lineFeeds;
    private long lines;

    /**
     * Starts reading {@code in} (which the producer reads to its end and the caller closes after
     * {@link #close()}).
     */
    LinePipeline(InputStream in, Classifier classifier, String name) {
        this(in, classifier, name, QUEUED_BATCHES);
    }

    /** Starts reading {@code in}, holding at most {@code batches} batches that the consumer has not taken. */
    LinePipeline(InputStream in, Classifier classifier, String name, int batches) {
        queue = new ArrayBlockingQueue<>(batches);
        producer = new Thread(() -> produce(in, classifier), "import-reader " + name);
        producer.setDaemon(true);
        producer.start();
    }

    private Batch current;

    private void produce(InputStream in, Classifier classifier) {
        current = new Batch();
        current.firstLine = 1;
        LineReader reader = new LineReader(in, classifier == null ? null : (b, off, len, n) -> {
            Object read = classifier.classify(b, off, len);
            if (read == null) {
                return false;
            }
            add(read);
            return true;
        });
        try {
            String line;
            while (!stopped && (line = reader.readLine()) != null) {
                add(line);
            }
            if (stopped) {
                return; // closed before the end: the rest is not read (a cancel, or a reader started ahead for nothing)
            }
            in.transferTo(OutputStream.nullOutputStream());
            lineFeeds = reader.lineFeeds();
            lines = reader.lineNumber();
        } catch (IOException e) {
            current.failure = e;
        } catch (Stopped e) {
            return;
        } catch (RuntimeException | Error e) {
            // never leave the consumer waiting for a batch that will not come
            current.failure = new IOException("reading failed: " + e, e);
        }
        current.last = true;
        try {
            put(current);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Adds a line, decoded or read from its bytes; hands a full batch on. */
    private void add(Object line) {
        Batch b = current;
        b.lines[b.size] = line;
        if (++b.size == BATCH) {
            try {
                put(b);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
            if (stopped) {
                throw new Stopped();
            }
            current = new Batch();
            current.firstLine = b.firstLine + BATCH;
        }
    }

    /** Unwinds the producer when the consumer has gone. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }

    private void put(Batch b) throws InterruptedException {
        while (!stopped) {
            if (queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** The next batch; the last one has {@code last} set (and may hold lines). */
    Batch next() throws IOException {
        Batch b;
        try {
            b = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading", e);
        }
        if (b.failure != null) {
            throw b.failure;
        }
        return b;
    }

    /** Line feeds in the whole content; valid after the last batch. */
    long lineFeeds() {
        return lineFeeds;
    }

    /** Lines in the whole content (a last line without a line feed counts); valid after the last batch. */
    long lines() {
        return lines;
    }

    @Override
    public void close() {
        stopped = true;
        queue.clear();
        try {
            producer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
