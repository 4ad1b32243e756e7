package org.mailflow.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * Where caches live. The command line's {@code --cache} wins, then {@code $MAILFLOW_CACHE}, then
 * {@code ~/.mailflow-insights/cache.db}. The generated demo cache of a first start lives beside it as
 * {@code demo.db}, so that real imports never mix with demo data.
 */
public final class CacheLocations {
    public static final String ENV_CACHE = "MAILFLOW_CACHE";
    /** System property that moves the whole settings folder (tests, portable installs). */
    public static final String HOME_PROPERTY = "mailflow.home";

    private final Map<String, String> env;

    public CacheLocations(Map<String, String> env) {
        this.env = env;
    }

    public static CacheLocations system() {
        return new CacheLocations(System.getenv());
    }

    /** The folder for settings, the default cache and the demo cache. */
    public static Path appHome() {
        String override = System.getProperty(HOME_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".mailflow-insights");
    }

    /**
     * Creates the app's folder readable by its owner only (0700) where the file system has POSIX
     * permissions. The default folder, when it exists with wider permissions (versions before this one
     * created it with the umask), is narrowed to 0700; a folder named by {@value #HOME_PROPERTY} is left
     * as the user made it (a portable install may share it on purpose).
     *
     * @return the folder
     * @throws IOException when it cannot be created
     */
    public static Path createAppHome() throws IOException {
        Path home = appHome();
        boolean posix = home.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.exists(home)) {
            if (posix) {
                Files.createDirectories(home, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                // createDirectories applies the umask on top of the attribute; set it exactly.
                Files.setPosixFilePermissions(home, OWNER_ONLY);
            } else {
                Files.createDirectories(home);
            }
        } else if (posix && isDefaultHome() && Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)
                && !Files.getPosixFilePermissions(home).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(home, OWNER_ONLY);
        }
        return home;
    }

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private static boolean isDefaultHome() {
        String override = System.getProperty(HOME_PROPERTY);
        return override == null || override.isBlank();
    }

    /** The cache the user asked for: {@code explicit} if given, else the environment, else the default. */
    public Path resolve(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnv = env.get(ENV_CACHE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return defaultCache();
    }

    /** True when neither {@code --cache} nor the environment names a cache. */
    public boolean isDefault(Path explicit) {
        return explicit == null && (env.get(ENV_CACHE) == null || env.get(ENV_CACHE).isBlank());
    }

    public static Path defaultCache() {
        return appHome().resolve("cache.db");
    }

    public static Path demoCache() {
        return appHome().resolve("demo.db");
    }
}
