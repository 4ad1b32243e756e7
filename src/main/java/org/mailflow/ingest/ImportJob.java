package org.mailflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheException;
import org.mailflow.cache.SmtpStore;
import org.mailflow.cache.SourceStore;
import org.mailflow.model.UserText;

/**
 * Imports files and folders into the cache. The whole batch is one transaction: it commits only when
 * every file has been read, so a bad file, a cancel or a crash leaves the cache exactly as it was.
 * Files are streamed (never loaded whole), {@code .gz} is read transparently, content is recognised
 * ({@link Fingerprints}) so that nothing is counted twice, and the format is detected from the
 * content unless the options force one: logs and mailboxes by their first lines ({@link SourceSniffer};
 * read by {@link LogImporter} and {@link MailboxImporter}), CSVs by their header. CSV text is UTF-8,
 * with or without a byte order mark, or UTF-16 (either byte order) with one ({@link TextEncoding}).
 */
public final class ImportJob {
    /** The sources that are not CSVs, for messages that say what was expected. */
    static final UserText EXPECTED_KINDS = UserText.of("input.kinds");

    private final Cache cache;
    private final ImportOptions options;
    private java.time.Duration waitLimit;

    /** Prepares what every import does, to be run on a background thread at start-up (see {@link Fingerprints#warmUp}). */
    public static void warmUp() {
        Fingerprints.warmUp();
    }

    public ImportJob(Cache cache, ImportOptions options) {
        this.cache = cache;
        this.options = options;
    }

    /**
     * How long the import waits for another import into the same cache to finish before it gives up
     * ({@link CacheException.Reason#LOCKED}, nothing changed); null, the default, waits until it is
     * cancelled. Returns this job.
     */
    public ImportJob waitAtMost(java.time.Duration limit) {
        this.waitLimit = limit;
        return this;
    }

    /**
     * Where a file's records go: the batch's transaction and writers, the options, and what the batch's
     * logs share; {@code known}, for a batch of many files, the prefix keys of the cache's sources
     * ({@link SourceStore.Known}), else null.
     */
    record Target(Connection c, BulkStore.Writer bulk, SmtpStore.Writer smtp, ImportOptions options, LogSession logs,
                  SourceStore.Known known, Upcoming upcoming) {
    }

    /**
     * The file after the one being imported, and the log reader started ahead for it
     * ({@link LogReader.Ahead}): while a log is parsed and written, the next file, when it is a log
     * larger than {@link Prefetch#MAX_FILE} (the next file of a rotated series), is already being read,
     * decompressed, hashed and split into records by its own threads — from {@link Upcoming#LOGS_AHEAD_FROM}
     * threads on.
     *
     * <p>Why not with two: one log's own pipeline (reading and decompressing, hashing, parsing and
     * writing on three threads) already keeps 1.4–1.5 of this machine's two cores busy. A year of
     * rotated logs (10 GB, 51 files) imported with the next log read ahead on two cores took 44.6 s
     * against 41.5 s without, and 65–78 s of CPU against 59–66 s (the batches held ahead outlive
     * young collections): a second reader needs cores of its own.
     */
    static final class Upcoming implements AutoCloseable {
        /** Threads from which the next log is read ahead. */
        static final int LOGS_AHEAD_FROM = 4;

        final LogReader.Ahead ahead = new LogReader.Ahead();
        private final ImportOptions options;
        private ContentSource next;

        Upcoming(ImportOptions options) {
            this.options = options;
        }

        /** The file that comes after the current one, or null. */
        void next(ContentSource source) {
            next = source;
        }

        /** {@code source} has been imported: a reader started ahead for it and not taken (it was imported before) is closed. */
        void finished(ContentSource source) {
            if (ahead.holds(source)) {
                ahead.close();
            }
        }

