package org.mailflow.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mailflow.bulk.AdminSetting;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.bulk.FeedbackEvent;
import org.mailflow.model.DayWindow;

/**
 * Bulk messages and feedback in the cache, as daily aggregates per sender and BCL. Reads build a
 * {@link BulkDataset} for one window with two range scans of the clustered {@code (day, …)} keys and
 * aggregate in Java, which is several times faster than grouping in SQLite for this shape (grouping
 * the 60-day window of the large demo by sender and BCL alone takes SQLite longer than both scans, and
 * would lose the active weeks). A scanned row's values are packed by SQLite into as few columns as
 * possible (see {@link #COUNT_BITS}), as every value read costs a call into the driver.
 */
public final class BulkStore {
    private final Cache cache;

    public BulkStore(Cache cache) {
        this.cache = cache;
    }

    /** The latest day with a bulk message (of any BCL), if any: the default as-of day. */
    public Optional<LocalDate> latestDay() throws CacheException {
        return cache.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT max(day) FROM bulk_daily")) {
                rs.next();
                long day = rs.getLong(1);
                return rs.wasNull() ? Optional.<LocalDate>empty() : Optional.of(LocalDate.ofEpochDay(day));
            }
        });
    }

    /** First and last day with bulk data, if any. Two subqueries: SQLite answers a lone min() or max() from the key, but scans the table for both at once. */
    public Optional<DayWindow> dataRange() throws CacheException {
        return cache.read(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT (SELECT min(day) FROM bulk_daily), (SELECT max(day) FROM bulk_daily)")) {
                rs.next();
                long first = rs.getLong(1);
                if (rs.wasNull()) {
                    return Optional.<DayWindow>empty();
                }
                return Optional.of(new DayWindow(LocalDate.ofEpochDay(first), LocalDate.ofEpochDay(rs.getLong(2))));
            }
        });
    }

    /**
     * The Dashboard card's figures for a window: messages of BCL 1-9, their senders, those at or
     * above {@code threshold}, and the messages per BCL (index 0-9).
     */
    public record Summary(DayWindow window, long bulkMessages, long senders, long identified, long[] perBcl) {
        public double identifiedShare() {
            return bulkMessages == 0 ? 0 : (double) identified / bulkMessages;
        }
    }

    public Summary summary(DayWindow window, int threshold) throws CacheException {
        return cache.read(c -> {
            long[] perBcl = new long[10];
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT bcl, sum(inbox + junk + quarantine + deleted + unknown) FROM bulk_daily WHERE day BETWEEN ? AND ? GROUP BY bcl")) {
                ps.setLong(1, window.firstEpochDay());
                ps.setLong(2, window.lastEpochDay());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        perBcl[rs.getInt(1)] = rs.getLong(2);
                    }
                }
            }
            long senders;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(DISTINCT sender_id) FROM bulk_daily WHERE day BETWEEN ? AND ? AND bcl >= 1")) {
                ps.setLong(1, window.firstEpochDay());
                ps.setLong(2, window.lastEpochDay());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    senders = rs.getLong(1);
                }
            }
            long bulk = 0;
            long identified = 0;
            for (int b = 1; b <= 9; b++) {
                bulk += perBcl[b];
                if (b >= threshold) {
                    identified += perBcl[b];
                }
            }
            return new Summary(window, bulk, senders, identified, perBcl);
        });
    }

    /** All bulk messages in the cache (every BCL), for the status bar. */
    public long totalMessages() throws CacheException {
        return cache.read(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT sum(inbox + junk + quarantine + deleted + unknown) FROM bulk_daily")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Bulk messages (every BCL) dated before {@code before}: what pruning would delete. */
    public long messagesBefore(LocalDate before) throws CacheException {
        return cache.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT coalesce(sum(inbox + junk + quarantine + deleted + unknown), 0) FROM bulk_daily WHERE day < ?")) {
                ps.setLong(1, before.toEpochDay());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The tables whose rows {@link #prune} deletes (each has a {@code day} column), in that order. */
    public static final List<String> PRUNED_TABLES = List.of("bulk_daily", "bulk_event_daily");

    /** Deletes bulk messages and feedback dated before {@code before}, inside the caller's transaction. */
    public static void prune(Connection c, LocalDate before) throws SQLException {
        for (String table : PRUNED_TABLES) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE day < ?")) {
                ps.setLong(1, before.toEpochDay());
                ps.executeUpdate();
            }
        }
    }

    /**
     * Loads everything of {@code window} that the page, the exports and the CLI show. The window's
     * days are split over the machine's cores, each part scanned on its own connection into flat
     * arrays; the parts are then summed per sender on this thread.
     */
    public BulkDataset load(DayWindow window) throws CacheException {
        int parts = Math.max(1, Math.min(Math.min(4, Runtime.getRuntime().availableProcessors()), window.days()));
        // The scans run on separate connections, so an import may commit between them: rows of
        // senders newer than this id are left for the reload that follows every import.
        long maxId = cache.read(BulkStore::maxSenderId);
        List<SqlFunction<Object>> works = new ArrayList<>();
        works.add(c -> loadAddresses(c, maxId));
        long first = window.firstEpochDay();
        int days = window.days();
        for (int p = 0; p < parts; p++) {
            long from = first + (long) days * p / parts;
            long to = first + (long) days * (p + 1) / parts - 1;
            works.add(c -> scan(c, first, from, to, maxId));
        }
        List<Object> results = cache.readInParallel(works);
        String[] addressById = (String[]) results.get(0);
        Map<String, AdminSetting> allowBlock = new AllowBlockStore(cache).all();
        BulkDataset.Builder b = BulkDataset.builder(window);
        int[] indexById = new int[addressById.length];
        Arrays.fill(indexById, -1);
        for (int p = 1; p < results.size(); p++) {
            Scan scan = (Scan) results.get(p);
            for (int i = 0; i < scan.messages.size; i++) {
                long key = scan.messages.keys[i];
                int idx = index(b, indexById, addressById, (int) (key >>> KEY_SHIFT));
                long packed = scan.messages.counts[i];
                long day = first + ((key >>> 4) & DAY_MASK);
                int level = (int) (key & 0xf);
                if (packed >= 0) {
                    b.addMessages(idx, day, level, packed & COUNT_MASK, (packed >>> COUNT_BITS) & COUNT_MASK,
                            (packed >>> 2 * COUNT_BITS) & COUNT_MASK, (packed >>> 3 * COUNT_BITS) & COUNT_MASK,
                            (packed >>> 4 * COUNT_BITS) & COUNT_MASK);
                } else {
                    long[] n = scan.large.get(i);
                    b.addMessages(idx, day, level, n[0], n[1], n[2], n[3], n[4]);
                }
            }
            for (int i = 0; i < scan.events.size; i++) {
                long key = scan.events.keys[i];
                int idx = index(b, indexById, addressById, (int) (key >>> KEY_SHIFT));
                b.addEvent(idx, first + ((key >>> 4) & DAY_MASK), FeedbackEvent.ofCode((int) (key & 0xf)), scan.events.counts[i]);
            }
        }
        if (!allowBlock.isEmpty()) {
            for (int i = 0; i < b.size(); i++) {
                b.admin(i, AllowBlockStore.settingFor(allowBlock, b.address(i)));
            }
        }
        return b.build();
    }

    /** Rows are packed as (sender id, day in window, BCL or event) in one long, so a row costs few JNI calls. */
    private static final int KEY_SHIFT = 13;
    private static final long DAY_MASK = (1L << (KEY_SHIFT - 4)) - 1;
    /**
     * A row's five delivery counts come packed in one column, {@value #COUNT_BITS} bits each, when
     * every one of them is below 2^{@value #COUNT_BITS} (nearly every row of a day, sender and BCL);
     * a row with a larger count says -1 and its counts are read from their own columns. Two values per
     * row instead of six: the load's time is mostly the per-value calls into the SQLite driver.
     */
    private static final int COUNT_BITS = 12;
    /** A feedback row's count shares the value of its key from this bit on, when below 2^20 (and the sender id below 2^30). */
    private static final int EVENT_COUNT_SHIFT = 43;
    private static final long EVENT_COUNT_MASK = (1L << 20) - 1;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    private static final String PACKED_COUNTS = "CASE WHEN max(inbox, junk, quarantine, deleted, unknown) < " + (1L << COUNT_BITS)
            + " AND min(inbox, junk, quarantine, deleted, unknown) >= 0 THEN inbox | (junk << " + COUNT_BITS + ") | (quarantine << "
            + 2 * COUNT_BITS + ") | (deleted << " + 3 * COUNT_BITS + ") | (unknown << " + 4 * COUNT_BITS + ") ELSE -1 END";

    private static int index(BulkDataset.Builder b, int[] indexById, String[] addressById, int id) {
        int idx = indexById[id];
        if (idx < 0) {
            idx = b.sender(addressById[id]);
            indexById[id] = idx;
        }
        return idx;
    }

    /** The rows of one part of the window. */
    private record Scan(Rows messages, Map<Integer, long[]> large, Rows events) {
    }

    /** Packed keys and their counts ({@code width} per row), grown as rows arrive. */
    private static final class Rows {
        final int width;
        long[] keys = new long[1024];
        long[] counts;
        int size;

        Rows(int width) {
            this.width = width;
            this.counts = new long[1024 * width];
        }

        /** A row of width 1 whose key and count are known. */
        void add(long key, long count) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            keys[size] = key;
            counts[size] = count;
            size++;
        }

        void add(ResultSet rs) throws SQLException {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                counts = Arrays.copyOf(counts, size * 2 * width);
            }
            keys[size] = rs.getLong(1);
            int base = size * width;
            for (int i = 0; i < width; i++) {
                counts[base + i] = rs.getLong(2 + i);
            }
            size++;
        }
    }

    private static Scan scan(Connection c, long windowFirst, long from, long to, long maxId) throws SQLException {
        Rows messages = new Rows(1);
        Map<Integer, long[]> large = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT (sender_id << " + KEY_SHIFT + ") | ((day - ?) << 4) | bcl, "
                + PACKED_COUNTS + ", inbox, junk, quarantine, deleted, unknown FROM bulk_daily WHERE day BETWEEN ? AND ? AND sender_id <= ?")) {
            ps.setLong(1, windowFirst);
            ps.setLong(2, from);
            ps.setLong(3, to);
            ps.setLong(4, maxId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    messages.add(rs);
                    if (messages.counts[messages.size - 1] < 0) {
                        large.put(messages.size - 1, new long[] {rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)});
                    }
                }
            }
        }
        Rows events = new Rows(1);
        // The key and the count in one value when both fit (sign bit clear); else -1 - key, and the count on its own.
        String key = "((sender_id << " + KEY_SHIFT + ") | ((day - ?) << 4) | event)";
        try (PreparedStatement ps = c.prepareStatement("SELECT CASE WHEN count BETWEEN 0 AND " + EVENT_COUNT_MASK + " AND sender_id < "
                + (1L << (EVENT_COUNT_SHIFT - KEY_SHIFT)) + " THEN " + key + " | (count << " + EVENT_COUNT_SHIFT + ") ELSE -1 - " + key
                + " END, count FROM bulk_event_daily WHERE day BETWEEN ? AND ? AND sender_id <= ?")) {
            ps.setLong(1, windowFirst);
            ps.setLong(2, windowFirst);
            ps.setLong(3, from);
            ps.setLong(4, to);
            ps.setLong(5, maxId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long v = rs.getLong(1);
                    if (v >= 0) {
                        events.add(v & ((1L << EVENT_COUNT_SHIFT) - 1), v >>> EVENT_COUNT_SHIFT);
                    } else {
                        events.add(-1 - v, rs.getLong(2));
                    }
                }
            }
        }
        return new Scan(messages, large, events);
    }

    private static long maxSenderId(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) FROM bulk_sender")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String[] loadAddresses(Connection c, long maxId) throws SQLException {
        String[] byId = new String[Math.toIntExact(maxId + 1)];
        try (PreparedStatement ps = c.prepareStatement("SELECT id, address FROM bulk_sender WHERE id <= ?")) {
            ps.setLong(1, maxId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byId[rs.getInt(1)] = rs.getString(2);
                }
            }
        }
        return byId;
    }

    /**
     * Adds bulk messages and events inside one write transaction. Counts are summed in memory per
     * (day, sender, BCL) and written as upserts, so a CSV with one row per message becomes one row
     * per day and level. Call {@link #flush()} before the transaction commits.
     */
    public static final class Writer implements AutoCloseable {
        /**
         * Aggregates held in memory before they are written as upserts: the batch an import's memory is
         * proportional to (about 8 MB), whatever the number of distinct senders or accounts; ids are
         * remembered in a bounded {@link IdMemo}.
         */
        private static final int FLUSH_AT = 50_000;
        private final Connection c;
        private final Map<String, Long> senderIds = new IdMemo<>();
        private final Map<Long, long[]> messages = new HashMap<>();
        private final Map<Long, long[]> events = new HashMap<>();
        private final PreparedStatement findSender;
        private final PreparedStatement insertSender;
        private long messagesAdded;
        private long eventsAdded;

        public Writer(Connection c) throws SQLException {
            this.c = c;
            this.findSender = c.prepareStatement("SELECT id FROM bulk_sender WHERE address = ?");
            this.insertSender = c.prepareStatement("INSERT INTO bulk_sender(address) VALUES (?)", Statement.RETURN_GENERATED_KEYS);
        }

        /** The id of a sender address, created when new. Addresses are stored trimmed and lower-cased. */
        public long senderId(String address) throws SQLException {
            String key = normalise(address);
            Long id = senderIds.get(key);
            if (id != null) {
                return id;
            }
            findSender.setString(1, key);
            try (ResultSet rs = findSender.executeQuery()) {
                if (rs.next()) {
                    id = rs.getLong(1);
                }
            }
            if (id == null) {
                insertSender.setString(1, key);
                insertSender.executeUpdate();
                try (ResultSet rs = insertSender.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            senderIds.put(key, id);
            return id;
        }

        public static String normalise(String address) {
            return address.strip().toLowerCase(Locale.ROOT);
        }

        private PreparedStatement rememberMessage;

        /**
         * True the first time a message (by the identity its source gives it, such as a Defender
         * {@code NetworkMessageId} with the recipient) is seen in this cache, false when an earlier
         * import or an earlier row of this one already counted it (SPEC 5: overlapping exports count
         * each message once). The identity is kept as the first 16 bytes of its SHA-256 in
         * {@code bulk_message_seen}, inside the import's transaction, so a refused import forgets it too.
         * Callers should make {@code identity} start with the kind of source, so that identities of
         * two kinds cannot meet by chance.
         */
        public boolean firstSighting(String identity) throws SQLException {
            if (rememberMessage == null) {
                rememberMessage = c.prepareStatement("INSERT INTO bulk_message_seen(key) VALUES (?) ON CONFLICT(key) DO NOTHING");
            }
            byte[] hash;
            try {
                hash = java.security.MessageDigest.getInstance("SHA-256").digest(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
            rememberMessage.setBytes(1, Arrays.copyOf(hash, 16));
            return rememberMessage.executeUpdate() == 1;
        }

        /** Adds {@code count} messages at one BCL on one day, at delivery index {@code delivery} (see {@link org.mailflow.bulk.Delivery}). */
        public void addMessages(long senderId, long epochDay, int bcl, int delivery, long count) throws SQLException {
            if (count == 0) {
                return; // a zero row would still move the latest day and count a sender
            }
            long key = (epochDay << 40) | (senderId << 4) | bcl;
            messages.computeIfAbsent(key, k -> new long[5])[delivery] += count;
            messagesAdded += count;
            if (messages.size() >= FLUSH_AT) {
                flushMessages();
            }
        }

        public void addEvent(long senderId, long epochDay, FeedbackEvent event, long count) throws SQLException {
            if (count == 0) {
                return;
            }
            long key = (epochDay << 40) | (senderId << 4) | event.code();
            events.computeIfAbsent(key, k -> new long[1])[0] += count;
            eventsAdded += count;
            if (events.size() >= FLUSH_AT) {
                flushEvents();
            }
        }

        public long messagesAdded() {
            return messagesAdded;
        }

        public long eventsAdded() {
            return eventsAdded;
        }

        public void flush() throws SQLException {
            flushMessages();
            flushEvents();
        }

        /** Closes the statements; does not flush. */
        @Override
        public void close() throws SQLException {
            findSender.close();
            insertSender.close();
            if (rememberMessage != null) {
                rememberMessage.close();
            }
        }

        private void flushMessages() throws SQLException {
            if (messages.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO bulk_daily(day, sender_id, bcl, inbox, junk, quarantine, deleted, unknown) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(day, sender_id, bcl) DO UPDATE SET "
                            + "inbox = inbox + excluded.inbox, junk = junk + excluded.junk, "
                            + "quarantine = quarantine + excluded.quarantine, deleted = deleted + excluded.deleted, "
                            + "unknown = unknown + excluded.unknown")) {
                Long[] keys = messages.keySet().toArray(new Long[0]);
                Arrays.sort(keys);
                for (Long key : keys) {
                    long[] n = messages.get(key);
                    ps.setLong(1, key >>> 40);
                    ps.setLong(2, (key >>> 4) & ((1L << 36) - 1));
                    ps.setInt(3, (int) (key & 0xf));
                    for (int i = 0; i < 5; i++) {
                        ps.setLong(4 + i, n[i]);
                    }
                    ps.executeUpdate();
                }
            }
            messages.clear();
        }

        private void flushEvents() throws SQLException {
            if (events.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO bulk_event_daily(day, sender_id, event, count) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT(day, sender_id, event) DO UPDATE SET count = count + excluded.count")) {
                Long[] keys = events.keySet().toArray(new Long[0]);
                Arrays.sort(keys);
                for (Long key : keys) {
                    ps.setLong(1, key >>> 40);
                    ps.setLong(2, (key >>> 4) & ((1L << 36) - 1));
                    ps.setInt(3, (int) (key & 0xf));
                    ps.setLong(4, events.get(key)[0]);
                    ps.executeUpdate();
                }
            }
            events.clear();
        }
    }
}
