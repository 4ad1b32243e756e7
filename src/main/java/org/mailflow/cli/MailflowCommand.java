package org.mailflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheException;
import org.mailflow.cache.CacheLocations;
import org.mailflow.ingest.BadInputException;
import org.mailflow.model.UserText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top command: {@code mailflow-insights [--cache FILE] COMMAND …}. */
@Command(name = "mailflow-insights", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = MailflowCommand.Version.class,
        description = "SMTP AUTH clients report and Bulk sender insights for any mail system, offline.",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:usage error", "3:bad input (nothing changed)", "4:cache error"})
public final class MailflowCommand {
    @Option(names = "--cache", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The cache file (default: $MAILFLOW_CACHE, else ~/.mailflow-insights/cache.db).")
    Path cache;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Opens the cache the options name, creating it when it does not exist (import, demo). */
    Cache openCache() throws CacheException {
        return Cache.open(cachePath());
    }

    /** Opens an existing cache; a missing file is a cache error, not a new empty cache (read-only commands). */
    Cache openExistingCache() throws CacheException {
        Path p = cachePath();
        if (!java.nio.file.Files.exists(p)) {
            throw new CacheException(CacheException.Reason.IO, p, UserText.of("cli.noCache", String.valueOf(p)));
        }
        return Cache.open(p);
    }

    Path cachePath() {
        return CacheLocations.system().resolve(cache);
    }

    /** The commands, by name, in the order the help lists them. */
    private static final Map<String, Class<?>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("gui", GuiCommand.class);
        COMMANDS.put("import", ImportCommand.class);
        COMMANDS.put("demo", DemoCommand.class);
        COMMANDS.put("smtp-auth", SmtpAuthCommand.class);
        COMMANDS.put("bulk", BulkCommand.class);
    }

    /** Whether {@code name} is one of the commands ({@code gui}, {@code import}, …). */
    public static boolean isCommand(String name) {
        return COMMANDS.containsKey(name);
    }

    /**
     * Runs the command line and returns the exit code; never touches the display except for {@code gui}.
     * Only the command named on the line is given to picocli (all of them when none is, or an unknown
     * one): building the model of every command from its annotations took a tenth of a second on a
     * cold JVM, which an import of a log from the command line felt.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter rawErr) {
        // Messages name files and quote data: their control characters are shown escaped (TerminalText).
        PrintWriter err = new PrintWriter(org.mailflow.model.TerminalText.writer(rawErr, true), true);
        CommandLine cl = new CommandLine(new MailflowCommand());
        String named = commandNamed(args);
        COMMANDS.forEach((name, type) -> {
            if (named == null || !COMMANDS.containsKey(named) || named.equals(name)) {
                cl.addSubcommand(name, type);
            }
        });
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            logFailure(commandLine.getCommandName(), ex);
            if (org.mailflow.model.OutOfMemory.in(ex).isPresent()) {
                return outOfMemory(org.mailflow.model.OutOfMemory.in(ex).get(), err);
            }
            if (ex instanceof CacheException) {
                err.println("mailflow-insights: " + message(ex));
                err.flush();
                return ExitCodes.CACHE;
            }
            if (ex instanceof BadInputException) {
                err.println("mailflow-insights: " + message(ex));
                err.println(UserText.of("cli.nothingChanged"));
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            if (ex instanceof java.io.IOException io) {
                err.println("mailflow-insights: " + UserText.of("cli.cannotWrite", describe(io)));
                err.flush();
                return ExitCodes.USAGE;
            }
            err.println("mailflow-insights: " + UserText.of("cli.unexpected", String.valueOf(ex)));
            if (org.mailflow.log.AppLog.status().writesFile()) {
                err.println(UserText.of("log.details", org.mailflow.log.AppLog.status().file().toString()));
            }
            if (System.getenv("MAILFLOW_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only exceptions to the handler above; an Error thrown by a command arrives here
            code = outOfMemory(e, err);
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Out of memory: a translated message, never a trace, and exit code 3 (the input was more than the
     * memory given can take; an import's transaction was rolled back, so nothing changed).
     */
    private static int outOfMemory(OutOfMemoryError e, PrintWriter err) {
        err.println("mailflow-insights: " + org.mailflow.model.OutOfMemory.message(e));
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    /** The first argument that is not a top-level option (or the value of {@code --cache}), or null. */
    public static String commandNamed(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--cache")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /** Every failed command leaves a line in the log (a scheduled import too); unexpected ones their stack trace. */
    private static void logFailure(String command, Exception ex) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MailflowCommand.class);
        if (ex instanceof CacheException || ex instanceof BadInputException || ex instanceof java.io.IOException) {
            log.warn("{} failed: {}", command, ex.getMessage());
        } else {
            log.error("{} failed", command, ex);
        }
    }

    /** An exception's message in the environment's language: its {@link UserText} when it carries one. */
    static String message(Throwable e) {
        return e instanceof UserText.Carrier c && c.userText() != null ? c.userText().toString() : String.valueOf(e.getMessage());
    }

    private static UserText describe(java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return UserText.of("cli.noSuchFolder", n.getFile());
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return UserText.of("cli.permissionDenied", a.getFile());
        }
        if (e instanceof UserText.Carrier c && c.userText() != null) {
            return c.userText();
        }
        return UserText.of("input.bad.plain", String.valueOf(e.getMessage()));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Mailflow Insights " + org.mailflow.model.BuildInfo.version()};
        }
    }
}
