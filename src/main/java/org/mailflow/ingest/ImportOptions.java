package org.mailflow.ingest;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to import: a forced format ({@code --format}) or detection from the content; whether rows
 * that break their format are skipped and listed ({@code --skip-bad-rows}) instead of failing; the
 * year of the first line of logs with classic syslog timestamps, which carry none ({@code --year};
 * empty = chosen from each file's modification time, SPEC 5); and how many threads read files ahead
 * of the one writer ({@code --threads}, {@link Prefetch}; 1 reads each file in its turn on the
 * import's own thread; the default is the number of processors).
 */
public record ImportOptions(Optional<ImportFormat> format, boolean skipBadRows, OptionalInt year, int threads) {
    public static final ImportOptions DEFAULT = new ImportOptions(Optional.empty(), false, OptionalInt.empty());

    public ImportOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads < 1: " + threads);
        }
    }

    /** Options with the default number of threads. */
    public ImportOptions(Optional<ImportFormat> format, boolean skipBadRows, OptionalInt year) {
        this(format, skipBadRows, year, defaultThreads());
    }

    /** Options without a year. */
    public ImportOptions(Optional<ImportFormat> format, boolean skipBadRows) {
        this(format, skipBadRows, OptionalInt.empty());
    }

    /** These options with {@code n} threads. */
    public ImportOptions withThreads(int n) {
        return new ImportOptions(format, skipBadRows, year, n);
    }

    /** The number of processors, at most 8: more threads read ahead than one writer can take. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }
}
