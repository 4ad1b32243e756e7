package org.mailflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mailflow.cache.Cache;
import org.mailflow.ingest.ImportCancelledException;
import org.mailflow.ingest.ImportFormat;
import org.mailflow.ingest.ImportJob;
import org.mailflow.ingest.ImportOptions;
import org.mailflow.ingest.ImportProgress;
import org.mailflow.ingest.ImportSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code import [--format F] [--skip-bad-rows] FILE…}. */
@Command(name = "import", description = {
    "Import files into the cache. Formats are detected from the header: bulk, events, allow-block, policies,",
    "smtp-auth and Microsoft's SmtpCSReport (smtpcsreport). Text is UTF-8, or UTF-16 with a byte order mark.",
    "Content imported before is recognised and not counted again; a file that has grown imports only its new lines.",
    "All files are one transaction: a bad file changes nothing (exit 3)."})
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    MailflowCommand root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", paramLabel = "F", description = "Read every file as this format: bulk, events, allow-block, policies, smtp-auth or smtpcsreport.")
    String format;

    @Option(names = "--skip-bad-rows", description = "Import the good rows of a file and list the bad ones, instead of failing.")
    boolean skipBadRows;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to import.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        Optional<ImportFormat> forced = Optional.empty();
        if (format != null) {
            forced = ImportFormat.ofToken(format);
            if (forced.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Unknown --format '" + format + "'; expected " + ImportFormat.tokens());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImportProgress progress = System.console() == null ? ImportProgress.NONE : new TerminalProgress(err);
        try (Cache cache = root.openCache()) {
            ImportSummary summary = new ImportJob(cache, new ImportOptions(forced, skipBadRows))
                    .run(files, progress, () -> false);
            if (progress instanceof TerminalProgress t) {
                t.clear();
            }
            out.print(summary.describe());
            return ExitCodes.OK;
        } catch (ImportCancelledException e) {
            err.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    /** A progress line on a terminal, redrawn in place at most ten times a second. */
    static final class TerminalProgress implements ImportProgress {
        private final PrintWriter err;
        private long lastDraw;
        private int width;

        TerminalProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void update(Path currentFile, long bytesDone, long bytesTotal) {
            long now = System.nanoTime();
            if (now - lastDraw < 100_000_000L && bytesDone < bytesTotal) {
                return;
            }
            lastDraw = now;
            int percent = bytesTotal == 0 ? 100 : (int) (100 * bytesDone / bytesTotal);
            String line = String.format("Importing %s  %3d%%  (%s of %s)", currentFile.getFileName(), percent,
                    Bytes.human(bytesDone), Bytes.human(bytesTotal));
            err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
            width = line.length();
            err.flush();
        }

        void clear() {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
        }
    }
}
