package org.mailflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheException;
import org.mailflow.cache.CacheLock;
import org.mailflow.ingest.ImportCancelledException;
import org.mailflow.ingest.ImportFormat;
import org.mailflow.ingest.ImportJob;
import org.mailflow.ingest.ImportOptions;
import org.mailflow.ingest.ImportProgress;
import org.mailflow.ingest.ImportSummary;
import org.mailflow.model.Bytes;
import org.mailflow.model.UserText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code import [--format F] [--year YYYY] [--skip-bad-rows] FILE…}. On a terminal a progress line
 * is redrawn on standard error; Ctrl+C cancels: the import rolls back and the cache is as before.
 */
@Command(name = "import", description = {
    "Import files and folders into the cache: Postfix and Exim logs (also rotated and .gz), mailboxes (mbox,",
    "Maildir, .eml) with Exchange Online Protection headers, and CSVs: bulk, events, allow-block, policies,",
    "smtp-auth, auth-failures, Microsoft's SmtpCSReport (smtpcsreport), a Defender Advanced hunting EmailEvents",
    "export (emailevents) and Get-MailDetailATPReport | Export-Csv (maildetailatp). Formats are detected from the",
    "content. CSV text is UTF-8, or UTF-16 with a byte order mark. A folder imports every file it holds (rotated",
    "logs oldest first).",
    "Content imported before is recognised and not counted again; a file that has grown imports only its new lines.",
    "All files are one transaction: a bad file, or Ctrl+C, changes nothing (exit 3).",
    "Imports into one cache take turns: while another import writes it, this one says so and waits (see --wait)."})
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    MailflowCommand root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", paramLabel = "F", description = "Read every file as this format: bulk, events, allow-block, policies, "
            + "smtp-auth, smtpcsreport, auth-failures, emailevents, maildetailatp, postfix, exim, mbox or eml.")
    String format;

    @Option(names = "--year", paramLabel = "YYYY", description = "The year of the first line of logs with classic syslog times "
            + "(Nov 12 08:30:00), which have none; the year steps forward at Dec -> Jan. Default: the year that puts each "
            + "file's last line in the year of the file's modification time.")
    Integer year;

    @Option(names = "--skip-bad-rows", description = "Import the good rows of a file and list the bad ones, instead of failing.")
    boolean skipBadRows;

    @Option(names = "--wait", paramLabel = "SECONDS", description = "While another import writes the same cache, wait at most "
            + "this long for it to finish, then give up with exit 4, nothing changed. Default: wait until it has finished "
            + "(Ctrl+C cancels).")
    Long waitSeconds;

    @Option(names = "--threads", paramLabel = "N", description = "Threads that read files ahead of the one writer: small files "
            + "(a folder of CSV files, a Maildir) and, from 4 threads, the next log of a rotated series; 1 reads each file in "
            + "its turn. Default: the number of processors, at most 8.")
    Integer threads;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files or folders to import.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        Optional<ImportFormat> forced = Optional.empty();
        if (format != null) {
            forced = ImportFormat.ofToken(format);
            if (forced.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        UserText.of("cli.import.unknownFormat", format, ImportFormat.tokensText()).toString());
            }
        }
        if (year != null && (year < 1970 || year > 2100)) {
            throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.import.year", year).toString());
        }
        if (waitSeconds != null && waitSeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    org.mailflow.model.UserText.of("cache.lock.badWait", waitSeconds).toString());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path target = root.cachePath().toAbsolutePath().normalize();
        AtomicBoolean toldWaiting = new AtomicBoolean();
        Runnable sayWaiting = () -> {
            // once, on standard error, whether the wait is for creating the cache or for writing it
            if (!toldWaiting.getAndSet(true)) {
                err.println(org.mailflow.model.UserText.of("cache.lock.waiting", target.toString()));
                err.flush();
            }
        };
        TerminalProgress terminal = onTerminal() ? new TerminalProgress(err) : null;
        ImportProgress progress = withWaiting(terminal == null ? ImportProgress.NONE : terminal, sayWaiting, () -> {
            if (terminal != null) { // seconds on a large cache: said on a terminal, not in a scheduled job's mail
                err.println(org.mailflow.model.UserText.of("import.checking"));
                err.flush();
            }
        });
        if (threads != null && (threads < 1 || threads > 64)) {
            throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.import.threads", threads).toString());
        }
        ImportOptions options = new ImportOptions(forced, skipBadRows, year == null ? OptionalInt.empty() : OptionalInt.of(year),
                threads == null ? ImportOptions.defaultThreads() : threads);
        // Ctrl+C asks the import to stop; the hook waits until it has rolled back, so the cache is as before.
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "import-cancel");
        boolean hooked = addHook(hook);
        java.time.Duration limit = waitSeconds == null ? null : java.time.Duration.ofSeconds(waitSeconds);
        try (Cache cache = Cache.open(target, new CacheLock.Waiting(sayWaiting, interrupted::get, limit))) {
            ImportSummary summary = new ImportJob(cache, options).waitAtMost(limit).run(files, progress, interrupted::get);
            if (terminal != null) {
                terminal.clear();
            }
            out.print(summary.describe());
            return ExitCodes.OK;
        } catch (ImportCancelledException e) {
            org.slf4j.LoggerFactory.getLogger(ImportCommand.class).warn("import cancelled: {}", e.getMessage());
            if (terminal != null) {
                terminal.clear();
            }
            err.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (CacheException e) {
            if (e.reason() != CacheException.Reason.CANCELLED) {
                throw e;
            }
            err.println(e.getMessage()); // Ctrl+C while waiting to create the cache
            return ExitCodes.BAD_INPUT;
        } finally {
            finished.countDown();
            if (hooked && !interrupted.get()) {
                removeHook(hook);
            }
        }
    }

    /** {@code progress}, saying "waiting for another import…" through {@code sayWaiting} and "checking the cache…" through {@code sayChecking}. */
    private static ImportProgress withWaiting(ImportProgress progress, Runnable sayWaiting, Runnable sayChecking) {
        return new ImportProgress() {
            @Override
            public void update(Path currentFile, long bytesDone, long bytesTotal) {
                progress.update(currentFile, bytesDone, bytesTotal);
            }

            @Override
            public void waiting() {
                sayWaiting.run();
            }

            @Override
            public void checking() {
                sayChecking.run();
            }
        };
    }

    /**
     * True when standard input and output are a terminal. Java 17 answers with {@code System.console()}
     * alone; from Java 22 on a console exists even when the output is redirected, and its
     * {@code isTerminal()} tells (called reflectively, since this code is built for Java 17).
     */
    static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 17-21: a console means a terminal
        }
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false; // the JVM is already shutting down
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs and returns at once, since the import has finished
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
            String line = UserText.of("cli.import.progress", org.mailflow.model.TerminalText.escape(String.valueOf(currentFile.getFileName())),
                    String.format(java.util.Locale.ROOT, "%3d%%", percent), Bytes.human(bytesDone), Bytes.human(bytesTotal)).toString();
            int columns = columns(line);
            err.print("\r" + line + " ".repeat(Math.max(0, width - columns)));
            width = columns;
            err.flush();
        }

        /** The columns a line takes on a terminal: Chinese characters take two. */
        static int columns(String line) {
            return line.codePoints().map(c -> Character.isIdeographic(c) || (c >= 0xFF00 && c <= 0xFF60)
                    || (c >= 0x3000 && c <= 0x303F) ? 2 : 1).sum();
        }

        void clear() {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
        }
    }
}
