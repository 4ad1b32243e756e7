package org.mailflow.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailflow.model.DayWindow;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.ReportFilter;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.SmtpDataset;
import org.mailflow.smtpauth.SmtpFlag;
import org.mailflow.smtpauth.SmtpReport;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.smtpauth.UnusualActivity;

/** {@link SmtpStore}: the writer's upserts and message sequence, and every read, against hand-computed figures. */
class SmtpStoreTest {
    static final LocalDate D0 = LocalDate.of(2026, 11, 12);

    @TempDir
    Path dir;
    Cache cache;
    SmtpStore store;

    @BeforeEach
    void open() throws Exception {
        cache = Cache.open(dir.resolve("smtp.db"));
        store = new SmtpStore(cache);
    }

    @AfterEach
    void close() {
        cache.close();
    }

    static long day(int offset) {
        return D0.toEpochDay() + offset;
    }

    static DayWindow window(int from, int to) {
        return new DayWindow(D0.plusDays(from), D0.plusDays(to));
    }

    @FunctionalInterface
    interface Work {
        void run(SmtpStore.Writer w) throws Exception;
    }

    /** One import: one write transaction with one writer, flushed before the commit. */
    void write(Work work) throws Exception {
        cache.write(c -> {
            try (SmtpStore.Writer w = new SmtpStore.Writer(c)) {
                work.run(w);
                w.flush();
            }
            return null;
        });
    }

    static void sub(SmtpStore.Writer w, int day, String account, String domain, String method, String ip, TlsVersion tls,
                    String cipher, String messageId, long n) throws Exception {
        w.addSubmission(day(day), null, account, domain, method, ip, tls, cipher, "smtp1", messageId, n);
    }

