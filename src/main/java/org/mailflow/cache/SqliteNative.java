package org.mailflow.cache;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.OSInfo;

/**
 * Keeps SQLite's native library, which sqlite-jdbc carries inside the jar, extracted once in the
 * settings folder ({@code ~/.mailflow-insights/native/VERSION/OS/ARCH/}) and points sqlite-jdbc at it.
 * Left alone, sqlite-jdbc writes a fresh copy to the temporary folder on every start and compares it
 * byte by byte with the one in the jar, which took a third of a second of a cold start on the
 * machine the import is measured on (README "Performance").
 *
 * <p>The copy is written under a temporary name and moved into place, so it is whole or absent; a copy
 * that does not load (a home folder shared with another kind of system) makes sqlite-jdbc fall back to
 * its own extraction. Nothing is done when the user set {@code org.sqlite.lib.path} or the jar holds
 * no library for this system.
 */
final class SqliteNative {
    private SqliteNative() {
    }

    /** Points sqlite-jdbc at the kept copy, writing it first when missing; quietly does nothing on failure. */
    static void useKeptCopy(Path home) {
        if (System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        try {
            String name = System.mapLibraryName("sqlitejdbc");
            // Named after the JVM's own os.name and os.arch, so that a later start finds the copy without
            // asking sqlite-jdbc which of its libraries this system needs (which takes a while).
            Path dir = home.resolve("native").resolve(version())
                    .resolve((System.getProperty("os.name") + "-" + System.getProperty("os.arch")).replaceAll("[^0-9A-Za-z.-]", "_"));
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib)) {
                URL resource = org.sqlite.JDBC.class.getResource("/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS()
                        + "/" + name);
                if (resource == null) {
                    return;
                }
                URLConnection connection = resource.openConnection();
                Files.createDirectories(dir);
                Path part = Files.createTempFile(dir, name, ".part");
                try (InputStream in = connection.getInputStream()) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, lib, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(part);
                }
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", name);
        } catch (IOException | RuntimeException e) {
            // sqlite-jdbc extracts the library itself
            org.slf4j.LoggerFactory.getLogger(SqliteNative.class).debug("cannot keep SQLite's native library; sqlite-jdbc extracts it", e);
        }
    }

    /** The sqlite-jdbc version, from the Maven properties it carries ("unknown" without them). */
    private static String version() {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream("/META-INF/maven/org.xerial/sqlite-jdbc/pom.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unknown
            org.slf4j.LoggerFactory.getLogger(SqliteNative.class).debug("cannot read sqlite-jdbc's version", e);
        }
        return p.getProperty("version", "unknown").strip().replaceAll("[^0-9A-Za-z.-]", "_");
    }
}
