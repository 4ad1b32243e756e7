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
     * {@code headHash}: long ones with the same head, and every short one not longer than the content.
     * Message files ({@code eml}) never grow and are recognised by their whole hash alone
     * ({@link #exists}), so they are left out: a Maildir of many small files must not slow every
     * later import down.
     */
    public static List<Source> candidates(Connection c, String headHash, long contentLength) throws SQLException {
        List<Source> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM source "
                        + "WHERE ((length >= ? AND head_hash = ? AND length <= ?) OR (length < ? AND length <= ?)) AND format <> 'eml' ORDER BY length")) {
            ps.setLong(1, HEAD_BYTES);
            ps.setString(2, headHash);
            ps.setLong(3, contentLength);
            ps.setLong(4, HEAD_BYTES);
            ps.setLong(5, contentLength);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    public static boolean exists(Connection c, String contentHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM source WHERE content_hash = ?")) {
            ps.setString(1, contentHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static void insert(Connection c, String contentHash, long length, String headHash, String leadHash,
                              long lineCount, String format, String name, long rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO source(content_hash, length, head_hash, lead_hash, line_count, format, name, rows, imported_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(content_hash) DO NOTHING")) {
            ps.setString(1, contentHash);
            ps.setLong(2, length);
            ps.setString(3, headHash);
            ps.setString(4, leadHash);
            ps.setLong(5, lineCount);
            ps.setString(6, format);
            ps.setString(7, name);
            ps.setLong(8, rows);
            ps.setString(9, Instant.now().toString());
            ps.executeUpdate();
        }
    }
}
