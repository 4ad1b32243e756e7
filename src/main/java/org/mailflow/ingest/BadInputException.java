package org.mailflow.ingest;

import java.nio.file.Path;
import org.mailflow.model.UserText;

/**
 * A file that cannot be imported as it is. The message names the file, the line (when there is
 * one) and what was expected; the import it belongs to has changed nothing.
 *
 * <p>Built with a {@link UserText} reason, the message is translated where it is shown ({@link #userText()});
 * {@link #getMessage()} is the text in the environment's language, for the command line and the log.
 */
public final class BadInputException extends Exception implements UserText.Carrier {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String reason;
    private final transient UserText reasonText;

    public BadInputException(Path file, long line, String reason) {
        super(format(file, line, reason));
        this.file = file;
        this.line = line;
        this.reason = reason;
        this.reasonText = null;
    }

    public BadInputException(Path file, long line, String reason, Throwable cause) {
        this(file, line, reason);
        initCause(cause);
    }

    public BadInputException(Path file, long line, UserText reason) {
        super(where(file, line, reason).toString());
        this.file = file;
        this.line = line;
        this.reason = reason.toString();
        this.reasonText = reason;
    }

    public BadInputException(Path file, long line, UserText reason, Throwable cause) {
        this(file, line, reason);
        initCause(cause);
    }

    static String format(Path file, long line, String reason) {
        return line > 0 ? file + ", line " + line + ": " + reason : file + ": " + reason;
    }

    private static UserText where(Path file, long line, UserText reason) {
        return line > 0 ? UserText.of("input.bad.atLine", String.valueOf(file), line, reason)
                : UserText.of("input.bad.inFile", String.valueOf(file), reason);
    }

    /** The whole message (file, line, reason) to translate; for a reason given as plain text, that text. */
    @Override
    public UserText userText() {
        return reasonText == null ? UserText.of("input.bad.plain", getMessage()) : where(file, line, reasonText);
    }

    public Path file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem is the file as a whole. */
    public long line() {
        return line;
    }

    /** The reason in the environment's language. */
    public String reason() {
        return reason;
    }

    /** The reason to translate, or null when it was given as plain text. */
    public UserText reasonText() {
        return reasonText;
    }
}
