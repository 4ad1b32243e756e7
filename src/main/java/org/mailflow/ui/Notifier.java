package org.mailflow.ui;

import java.nio.file.Path;

/** Brief, non-blocking messages to the user (an export finished, a policy was saved). */
public interface Notifier {
    void info(String title, String text);

    /** A file was written: shows where. */
    default void fileWritten(String title, Path file) {
        info(title, file.toString());
    }

    /**
     * Something changed that can be taken back: the message carries a button ({@code actionText},
     * e.g. "Undo") that runs {@code action} once. A notifier that shows no buttons (the one used
     * before the main window exists) shows the message only.
     */
    default void undoable(String title, String text, String actionText, Runnable action) {
        info(title, text);
    }
}
