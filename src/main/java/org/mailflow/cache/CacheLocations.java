package org.mailflow.cache;

import java.nio.file.Path;
import java.util.Map;

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