        /** Starts reading the next file ahead if it is a large log; called by the current log's import once it reads. */
        void start() {
            ContentSource s = next;
            if (s == null || options.threads() < LOGS_AHEAD_FROM || ahead.holds(s) || s.rawSize() <= Prefetch.MAX_FILE) {
                return;
            }
            try {
                s.ensureOpened();
                byte[] head = new byte[SourceStore.HEAD_BYTES];
                int headLength;
                try (InputStream in = s.content(n -> { })) {
                    headLength = in.readNBytes(head, 0, head.length);
                }
                if (headLength == 0 || SourceSniffer.archive(head, headLength) != null || SourceSniffer.looksBinary(head, headLength)) {
                    return;
                }
                ImportFormat format = options.format().isPresent() ? options.format().get()
                        : SourceSniffer.sniff(head, headLength).orElse(null);
                if (format != ImportFormat.POSTFIX && format != ImportFormat.EXIM) {
                    return; // read in its turn (a mailbox, a CSV, or a log of other mail programs first)
                }
                ahead.hold(s, format, new LogReader(s, head, headLength, LogImporter.classifier(format), LogReader.AHEAD_BATCHES,
                        n -> { }));
            } catch (BadInputException | IOException | RuntimeException e) {
                // read in its turn, which reports what is wrong
            }
        }

        @Override
        public void close() {
            ahead.close();
        }
    }

    /**
     * Batches of at least this many files hold the prefix keys of the cache's sources in memory
     * ({@link SourceStore.Known}); smaller ones look them up. Loading costs one pass over an index,
     * which a few files would not win back in a large cache.
     */
    static final int MANY_FILES = 64;

    /** Progress of one file within the batch, and the cancel check. */
    static final class FileProgress {
        private final Path file;
        private final long[] done;
        private final long total;
        private final ImportProgress progress;
        private final BooleanSupplier cancelled;

        private final long start;

        FileProgress(Path file, long[] done, long total, ImportProgress progress, BooleanSupplier cancelled) {
            this.file = file;
            this.done = done;
            this.start = done[0];
            this.total = total;
            this.progress = progress;
            this.cancelled = cancelled;
        }

        /** Bytes of the file read. */
        void bytes(long n) {
            done[0] += n;
        }

        /** Back to the file's first byte, for a file that is read again. */
        void rewind() {
            done[0] = start;
        }

        /** Reports progress and stops the import if it was cancelled. */
        void check() throws ImportCancelledException {
            if (cancelled.getAsBoolean()) {
                throw new ImportCancelledException();
            }
            progress.update(file, done[0], total);
        }
    }

