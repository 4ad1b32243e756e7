package org.mailflow.smtpauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.cache.SmtpStore;
import org.mailflow.export.SafeCsv;
import org.mailflow.model.DayWindow;
import org.mailflow.testing.SmtpFixtures;

/** The SMTP AUTH CSVs of the page and the command line: details tables and the detailed report (SPEC 2.2, 2.4, 6). */
public class SmtpExportsTest {
    @TempDir
    Path dir;

    private static final DayWindow SEVEN_DAYS = DayWindow.endingOn(SmtpFixtures.AS_OF, 7);

    @Test
    void percentHasOneDecimalRoundedHalfUp() {
        assertThat(SmtpExports.percent(1, 3)).isEqualTo("33.3");
        assertThat(SmtpExports.percent(2, 3)).isEqualTo("66.7");
        assertThat(SmtpExports.percent(10, 15)).isEqualTo("66.7");
        assertThat(SmtpExports.percent(5, 5)).isEqualTo("100.0");
        assertThat(SmtpExports.percent(0, 5)).isEqualTo("0.0");
        assertThat(SmtpExports.percent(0, 0)).isEqualTo("0.0");
        assertThat(SmtpExports.percent(1, 8)).isEqualTo("12.5");
        assertThat(SmtpExports.percent(1, 16)).isEqualTo("6.3"); // 6.25 rounds up
        assertThat(SmtpExports.percent(1, 2000)).isEqualTo("0.1"); // 0.05 rounds up
        assertThat(SmtpExports.percent(1, 2001)).isEqualTo("0.0");
        assertThat(SmtpExports.percent(Long.MAX_VALUE / 3, Long.MAX_VALUE)).isEqualTo("33.3");
    }

    @Test
    void pivotsHaveTheColumnsAndTokensOfTheSpec() {
        assertThat(String.join(",", SmtpExports.Pivot.VOLUME.columns())).isEqualTo("Sender address,Domain,Messages sent");
        assertThat(String.join(",", SmtpExports.Pivot.TLS.columns()))
                .isEqualTo("Sender address,Domain,TLS1.0 %,TLS1.1 %,TLS1.2 %,TLS1.3 %,No TLS %,Version unknown %,Messages sent");
        assertThat(String.join(",", SmtpExports.REPORT_COLUMNS))
                .isEqualTo("date,senderName,senderDomain,authMethod,original_client_ip,tls_version,tls_cipher,message_count,message_id");
        assertThat(SmtpExports.Pivot.ofToken("volume")).contains(SmtpExports.Pivot.VOLUME);
        assertThat(SmtpExports.Pivot.ofToken("TLS")).contains(SmtpExports.Pivot.TLS);
        assertThat(SmtpExports.Pivot.ofToken("chart")).isEmpty();
        assertThat(SmtpExports.Pivot.VOLUME.fileName()).isEqualTo("SMTP AUTH sending volume");
        assertThat(SmtpExports.Pivot.TLS.fileName()).isEqualTo("SMTP AUTH TLS usage");
        assertThat(SmtpExports.REPORT_FILE_NAME).isEqualTo("SmtpCSReport");
    }

    @Test
    void tablesOfTheFixtureWeekAreWrittenInTheDefaultOrder() throws Exception {
        try (Cache cache = SmtpFixtures.smallSmtpCache(dir)) {
            List<SenderTotals> rows = SmtpReport.compute(new SmtpStore(cache).load(), ReportFilter.all(SEVEN_DAYS)).rows();
            StringBuilder volume = new StringBuilder();
            SmtpExports.writeTable(volume, SmtpExports.Pivot.VOLUME, rows);
            assertThat(volume.toString()).isEqualTo("Sender address,Domain,Messages sent\r\n"
                    + "mallory@contoso.example,contoso.example,310\r\n"
                    + "quiet@contoso.example,contoso.example,50\r\n"
                    + "alice@contoso.example,contoso.example,21\r\n"
                    + "printer@contoso.example,contoso.example,15\r\n"
                    + "scanner,fabrikam.example,4\r\n"
                    + "bob@fabrikam.example,fabrikam.example,2\r\n");
            StringBuilder tls = new StringBuilder();
            SmtpExports.writeTable(tls, SmtpExports.Pivot.TLS, rows);
            assertThat(tls.toString()).isEqualTo("Sender address,Domain,TLS1.0 %,TLS1.1 %,TLS1.2 %,TLS1.3 %,No TLS %,Version unknown %,"
                    + "Messages sent\r\n"
                    + "mallory@contoso.example,contoso.example,0.0,0.0,100.0,0.0,0.0,0.0,310\r\n"
                    + "quiet@contoso.example,contoso.example,0.0,0.0,100.0,0.0,0.0,0.0,50\r\n"
                    + "alice@contoso.example,contoso.example,0.0,0.0,100.0,0.0,0.0,0.0,21\r\n"
                    + "printer@contoso.example,contoso.example,66.7,0.0,0.0,0.0,33.3,0.0,15\r\n"
                    + "scanner,fabrikam.example,0.0,100.0,0.0,0.0,0.0,0.0,4\r\n"
                    + "bob@fabrikam.example,fabrikam.example,0.0,0.0,0.0,100.0,0.0,0.0,2\r\n");
        }
    }

