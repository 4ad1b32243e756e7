package org.mailflow;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.mailflow.app.MailflowApp;
import org.mailflow.cache.CacheLocations;
import org.mailflow.cli.ExitCodes;
import org.mailflow.cli.MailflowCommand;
import org.mailflow.log.AppLog;
import org.mailflow.model.BuildInfo;
import org.mailflow.model.TerminalText;
import org.mailflow.model.UserText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
        java.util.Optional<java.nio.file.Path> app = appLauncherFor(args, System.getProperty(LAUNCHER_PROPERTY),
                System.getProperty("jpackage.app-path"));
        if (app.isPresent()) {
            System.exit(runWindowThrough(app.get(), args));
        }
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        startLog(args, err);
        warmUpInBackground();
        if (args.length == 0) {
            MailflowApp.launchWith(null, null);
            return;
        }
        StandardOutput stdout = new StandardOutput();
        java.io.Writer toStdout = new OutputStreamWriter(stdout, StandardCharsets.UTF_8);
        // CSV into a file or a pipe is the data, byte for byte; on a terminal its control characters are shown escaped.
        PrintWriter out = new PrintWriter(System.console() != null ? TerminalText.writer(toStdout, false) : toStdout, true);
        // For "gui" this returns when the window is closed.
        int code = MailflowCommand.run(args, out, err);
        out.flush();
        if (stdout.failure != null) {
            // PrintWriter keeps quiet about failed writes (> /dev/full, a closed pipe): said here, and not a success.
            String reason = stdout.failure.getMessage() == null ? stdout.failure.getClass().getSimpleName() : stdout.failure.getMessage();
            if (!reason.contains("Broken pipe")) { // "| head" closed it: quiet, as a program killed by SIGPIPE
                err.println("mailflow-insights: " + UserText.of("error.stdoutFailed", reason));
                err.flush();
            }
            code = code == ExitCodes.OK ? ExitCodes.USAGE : code;
        }
        LoggerFactory.getLogger(Launcher.class).info("exit code {}", code);
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
     * Standard output, buffered, remembering the first write that failed (PrintWriter and System.out
     * swallow it); after a failure the rest is dropped rather than tried again line by line.
     */
    private static final class StandardOutput extends java.io.OutputStream {
        private final java.io.OutputStream out =
                new java.io.BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
        private java.io.IOException failure;

        @Override
        public void write(int b) throws java.io.IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            if (failure != null) {
                throw failure;
            }
            try {
                out.write(b, off, len);
            } catch (java.io.IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            if (failure != null) {
                throw failure;
            }
            try {
                out.flush();
            } catch (java.io.IOException e) {
                failure = e;
                throw e;
            }
        }
    }

    /** Set to {@code cli} by the installed command-line launcher (pom.xml, profile dist). */
    static final String LAUNCHER_PROPERTY = "mailflow.launcher";
    /** The name of the app's own launcher, beside the command-line one in the installed app's {@code bin}. */
    static final String APP_LAUNCHER = "Mailflow Insights";

    /**
     * The app's own launcher to open the window with, when this JVM was started by the installed
     * command-line launcher ({@code mailflow-insights} on the PATH, {@code -Dmailflow.launcher=cli}) and the
     * arguments ask for the window; otherwise empty. The command-line launcher starts its JVM with the
     * command line's options ({@code -XX:+UseSerialGC}, pom.xml {@code mf.cliJavaOptions}): cheapest for a
     * batch run, but a window holding up to a gigabyte of reports for hours is better served by the
     * default collector G1, whose old-generation work is concurrent and incremental where the serial
     * collector stops the window for a full collection of the whole heap. So the window is always run
     * by the app's launcher, with the JVM's defaults; opening it from a terminal costs one more JVM start.
     */
    static java.util.Optional<java.nio.file.Path> appLauncherFor(String[] args, String launcher, String appPath) {
        boolean window = args.length == 0 || "gui".equals(MailflowCommand.commandNamed(args));
        if (!window || !"cli".equals(launcher) || appPath == null || appPath.isBlank()) {
            return java.util.Optional.empty();
        }
        java.nio.file.Path bin = java.nio.file.Path.of(appPath).toAbsolutePath().getParent();
        String exe = appPath.toLowerCase(java.util.Locale.ROOT).endsWith(".exe") ? ".exe" : "";
        java.nio.file.Path app = bin == null ? null : bin.resolve(APP_LAUNCHER + exe);
        return app != null && java.nio.file.Files.isExecutable(app) ? java.util.Optional.of(app) : java.util.Optional.empty();
    }

    /** Runs the app's launcher with these arguments, this process's standard streams, and returns its exit code. */
    private static int runWindowThrough(java.nio.file.Path app, String[] args) {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(app.toString());
        cmd.addAll(java.util.List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            // set by the jpackage launcher that started this JVM for its own second stage: inherited, it makes the
            // app's launcher skip its configuration and run as a bare java (printing java's usage)
            pb.environment().remove("_JPACKAGE_LAUNCHER");
            return pb.start().waitFor();
        } catch (IOException e) {
            System.err.println("mailflow-insights: " + UserText.of("error.windowLauncher", app.toString(), String.valueOf(e.getMessage())));
            return ExitCodes.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.USAGE;
        }
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
}
