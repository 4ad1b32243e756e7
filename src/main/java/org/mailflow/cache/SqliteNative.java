package org.mailflow.cache;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
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
 * <p>Nothing executable is left where another local user could plant it: the {@code native} folders
 * are made readable by their owner only (0700) and must belong to the user running the program, and
 * the kept copy is compared with the library in the jar before every load: its size and CRC-32
 * against those the jar's directory records for the entry named in {@code libsqlitejdbc.so.source}
 * beside it (a few milliseconds; the entry is not inflated, and sqlite-jdbc is not asked which
 * library this system needs, which takes a fifth of a second). The check finds damage; planting is
 * what the private folders prevent. A copy that differs (truncated by a full disk, damaged, replaced) is never loaded: it
 * is written again, under a temporary name moved into place, so it is whole or absent. (Loading a
 * damaged copy crashed the JVM with SIGBUS.) A folder that is not the user's, or a copy that cannot be
 * written, makes sqlite-jdbc fall back to its own extraction. Nothing is done when
 * {@code org.sqlite.lib.path} is set (the user's choice, or the installer's runtime image, which
 * carries the library itself) or the jar holds no library for this system.
 */
final class SqliteNative {
    private SqliteNative() {
    }

    /** Points sqlite-jdbc at the kept copy, writing it first when missing or different; quietly does nothing on failure. */
    static void useKeptCopy(Path home) {
        if (System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        try {
            String name = System.mapLibraryName("sqlitejdbc");
            // Named after the JVM's own os.name and os.arch, so that a later start finds the copy without
            // asking sqlite-jdbc which of its libraries this system needs (OSInfo: a fifth of a second).
            Path nativeRoot = home.resolve("native");
            Path dir = nativeRoot.resolve(version())
                    .resolve((System.getProperty("os.name") + "-" + System.getProperty("os.arch")).replaceAll("[^0-9A-Za-z.-]", "_"));
            Path lib = dir.resolve(name);
            Path source = dir.resolve(name + ".source");
            if (!privateFolders(nativeRoot, dir)) {
                return;
            }
            if (!matchesJar(lib, source)) {
                String resourceName = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
                URL resource = org.sqlite.JDBC.class.getResource(resourceName);
                if (resource == null) {
                    return;
                }
                byte[] bytes;
                try (InputStream in = resource.openConnection().getInputStream()) {
                    bytes = in.readAllBytes();
                }
                writeWhole(dir, lib, bytes);
                writeWhole(dir, source, resourceName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (!matchesJar(lib, source)) {
                    return; // never load a copy that is not the jar's
                }
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", name);
        } catch (IOException | RuntimeException e) {
            // sqlite-jdbc extracts the library itself
            org.slf4j.LoggerFactory.getLogger(SqliteNative.class).debug("cannot keep SQLite's native library; sqlite-jdbc extracts it", e);
        }
    }

    /** Writes {@code bytes} under a temporary name and moves it into place: the file is whole or absent. */
    private static void writeWhole(Path dir, Path target, byte[] bytes) throws IOException {
        Path part = Files.createTempFile(dir, target.getFileName().toString(), ".part");
        try {
            Files.write(part, bytes);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * True when {@code lib} is a regular file (not a link) with the size and CRC-32 of the jar's entry
     * that {@code source} names (read from the jar's directory, without inflating the entry), or,
     * when sqlite-jdbc is not in a jar, with the same bytes. A few milliseconds for its 1.1 MB.
     */
    static boolean matchesJar(Path lib, Path source) {
        try {
            if (!Files.isRegularFile(lib, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            String resourceName = Files.readString(source, java.nio.charset.StandardCharsets.UTF_8).strip();
            if (!resourceName.startsWith("/org/sqlite/native/")) {
                return false;
            }
            URL resource = org.sqlite.JDBC.class.getResource(resourceName);
            if (resource == null) {
                return false;
            }
            java.net.URLConnection connection = resource.openConnection();
            byte[] kept = Files.readAllBytes(lib);
            if (connection instanceof java.net.JarURLConnection jar) {
                java.util.jar.JarEntry entry = jar.getJarEntry();
                if (entry.getSize() >= 0 && entry.getCrc() >= 0) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(kept);
                    return entry.getSize() == kept.length && entry.getCrc() == crc.getValue();
                }
            }
            try (InputStream in = connection.getInputStream()) {
                return java.util.Arrays.equals(in.readAllBytes(), kept);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Creates {@code dir} and the folders between {@code root} and it, and makes each readable by
     * its owner only; false when one of them is a link or belongs to someone else.
     */
    static boolean privateFolders(Path root, Path dir) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path home = root.getParent();
        if (home != null && !Files.isDirectory(home)) {
            // the settings folder, on a first start: the user's own, like the caches it holds
            if (posix) {
                Files.createDirectories(home, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectories(home);
            }
        }
        java.util.List<Path> chain = new java.util.ArrayList<>();
        for (Path p = dir; p != null && p.startsWith(root); p = p.getParent()) {
            chain.add(0, p);
        }
        for (Path p : chain) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                if (posix) {
                    try {
                        Files.createDirectory(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    } catch (java.nio.file.FileAlreadyExistsException e) {
                        // made by another start at the same moment: checked below
                    }
                } else {
                    Files.createDirectories(p);
                }
            }
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            if (posix) {
                java.nio.file.attribute.UserPrincipal me = p.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(System.getProperty("user.name"));
                if (!Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).equals(me)) {
                    return false;
                }
                if (!Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
                    Files.setPosixFilePermissions(p, OWNER_ONLY);
                }
            }
        }
        return true;
    }

    private static final java.util.Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

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
