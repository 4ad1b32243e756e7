package org.mailflow.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailflow.model.UserText;

/**
 * Where exports go: the user's Downloads folder (the XDG {@code XDG_DOWNLOAD_DIR} where set, else
 * {@code ~/Downloads}, else the home folder), under a name that never overwrites: {@code Name.csv},
 * then {@code Name (1).csv}, {@code Name (2).csv}, … Files are created with {@code CREATE_NEW}, so
 * two exports at the same moment cannot take the same name either.
 */
public final class ExportFiles {
    private ExportFiles() {
    }

    /** Writes to a file opened for a new export. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    public static Path downloadsFolder(Path home, Map<String, String> env) {
        Path fromXdg = xdgDownloadDir(home, env);
        if (fromXdg != null && Files.isDirectory(fromXdg)) {
            return fromXdg;
        }
        Path downloads = home.resolve("Downloads");
        return Files.isDirectory(downloads) ? downloads : home;
    }

    public static Path downloadsFolder() {
        return downloadsFolder(Path.of(System.getProperty("user.home")), System.getenv());
    }

    private static Path xdgDownloadDir(Path home, Map<String, String> env) {
        String configHome = env.getOrDefault("XDG_CONFIG_HOME", home.resolve(".config").toString());
        Path dirs = Path.of(configHome, "user-dirs.dirs");
        if (!Files.isRegularFile(dirs)) {
            return null;
        }
        Pattern p = Pattern.compile("^XDG_DOWNLOAD_DIR=\"(.*)\"\\s*$");
        try {
            for (String line : Files.readAllLines(dirs, StandardCharsets.UTF_8)) {
                Matcher m = p.matcher(line);
                if (m.matches()) {
                    String value = m.group(1).replace("$HOME", home.toString());
                    return Path.of(value);
                }
            }
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ExportFiles.class).debug("cannot read {}: {}", dirs, e.toString());
            return null;
        }
        return null;
    }

    /** The name for try {@code attempt}: 0 → {@code base.csv}, n → {@code base (n).csv}. */
    public static String numberedName(String baseName, String extension, int attempt) {
        return attempt == 0 ? baseName + extension : baseName + " (" + attempt + ")" + extension;
    }

    /**
     * Writes the content under {@code baseName.csv} (or the first free numbered name) in
     * {@code folder} and returns the path. The content goes to a hidden temporary file beside it
     * first, which takes the free name only once it is complete: an export that fails or is
     * cancelled half-way leaves no file of that name behind (the temporary one is deleted). The name
     * is taken with a hard link, which fails rather than replaces when another export took the name
     * meanwhile; where the file system has no hard links, with a move that does not replace.
     */
    public static Path writeNew(Path folder, String baseName, Content content) throws IOException {
        Files.createDirectories(folder);
        Path tmp = folder.resolve("." + baseName + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        Writer out = new BufferedWriter(new OutputStreamWriter(
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), StandardCharsets.UTF_8));
        try {
            writeAndClose(tmp, out, content);
            for (int attempt = 0; attempt < 10_000; attempt++) {
                Path candidate = folder.resolve(numberedName(baseName, ".csv", attempt));
                if (takeName(tmp, candidate)) {
                    return candidate;
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        throw new NoFreeNameException(UserText.of("export.noFreeName", baseName, String.valueOf(folder)));
    }

    /** Gives the finished {@code tmp} the name {@code target} unless a file has it; false when one has. */
    private static boolean takeName(Path tmp, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            Files.createLink(target, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (e instanceof AccessDeniedException) {
                throw (AccessDeniedException) e;
            }
            try {
                Files.move(tmp, target); // no REPLACE_EXISTING: fails when the name was taken meanwhile
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        }
    }

    /**
     * Writes {@code content} to {@code file}, the name the user chose (Export as…, {@code --out}):
     * <ul>
     * <li>a new file, or an existing regular file: written beside it and moved over it, so a failed
     *     export never leaves half a file where the user's previous one was. A new file gets the
     *     umask's mode; an existing one keeps its mode (and, where allowed, its owner and group);
     *     a folder that cannot take the temporary file has the existing file written in place.</li>
     * <li>a symbolic link ({@code /dev/stdout} is one), a device ({@code /dev/null}), a FIFO: opened
     *     and written through, never replaced. (Replacing {@code /dev/null} by a regular file, as a
     *     move over it did when run as root, broke the system's {@code /dev/null}.)</li>
     * </ul>
     */
    public static void write(Path file, Content content) throws IOException {
        BasicFileAttributes node = null;
        try {
            node = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            // a new file
        }
        if (node != null && !node.isRegularFile()) {
            if (node.isDirectory()) {
                throw new FileSystemException(file.toString(), null, "is a folder");
            }
            // A link is followed (a new file at a dangling link's target); a device or FIFO is only written to.
            Writer out = new BufferedWriter(new OutputStreamWriter(node.isSymbolicLink()
                    ? Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)
                    : Files.newOutputStream(file, StandardOpenOption.WRITE), StandardCharsets.UTF_8));
            try (out) {
                content.writeTo(out);
            }
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        Path tmp = parent.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        Writer out;
        try {
            out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            if (node == null) {
                throw new AccessDeniedException(file.toString());
            }
            // a writable file in a folder that is not: written in place, its mode and owner untouched
            try (Writer inPlace = new BufferedWriter(new OutputStreamWriter(
                    Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), StandardCharsets.UTF_8))) {
                content.writeTo(inPlace);
            }
            return;
        }
        boolean moved = false;
        try {
            if (node != null) {
                keepModeAndOwner(file, tmp); // before the data is written: a 0600 file's data is never readable by others
            }
            writeAndClose(tmp, out, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Gives {@code tmp} the permissions of {@code existing} and, where the file system lets us, its owner and group. */
    private static void keepModeAndOwner(Path existing, Path tmp) throws IOException {
        PosixFileAttributeView from = Files.getFileAttributeView(existing, PosixFileAttributeView.class);
        PosixFileAttributeView to = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (from == null || to == null) {
            return; // not POSIX (Windows): a new file takes its folder's ACL
        }
        PosixFileAttributes a = from.readAttributes();
        to.setPermissions(a.permissions());
        try {
            if (!a.owner().equals(Files.getOwner(tmp))) {
                to.setOwner(a.owner());
            }
            to.setGroup(a.group());
        } catch (IOException | UnsupportedOperationException e) {
            // only root (or the owner, for a group it is in) may; the mode is kept all the same
        }
    }

    private static void writeAndClose(Path file, Writer out, Content content) throws IOException {
        boolean done = false;
        try (out) {
            content.writeTo(out);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Every numbered name for a file is taken: the message says which and where, translated where it is shown. */
    public static final class NoFreeNameException extends IOException implements UserText.Carrier {
        private static final long serialVersionUID = 1L;

        private final transient UserText text;

        NoFreeNameException(UserText text) {
            super(text.toString());
            this.text = text;
        }

        @Override
        public UserText userText() {
            return text;
        }
    }
}