    @Test
    void tablesKeepTheOrderGivenAndCountTlsAndUnknownAsVersionUnknown() throws Exception {
        // 3 TLS1.2, 1 TLS (encrypted, version not logged), 1 unknown, 1 none: Version unknown is TLS + unknown,
        // and the row's cells sum to 100.
        SenderTotals mixed = new SenderTotals(0, "mixed@x.example", "x.example", new long[] {0, 0, 3, 0, 1, 1, 1}, 6, 0);
        SenderTotals empty = new SenderTotals(1, "user", "", new long[7], 0, 0);
        StringBuilder out = new StringBuilder();
        SmtpExports.writeTable(out, SmtpExports.Pivot.TLS, List.of(empty, mixed));
        assertThat(out.toString()).isEqualTo("Sender address,Domain,TLS1.0 %,TLS1.1 %,TLS1.2 %,TLS1.3 %,No TLS %,Version unknown %,"
                + "Messages sent\r\n"
                + "user,,0.0,0.0,0.0,0.0,0.0,0.0,0\r\n"
                + "mixed@x.example,x.example,0.0,0.0,50.0,0.0,16.7,33.3,6\r\n");
    }

    @Test
    void detailedReportOfTheFixtureWeekHasIdentifiedRowsThenGroupedOnesPerDay() throws Exception {
        try (Cache cache = SmtpFixtures.smallSmtpCache(dir)) {
            SmtpStore store = new SmtpStore(cache);
            StringWriter out = new StringWriter();
            long rows = SmtpExports.writeReport(out, sink -> store.report(SEVEN_DAYS, sink::row));
            assertThat(rows).isEqualTo(48);
            assertThat(out.toString()).isEqualTo(fixtureWeekReport());
        }
    }

    /** The detailed report of the fixture's seven days, as the Javadoc of {@link SmtpFixtures} gives it. */
    public static String fixtureWeekReport() {
        StringBuilder s = new StringBuilder(String.join(",", SmtpExports.REPORT_COLUMNS)).append("\r\n");
        int alice = 0;
        for (int d = 6; d >= 0; d--) {
            String date = SmtpFixtures.AS_OF.minusDays(d).toString();
            for (int k = 0; k < 3; k++) {
                s.append(date).append(",alice@contoso.example,contoso.example,LOGIN,10.0.0.1,TLS1.2,ECDHE-RSA-AES256-GCM-SHA384,1,alice-")
                        .append(++alice).append("@contoso.example\r\n");
            }
            if (d >= 2) {
                int m = 2 * (20 - d);
                for (int k = 1; k <= 2; k++) {
                    s.append(date).append(",mallory@contoso.example,contoso.example,LOGIN,10.0.0.7,TLS1.2,ECDHE-RSA-AES256-GCM-SHA384,1,mallory-")
                            .append(m + k).append("@contoso.example\r\n");
                }
            }
            switch (d) {
                case 5 -> s.append(date).append(",quiet@contoso.example,contoso.example,PLAIN,10.0.0.60,TLS1.2,ECDHE-RSA-AES256-GCM-SHA384,50,\r\n");
                case 3 -> s.append(date).append(",bob@fabrikam.example,fabrikam.example,XOAUTH2,198.51.100.4,TLS1.3,TLS_AES_256_GCM_SHA384,2,\r\n");
                case 2 -> s.append(date).append(",printer@contoso.example,contoso.example,PLAIN,10.0.0.50,TLS1.0,AES128-SHA,10,\r\n");
                case 1 -> s.append(date).append(",printer@contoso.example,contoso.example,PLAIN,10.0.0.50,none,,5,\r\n");
                case 0 -> {
                    // grouped rows by sender, then client IP in address order
                    for (int ip = 1; ip <= 12; ip++) {
                        s.append(date).append(",mallory@contoso.example,contoso.example,LOGIN,203.0.113.").append(ip)
                                .append(",TLS1.2,ECDHE-RSA-AES256-GCM-SHA384,25,\r\n");
                    }
                    s.append(date).append(",scanner,fabrikam.example,LOGIN,10.1.0.9,TLS1.1,AES256-SHA,4,\r\n");
                }
                default -> {
                    // identified rows only
                }
            }
        }
        return s.toString();
    }

    @Test
    void detailedReportOfAWindowWithoutSubmissionsIsTheHeaderOnly() throws Exception {
        try (Cache cache = SmtpFixtures.smallSmtpCache(dir)) {
            SmtpStore store = new SmtpStore(cache);
            StringBuilder out = new StringBuilder();
            DayWindow none = DayWindow.endingOn(SmtpFixtures.AS_OF.plusDays(30), 7);
            assertThat(SmtpExports.writeReport(out, sink -> store.report(none, sink::row))).isZero();
            assertThat(out.toString()).isEqualTo(String.join(",", SmtpExports.REPORT_COLUMNS) + "\r\n");
        }
    }

