package org.mailflow;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import org.mailflow.app.MailflowApp;
import org.mailflow.cache.CacheLocations;
import org.mailflow.cli.MailflowCommand;
import org.mailflow.log.AppLog;
import org.mailflow.model.BuildInfo;
import org.mailflow.model.UserText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        startLog(args, err);
        warmUpInBackground();
        if (args.length == 0) {
            MailflowApp.launchWith(null, null);
            return;
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        // For "gui" this returns when the window is closed.
        int code = MailflowCommand.run(args, out, err);
        LoggerFactory.getLogger(Launcher.class).info("exit code {}", code);
        if (Boolean.getBoolean("mailflow.peakHeap")) {
            // For benchmarks that run a command in a child JVM (bench import): its peak heap, read from stderr.
            err.println("peak heap: " + (peakHeap() >> 20) + " MB");
            err.flush();
        }
        System.exit(code);
    }

    /**
     * The app's folder (0700) and its rotating log, before anything else runs, so that JavaFX's and the
     * commands' records land in it. A folder that cannot be written does not stop anything: the log goes
     * to standard error, and the command line says so here, once (the app says it in its window).
     */
    private static void startLog(String[] args, PrintWriter err) {
        String homeProblem = null;
        try {
            CacheLocations.createAppHome();
        } catch (IOException | RuntimeException e) {
            homeProblem = String.valueOf(e);
        }
        AppLog.Status status = AppLog.start(CacheLocations.appHome().resolve("logs"));
        Logger log = LoggerFactory.getLogger(Launcher.class);
        // Until the app installs its own (UnexpectedErrors, with the dialog): uncaught exceptions are logged.
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> log.error("uncaught exception on thread {}", t.getName(), e));
        if (homeProblem != null) {
            log.warn("cannot create the app folder {}: {}", CacheLocations.appHome(), homeProblem);
        }
        boolean cli = args.length > 0 && !"gui".equals(MailflowCommand.commandNamed(args));
        log.info("Mailflow Insights {} (built {}) on Java {}, {} {} ({}); {}", BuildInfo.version(), BuildInfo.buildDate(),
                BuildInfo.javaRuntime(), System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                cli ? "command line: " + String.join(" ", args).replaceAll("\\s+", " ") : "app");
        if (cli && status.failure().isPresent()) {
            err.println("mailflow-insights: " + UserText.of("log.unwritable", status.folder().toString(), status.problem()));
            err.flush();
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
