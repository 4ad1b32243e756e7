package org.mailflow.cache;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.mailflow.model.DayWindow;
import org.mailflow.smtpauth.TlsVersion;

/**
 * The rows of the detailed SMTP AUTH report (SPEC 2.4), streamed from the cache for
 * {@link SmtpStore#report}: per day, one row per submission with a message-id in import order,
 * then the grouped rows of the others, sorted by their names ({@link #GROUPED_ORDER}).
 */
final class SmtpReportReader {
    private static final Comparator<String> NAME_ORDER = Comparator.nullsFirst(Comparator.naturalOrder());

    private SmtpReportReader() {
    }

    static long read(Connection c, DayWindow window, SmtpStore.ReportSink sink) throws SQLException {
        Dictionary accounts = Dictionary.load(c, "SELECT id, address FROM smtp_account");
        Dictionary values = Dictionary.load(c, "SELECT id, value FROM smtp_name");
        if (values.maxId() > 0xffffffffL || accounts.maxId() >= 1L << 29) {
            throw new SQLException("smtp_name ids above 2^32 or smtp_account ids above 2^29 cannot be reported");
        }
        // Reading a row (SQLite and the JNI calls of the column getters) costs about three times as
        // much as formatting it, so the rows are read on a second thread while this one hands the
        // previous ones to the sink; the sink is still called on the caller's thread, in order.
        ReportReader reader = new ReportReader(c, window);
        Thread thread = new Thread(reader, "mailflow-report");
        thread.setDaemon(true);
        thread.start();
        long rows = 0;
        List<Grouped> grouped = new ArrayList<>();
        try {
            for (ReportReader.Chunk chunk = reader.take(); chunk.size() >= 0; chunk = reader.take()) {
                long[] v = chunk.values();
                for (int i = 0; i < chunk.size(); i++) {
                    long dayAccountTls = v[4 * i];
                    long domainMethod = v[4 * i + 1];
                    long ipCipher = v[4 * i + 2];
                    byte[] messageId = chunk.messageIds()[i];
                    long day = dayAccountTls >>> 32;
                    if (!grouped.isEmpty() && grouped.get(0).day() != day) {
                        flush(grouped, sink);
                    }
                    String account = accounts.get((dayAccountTls & 0xffffffffL) >>> 3);
                    TlsVersion tls = TlsVersion.ofCode((int) (dayAccountTls & 7));
                    if (messageId == null) {
                        String ip = values.get(ipCipher >>> 32);
                        grouped.add(new Grouped(day, account, values.get(domainMethod >>> 32), values.get(domainMethod & 0xffffffffL),
                                ip, ipv4(ip), tls, values.get(ipCipher & 0xffffffffL), v[4 * i + 3]));
                        continue;
                    }
                    sink.row(day, account, values.get(domainMethod >>> 32), values.get(domainMethod & 0xffffffffL), values.get(ipCipher >>> 32),
                            tls, values.get(ipCipher & 0xffffffffL), v[4 * i + 3], new String(messageId, StandardCharsets.UTF_8));
                }
                rows += chunk.size();
            }
            flush(grouped, sink);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            reader.stop(thread);
        }
        return rows;
    }

    /**
     * Reads the detailed report's rows for {@link #read} on its own thread, in report order, in
     * chunks: per day, the submissions with a message-id in import order, then the grouped rows.
     * The ids come packed (day with account and TLS code, two names per column) because every
     * column read is a JNI call, and the message-id as bytes (sqlite-jdbc's getString costs twice
     * as much). The grouped rows are read from the table in its key order, which is the report's
     * order; "+unidentified" keeps SQLite off the partial index, which would look every row up in
     * the table a second time.
     */
    private static final class ReportReader implements Runnable {
        /** Four longs per row (day-account-TLS, domain-method, IP-cipher, count) and the message-id, null when grouped. */
        record Chunk(long[] values, byte[][] messageIds, int size) {
        }

