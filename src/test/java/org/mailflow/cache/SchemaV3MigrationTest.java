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
import org.mailflow.smtpauth.TlsVersion;

/**
 * A cache written by the previous version (schema 2) opens in this one: message-ids lose their angle
 * brackets, failed authentications get the empty client IP, the TLS codes stay, and the new token
 * {@code unknown} can be stored.
 */
class SchemaV3MigrationTest {
    @TempDir
    Path dir;

    private static String migration(String name) throws Exception {
        try (InputStream in = Cache.class.getResourceAsStream("/org/mailflow/cache/migrations/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A schema-2 cache as the previous version left it: Exim's message-ids kept their brackets, failures had no IP. */
    private Path schemaTwoCache() throws Exception {
        Path file = dir.resolve("v2.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA application_id = " + Cache.APPLICATION_ID);
            for (String name : List.of("V1.sql", "V2.sql")) {
                for (String sql : Cache.splitStatements(migration(name))) {
                    st.execute(sql);
                }
            }
            st.execute("PRAGMA user_version = 2");
            st.execute("INSERT INTO smtp_account(id, address) VALUES (1, 'alice@x.example'), (2, 'mallory@x.example')");
            st.execute("INSERT INTO smtp_name(id, kind, value) VALUES (1, 0, 'x.example'), (2, 1, 'PLAIN'), (3, 2, '10.0.0.1'), "
                    + "(4, 3, ''), (5, 4, 'mx')");
            st.execute("INSERT INTO smtp_detail VALUES (20400, 1, 1, 2, 3, 5, 4, 3, 0), (20400, 1, 1, 2, 3, 2, 4, 2, 1)");
            st.execute("INSERT INTO smtp_message VALUES (20400, 1, NULL, 1, 1, 2, 3, 5, 4, 5, '<exim-1@x.example>', 1), "
                    + "(20400, 2, NULL, 1, 1, 2, 3, 5, 4, 5, 'postfix-1@x.example', 1), "
                    + "(20400, 3, NULL, 1, 1, 2, 3, 2, 4, 5, '< spaced@x.example >', 1), "
                    + "(20400, 4, NULL, 1, 1, 2, 3, 5, 4, 5, '<half@x.example', 1)");
            st.execute("INSERT INTO smtp_auth_failure VALUES (20400, 2, 25), (20401, 1, 1)");
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
    void aSchemaTwoCacheIsMigratedWithItsDataKept() throws Exception {
        Path file = schemaTwoCache();
        try (Cache cache = Cache.open(file)) {
            assertThat(rows(cache, "PRAGMA user_version")).containsExactly(String.valueOf(Cache.SCHEMA_VERSION));
            assertThat(rows(cache, "SELECT seq, message_id, tls FROM smtp_message ORDER BY seq")).containsExactly(
                    "1|exim-1@x.example|5", "2|postfix-1@x.example|5", "3|spaced@x.example|2", "4|<half@x.example|5");
            assertThat(rows(cache, "SELECT tls, count, unidentified FROM smtp_detail ORDER BY tls")).containsExactly("2|2|1", "5|3|0");
            assertThat(rows(cache, "SELECT f.day, a.address, n.value, f.count FROM smtp_auth_failure f JOIN smtp_account a "
                    + "ON a.id = f.account_id JOIN smtp_name n ON n.id = f.ip_id ORDER BY f.day")).containsExactly(
                    "20400|mallory@x.example||25", "20401|alice@x.example||1");
            // the report reads the migrated rows, and the new token can be written beside them
            assertThat(new SmtpStore(cache).totalSubmissions()).isEqualTo(5);
            cache.write(c -> {
                try (SmtpStore.Writer w = new SmtpStore.Writer(c)) {
                    w.addSubmission(20400, null, "alice@x.example", "x.example", "PLAIN", "10.0.0.1", TlsVersion.UNKNOWN, "", "mx",
                            "<new@x.example>", 1);
                    w.addFailures(20400, "mallory@x.example", "203.0.113.9", 4);
                    w.flush();
                }
                return null;
            });
            assertThat(rows(cache, "SELECT message_id, tls FROM smtp_message WHERE seq = 5")).containsExactly("new@x.example|6");
            assertThat(rows(cache, "SELECT n.value, f.count FROM smtp_auth_failure f JOIN smtp_name n ON n.id = f.ip_id "
                    + "WHERE f.day = 20400 ORDER BY n.value")).containsExactly("|25", "203.0.113.9|4");
        }
    }
}
