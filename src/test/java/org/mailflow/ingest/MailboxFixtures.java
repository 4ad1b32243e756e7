package org.mailflow.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.mailflow.bulk.FeedbackEvent;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheException;

/** Mailbox fixtures the tests write, and the cache's bulk data read back as a user would check it. Not a test class. */
final class MailboxFixtures {
    /** Thursday 2026-11-12 08:30 UTC. */
    static final String DATE = "Thu, 12 Nov 2026 08:30:00 +0000";
    static final String SEP_DATE = "Thu Nov 12 08:30:00 2026";

    private MailboxFixtures() {
    }

    /** Lines joined with LF, with a final LF. */
    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** A message: header lines, a blank line, a body. */
    static String message(String body, String... headers) {
        return lines(headers) + "\n" + body;
    }

    static Path file(Path dir, String relative, String content) throws IOException {
        return bytes(dir, relative, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path bytes(Path dir, String relative, byte[] content) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.write(p, content);
    }

    /**
     * The cache's bulk data, one line per (sender, day, BCL) with its non-zero deliveries:
     * {@code news@shop.example 2026-11-12 bcl=5 inbox=1}.
     */
    static List<String> bulkRows(Cache cache) throws CacheException {
        return cache.read(c -> {
            List<String> out = new ArrayList<>();
            String[] deliveries = {"inbox", "junk", "quarantine", "deleted", "unknown"};
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT s.address, d.day, d.bcl, d.inbox, d.junk, d.quarantine, d.deleted, d.unknown "
                            + "FROM bulk_daily d JOIN bulk_sender s ON s.id = d.sender_id ORDER BY s.address, d.day, d.bcl")) {
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder(rs.getString(1)).append(' ')
                            .append(LocalDate.ofEpochDay(rs.getLong(2))).append(" bcl=").append(rs.getInt(3));
                    for (int i = 0; i < deliveries.length; i++) {
                        long n = rs.getLong(4 + i);
                        if (n != 0) {
                            sb.append(' ').append(deliveries[i]).append('=').append(n);
                        }
                    }
                    out.add(sb.toString());
                }
            }
            return out;
        });
    }

    /** The cache's feedback events, one line per (sender, day, event): {@code a@b.example 2026-11-12 user_allowed=1}. */
    static List<String> eventRows(Cache cache) throws CacheException {
        return cache.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT s.address, e.day, e.event, e.count FROM bulk_event_daily e JOIN bulk_sender s ON s.id = e.sender_id "
                            + "ORDER BY s.address, e.day, e.event")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + LocalDate.ofEpochDay(rs.getLong(2)) + " "
                            + FeedbackEvent.ofCode(rs.getInt(3)).token() + "=" + rs.getLong(4));
                }
            }
            return out;
        });
    }

    /** Every sender address the cache holds. */
    static List<String> senders(Cache cache) throws CacheException {
        return cache.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT address FROM bulk_sender ORDER BY address")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
