package org.mailflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.mailflow.cache.SmtpStore;
import org.mailflow.cache.SourceStore;
import org.mailflow.ingest.logs.EximParser;
import org.mailflow.ingest.logs.LogAuthFailure;
import org.mailflow.ingest.logs.LogParser;
import org.mailflow.ingest.logs.LogSink;
import org.mailflow.ingest.logs.LogStats;
import org.mailflow.ingest.logs.LogSubmission;
import org.mailflow.ingest.logs.PostfixBytes;
import org.mailflow.ingest.logs.PostfixParser;
import org.mailflow.ingest.logs.SyslogTime;

/**
 * Imports one Postfix or Exim log into the SMTP AUTH tables: every submission (one row with its
 * message-id, time, client IP, TLS version and cipher; its recipients go into the daily aggregate)
 * and every failed authentication. Both logs go
 * through one {@link LogParser} and one {@link LogSink} ({@link Counter}); the Postfix parser reads most
 * lines from their bytes ({@link PostfixBytes}) on the reading thread.
 *
 * <p>A log that has grown since an earlier import is read from its first line all the same, but
 * only what its new lines hold is written: the Postfix parser needs the earlier lines to know the
 * TLS of a connection that began before the old end, and the year of classic timestamps. A
 * submission belongs to the line of its {@code client=} (Postfix) or {@code <=} (Exim); a
 * submission whose line was imported before is never written again.
 */
final class LogImporter {
    private static final int CHECK_EVERY = 4096;

    private LogImporter() {
    }

    /**
     * Imports a log. A Postfix log starts with the open connections that the file before it in the
     * import left, when that was the previous file of its rotated series ({@link LogSession#carryFor}),
     * so that a connection across a rotation keeps the TLS its handshake logged.
     */
    static ImportSummary.FileResult run(ImportJob.Target target, ContentSource source, ImportFormat format,
                                        Fingerprints.Verdict verdict, byte[] head, int headLength, ImportJob.FileProgress progress)
            throws BadInputException, ImportCancelledException, SQLException {
        String series = ImportInputs.seriesOf(source.path());
        Reading reading = new Reading(target.logs().carryFor(series, source.path()));
        ImportSummary.FileResult result = run(target, source, format, verdict, head, headLength, progress, reading);
        if (format == ImportFormat.POSTFIX) {
            target.logs().endFile(series, source.path(), reading.carryOut);
        }
        return result;
    }

    /** The open connections a Postfix log starts with ({@link PostfixParser#continueFrom}) and ends with. */
    private static final class Reading {
        final PostfixParser.Carry carryIn;
        PostfixParser.Carry carryOut = PostfixParser.Carry.NONE;

        Reading(PostfixParser.Carry carryIn) {
            this.carryIn = carryIn;
        }
    }

    private static ImportSummary.FileResult run(ImportJob.Target target, ContentSource source, ImportFormat format,
                                                Fingerprints.Verdict verdict, byte[] head, int headLength, ImportJob.FileProgress progress,
                                                Reading reading)
            throws BadInputException, ImportCancelledException, SQLException {
        if (target.options().year().isPresent()) {
            return read(target, source, format, verdict, head, headLength, progress,
                    SyslogTime.startingIn(target.options().year().getAsInt()), reading);
        }
        int lastYear = modifiedYear(source);
        if (!hasClassicStamp(head, headLength)) {
            return read(target, source, format, verdict, head, headLength, progress, SyslogTime.endingIn(lastYear, 0), reading);
        }
        // The year rule needs the rollovers of the whole file before its first line can be dated: guess
        // them, read, and read again in the rare case the guess was wrong (see guessRollovers).
        int guess = guessRollovers(source, head, headLength);
        Savepoint before = target.smtp().savepoint();
        long[] sessionBefore = target.logs().mark();
        SyslogTime time = SyslogTime.endingIn(lastYear, guess);
        ImportSummary.FileResult result = read(target, source, format, verdict, head, headLength, progress, time, reading);
        if (time.rolloversSeen() != guess) {
            target.smtp().rollBackTo(before);
            target.logs().rollBackTo(sessionBefore);
            progress.rewind();
            time = SyslogTime.endingIn(lastYear, time.rolloversSeen());
            result = read(target, source, format, verdict, head, headLength, progress, time, reading);
        }
        target.smtp().release(before);
        return result;
    }

