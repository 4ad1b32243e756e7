package org.mailflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
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
        long skip = verdict.skipLines();
        Counter counter = new Counter(target, skip);
        Reader reader = format == ImportFormat.POSTFIX
                ? postfix(target, source, head, headLength, counter)
                : exim(counter);
        LinePipeline.Classifier classifier = reader instanceof PostfixReader ? PostfixReader::classify : null;
        MessageDigest digest = Fingerprints.sha256();
        long[] lengthAndLines = new long[2];
        long linesRead;
        long at = 0;
        try (InputStream raw = source.content(progress::bytes);
             InputStream hashed = new Hashing(raw, digest, lengthAndLines, null);
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
                if (at - checked >= CHECK_EVERY) {
                    checked = at;
                    progress.check();
                }
            } while (!batch.last);
            reader.finish();
            linesRead = pipeline.lines();
            lengthAndLines[1] = pipeline.lineFeeds();
        } catch (IOException e) {
            throw source.failure(e, at + 1);
        } catch (UncheckedSql e) {
            throw e.getCause();
        }
        long newLines = Math.max(0, linesRead - skip);
        SourceStore.insert(target.c(), Fingerprints.hex(digest.digest()), lengthAndLines[0], Fingerprints.headHash(head, headLength),
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

        void failure(long lineNumber, long epochSecond, String account) {
            if (!isNew(lineNumber)) {
                return;
            }
            try {
                target.smtp().addFailures(Math.floorDiv(epochSecond, 86_400L), account, 1);
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

        void finish();

        long bad();

        long irrelevant();

        List<ImportSummary.BadRow> badExamples();
    }

    private static Reader postfix(ImportJob.Target target, ContentSource source, byte[] head, int headLength, Counter counter)
            throws BadInputException {
        SyslogTime time;
        if (target.options().year().isPresent()) {
            time = SyslogTime.startingIn(target.options().year().getAsInt());
        } else if (hasClassicStamp(head, headLength)) {
            // The year of the last line is the year of the file's modification time (SPEC 5).
            int rollovers;
            try (InputStream in = source.content(n -> { })) {
                rollovers = countRollovers(in);
            } catch (IOException e) {
                throw source.failure(e, 0);
            }
            time = SyslogTime.endingIn(modifiedYear(source), rollovers);
        } else {
            time = SyslogTime.endingIn(modifiedYear(source), 0);
        }
        PostfixParser parser = new PostfixParser(time, new LogSink() {
            @Override
            public void submission(LogSubmission s) {
                counter.submission(s.lineNumber(), s.epochSecond(), s.sender(), s.domain(), s.authMethod(), s.clientIp(), s.tls(),
                        s.tlsCipher(), s.server(), s.messageId());
            }

            @Override
            public void authFailure(LogAuthFailure f) {
                counter.failure(f.lineNumber(), f.epochSecond(), f.account());
            }
        });
        return new PostfixReader(parser, counter);
    }

    /** The Postfix parser, with the byte-level pass-over of lines whose program is not read. */
    static final class PostfixReader implements Reader {
        private final PostfixParser parser;
        private final Counter counter;
        private PostfixParser.Stats old = new PostfixParser.Stats(0, 0, 0, 0, 0, 0);

        PostfixReader(PostfixParser parser, Counter counter) {
            this.parser = parser;
            this.counter = counter;
        }

        @Override
        public void accept(long lineNumber, Object line) {
            if (line instanceof String text) {
                parser.accept(lineNumber, text);
            } else if (line instanceof PassOver p) {
                parser.passOver(lineNumber, p.month());
            } else {
                Read r = (Read) line;
                parser.acceptRead(lineNumber, r.month(), r.kind(), r.key(), r.value());
            }
        }

        /** A line passed over, with the month of its classic stamp (0 when it has none). */
        record PassOver(int month) {
        }

        private static final PassOver[] PASS = new PassOver[13];

        static {
            for (int m = 0; m < PASS.length; m++) {
                PASS[m] = new PassOver(m);
            }
        }

        /** A line read from its bytes, for {@link PostfixParser#acceptRead}. */
        record Read(int month, PostfixParser.Read kind, String key, String value) {
        }

        private static final String TLS_ESTABLISHED = "TLS connection established from ";
        private static final byte[] SMTPD = ascii("smtpd");
        private static final byte[] CLEANUP = ascii("cleanup");
        private static final byte[] QMGR = ascii("qmgr");

        /**
         * Reads a line from its bytes where that gives exactly what {@link PostfixParser#accept(long, String)}
         * would find (PostfixParser.Header.parse and its smtpd, cleanup and qmgr handlers, mirrored here
         * on bytes): a {@link PassOver} for a line it would find irrelevant, a {@link Read} for the most
         * common relevant lines, null for every other line (decoded and parsed as text). Only lines of
         * ASCII are read here; any other line is left to the parser.
         */
        static Object classify(byte[] b, int off, int len) {
            int end = off + len;
            if (len < 5 || !ascii(b, off, end)) {
                return null;
            }
            int i;
            int month = 0;
            if (b[off] >= '0' && b[off] <= '9') {
                i = indexOf(b, off, end, ' ');
            } else {
                if (b[off + 3] != ' ') {
                    return null;
                }
                int d = off + 4;
                while (d < end && b[d] == ' ') {
                    d++;
                }
                if (d < end && b[d] >= '0' && b[d] <= '9') {
                    month = SyslogTime.monthOf(b[off] & 0xff, b[off + 1] & 0xff, b[off + 2] & 0xff);
                }
                int afterDay = indexOf(b, d, end, ' ');
                i = afterDay < 0 ? -1 : indexOf(b, afterDay + 1, end, ' ');
            }
            if (i < 0) {
                return null;
            }
            int hostEnd = indexOf(b, i + 1, end, ' ');
            if (hostEnd < 0 || hostEnd == i + 1) {
                return null;
            }
            int tagEnd = indexOf(b, hostEnd + 1, end, ": ");
            if (tagEnd < 0) {
                return null;
            }
            int programEnd = tagEnd;
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
            if (hasPid) {
                programEnd = open;
            }
            int slash = -1;
            for (int k = programEnd - 1; k > hostEnd; k--) {
                if (b[k] == '/') {
                    slash = k;
                    break;
                }
            }
            if (slash < 0) {
                return PASS[month];
            }
            int daemon = slash + 1;
            int daemonLength = programEnd - daemon;
            int m = tagEnd + 2; // the message
            if (is(b, daemon, daemonLength, SMTPD)) {
                if (startsWith(b, m, end, "connect from ") || startsWith(b, m, end, "disconnect from ")
                        || startsWith(b, m, end, "lost connection ")) {
                    String pid = hasPid ? text(b, open + 1, tagEnd - 1) : "";
                    return new Read(month, PostfixParser.Read.CONNECTION, text(b, i + 1, hostEnd) + '\0' + pid, null);
                }
                int tls = indexOf(b, m, end, TLS_ESTABLISHED);
                if (tls >= 0) {
                    String pid = hasPid ? text(b, open + 1, tagEnd - 1) : "";
                    return new Read(month, PostfixParser.Read.TLS, text(b, i + 1, hostEnd) + '\0' + pid,
                            text(b, tls + TLS_ESTABLISHED.length(), end));
                }
                if (startsWith(b, m, end, "warning: ")) {
                    return indexOf(b, m, end, " authentication failed") >= 0 ? null : PASS[month];
                }
                int colon = queueIdEnd(b, m, end);
                if (colon < 0 || !startsWith(b, colon + 2, end, "client=")) {
                    return PASS[month];
                }
                boolean sasl = indexOf(b, m, end, "sasl_method=") >= 0 || indexOf(b, m, end, "sasl_username=") >= 0;
                return sasl ? null : PASS[month]; // client= without SASL: inbound mail
            }
            if (is(b, daemon, daemonLength, CLEANUP)) {
                int colon = queueIdEnd(b, m, end);
                if (colon < 0 || !startsWith(b, colon + 2, end, "message-id=")) {
                    return PASS[month];
                }
                return new Read(month, PostfixParser.Read.MESSAGE_ID, text(b, i + 1, hostEnd) + '\0' + text(b, m, colon),
                        text(b, colon + 2 + "message-id=".length(), end));
            }
            if (is(b, daemon, daemonLength, QMGR)) {
                int colon = queueIdEnd(b, m, end);
                if (colon < 0) {
                    return PASS[month];
                }
                if (startsWith(b, colon + 2, end, "removed")) {
                    return new Read(month, PostfixParser.Read.REMOVED, text(b, i + 1, hostEnd) + '\0' + text(b, m, colon), null);
                }
                if (!startsWith(b, colon + 2, end, "from=")) {
                    return PASS[month];
                }
                return new Read(month, PostfixParser.Read.FROM, text(b, i + 1, hostEnd) + '\0' + text(b, m, colon),
                        text(b, colon + 2 + "from=".length(), end));
            }
            return PASS[month];
        }

        /** PostfixParser.queueIdEnd on the message {@code b[m..end)}: the index of the ": " after a queue id, or -1. */
        static int queueIdEnd(byte[] b, int m, int end) {
            int colon = indexOf(b, m, end, ": ");
            if (colon < 0 || colon - m < 5 || colon - m > 24) {
                return -1;
            }
            for (int k = m; k < colon; k++) {
                byte c = b[k];
                if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                    return -1;
                }
            }
            return startsWith(b, m, end, "NOQUEUE") ? -1 : colon;
        }

        private static boolean ascii(byte[] b, int from, int to) {
            for (int k = from; k < to; k++) {
                if (b[k] < 0) {
                    return false;
                }
            }
            return true;
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }

        private static String text(byte[] b, int from, int to) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }

        private static boolean is(byte[] b, int at, int length, byte[] name) {
            return length == name.length && regionEquals(b, at, name);
        }

        private static boolean startsWith(byte[] b, int at, int end, String prefix) {
            if (end - at < prefix.length()) {
                return false;
            }
            for (int k = 0; k < prefix.length(); k++) {
                if (b[at + k] != prefix.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        private static int indexOf(byte[] b, int from, int to, String s) {
            char first = s.charAt(0);
            for (int k = from; k + s.length() <= to; k++) {
                if (b[k] == first && startsWith(b, k, to, s)) {
                    return k;
                }
            }
            return -1;
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

        private static boolean regionEquals(byte[] b, int at, byte[] name) {
            for (int k = 0; k < name.length; k++) {
                if (b[at + k] != name[k]) {
                    return false;
                }
            }
            return true;
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
                counter.failure(f.lineNumber(), f.epochSecond(), f.account());
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

    /**
     * The pre-pass of the year rule ({@link SyslogTime#countRollovers}), on bytes: only the first
     * characters of each line are looked at, so it runs at the speed of the disk.
     */
    static int countRollovers(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 18];
        int carry = 0; // bytes of an unfinished line kept at the start of buf (at most 16)
        boolean atLineStart = true;
        int previous = 0;
        int rollovers = 0;
        int n;
        while ((n = in.read(buf, carry, buf.length - carry)) >= 0 || carry > 0) {
            int limit = carry + Math.max(n, 0);
            boolean last = n < 0;
            int i = 0;
            carry = 0;
            while (i < limit) {
                if (atLineStart) {
                    if (limit - i < 16 && !last) {
                        // too little to read a stamp: keep it for the next read
                        System.arraycopy(buf, i, buf, 0, limit - i);
                        carry = limit - i;
                        break;
                    }
                    int month = classicMonth(buf, i, limit);
                    if (month > 0) {
                        if (previous != 0 && month < previous) {
                            rollovers++;
                        }
                        previous = month;
                    }
                    atLineStart = false;
                }
                int nl = SourceSniffer.indexOf(buf, i, limit, (byte) '\n');
                if (nl < 0) {
                    i = limit;
                } else {
                    i = nl + 1;
                    atLineStart = true;
                }
            }
            if (last) {
                break;
            }
        }
        return rollovers;
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
