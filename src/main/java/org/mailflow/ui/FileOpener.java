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
 * The two actions of an export's notification: <b>Open file</b> (the system's program for the file)
 * and <b>Show in folder</b> (the file manager, with the file selected where the system can). Like
 * {@link FolderOpener} it starts the system's own opener as a process ({@code xdg-open},
 * {@code open}, {@code explorer}) rather than {@code java.awt.Desktop} or {@code HostServices}:
 * the first starts AWT beside JavaFX, the second never says when nothing could open the file. A
 * failure (no opener installed, the file moved away) is thrown, and
 * {@link #inBackground} turns it into a callback on the FX thread, where the caller shows a
 * translated message instead.
 */
public interface FileOpener {
    /** Opens {@code file} with the program the system associates with it. Called on a background thread. */
    void openFile(Path file) throws IOException;

    /** Shows the folder of {@code file} in the file manager. Called on a background thread. */
    void showInFolder(Path file) throws IOException;

    /** The system's openers. */
    static FileOpener system() {
        return new FileOpener() {
            @Override
            public void openFile(Path file) throws IOException {
                requireFile(file);
                String os = os();
                run(os.startsWith("windows") ? List.of("explorer.exe", file.toString())
                        : os.startsWith("mac") ? List.of("open", file.toString()) : List.of("xdg-open", file.toString()), os);
            }

            @Override
            public void showInFolder(Path file) throws IOException {
                requireFile(file);
                String os = os();
                if (os.startsWith("windows")) {
                    run(List.of("explorer.exe", "/select," + file), os);
                } else if (os.startsWith("mac")) {
                    run(List.of("open", "-R", file.toString()), os);
                } else {
                    FolderOpener.system().open(file.toAbsolutePath().getParent());
                }
            }
        };
    }

    private static String os() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    }

    private static void requireFile(Path file) throws NoSuchFileException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
    }

    private static void run(List<String> command, String os) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // explorer.exe answers 1 even when it did what it was asked; the others answer 0.
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() != 0 && !os.startsWith("windows")) {
                throw new IOException(command.get(0) + " answered " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    /** What to do: {@link #openFile} or {@link #showInFolder}. */
    @FunctionalInterface
    interface Action {
        void run(FileOpener opener, Path file) throws IOException;
    }

    /**
     * Runs {@code action} on a daemon thread; a failure is logged and {@code onFailure} runs on the FX
     * thread (to say where the file is instead). Nothing is thrown at the caller.
     */
    static void inBackground(FileOpener opener, Action action, Path file, Consumer<Throwable> onFailure) {
        Thread t = new Thread(() -> {
            try {
                action.run(opener, file);
            } catch (IOException | RuntimeException e) {
                LoggerFactory.getLogger(FileOpener.class).warn("cannot open {}: {}", file, e.toString());
                Platform.runLater(() -> onFailure.accept(e));
            }
        }, "open-file");
        t.setDaemon(true);
        t.start();
    }
}
