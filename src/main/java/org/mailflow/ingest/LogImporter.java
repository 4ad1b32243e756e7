package org.mailflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Savepoint;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.mailflow.cache.SourceStore;
import org.mailflow.ingest.logs.EximAuthFailure;
import org.mailflow.ingest.logs.EximParser;
import org.mailflow.ingest.logs.EximSubmission;
import org.mailflow.ingest.logs.LogAuthFailure;
import org.mailflow.ingest.logs.LogSink;
import org.mailflow.ingest.logs.LogSubmission;
import org.mailflow.ingest.logs.PostfixParser;
import org.mailflow.ingest.logs.SyslogTime;
import org.mailflow.smtpauth.TlsVersion;

/**
 * Imports one Postfix or Exim log into the SMTP AUTH tables: every submission (one row with its
 * message-id, time, client IP, TLS version and cipher) and every failed authentication.
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

    static ImportSummary.FileResult run(ImportJob.Target target, ContentSource source, ImportFormat format,
                                        Fingerprints.Verdict verdict, byte[] head, int headLength, ImportJob.FileProgress progress)
            throws BadInputException, ImportCancelledException, SQLException {
        if (format != ImportFormat.POSTFIX) {
            return read(target, source, format, verdict, head, headLength, progress, null);
        }
        if (target.options().year().isPresent()) {
            return read(target, source, format, verdict, head, headLength, progress,
                    SyslogTime.startingIn(target.options().year().getAsInt()));
        }
        int lastYear = modifiedYear(source);
        if (!hasClassicStamp(head, headLength)) {
            return read(target, source, format, verdict, head, headLength, progress, SyslogTime.endingIn(lastYear, 0));
        }
        // The year rule needs the rollovers of the whole file before its first line can be dated: guess
        // them, read, and read again in the rare case the guess was wrong (see guessRollovers).
        int guess = guessRollovers(source, head, headLength);
        Savepoint before = target.smtp().savepoint();
        SyslogTime time = SyslogTime.endingIn(lastYear, guess);
        ImportSummary.FileResult result = read(target, source, format, verdict, head, headLength, progress, time);
        if (time.rolloversSeen() != guess) {
            target.smtp().rollBackTo(before);
            progress.rewind();
            time = SyslogTime.endingIn(lastYear, time.rolloversSeen());
            result = read(target, source, format, verdict, head, headLength, progress, time);
        }
        target.smtp().release(before);
        return result;
    }

    /** Reads the log once; {@code time} dates a Postfix log's lines (null for Exim, whose lines carry their date). */
    private static ImportSummary.FileResult read(ImportJob.Target target, ContentSource source, ImportFormat format,
                                                 Fingerprints.Verdict verdict, byte[] head, int headLength,
                                                 ImportJob.FileProgress progress, SyslogTime time)
            throws BadInputException, ImportCancelledException, SQLException {
        long skip = verdict.skipLines();
        Counter counter = new Counter(target, skip);
        Reader reader = format == ImportFormat.POSTFIX ? postfix(time, counter) : exim(counter);
        LinePipeline.Classifier classifier = reader instanceof PostfixReader ? PostfixReader::classify : null;
        long[] lengthAndLines = new long[2];
        long linesRead;
        long at = 0;
        byte[] sha256;
        try (BackgroundDigest digest = new BackgroundDigest(Fingerprints.sha256(), source.path().getFileName().toString());
             InputStream raw = source.content(progress::bytes);
             InputStream hashed = new Hashing(raw, digest, lengthAndLines);
             LinePipeline pipeline = new LinePipeline(hashed, classifier, source.path().getFileName().toString())) {
            long checked = 0;
            LinePipeline.Batch batch;
            do {
                batch = pipeline.next();
                for (int i = 0; i < batch.size; i++) {
                    long n = batch.firstLine + i;
                    at = n;
                    reader.accept(n, batch.lines[i]);
                    if (n == skip) {
                        reader.markOldEnd();
                    }
                }
                reader.flush();
                if (at - checked >= CHECK_EVERY) {
                    checked = at;
                    progress.check();
                }
            } while (!batch.last);
            reader.finish();
            reader.flush();
            linesRead = pipeline.lines();
            lengthAndLines[1] = pipeline.lineFeeds();
            sha256 = digest.digest();
        } catch (IOException e) {
            throw source.failure(e, at + 1);
        } catch (UncheckedSql e) {
            throw e.getCause();
        }
        long newLines = Math.max(0, linesRead - skip);
        SourceStore.insert(target.c(), Fingerprints.hex(sha256), lengthAndLines[0], Fingerprints.headHash(head, headLength),
                Fingerprints.leadHash(head, headLength), lengthAndLines[1], format.token(), source.path().getFileName().toString(),
                counter.submissions);
        ImportSummary.Status status = skip == 0 ? ImportSummary.Status.IMPORTED : ImportSummary.Status.CONTINUED;
        return new ImportSummary.FileResult(source.path(), format.token(), status, 0, reader.bad(), reader.badExamples(), skip + 1,
                counter.submissions, counter.failures, newLines, reader.irrelevant(), 0, null);
    }

    /** Writes what the parsers find on new lines, counts it, and drops what belongs to lines imported before. */
    private static final class Counter {
        final ImportJob.Target target;
        final long skip;
        long submissions;
        long failures;

        Counter(ImportJob.Target target, long skip) {
            this.target = target;
            this.skip = skip;
        }

        boolean isNew(long lineNumber) {
            return lineNumber > skip;
        }

        void submission(long lineNumber, long epochSecond, String sender, String domain, String method, String clientIp,
                        TlsVersion tls, String cipher, String server, String messageId) {
            if (!isNew(lineNumber)) {
                return;
            }
            try {
                target.smtp().addSubmission(Math.floorDiv(epochSecond, 86_400L), epochSecond, sender, domain, method, clientIp, tls,
                        cipher, server, messageId, 1);
            } catch (SQLException e) {
                throw new UncheckedSql(e);
            }
            submissions++;
        }

        void failure(long lineNumber, long epochSecond, String account, String clientIp) {
            if (!isNew(lineNumber)) {
                return;
            }
            try {
                target.smtp().addFailures(Math.floorDiv(epochSecond, 86_400L), account, clientIp, 1);
            } catch (SQLException e) {
                throw new UncheckedSql(e);
            }
            failures++;
        }
    }

    /** One parser behind a common face; counts and bad lines are of the new lines only. */
    interface Reader {
        /** A line: its text, or what the pipeline's classifier read from its bytes. */
        void accept(long lineNumber, Object line);

        /** Called after the last line imported before: what was counted so far is not news. */
        void markOldEnd();

        /** Writes what the lines given so far have completed. */
        void flush();

        void finish();

        long bad();

        long irrelevant();

        List<ImportSummary.BadRow> badExamples();
    }

    private static Reader postfix(SyslogTime time, Counter counter) {
        Found found = new Found();
        return new PostfixReader(new PostfixParser(time, found), counter, found);
    }

    /**
     * What the Postfix parser emits, in order, held until the reader's {@link Reader#flush} writes it.
     * Writing at one place, once per batch of lines, rather than from inside each of the parser's
     * handlers keeps the code the JIT compiles for each handler small (see {@link PostfixParser.Line}).
     */
    static final class Found implements LogSink {
        private List<Object> items = new ArrayList<>();

        @Override
        public void submission(LogSubmission s) {
            items.add(s);
        }

        @Override
        public void authFailure(LogAuthFailure f) {
            items.add(f);
        }

        void writeTo(Counter counter) {
            for (Object o : items) {
                if (o instanceof LogSubmission s) {
                    counter.submission(s.lineNumber(), s.epochSecond(), s.sender(), s.domain(), s.authMethod(), s.clientIp(), s.tls(),
                            s.tlsCipher(), s.server(), s.messageId());
                } else {
                    LogAuthFailure f = (LogAuthFailure) o;
                    counter.failure(f.lineNumber(), f.epochSecond(), f.account(), f.clientIp());
                }
            }
            items = new ArrayList<>(); // a fresh list, young like what it will hold, rather than an old one cleared
        }
    }

    /** The Postfix parser, with the byte-level pass-over of lines whose program is not read. */
    static final class PostfixReader implements Reader {
        private final PostfixParser parser;
        private final Counter counter;
        private final Found found;
        private PostfixParser.Stats old = new PostfixParser.Stats(0, 0, 0, 0, 0, 0);

        /** A reader of a parser that emits to a sink of its own (the results are not written here). */
        PostfixReader(PostfixParser parser) {
            this(parser, null, null);
        }

        PostfixReader(PostfixParser parser, Counter counter, Found found) {
            this.parser = parser;
            this.counter = counter;
            this.found = found;
        }

        @Override
        public void flush() {
            parser.drain();
            if (found != null) {
                found.writeTo(counter);
            }
        }

        @Override
        public void accept(long lineNumber, Object line) {
            if (line instanceof String text) {
                parser.accept(lineNumber, text);
            } else {
                ((PostfixParser.Line) line).feed(parser, lineNumber);
            }
        }

        private static final byte[] SMTPD = ascii("smtpd");
        private static final byte[] CLEANUP = ascii("cleanup");
        private static final byte[] QMGR = ascii("qmgr");
        private static final byte[] CONNECT = ascii("connect from ");
        private static final byte[] DISCONNECT = ascii("disconnect from ");
        private static final byte[] LOST = ascii("lost connection ");
        private static final byte[] TLS_ESTABLISHED = ascii("TLS connection established from ");
        private static final byte[] WARNING = ascii(PostfixParser.WARNING);
        private static final byte[] AUTH_FAILED = ascii(" authentication failed");
        private static final byte[] SASL = ascii(PostfixParser.SASL);
        private static final byte[] SASL_USERNAME = ascii(PostfixParser.SASL_USERNAME);
        private static final byte[] SASL_METHOD = ascii("sasl_method=");
        private static final byte[] SASL_ = ascii("sasl_");
        private static final byte[] CLIENT = ascii("client=");
        private static final byte[] MESSAGE_ID = ascii("message-id=");
        private static final byte[] REMOVED = ascii("removed");
        private static final byte[] FROM = ascii("from=");
        private static final byte[] NOQUEUE = ascii("NOQUEUE");
        private static final byte[] COMMA = ascii(", ");
        private static final byte[] COLON = ascii(": ");

        /**
         * Reads a line from its bytes where that gives exactly what {@link PostfixParser#accept(long, String)}
         * would find (PostfixParser.Header.parse and its smtpd, cleanup and qmgr handlers, mirrored here
         * on bytes): {@link PostfixParser#passedOver} for a line it would find irrelevant, the
         * {@link PostfixParser.Line} of a relevant line, null for a line in any shape this does not know
         * for certain (decoded and parsed as text). It
         * is only given lines of ASCII (see {@link LineReader.Skip}).
         */
        static Object classify(byte[] b, int off, int len) {
            int end = off + len;
            if (len < 5) {
                return null;
            }
            int i;
            int month = 0;
            int day = -1;
            int dayEnd = -1;
            if (digit(b[off])) {
                i = indexOf(b, off, end, ' ');
            } else {
                if (b[off + 3] != ' ') {
                    return null;
                }
                day = off + 4;
                while (day < end && b[day] == ' ') {
                    day++;
                }
                if (day < end && digit(b[day])) {
                    month = SyslogTime.monthOf(b[off], b[off + 1], b[off + 2]);
                }
                dayEnd = indexOf(b, day, end, ' ');
                i = dayEnd < 0 ? -1 : indexOf(b, dayEnd + 1, end, ' ');
            }
            if (i < 0) {
                return null;
            }
            int hostEnd = indexOf(b, i + 1, end, ' ');
            if (hostEnd < 0 || hostEnd == i + 1) {
                return null;
            }
            int tagEnd = indexOf(b, hostEnd + 1, end, COLON);
            if (tagEnd < 0) {
                return null;
            }
            int open = -1;
            for (int k = hostEnd + 1; k < tagEnd; k++) {
                if (b[k] == ' ') {
                    return null; // not a syslog tag: left to the parser
                }
                if (b[k] == '[' && open < 0) {
                    open = k;
                }
            }
            boolean hasPid = open >= 0 && b[tagEnd - 1] == ']';
            int programEnd = hasPid ? open : tagEnd;
            int slash = programEnd - 1;
            while (slash > hostEnd && b[slash] != '/') {
                slash--;
            }
            if (slash == hostEnd) {
                return PostfixParser.passedOver(month);
            }
            int daemon = slash + 1;
            int daemonLength = programEnd - daemon;
            int m = tagEnd + 2; // the message
            if (is(b, daemon, daemonLength, SMTPD)) {
                return smtpd(b, off, i, hostEnd, hasPid ? open + 1 : -1, tagEnd, m, end, month, day, dayEnd);
            }
            if (is(b, daemon, daemonLength, CLEANUP)) {
                int colon = queueIdEnd(b, m, end);
                if (colon < 0 || !startsWith(b, colon + 2, end, MESSAGE_ID)) {
                    return PostfixParser.passedOver(month);
                }
                return new PostfixParser.MessageIdLine(month, key(b, i + 1, hostEnd, m, colon),
                        text(b, colon + 2 + MESSAGE_ID.length, end));
            }
            if (is(b, daemon, daemonLength, QMGR)) {
                int colon = queueIdEnd(b, m, end);
                if (colon < 0) {
                    return PostfixParser.passedOver(month);
                }
                if (startsWith(b, colon + 2, end, REMOVED)) {
                    return new PostfixParser.RemovedLine(month, key(b, i + 1, hostEnd, m, colon));
                }
                if (!startsWith(b, colon + 2, end, FROM)) {
                    return PostfixParser.passedOver(month);
                }
                return new PostfixParser.FromLine(month, key(b, i + 1, hostEnd, m, colon),
                        text(b, colon + 2 + FROM.length, end));
            }
            return PostfixParser.passedOver(month);
        }

        /**
         * An smtpd message {@code b[m..end)}; the stamp ends at {@code stampEnd} (its day at
         * {@code b[day..dayEnd)} when classic), the host is {@code b[stampEnd+1..hostEnd)}, the pid
         * {@code b[pid..tagEnd-1)} ({@code pid} -1 when the tag has none).
         */
        private static Object smtpd(byte[] b, int off, int stampEnd, int hostEnd, int pid, int tagEnd, int m, int end, int month,
                                    int day, int dayEnd) {
            if (startsWith(b, m, end, CONNECT) || startsWith(b, m, end, DISCONNECT) || startsWith(b, m, end, LOST)) {
                return new PostfixParser.ConnectionLine(month, connection(b, stampEnd, hostEnd, pid, tagEnd));
            }
            int tls = tlsEstablished(b, m, end);
            if (tls >= 0) {
                return new PostfixParser.TlsLine(month, connection(b, stampEnd, hostEnd, pid, tagEnd),
                        text(b, tls + TLS_ESTABLISHED.length, end));
            }
            int failed = -1;
            int sasl = -1;
            int colon = -1;
            if (startsWith(b, m, end, WARNING)) {
                failed = indexOf(b, m, end, AUTH_FAILED);
                sasl = failed < 0 ? -1 : indexOf(b, m, end, SASL);
                if (sasl < 0 || sasl > failed) {
                    return PostfixParser.passedOver(month);
                }
            } else {
                colon = queueIdEnd(b, m, end);
                if (colon < 0 || !startsWith(b, colon + 2, end, CLIENT) || !saslField(b, colon, end)) {
                    return PostfixParser.passedOver(month); // not a client= line, or one without SASL: inbound mail
                }
            }
            // a SASL failure (failed >= 0) or a SASL client= line (colon >= 0)
            PostfixParser.BytesStamp at = stamp(b, off, stampEnd, month, day, dayEnd);
            if (at == null) {
                return null;
            }
            String host = text(b, stampEnd + 1, hostEnd);
            if (colon >= 0) {
                return new PostfixParser.ClientLine(month, at, host, connection(b, stampEnd, hostEnd, pid, tagEnd),
                        key(b, stampEnd + 1, hostEnd, m, colon), text(b, colon + 2, end));
            }
            int client = m + WARNING.length;
            int u = indexOf(b, failed, end, SASL_USERNAME);
            String account = null;
            if (u >= 0) {
                int from = u + SASL_USERNAME.length;
                int comma = indexOf(b, from, end, COMMA);
                account = text(b, from, comma < 0 ? end : comma);
            }
            return new PostfixParser.FailureLine(month, at, host, sasl < client ? "" : text(b, client, sasl),
                    text(b, Math.min(sasl + SASL.length, failed), failed), account);
        }

        /** True when {@code b[from..end)} holds {@code sasl_method=} or {@code sasl_username=}. */
        private static boolean saslField(byte[] b, int from, int end) {
            for (int k = indexOf(b, from, end, SASL_); k >= 0; k = indexOf(b, k + 1, end, SASL_)) {
                if (startsWith(b, k, end, SASL_METHOD) || startsWith(b, k, end, SASL_USERNAME)) {
                    return true;
                }
            }
            return false;
        }

        /** The stamp {@code b[off..stampEnd)} read from its bytes, or null when it must be read as text. */
        private static PostfixParser.BytesStamp stamp(byte[] b, int off, int stampEnd, int month, int day, int dayEnd) {
            long v = day < 0 ? SyslogTime.rfc3339Stamp(b, off, stampEnd) : SyslogTime.classicStamp(b, day, dayEnd, stampEnd, month);
            return v == SyslogTime.UNREAD ? null : new PostfixParser.BytesStamp(day >= 0, v);
        }

        /** The parser's key of an smtpd process: {@code host + '\0' + pid} ({@code pid} -1: the tag has none). */
        private static String connection(byte[] b, int stampEnd, int hostEnd, int pid, int tagEnd) {
            return pid < 0 ? key(b, stampEnd + 1, hostEnd, 0, 0) : key(b, stampEnd + 1, hostEnd, pid, tagEnd - 1);
        }

        /**
         * PostfixParser.queueIdEnd on the message {@code b[m..end)}: the index of the ": " after a queue id,
         * or -1. One pass: the queue id is the run of letters and digits at the start, and the first
         * ": " is right after it or the message has none where PostfixParser.queueIdEnd would take it.
         */
        static int queueIdEnd(byte[] b, int m, int end) {
            int k = m;
            int limit = Math.min(end, m + 25);
            while (k < limit && (b[k] >= '0' && b[k] <= '9' || b[k] >= 'A' && b[k] <= 'Z' || b[k] >= 'a' && b[k] <= 'z')) {
                k++;
            }
            if (k - m < 5 || k - m > 24 || k + 1 >= end || b[k] != ':' || b[k + 1] != ' ') {
                return -1;
            }
            return startsWith(b, m, end, NOQUEUE) ? -1 : k;
        }

        private static boolean digit(byte c) {
            return c >= '0' && c <= '9';
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }

        private static String text(byte[] b, int from, int to) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }

        private static boolean is(byte[] b, int at, int length, byte[] name) {
            return length == name.length && startsWith(b, at, at + length, name);
        }

        private static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
            if (end - at < prefix.length) {
                return false;
            }
            for (int k = 0; k < prefix.length; k++) {
                if (b[at + k] != prefix[k]) {
                    return false;
                }
            }
            return true;
        }

        /** The first index of {@code s} in {@code b[from..to)}, or -1. */
        private static int indexOf(byte[] b, int from, int to, byte[] s) {
            byte first = s[0];
            for (int k = from, last = to - s.length; k <= last; k++) {
                if (b[k] == first && startsWith(b, k, to, s)) {
                    return k;
                }
            }
            return -1;
        }

        /**
         * {@code host + '\0' + id} from {@code b[host..hostEnd)} and {@code b[id..idEnd)}, the parser's
         * key of a connection or a queue entry, made in one piece.
         */
        private static String key(byte[] b, int host, int hostEnd, int id, int idEnd) {
            int h = hostEnd - host;
            byte[] k = new byte[h + 1 + idEnd - id];
            System.arraycopy(b, host, k, 0, h);
            System.arraycopy(b, id, k, h + 1, idEnd - id);
            return new String(k, StandardCharsets.ISO_8859_1);
        }

        /** PostfixParser.tlsEstablishedAt on the message {@code b[m..end)}: the index of TLS_ESTABLISHED, or -1. */
        static int tlsEstablished(byte[] b, int m, int end) {
            if (startsWith(b, m, end, TLS_ESTABLISHED)) {
                return m;
            }
            int sp = m;
            while (sp < end && sp - m <= PostfixParser.TLS_WORD && (b[sp] >= 'a' && b[sp] <= 'z' || b[sp] >= 'A' && b[sp] <= 'Z')) {
                sp++;
            }
            return sp > m && sp - m <= PostfixParser.TLS_WORD && sp < end && b[sp] == ' ' && startsWith(b, sp + 1, end, TLS_ESTABLISHED)
                    ? sp + 1 : -1;
        }

        @Override
        public void markOldEnd() {
            old = parser.stats();
        }

        @Override
        public void finish() {
            parser.finish();
        }

        @Override
        public long bad() {
            return parser.stats().bad() - old.bad();
        }

        @Override
        public long irrelevant() {
            return parser.stats().irrelevant() - old.irrelevant();
        }

        @Override
        public List<ImportSummary.BadRow> badExamples() {
            return parser.badExamples().stream().filter(b -> counter.isNew(b.lineNumber()))
                    .map(b -> new ImportSummary.BadRow(b.lineNumber(), b.reason())).limit(ImportSummary.EXAMPLES).toList();
        }

        private static int indexOf(byte[] b, int from, int to, char c) {
            for (int k = from; k < to; k++) {
                if (b[k] == c) {
                    return k;
                }
            }
            return -1;
        }
    }

    private static Reader exim(Counter counter) {
        EximParser parser = new EximParser(new EximParser.Sink() {
            @Override
            public void submission(EximSubmission s) {
                counter.submission(s.lineNumber(), s.epochSecond(), s.sender(), s.domain(), s.authMethod(), s.clientIp(), s.tls(),
                        s.tlsCipher(), null, s.messageId());
            }

            @Override
            public void authFailure(EximAuthFailure f) {
                counter.failure(f.lineNumber(), f.epochSecond(), f.account(), f.clientIp());
            }
        });
        return new Reader() {
            private long oldBad;
            private long oldIrrelevant;

            @Override
            public void accept(long lineNumber, Object line) {
                parser.accept(lineNumber, (String) line);
            }

            @Override
            public void markOldEnd() {
                oldBad = parser.malformedCount();
                oldIrrelevant = parser.irrelevant() + parser.unattributedAuthFailures();
            }

            @Override
            public void finish() {
                // Exim writes everything about a reception on one line: nothing is pending.
            }

            @Override
            public void flush() {
                // written as found
            }

            @Override
            public long bad() {
                return parser.malformedCount() - oldBad;
            }

            @Override
            public long irrelevant() {
                return parser.irrelevant() + parser.unattributedAuthFailures() - oldIrrelevant;
            }

            @Override
            public List<ImportSummary.BadRow> badExamples() {
                return parser.malformed().stream().filter(b -> counter.isNew(b.lineNumber()))
                        .map(b -> new ImportSummary.BadRow(b.lineNumber(), b.reason())).limit(ImportSummary.EXAMPLES).toList();
            }
        };
    }

    private static int modifiedYear(ContentSource source) throws BadInputException {
        try {
            Instant t = Files.getLastModifiedTime(source.path()).toInstant();
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
     * <li>A compressed file cannot be read at chosen places: one rollover when the first line's
     * month is later than the month of the file's modification time (a log rotated in early January
     * that began in December), else none.</li>
     * </ul>
     */
    static int guessRollovers(ContentSource source, byte[] head, int headLength) throws BadInputException {
        try {
            if (source.lengthOrUnknown() == Long.MAX_VALUE) {
                int first = firstClassicMonth(head, 0, headLength);
                Instant t = Files.getLastModifiedTime(source.path()).toInstant();
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

    /** Carries an SQL failure out of a parser's sink. */
    static final class UncheckedSql extends RuntimeException {
        UncheckedSql(SQLException e) {
            super(e);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
