package org.mailflow.ingest;

import java.io.FilterInputStream;
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
 * Imports files into the cache. The whole batch is one transaction: it commits only when every file
 * has been read, so a bad file, a cancel or a crash leaves the cache exactly as it was. Files are
 * streamed (never loaded whole), recognised by content ({@link Fingerprints}) so that nothing is
 * counted twice, and their format is detected from the header unless the options force one. Text is
 * UTF-8, with or without a byte order mark, or UTF-16 (either byte order) with one ({@link TextEncoding}).
 */
public final class ImportJob {
    private static final int CHECK_EVERY = 2048;

    private final Cache cache;
    private final ImportOptions options;

    public ImportJob(Cache cache, ImportOptions options) {
        this.cache = cache;
        this.options = options;
    }

    public ImportSummary run(List<Path> files, ImportProgress progress, BooleanSupplier cancelled)
            throws BadInputException, ImportCancelledException, CacheException {
        List<ContentSource> sources = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            ContentSource s = ContentSource.open(f);
            sources.add(s);
            total += s.rawSize();
        }
        long grandTotal = total;
        try {
            return cache.write(c -> {
                try (BulkStore.Writer bulk = new BulkStore.Writer(c); SmtpStore.Writer smtp = new SmtpStore.Writer(c)) {
                    List<ImportSummary.FileResult> results = new ArrayList<>();
                    long[] done = {0};
                    for (ContentSource s : sources) {
                        if (cancelled.getAsBoolean()) {
                            throw new ImportCancelledException();
                        }
                        long before = done[0];
                        results.add(importOne(c, bulk, smtp, s, n -> {
                            done[0] += n;
                        }, () -> progress.update(s.path(), done[0], grandTotal), cancelled));
                        done[0] = before + s.rawSize();
                        progress.update(s.path(), done[0], grandTotal);
                    }
                    bulk.flush();
                    smtp.flush();
                    return new ImportSummary(List.copyOf(results));
                }
            });
        } catch (BadInputException | ImportCancelledException | CacheException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ImportSummary.FileResult importOne(Connection c, BulkStore.Writer bulk, SmtpStore.Writer smtp, ContentSource source,
                                               java.util.function.LongConsumer rawBytes, Runnable report,
                                               BooleanSupplier cancelled)
            throws BadInputException, ImportCancelledException, SQLException {
        Path path = source.path();
        byte[] head = new byte[SourceStore.HEAD_BYTES];
        int headLength;
        try (InputStream in = source.content(n -> { })) {
            headLength = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw source.failure(e, 0);
        }
        if (headLength == 0) {
            throw new BadInputException(path, 0, "is empty; expected a CSV with a header row, one of " + ImportFormat.expectedHeaders());
        }
        TextEncoding encoding = TextEncoding.detect(head, headLength);
        if (encoding == null) {
            throw new BadInputException(path, 0, "is not a text file (it holds binary data); expected a CSV in "
                    + TextEncoding.EXPECTED + " with a header row, one of " + ImportFormat.expectedHeaders());
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
                        + ImportFormat.expectedHeaders() + " CSV"));
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

    private static boolean isBlank(CSVRecord r) {
        return r.size() == 1 && r.get(0).isBlank();
    }

    /**
     * Hashes, measures and counts the lines of the content that passes through. Lines are counted in
     * the file's encoding (a UTF-16 line feed is two bytes), because the count is compared with the
     * parser's line numbers when the file grows.
     */
    private static final class Hashing extends FilterInputStream {
        private final MessageDigest digest;
        private final long[] lengthAndLines;
        private final TextEncoding.LineCounter lines;

        Hashing(InputStream in, MessageDigest digest, long[] lengthAndLines, TextEncoding.LineCounter lines) {
            super(in);
            this.digest = digest;
            this.lengthAndLines = lengthAndLines;
            this.lines = lines;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
                lengthAndLines[0]++;
                lengthAndLines[1] += lines.count(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                lengthAndLines[0] += n;
                lengthAndLines[1] += lines.count(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 8192)];
            long left = n;
            while (left > 0) {
                int r = read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) {
                    break;
                }
                left -= r;
            }
            return n - left;
        }
    }
}