    private static final List<String> TRICKY = List.of("", " ", "a,b", "say \"hi\"", "\"", "line\nbreak", "cr\rhere", "=cmd|' /C calc'!A0",
            "+1", "-1", "@SUM(A1)", "\tlead", "\rlead", "trailing ", "trailing\t", "#hash", "!bang", "'quoted", "ok", "a\"b,c\r\nd",
            "ünïcødé", "100%", "x=y", "mid-dash", "TLS1.2", ",", ",lead", "\n", "=", "a b");

    @Test
    void theReportFastPathWritesTheSameBytesAsSafeCsvForTrickyCells() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < TRICKY.size(); i++) {
            String t = TRICKY.get(i);
            String other = TRICKY.get((i * 7 + 3) % TRICKY.size());
            rows.add(List.of(t, other, t, other, t, t));
            rows.add(List.of(other, t, other, t, other, other));
        }
        assertSameAsSafeCsv(rows);
    }

    @Test
    void theReportFastPathWritesTheSameBytesAsSafeCsvForRandomCells() throws Exception {
        String alphabet = "ab1 ,\"\r\n\t=+-@'#!$%.;:\\ü\u0000\u001f\u007f~";
        SplittableRandom random = new SplittableRandom(42);
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < 3000; r++) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                int len = random.nextInt(5);
                StringBuilder v = new StringBuilder();
                for (int k = 0; k < len; k++) {
                    v.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                cells.add(v.toString());
            }
            rows.add(cells);
        }
        assertSameAsSafeCsv(rows);
    }

    /** Cells 0-4 go to sender, domain, method, IP, cipher and message-id; the rest of the row is fixed. */
    private static void assertSameAsSafeCsv(List<List<String>> rows) throws Exception {
        LocalDate date = LocalDate.of(2026, 11, 12);
        StringBuilder expected = new StringBuilder();
        SafeCsv csv = new SafeCsv(expected, SmtpExports.REPORT_COLUMNS);
        for (int i = 0; i < rows.size(); i++) {
            List<String> c = rows.get(i);
            csv.row(date.plusDays(i % 3).toString(), c.get(0), c.get(1), c.get(2), c.get(3), TlsVersion.ofCode(i % 6).token(), c.get(4),
                    Long.toString(i), c.get(5));
        }
        csv.flush();
        StringBuilder actual = new StringBuilder();
        long n = SmtpExports.writeReport(actual, sink -> {
            for (int i = 0; i < rows.size(); i++) {
                List<String> c = rows.get(i);
                sink.row(date.plusDays(i % 3).toEpochDay(), c.get(0), c.get(1), c.get(2), c.get(3), TlsVersion.ofCode(i % 6), c.get(4), i,
                        c.get(5));
            }
        });
        assertThat(n).isEqualTo(rows.size());
        assertThat(actual.toString()).isEqualTo(expected.toString());
    }

    @Test
    void aFailingReportSourceComesOutAsAnIoErrorThatCarriesIt() {
        Exception cause = new Exception("The cache /tmp/x.db is damaged");
        assertThatThrownBy(() -> SmtpExports.writeReport(new StringBuilder(), sink -> {
            throw cause;
        })).isInstanceOf(SmtpExports.ReportSourceException.class).hasMessage("The cache /tmp/x.db is damaged").hasCause(cause);
    }

    @Test
    void formulaCellsAreNeutralisedInTablesAndTheReport() throws Exception {
        try (Cache cache = Cache.open(dir.resolve("formula.db"))) {
            long day = SmtpFixtures.AS_OF.toEpochDay();
            cache.write(c -> {
                try (SmtpStore.Writer w = new SmtpStore.Writer(c)) {
                    w.addSubmission(day, null, "=cmd@x.example", "x.example", "LOGIN", "10.0.0.1", TlsVersion.TLS1_2, "-AES", "smtp",
                            "@id", 1);
                    w.addSubmission(day, null, "+sum@x.example", "x.example", "PLAIN", "10.0.0.1", TlsVersion.NONE, "", "smtp", null, 2);
                    w.flush();
                }
                return null;
            });
            SmtpStore store = new SmtpStore(cache);
            List<SenderTotals> rows = SmtpReport.compute(store.load(), ReportFilter.all(SEVEN_DAYS)).rows();
            StringBuilder table = new StringBuilder();
            SmtpExports.writeTable(table, SmtpExports.Pivot.VOLUME, rows);
            assertThat(table.toString()).isEqualTo("Sender address,Domain,Messages sent\r\n"
                    + "'+sum@x.example,x.example,2\r\n'=cmd@x.example,x.example,1\r\n");
            StringBuilder report = new StringBuilder();
            SmtpExports.writeReport(report, sink -> store.report(SEVEN_DAYS, sink::row));
            assertThat(report.toString()).isEqualTo(String.join(",", SmtpExports.REPORT_COLUMNS) + "\r\n"
                    + "2026-11-12,'=cmd@x.example,x.example,LOGIN,10.0.0.1,TLS1.2,'-AES,1,'@id\r\n"
                    + "2026-11-12,'+sum@x.example,x.example,PLAIN,10.0.0.1,none,,2,\r\n");
        }
    }
}