        private static final int ROWS = 4096;
        private static final Chunk END = new Chunk(null, null, -1);
        private final Connection c;
        private final DayWindow window;
        private final java.util.concurrent.BlockingQueue<Chunk> queue = new java.util.concurrent.ArrayBlockingQueue<>(8);
        private volatile boolean stopped;
        private volatile Throwable failure;

        ReportReader(Connection c, DayWindow window) {
            this.c = c;
            this.window = window;
        }

        @Override
        public void run() {
            try {
                read();
            } catch (SQLException | RuntimeException | Error e) {
                failure = e;
            } finally {
                put(END);
            }
        }

        private void read() throws SQLException {
            String columns = "(day << 32) | (account_id << 3) | tls, (domain_id << 32) | method_id, (ip_id << 32) | cipher_id, ";
            try (PreparedStatement identified = c.prepareStatement("SELECT " + columns + "count, message_id FROM smtp_message "
                    + "WHERE day BETWEEN ? AND ? ORDER BY day, seq");
                 PreparedStatement grouped = c.prepareStatement("SELECT " + columns + "unidentified FROM smtp_detail "
                    + "WHERE day BETWEEN ? AND ? AND +unidentified > 0 ORDER BY day, account_id, domain_id, method_id, ip_id, tls, cipher_id")) {
                for (PreparedStatement ps : List.of(identified, grouped)) {
                    ps.setLong(1, window.firstEpochDay());
                    ps.setLong(2, window.lastEpochDay());
                }
                try (ResultSet a = identified.executeQuery(); ResultSet b = grouped.executeQuery()) {
                    long[] v = new long[4 * ROWS];
                    byte[][] ids = new byte[ROWS][];
                    int n = 0;
                    // keyA, keyB: the current row's first column; the day is its high half.
                    long keyA = a.next() ? a.getLong(1) : Long.MAX_VALUE;
                    long keyB = b.next() ? b.getLong(1) : Long.MAX_VALUE;
                    while ((keyA != Long.MAX_VALUE || keyB != Long.MAX_VALUE) && !stopped) {
                        // Each day: its identified rows, then its grouped ones.
                        long day = Math.min(keyA, keyB) >>> 32;
                        boolean fromA = keyA != Long.MAX_VALUE && keyA >>> 32 == day;
                        ResultSet rs = fromA ? a : b;
                        v[4 * n] = fromA ? keyA : keyB;
                        v[4 * n + 1] = rs.getLong(2);
                        v[4 * n + 2] = rs.getLong(3);
                        v[4 * n + 3] = rs.getLong(4);
                        ids[n] = fromA ? a.getBytes(5) : null;
                        if (fromA) {
                            keyA = a.next() ? a.getLong(1) : Long.MAX_VALUE;
                        } else {
                            keyB = b.next() ? b.getLong(1) : Long.MAX_VALUE;
                        }
                        if (++n == ROWS) {
                            put(new Chunk(v, ids, n));
                            v = new long[4 * ROWS];
                            ids = new byte[ROWS][];
                            n = 0;
                        }
                    }
                    put(new Chunk(v, ids, n));
                }
            }
        }

