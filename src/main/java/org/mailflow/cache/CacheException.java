package org.mailflow.cache;

import java.nio.file.Path;
import org.mailflow.model.UserText;

/**
 * A cache file that cannot be used: not a Mailflow cache, written by a newer version, damaged,
 * unreadable, busy, read-only or on a full disk. The message is meant for the user (a dialog, or
 * standard error with exit code 4) and always names the file. Built with a {@link UserText}, it is
 * translated where it is shown ({@link #userText()}); {@link #getMessage()} reads the language of the
 * environment, as the command line prints it.
 */
public final class CacheException extends Exception implements UserText.Carrier {
    private static final long serialVersionUID = 1L;

    /** Why the cache was refused. */
    public enum Reason {
        NOT_A_CACHE, NEWER_VERSION, CORRUPT, IO,
        /** Another program kept the cache locked for longer than the writer would wait. */
        LOCKED,
        /** The writer was cancelled while waiting for its turn; nothing was changed. */
        CANCELLED,
        /** The cache is on a read-only disk or in a read-only folder: it can be read, not written. */
        READ_ONLY,
        /** The disk holding the cache is full; nothing was changed. */
        DISK_FULL
    }

    private final Reason reason;
    private final transient Path file;
    private final transient UserText text;

    public CacheException(Reason reason, Path file, String message) {
        this(reason, file, message, (Throwable) null);
    }

    public CacheException(Reason reason, Path file, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.file = file;
        this.text = null;
    }

    public CacheException(Reason reason, Path file, UserText message) {
        this(reason, file, message, null);
    }

    public CacheException(Reason reason, Path file, UserText message, Throwable cause) {
        super(message.in(java.util.Locale.ENGLISH), cause);
        this.reason = reason;
        this.file = file;
        this.text = message;
    }

    public Reason reason() {
        return reason;
    }

    public Path file() {
        return file;
    }

    /** The message in the environment's language (what the command line prints). */
    @Override
    public String getMessage() {
        return text == null ? super.getMessage() : text.toString();
    }

    /** The message as a bundle key and arguments; null for the few messages still built as English text elsewhere. */
    @Override
    public UserText userText() {
        return text;
    }
}