    /**
     * Imports {@code paths}: files, and folders, whose files are imported in the order of
     * {@link ImportInputs}. Files found in folders that are in no format this version reads are
     * passed over and listed; a named file that is not is bad input.
     */
    public ImportSummary run(List<Path> paths, ImportProgress progress, BooleanSupplier cancelled)
            throws BadInputException, ImportCancelledException, CacheException {
        List<ImportInputs.Input> inputs = new ArrayList<>(ImportInputs.expand(paths));
        List<ContentSource> sources = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < inputs.size(); i++) {
            ImportInputs.Input input = inputs.get(i);
            ContentSource s = null;
            if (input.skippedText() == null) {
                try {
                    // a named file is opened now, so that a wrong name fails before anything else; one found
                    // in a folder when its turn comes or when it is read ahead, with the size the listing gave
                    s = input.discovered() && input.size() >= 0 ? ContentSource.listed(input.path(), input.size())
                            : ContentSource.open(input.path());
                    total += s.rawSize();
                } catch (BadInputException e) {
                    if (!input.discovered()) {
                        throw e;
                    }
                    // a file found in a folder that cannot be read is passed over and listed, like a folder
                    inputs.set(i, new ImportInputs.Input(input.path(), input.mailFolder(), true, unreadable(e)));
                }
            }
            sources.add(s);
        }
        long grandTotal = total;
        // One writer at a time (Cache, CacheLock): the wait says so and can be cancelled; the whole
        // cache is checked before the first write of this process, so a damaged cache is never written further.
        Cache.Writing writing = new Cache.Writing(new org.mailflow.cache.CacheLock.Waiting(progress::waiting, cancelled, waitLimit),
                grandTotal, true, progress::checking);
        try {
            return cache.write(writing, c -> {
                try (BulkStore.Writer bulk = new BulkStore.Writer(c); SmtpStore.Writer smtp = new SmtpStore.Writer(c);
                     SourceStore.Known known = sources.size() >= MANY_FILES ? SourceStore.Known.load(c) : null;
                     Prefetch prefetch = new Prefetch(sources, options.threads() > 1 ? options.threads() : 0);
                     Upcoming upcoming = new Upcoming(options)) {
                    Target target = new Target(c, bulk, smtp, options, new LogSession(), known, upcoming);
                    List<ImportSummary.FileResult> results = new ArrayList<>();
                    Map<Path, Integer> folderSlots = new HashMap<>();
                    Map<Path, MailboxImporter.Tally> folders = new HashMap<>();
                    long[] done = {0};
                    for (int i = 0; i < sources.size(); i++) {
                        ContentSource s = sources.get(i);
                        ImportInputs.Input input = inputs.get(i);
                        if (cancelled.getAsBoolean()) {
                            throw new ImportCancelledException();
                        }
                        target.logs().nextFile();
                        if (s == null) {
                            results.add(ImportSummary.FileResult.skipped(input.path(), input.skippedText()));
                            continue;
                        }
                        long before = done[0];
                        prefetch.awaitTurn(i);
                        if (!s.opened()) {
                            try {
                                s.ensureOpened();
                            } catch (BadInputException e) {
                                // a file found in a folder that cannot be read is passed over and listed, like a folder
                                results.add(ImportSummary.FileResult.skipped(input.path(), unreadable(e)));
                                prefetch.done(i);
                                done[0] = before + s.rawSize();
                                continue;
                            }
                        }
                        upcoming.next(nextSource(sources, i + 1));
                        FileProgress fp = new FileProgress(s.path(), done, grandTotal, progress, cancelled);
                        ImportSummary.FileResult r = importOne(target, s, input, fp, folders, folderSlots, results);
                        prefetch.done(i);
                        upcoming.finished(s);
                        if (r != null) {
                            results.add(r);
                        }
                        done[0] = before + s.rawSize();
                        progress.update(s.path(), done[0], grandTotal);
                    }
                    folderSlots.forEach((folder, slot) -> {
                        MailboxImporter.Tally t = folders.get(folder);
                        ImportSummary.Status status = t.read == 0 && t.alreadyImported > 0
                                ? ImportSummary.Status.ALREADY_IMPORTED : ImportSummary.Status.IMPORTED;
                        results.set(slot, t.result(folder, ImportFormat.MESSAGE, status, 0));
                    });
                    target.logs().finish(smtp);
                    bulk.flush();
                    smtp.flush();
                    return new ImportSummary(List.copyOf(results), target.logs().submissions(), target.logs().versionUnknown());
                }
            });
        } catch (CacheException e) {
            if (e.reason() == CacheException.Reason.CANCELLED) {
                throw new ImportCancelledException();
            }
            throw e;
        } catch (BadInputException | ImportCancelledException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first file at or after {@code from} that is to be read, or null. */
    private static ContentSource nextSource(List<ContentSource> sources, int from) {
        for (int j = from; j < sources.size(); j++) {
            if (sources.get(j) != null) {
                return sources.get(j);
            }
        }
        return null;
    }

    /** Why a file found in a folder is passed over: it could not be opened. */
    private static UserText unreadable(BadInputException e) {
        return e.reasonText() != null ? e.reasonText() : UserText.of("input.bad.plain", e.reason());
    }

    private ImportSummary.FileResult importOne(Target target, ContentSource source, ImportInputs.Input input, FileProgress progress,
                                               Map<Path, MailboxImporter.Tally> folders, Map<Path, Integer> folderSlots,
                                               List<ImportSummary.FileResult> results)
            throws BadInputException, ImportCancelledException, SQLException {
        Connection c = target.c();
        Path path = source.path();
        byte[] readAhead = source.preloadedContent();
        byte[] head = readAhead != null ? readAhead : new byte[SourceStore.HEAD_BYTES];
        int headLength;
        if (readAhead != null) {
            // read ahead (Prefetch): the head is the start of the content in memory, not a copy of it
            headLength = (int) Math.min(readAhead.length, SourceStore.HEAD_BYTES);
        } else {
            try (InputStream in = source.content(n -> { })) {
                headLength = in.readNBytes(head, 0, head.length);
            } catch (IOException e) {
                throw source.failure(e, 0);
            }
        }
        if (headLength == 0) {
            if (input.discovered()) {
                return ImportSummary.FileResult.skipped(path, UserText.of("input.skip.empty"));
            }
            throw new BadInputException(path, 0, UserText.of("input.empty", EXPECTED_KINDS, ImportFormat.expectedHeadersText()));
        }
        String archive = SourceSniffer.archive(head, headLength);
        if (archive != null) {
            // the log lines inside a tar look like a log, but its headers are not, and its files would count twice
            if (input.discovered()) {
                return ImportSummary.FileResult.skipped(path, UserText.of("input.skip.archive", archive));
            }
            throw new BadInputException(path, 0, UserText.of("input.archive", archive));
        }
        ImportFormat real = formatOf(options.format(), source, head, headLength);
        if (real == ImportFormat.MESSAGE) {
            Path folder = path.toAbsolutePath().getParent();
            if (folder != null && (folder.endsWith("cur") || folder.endsWith("new")) && folder.getParent() != null) {
                folder = folder.getParent();
            }
            Path key = folder == null ? path : folder;
            MailboxImporter.Tally tally = folders.computeIfAbsent(key, k -> new MailboxImporter.Tally());
            MailboxImporter.message(target, source, input.mailFolder(), head, headLength, tally, progress);
            if (!folderSlots.containsKey(key)) {
                folderSlots.put(key, results.size());
                results.add(null); // filled with the folder's tally at the end
            }
            return null;
        }
        if (real != null) {
            Fingerprints.Verdict verdict = Fingerprints.check(c, target.known(), source, head, headLength);
            if (!verdict.isNew() && verdict.complete()) {
                return new ImportSummary.FileResult(path, verdict.earlier().format(), ImportSummary.Status.ALREADY_IMPORTED, 0, 0,
                        List.of(), 0, 0);
            }
            if (verdict.isNew() && real.kind() == ImportFormat.Kind.LOG) {
                // Two different logs never begin with the same two lines (times, pids, queue ids); two
                // mboxes may (a Thunderbird "From - date" and "X-Mozilla-Status"), so they are not refused.
                Fingerprints.refuseOverlap(c, source, head, headLength);
            }
            return real.kind() == ImportFormat.Kind.LOG
                    ? LogImporter.run(target, source, real, verdict, head, headLength, progress)
                    : MailboxImporter.mbox(target, source, verdict, head, headLength, progress);
        }
        return CsvImport.read(target, source, input, head, headLength, progress);
    }

    /**
     * The log or mailbox format of a content by its head ({@link SourceSniffer}), or {@code forced}
     * when that is one; null for a CSV or a content of no known kind (read as a CSV, which says what
     * is wrong with it).
     */
    static ImportFormat formatOf(java.util.Optional<ImportFormat> forced, ContentSource source, byte[] head, int headLength)
            throws BadInputException {
        Path path = source.path();
        ImportFormat real = forced.filter(f -> f.kind() != ImportFormat.Kind.CSV)
                .or(() -> forced.isPresent() ? java.util.Optional.empty() : SourceSniffer.sniff(head, headLength))
                .orElse(null);
        if (real == ImportFormat.POSTFIX && forced.isEmpty() && SourceSniffer.mailProgramsOnly(head, headLength)) {
            real = firstMailer(source, head, headLength);
        }
        if (real != null && forced.isPresent() && SourceSniffer.looksBinary(head, headLength)) {
            // --format says how to read text; it does not make a binary file a log or a mailbox
            throw new BadInputException(path, 0, UserText.of("input.binaryForced", real.describedHeader()));
        }
        if (real == ImportFormat.MBOX && forced.isEmpty() && path.getFileName().toString().toLowerCase(Locale.ROOT)
                .matches(".*\\.eml(\\.gz)?")) {
            real = ImportFormat.MESSAGE; // one saved message that begins with an mbox "From " line
        }
        return real;
    }

    /** The MTA of a mail log whose head holds only other mail programs' lines, read on (SourceSniffer.firstMailer). */
    private static ImportFormat firstMailer(ContentSource source, byte[] head, int headLength) throws BadInputException {
        try (InputStream in = CrLineEnds.wrapIfCrOnly(source.content(n -> { }), head, headLength)) {
            return SourceSniffer.firstMailer(in);
        } catch (IOException e) {
            throw source.failure(e, 0);
        }
    }
}
