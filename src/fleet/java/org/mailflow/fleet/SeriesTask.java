package org.mailflow.fleet;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.mailflow.ingest.BadInputException;
import org.mailflow.ingest.ImportFormat;
import org.mailflow.ingest.StreamedLog;
import org.mailflow.ingest.logs.HandshakeServices;
import org.mailflow.ingest.logs.LogAuthFailure;
import org.mailflow.ingest.logs.LogSubmission;
import org.mailflow.ingest.logs.PostfixParser;
import org.mailflow.ingest.mailbox.MailboxMessage;

/**
 * One task of the job: the files of one host's rotated series, read oldest first by the app's own
 * log reading ({@link StreamedLog}), so that a connection open at a rotation continues into the next
 * file with its TLS, and the year rule and fingerprints apply per file as in an import.
 *
 * <p>What the series holds goes to hidden part files in the run's working folder, per day, for
 * {@link FleetImport} to join into the day's files once every task has ended; a series that fails
 * leaves none behind ({@link Result#failure()}), so no half series is ever written. {@code format}
 * and {@code year}, null unless the run names them, are the import's {@code --format} and {@code --year}. Its rows are
 * those that make an import of them give what an import of the logs gives ({@link DayRows}).
 */
record SeriesTask(int index, String series, String host, List<LogFile> files, ImportFormat format, Integer year,
                  String run, String workDir) implements Serializable {

    /** A log file of the series, as its file system listed it. */
    record LogFile(String path, long size, long modifiedMillis) implements Serializable {
    }

    /** What became of one file. {@code status}: new, continued (grown), already, "passed over: why" or "unreadable: why". */
    record FileOutcome(String path, String status, long submissions, long failures, long bulk, long badLines, List<String> badExamples,
                       Manifest.Entry entry) implements Serializable {
    }

    /** Where a series failed: the file, the line (0 for the file as a whole) and why. */
    record Failure(String file, long line, String reason) implements Serializable {
    }

    /**
     * What the task did: its files, the part files it wrote per day ({@link DayRows#parts}), and its
     * failure, when it failed (then no files are listed for the manifest and no parts were kept).
     */
    record Result(int index, String series, String host, List<FileOutcome> files, TreeMap<String, List<String>> parts,
                  Failure failure) implements Serializable {
    }

    /** Reads the series; never throws for what its files hold (the failure is in the result). */
    Result run(Configuration conf, Manifest manifest) {
        List<FileOutcome> outcomes = new ArrayList<>();
        List<Manifest.Entry> added = new ArrayList<>();
        HandshakeServices handshakes = new HandshakeServices();
        org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
        DayRows rows = new DayRows(run, task == null ? 0 : task.attemptNumber());
        FileBuffer buffer = new FileBuffer();
        PostfixParser.Carry carry = PostfixParser.Carry.NONE;
        String at = null;
        try {
            for (LogFile f : files) {
                at = f.path();
                Path p = new Path(f.path());
                FileSystem fs = p.getFileSystem(conf);
                buffer.discard();
                StreamedLog.Result r = StreamedLog.read(f.path(), f.size(), Math.floorDiv(f.modifiedMillis(), 1000L),
                        () -> fs.open(p, 1 << 16), Optional.ofNullable(format),
                        year == null ? OptionalInt.empty() : OptionalInt.of(year), manifest.lookup(added), carry, handshakes, buffer);
                // like an import: the connections of a file continue into the next only when it was read
                carry = r.alreadyRead() || r.skipped() ? PostfixParser.Carry.NONE : r.carry();
                if (r.skipped()) {
                    String key = r.passedOver().key();
                    boolean unreadable = key.equals("input.missing") || key.equals("input.denied");
                    outcomes.add(new FileOutcome(f.path(), (unreadable ? FleetImport.UNREADABLE : FleetImport.PASSED_OVER) + r.passedOver(),
                            0, 0, 0, 0, List.of(), null));
                    continue;
                }
                if (r.alreadyRead()) {
                    outcomes.add(new FileOutcome(f.path(), "already", 0, 0, 0, 0, List.of(), null));
                    continue;
                }
                rows.addAll(buffer.found, handshakes);
                rows.flushMessages(conf, new Path(workDir), index);
                Manifest.Entry entry = Manifest.Entry.of(r.fingerprint(), r.format().token(), run, f.path());
                added.add(entry);
                outcomes.add(new FileOutcome(f.path(), r.earlier() == null ? "new" : "continued", buffer.submissions, buffer.failures,
                        buffer.bulk, r.stats().bad(), r.badExamples().stream().map(b -> b.lineNumber() + ": " + b.reason()).toList(), entry));
            }
            at = null;
            rows.finish(handshakes);
            TreeMap<String, List<String>> parts = rows.write(conf, new Path(workDir), index);
            return new Result(index, series, host, outcomes, parts, null);
        } catch (BadInputException e) {
            rows.abandon();
            return new Result(index, series, host, outcomes, new TreeMap<>(), new Failure(at, e.line(), e.reason()));
        } catch (IOException | RuntimeException e) {
            rows.abandon();
            return new Result(index, series, host, outcomes, new TreeMap<>(), new Failure(at == null ? series : at, 0,
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
        } finally {
            rows.deleteUnkept(conf);
        }
    }

    /** What one file's new lines held, until the file has been read to its end (a second read forgets it). */
    static final class FileBuffer implements StreamedLog.Sink {
        final List<Object> found = new ArrayList<>();
        long submissions;
        long failures;
        long bulk;

        @Override
        public void submission(LogSubmission s) {
            found.add(s);
            submissions++;
        }

        @Override
        public void authFailure(LogAuthFailure f) {
            found.add(f);
            failures++;
        }

        @Override
        public void message(long lineNumber, MailboxMessage m) {
            if (m.status() == MailboxMessage.Status.BULK) {
                found.add(m);
                bulk++;
            }
        }

        @Override
        public void discard() {
            found.clear();
            submissions = 0;
            failures = 0;
            bulk = 0;
        }
    }

    /**
     * The rows of a series, per UTC day, in the canonical CSV formats the app imports, such that the
     * import of them adds to the cache what the import of the logs adds:
     * <ul>
     * <li>a submission with a message-id: a row of its own ({@code count} 1, its time to the second,
     * its server and message-id), in the order of the log, as the import keeps them for the detailed
     * report; those whose TLS the whole series decides ({@link LogSubmission#undecidedService()})
     * come after the others of their day, as an import writes them at its end ({@code late} parts);</li>
     * <li>the others, summed per day, sender, domain, method, client IP, TLS version and cipher
     * (what the cache keeps of them): one row when there is one submission, else two, the first
     * at the earliest time with all but one of them and all their recipients, the second at the
     * latest with one and no recipients, so that the first and last times survive;</li>
     * <li>failed authentications, summed per day, account and client IP (the cache keeps no time for them);</li>
     * <li>bulk messages of mboxes, summed per day, sender, BCL and delivery, and the feedback events
     * their headers carry, per day, sender and event (the cache keeps days, not times, of both).</li>
     * </ul>
     */
    static final class DayRows {
        static final String SMTP_HEADER = "run,timestamp,sender,domain,auth_method,client_ip,tls_version,tls_cipher,server,message_id,recipients,count";
        static final String FAILURE_HEADER = "run,timestamp,account,client_ip,count";
        static final String BULK_HEADER = "run,timestamp,sender,bcl,delivery,count";
        static final String EVENTS_HEADER = "run,timestamp,sender,event,count";
        /** Submissions held for the series' handshakes at most, as an import holds them ({@code LogSession.MAX_HELD}). */
        static final int MAX_HELD = 100_000;

        private record Key(long day, String sender, String domain, String method, String ip, String tls, String cipher) {
        }

        private record FailureKey(long day, String account, String ip) {
        }

        private record BulkKey(long day, String sender, int bcl, String delivery) {
        }

        private record EventKey(long day, String sender, String event) {
        }

        private final Map<Key, long[]> grouped = new HashMap<>();
        private final Map<FailureKey, long[]> failed = new HashMap<>();
        private final Map<BulkKey, long[]> bulk = new HashMap<>();
        private final Map<EventKey, long[]> events = new HashMap<>();
        private final List<LogSubmission> held = new ArrayList<>();
        /** Message rows per day, in log order: those decided at once, then those decided at the end. */
        private final TreeMap<Long, StringBuilder> messages = new TreeMap<>();
        private final TreeMap<Long, StringBuilder> late = new TreeMap<>();
        private final List<Path> written = new ArrayList<>();
        private boolean kept;
        private final String run;

        /** The task's attempt: parts of a retried or speculative attempt never share a name with another attempt's. */
        private final int attempt;

        DayRows(String run, int attempt) {
            this.run = run;
            this.attempt = attempt;
        }

        void addAll(List<Object> found, HandshakeServices handshakes) {
            for (Object o : found) {
                if (o instanceof LogSubmission s) {
                    if (s.undecidedService() == null) {
                        add(s, messages);
                    } else if (held.size() < MAX_HELD) {
                        held.add(s);
                    } else {
                        add(handshakes.decide(s), messages);
                    }
                } else if (o instanceof MailboxMessage m) {
                    long day = Math.floorDiv(m.epochSecond(), 86_400L);
                    bulk.computeIfAbsent(new BulkKey(day, m.sender(), m.bcl(), m.delivery().token()), k -> new long[1])[0]++;
                    if (m.feedback() != null) {
                        events.computeIfAbsent(new EventKey(day, m.sender(), m.feedback().token()), k -> new long[1])[0]++;
                    }
                } else {
                    LogAuthFailure f = (LogAuthFailure) o;
                    // what the auth-failures import would refuse as a client IP is written as none (README)
                    String ip = StreamedLog.importableClientIp(f.clientIp()) ? nz(f.clientIp()) : "";
                    long[] n = failed.computeIfAbsent(new FailureKey(Math.floorDiv(f.epochSecond(), 86_400L), nz(f.account()), ip),
                            k -> new long[1]);
                    n[0]++;
                }
            }
        }

        /** Decides the held submissions with what the whole series logged. */
        void finish(HandshakeServices handshakes) {
            for (LogSubmission s : held) {
                add(handshakes.decide(s), late);
            }
            held.clear();
        }

        private void add(LogSubmission s, TreeMap<Long, StringBuilder> identified) {
            long day = Math.floorDiv(s.epochSecond(), 86_400L);
            if (s.messageId() != null && !s.messageId().isBlank()) {
                StringBuilder b = identified.computeIfAbsent(day, d -> new StringBuilder());
                row(b, run, s.epochSecond(), s.sender(), s.domain(), s.authMethod(), s.clientIp(), s.tls().token(), s.tlsCipher(),
                        s.server(), s.messageId(), s.recipients(), 1);
                return;
            }
            long[] n = grouped.computeIfAbsent(new Key(day, s.sender(), nz(s.domain()), nz(s.authMethod()), nz(s.clientIp()),
                    s.tls().token(), nz(s.tlsCipher())), k -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
            n[0]++;
            n[1] += Math.max(0, s.recipients());
            n[2] = Math.min(n[2], s.epochSecond());
            n[3] = Math.max(n[3], s.epochSecond());
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }

        /** Appends one smtp-auth row of run {@code run}. */
        private static void row(StringBuilder b, String run, long epochSecond, String sender, String domain, String method, String ip,
                                String tls, String cipher, String server, String messageId, long recipients, long count) {
            b.append(run).append(',').append(timestamp(epochSecond)).append(',');
            cell(b, sender).append(',');
            cell(b, domain).append(',');
            cell(b, method).append(',');
            cell(b, ip).append(',').append(tls).append(',');
            cell(b, cipher).append(',');
            cell(b, server).append(',');
            cell(b, messageId).append(',').append(recipients).append(',').append(count).append('\n');
        }

        static String timestamp(long epochSecond) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
            return String.format(java.util.Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        }

        /** A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line end. */
        static StringBuilder cell(StringBuilder b, String v) {
            if (v == null) {
                return b;
            }
            boolean quote = false;
            for (int i = 0; i < v.length() && !quote; i++) {
                char c = v.charAt(i);
                quote = c == ',' || c == '"' || c == '\n' || c == '\r';
            }
            if (!quote) {
                return b.append(v);
            }
            return b.append('"').append(v.replace("\"", "\"\"")).append('"');
        }

        /**
         * Writes the series' rows into gzip part files in {@code work}, per day and kind:
         * {@code msg} (message rows decided at once), {@code late} (those decided at the end of the
         * series, then the grouped rows) and {@code fail}. Returns, per day, the names of its parts.
         */
        /** Parts written so far, per day, in the order they are to be read. */
        private final TreeMap<String, List<String>> parts = new TreeMap<>();
        private int flushes;

        /**
         * Writes the message rows decided so far to parts of their own and lets go of them, so that a
         * task holds one file's rows at a time, not its series' (called after each file).
         */
        void flushMessages(Configuration conf, Path work, int index) throws IOException {
            if (messages.isEmpty()) {
                return;
            }
            String tag = String.format(java.util.Locale.ROOT, "-f%05d", ++flushes);
            writeKind(work.getFileSystem(conf), work, index, tag, "msg", messages, parts);
            messages.clear();
        }

        TreeMap<String, List<String>> write(Configuration conf, Path work, int index) throws IOException {
            flushMessages(conf, work, index);
            TreeMap<Long, StringBuilder> rest = new TreeMap<>(late);
            for (Map.Entry<Key, long[]> e : grouped.entrySet()) {
                Key k = e.getKey();
                long[] n = e.getValue();
                StringBuilder b = rest.computeIfAbsent(k.day(), d -> new StringBuilder());
                if (n[0] == 1) {
                    row(b, run, n[2], k.sender(), k.domain(), k.method(), k.ip(), k.tls(), k.cipher(), null, null, n[1], 1);
                } else {
                    row(b, run, n[2], k.sender(), k.domain(), k.method(), k.ip(), k.tls(), k.cipher(), null, null, n[1], n[0] - 1);
                    row(b, run, n[3], k.sender(), k.domain(), k.method(), k.ip(), k.tls(), k.cipher(), null, null, 0, 1);
                }
            }
            TreeMap<Long, StringBuilder> failures = new TreeMap<>();
            for (Map.Entry<FailureKey, long[]> e : failed.entrySet()) {
                FailureKey k = e.getKey();
                StringBuilder b = failures.computeIfAbsent(k.day(), d -> new StringBuilder());
                b.append(run).append(',').append(timestamp(k.day() * 86_400L)).append(',');
                cell(b, k.account()).append(',');
                cell(b, k.ip()).append(',').append(e.getValue()[0]).append('\n');
            }
            TreeMap<Long, StringBuilder> bulkRows = new TreeMap<>();
            for (Map.Entry<BulkKey, long[]> e : bulk.entrySet()) {
                BulkKey k = e.getKey();
                StringBuilder b = bulkRows.computeIfAbsent(k.day(), d -> new StringBuilder());
                b.append(run).append(',').append(timestamp(k.day() * 86_400L)).append(',');
                cell(b, k.sender()).append(',').append(k.bcl()).append(',').append(k.delivery()).append(',').append(e.getValue()[0]).append('\n');
            }
            TreeMap<Long, StringBuilder> eventRows = new TreeMap<>();
            for (Map.Entry<EventKey, long[]> e : events.entrySet()) {
                EventKey k = e.getKey();
                StringBuilder b = eventRows.computeIfAbsent(k.day(), d -> new StringBuilder());
                b.append(run).append(',').append(timestamp(k.day() * 86_400L)).append(',');
                cell(b, k.sender()).append(',').append(k.event()).append(',').append(e.getValue()[0]).append('\n');
            }
            FileSystem fs = work.getFileSystem(conf);
            writeKind(fs, work, index, "late", rest, parts);
            writeKind(fs, work, index, "fail", failures, parts);
            writeKind(fs, work, index, "bulk", bulkRows, parts);
            writeKind(fs, work, index, "events", eventRows, parts);
            kept = true;
            return parts;
        }

        private void writeKind(FileSystem fs, Path work, int index, String kind, TreeMap<Long, StringBuilder> byDay,
                               TreeMap<String, List<String>> parts) throws IOException {
            writeKind(fs, work, index, "", kind, byDay, parts);
        }

        private void writeKind(FileSystem fs, Path work, int index, String tag, String kind, TreeMap<Long, StringBuilder> byDay,
                               TreeMap<String, List<String>> parts) throws IOException {
            for (Map.Entry<Long, StringBuilder> e : byDay.entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                String day = LocalDate.ofEpochDay(e.getKey()).toString();
                String name = String.format(java.util.Locale.ROOT, ".s%06d.a%d%s-%s-%s.gz", index, attempt, tag, day, kind);
                Path p = new Path(work, name);
                written.add(p);
                try (Writer w = new OutputStreamWriter(new GZIPOutputStream(fs.create(p, true), 1 << 16), StandardCharsets.UTF_8)) {
                    w.append(e.getValue());
                }
                parts.computeIfAbsent(day, d -> new ArrayList<>()).add(name);
            }
        }

        /** The series failed: nothing it wrote is kept. */
        void abandon() {
            kept = false;
        }

        void deleteUnkept(Configuration conf) {
            if (kept) {
                return;
            }
            for (Path p : written) {
                try {
                    p.getFileSystem(conf).delete(p, false);
                } catch (IOException e) {
                    // the run's working folder is deleted at its end all the same
                }
            }
        }
    }
}
