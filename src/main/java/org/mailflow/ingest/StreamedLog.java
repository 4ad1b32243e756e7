package org.mailflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.mailflow.cache.SourceStore;
import org.mailflow.ingest.logs.BadLine;
import org.mailflow.ingest.logs.EximParser;
import org.mailflow.ingest.logs.HandshakeServices;
import org.mailflow.ingest.logs.LogAuthFailure;
import org.mailflow.ingest.logs.LogParser;
import org.mailflow.ingest.logs.LogSink;
import org.mailflow.ingest.logs.LogStats;
import org.mailflow.ingest.logs.LogSubmission;
import org.mailflow.ingest.logs.PostfixParser;
import org.mailflow.ingest.logs.SyslogTime;
import org.mailflow.ingest.mailbox.MailboxMessage;
import org.mailflow.model.UserText;

/**
 * Reads one Postfix or Exim log, or an mbox, whose bytes come from a stream rather than a file of this machine:
 * the way into the app's log reading for the fleet job (SPEC 8), which reads logs on HDFS or S3 and
 * keeps no cache. It is the import of a log ({@link LogImporter}) without the cache: the same format
 * detection ({@link ImportJob#formatOf}), the same fingerprints against earlier contents
 * ({@link Fingerprints#check}, here against what the caller keeps), the same parsers, lines and
 * year rule (a second read when the guessed rollovers were wrong), and the same rule for a log that
 * has grown: it is read from its first line, and only what its new lines hold reaches the sink.
 *
 * <p>What it does not do, the caller does, as the import does: the open connections of the file
 * before it in its rotated series ({@code carryIn}, {@link Result#carry()}), one
 * {@link HandshakeServices} for the files read together, and the submissions whose TLS only all of
 * them decide ({@link LogSubmission#undecidedService()}, passed to the sink as they are).
 */
public final class StreamedLog {
    private StreamedLog() {
    }

    /**
     * The name of the rotated series a log file belongs to within its folder, as the import groups
     * them: {@code mail.log} for {@code mail.log}, {@code mail.log.1}, {@code mail.log.2.gz} and
     * {@code mail.log-20261112}.
     */
    public static String seriesBase(String fileName) {
        return ImportInputs.seriesBase(fileName);
    }

    /**
     * The import's order of the files of one rotated series, by name: oldest first (dated names by
     * date, then numbered ones from the highest number, then the live file), so that a connection
     * open at a rotation continues into the next file.
     */
    public static int compareRotation(String fileName, String otherFileName) {
        return ImportInputs.compareNames(fileName, otherFileName);
    }

    /**
     * True when the import of an {@code auth-failures} CSV takes {@code ip} as a client IP: an IPv4 or
     * IPv6 address, or empty (a log's bracket may hold something else).
     */
    public static boolean importableClientIp(String ip) {
        return ip == null || ip.isEmpty() || IpText.isAddress(ip);
    }

