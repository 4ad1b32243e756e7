package org.mailflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheException;
import org.mailflow.cache.SmtpStore;
import org.mailflow.cache.SourceStore;

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
    private static final int CHECK_EVERY = 2048;
    /** The sources that are not CSVs, for messages that say what was expected. */
    static final String EXPECTED_KINDS = "a Postfix or Exim log, an mbox file or a message file (.eml, Maildir)";

    private final Cache cache;
    private final ImportOptions options;

    /** Prepares what every import does, to be run on a background thread at start-up (see {@link Fingerprints#warmUp}). */
    public static void warmUp() {
        Fingerprints.warmUp();
    }

    public ImportJob(Cache cache, ImportOptions options) {
        this.cache = cache;
        this.options = options;
    }

    /** Where a file's records go: the batch's transaction and writers, the options, and what the batch's logs share. */
    record Target(Connection c, BulkStore.Writer bulk, SmtpStore.Writer smtp, ImportOptions options, LogSession logs) {
    }

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
        List<ImportInputs.Input> inputs = ImportInputs.expand(paths);
        List<ContentSource> sources = new ArrayList<>();
        long total = 0;
        for (ImportInputs.Input input : inputs) {
            ContentSource s = ContentSource.open(input.path());
            sources.add(s);
            total += s.rawSize();
        }
        long grandTotal = total;
        try {
            return cache.write(c -> {
                try (BulkStore.Writer bulk = new BulkStore.Writer(c); SmtpStore.Writer smtp = new SmtpStore.Writer(c)) {
                    Target target = new Target(c, bulk, smtp, options, new LogSession());
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
                        long before = done[0];
                        FileProgress fp = new FileProgress(s.path(), done, grandTotal, progress, cancelled);
                        ImportSummary.FileResult r = importOne(target, s, input, fp, folders, folderSlots, results);
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
        } catch (LogImporter.UncheckedSql e) {
            throw new CacheException(CacheException.Reason.IO, cache.file(), "writing the cache failed: " + e.getCause().getMessage());
        } catch (BadInputException | ImportCancelledException | CacheException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ImportSummary.FileResult importOne(Target target, ContentSource source, ImportInputs.Input input, FileProgress progress,
                                               Map<Path, MailboxImporter.Tally> folders, Map<Path, Integer> folderSlots,
                                               List<ImportSummary.FileResult> results)
            throws BadInputException, ImportCancelledException, SQLException {
        Connection c = target.c();
        BulkStore.Writer bulk = target.bulk();
        SmtpStore.Writer smtp = target.smtp();
        BooleanSupplier cancelled = progress.cancelled;
        Runnable report = () -> progress.progress.update(progress.file, progress.done[0], progress.total);
        java.util.function.LongConsumer rawBytes = progress::bytes;
        Path path = source.path();
        byte[] head = new byte[SourceStore.HEAD_BYTES];
        int headLength;
        try (InputStream in = source.content(n -> { })) {
            headLength = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw source.failure(e, 0);
        }
        if (headLength == 0) {
            if (input.discovered()) {
                return ImportSummary.FileResult.skipped(path, "empty");
            }
            throw new BadInputException(path, 0, "is empty; expected " + EXPECTED_KINDS + ", or a CSV with a header row, one of "
                    + ImportFormat.expectedHeaders());
        }
        ImportFormat real = options.format().filter(f -> f.kind() != ImportFormat.Kind.CSV)
                .or(() -> options.format().isPresent() ? java.util.Optional.empty() : SourceSniffer.sniff(head, headLength))
                .orElse(null);
        if (real == ImportFormat.MBOX && options.format().isEmpty() && path.getFileName().toString().toLowerCase(Locale.ROOT)
                .matches(".*\\.eml(\\.gz)?")) {
            real = ImportFormat.MESSAGE; // one saved message that begins with an mbox "From " line
        }
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
            Fingerprints.Verdict verdict = Fingerprints.check(c, source, head, headLength);
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
        TextEncoding encoding = TextEncoding.detect(head, headLength);
        if (input.discovered() && options.format().isEmpty()) {
            if (encoding == null) {
                return ImportSummary.FileResult.skipped(path, "binary data");
            }
            if (!knownCsvHeader(head, headLength, encoding)) {
                return ImportSummary.FileResult.skipped(path, "no known header or log lines");
            }
        }
        if (encoding == null) {
            throw new BadInputException(path, 0, "is not a text file (it holds binary data); expected " + EXPECTED_KINDS
                    + ", or a CSV in " + TextEncoding.EXPECTED + " with a header row, one of " + ImportFormat.expectedHeaders());
        }
        Fingerprints.Verdict verdict = Fingerprints.check(c, source, head, headLength);
        if (!verdict.isNew() && verdict.complete()) {
            return new ImportSummary.FileResult(path, verdict.earlier().format(), ImportSummary.Status.ALREADY_IMPORTED, 0, 0, List.of(), 0, 0);
        }
        long skipLines = verdict.skipLines();

        MessageDigest digest = Fingerprints.sha256();
        long[] lengthAndLines = new long[2];
        List<ImportSummary.BadRow> examples = new ArrayList<>();
        long badRows = 0;
        long rows = 0;
        long submissionsBefore = smtp.submissionsAdded();
        ImportFormat format;
        long line = 0;
        long[] parsedTo = {0};
        try (InputStream raw = source.content(rawBytes);
             InputStream hashed = new Hashing(raw, digest, lengthAndLines, encoding.lineCounter())) {
            hashed.skipNBytes(encoding.bomLength());
            Reader reader = new LineLengthGuard(new InputStreamReader(hashed, encoding.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
            CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get().parse(reader);
            Iterator<CSVRecord> it = parser.iterator();
            long previousEnd = 0;
            CSVRecord header = null;
            while (header == null && it.hasNext()) {
                CSVRecord r = it.next();
                line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                parsedTo[0] = previousEnd;
                if (!isBlank(r)) {
                    header = r;
                }
            }
            if (header == null) {
                throw new BadInputException(path, 0, "has no header row; expected one of " + ImportFormat.expectedHeaders());
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                columns.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
            }
            format = resolveFormat(path, line, columns.keySet(), header);
            if (verdict.isNew() && format.additive()) {
                Fingerprints.refuseOverlap(c, source, head, headLength);
            }
            CanonicalRows.Sink sink = CanonicalRows.sink(format, c, bulk, smtp);
            int width = header.size();
            while (it.hasNext()) {
                CSVRecord r = it.next();
                line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                parsedTo[0] = previousEnd;
                if ((r.getRecordNumber() & (CHECK_EVERY - 1)) == 0) {
                    if (cancelled.getAsBoolean()) {
                        throw new ImportCancelledException();
                    }
                    report.run();
                }
                if (line <= skipLines || isBlank(r)) {
                    continue;
                }
                try {
                    if (r.size() != width) {
                        throw new BadRowException("expected " + width + " columns as in the header, found " + r.size());
                    }
                    sink.accept(new CanonicalRows.Row(columns, r.values()));
                    rows++;
                } catch (BadRowException e) {
                    if (!options.skipBadRows()) {
                        throw new BadInputException(path, line, e.getMessage() + " (use --skip-bad-rows to import the good rows)");
                    }
                    badRows++;
                    if (examples.size() < ImportSummary.EXAMPLES) {
                        examples.add(new ImportSummary.BadRow(line, e.getMessage()));
                    }
                }
            }
            sink.finish();
            hashed.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (UncheckedIOException e) {
            throw readFailure(source, encoding, e.getCause(), parsedTo[0] + 1);
        } catch (IOException e) {
            throw readFailure(source, encoding, e, parsedTo[0] + 1);
        }
        // Recorded even when it held only a header, so that the file is recognised when it grows.
        SourceStore.insert(c, Fingerprints.hex(digest.digest()), lengthAndLines[0], Fingerprints.headHash(head, headLength),
                Fingerprints.leadHash(head, headLength), lengthAndLines[1], format.token(), path.getFileName().toString(), rows);
        // Continuing after a header-only earlier import is, to the user, importing the file.
        ImportSummary.Status status = skipLines <= 1 ? ImportSummary.Status.IMPORTED : ImportSummary.Status.CONTINUED;
        return new ImportSummary.FileResult(path, format.token(), status, rows, badRows, List.copyOf(examples), skipLines + 1,
                smtp.submissionsAdded() - submissionsBefore);
    }

    private ImportFormat resolveFormat(Path path, long line, Set<String> header, CSVRecord headerRecord) throws BadInputException {
        if (options.format().isPresent()) {
            ImportFormat forced = options.format().get();
            List<String> missing = forced.requiredAsDocumented().stream()
                    .filter(column -> !header.contains(column.toLowerCase(Locale.ROOT))).toList();
            if (!missing.isEmpty()) {
                throw new BadInputException(path, line, "a " + forced.token() + " CSV needs the columns " + forced.headerDescription()
                        + "; this header lacks " + String.join(", ", missing));
            }
            return forced;
        }
        return ImportFormat.detect(header).orElseThrow(() -> new BadInputException(path, line,
                "unknown header \"" + CanonicalRows.clip(String.join(",", headerRecord.values())) + "\"; expected the header of a "
                        + ImportFormat.expectedHeaders() + " CSV, or " + EXPECTED_KINDS));
    }

    /**
     * A message for a failure while parsing, at the first line after the last record that parsed
     * ({@code line}); an encoding error is located exactly by a second pass over the bytes.
     */
    private static BadInputException readFailure(ContentSource source, TextEncoding encoding, IOException e, long line) {
        if (e instanceof CharacterCodingException) {
            long at = TextEncoding.lineOfFirstError(source, encoding);
            return new BadInputException(source.path(), at > 0 ? at : line, "is not valid "
                    + encoding.charset().name() + " text on this line; " + encoding.expectation(), e);
        }
        if (e instanceof LineLengthGuard.LineTooLongException) {
            return new BadInputException(source.path(), line, "a line is longer than " + LineLengthGuard.LIMIT_TEXT
                    + " characters; expected CSV rows (is this a CSV file?)", e);
        }
        String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (msg.contains("eof reached before encapsulated token finished")) {
            return new BadInputException(source.path(), line, "a quoted value is not closed before the end of the file (is the file truncated?)", e);
        }
        if (msg.contains("between encapsulated token and delimiter")) {
            return new BadInputException(source.path(), line, "text follows a closing quote; expected a comma or the end of the line", e);
        }
        return source.failure(e, line);
    }

    /** True when the first line of the head is the header of a CSV format (for files found in folders). */
    private static boolean knownCsvHeader(byte[] head, int length, TextEncoding encoding) {
        String text = new String(head, encoding.bomLength(), length - encoding.bomLength(), encoding.charset());
        int nl = text.indexOf('\n');
        String first = (nl < 0 ? text : text.substring(0, nl)).strip();
        java.util.Set<String> columns = new java.util.HashSet<>();
        for (String column : first.split(",")) {
            columns.add(column.replace("\"", "").strip().toLowerCase(Locale.ROOT));
        }
        return ImportFormat.detect(columns).isPresent();
    }

    private static boolean isBlank(CSVRecord r) {
        return r.size() == 1 && r.get(0).isBlank();
    }
}
