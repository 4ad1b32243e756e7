package org.mailflow.ingest.logs;

import org.mailflow.model.UserText;

/**
 * A relevant log line that could not be used (SPEC 5: skipped and reported with its line number);
 * the reason is translated where it is shown.
 */
public record BadLine(long lineNumber, UserText text) {
    /** The reason in the environment's language. */
    public String reason() {
        return text.toString();
    }
}
