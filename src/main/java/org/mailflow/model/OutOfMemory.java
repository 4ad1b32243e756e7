package org.mailflow.model;

import java.util.Optional;

/**
 * What the user reads when Java runs out of memory, in the app and on the command line: which memory
 * ran out and how large it was allowed to be, that nothing was changed (an import runs in one
 * transaction, rolled back when anything is thrown, an {@link OutOfMemoryError} included), and what to
 * do: import fewer files at once, or give Java more memory with {@code -Xmx}. Never a stack trace.
 *
 * <p>An import holds memory in proportion to its batch (the cache's writers flush their aggregates
 * and remember a bounded number of ids), so running out takes a heap far below the default; the
 * command line exits with 3, as for input it cannot take, the cache unchanged.
 */
public final class OutOfMemory {
    private OutOfMemory() {
    }

    /** The out-of-memory error that {@code t} is or was caused by, if any. */
    public static Optional<OutOfMemoryError> in(Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof OutOfMemoryError oom) {
                return Optional.of(oom);
            }
        }
        return Optional.empty();
    }

    /** The message for {@code e}: what ran out (Java's own words, such as "Java heap space"), the limit, what to do. */
    public static UserText message(OutOfMemoryError e) {
        String what = e.getMessage() == null || e.getMessage().isBlank() ? "Java heap space" : e.getMessage();
        return UserText.of("error.outOfMemory", what, Runtime.getRuntime().maxMemory() >> 20);
    }
}