        /** Hands a chunk over; gives up when the consumer has stopped. */
        private void put(Chunk chunk) {
            try {
                while (!stopped && !queue.offer(chunk, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    // the consumer is busy; wait for room
                }
            } catch (InterruptedException e) {
                stopped = true;
            }
        }

        /** The next chunk; {@link #END} (size -1) after the last. Throws what the reader failed with. */
        Chunk take() throws SQLException {
            Chunk chunk;
            try {
                chunk = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("the report was interrupted", e);
            }
            if (chunk == END && failure != null) {
                if (failure instanceof SQLException sql) {
                    throw sql;
                }
                if (failure instanceof RuntimeException r) {
                    throw r;
                }
                if (failure instanceof Error err) {
                    throw err;
                }
                throw new SQLException("the report was interrupted", failure);
            }
            return chunk;
        }

        /** Stops the reader and waits until it has closed its statements, so the connection is free again. */
        void stop(Thread thread) {
            stopped = true;
            queue.clear();
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A grouped row of the report, held until its day's grouped rows are sorted. */
    private record Grouped(long day, String account, String domain, String method, String ip, long ipv4, TlsVersion tls, String cipher,
                           long count) {
    }

    /** An IPv4 address's 32 bits, for the order of the report; -1 for anything else (IPv6, empty). */
    static long ipv4(String ip) {
        if (ip == null || ip.isEmpty() || ip.length() > 15) {
            return -1;
        }
        long value = 0;
        int octet = -1;
        int dots = 0;
        for (int i = 0; i < ip.length(); i++) {
            char c = ip.charAt(i);
            if (c >= '0' && c <= '9') {
                octet = (octet < 0 ? 0 : octet * 10) + (c - '0');
                if (octet > 255) {
                    return -1;
                }
            } else if (c == '.' && octet >= 0 && dots < 3) {
                value = value << 8 | octet;
                octet = -1;
                dots++;
            } else {
                return -1;
            }
        }
        return dots == 3 && octet >= 0 ? value << 8 | octet : -1;
    }

    /**
     * The order of a day's grouped rows: by sender, domain and method as text, client IP (IPv4
     * addresses in address order, then the others as text), TLS version and cipher. The table gives them in the order of its ids, which are those of the names'
     * first appearance in the imports; sorted by the names themselves, the report of the same
     * submissions reads the same whatever order they were imported in (SPEC 8: the fleet job's
     * output, imported, gives the report an import of the logs gives).
     */
    private static final Comparator<Grouped> GROUPED_ORDER = Comparator.comparing(Grouped::account, NAME_ORDER)
            .thenComparing(Grouped::domain, NAME_ORDER).thenComparing(Grouped::method, NAME_ORDER)
            .thenComparingLong(g -> g.ipv4() < 0 ? Long.MAX_VALUE : g.ipv4()).thenComparing(Grouped::ip, NAME_ORDER).thenComparingInt(g -> g.tls().code())
            .thenComparing(Grouped::cipher, NAME_ORDER);

    /** Writes a day's grouped rows in {@link #GROUPED_ORDER} and forgets them. */
    private static void flush(List<Grouped> grouped, SmtpStore.ReportSink sink) throws java.io.IOException {
        grouped.sort(GROUPED_ORDER);
        for (Grouped g : grouped) {
            sink.row(g.day(), g.account(), g.domain(), g.method(), g.ip(), g.tls(), g.cipher(), g.count(), "");
        }
        grouped.clear();
    }

    /** Values by id for the report: an array when the ids are dense (rowids of tables that only grow), else a map. */
    private static final class Dictionary {
        private final String[] byId;
        private final Map<Long, String> map;
        private final long maxId;

        private Dictionary(String[] byId, Map<Long, String> map, long maxId) {
            this.byId = byId;
            this.map = map;
            this.maxId = maxId;
        }

        static Dictionary load(Connection c, String sql) throws SQLException {
            Map<Long, String> map = SmtpStore.names(c, sql);
            long max = 0;
            long min = 0;
            for (long id : map.keySet()) {
                max = Math.max(max, id);
                min = Math.min(min, id);
            }
            if (min < 0 || max > 2L * map.size() + 1024) {
                return new Dictionary(null, map, max);
            }
            String[] byId = new String[(int) max + 1];
            map.forEach((id, value) -> byId[(int) (long) id] = value);
            return new Dictionary(byId, null, max);
        }

        long maxId() {
            return maxId;
        }

        String get(long id) {
            if (byId != null) {
                return id >= 0 && id < byId.length ? byId[(int) id] : null;
            }
            return map.get(id);
        }
    }
}