    /** Reads the log once; {@code time} dates its classic syslog stamps. */
    private static ImportSummary.FileResult read(ImportJob.Target target, ContentSource source, ImportFormat format,
                                                 Fingerprints.Verdict verdict, byte[] head, int headLength,
                                                 ImportJob.FileProgress progress, SyslogTime time, Reading reading)
            throws BadInputException, ImportCancelledException, SQLException {
        long skip = verdict.skipLines();
        Counter counter = new Counter(target, skip);
        PostfixParser postfix = format == ImportFormat.POSTFIX
                ? new PostfixParser(time, counter, PostfixParser.DEFAULT_PENDING_WINDOW, target.logs().handshakes())
                        .continueFrom(reading.carryIn)
                : null;
        LogParser parser = postfix != null ? postfix : new EximParser(counter, time);
        parser.reportBadFrom(skip + 1);
        long[] lengthAndLines;
        long linesRead;
        long at = 0;
        byte[] sha256;
        LogStats old = LogStats.NONE;
        LogReader ahead = target.upcoming() == null ? null : target.upcoming().ahead.take(source, format);
        if (ahead != null) {
            progress.bytes(source.rawSize()); // read ahead: its bytes are counted at once
        }
        try (LogReader pipeline = ahead != null ? ahead
                : new LogReader(source, head, headLength, classifier(format), LinePipeline.QUEUED_BATCHES, progress::bytes)) {
            lengthAndLines = pipeline.lengthAndLines;
            if (target.upcoming() != null) {
                target.upcoming().start(); // the next log of the series is read while this one is parsed
            }
            long checked = 0;
            LinePipeline.Batch batch;
            do {
                batch = pipeline.next();
                old = feed(parser, batch, skip, old);
                at = batch.firstLine + batch.size - 1;
                parser.drain();
                counter.write();
                if (at - checked >= CHECK_EVERY) {
                    checked = at;
                    progress.check();
                }
            } while (!batch.last);
            parser.finish();
            counter.write();
            if (postfix != null) {
                reading.carryOut = postfix.carry();
            }
            linesRead = pipeline.lines();
            lengthAndLines[1] = pipeline.lineFeeds();
            sha256 = pipeline.sha256();
        } catch (IOException e) {
            throw source.failure(e, at + 1);
        }
        long newLines = Math.max(0, linesRead - skip);
        SourceStore.insert(target.c(), Fingerprints.hex(sha256), lengthAndLines[0], Fingerprints.headHash(head, headLength),
                Fingerprints.leadHash(head, headLength), Fingerprints.prefixKey(head, headLength, lengthAndLines[0]), lengthAndLines[1],
                format.token(), source.path().getFileName().toString(), counter.submissions);
        LogStats stats = parser.stats().since(old);
        List<ImportSummary.BadRow> bad = parser.badExamples().stream().filter(b -> b.lineNumber() > skip)
                .map(b -> new ImportSummary.BadRow(b.lineNumber(), b.text())).limit(ImportSummary.EXAMPLES).toList();
        ImportSummary.Status status = skip == 0 ? ImportSummary.Status.IMPORTED : ImportSummary.Status.CONTINUED;
        return new ImportSummary.FileResult(source.path(), format.token(), status, 0, stats.bad(), bad, skip + 1,
                counter.submissions, counter.failures, newLines, stats.irrelevant(), 0, null);
    }

    /** What reads a log's lines from their bytes on the reading thread. */
    static LinePipeline.Classifier classifier(ImportFormat format) {
        return format == ImportFormat.POSTFIX ? PostfixBytes::classify : EximParser::classify;
    }

    /**
     * Gives the parser the lines of one batch; returns the counts at line {@code skip} (the end of what
     * was imported before) when the batch holds it, else {@code old}. A method of its own, so that
     * the loop the JIT compiles while the import runs is this small one: as one loop with the batch's
     * results and cache writes, it was compiled all together, a 0.4 s compile on a cold JVM.
     */
    private static LogStats feed(LogParser parser, LinePipeline.Batch batch, long skip, LogStats old) {
        LogStats at = old;
        for (int i = 0; i < batch.size; i++) {
            long n = batch.firstLine + i;
            parser.accept(n, batch.lines[i]);
            if (n == skip) {
                at = parser.stats(); // what was counted so far is not news
            }
        }
        return at;
    }

