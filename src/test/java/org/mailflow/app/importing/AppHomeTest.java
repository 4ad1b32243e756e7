package org.mailflow.app.importing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.CacheLocations;

/** Tests of the import dialog whose app folder (own caches, settings) is a temporary folder of their own. */
abstract class AppHomeTest {
    @TempDir
    Path home;
    private String old;

    @BeforeEach
    void moveHome() {
        old = System.getProperty(CacheLocations.HOME_PROPERTY);
        System.setProperty(CacheLocations.HOME_PROPERTY, home.toString());
    }

    @AfterEach
    void restoreHome() {
        if (old == null) {
            System.clearProperty(CacheLocations.HOME_PROPERTY);
        } else {
            System.setProperty(CacheLocations.HOME_PROPERTY, old);
        }
    }
}
