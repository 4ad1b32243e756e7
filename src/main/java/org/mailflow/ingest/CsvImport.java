package org.mailflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.mailflow.cache.SourceStore;

/**
 * Reads one CSV file into the import's transaction (SPEC 5) through {@link CanonicalRows}. The
 * header is the first line that is not blank; its names are matched lower-cased. A bad row fails
 * the file with its line, or is skipped and listed with {@code --skip-bad-rows}.
 */
final class CsvImport {
    private static final int CHECK_EVERY = 2048;

    private CsvImport() {
    }

    static ImportSummary.FileResult read(ImportJob.Target target, ContentSource source, ImportInputs.Input input, byte[] head,
                                         int headLength, ImportJob.FileProgress progress)
            throws BadInputException, ImportCancelledException, SQLException {
        ImportOptions options = target.options();
        Connection c = target.c();
        Path path = source.path();
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
            throw new BadInputException(path, 0, "is not a text file (it holds binary data); expected " + ImportJob.EXPECTED_KINDS
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
        long submissionsBefore = target.smtp().submissionsAdded();
        long failuresBefore = target.smtp().failuresAdded();
        ImportFormat format;
        long line = 0;
        long[] parsedTo = {0};
        try (InputStream raw = source.content(progress::bytes);
             InputStream hashed = new Hashing(raw, digest, lengthAndLines, encoding.lineCounter())) {
            hashed.skipNBytes(encoding.bomLength());
            CSVParser parser = parser(hashed, encoding);
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
            format = resolveFormat(options, path, line, columns.keySet(), header);
            if (verdict.isNew() && format.additive()) {
                Fingerprints.refuseOverlap(c, source, head, headLength);
            }
            CanonicalRows.Sink sink = CanonicalRows.sink(format, c, target.bulk(), target.smtp());
            int width = header.size();
            while (it.hasNext()) {
                CSVRecord r = it.next();
                line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                parsedTo[0] = previousEnd;
                if ((r.getRecordNumber() & (CHECK_EVERY - 1)) == 0) {
                    progress.check();
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
                target.smtp().submissionsAdded() - submissionsBefore, target.smtp().failuresAdded() - failuresBefore, 0, 0, 0, null);
    }

    /** A parser of the text after the byte order mark; text that is not valid in the encoding is reported. */
    private static CSVParser parser(InputStream in, TextEncoding encoding) throws IOException {
        CharsetDecoder decoder = encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get()
                .parse(new LineLengthGuard(new InputStreamReader(in, decoder)));
    }

    private static ImportFormat resolveFormat(ImportOptions options, Path path, long line, Set<String> header, CSVRecord headerRecord)
            throws BadInputException {
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
                        + ImportFormat.expectedHeaders() + " CSV, or " + ImportJob.EXPECTED_KINDS));
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
        if (e instanceof LineLengthGuard.QuotedValueTooLongException q) {
            return new BadInputException(source.path(), q.line(), "a quoted value runs past " + LineLengthGuard.LIMIT_TEXT
                    + " characters from line " + q.line() + "; is a quote missing?", e);
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
    static boolean knownCsvHeader(byte[] head, int length, TextEncoding encoding) {
        String text = new String(head, encoding.bomLength(), length - encoding.bomLength(), encoding.charset());
        int nl = text.indexOf('\n');
        String first = (nl < 0 ? text : text.substring(0, nl)).strip();
        Set<String> columns = new HashSet<>();
        for (String column : first.split(",")) {
            columns.add(column.replace("\"", "").strip().toLowerCase(Locale.ROOT));
        }
        return ImportFormat.detect(columns).isPresent();
    }

    private static boolean isBlank(CSVRecord r) {
        return r.size() == 1 && r.get(0).isBlank();
    }
}
