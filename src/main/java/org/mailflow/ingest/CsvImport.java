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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.mailflow.cache.SourceStore;
import org.mailflow.model.UserText;

/**
 * Reads one CSV file into the import's transaction (SPEC 5): the canonical formats through
 * {@link CanonicalRows}, the Microsoft 365 exports through {@link MicrosoftExports}. The header is
 * the first line that is neither blank nor the {@code #TYPE} line Windows PowerShell's
 * {@code Export-Csv} writes first; its names are matched as {@link ImportFormat#columnKey} gives them.
 * A bad row fails the file with its line, or is skipped and listed with {@code --skip-bad-rows}.
 */
final class CsvImport {
    private static final int CHECK_EVERY = 2048;

    private CsvImport() {
    }

    /** A cancel noticed while a file's dates were scanned from inside a row, carried out of the row's sink. */
    private static final class CancelledScan extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CancelledScan() {
            super(null, null, false, false);
        }
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
                return ImportSummary.FileResult.skipped(path, UserText.of("input.skip.binary"));
            }
            if (!knownCsvHeader(head, headLength, encoding)) {
                return ImportSummary.FileResult.skipped(path, UserText.of("input.skip.unknown"));
            }
        }
        if (encoding == null) {
            throw new BadInputException(path, 0, UserText.of("input.binary", ImportJob.EXPECTED_KINDS, TextEncoding.EXPECTED,
                    ImportFormat.expectedHeadersText()));
        }
        Fingerprints.Verdict verdict = Fingerprints.check(c, target.known(), source, head, headLength);
        if (!verdict.isNew() && verdict.complete()) {
            return new ImportSummary.FileResult(path, verdict.earlier().format(), ImportSummary.Status.ALREADY_IMPORTED, 0, 0, List.of(), 0, 0);
        }
        long skipLines = verdict.skipLines();
        // The lines compared for overlaps are the header and first row, so PowerShell's #TYPE line,
        // the same in every export of a kind, is left out of them.
        byte[] lead = Arrays.copyOfRange(head, typeLineEnd(head, headLength, encoding), headLength);

        MessageDigest digest = Fingerprints.sha256();
        long[] lengthAndLines = new long[2];
        List<ImportSummary.BadRow> examples = new ArrayList<>();
        long badRows = 0;
        long accepted = 0;
        long read = 0;
        long submissionsBefore = target.smtp().submissionsAdded();
        long failuresBefore = target.smtp().failuresAdded();
        ImportFormat format;
        CanonicalRows.Sink sink;
        long line = 0;
        long[] parsedTo = {0};
        try (InputStream raw = source.content(progress::bytes);
             InputStream hashed = new Hashing(raw, digest, lengthAndLines, encoding.lineCounter())) {
            hashed.skipNBytes(encoding.bomLength());
            CSVParser parser = parser(hashed, encoding, true);
            Iterator<CSVRecord> it = parser.iterator();
            long previousEnd = 0;
            CSVRecord header = null;
            while (header == null && it.hasNext()) {
                CSVRecord r = it.next();
                line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                parsedTo[0] = previousEnd;
                if (!isBlank(r) && !(previousEnd == 1 && r.get(0).startsWith("#TYPE"))) {
                    header = r;
                }
            }
            if (header == null) {
                throw new BadInputException(path, 0, UserText.of("input.noHeader", ImportFormat.expectedHeadersText()));
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                columns.putIfAbsent(ImportFormat.columnKey(header.get(i)), i);
            }
            format = resolveFormat(options, path, line, columns.keySet(), header);
            // An export whose rows carry their message's identity is deduplicated per message, so an
            // overlapping one is read; any other additive file that overlaps an earlier one is refused.
            boolean perMessage = format.messageExport() && columns.keySet().containsAll(format.identityColumns());
            if (verdict.isNew() && format.additive() && !perMessage) {
                Fingerprints.refuseOverlap(c, source, lead, lead.length);
            }
            long headerRecord = header.getRecordNumber();
            // The time is the first required column of both exports.
            Integer timeColumn = format.messageExport() ? columns.get(format.required().get(0)) : null;
            sink = format.messageExport()
                    ? MicrosoftExports.sink(format, columns.keySet(), target.bulk(),
                            once(() -> dateOrder(source, encoding, headerRecord, timeColumn, progress)))
                    : CanonicalRows.sink(format, c, target.bulk(), target.smtp());
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
                read++;
                try {
                    if (r.size() != width) {
                        throw new BadRowException(UserText.of("row.width", width, r.size()));
                    }
                    sink.accept(new CanonicalRows.Row(columns, r.values()));
                    accepted++;
                } catch (BadRowException e) {
                    if (!options.skipBadRows()) {
                        throw new BadInputException(path, line, UserText.of("row.stopped", e.reason()));
                    }
                    badRows++;
                    if (examples.size() < ImportSummary.EXAMPLES) {
                        examples.add(new ImportSummary.BadRow(line, e.reason()));
                    }
                }
            }
            sink.finish();
            hashed.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (CancelledScan e) {
            throw new ImportCancelledException();
        } catch (UncheckedIOException e) {
            throw readFailure(source, encoding, e.getCause(), parsedTo[0] + 1);
        } catch (IOException e) {
            throw readFailure(source, encoding, e, parsedTo[0] + 1);
        }
        long rows = accepted - sink.passedOver() - sink.alreadyCounted();
        // Recorded even when it held only a header, so that the file is recognised when it grows.
        SourceStore.insert(c, target.known(), Fingerprints.hex(digest.digest()), lengthAndLines[0], Fingerprints.headHash(head, headLength),
                Fingerprints.leadHash(lead, lead.length), Fingerprints.prefixKey(head, headLength, lengthAndLines[0]), lengthAndLines[1], format.token(), path.getFileName().toString(), rows);
        // Continuing after a header-only earlier import is, to the user, importing the file.
        ImportSummary.Status status = skipLines <= 1 ? ImportSummary.Status.IMPORTED : ImportSummary.Status.CONTINUED;
        return new ImportSummary.FileResult(path, format.token(), status, rows, badRows, List.copyOf(examples), skipLines + 1,
                target.smtp().submissionsAdded() - submissionsBefore, target.smtp().failuresAdded() - failuresBefore,
                format.messageExport() ? read : 0, sink.passedOver(), sink.alreadyCounted(), null);
    }

    /** A parser of the text after the byte order mark; decoding errors are reported when {@code strict}, else replaced. */
    private static CSVParser parser(InputStream in, TextEncoding encoding, boolean strict) throws IOException {
        CodingErrorAction onError = strict ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
        CharsetDecoder decoder = encoding.charset().newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError);
        return CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get()
                .parse(new LineLengthGuard(new InputStreamReader(in, decoder)));
    }

    /** {@code supplier}'s value, computed the first time it is asked for. */
    private static <T> Supplier<T> once(Supplier<T> supplier) {
        Object[] value = {null};
        return () -> {
            if (value[0] == null) {
                value[0] = supplier.get();
            }
            @SuppressWarnings("unchecked")
            T t = (T) value[0];
            return t;
        };
    }

    /**
     * The day order of the dates with slashes in column {@code column} of the rows after the header:
     * day first when some date can only be read day first ({@code 13/03/2026}) and none only month
     * first; otherwise month first, as English (United States) writes them. Read in a pass of its own
     * over the whole file, before the first such date is used, so that no row is read in one order and
     * a later row proves the other. Damage is left for the import's own pass to report.
     */
    private static ExportTimes.DateOrder dateOrder(ContentSource source, TextEncoding encoding, long headerRecord, Integer column,
                                                   ImportJob.FileProgress progress) {
        long dayFirst = 0;
        if (column != null) {
            try (InputStream in = source.content(n -> { })) {
                in.skipNBytes(encoding.bomLength());
                for (CSVRecord r : parser(in, encoding, false)) {
                    if ((r.getRecordNumber() & (CHECK_EVERY - 1)) == 0) {
                        progress.check();
                    }
                    if (r.getRecordNumber() <= headerRecord || r.size() <= column) {
                        continue;
                    }
                    int evidence = ExportTimes.orderEvidence(r.get(column));
                    if (evidence > 0) {
                        return ExportTimes.DateOrder.MONTH_FIRST; // some date is month first: not all can be day first
                    }
                    dayFirst -= evidence;
                }
            } catch (IOException | UncheckedIOException e) {
                // the import's own pass reports it, with its line
            } catch (ImportCancelledException e) {
                throw new CancelledScan();
            }
        }
        return dayFirst > 0 ? ExportTimes.DateOrder.DAY_FIRST : ExportTimes.DateOrder.MONTH_FIRST;
    }

    private static ImportFormat resolveFormat(ImportOptions options, Path path, long line, Set<String> header, CSVRecord headerRecord)
            throws BadInputException {
        if (options.format().isPresent()) {
            ImportFormat forced = options.format().get();
            List<String> missing = forced.missingFrom(header);
            if (!missing.isEmpty()) {
                throw new BadInputException(path, line, UserText.of("input.forcedColumns", forced.token(), forced.headerDescription(),
                        String.join(", ", missing)));
            }
            return forced;
        }
        java.util.Optional<ImportFormat> detected = ImportFormat.detect(header);
        if (detected.isPresent()) {
            return detected.get();
        }
        java.util.Optional<ImportFormat> like = ImportFormat.resembles(header);
        if (like.isPresent()) {
            ImportFormat f = like.get();
            throw new BadInputException(path, line, UserText.of("input.exportColumns", exportName(f), f.missingFrom(header).size(),
                    String.join(", ", f.missingFrom(header)), f.headerDescription()));
        }
        throw new BadInputException(path, line, UserText.of("input.unknownHeader", CanonicalRows.clip(String.join(",", headerRecord.values())),
                ImportFormat.expectedHeadersText(), ImportJob.EXPECTED_KINDS));
    }

    /** The Microsoft export a format reads, in words, for messages. */
    private static UserText exportName(ImportFormat format) {
        return switch (format) {
            case EMAIL_EVENTS -> UserText.of("input.export.emailevents");
            case MAIL_DETAIL_ATP -> UserText.of("input.export.maildetailatp");
            default -> UserText.of("input.export.csv", format.token());
        };
    }

    /**
     * A message for a failure while parsing, at the first line after the last record that parsed
     * ({@code line}); an encoding error is located exactly by a second pass over the bytes.
     */
    private static BadInputException readFailure(ContentSource source, TextEncoding encoding, IOException e, long line) {
        if (e instanceof CharacterCodingException) {
            long at = TextEncoding.lineOfFirstError(source, encoding);
            return new BadInputException(source.path(), at > 0 ? at : line, UserText.of("input.badEncoding",
                    encoding.charset().name(), encoding.expectation()), e);
        }
        if (e instanceof LineLengthGuard.LineTooLongException) {
            return new BadInputException(source.path(), line, UserText.of("input.csvLineTooLong", LineLengthGuard.LIMIT), e);
        }
        if (e instanceof LineLengthGuard.QuotedValueTooLongException q) {
            return new BadInputException(source.path(), q.line(), UserText.of("input.quotedTooLong", LineLengthGuard.LIMIT, q.line()), e);
        }
        String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (msg.contains("eof reached before encapsulated token finished")) {
            return new BadInputException(source.path(), line, UserText.of("input.quoteNotClosed"), e);
        }
        if (msg.contains("between encapsulated token and delimiter")) {
            return new BadInputException(source.path(), line, UserText.of("input.afterQuote"), e);
        }
        return source.failure(e, line);
    }

    /**
     * The offset of the first byte after the {@code #TYPE} line that Windows PowerShell's
     * {@code Export-Csv} writes before the header unless told {@code -NoTypeInformation}; the byte
     * order mark's length when there is none.
     */
    private static int typeLineEnd(byte[] head, int length, TextEncoding encoding) {
        int bom = encoding.bomLength();
        String text = new String(head, bom, Math.min(length - bom, 4096), encoding.charset());
        int nl = text.indexOf('\n');
        if (!text.startsWith("#TYPE") || nl < 0) {
            return bom;
        }
        return bom + text.substring(0, nl + 1).getBytes(encoding.charset()).length;
    }

    /** True when the first line of the head (after a {@code #TYPE} line) is the header of a CSV format (for files found in folders). */
    static boolean knownCsvHeader(byte[] head, int length, TextEncoding encoding) {
        int start = typeLineEnd(head, length, encoding);
        String text = new String(head, start, length - start, encoding.charset());
        int nl = text.indexOf('\n');
        String first = (nl < 0 ? text : text.substring(0, nl)).strip();
        Set<String> columns = new HashSet<>();
        for (String column : first.split(",")) {
            columns.add(ImportFormat.columnKey(column.replace("\"", "")));
        }
        return ImportFormat.detect(columns).isPresent();
    }

    private static boolean isBlank(CSVRecord r) {
        return r.size() == 1 && r.get(0).isBlank();
    }
}
