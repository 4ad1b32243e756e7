package org.mailflow.app;

import java.nio.file.Path;

/** Brief, non-blocking messages to the user (an export finished, a policy was saved). */
public interface Notifier {
    void info(String title, String text);

    /** A file was written: shows where. */
    default void fileWritten(String title, Path file) {
        info(title, file.toString());
    }
}
