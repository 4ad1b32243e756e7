package org.mailflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheException;
import org.mailflow.cache.CacheLocations;
import org.mailflow.ingest.BadInputException;
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
            throw new CacheException(CacheException.Reason.IO, p, "There is no cache at " + p
                    + ". Import data into it (import FILE…) or fill it with demo data (demo) first.");
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
        COMMANDS.put("bench", BenchCommand.class);
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
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
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
            if (ex instanceof CacheException) {
                err.println("mailflow-insights: " + ex.getMessage());
                err.flush();
                return ExitCodes.CACHE;
            }
            if (ex instanceof BadInputException) {
                err.println("mailflow-insights: " + ex.getMessage());
                err.println("Nothing was changed.");
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            if (ex instanceof java.io.IOException io) {
                err.println("mailflow-insights: cannot write the output: " + describe(io));
                err.flush();
                return ExitCodes.USAGE;
            }
            err.println("mailflow-insights: unexpected error: " + ex);
            if (System.getenv("MAILFLOW_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The first argument that is not a top-level option (or the value of {@code --cache}), or null. */
    static String commandNamed(String[] args) {
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

    private static String describe(java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        return String.valueOf(e.getMessage());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Mailflow Insights " + org.mailflow.model.BuildInfo.version()};
        }
    }
}
