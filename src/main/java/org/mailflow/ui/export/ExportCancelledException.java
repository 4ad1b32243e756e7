package org.mailflow.ui.export;

import java.io.InterruptedIOException;

/**
 * The user cancelled an export while it was written. An {@link java.io.IOException}, so that it
 * passes unchanged through every writer of the engine (they rethrow I/O failures as they are), and
 * the file writes of {@link org.mailflow.export.ExportFiles} delete what was written.
 */
public final class ExportCancelledException extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    public ExportCancelledException() {
        super("export cancelled");
    }

    /** True when {@code t}, or one of its causes, is a cancelled export. */
    public static boolean isCancel(Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause()) {
            if (e instanceof ExportCancelledException) {
                return true;
            }
        }
        return false;
    }
}