    /**
     * The one sink of both log parsers: holds what they find until {@link #write()}, once per batch of
     * lines, writes it (a sink that wrote from inside the parser's {@code drain} had the JIT compile the
     * cache writes into every caller of it, see {@link PostfixParser.Line}), counts it, and drops what
     * belongs to lines imported before. A Postfix submission whose TLS only the whole import can decide
     * is counted now and written at its end ({@link LogSession}).
     */
    static final class Counter implements LogSink {
        final ImportJob.Target target;
        final long skip;
        long submissions;
        long failures;
        private List<Object> found = new ArrayList<>();

        Counter(ImportJob.Target target, long skip) {
            this.target = target;
            this.skip = skip;
        }

        @Override
        public void submission(LogSubmission s) {
            found.add(s);
        }

        @Override
        public void authFailure(LogAuthFailure f) {
            found.add(f);
        }

        /** Writes what was found since the last call. */
        void write() throws SQLException {
            if (found.isEmpty()) {
                return;
            }
            List<Object> items = found;
            found = new ArrayList<>(); // a fresh list, young like what it will hold, rather than an old one cleared
            for (Object o : items) {
                if (o instanceof LogSubmission s) {
                    if (s.lineNumber() <= skip) {
                        continue;
                    }
                    submissions++;
                    if (s.undecidedService() != null) {
                        target.logs().defer(s, target.smtp());
                    } else {
                        LogImporter.write(target.smtp(), s);
                        target.logs().written(s);
                    }
                } else {
                    LogAuthFailure f = (LogAuthFailure) o;
                    if (f.lineNumber() <= skip) {
                        continue;
                    }
                    target.smtp().addFailures(Math.floorDiv(f.epochSecond(), 86_400L), f.account(), f.clientIp(), 1);
                    failures++;
                }
            }
        }
    }

    /** Writes one submission of a log, with its time and its recipients (0 when the log did not give them). */
    static void write(SmtpStore.Writer smtp, LogSubmission s) throws SQLException {
        smtp.addSubmission(Math.floorDiv(s.epochSecond(), 86_400L), s.epochSecond(), s.sender(), s.domain(), s.authMethod(),
                s.clientIp(), s.tls(), s.tlsCipher(), s.server(), s.messageId(), 1, s.recipients());
    }

    private static int modifiedYear(ContentSource source) throws BadInputException {
        try {
            Instant t = Instant.ofEpochSecond(source.modifiedEpochSecond());
            return t.atZone(ZoneOffset.UTC).getYear();
        } catch (IOException e) {
            throw source.failure(e, 0);
        }
    }

    /** True when a line of the head starts with a classic syslog stamp ({@code Nov 12 08:30:00}). */
    static boolean hasClassicStamp(byte[] head, int length) {
        int start = 0;
        while (start < length) {
            if (classicMonth(head, start, length) > 0) {
                return true;
            }
            int nl = SourceSniffer.indexOf(head, start, length, (byte) '\n');
            if (nl < 0) {
                return false;
            }
            start = nl + 1;
        }
        return false;
    }

    /** Lines looked at across a plain log to guess its rollovers: one per megabyte, at least this many. */
    static final int MIN_SAMPLES = 64;

