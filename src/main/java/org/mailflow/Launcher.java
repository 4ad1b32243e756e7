package org.mailflow;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.mailflow.app.MailflowApp;
import org.mailflow.cli.MailflowCommand;

/**
 * Entry point of {@code java -jar mailflow-insights.jar}: with no arguments the desktop app opens,
 * with any argument the command line runs headless. Deliberately not a JavaFX {@code Application},
 * so that the JavaFX runtime on the class path of a plain jar is found and the command line never
 * starts the toolkit.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        warmUpInBackground();
        if (args.length == 0) {
            MailflowApp.launchWith(null, null);
            return;
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // For "gui" this returns when the window is closed.
        int code = MailflowCommand.run(args, out, err);
        System.exit(code);
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
}
