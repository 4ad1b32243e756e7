package org.mailflow;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import org.mailflow.app.MailflowApp;
import org.mailflow.cli.MailflowCommand;

/**
 * Entry point of {@code java -jar mailflow-insights.jar} and of the installed app: with no arguments
 * the desktop app opens, with any argument the command line runs headless, except when every argument
 * names an existing file or folder (and none is a command or an option): that is how the desktop's
 * "Open with" and a drop on the app's icon start it, so the app opens with those files in its import
 * dialog ({@code gui --import FILE…}). Deliberately not a JavaFX {@code Application},
 * so that the JavaFX runtime on the class path of a plain jar is found and the command line never
 * starts the toolkit.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        args = withFilesToOpen(args);
        warmUpInBackground();
        if (args.length == 0) {
            MailflowApp.launchWith(null, null);
            return;
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // For "gui" this returns when the window is closed.
        int code = MailflowCommand.run(args, out, err);
        if (Boolean.getBoolean("mailflow.peakHeap")) {
            // For benchmarks that run a command in a child JVM (bench import): its peak heap, read from stderr.
            err.println("peak heap: " + (peakHeap() >> 20) + " MB");
            err.flush();
        }
        System.exit(code);
    }

    /**
     * {@code gui --import ARGS…} when every argument names an existing file or folder and none is a
     * command name or starts with {@code -}; otherwise the arguments as they are. A file in the working
     * folder named like a command ({@code import}) is taken as the command.
     */
    static String[] withFilesToOpen(String[] args) {
        if (args.length == 0) {
            return args;
        }
        for (String a : args) {
            if (a.isEmpty() || a.startsWith("-") || MailflowCommand.isCommand(a) || !exists(a)) {
                return args;
            }
        }
        String[] gui = new String[args.length + 2];
        gui[0] = "gui";
        gui[1] = "--import";
        System.arraycopy(args, 0, gui, 2, args.length);
        return gui;
    }

    private static boolean exists(String path) {
        try {
            return java.nio.file.Files.exists(java.nio.file.Path.of(path));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /**
     * Beside the parsing of the command line or the window's start: SQLite's native library, and the
     * hashing every import does (each explained where it is done).
     */
    private static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            org.mailflow.cache.Cache.warmUp();
            org.mailflow.ingest.ImportJob.warmUp();
        }, "warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** The sum of the peak usage of the heap memory pools since the JVM started. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