    <T> List<T> query(String sql, RowMapper<T> row) throws Exception {
        return cache.read(c -> {
            List<T> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(row.apply(rs));
                }
            }
            return out;
        });
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T apply(ResultSet rs) throws java.sql.SQLException;
    }

    /** One row of the detailed report, as the sink receives it. */
    record Row(LocalDate date, String sender, String domain, String method, String ip, TlsVersion tls, String cipher, long count,
               String messageId) {
        static Row of(int day, String sender, String domain, String method, String ip, TlsVersion tls, String cipher, long count,
                      String messageId) {
            return new Row(D0.plusDays(day), sender, domain, method, ip, tls, cipher, count, messageId);
        }
    }

    List<Row> report(DayWindow w) throws Exception {
        List<Row> rows = new ArrayList<>();
        long n = store.report(w, (epochDay, sender, domain, method, ip, tls, cipher, count, messageId) ->
                rows.add(new Row(LocalDate.ofEpochDay(epochDay), sender, domain, method, ip, tls, cipher, count, messageId)));
        assertThat(n).isEqualTo(rows.size());
        return rows;
    }

    // ---------------------------------------------------------------------------------------------
    // Writer

    @Test
    void theWriterMergesRepeatedKeysWithinAndAcrossImports() throws Exception {
        write(w -> {
            sub(w, 0, " Alice@Contoso.EXAMPLE ", "Contoso.Example ", "login", "10.0.0.1", TlsVersion.TLS1_2, "C1", null, 2);
            sub(w, 0, "alice@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "C1", "m1@x", 1);
            sub(w, 0, "ALICE@contoso.example", "contoso.example", "Login", " 10.0.0.1 ", TlsVersion.TLS1_2, "C1", "", 3);
            // a different key: another TLS version
            sub(w, 0, "alice@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_3, "C1", null, 1);
            assertThat(w.submissionsAdded()).isEqualTo(7);
        });
        write(w -> sub(w, 0, "alice@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "C1", null, 4));

        assertThat(query("SELECT address FROM smtp_account", rs -> rs.getString(1))).containsExactly("alice@contoso.example");
        assertThat(query("SELECT kind, value FROM smtp_name WHERE kind IN (0, 1, 2) ORDER BY kind",
                rs -> rs.getInt(1) + "=" + rs.getString(2))).containsExactly("0=contoso.example", "1=LOGIN", "2=", "2=10.0.0.1"); // "" is the IP of failures without one
        assertThat(query("SELECT tls, count, unidentified FROM smtp_detail ORDER BY tls",
                rs -> tuple(rs.getInt(1), rs.getLong(2), rs.getLong(3))))
                .containsExactly(tuple(2, 2L + 1 + 3 + 4, 2L + 3 + 4), tuple(3, 1L, 1L));
        assertThat(query("SELECT message_id, count FROM smtp_message", rs -> rs.getString(1) + "/" + rs.getLong(2)))
                .containsExactly("m1@x/1");
        assertThat(store.totalSubmissions()).isEqualTo(11);
    }

    @Test
    void zeroCountsAreIgnored() throws Exception {
        write(w -> {
            sub(w, 0, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", null, 1);
            sub(w, 5, "zero@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", "m@x", 0);
            w.addFailures(day(6), "zero@contoso.example", "", 0);
            assertThat(w.failuresAdded()).isZero();
        });
        assertThat(store.dataRange()).contains(window(0, 0));
        assertThat(query("SELECT count(*) FROM smtp_account", rs -> rs.getLong(1))).containsExactly(1L);
        assertThat(query("SELECT count(*) FROM smtp_message", rs -> rs.getLong(1))).containsExactly(0L);
        assertThat(query("SELECT count(*) FROM smtp_auth_failure", rs -> rs.getLong(1))).containsExactly(0L);
    }

    @Test
    void failuresOfOneAccountAndDaySumAcrossImportsAndSpellings() throws Exception {
        write(w -> {
            w.addFailures(day(0), "Mallory@Contoso.example", "", 10);
            w.addFailures(day(0), "mallory@contoso.example", "", 1);
            w.addFailures(day(-1), "mallory@contoso.example", "", 7);
            assertThat(w.failuresAdded()).isEqualTo(18);
        });
        write(w -> w.addFailures(day(0), " MALLORY@contoso.example", "", 10));
        assertThat(query("SELECT day, count FROM smtp_auth_failure ORDER BY day", rs -> tuple(rs.getLong(1), rs.getLong(2))))
                .containsExactly(tuple(day(-1), 7L), tuple(day(0), 21L));
        // failures are not submissions
        assertThat(store.totalSubmissions()).isZero();
        assertThat(store.dataRange()).isEmpty();
    }

    @Test
    void theMessageSequenceContinuesAcrossImportsOfTheSameDay() throws Exception {
        write(w -> {
            for (int k = 1; k <= 3; k++) {
                sub(w, 0, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", "first-" + k, 1);
            }
            sub(w, -1, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", "before-1", 1);
        });
        // a second import on the same day, and a day of its own: no primary-key clash
        write(w -> {
            for (int k = 1; k <= 2; k++) {
                sub(w, 0, "b@contoso.example", "contoso.example", "PLAIN", "10.0.0.2", TlsVersion.TLS1_0, "", "second-" + k, 1);
            }
            sub(w, 1, "b@contoso.example", "contoso.example", "PLAIN", "10.0.0.2", TlsVersion.TLS1_0, "", "after-1", 1);
        });
        write(w -> sub(w, 0, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", "third-1", 1));
        assertThat(query("SELECT day, seq, message_id FROM smtp_message ORDER BY day, seq",
                rs -> tuple(rs.getLong(1), rs.getLong(2), rs.getString(3)))).containsExactly(
                tuple(day(-1), 1L, "before-1"),
                tuple(day(0), 1L, "first-1"), tuple(day(0), 2L, "first-2"), tuple(day(0), 3L, "first-3"),
                tuple(day(0), 4L, "second-1"), tuple(day(0), 5L, "second-2"), tuple(day(0), 6L, "third-1"),
                tuple(day(1), 1L, "after-1"));
        // the detailed report lists them in import order
        assertThat(report(window(0, 0))).extracting(Row::messageId)
                .containsExactly("first-1", "first-2", "first-3", "second-1", "second-2", "third-1");
    }

    @Test
    void theMessageSequenceContinuesPastABatchAndAfterAFlush() throws Exception {
        int many = 10_005; // more than one insert batch
        write(w -> {
            for (int k = 1; k <= many; k++) {
                sub(w, 0, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", "m" + k, 1);
            }
            w.flush();
            sub(w, 0, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", "m" + (many + 1), 1);
        });
        write(w -> sub(w, 0, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", "last", 1));
        assertThat(query("SELECT count(*), min(seq), max(seq), count(DISTINCT seq) FROM smtp_message",
                rs -> tuple(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))))
                .containsExactly(tuple(many + 2L, 1L, many + 2L, many + 2L));
        assertThat(query("SELECT message_id FROM smtp_message WHERE seq = " + (many + 2), rs -> rs.getString(1))).containsExactly("last");
        assertThat(query("SELECT count, unidentified FROM smtp_detail", rs -> tuple(rs.getLong(1), rs.getLong(2))))
                .containsExactly(tuple(many + 2L, 0L));
    }

    @Test
    void everyColumnOfEveryMessageRowIsWrittenWhetherItGoesInAManyRowInsertOrIsLeftOverAtTheFlush() throws Exception {
        int rows = 64 + 64 + 7; // two full many-row inserts, then seven rows written one by one at the flush
        write(w -> {
            for (int k = 1; k <= rows; k++) {
                Long time = k % 3 == 0 ? null : day(k % 2) * 86_400 + k;
                w.addSubmission(day(k % 2), time, "u" + k % 5 + "@contoso.example", "d" + k % 4 + ".example", k % 2 == 0 ? "PLAIN" : "LOGIN",
                        "192.0.2." + k, TlsVersion.values()[k % TlsVersion.values().length], "C" + k % 3, "smtp" + k % 2, " m" + k + " ", 1);
            }
        });
        List<String> written = query("SELECT m.day, m.seq, m.time, a.address, d.value, me.value, ip.value, m.tls, ci.value, se.value, "
                + "m.message_id, m.count FROM smtp_message m JOIN smtp_account a ON a.id = m.account_id "
                + "JOIN smtp_name d ON d.id = m.domain_id JOIN smtp_name me ON me.id = m.method_id JOIN smtp_name ip ON ip.id = m.ip_id "
                + "JOIN smtp_name ci ON ci.id = m.cipher_id JOIN smtp_name se ON se.id = m.server_id ORDER BY m.day, m.seq",
                rs -> rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getObject(3) + " " + rs.getString(4) + " " + rs.getString(5) + " "
                        + rs.getString(6) + " " + rs.getString(7) + " " + rs.getInt(8) + " " + rs.getString(9) + " " + rs.getString(10)
                        + " " + rs.getString(11) + " " + rs.getLong(12));
        List<String> expected = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            long seq = 0;
            for (int k = 1; k <= rows; k++) {
                if (k % 2 != d) {
                    continue;
                }
                Object time = k % 3 == 0 ? null : day(d) * 86_400 + k;
                expected.add(day(d) + " " + ++seq + " " + time + " u" + k % 5 + "@contoso.example d" + k % 4 + ".example "
                        + (k % 2 == 0 ? "PLAIN" : "LOGIN") + " 192.0.2." + k + " " + TlsVersion.values()[k % TlsVersion.values().length].code()
                        + " C" + k % 3 + " smtp" + k % 2 + " m" + k + " 1");
            }
        }
        assertThat(written).containsExactlyElementsOf(expected);
    }

    @Test
    void rowsWaitingForAManyRowInsertAreTakenBackWithTheRestAtASavepoint() throws Exception {
        write(w -> {
            for (int k = 1; k <= 3; k++) {
                sub(w, 0, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", "kept-" + k, 1);
            }
            java.sql.Savepoint before = w.savepoint();
            for (int k = 1; k <= 70; k++) { // 64 written, 6 waiting
                sub(w, 0, "b@contoso.example", "contoso.example", "LOGIN", "10.0.0.2", TlsVersion.TLS1_2, "", "taken-back-" + k, 1);
            }
            w.rollBackTo(before);
            sub(w, 0, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", "after", 1);
            w.release(before);
        });
        assertThat(query("SELECT seq, message_id FROM smtp_message ORDER BY seq", rs -> rs.getLong(1) + " " + rs.getString(2)))
                .containsExactly("1 kept-1", "2 kept-2", "3 kept-3", "4 after");
        assertThat(store.totalSubmissions()).isEqualTo(4);
    }

    @Test
    void manyBatchesWrittenInTheBackgroundKeepTheirOrderAndAnImportThatFailsWithBatchesInFlightLeavesNothing() throws Exception {
        // 1000 rows: 15 full batches handed to the writer's own thread, 40 waiting for flush()
        write(w -> {
            for (int k = 1; k <= 1000; k++) {
                sub(w, k % 3, "u" + k % 7 + "@contoso.example", "contoso.example", "LOGIN", "10.0." + k % 5 + ".1", TlsVersion.TLS1_2, "",
                        "m-" + k, 1);
            }
        });
        List<String> rows = query("SELECT day, seq, message_id FROM smtp_message ORDER BY day, seq",
                rs -> rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getString(3));
        List<String> expected = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            long seq = 0;
            for (int k = 1; k <= 1000; k++) {
                if (k % 3 == d) {
                    expected.add(day(d) + " " + ++seq + " m-" + k);
                }
            }
        }
        assertThat(rows).containsExactlyElementsOf(expected);
        assertThat(store.totalSubmissions()).isEqualTo(1000);

        // the work fails while batches are still being written: the rollback waits for them and takes them back
        assertThatThrownBy(() -> cache.write(c -> {
            try (SmtpStore.Writer w = new SmtpStore.Writer(c)) {
                for (int k = 1; k <= 5000; k++) {
                    sub(w, 0, "lost@contoso.example", "contoso.example", "PLAIN", "10.9.9.9", TlsVersion.NONE, "", "lost-" + k, 1);
                }
                throw new IllegalStateException("cancelled");
            }
        })).hasMessage("cancelled");
        assertThat(query("SELECT count(*) FROM smtp_message", rs -> rs.getLong(1))).containsExactly(1000L);
        assertThat(query("SELECT count(*) FROM smtp_account WHERE address = 'lost@contoso.example'", rs -> rs.getLong(1)))
                .containsExactly(0L);
    }

    @Test
    void aFailedImportLeavesNothingBehind() throws Exception {
        write(w -> sub(w, 0, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", "kept", 1));
        assertThatThrownBy(() -> write(w -> {
            sub(w, 0, "b@contoso.example", "fabrikam.example", "PLAIN", "10.0.0.9", TlsVersion.NONE, "", "lost", 5);
            w.addFailures(day(0), "b@contoso.example", "", 50);
            w.flush();
            throw new IllegalStateException("cancelled");
        })).hasMessage("cancelled");
        assertThat(store.totalSubmissions()).isEqualTo(1);
        assertThat(query("SELECT address FROM smtp_account", rs -> rs.getString(1))).containsExactly("a@contoso.example");
        assertThat(query("SELECT count(*) FROM smtp_auth_failure", rs -> rs.getLong(1))).containsExactly(0L);
        // the sequence goes on from what was committed
        write(w -> sub(w, 0, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", "next", 1));
        assertThat(query("SELECT seq, message_id FROM smtp_message ORDER BY seq", rs -> rs.getLong(1) + " " + rs.getString(2)))
                .containsExactly("1 kept", "2 next");
    }

    // ---------------------------------------------------------------------------------------------
    // Detailed report

    @Test
    void theDetailedReportListsEachDaysIdentifiedRowsThenItsGroupedRows() throws Exception {
        write(w -> {
            // day -1: identified only
            sub(w, -1, "alice@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "AES", "d1-a", 1);
            // day 0: identified and grouped, in mixed order
            sub(w, 0, "scanner", "fabrikam.example", "login", "10.1.0.9", TlsVersion.TLS1_1, "AES256-SHA", null, 2);
            sub(w, 0, "bob@fabrikam.example", "fabrikam.example", "XOAUTH2", "198.51.100.4", TlsVersion.TLS1_3, "TLS_AES", "d0-b", 1);
            sub(w, 0, "scanner", "fabrikam.example", "LOGIN", "10.1.0.9", TlsVersion.TLS1_1, "AES256-SHA", null, 3);
            sub(w, 0, "scanner", "fabrikam.example", "LOGIN", "10.1.0.10", TlsVersion.TLS1_1, "AES256-SHA", null, 1);
            sub(w, 0, "scanner", "contoso.example", "LOGIN", "10.1.0.9", TlsVersion.TLS1_1, "AES256-SHA", null, 4);
            // one key with both an identified submission and grouped ones
            sub(w, 0, "alice@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "AES", "d0-a", 1);
            sub(w, 0, "alice@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "AES", null, 2);
            // day 1: grouped only
            sub(w, 1, "printer@contoso.example", "contoso.example", "PLAIN", "10.0.0.50", TlsVersion.NONE, "", null, 5);
            // outside the window
            sub(w, -2, "alice@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "AES", "old", 1);
            sub(w, 2, "printer@contoso.example", "contoso.example", "PLAIN", "10.0.0.50", TlsVersion.NONE, "", null, 9);
        });
        // a later import on day 0 adds to a grouped row and appends an identified one
        write(w -> {
            sub(w, 0, "scanner", "fabrikam.example", "LOGIN", "10.1.0.9", TlsVersion.TLS1_1, "AES256-SHA", null, 10);
            sub(w, 0, "bob@fabrikam.example", "fabrikam.example", "XOAUTH2", "198.51.100.4", TlsVersion.TLS1_3, "TLS_AES", "d0-b2", 1);
        });

        List<Row> rows = report(window(-1, 1));
        assertThat(rows).hasSize(1 + 3 + 4 + 1);
        assertThat(rows.subList(0, 4)).containsExactly(
                Row.of(-1, "alice@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "AES", 1, "d1-a"),
                Row.of(0, "bob@fabrikam.example", "fabrikam.example", "XOAUTH2", "198.51.100.4", TlsVersion.TLS1_3, "TLS_AES", 1, "d0-b"),
                Row.of(0, "alice@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "AES", 1, "d0-a"),
                Row.of(0, "bob@fabrikam.example", "fabrikam.example", "XOAUTH2", "198.51.100.4", TlsVersion.TLS1_3, "TLS_AES", 1, "d0-b2"));
        assertThat(rows.subList(4, 8)).containsExactlyInAnyOrder(
                Row.of(0, "scanner", "fabrikam.example", "LOGIN", "10.1.0.9", TlsVersion.TLS1_1, "AES256-SHA", 2 + 3 + 10, ""),
                Row.of(0, "scanner", "fabrikam.example", "LOGIN", "10.1.0.10", TlsVersion.TLS1_1, "AES256-SHA", 1, ""),
                Row.of(0, "scanner", "contoso.example", "LOGIN", "10.1.0.9", TlsVersion.TLS1_1, "AES256-SHA", 4, ""),
                Row.of(0, "alice@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "AES", 2, ""));
        assertThat(rows.get(8)).isEqualTo(Row.of(1, "printer@contoso.example", "contoso.example", "PLAIN", "10.0.0.50", TlsVersion.NONE, "", 5, ""));
        // every submission of the window is in the report exactly once
        assertThat(rows.stream().mapToLong(Row::count).sum()).isEqualTo(1 + (1 + 2 + 3 + 1 + 4 + 1 + 2 + 10 + 1) + 5);
        assertThat(report(window(5, 9))).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // Summary, activity, range

    @Test
    void theSummaryCountsSendersLegacySendersAndMessagesPerTlsAndDay() throws Exception {
        write(w -> {
            sub(w, -1, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", null, 3);
            sub(w, 0, "b@contoso.example", "contoso.example", "LOGIN", "10.0.0.2", TlsVersion.TLS1_0, "", null, 1);
            sub(w, 0, "b@contoso.example", "fabrikam.example", "LOGIN", "10.0.0.2", TlsVersion.TLS1_2, "", "x", 4);
            sub(w, -6, "c@contoso.example", "contoso.example", "LOGIN", "10.0.0.3", TlsVersion.NONE, "", null, 2);
            sub(w, -6, "c@contoso.example", "contoso.example", "PLAIN", "10.0.0.3", TlsVersion.NONE, "", null, 1);
            // outside the window: legacy that must not count, and failures only
            sub(w, -7, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_1, "", null, 100);
            sub(w, 1, "d@contoso.example", "contoso.example", "LOGIN", "10.0.0.4", TlsVersion.NONE, "", null, 100);
            w.addFailures(day(0), "e@contoso.example", "", 50);
        });
        SmtpStore.Summary s = store.summary(window(-6, 0));
        assertThat(s.window()).isEqualTo(window(-6, 0));
        assertThat(s.senders()).isEqualTo(3);
        assertThat(s.legacySenders()).isEqualTo(2);
        assertThat(s.legacyShare()).isEqualTo(2.0 / 3);
        assertThat(s.perTls()).containsExactly(1, 0, 7, 0, 0, 3, 0);
        assertThat(s.count(TlsVersion.NONE)).isEqualTo(3);
        assertThat(s.messages()).isEqualTo(11);
        assertThat(s.perDay()).containsExactly(3, 0, 0, 0, 0, 3, 5);

        SmtpStore.Summary empty = store.summary(window(10, 16));
        assertThat(empty.senders()).isZero();
        assertThat(empty.legacyShare()).isZero();
        assertThat(empty.perDay()).containsOnly(0L).hasSize(7);
    }

    @Test
    void activityListsMethodsAndTheTopIpsWithCounts() throws Exception {
        write(w -> {
            sub(w, 0, "Alice@Contoso.example", "contoso.example", "login", "192.0.2.1", TlsVersion.TLS1_2, "", null, 5);
            sub(w, -1, "alice@contoso.example", "contoso.example", "LOGIN", "192.0.2.3", TlsVersion.TLS1_2, "", null, 2);
            sub(w, -2, "alice@contoso.example", "fabrikam.example", "PLAIN", "192.0.2.3", TlsVersion.TLS1_0, "", "m", 1);
            sub(w, -2, "alice@contoso.example", "contoso.example", "PLAIN", "192.0.2.2", TlsVersion.TLS1_2, "", null, 3);
            sub(w, -3, "alice@contoso.example", "contoso.example", "XOAUTH2", "192.0.2.4", TlsVersion.TLS1_3, "", null, 1);
            // outside the window, and another account
            sub(w, -7, "alice@contoso.example", "contoso.example", "CRAM-MD5", "192.0.2.99", TlsVersion.TLS1_2, "", null, 100);
            sub(w, 0, "bob@contoso.example", "contoso.example", "LOGIN", "192.0.2.1", TlsVersion.TLS1_2, "", null, 100);
        });
        SmtpStore.AccountActivity a = store.activity(" ALICE@contoso.example", window(-6, 0), 2);
        assertThat(a.methods()).containsExactly(new SmtpStore.Count("LOGIN", 7), new SmtpStore.Count("PLAIN", 4),
                new SmtpStore.Count("XOAUTH2", 1));
        // 192.0.2.2 and 192.0.2.3 both have 3: ties by value
        assertThat(a.clientIps()).containsExactly(new SmtpStore.Count("192.0.2.1", 5), new SmtpStore.Count("192.0.2.2", 3));
        assertThat(a.distinctIps()).isEqualTo(4);
        assertThat(store.activity("alice@contoso.example", window(-6, 0), 10).clientIps()).extracting(SmtpStore.Count::value)
                .containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4");

        SmtpStore.AccountActivity nobody = store.activity("nobody@contoso.example", window(-6, 0), 10);
        assertThat(nobody.methods()).isEmpty();
        assertThat(nobody.clientIps()).isEmpty();
        assertThat(nobody.distinctIps()).isZero();
    }

    @Test
    void anEmptyCacheHasNoRangeAndAnEmptyDataset() throws Exception {
        assertThat(store.dataRange()).isEmpty();
        assertThat(store.latestDay()).isEmpty();
        assertThat(store.totalSubmissions()).isZero();
        SmtpDataset d = store.load();
        assertThat(d.isEmpty()).isTrue();
        assertThat(d.accountCount()).isZero();
        assertThat(report(window(-6, 0))).isEmpty();
    }

    @Test
    void dataRangeAndTotalSubmissionsCoverEveryDay() throws Exception {
        write(w -> {
            sub(w, -30, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", null, 2);
            sub(w, 0, "b@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", "m", 1);
            sub(w, -4, "b@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", null, 7);
            w.addFailures(day(5), "a@contoso.example", "", 3); // failures do not move the range
        });
        assertThat(store.dataRange()).contains(window(-30, 0));
        assertThat(store.latestDay()).contains(D0);
        assertThat(store.totalSubmissions()).isEqualTo(10);
    }

    // ---------------------------------------------------------------------------------------------
    // Prune

    @ParameterizedTest(name = "prune before day {0}: {1} submissions and {2} failures removed, range from {3}, message-ids from {4}")
    @CsvSource({
            "-3,  0,   0,  -3, -3",   // nothing is older than the first day
            "-2,  1,   4,  -2, -1",   // day -3 only
            "-1,  21,  4,  -1, -1",   // days -3 and -2
            " 0,  321, 12,  0,  0",   // the latest day stays
    })
    void pruneRemovesExactlyTheDaysBeforeTheDate(int before, long submissions, long failures, int newFirst, int firstIdentified)
            throws Exception {
        write(w -> {
            sub(w, -3, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", "m-3", 1);
            sub(w, -2, "a@contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "", null, 20);
            sub(w, -1, "b@contoso.example", "contoso.example", "LOGIN", "10.0.0.2", TlsVersion.TLS1_0, "", "m-1", 300);
            sub(w, 0, "b@contoso.example", "contoso.example", "LOGIN", "10.0.0.2", TlsVersion.TLS1_0, "", "m0", 4000);
            w.addFailures(day(-3), "a@contoso.example", "", 4);
            w.addFailures(day(-1), "a@contoso.example", "", 8);
            w.addFailures(day(0), "b@contoso.example", "", 16);
        });
        LocalDate date = D0.plusDays(before);
        assertThat(store.pruneCounts(date)).isEqualTo(new SmtpStore.PruneCounts(submissions, failures));
        cache.write(c -> {
            SmtpStore.prune(c, date);
            return null;
        });
        assertThat(store.pruneCounts(date)).isEqualTo(new SmtpStore.PruneCounts(0, 0));
        assertThat(store.dataRange()).contains(window(newFirst, 0));
        assertThat(store.totalSubmissions()).isEqualTo(4321 - submissions);
        assertThat(query("SELECT coalesce(sum(count), 0) FROM smtp_auth_failure", rs -> rs.getLong(1))).containsExactly(28 - failures);
        assertThat(query("SELECT min(day) FROM smtp_message", rs -> rs.getLong(1)))
                .containsExactly(day(firstIdentified));
        assertThat(report(window(-10, 10))).allSatisfy(r -> assertThat(r.date()).isAfterOrEqualTo(date));
        assertThat(report(window(-10, 10)).stream().mapToLong(Row::count).sum()).isEqualTo(4321 - submissions);
    }

    // ---------------------------------------------------------------------------------------------
    // Load

    /** A submission as written, to build the expected dataset from. */
    record Sub(int day, String account, String domain, String method, String ip, TlsVersion tls, long n) {
    }

    @Test
    void loadGivesBackWhatWasWrittenAcrossDayPartitions() throws Exception {
        // 9 days (-8 .. 0): the scan splits them over the cores; a (day, account) must never be split.
        List<Sub> subs = new ArrayList<>();
        for (int day = -8; day <= 0; day++) {
            subs.add(new Sub(day, "Alice@Contoso.example", "contoso.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, 3));
            subs.add(new Sub(day, "alice@contoso.example", "Fabrikam.example", "PLAIN", "10.0.0." + (2 + (day & 1)), TlsVersion.TLS1_3, 1));
        }
        // many IPs on the days around every possible partition boundary, spread over domains and TLS versions
        for (int day = -6; day <= -2; day++) {
            for (int ip = 1; ip <= 11; ip++) {
                subs.add(new Sub(day, "mallory@contoso.example", ip % 2 == 0 ? "contoso.example" : "fabrikam.example",
                        ip % 3 == 0 ? "PLAIN" : "LOGIN", "203.0.113." + ip, ip % 2 == 0 ? TlsVersion.TLS1_2 : TlsVersion.TLS1_0, 2));
            }
        }
        subs.add(new Sub(-8, "scanner", "fabrikam.example", "LOGIN", "10.1.0.9", TlsVersion.NONE, 4));
        subs.add(new Sub(0, "scanner", "contoso.example", "LOGIN", "10.1.0.9", TlsVersion.TLS1_1, 5));
        subs.add(new Sub(0, "NEW@fabrikam.example", "fabrikam.example", "XOAUTH2", "198.51.100.4", TlsVersion.TLS, 60));
        // two imports: the second repeats keys of the first
        write(w -> {
            for (Sub s : subs) {
                w.addSubmission(day(s.day()), null, s.account(), s.domain(), s.method(), s.ip(), s.tls(), "", "smtp1", null, s.n());
            }
            w.addFailures(day(-4), "mallory@contoso.example", "", 30);
            w.addFailures(day(-4), "only-failures@contoso.example", "", 99);
        });
        write(w -> {
            for (Sub s : subs.subList(0, 4)) {
                w.addSubmission(day(s.day()), null, s.account(), s.domain(), s.method(), s.ip(), s.tls(), "", "smtp1", "id", s.n());
            }
        });
        List<Sub> all = new ArrayList<>(subs);
        all.addAll(subs.subList(0, 4));

        SmtpDataset loaded = store.load();

        // hand-computed figures
        long total = 9 * 3 + 9 + 5 * 11 * 2 + 4 + 5 + 60 + (3 + 1 + 3 + 1);
        assertThat(loaded.totalSubmissions()).isEqualTo(total).isEqualTo(store.totalSubmissions());
        assertThat(loaded.dataRange()).contains(window(-8, 0));
        assertThat(loaded.domainNames()).containsExactly("contoso.example", "fabrikam.example");
        Set<String> accounts = new HashSet<>();
        for (int a = 0; a < loaded.accountCount(); a++) {
            accounts.add(loaded.account(a));
        }
        assertThat(accounts).containsExactlyInAnyOrder("alice@contoso.example", "mallory@contoso.example", "scanner",
                "new@fabrikam.example", "only-failures@contoso.example");
        int alice = loaded.accountIndex("ALICE@contoso.example").orElseThrow();
        assertThat(loaded.firstDay(alice)).isEqualTo((int) day(-8));
        assertThat(loaded.lastDay(alice)).isEqualTo((int) day(0));

        DayWindow w = window(-8, 0);
        ReportData r = SmtpReport.compute(loaded, ReportFilter.all(w));
        assertThat(r.rows()).extracting(SenderTotals::address, SenderTotals::domain, SenderTotals::total).containsExactly(
                tuple("mallory@contoso.example", "fabrikam.example", 60L),
                tuple("new@fabrikam.example", "fabrikam.example", 60L),
                tuple("mallory@contoso.example", "contoso.example", 50L),
                tuple("alice@contoso.example", "contoso.example", 27L + 6),
                tuple("alice@contoso.example", "fabrikam.example", 9L + 2),
                tuple("scanner", "contoso.example", 5L),
                tuple("scanner", "fabrikam.example", 4L));
        Map<String, Set<SmtpFlag>> flags = new HashMap<>();
        for (SenderTotals row : r.rows()) {
            Set<SmtpFlag> set = new HashSet<>();
            for (SmtpFlag f : SmtpFlag.values()) {
                if (row.has(f)) {
                    set.add(f);
                }
            }
            flags.put(row.address(), set);
        }
        assertThat(flags.get("mallory@contoso.example")).containsExactlyInAnyOrder(SmtpFlag.LEGACY_TLS, SmtpFlag.BASIC_AUTH,
                SmtpFlag.NEW_SENDER, SmtpFlag.MANY_IPS, SmtpFlag.AUTH_FAILURES);
        assertThat(flags.get("new@fabrikam.example")).containsExactlyInAnyOrder(SmtpFlag.VOLUME_SPIKE, SmtpFlag.NEW_SENDER);
        assertThat(flags.get("alice@contoso.example")).containsExactly(SmtpFlag.BASIC_AUTH);
        assertThat(flags.get("scanner")).containsExactlyInAnyOrder(SmtpFlag.LEGACY_TLS, SmtpFlag.BASIC_AUTH);
        int mallory = loaded.accountIndex("mallory@contoso.example").orElseThrow();
        UnusualActivity.Finding ips = UnusualActivity.findings(loaded, mallory, w).stream()
                .filter(f -> f.flag() == SmtpFlag.MANY_IPS).findFirst().orElseThrow();
        assertThat(ips.day()).isEqualTo(D0.minusDays(6));
        assertThat(ips.value()).isEqualTo(11);
        // alice's 2 IPs a day never flag, on every day of the range
        for (int day = -8; day <= 0; day++) {
            DayWindow one = window(day, day);
            assertThat(UnusualActivity.findings(loaded, alice, one)).noneMatch(f -> f.flag() == SmtpFlag.MANY_IPS);
            assertThat(UnusualActivity.findings(loaded, mallory, one).stream().anyMatch(f -> f.flag() == SmtpFlag.MANY_IPS))
                    .as("mallory many-ips on day %d", day).isEqualTo(day >= -6 && day <= -2);
        }

        // the same figures as a dataset built directly from what was written
        SmtpDataset expected = expectedDataset(all);
        for (DayWindow win : List.of(w, window(-8, -8), window(-5, -3), window(-1, 0), window(-20, 5))) {
            ReportData x = SmtpReport.compute(expected, ReportFilter.all(win));
            ReportData y = SmtpReport.compute(loaded, ReportFilter.all(win));
            assertThat(describe(y)).as("report of %s", win).isEqualTo(describe(x));
        }
    }

    @Test
    void loadKeepsRecipientsAndTheTimesOfTheFirstAndLastSubmission() throws Exception {
        long d = day(-1);
        write(w -> {
            w.addSubmission(d, d * 86_400 + 7_200, "a@contoso.example", "contoso.example", "LOGIN", "192.0.2.1", TlsVersion.TLS1_2,
                    "", "smtp1", null, 1, 3);
            w.addSubmission(d, d * 86_400 + 86_399, "a@contoso.example", "contoso.example", "LOGIN", "192.0.2.1", TlsVersion.TLS1_2,
                    "", "smtp1", "late@x", 1, 4);
            w.addSubmission(d, null, "a@contoso.example", "contoso.example", "LOGIN", "192.0.2.1", TlsVersion.TLS1_2, "", "smtp1", null,
                    2, 0);
            // the same account from far away, at midnight and a minute later: an impossible journey
            w.addSubmission(d, d * 86_400, "a@contoso.example", "contoso.example", "LOGIN", "192.0.2.2", TlsVersion.TLS1_2, "",
                    "smtp1", null, 1, 0);
        });
        write(w -> w.addSubmission(d, d * 86_400 + 60, "a@contoso.example", "contoso.example", "LOGIN", "192.0.2.1",
                TlsVersion.TLS1_2, "", "smtp1", null, 1, 1000L * 1000 * 1000));
        long[] row = cache.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery(
                    "SELECT sum(recipients), min(first_time), max(last_time) FROM smtp_detail d JOIN smtp_name n ON n.id = d.ip_id "
                            + "WHERE n.value = '192.0.2.1'")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        });
        assertThat(row).containsExactly(3 + 4 + 1_000_000_000L, d * 86_400 + 60, d * 86_400 + 86_399);
        SmtpDataset loaded = store.load().locate(ip -> new org.mailflow.geo.Place(ip, org.mailflow.geo.Place.Kind.PUBLIC,
                ip.endsWith(".1") ? "DE" : "AU", "", Double.NaN, Double.NaN, 0, ""));
        int a = loaded.accountIndex("a@contoso.example").orElseThrow();
        org.mailflow.smtpauth.AccountHistory h = org.mailflow.smtpauth.AccountHistory.of(loaded, a, window(-1, -1));
        assertThat(h.recipientsPerDay()).containsExactly(3 + 4 + 1_000_000_000L);
        assertThat(h.total()).isEqualTo(6);
        UnusualActivity.Travel t = (UnusualActivity.Travel) UnusualActivity.findings(loaded, a, window(-1, -1)).stream()
                .filter(f -> f.flag() == SmtpFlag.IMPOSSIBLE_TRAVEL).findFirst().orElseThrow().evidence();
        assertThat(t.fromSecond()).isEqualTo(d * 86_400);
        assertThat(t.toSecond()).isEqualTo(d * 86_400 + 60);
    }

    private static SmtpDataset expectedDataset(List<Sub> subs) {
        SmtpDataset.Builder b = SmtpDataset.builder();
        for (Sub s : subs) {
            String account = s.account().strip().toLowerCase(java.util.Locale.ROOT);
            b.entry(day(s.day()), b.account(account), b.domain(s.domain().toLowerCase(java.util.Locale.ROOT)), b.method(s.method()),
                    b.ip(s.ip()), s.tls(), s.n(), 0, -1, -1);
        }
        b.failures(b.account("mallory@contoso.example"), day(-4), 30);
        b.failures(b.account("only-failures@contoso.example"), day(-4), 99);
        return b.build();
    }

    private static String describe(ReportData r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.buckets()).append('\n');
        for (ReportData.DomainSeries s : r.volume()) {
            sb.append(s.domain()).append(Arrays.toString(s.perBucket())).append('\n');
        }
        for (long[] t : r.tlsPerBucket()) {
            sb.append(Arrays.toString(t)).append('\n');
        }
        for (SenderTotals row : r.rows()) {
            sb.append(row.address()).append(' ').append(row.domain()).append(' ').append(Arrays.toString(row.perTls())).append(' ')
                    .append(row.total()).append(' ').append(row.flags()).append(' ').append(Arrays.toString(row.perProtocol()))
                    .append(' ').append(row.methods()).append(' ').append(row.lastBasicDay()).append('\n');
        }
        for (var ip : r.ips()) {
            sb.append(ip.address()).append(' ').append(ip.accounts()).append(' ').append(ip.messages()).append(' ')
                    .append(ip.failures()).append(' ').append(ip.accountsFailed()).append('\n');
        }
        return sb.toString();
    }
}
