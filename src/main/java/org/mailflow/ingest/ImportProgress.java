package org.mailflow.ingest;

import java.nio.file.Path;

/** Receives progress of an import: bytes read of all files so far, of the total of their sizes. */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (file, done, total) -> { };

    void update(Path currentFile, long bytesDone, long bytesTotal);

    /** Another process is writing the cache; the import waits for its turn (called once, before any file is read). */
    default void waiting() {
    }

    /** The whole cache is being checked before the import writes (PRAGMA integrity_check; seconds on a large cache). */
    default void checking() {
    }
}
