package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.write;
import static org.mailflow.ingest.SmtpImportKit.CANONICAL_HEADER;
import static org.mailflow.ingest.SmtpImportKit.fails;
import static org.mailflow.ingest.SmtpImportKit.report;
import static org.mailflow.ingest.SmtpImportKit.row;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailflow.cache.SmtpStore;
import org.mailflow.smtpauth.SmtpFlag;

/**
 * SPEC 5 and 2.5: the canonical {@code auth-failures} CSV ({@code timestamp,account,client_ip[,count]})
 * adds failed SMTP AUTH authentications per day, account and client IP, which raise the
 * {@code auth-failures} flag; it is never read as submissions.
 */
class AuthFailuresImportTest extends WithCache {
    static final String HEADER = "timestamp,account,client_ip,count";

    /** The failures in the cache, one line per day, account and IP. */
    private String failures() throws Exception {
        return cache.read(c -> {
            StringBuilder sb = new StringBuilder();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT f.day, a.address, n.value, f.count FROM smtp_auth_failure f JOIN smtp_account a ON a.id = f.account_id "
                            + "JOIN smtp_name n ON n.id = f.ip_id ORDER BY f.day, a.address, n.value")) {
                while (rs.next()) {
                    sb.append(LocalDate.ofEpochDay(rs.getLong(1))).append(' ').append(rs.getString(2).isEmpty() ? "(none)" : rs.getString(2))
                            .append(' ').append(rs.getString(3).isEmpty() ? "-" : rs.getString(3)).append(' ').append(rs.getLong(4)).append('\n');
                }
            }
            return sb.toString();
        });
    }

    @Test
    void failuresAreAddedPerDayAccountAndClientIpAndTheSummarySaysSo() throws Exception {
        Path f = write(dir, "failures.csv", HEADER + "\n"
                + "2026-11-12T03:12:00Z, Reports@Contoso.example ,203.0.113.66,14\n"
                + "2026-11-12 03:40:00,reports@contoso.example,203.0.113.66,9\n"
                + "2026-11-12T23:30:00-01:00,reports@contoso.example,2001:db8::66,\n"
                + "2026-11-12T04:00:00Z,,198.51.100.7,25\n"
                + "2026-11-12T05:00:00Z,printer@contoso.example,,2\n");

        ImportSummary s = run(cache, f);

        ImportSummary.FileResult r = s.files().get(0);
        assertThat(r.format()).isEqualTo("auth-failures");
        assertThat(r.rows()).isEqualTo(5);
        assertThat(r.authFailures()).isEqualTo(51);
        assertThat(r.submissions()).isZero();
        assertThat(s.describe()).contains("failures.csv: 5 rows imported (auth-failures, 51 failed authentications)")
                .contains("Total: 5 rows imported (51 failed authentications)");
        assertThat(failures()).isEqualTo("""
                2026-11-12 (none) 198.51.100.7 25
                2026-11-12 printer@contoso.example - 2
                2026-11-12 reports@contoso.example 203.0.113.66 23
                2026-11-13 reports@contoso.example 2001:db8::66 1
                """);
        assertThat(new SmtpStore(cache).totalSubmissions()).as("failures are never submissions").isZero();
    }

    @Test
    void moreThanTwentyFailuresOnOneDayRaiseTheAuthFailuresFlagOfTheAccount() throws Exception {
        run(cache, write(dir, "smtp.csv", CANONICAL_HEADER + "\n"
                + "2026-11-12T08:00:00Z,reports@contoso.example,TLS1.2,203.0.113.66,LOGIN,1\n"
                + "2026-11-12T08:00:00Z,quiet@contoso.example,TLS1.2,203.0.113.67,LOGIN,1\n"));

        run(cache, write(dir, "failures.csv", HEADER + "\n"
                + "2026-11-12T03:12:00Z,reports@contoso.example,203.0.113.66,14\n"
                + "2026-11-12T03:40:00Z,reports@contoso.example,203.0.113.99,7\n"
                + "2026-11-12T03:40:00Z,quiet@contoso.example,203.0.113.99,20\n"));

        assertThat(row(report(cache), "reports@contoso.example", "contoso.example").has(SmtpFlag.AUTH_FAILURES)).as("21 failures").isTrue();
        assertThat(row(report(cache), "quiet@contoso.example", "contoso.example").has(SmtpFlag.AUTH_FAILURES)).as("20 failures").isFalse();
    }

    @Test
    void countIsOptionalAndTheHeaderMayOmitIt() throws Exception {
        ImportSummary s = run(cache, write(dir, "nocount.csv", "client_ip,timestamp,account\n10.0.0.1,2026-11-12T03:12:00Z,a@x.example\n"));

        assertThat(s.files().get(0).format()).isEqualTo("auth-failures");
        assertThat(failures()).isEqualTo("2026-11-12 a@x.example 10.0.0.1 1\n");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-12T03:12:00Z,a@x.example,mail.example.com,1    | client_ip "mail.example.com" is not an IP address; expected IPv4 (192.0.2.10), IPv6 (2001:db8::10) or an empty value
            2026-11-12T03:12:00Z,a@x.example,256.1.1.1,1           | client_ip "256.1.1.1" is not an IP address
            2026-11-12T03:12:00Z,a@x.example,10.0.0,1              | client_ip "10.0.0" is not an IP address
            2026-11-12T03:12:00Z,a@x.example,2001:db8:::1,1        | client_ip "2001:db8:::1" is not an IP address
            2026-11-12T03:12:00Z,a@x.example,1:2:3:4:5:6:7:8:9,1   | client_ip "1:2:3:4:5:6:7:8:9" is not an IP address
            2026-11-12T03:12:00Z,a@x.example,unknown,1             | client_ip "unknown" is not an IP address
            2026-11-12T03:12:00Z,a@x.example,10.0.0.1,-2           | count "-2" is not a whole number from 0 to 10^12
            2026-11-12T03:12:00Z,a@x.example,10.0.0.1,many         | count "many" is not a whole number
            0001-01-01,a@x.example,10.0.0.1,1                      | timestamp "0001-01-01" is outside the years 1970 to 2999
            yesterday,a@x.example,10.0.0.1,1                       | timestamp "yesterday" is not a date and time; expected ISO-8601
            2026-11-12T03:12:00Z,a@x.example,10.0.0.1              | expected 4 columns as in the header, found 3
            """)
    void badRowFailsTheFileWithItsLineAndWhatWasExpected(String badRow, String reason) throws Exception {
        run(cache, write(dir, "before.csv", HEADER + "\n2026-11-01T03:00:00Z,old@x.example,10.0.0.9,3\n"));
        Path f = write(dir, "bad-failures.csv", HEADER + "\n2026-11-12T03:12:00Z,a@x.example,10.0.0.1,1\n" + badRow + "\n");

        BadInputException e = fails(cache, f);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains(reason);
        assertThat(failures()).isEqualTo("2026-11-01 old@x.example 10.0.0.9 3\n");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ::1
            ::
            fe80::1%eth0
            ::ffff:192.0.2.10
            2001:DB8:0:0:0:0:0:1
            2001:db8::10
            192.0.2.10
            """)
    void ipv4AndIpv6TextIsAccepted(String ip) throws Exception {
        run(cache, write(dir, "ip.csv", HEADER + "\n2026-11-12T03:12:00Z,a@x.example," + ip + ",1\n"));

        assertThat(failures()).isEqualTo("2026-11-12 a@x.example " + ip + " 1\n");
    }
}
