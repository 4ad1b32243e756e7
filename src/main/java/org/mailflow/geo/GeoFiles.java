package org.mailflow.geo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The user's own MaxMind DB files, as Settings keeps them in the app's {@code settings.properties}
 * ({@code geo.country}, {@code geo.city}, {@code geo.asn}: absolute paths), so that the app and the
 * command line look IPs up in the same databases.
 */
public final class GeoFiles {
    private GeoFiles() {
    }

    /** The settings key of a kind: {@code geo.country}, {@code geo.city} or {@code geo.asn}. */
    public static String key(GeoKind kind) {
        return "geo." + kind.name().toLowerCase(Locale.ROOT);
    }

    /** The files chosen in the properties; blank entries are no choice. */
    public static Map<GeoKind, Path> of(Properties props) {
        Map<GeoKind, Path> out = new EnumMap<>(GeoKind.class);
        for (GeoKind kind : GeoKind.values()) {
            String value = props.getProperty(key(kind), "");
            if (!value.isBlank()) {
                out.put(kind, Path.of(value.strip()));
            }
        }
        return out;
    }

    /** The files chosen in a settings file; none when it is missing or unreadable. */
    public static Map<GeoKind, Path> of(Path settingsFile) {
        Properties props = new Properties();
        if (Files.isRegularFile(settingsFile)) {
            try (InputStream in = Files.newInputStream(settingsFile)) {
                props.load(in);
            } catch (IOException | IllegalArgumentException e) {
                org.slf4j.LoggerFactory.getLogger(GeoFiles.class).warn("cannot read {}; no database files of the user: {}", settingsFile, e.toString());
                return Map.of();
            }
        }
        return of(props);
    }

    /** The lookup of a settings file's choices: the user's files over the bundled databases. */
    public static GeoLookup lookup(Path settingsFile) {
        Map<GeoKind, Path> files = of(settingsFile);
        return files.isEmpty() ? GeoLookup.bundled() : GeoLookup.open(files);
    }
}
