package org.mailflow.ingest;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;

/** A new, empty cache for every test, closed after it. */
abstract class WithCache {
    @TempDir
    Path dir;
    Cache cache;

    @BeforeEach
    void openCache() throws Exception {
        cache = Cache.open(dir.resolve("cache.db"));
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }
}
