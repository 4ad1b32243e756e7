package org.mailflow.ingest;

/** The user cancelled an import; everything it did has been rolled back. */
public final class ImportCancelledException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImportCancelledException() {
        super("The import was cancelled; nothing was changed.");
    }
}
