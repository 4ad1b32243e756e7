package org.mailflow.ingest;

import org.mailflow.model.UserText;

/**
 * The user cancelled an import; everything it did has been rolled back. The message is in the
 * environment's language (the command line prints it); the app says so in its own words.
 */
public final class ImportCancelledException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImportCancelledException() {
        super(UserText.of("input.cancelled").toString());
    }
}
