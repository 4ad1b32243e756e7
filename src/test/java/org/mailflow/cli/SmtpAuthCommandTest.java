package org.mailflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.cache.SmtpStore;
import org.mailflow.smtpauth.SmtpExportsTest;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.testing.SmtpFixtures;

/** {@code smtp-auth summary|export|report} on the hand-made cache of {@link SmtpFixtures} (latest day 2026-11-12). */
class SmtpAuthCommandTest {
    @TempDir
    Path dir;

    private Path cache;

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--cache", cache.toString()));
        all.addAll(List.of(args));
        int code = MailflowCommand.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void fixture() throws Exception {
        try (Cache c = SmtpFixtures.smallSmtpCache(dir)) {
            cache = c.file();
        }
    }

    private static final String VOLUME_HEADER = "Sender address,Domain,Messages sent\r\n";
    private static final String TLS_HEADER = "Sender address,Domain,TLS1.0 %,TLS1.1 %,TLS1.2 %,TLS1.3 %,No TLS %,Version unknown %,Messages sent\r\n";

    @Test
    void summaryPrintsTheSevenDayFiguresAndOneLinePerTlsToken() {
        Run r = run("smtp-auth", "summary");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines()).containsExactly("senders=6 legacy_tls_senders=2 messages=402",
                "TLS1.0=10", "TLS1.1=4", "TLS1.2=381", "TLS1.3=2", "TLS=0", "none=5", "unknown=0",
                "basic_auth_senders=5", "auth_Basic=400", "auth_OAuth=2", "auth_Other=0", "auth_unknown=0");
    }

    @Test
    void summaryAsOfAnEarlierDayCoversTheSevenDaysEndingOnIt() {
        // 2026-10-30 .. 2026-11-05: mallory's two a day on days -13 .. -7 only.
        Run r = run("smtp-auth", "summary", "--as-of", "2026-11-05");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).containsExactly("senders=1 legacy_tls_senders=0 messages=14",
                "TLS1.0=0", "TLS1.1=0", "TLS1.2=14", "TLS1.3=0", "TLS=0", "none=0", "unknown=0",
                "basic_auth_senders=1", "auth_Basic=14", "auth_OAuth=0", "auth_Other=0", "auth_unknown=0");
    }

    @Test
    void summaryOfACacheWithoutSubmissionsPrintsZeros() throws Exception {
        try (Cache c = Cache.open(dir.resolve("empty.db"))) {
            cache = c.file();
        }
        Run r = run("smtp-auth", "summary");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).containsExactly("senders=0 legacy_tls_senders=0 messages=0",
                "TLS1.0=0", "TLS1.1=0", "TLS1.2=0", "TLS1.3=0", "TLS=0", "none=0", "unknown=0",
                "basic_auth_senders=0", "auth_Basic=0", "auth_OAuth=0", "auth_Other=0", "auth_unknown=0");
        assertThat(run("smtp-auth", "export", "--pivot", "volume").out()).isEqualTo(VOLUME_HEADER);
        assertThat(run("smtp-auth", "report").out()).isEqualTo(String.join(",", org.mailflow.smtpauth.SmtpExports.REPORT_COLUMNS) + "\r\n");
    }

    @Test
    void exportVolumeListsTheSendersOfTheLastSevenDaysMostMessagesFirst() {
        Run r = run("smtp-auth", "export", "--pivot", "volume");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(VOLUME_HEADER
                + "mallory@contoso.example,contoso.example,310\r\n"
                + "quiet@contoso.example,contoso.example,50\r\n"
                + "alice@contoso.example,contoso.example,21\r\n"
                + "printer@contoso.example,contoso.example,15\r\n"
                + "scanner,fabrikam.example,4\r\n"
                + "bob@fabrikam.example,fabrikam.example,2\r\n");
    }

    @Test
    void exportTlsGivesEachVersionsShareWithOneDecimal() {
        Run r = run("smtp-auth", "export", "--pivot", "TLS");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(TLS_HEADER
                + "mallory@contoso.example,contoso.example,0.0,0.0,100.0,0.0,0.0,0.0,310\r\n"
                + "quiet@contoso.example,contoso.example,0.0,0.0,100.0,0.0,0.0,0.0,50\r\n"
                + "alice@contoso.example,contoso.example,0.0,0.0,100.0,0.0,0.0,0.0,21\r\n"
                + "printer@contoso.example,contoso.example,66.7,0.0,0.0,0.0,33.3,0.0,15\r\n"
                + "scanner,fabrikam.example,0.0,100.0,0.0,0.0,0.0,0.0,4\r\n"
                + "bob@fabrikam.example,fabrikam.example,0.0,0.0,0.0,100.0,0.0,0.0,2\r\n");
    }

    @Test
    void exportAuthGivesTheProtocolSharesTheMethodsAndTheLastBasicUse() {
        Run r = run("smtp-auth", "export", "--pivot", "auth");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Sender address,Domain,Basic %,OAuth %,Other %,Auth methods,Last Basic use,Messages sent\r\n"
                + "mallory@contoso.example,contoso.example,100.0,0.0,0.0,LOGIN,2026-11-12,310\r\n"
                + "quiet@contoso.example,contoso.example,100.0,0.0,0.0,PLAIN,2026-11-07,50\r\n"
                + "alice@contoso.example,contoso.example,100.0,0.0,0.0,LOGIN,2026-11-12,21\r\n"
                + "printer@contoso.example,contoso.example,100.0,0.0,0.0,PLAIN,2026-11-11,15\r\n"
                + "scanner,fabrikam.example,100.0,0.0,0.0,LOGIN,2026-11-12,4\r\n"
                + "bob@fabrikam.example,fabrikam.example,0.0,100.0,0.0,XOAUTH2,,2\r\n");
        // Last Basic use looks back before the range: quiet's only other submission is on day -100.
        assertThat(run("smtp-auth", "export", "--pivot", "auth", "--from", "2026-08-01", "--to", "2026-08-07").out())
                .endsWith("quiet@contoso.example,contoso.example,100.0,0.0,0.0,PLAIN,2026-08-04,1\r\n");
    }

    @Test
    void exportIpsHasOneRowPerClientIpWithItsPlaceAccountsMessagesAndFailures() {
        Run r = run("smtp-auth", "export", "--pivot", "ips");
        assertThat(r.code()).isZero();
        StringBuilder expected = new StringBuilder("Client IP,Country,Network,Accounts,Messages sent,Failed authentications,Accounts failed\r\n");
        expected.append("10.0.0.60,Private network,,1,50,0,0\r\n");
        for (String host : new String[] {"1", "10", "11", "12", "2", "3", "4", "5", "6", "7", "8", "9"}) {
            // documentation addresses: in no database
            expected.append("203.0.113.").append(host).append(",,,1,25,0,0\r\n");
        }
        expected.append("10.0.0.1,Private network,,1,21,0,0\r\n")
                .append("10.0.0.50,Private network,,1,15,0,0\r\n")
                .append("10.0.0.7,Private network,,1,10,0,0\r\n")
                .append("10.1.0.9,Private network,,1,4,0,0\r\n")
                .append("198.51.100.4,,,1,2,0,0\r\n")
                // the failures of day -1 came without an IP: a row of their own, under no address
                .append("\"\",,,0,0,45,2\r\n"); // an empty first cell is quoted, so that the line is not blank
        assertThat(r.out()).isEqualTo(expected.toString());
    }

    @Test
    void exportForOneDomainHasOnlyItsSenders() {
        Run r = run("smtp-auth", "export", "--pivot", "tls", "--domain", "Fabrikam.Example");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(TLS_HEADER
                + "scanner,fabrikam.example,0.0,100.0,0.0,0.0,0.0,0.0,4\r\n"
                + "bob@fabrikam.example,fabrikam.example,0.0,0.0,0.0,100.0,0.0,0.0,2\r\n");
    }

    @Test
    void exportWindowDefaultsFromFromAndTo() {
        // Only --to: the 7 days ending on it.
        assertThat(run("smtp-auth", "export", "--pivot", "volume", "--to", "2026-11-05").out())
                .isEqualTo(VOLUME_HEADER + "mallory@contoso.example,contoso.example,14\r\n");
        // Only --from: from it to the latest day.
        assertThat(run("smtp-auth", "export", "--pivot", "volume", "--from", "2026-11-11").out()).isEqualTo(VOLUME_HEADER
                + "mallory@contoso.example,contoso.example,300\r\n"
                + "alice@contoso.example,contoso.example,6\r\n"
                + "printer@contoso.example,contoso.example,5\r\n"
                + "scanner,fabrikam.example,4\r\n");
        // Both: exactly that range, back to the oldest submission.
        assertThat(run("smtp-auth", "export", "--pivot", "volume", "--from", "2026-08-04", "--to", "2026-10-13").out()).isEqualTo(VOLUME_HEADER
                + "alice@contoso.example,contoso.example,3\r\n"
                + "printer@contoso.example,contoso.example,1\r\n"
                + "quiet@contoso.example,contoso.example,1\r\n"
                + "scanner,fabrikam.example,1\r\n");
        // After the latest day: an empty table, not an error.
        Run later = run("smtp-auth", "export", "--pivot", "volume", "--from", "2026-12-01");
        assertThat(later.code()).isZero();
        assertThat(later.out()).isEqualTo(VOLUME_HEADER);
    }

    @Test
    void exportWritesTheSameBytesToAFile() throws Exception {
        Path out = dir.resolve("tls.csv");
        Run r = run("smtp-auth", "export", "--pivot", "tls", "--out", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(run("smtp-auth", "export", "--pivot", "tls").out());
    }

    @Test
    void reportHasAliceMessageIdsPrinterGroupedAndMallorysTwelveAddressesOnTheLastDay() {
        Run r = run("smtp-auth", "report");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(SmtpExportsTest.fixtureWeekReport());
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(49);
        assertThat(lines).contains("2026-11-10,printer@contoso.example,contoso.example,PLAIN,10.0.0.50,TLS1.0,AES128-SHA,10,");
        assertThat(lines.stream().filter(l -> l.startsWith("2026-11-12,mallory@contoso.example,contoso.example,LOGIN,203.0.113.")))
                .hasSize(12).allMatch(l -> l.endsWith(",TLS1.2,ECDHE-RSA-AES256-GCM-SHA384,25,"));
        assertThat(lines.get(1)).isEqualTo(
                "2026-11-06,alice@contoso.example,contoso.example,LOGIN,10.0.0.1,TLS1.2,ECDHE-RSA-AES256-GCM-SHA384,1,alice-1@contoso.example");
    }

    @Test
    void reportOfOneDayToAFile() throws Exception {
        Path out = dir.resolve("SmtpCSReport.csv");
        Run r = run("smtp-auth", "report", "--from", "2026-11-11", "--to", "2026-11-11", "--out", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(
                "date,senderName,senderDomain,authMethod,original_client_ip,tls_version,tls_cipher,message_count,message_id\r\n"
                + "2026-11-11,alice@contoso.example,contoso.example,LOGIN,10.0.0.1,TLS1.2,ECDHE-RSA-AES256-GCM-SHA384,1,alice-16@contoso.example\r\n"
                + "2026-11-11,alice@contoso.example,contoso.example,LOGIN,10.0.0.1,TLS1.2,ECDHE-RSA-AES256-GCM-SHA384,1,alice-17@contoso.example\r\n"
                + "2026-11-11,alice@contoso.example,contoso.example,LOGIN,10.0.0.1,TLS1.2,ECDHE-RSA-AES256-GCM-SHA384,1,alice-18@contoso.example\r\n"
                + "2026-11-11,printer@contoso.example,contoso.example,PLAIN,10.0.0.50,none,,5,\r\n");
    }

    @Test
    void formulasInSenderNamesAreNeutralisedInExportsAndTheReport() throws Exception {
        long day = SmtpFixtures.AS_OF.toEpochDay();
        try (Cache c = Cache.open(cache)) {
            c.write(conn -> {
                try (SmtpStore.Writer w = new SmtpStore.Writer(conn)) {
                    w.addSubmission(day, null, "=cmd@x.example", "x.example", "LOGIN", "10.9.9.9", TlsVersion.TLS1_0, "AES128-SHA", "smtp",
                            null, 3);
                    w.flush();
                }
                return null;
            });
        }
        assertThat(run("smtp-auth", "export", "--pivot", "tls", "--domain", "x.example").out())
                .isEqualTo(TLS_HEADER + "'=cmd@x.example,x.example,100.0,0.0,0.0,0.0,0.0,0.0,3\r\n");
        assertThat(run("smtp-auth", "report", "--from", "2026-11-12").out())
                .contains("\r\n2026-11-12,'=cmd@x.example,x.example,LOGIN,10.9.9.9,TLS1.0,AES128-SHA,3,\r\n");
        assertThat(run("smtp-auth", "summary").out()).startsWith("senders=7 legacy_tls_senders=3 messages=405\n");
    }

    @Test
    void badOptionsAreUsageErrorsWithAMessageAndTheUsage() {
        assertUsage(run("smtp-auth"), "Missing command: summary, export or report");
        assertUsage(run("smtp-auth", "summary", "--as-of", "12/11/2026"), "--as-of '12/11/2026' is not a date; expected YYYY-MM-DD");
        assertUsage(run("smtp-auth", "export", "--pivot", "volume", "--from", "2026-13-01"),
                "--from '2026-13-01' is not a date; expected YYYY-MM-DD");
        assertUsage(run("smtp-auth", "report", "--to", "yesterday"), "--to 'yesterday' is not a date; expected YYYY-MM-DD");
        assertUsage(run("smtp-auth", "report", "--from", "2026-11-10", "--to", "2026-11-01"), "--to 2026-11-01 is before --from 2026-11-10");
        assertUsage(run("smtp-auth", "export", "--pivot", "volume", "--from", "2026-11-10", "--to", "2026-11-01"),
                "--to 2026-11-01 is before --from 2026-11-10");
        assertUsage(run("smtp-auth", "export", "--pivot", "chart"), "Unknown --pivot 'chart'; expected volume, tls, auth or ips");
        assertUsage(run("smtp-auth", "export"), "Missing required option: '--pivot=volume|tls|auth|ips'");
        assertUsage(run("smtp-auth", "export", "--pivot", "volume", "--domain", "nowhere.example"),
                "Unknown --domain 'nowhere.example'; known: contoso.example, fabrikam.example");
        assertUsage(run("smtp-auth", "summary", "--days", "30"), "Unknown options: '--days', '30'");
    }

    private static void assertUsage(Run r, String message) {
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(message).contains("Usage:");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFileThatIsNotACacheIsRefusedWithExitCode4AndLeftUntouched() throws Exception {
        Path notCache = dir.resolve("notes.txt");
        Files.writeString(notCache, "just some notes\n");
        byte[] before = Files.readAllBytes(notCache);
        cache = notCache;
        for (String[] args : List.of(new String[] {"smtp-auth", "summary"}, new String[] {"smtp-auth", "export", "--pivot", "tls"},
                new String[] {"smtp-auth", "report", "--out", dir.resolve("r.csv").toString()})) {
            Run r = run(args);
            assertThat(r.code()).isEqualTo(ExitCodes.CACHE);
            assertThat(r.err()).contains("is not a Mailflow cache");
            assertThat(r.out()).isEmpty();
        }
        assertThat(Files.readAllBytes(notCache)).isEqualTo(before);
        assertThat(dir.resolve("r.csv")).doesNotExist();
    }

    @Test
    void aMissingCacheIsACacheErrorAndIsNotCreated() {
        cache = dir.resolve("typo.db");
        Run r = run("smtp-auth", "summary");
        assertThat(r.code()).isEqualTo(ExitCodes.CACHE);
        assertThat(r.err()).contains("There is no cache at " + cache);
        assertThat(run("smtp-auth", "report", "--from", "x").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cache).doesNotExist();
    }

    @Test
    void anUnwritableOutputIsAOneLineError() {
        Run r = run("smtp-auth", "report", "--out", dir.resolve("missing/folder/r.csv").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("mailflow-insights: cannot write the output: ").doesNotContain("\tat ");
    }

    @Test
    void theReportOfTheSameSubmissionsReadsTheSameWhateverOrderTheyWereImportedIn() throws Exception {
        // grouped rows (no message-id) of two files whose senders, IPs and ciphers first appear in opposite orders
        Path a = Files.writeString(dir.resolve("a.csv"), "timestamp,sender,tls_version,client_ip,auth_method,count,tls_cipher\n"
                + "2026-11-12 08:00:00,zed@contoso.example,TLS1.2,10.0.0.10,LOGIN,2,ECDHE-RSA-AES256-GCM-SHA384\n"
                + "2026-11-12 08:01:00,amy@contoso.example,TLS1.0,10.0.0.9,PLAIN,1,AES128-SHA\n"
                + "2026-11-12 08:02:00,amy@contoso.example,TLS1.0,2001:db8::1,PLAIN,1,AES128-SHA\n");
        Path b = Files.writeString(dir.resolve("b.csv"), "timestamp,sender,tls_version,client_ip,auth_method,count,tls_cipher\n"
                + "2026-11-12 09:00:00,amy@contoso.example,TLS1.0,10.0.0.10,PLAIN,4,\n"
                + "2026-11-12 09:01:00,zed@contoso.example,TLS1.2,10.0.0.9,LOGIN,3,AES128-SHA\n");
        String[] reports = new String[2];
        for (int order = 0; order < 2; order++) {
            Path c = dir.resolve("order" + order + ".db");
            for (Path f : order == 0 ? List.of(a, b) : List.of(b, a)) {
                StringWriter err = new StringWriter();
                assertThat(MailflowCommand.run(new String[] {"--cache", c.toString(), "import", f.toString()}, new PrintWriter(new StringWriter()),
                        new PrintWriter(err))).as(err.toString()).isZero();
            }
            StringWriter out = new StringWriter();
            MailflowCommand.run(new String[] {"--cache", c.toString(), "smtp-auth", "report", "--from", "2026-11-12"}, new PrintWriter(out),
                    new PrintWriter(new StringWriter()));
            reports[order] = out.toString();
        }
        assertThat(reports[1]).isEqualTo(reports[0]);
        // by sender, then IPv4 addresses in address order (10.0.0.9 before 10.0.0.10) and the others after them
        assertThat(reports[0].lines().skip(1).map(l -> l.split(",")[1] + " " + l.split(",")[4])).containsExactly(
                "amy@contoso.example 10.0.0.9", "amy@contoso.example 10.0.0.10", "amy@contoso.example 2001:db8::1",
                "zed@contoso.example 10.0.0.9", "zed@contoso.example 10.0.0.10");
    }
}
