package org.mailflow.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's folder is its owner's only: created 0700, the default one narrowed to 0700, a chosen one left as it is. */
class AppHomeFolderTest {
    @TempDir Path dir;
    private String oldHome;
    private String oldUserHome;

    @BeforeEach
    void remember() {
        oldHome = System.getProperty(CacheLocations.HOME_PROPERTY);
        oldUserHome = System.getProperty("user.home");
    }

    @AfterEach
    void restore() {
        if (oldHome == null) {
            System.clearProperty(CacheLocations.HOME_PROPERTY);
        } else {
            System.setProperty(CacheLocations.HOME_PROPERTY, oldHome);
        }
        System.setProperty("user.home", oldUserHome);
    }

    @Test
    void aNewFolderIsCreatedForItsOwnerOnly() throws Exception {
        Path home = dir.resolve("a").resolve("mailflow");
        System.setProperty(CacheLocations.HOME_PROPERTY, home.toString());
        assertThat(CacheLocations.createAppHome()).isEqualTo(home);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
    }

    @Test
    void theDefaultFolderIsNarrowedAndAChosenOneIsLeftAsItIs() throws Exception {
        System.clearProperty(CacheLocations.HOME_PROPERTY);
        System.setProperty("user.home", dir.toString());
        Path home = Files.createDirectory(dir.resolve(".mailflow-insights"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(CacheLocations.createAppHome()).isEqualTo(home);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");

        Path shared = Files.createDirectory(dir.resolve("portable"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-x---"));
        System.setProperty(CacheLocations.HOME_PROPERTY, shared.toString());
        CacheLocations.createAppHome();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxr-x---");
    }
}
