package org.mailflow.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * The reading side of one log's import: the file read (and decompressed), its bytes hashed on a thread
 * of their own ({@link BackgroundDigest}), and its lines split and read into records on another
 * ({@link LinePipeline} with the format's {@link LinePipeline.Classifier}), in file order. What joins
 * the records (a Postfix connection, a queue id) and writes them runs on the import's own thread,
 * in order, from {@link #next()}.
 *
 * <p>One may be started ahead, for the next log of the import while the current one is parsed
 * ({@link Ahead}): a rotated series is then read by two pipelines at once. Started ahead, it reads
 * at most {@link #AHEAD_BATCHES} batches of lines before it waits for its turn, so memory stays
 * bounded.
 */
final class LogReader implements AutoCloseable {
    /** Batches of lines (4 096 lines each) a reader started ahead may hold before its turn. */
    static final int AHEAD_BATCHES = 128;

    private final BackgroundDigest digest;
    private final InputStream raw;
    private final InputStream hashed;
    private final LinePipeline pipeline;
    final long[] lengthAndLines = new long[2];

    /** Starts reading {@code source}; {@code rawBytes} receives each count of file bytes read. */
    LogReader(ContentSource source, byte[] head, int headLength, LinePipeline.Classifier classifier, int batches,
              java.util.function.LongConsumer rawBytes) throws IOException {
        String name = source.path().getFileName().toString();
        BackgroundDigest d = new BackgroundDigest(Fingerprints.sha256(), name);
        InputStream r = null;
        InputStream h = null;
        try {
            r = source.content(rawBytes);
            h = new Hashing(r, d, lengthAndLines);
            // a log whose lines end in a lone CR is read as lines; the file's own bytes are hashed
            pipeline = new LinePipeline(CrLineEnds.wrapIfCrOnly(h, head, headLength), classifier, name, batches);
        } catch (IOException | RuntimeException e) {
            closeAll(h, r, d);
            throw e;
        }
        this.digest = d;
        this.raw = r;
        this.hashed = h;
    }

    /** The next batch of lines, in file order. */
    LinePipeline.Batch next() throws IOException {
        return pipeline.next();
    }

    /** Lines in the whole content; valid after the last batch. */
    long lines() {
        return pipeline.lines();
    }

    /** Line feeds in the whole content; valid after the last batch. */
    long lineFeeds() {
        return pipeline.lineFeeds();
    }

    /** The SHA-256 of the whole content; after the last batch. */
    byte[] sha256() throws IOException {
        return digest.digest();
    }

    @Override
    public void close() throws IOException {
        pipeline.close();
        closeAll(hashed, raw, digest);
    }

    private static void closeAll(AutoCloseable... all) throws IOException {
        IOException first = null;
        for (AutoCloseable c : all) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            } catch (Exception e) {
                first = first == null ? new IOException(e) : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * At most one {@link LogReader} started ahead, for the log that comes next in the import: started
     * while the current log is parsed, taken by the next log's import, closed if that file turns out
     * to be no log or one imported before.
     */
    static final class Ahead implements AutoCloseable {
        private ContentSource source;
        private ImportFormat format;
        private LogReader reader;

        /** Holds {@code reader}, started for {@code source} read as {@code format}; closes one held before. */
        void hold(ContentSource source, ImportFormat format, LogReader reader) {
            close();
            this.source = source;
            this.format = format;
            this.reader = reader;
        }

        /** True when a reader is held for {@code source}. */
        boolean holds(ContentSource source) {
            return reader != null && this.source == source;
        }

        /**
         * The reader started ahead for {@code source} read as {@code format}, else null. One held for
         * another file stays (a log read a second time, its year's rollovers guessed wrong, keeps the
         * next log's reader); one held for this file as another format is closed.
         */
        LogReader take(ContentSource source, ImportFormat format) {
            if (reader == null || this.source != source) {
                return null;
            }
            if (this.format != format) {
                close();
                return null;
            }
            LogReader r = reader;
            reader = null;
            this.source = null;
            return r;
        }

        @Override
        public void close() {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException e) {
                    // it was read ahead for nothing
                }
                reader = null;
                source = null;
            }
        }
    }
}
