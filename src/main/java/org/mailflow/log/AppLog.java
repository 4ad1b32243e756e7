package org.mailflow.log;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.mailflow.model.UserText;

/**
 * The app's log: a rotating file in the app's data folder ({@code ~/.mailflow-insights/logs/}), written
 * by the app and by the command line alike, so that a scheduled {@code import} that fails leaves a line.
 *
 * <p>The code logs through SLF4J; its backend is {@code slf4j-jdk14}, which hands every record to
 * {@code java.util.logging} (JUL). JUL is in the JDK, its {@link FileHandler} rotates by size, and
 * JavaFX and sqlite-jdbc already log there (JavaFX through {@code System.Logger}, whose JDK default is
 * JUL), so one configuration, made here in code at start, puts all of it in the same file: no
 * configuration file, no second logging library in the jar.
 *
 * <p>Files: {@value #FILE_PATTERN} with {@code %g} = 0 (the newest) … {@value #FILE_COUNT}-1, each up to
 * {@value #FILE_LIMIT} bytes; older records fall off the end. A second process writing at the same time
 * (the app and a scheduled import) gets its own file, {@code mailflow-insights.0.log.1}. The files
 * are created with the user's umask, like the exports. Level INFO; {@code -Dmailflow.logLevel=DEBUG}
 * (or {@code TRACE}, {@code WARN}) or the environment variable {@code MAILFLOW_DEBUG} asks for more.
 *
 * <p>The console (standard error) shows warnings of other libraries (JavaFX, sqlite-jdbc) only: the
 * app's own problems reach the user as translated messages, and the command line's output stays its
 * own. When the folder cannot be written, everything from warnings up goes to standard error instead,
 * and {@link #status()} says where logging stopped and why, so that the app and the command line say so,
 * once, in the user's language (no log record repeats it on standard error).
 */
public final class AppLog {
    public static final String FILE_PATTERN = "mailflow-insights.%g.log";
    public static final int FILE_LIMIT = 2 * 1024 * 1024;
    public static final int FILE_COUNT = 5;
    /** System property: the lowest level written (SLF4J or JUL names). */
    public static final String LEVEL_PROPERTY = "mailflow.logLevel";
    private static final String OUR_LOGGERS = "org.mailflow";

    /** Loggers keep their filter only while referenced (JUL holds loggers weakly). */
    private static Logger javafxLogger;
    private static volatile Status status = new Status(null, null, null);

    private AppLog() {
    }

    /**
     * Where the log goes.
     *
     * @param folder the folder asked for
     * @param file the newest log file, null when the folder could not be written
     * @param cause why the folder could not be written, null when it could
     */
    public record Status(Path folder, Path file, Exception cause) {
        public boolean writesFile() {
            return file != null;
        }

        public Optional<Exception> failure() {
            return Optional.ofNullable(cause);
        }

        /** Why the folder could not be written, for the user: "permission denied", "a file is in the way", or the system's words. */
        public UserText problem() {
            if (cause == null) {
                return null;
            }
            if (cause instanceof AccessDeniedException || cause instanceof SecurityException) {
                return UserText.of("log.reason.denied");
            }
            if (cause instanceof FileAlreadyExistsException || cause instanceof NotDirectoryException) {
                return UserText.of("log.reason.notFolder");
            }
            if (cause instanceof FileSystemException f && f.getReason() != null) {
                return UserText.of("log.reason.other", f.getReason());
            }
            return UserText.of("log.reason.other", String.valueOf(cause.getMessage()));
        }
    }

    /** How logging was set up by {@link #start}; before it, no file. */
    public static Status status() {
        return status;
    }

    /** Logs to a rotating file in {@code folder}, created when missing; see the class comment. */
    public static synchronized Status start(Path folder) {
        return start(folder, FILE_LIMIT, FILE_COUNT);
    }

    /** {@link #start(Path)} with another size limit and number of files (tests). */
    public static synchronized Status start(Path folder, int limit, int count) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Level level = level(System.getProperty(LEVEL_PROPERTY), System.getenv("MAILFLOW_DEBUG") != null);
        root.setLevel(level);
        Path file = folder.resolve(FILE_PATTERN.replace("%g", "0"));
        Exception problem = null;
        try {
            Files.createDirectories(folder);
            FileHandler handler = new FileHandler(pattern(folder), limit, count, true);
            handler.setEncoding("UTF-8");
            handler.setFormatter(new LineFormatter());
            handler.setLevel(level);
            root.addHandler(handler);
        } catch (IOException | SecurityException | IllegalArgumentException e) {
            problem = e;
            file = null;
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.WARNING);
        console.setFormatter(new LineFormatter());
        boolean toFile = file != null;
        // With a file, the file has our own records and the console only other libraries' warnings.
        console.setFilter(r -> !isClassPathWarning(r)
                && (!toFile || r.getLoggerName() == null || !r.getLoggerName().startsWith(OUR_LOGGERS)));
        root.addHandler(console);
        javafxLogger = Logger.getLogger("javafx");
        javafxLogger.setFilter(AppLog::quietenClassPathWarning);
        status = new Status(folder, file, problem);
        return status;
    }

    /**
     * JavaFX warns "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @…'" at
     * every start from a plain (shaded) jar, where its classes sit on the class path instead of the
     * module path ({@code com.sun.javafx.application.PlatformImpl.startup}). That is how this jar is
     * meant to run; the record is kept, at INFO, in the file and off the console. Every other JavaFX
     * record passes unchanged.
     */
    static boolean quietenClassPathWarning(LogRecord r) {
        if (isClassPathWarning(r)) {
            r.setLevel(Level.INFO);
            r.setMessage(r.getMessage() + " (expected: this jar puts JavaFX on the class path)");
        }
        return true;
    }

    /**
     * Exactly that one record. The console's filter drops it too, for the case where JavaFX's
     * {@code System.Logger} is not the "javafx" logger this class filters (a system logger of a runtime
     * image); there it stays a warning in the file.
     */
    static boolean isClassPathWarning(LogRecord r) {
        String m = r.getMessage();
        return "javafx".equals(r.getLoggerName()) && m != null
                && m.startsWith("Unsupported JavaFX configuration: classes were loaded from 'unnamed module");
    }

    /** The FileHandler pattern for {@code folder}: its own {@code %} doubled, as the pattern syntax wants. */
    private static String pattern(Path folder) {
        return folder.toAbsolutePath().toString().replace("%", "%%") + java.io.File.separator + FILE_PATTERN;
    }

    static Level level(String asked, boolean debug) {
        if (asked != null && !asked.isBlank()) {
            switch (asked.trim().toUpperCase(Locale.ROOT)) {
                case "TRACE", "FINEST", "ALL": return Level.FINEST;
                case "DEBUG", "FINE": return Level.FINE;
                case "INFO": return Level.INFO;
                case "WARN", "WARNING": return Level.WARNING;
                case "ERROR", "SEVERE": return Level.SEVERE;
                default: break;
            }
        }
        return debug ? Level.FINE : Level.INFO;
    }

    /** Closes the handlers and puts the JDK's default configuration back (tests). */
    public static synchronized void stop() {
        LogManager.getLogManager().reset();
        try {
            LogManager.getLogManager().readConfiguration();
        } catch (IOException e) {
            Logger.getLogger("").addHandler(new ConsoleHandler());
        }
        if (javafxLogger != null) {
            javafxLogger.setFilter(null);
        }
        status = new Status(null, null, null);
    }

    /** Every handler on the root logger (tests). */
    static Handler[] handlers() {
        return Logger.getLogger("").getHandlers();
    }
}
