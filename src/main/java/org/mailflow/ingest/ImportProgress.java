package org.mailflow.ingest;

import java.nio.file.Path;

/** Receives progress of an import: bytes read of all files so far, of the total of their sizes. */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (file, done, total) -> { };

    void update(Path currentFile, long bytesDone, long bytesTotal);
}
