package org.mailflow.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema 5 (issue 15, many files): a cache of schema 4 opens with its sources kept and unkeyed, and the
 * three look-ups of {@link SourceStore#candidates} are index searches, never a scan of the table, so
 * their cost does not grow with the number of sources the cache holds.
 */
class SchemaV5MigrationTest {
    @TempDir
    Path dir;

    private static String migration(String name) throws Exception {
        try (InputStream in = Cache.class.getResourceAsStream("/org/mailflow/cache/migrations/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path schemaFourCache() throws Exception {
        Path file = dir.resolve("v4.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA application_id = " + Cache.APPLICATION_ID);
            for (String name : List.of("V1.sql", "V2.sql", "V3.sql", "V4.sql")) {
                for (String sql : Cache.splitStatements(migration(name))) {
                    st.execute(sql);
                }
            }
            st.execute("PRAGMA user_version = 4");
            st.execute("INSERT INTO source(content_hash, length, head_hash, lead_hash, line_count, format, name, rows, imported_at) "
                    + "VALUES ('c1', 300, 'c1', 'l1', 5, 'bulk', 'a.csv', 4, '2026-11-01T00:00:00Z'), "
                    + "('c2', 900000, 'h2', 'l2', 9000, 'postfix', 'mail.log', 100, '2026-11-01T00:00:00Z'), "
                    + "('c3', 8000, 'c3', 'l3', 0, 'eml', 'msg', 1, '2026-11-01T00:00:00Z')");
        }
        return file;
    }

    private static List<String> rows(Cache cache, String sql) throws Exception {
        return cache.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                    }
                    out.add(sb.toString());
                }
            }
            return out;
        });
    }

    @Test
    void aSchemaFourCacheKeepsItsSourcesAndFindsItsShortOnesByLength() throws Exception {
        try (Cache cache = Cache.open(schemaFourCache())) {
            assertThat(rows(cache, "PRAGMA user_version")).containsExactly(String.valueOf(Cache.SCHEMA_VERSION));
            assertThat(rows(cache, "SELECT name, prefix_hash FROM source ORDER BY id")).containsExactly("a.csv|null", "mail.log|null",
                    "msg|null");
            // the short CSV of before is a candidate for any content at least as long; the message file never is
            List<SourceStore.Source> found = cache.read(c -> SourceStore.candidates(c, "other", List.of("k"), 1000));
            assertThat(found).extracting(SourceStore.Source::name).containsExactly("a.csv");
            List<SourceStore.Source> grownLog = cache.read(c -> SourceStore.candidates(c, "h2", List.of("k"), 1_000_000));
            assertThat(grownLog).extracting(SourceStore.Source::name).containsExactly("a.csv", "mail.log");
        }
    }

    private static List<String> plan(Cache cache, String sql, Object... args) throws Exception {
        return cache.read(c -> {
            List<String> out = new ArrayList<>();
            try (var ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString("detail"));
                    }
                }
            }
            return out;
        });
    }

    @Test
    void everyLookUpOfAnEarlierImportIsAnIndexSearch() throws Exception {
        try (Cache cache = Cache.open(dir.resolve("new.db"))) {
            // enough rows that the planner would rather scan if it could not search
            cache.write(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                            + "INSERT INTO source(content_hash, length, head_hash, lead_hash, prefix_hash, line_count, format, name, rows, "
                            + "imported_at) SELECT 'c' || i, 100 + i, 'h' || i, 'l' || i, 'p' || i, 3, 'bulk', 'f' || i, 2, "
                            + "'2026-11-01T00:00:00Z' FROM n");
                    st.execute("ANALYZE");
                }
                return null;
            });
            assertThat(plan(cache, SourceStore.SQL_KEYED, "[\"p1\",\"p2\"]", 1000)).anyMatch(d -> d.contains("INDEX source_by_prefix"))
                    .noneMatch(d -> d.startsWith("SCAN source"));
            assertThat(plan(cache, SourceStore.SQL_UNKEYED, 1000)).anyMatch(d -> d.contains("INDEX source_unkeyed_short"))
                    .noneMatch(d -> d.startsWith("SCAN source"));
            assertThat(plan(cache, SourceStore.SQL_LONG, "h1", 65536, 1_000_000)).anyMatch(d -> d.contains("INDEX source_by_head"))
                    .noneMatch(d -> d.startsWith("SCAN source"));
            // and a content finds the one keyed source, not the 5000 others not longer than it
            List<SourceStore.Source> found = cache.read(c -> SourceStore.candidates(c, "x", List.of("p42", "nothing"), 60_000));
            assertThat(found).extracting(SourceStore.Source::name).containsExactly("f42");
        }
    }
}