    /**
     * A guess at the rollovers ({@link SyslogTime#countRollovers}) of a log with classic stamps, which
     * the year rule needs before the first line can be dated. The importer checks the guess against
     * the rollovers it counts while reading, and reads the file a second time when they differ, so
     * a wrong guess costs time, never correctness. This replaced a full pre-pass over the file (a
     * quarter of a second on a 300 MB log; for a {@code .gz}, decompressing it twice).
     * <ul>
     * <li>A plain file: the month of one line per megabyte (at least {@value #MIN_SAMPLES} lines
     * evenly spread, and the last line); the months going backwards between them are the rollovers.
     * It misses only a year that passes entirely between two of those lines (or a line out of
     * order), which the check then catches.</li>
     * <li>A compressed file, or one not on this machine ({@link StreamedLog}), is not read at chosen places: one rollover when the first line's
     * month is later than the month of the file's modification time (a log rotated in early January
     * that began in December), else none.</li>
     * </ul>
     */
    static int guessRollovers(ContentSource source, byte[] head, int headLength) throws BadInputException {
        try {
            byte[] readAhead = source.preloadedContent();
            if (readAhead != null) {
                return rolloversIn(readAhead); // in memory (a small file read ahead): counted, not guessed
            }
            if (source.lengthOrUnknown() == Long.MAX_VALUE || !source.local()) {
                int first = firstClassicMonth(head, 0, headLength);
                Instant t = Instant.ofEpochSecond(source.modifiedEpochSecond());
                return first > t.atZone(ZoneOffset.UTC).getMonthValue() ? 1 : 0;
            }
            try (FileChannel ch = FileChannel.open(source.path(), StandardOpenOption.READ)) {
                long size = ch.size();
                int samples = (int) Math.max(MIN_SAMPLES, Math.min(1 << 16, size >> 20));
                ByteBuffer window = ByteBuffer.allocate(4096);
                int previous = 0;
                int rollovers = 0;
                for (int k = 0; k <= samples; k++) {
                    long at = k == samples ? Math.max(0, size - window.capacity()) : size * k / samples;
                    window.clear();
                    while (window.hasRemaining() && ch.read(window, at + window.position()) > 0) {
                        // fill the window
                    }
                    byte[] b = window.array();
                    int n = window.position();
                    int month;
                    if (k == samples) {
                        month = lastClassicMonth(b, n);
                    } else {
                        int start = 0;
                        if (at > 0) { // from the first whole line
                            int nl = SourceSniffer.indexOf(b, 0, n, (byte) '\n');
                            start = nl < 0 ? n : nl + 1;
                        }
                        month = firstClassicMonth(b, start, n);
                    }
                    if (month > 0) {
                        if (previous != 0 && month < previous) {
                            rollovers++;
                        }
                        previous = month;
                    }
                }
                return rollovers;
            }
        } catch (IOException e) {
            throw source.failure(e, 0);
        }
    }

    /** The rollovers of a whole content in memory: the months going backwards from one stamped line to the next. */
    static int rolloversIn(byte[] b) {
        int previous = 0;
        int rollovers = 0;
        int i = 0;
        while (i < b.length) {
            int month = classicMonth(b, i, b.length);
            if (month > 0) {
                if (previous != 0 && month < previous) {
                    rollovers++;
                }
                previous = month;
            }
            int nl = SourceSniffer.indexOf(b, i, b.length, (byte) '\n');
            if (nl < 0) {
                break;
            }
            i = nl + 1;
        }
        return rollovers;
    }

    /** The month of the first line of {@code b[start..end)} with a classic stamp, 0 when none has one. */
    private static int firstClassicMonth(byte[] b, int start, int end) {
        int i = start;
        while (i < end) {
            int month = classicMonth(b, i, end);
            if (month > 0) {
                return month;
            }
            int nl = SourceSniffer.indexOf(b, i, end, (byte) '\n');
            if (nl < 0) {
                return 0;
            }
            i = nl + 1;
        }
        return 0;
    }

    /** The month of the last whole line of {@code b[0..end)} (the end of the file) with a classic stamp, 0 when none. */
    private static int lastClassicMonth(byte[] b, int end) {
        int month = 0;
        int nl = SourceSniffer.indexOf(b, 0, end, (byte) '\n');
        for (int i = nl + 1; nl >= 0 && i < end; ) {
            int m = classicMonth(b, i, end);
            if (m > 0) {
                month = m;
            }
            nl = SourceSniffer.indexOf(b, i, end, (byte) '\n');
            i = nl + 1;
        }
        return month;
    }

    /** {@link SyslogTime#classicMonth(String)} on the bytes of a line starting at {@code at}. */
    static int classicMonth(byte[] b, int at, int limit) {
        if (limit - at < 5 || b[at + 3] != ' ') {
            return 0;
        }
        int i = at + 4;
        while (i < limit && b[i] == ' ') {
            i++;
        }
        if (i >= limit || b[i] < '0' || b[i] > '9') {
            return 0;
        }
        return SyslogTime.monthOf(b[at] & 0xff, b[at + 1] & 0xff, b[at + 2] & 0xff);
    }
}
