package org.mailflow.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
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
     * Creates {@code baseName.csv} (or the first free numbered name) in {@code folder}, writes the
     * content and returns the path. A half-written file is deleted when writing fails.
     */
    public static Path writeNew(Path folder, String baseName, Content content) throws IOException {
        Files.createDirectories(folder);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Path candidate = folder.resolve(numberedName(baseName, ".csv", attempt));
            Writer out;
            try {
                out = new BufferedWriter(new OutputStreamWriter(
                        Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        StandardCharsets.UTF_8));
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            writeAndClose(candidate, out, content);
            return candidate;
        }
        throw new NoFreeNameException(UserText.of("export.noFreeName", baseName, String.valueOf(folder)));
    }

    /** Writes {@code content} to {@code file}, replacing it (Export as…: the user chose the name). */
    public static void write(Path file, Content content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        // Written beside the target and moved over it, so a failed export never leaves half a file
        // where the user's previous one was.
        Path tmp = parent.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        writeAndClose(tmp, out, content);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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
