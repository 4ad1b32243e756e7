package org.mailflow.ingest;

import java.nio.file.Path;

/**
 * A file that cannot be imported as it is. The message names the file, the line (when there is
 * one) and what was expected; the import it belongs to has changed nothing.
 */
public final class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String reason;

    public BadInputException(Path file, long line, String reason) {
        super(format(file, line, reason));
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public BadInputException(Path file, long line, String reason, Throwable cause) {
        this(file, line, reason);
        initCause(cause);
    }

    static String format(Path file, long line, String reason) {
        return line > 0 ? file + ", line " + line + ": " + reason : file + ": " + reason;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem is the file as a whole. */
    public long line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
