package org.mailflow.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.LoggerFactory;

/**
 * Opens a folder in the system's file manager ("Open log folder"). The system's own opener is started
 * as a process ({@code xdg-open}, {@code open}, {@code explorer}) rather than through
 * {@code java.awt.Desktop}: that would start AWT's toolkit beside JavaFX's just for this, and
 * {@code HostServices} does not say when it failed.
 */
@FunctionalInterface
public interface FolderOpener {
    /** Opens {@code folder}; throws when it could not. Called on a background thread. */
    void open(Path folder) throws IOException;

    /** The system's file manager. */
    static FolderOpener system() {
        return folder -> {
            if (!Files.isDirectory(folder)) {
                throw new NoSuchFileException(folder.toString());
            }
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            List<String> command = os.startsWith("windows") ? List.of("explorer.exe", folder.toString())
                    : os.startsWith("mac") ? List.of("open", folder.toString()) : List.of("xdg-open", folder.toString());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                // explorer.exe answers 1 even when it opened the folder; the others answer 0.
                if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() != 0 && !os.startsWith("windows")) {
                    throw new IOException(command.get(0) + " answered " + p.exitValue());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while opening " + folder, e);
            }
        };
    }

    /**
     * Opens {@code folder} with {@code opener} on a daemon thread; when that fails, the failure is
     * logged and {@code onFailure} runs on the FX thread (to say where the folder is instead).
     */
    static void openInBackground(FolderOpener opener, Path folder, Consumer<Throwable> onFailure) {
        Thread t = new Thread(() -> {
            try {
                opener.open(folder);
            } catch (IOException | RuntimeException e) {
                LoggerFactory.getLogger(FolderOpener.class).warn("cannot open the folder {}: {}", folder, e.toString());
                Platform.runLater(() -> onFailure.accept(e));
            }
        }, "open-folder");
        t.setDaemon(true);
        t.start();
    }
}
