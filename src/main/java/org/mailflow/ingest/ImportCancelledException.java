package org.mailflow.ingest;

import org.mailflow.model.UserText;

/** The user cancelled an import; everything it did has been rolled back. */
public final class ImportCancelledException extends Exception implements UserText.Carrier {
    private static final long serialVersionUID = 1L;

    public ImportCancelledException() {
        super(UserText.of("input.cancelled").toString());
    }

    @Override
    public UserText userText() {
        return UserText.of("input.cancelled");
    }
}