    /** Opens the raw bytes of a content, plain or gzip, from its start (a file of HDFS or S3, in the fleet job). */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** Receives what the new lines of a log hold; {@link #discard()} forgets all of it (the log is read again). */
    public interface Sink extends LogSink {
        /** Forgets everything received for the current log: it is read a second time, with other years. */
        void discard();

        /** A message of an mbox, found at line {@code lineNumber} (what {@link MailboxMessage#status()} says it is). */
        default void message(long lineNumber, MailboxMessage m) {
        }
    }

    /** The contents read before that could be a prefix of a content, shortest first ({@link SourceStore#candidates}). */
    @FunctionalInterface
    public interface Earlier {
        List<SourceStore.Source> candidates(String headHash, List<String> prefixKeys, long length);
    }

    /**
     * What identifies a content read, as the cache's {@code source} table keeps it: the SHA-256 of its
     * (decompressed) bytes, its length, the hash of its first 64 KiB, its prefix key (contents under
     * 64 KiB, else null) and its line feeds.
     */
    public record Fingerprint(String contentHash, long length, String headHash, String prefixKey, long lineCount) {
    }

    /**
     * What reading a log gave. {@code earlier} is the content it continues (or equals, when
     * {@code alreadyRead}), else null; {@code newFrom} the first line whose findings reached the sink;
     * {@code carry} the connections open at its end, for the next file of its series.
     */
    public record Result(ImportFormat format, Fingerprint fingerprint, SourceStore.Source earlier, boolean alreadyRead, long newFrom,
                         long lines, LogStats stats, List<BadLine> badExamples, PostfixParser.Carry carry, UserText passedOver) {
        /** True when the content was not read: empty, an archive, or of no kind the job reads ({@link #passedOver()} says which). */
        public boolean skipped() {
            return passedOver != null;
        }
    }

    private static Result passedOver(UserText why) {
        return new Result(null, null, null, false, 1, 0, LogStats.NONE, List.of(), PostfixParser.Carry.NONE, why);
    }

    /**
     * Reads a log. {@code name} names it in messages; {@code rawSize} and {@code modifiedEpochSecond}
     * are its file's (the year rule dates a classic log by the latter); {@code opener} opens its bytes
     * from the start, plain or gzip, each time it is called.
     *
     * <p>A content the job does not read is passed over ({@link Result#skipped()}), as a folder's
     * import passes it over: an empty file (a log just rotated), an archive, a file that is no
     * Postfix or Exim log and no mbox, and one that cannot be opened because it is gone or denied
     * ({@code input.missing}, {@code input.denied}).
     *
     * @throws BadInputException what the import would refuse: a damaged or truncated gzip, a last line
     *                           that changed, an I/O failure (with the file, the line and what was expected)
     */
    public static Result read(String name, long rawSize, long modifiedEpochSecond, Opener opener,
                              Optional<ImportFormat> format, OptionalInt year, Earlier earlier, PostfixParser.Carry carryIn,
                              HandshakeServices handshakes, Sink sink) throws BadInputException {
        Path shown = Path.of(name);
        ContentSource source;
        try {
            source = ContentSource.streamed(shown, rawSize, modifiedEpochSecond, opener);
        } catch (BadInputException e) {
            // gone since it was listed (rotated away) or not ours to read: passed over and listed, as a folder's import does
            String kind = e.getCause() == null ? "" : e.getCause().getClass().getSimpleName();
            if (kind.equals("FileNotFoundException") || kind.equals("NoSuchFileException")) {
                return passedOver(UserText.of("input.missing"));
            }
            if (kind.equals("AccessDeniedException") || kind.equals("AccessControlException")) {
                return passedOver(UserText.of("input.denied"));
            }
            throw e;
        }
        byte[] head = new byte[SourceStore.HEAD_BYTES];
        int headLength;
        try (InputStream in = source.content(n -> { })) {
            headLength = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw source.failure(e, 0);
        }
        if (headLength == 0) {
            return passedOver(UserText.of("input.skip.empty"));
        }
        String archive = SourceSniffer.archive(head, headLength);
        if (archive != null) {
            return passedOver(UserText.of("input.skip.archive", archive));
        }
        ImportFormat real = ImportJob.formatOf(format, source, head, headLength);
        if (real == null || (real.kind() != ImportFormat.Kind.LOG && real != ImportFormat.MBOX)) {
            // as a folder's import passes over what it does not read (a README, a CSV, saved .eml files)
            return passedOver(UserText.of("input.notALog", UserText.of("input.list.or",
                    UserText.of("input.format.postfix"), UserText.of("input.list.or", UserText.of("input.format.exim"),
                            UserText.of("input.format.mbox")))));
        }
        Fingerprints.Verdict verdict;
        try {
            verdict = Fingerprints.check(earlier::candidates, source, head, headLength);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("no database here", e);
        }
        if (!verdict.isNew() && verdict.complete()) {
            SourceStore.Source e = verdict.earlier();
            return new Result(real, new Fingerprint(e.contentHash(), e.length(), e.headHash(), null, e.lineCount()), e, true,
                    e.lineCount() + 1, e.lineCount(), LogStats.NONE, List.of(), PostfixParser.Carry.NONE, null);
        }
        long skip = verdict.skipLines();
        if (real == ImportFormat.MBOX) {
            return mbox(source, verdict, head, headLength, sink);
        }
        if (year.isPresent()) {
            return read(source, real, verdict, head, headLength, SyslogTime.startingIn(year.getAsInt()), carryIn, handshakes, sink);
        }
        int lastYear = java.time.Instant.ofEpochSecond(modifiedEpochSecond).atZone(java.time.ZoneOffset.UTC).getYear();
        if (!LogImporter.hasClassicStamp(head, headLength)) {
            return read(source, real, verdict, head, headLength, SyslogTime.endingIn(lastYear, 0), carryIn, handshakes, sink);
        }
        int guess = LogImporter.guessRollovers(source, head, headLength);
        SyslogTime time = SyslogTime.endingIn(lastYear, guess);
        Result result = read(source, real, verdict, head, headLength, time, carryIn, handshakes, sink);
        if (time.rolloversSeen() != guess) {
            sink.discard();
            result = read(source, real, verdict, head, headLength, SyslogTime.endingIn(lastYear, time.rolloversSeen()), carryIn,
                    handshakes, sink);
        }
        assert result.newFrom() == skip + 1;
        return result;
    }

    /** Reads an mbox as {@link MailboxImporter#mbox} does, giving the sink each message after the part read before. */
    private static Result mbox(ContentSource source, Fingerprints.Verdict verdict, byte[] head, int headLength, Sink sink)
            throws BadInputException {
        long skip = verdict.skipLines();
        long[] counts = new long[2];
        MailboxImporter.MboxRead read;
        try {
            read = MailboxImporter.readMbox(source, skip, head, headLength,
                    new ImportJob.FileProgress(source.path(), new long[1], 0, ImportProgress.NONE, () -> false), (line, m) -> {
                        counts[0]++;
                        if (m.status() == MailboxMessage.Status.MALFORMED) {
                            counts[1]++;
                        }
                        sink.message(line, m);
                    });
        } catch (ImportCancelledException | java.sql.SQLException e) {
            throw new IllegalStateException("neither cancelled nor written here", e);
        }
        Fingerprint fingerprint = new Fingerprint(read.sha256(), read.length(), Fingerprints.headHash(head, headLength),
                Fingerprints.prefixKey(head, headLength, read.length()), read.lineCount());
        return new Result(ImportFormat.MBOX, fingerprint, verdict.earlier(), false, skip + 1, read.lineCount(),
                new LogStats(read.lineCount(), counts[0], 0, counts[1], 0, 0), List.of(), PostfixParser.Carry.NONE, null);
    }

    private static Result read(ContentSource source, ImportFormat format, Fingerprints.Verdict verdict, byte[] head, int headLength,
                               SyslogTime time, PostfixParser.Carry carryIn, HandshakeServices handshakes, Sink sink)
            throws BadInputException {
        long skip = verdict.skipLines();
        LogSink newLines = new LogSink() {
            @Override
            public void submission(LogSubmission s) {
                if (s.lineNumber() > skip) {
                    sink.submission(s);
                }
            }

            @Override
            public void authFailure(LogAuthFailure f) {
                if (f.lineNumber() > skip) {
                    sink.authFailure(f);
                }
            }
        };
        PostfixParser postfix = format == ImportFormat.POSTFIX
                ? new PostfixParser(time, newLines, PostfixParser.DEFAULT_PENDING_WINDOW, handshakes).continueFrom(carryIn)
                : null;
        LogParser parser = postfix != null ? postfix : new EximParser(newLines, time);
        parser.reportBadFrom(skip + 1);
        LogStats old = LogStats.NONE;
        long at = 0;
        try (LogReader pipeline = new LogReader(source, head, headLength, LogImporter.classifier(format), LinePipeline.QUEUED_BATCHES,
                n -> { })) {
            LinePipeline.Batch batch;
            do {
                batch = pipeline.next();
                for (int i = 0; i < batch.size; i++) {
                    long n = batch.firstLine + i;
                    parser.accept(n, batch.lines[i]);
                    if (n == skip) {
                        old = parser.stats();
                    }
                }
                at = batch.firstLine + batch.size - 1;
                parser.drain();
            } while (!batch.last);
            parser.finish();
            long length = pipeline.lengthAndLines[0];
            long lineFeeds = pipeline.lineFeeds();
            String hash = Fingerprints.hex(pipeline.sha256());
            Fingerprint fingerprint = new Fingerprint(hash, length, Fingerprints.headHash(head, headLength),
                    Fingerprints.prefixKey(head, headLength, length), lineFeeds);
            List<BadLine> bad = parser.badExamples().stream().filter(b -> b.lineNumber() > skip).limit(ImportSummary.EXAMPLES).toList();
            return new Result(format, fingerprint, verdict.earlier(), false, skip + 1, pipeline.lines(), parser.stats().since(old), bad,
                    postfix != null ? postfix.carry() : PostfixParser.Carry.NONE, null);
        } catch (IOException e) {
            throw source.failure(e, at + 1);
        }
    }
}
