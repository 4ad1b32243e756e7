package org.mailflow.app.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.CacheLocations;

/** Where real data goes while demo data is open. */
class ImportViewModelTest {
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

    @Test
    void realFilesGoToCacheDbUnlessThatIsTheDemoCacheItself() {
        assertThat(ImportViewModel.ownCache(home.resolve("demo.db"))).isEqualTo(home.resolve("cache.db"));
        assertThat(ImportViewModel.ownCache(home.resolve("cache.db"))).isEqualTo(home.resolve("cache-2.db"));
    }
}
