package org.mailflow.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fingerprints of imported content (table {@code source}), so that importing the same content again
 * adds nothing and a file that has grown imports only its new part. See {@code ingest.Fingerprints}.
 */
public final class SourceStore {
    /** Content of at most this many bytes is identified by its whole hash alone. */
    public static final int HEAD_BYTES = 65536;

    private SourceStore() {
    }

    /** One imported content. {@code lineCount} is the number of line feeds in it. */
    public record Source(long id, String contentHash, long length, String headHash, long lineCount, String format,
                         String name, long rows, Instant importedAt) {
    }

    private static final String COLUMNS = "id, content_hash, length, head_hash, line_count, format, name, rows, imported_at";

    private static Source read(ResultSet rs) throws SQLException {
        return new Source(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), rs.getLong(8), Instant.parse(rs.getString(9)));
    }

    /** Earlier imports whose first two lines hash to {@code leadHash}. */
    public static List<Source> withLead(Connection c, String leadHash) throws SQLException {
        List<Source> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM source WHERE lead_hash = ? ORDER BY id")) {
            ps.setString(1, leadHash);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /**
     * Sources that may be a prefix of a content whose first {@code min(length, 65536)} bytes hash to
     * {@code headHash} and whose own prefixes have the keys {@code prefixKeys}
     * ({@code ingest.Fingerprints.prefixKeys}), shortest first. Three look-ups, each by an index, so that
     * the cost depends on how many earlier sources share the content's start, never on how many
     * sources the cache holds (a folder of 50 000 small files used to read every short source imported
     * before each file, issue 15):
     * <ul>
     * <li>long sources (65536 bytes or more) with the same head ({@code source_by_head});</li>
     * <li>short sources whose prefix key is one of {@code prefixKeys} ({@code source_by_prefix}): a
     * short source that is a prefix of the content has the key of one of the content's prefixes;</li>
     * <li>short sources of a cache written before schema 5, which have no key (their contents were
     * not kept), by length ({@code source_unkeyed_short}, an index that holds only them): as before,
     * every such source not longer than the content. A new cache has none.</li>
     * </ul>
     * Message files ({@code eml}) never grow and are recognised by their whole hash alone
     * ({@link #exists}), so they are left out.
     */
    public static List<Source> candidates(Connection c, String headHash, List<String> prefixKeys, long contentLength) throws SQLException {
        return candidates(c, headHash, prefixKeys, contentLength, true);
    }

    /**
     * {@link #candidates(Connection, String, List, long)}, leaving out the look-up of unkeyed short
     * sources when {@code unkeyed} is false: a cache written by this version has none.
     */
    public static List<Source> candidates(Connection c, String headHash, List<String> prefixKeys, long contentLength, boolean unkeyed)
            throws SQLException {
        List<Source> out = new ArrayList<>();
        if (contentLength >= HEAD_BYTES) {
            try (PreparedStatement ps = c.prepareStatement(SQL_LONG)) {
                ps.setString(1, headHash);
                ps.setLong(2, HEAD_BYTES);
                ps.setLong(3, contentLength);
                readAll(ps, out);
            }
        }
        if (!prefixKeys.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(SQL_KEYED)) {
                ps.setString(1, jsonArray(prefixKeys));
                ps.setLong(2, contentLength);
                readAll(ps, out);
            }
        }
        if (unkeyed) {
            try (PreparedStatement ps = c.prepareStatement(SQL_UNKEYED)) {
                ps.setLong(1, contentLength);
                readAll(ps, out);
            }
        }
        out.sort(java.util.Comparator.comparingLong(Source::length));
        return out;
    }

    // Each look-up names its index (INDEXED BY): SQLite then fails the statement rather than fall back
    // to a scan of the table, whose cost would grow with every source imported before.

    /** Long sources with the content's head (index source_by_head). */
    static final String SQL_LONG = "SELECT " + COLUMNS + " FROM source INDEXED BY source_by_head WHERE head_hash = ? AND length >= ? AND length <= ? AND format <> 'eml'";
    /**
     * Short sources by prefix key (index source_by_prefix): the keys come as one JSON array, so the
     * statement is the same whatever their number.
     */
    static final String SQL_KEYED = "SELECT " + COLUMNS + " FROM source INDEXED BY source_by_prefix WHERE prefix_hash IN (SELECT value FROM json_each(?)) "
            + "AND length <= ? AND format <> 'eml'";
    /**
     * Short sources without a key, written before schema 5 (index source_unkeyed_short). The terms of
     * the partial index are written out literally: SQLite uses a partial index only when the query's
     * terms match those of its WHERE clause. Left to itself, the planner searched source_by_prefix for
     * the null key instead, which visits every message file and every long source.
     */
    static final String SQL_UNKEYED = "SELECT " + COLUMNS + " FROM source INDEXED BY source_unkeyed_short WHERE prefix_hash IS NULL AND length < 65536 "
            + "AND format <> 'eml' AND length <= ?";

    private static void readAll(PreparedStatement ps, List<Source> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
    }

    private static String jsonArray(List<String> hexKeys) {
        StringBuilder b = new StringBuilder(hexKeys.size() * 35 + 2).append('[');
        for (String k : hexKeys) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(k).append('"'); // hex digits only: nothing to escape
        }
        return b.append(']').toString();
    }

    /**
     * The prefix keys of every source in the cache, held in memory by an import of many files (in its
     * transaction), so that a file none of whose prefix keys is there needs no look-up at all, and one
     * that has some looks up only those. Each index probe of {@link #candidates} cost 2-3 µs, and a file
     * of a few KB has some hundred keys: 0.25 ms a file, 12 s of a folder of 50 000 files (issue 15).
     * Loading is one pass over the index {@code source_by_prefix} (8 bytes a source); the sources this
     * transaction adds are read before each use, by rowid from the last one seen, so the set is exact
     * but for the keys' chance collisions, which only cost a look-up. It must be used only within the
     * transaction it was loaded in.
     */
    public static final class Known implements AutoCloseable {
        private final long[] loaded;
        private final java.util.Set<Long> added = new java.util.HashSet<>();
        private final PreparedStatement since;
        private final PreparedStatement byKey;
        private final PreparedStatement byHead;
        private final PreparedStatement unkeyedByLength;
        private final PreparedStatement insert;
        private final PreparedStatement exists;
        private long lastId;
        private boolean unkeyed;

        private Known(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT max(id) FROM source"); ResultSet rs = ps.executeQuery()) {
                lastId = rs.next() ? rs.getLong(1) : 0;
            }
            long[] keys = new long[1024];
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT prefix_hash FROM source INDEXED BY source_by_prefix WHERE prefix_hash IS NOT NULL AND id <= ?")) {
                ps.setLong(1, lastId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (n == keys.length) {
                            keys = java.util.Arrays.copyOf(keys, n * 2);
                        }
                        keys[n++] = bits(rs.getString(1));
                    }
                }
            }
            loaded = java.util.Arrays.copyOf(keys, n);
            java.util.Arrays.sort(loaded);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT EXISTS(" + SQL_UNKEYED.replace("length <= ?", "length <= " + HEAD_BYTES) + ")");
                 ResultSet rs = ps.executeQuery()) {
                unkeyed = rs.next() && rs.getBoolean(1);
            }
            // Prepared once for the batch: preparing them for each file cost as much as running them.
            since = c.prepareStatement("SELECT id, prefix_hash, length, format FROM source WHERE id > ? ORDER BY id");
            byKey = c.prepareStatement("SELECT " + COLUMNS + " FROM source INDEXED BY source_by_prefix WHERE prefix_hash = ? "
                    + "AND length <= ? AND format <> 'eml'");
            byHead = c.prepareStatement(SQL_LONG);
            unkeyedByLength = c.prepareStatement(SQL_UNKEYED);
            insert = c.prepareStatement(SQL_INSERT);
            exists = c.prepareStatement("SELECT 1 FROM source WHERE content_hash = ?");
        }

        /** Loads the keys of the sources in the cache, within the transaction on {@code c}. */
        public static Known load(Connection c) throws SQLException {
            return new Known(c);
        }

        private static long bits(String hexKey) {
            return Long.parseUnsignedLong(hexKey, 0, 16, 16);
        }

        private void catchUp() throws SQLException {
            since.setLong(1, lastId);
            try (ResultSet rs = since.executeQuery()) {
                while (rs.next()) {
                    lastId = rs.getLong(1);
                    String key = rs.getString(2);
                    if (key != null) {
                        added.add(bits(key));
                    } else if (rs.getLong(3) < HEAD_BYTES && !"eml".equals(rs.getString(4))) {
                        unkeyed = true;
                    }
                }
            }
        }

        /** {@link SourceStore#candidates}, looking up only the keys that some source has. */
        public List<Source> candidates(String headHash, List<String> prefixKeys, long contentLength) throws SQLException {
            List<Source> out = new ArrayList<>();
            if (contentLength >= HEAD_BYTES) {
                byHead.setString(1, headHash);
                byHead.setLong(2, HEAD_BYTES);
                byHead.setLong(3, contentLength);
                readAll(byHead, out);
            }
            for (String key : present(prefixKeys)) {
                byKey.setString(1, key);
                byKey.setLong(2, contentLength);
                readAll(byKey, out);
            }
            if (unkeyed) {
                unkeyedByLength.setLong(1, contentLength);
                readAll(unkeyedByLength, out);
            }
            out.sort(java.util.Comparator.comparingLong(Source::length));
            return out;
        }

        /** The keys of {@code prefixKeys} that a source in the cache may have; the others no source has. */
        List<String> present(List<String> prefixKeys) throws SQLException {
            catchUp();
            List<String> out = new ArrayList<>(2);
            for (String k : prefixKeys) {
                long b = bits(k);
                if (java.util.Arrays.binarySearch(loaded, b) >= 0 || (!added.isEmpty() && added.contains(b))) {
                    out.add(k);
                }
            }
            return out;
        }


        @Override
        public void close() throws SQLException {
            since.close();
            byKey.close();
            byHead.close();
            unkeyedByLength.close();
            insert.close();
            exists.close();
        }
    }

    public static boolean exists(Connection c, String contentHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM source WHERE content_hash = ?")) {
            ps.setString(1, contentHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Records an imported content. {@code prefixHash} is its prefix key ({@link #candidates}), or null
     * for a long content, a message file, or a short content whose key could not be made.
     */
    public static void insert(Connection c, String contentHash, long length, String headHash, String leadHash,
                              String prefixHash, long lineCount, String format, String name, long rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL_INSERT)) {
            insert(ps, contentHash, length, headHash, leadHash, prefixHash, lineCount, format, name, rows);
        }
    }

    /** {@link #insert(Connection, String, long, String, String, String, long, String, String, long)}, with the batch's statement when {@code known} is not null. */
    public static void insert(Connection c, Known known, String contentHash, long length, String headHash, String leadHash,
                              String prefixHash, long lineCount, String format, String name, long rows) throws SQLException {
        if (known == null) {
            insert(c, contentHash, length, headHash, leadHash, prefixHash, lineCount, format, name, rows);
        } else {
            insert(known.insert, contentHash, length, headHash, leadHash, prefixHash, lineCount, format, name, rows);
        }
    }

    /** {@link #exists(Connection, String)} with the batch's statement when {@code known} is not null. */
    public static boolean exists(Connection c, Known known, String contentHash) throws SQLException {
        if (known == null) {
            return exists(c, contentHash);
        }
        known.exists.setString(1, contentHash);
        try (ResultSet rs = known.exists.executeQuery()) {
            return rs.next();
        }
    }

    private static final String SQL_INSERT = "INSERT INTO source(content_hash, length, head_hash, lead_hash, prefix_hash, line_count, "
            + "format, name, rows, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(content_hash) DO NOTHING";

    private static void insert(PreparedStatement ps, String contentHash, long length, String headHash, String leadHash,
                               String prefixHash, long lineCount, String format, String name, long rows) throws SQLException {
        ps.setString(1, contentHash);
        ps.setLong(2, length);
        ps.setString(3, headHash);
        ps.setString(4, leadHash);
        ps.setString(5, prefixHash);
        ps.setLong(6, lineCount);
        ps.setString(7, format);
        ps.setString(8, name);
        ps.setLong(9, rows);
        ps.setString(10, Instant.now().toString());
        ps.executeUpdate();
    }
}
