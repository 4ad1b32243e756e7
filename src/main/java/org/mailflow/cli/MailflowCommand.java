package org.mailflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
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
        subcommands = {GuiCommand.class, ImportCommand.class, DemoCommand.class, SmtpAuthCommand.class, BulkCommand.class, BenchCommand.class},
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

    /** Runs the command line and returns the exit code; never touches the display except for {@code gui}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new MailflowCommand());
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
            String v = MailflowCommand.class.getPackage().getImplementationVersion();
            return new String[] {"Mailflow Insights " + (v == null ? "(development build)" : v)};
        }
    }
}
