package org.mailflow.cache;

import java.nio.file.Path;

/**
 * A cache file that cannot be used: not a Mailflow cache, written by a newer version, damaged, or
 * unreadable. The message is meant for the user (a dialog, or standard error with exit code 4) and
 * always names the file.
 */
public final class CacheException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the cache was refused. */
    public enum Reason { NOT_A_CACHE, NEWER_VERSION, CORRUPT, IO }

    private final Reason reason;
    private final transient Path file;

    public CacheException(Reason reason, Path file, String message) {
        super(message);
        this.reason = reason;
        this.file = file;
    }

    public CacheException(Reason reason, Path file, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.file = file;
    }

    public Reason reason() {
        return reason;
    }

    public Path file() {
        return file;
    }
}
