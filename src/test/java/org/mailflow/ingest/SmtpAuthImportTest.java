package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.write;
import static org.mailflow.ingest.SmtpImportKit.CANONICAL_HEADER;
import static org.mailflow.ingest.SmtpImportKit.DAY;
import static org.mailflow.ingest.SmtpImportKit.detailedReport;
import static org.mailflow.ingest.SmtpImportKit.dump;
import static org.mailflow.ingest.SmtpImportKit.fails;
import static org.mailflow.ingest.SmtpImportKit.report;
import static org.mailflow.ingest.SmtpImportKit.row;
import static org.mailflow.ingest.SmtpImportKit.summary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailflow.cache.SmtpStore;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.SenderDomains;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.TlsVersion;

/** SPEC 2 and 5: the canonical {@code smtp-auth} CSV, its row rules and bad rows, read back through the store. */
class SmtpAuthImportTest extends WithCache {
    private static final String GOOD = "2026-11-12T08:30:00Z,good@x.example,TLS1.2,10.0.0.1,LOGIN,1";

    @Test
    void canonicalCsvImportsSubmissionsWithEveryOptionalColumn() throws Exception {
        Path f = write(dir, "smtp.csv", "timestamp,sender,tls_version,client_ip,auth_method,count,domain,tls_cipher,server,message_id\n"
                + "2026-11-12T08:30:00Z,alice@contoso.example,TLSv1.2,10.0.0.1,login,1,,ECDHE-RSA-AES256-GCM-SHA384,smtp1,<m1@contoso.example>\n"
                + "2026-11-12 09:00:00,alice@contoso.example,TLS1.2,10.0.0.2,LOGIN,3,,ECDHE-RSA-AES256-GCM-SHA384,smtp1,\n"
                + "2026-11-11T23:30:00-01:00,printer@contoso.example,TLSv1,10.0.0.50,PLAIN,7,,AES128-SHA,smtp2,\n"
                + "2026-11-11T10:00:00Z,bob@fabrikam.example,TLS 1.3,,XOAUTH2,2,,,,\n");

        ImportSummary s = run(cache, f);

        assertThat(s.files()).singleElement().satisfies(r -> {
            assertThat(r.format()).isEqualTo("smtp-auth");
            assertThat(r.status()).isEqualTo(ImportSummary.Status.IMPORTED);
            assertThat(r.rows()).isEqualTo(4);
            assertThat(r.submissions()).isEqualTo(13);
        });
        assertThat(s.describe()).contains("smtp.csv: 4 rows imported (smtp-auth, 13 submissions)")
                .contains("Total: 4 rows imported (13 SMTP AUTH submissions)");

        SmtpStore.Summary nov12 = summary(cache, DAY);
        assertThat(nov12.senders()).as("alice, and the printer: 23:30 at -01:00 is 00:30 UTC on the 12th").isEqualTo(2);
        assertThat(nov12.legacySenders()).isEqualTo(1);
        assertThat(nov12.count(TlsVersion.TLS1_2)).isEqualTo(4);
        assertThat(nov12.count(TlsVersion.TLS1_0)).isEqualTo(7);
        assertThat(nov12.messages()).isEqualTo(11);
        SmtpStore.Summary nov11 = summary(cache, DAY.minusDays(1));
        assertThat(nov11.senders()).isEqualTo(1);
        assertThat(nov11.count(TlsVersion.TLS1_3)).isEqualTo(2);

        ReportData r = report(cache);
        assertThat(r.messages()).isEqualTo(13);
        assertThat(r.senders()).isEqualTo(3);
        assertThat(row(r, "alice@contoso.example", "contoso.example").total()).isEqualTo(4);
        assertThat(row(r, "printer@contoso.example", "contoso.example").count(TlsVersion.TLS1_0)).isEqualTo(7);
        assertThat(row(r, "bob@fabrikam.example", "fabrikam.example").count(TlsVersion.TLS1_3)).isEqualTo(2);

        assertThat(detailedReport(cache)).containsExactly(
                "2026-11-11,bob@fabrikam.example,fabrikam.example,XOAUTH2,,TLS1.3,,2,",
                "2026-11-12,alice@contoso.example,contoso.example,LOGIN,10.0.0.1,TLS1.2,ECDHE-RSA-AES256-GCM-SHA384,1,m1@contoso.example", // stored without angle brackets (SPEC 2)
                "2026-11-12,alice@contoso.example,contoso.example,LOGIN,10.0.0.2,TLS1.2,ECDHE-RSA-AES256-GCM-SHA384,3,",
                "2026-11-12,printer@contoso.example,contoso.example,PLAIN,10.0.0.50,TLS1.0,AES128-SHA,7,");
        assertThat(SmtpImportKit.messageTimes(cache)).as("the time of day is kept for a submission with a message-id")
                .containsExactly("m1@contoso.example=2026-11-12/" + (DAY.toEpochDay() * 86_400 + 8 * 3600 + 30 * 60));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            TLSv1         | TLS1.0
            TLSv1.0       | TLS1.0
            TLSv1.1       | TLS1.1
            TLS 1.2       | TLS1.2
            1.2           | TLS1.2
            TLS1.2        | TLS1.2
            tlsv1.2       | TLS1.2
            TLS1.3        | TLS1.3
            TLSv1.3       | TLS1.3
            TLS           | TLS
            none          | none
            NONE          | none
            ''            | unknown
            unknown       | unknown
            """)
    void tlsSpellingsAreNormalisedToTheTokensOfSpec2(String spelling, String token) throws Exception {
        Path f = write(dir, "tls.csv", CANONICAL_HEADER + "\n2026-11-12T08:30:00Z,a@x.example,\"" + spelling + "\",10.0.0.1,LOGIN,5\n");

        run(cache, f);

        TlsVersion expected = TlsVersion.parse(token).orElseThrow();
        assertThat(expected.token()).isEqualTo(token);
        SmtpStore.Summary s = summary(cache, DAY);
        assertThat(s.count(expected)).isEqualTo(5);
        assertThat(s.messages()).isEqualTo(5);
        assertThat(s.legacySenders()).isEqualTo(expected.legacy() ? 1 : 0);
    }

    @Test
    void sendersAreTrimmedAndLowerCasedIntoOneSender() throws Exception {
        Path f = write(dir, "case.csv", CANONICAL_HEADER + "\n"
                + "2026-11-12T08:00:00Z,News@X.example,TLS1.2,10.0.0.1,LOGIN,1\n"
                + "2026-11-12T09:00:00Z,news@x.example,TLS1.2,10.0.0.1,LOGIN,2\n"
                + "2026-11-12T10:00:00Z,\"  NEWS@x.EXAMPLE \",TLS1.0,10.0.0.1,LOGIN,4\n");

        run(cache, f);

        ReportData r = report(cache);
        assertThat(r.rows()).singleElement().satisfies(t -> {
            assertThat(t.address()).isEqualTo("news@x.example");
            assertThat(t.domain()).isEqualTo("x.example");
            assertThat(t.total()).isEqualTo(7);
            assertThat(t.count(TlsVersion.TLS1_0)).isEqualTo(4);
        });
        assertThat(summary(cache, DAY).senders()).isEqualTo(1);
    }

    @Test
    void bareUserTakesItsDomainFromTheDomainColumn() throws Exception {
        Path f = write(dir, "bare.csv", "timestamp,sender,domain,tls_version,client_ip,auth_method\n"
                + "2026-11-12T08:00:00Z,Scanner,Fabrikam.EXAMPLE,TLSv1.1,10.1.0.9,PLAIN\n"
                + "2026-11-12T08:05:00Z,scanner,fabrikam.example,TLSv1.1,10.1.0.9,PLAIN\n"
                + "2026-11-12T08:10:00Z,copier,<Office@Contoso.example>,TLSv1.2,10.1.0.8,LOGIN\n"
                + "2026-11-12T08:15:00Z,lonely,,TLSv1.2,10.1.0.7,LOGIN\n"
                + "2026-11-12T08:20:00Z,alice@contoso.example,fabrikam.example,TLSv1.2,10.0.0.1,LOGIN\n");

        run(cache, f);

        ReportData r = report(cache);
        assertThat(r.rows()).extracting(t -> t.address() + "/" + t.domain() + "=" + t.total()).containsExactlyInAnyOrder(
                "scanner/fabrikam.example=2",
                "copier/contoso.example=1",
                "lonely/=1",
                "alice@contoso.example/contoso.example=1");
    }

    @ParameterizedTest(name = "[{index}] domainOf({0}, {1}) = {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            alice@contoso.example     | fabrikam.example          | contoso.example
            Alice@Contoso.EXAMPLE     | NULL                      | contoso.example
            "a@b"@Contoso.example     | NULL                      | contoso.example
            scanner                   | Fabrikam.example          | fabrikam.example
            scanner                   | From@Fabrikam.example     | fabrikam.example
            scanner                   | <from@fabrikam.example>   | fabrikam.example
            scanner                   | ''                        | ''
            scanner                   | NULL                      | ''
            broken@                   | fabrikam.example          | fabrikam.example
            """)
    void domainIsThePartAfterTheLastAtElseTheFallbacksDomain(String sender, String fallback, String domain) {
        assertThat(SenderDomains.domainOf(sender, fallback)).isEqualTo(domain);
    }

    @Test
    void countIsOptionalEmptyMeansOneAndZeroAddsNoSubmission() throws Exception {
        Path f = write(dir, "counts.csv", CANONICAL_HEADER + "\n"
                + "2026-11-12T08:00:00Z,a@x.example,TLS1.2,10.0.0.1,LOGIN,\n"
                + "2026-11-12T08:00:00Z,a@x.example,TLS1.2,10.0.0.1,LOGIN, 4 \n"
                + "2026-11-12T08:00:00Z,zero@x.example,TLS1.0,10.0.0.1,LOGIN,0\n");
        Path noCount = write(dir, "nocount.csv", "timestamp,sender,tls_version,client_ip,auth_method\n"
                + "2026-11-12T08:00:00Z,b@x.example,TLS1.3,10.0.0.1,LOGIN\n");

        ImportSummary s = run(cache, f, noCount);

        assertThat(s.rows()).isEqualTo(4);
        assertThat(s.submissions()).isEqualTo(6);
        ReportData r = report(cache);
        assertThat(row(r, "a@x.example", "x.example").total()).isEqualTo(5);
        assertThat(row(r, "b@x.example", "x.example").total()).isEqualTo(1);
        assertThat(r.rows()).as("a row of count 0 makes no sender").extracting(SenderTotals::address).doesNotContain("zero@x.example");
    }

    /** Recipients per day and sender, from the daily aggregates: "day sender submissions recipients". */
    private java.util.List<String> recipients() throws Exception {
        return cache.read(c -> {
            java.util.List<String> out = new java.util.ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT d.day, a.address, sum(d.count), sum(d.recipients) "
                    + "FROM smtp_detail d JOIN smtp_account a ON a.id = d.account_id GROUP BY d.day, a.address ORDER BY d.day, a.address")) {
                while (rs.next()) {
                    out.add(java.time.LocalDate.ofEpochDay(rs.getLong(1)) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getLong(4));
                }
            }
            return out;
        });
    }

    @Test
    void recipientsIsAnOptionalColumnOfTheRowsSubmissionsInAllEmptyOrAbsentMeaningNotLogged() throws Exception {
        Path f = write(dir, "recipients.csv", CANONICAL_HEADER + ",recipients\n"
                + "2026-11-12T08:00:00Z,a@x.example,TLS1.2,10.0.0.1,LOGIN,1,3\n"
                + "2026-11-12T09:00:00Z,a@x.example,TLS1.2,10.0.0.1,LOGIN,4, 250 \n"
                + "2026-11-12T09:00:00Z,b@x.example,TLS1.2,10.0.0.1,LOGIN,2,\n"
                + "2026-11-12T09:00:00Z,c@x.example,TLS1.2,10.0.0.1,LOGIN,1,0\n");
        Path without = write(dir, "without.csv", CANONICAL_HEADER + "\n2026-11-12T08:00:00Z,d@x.example,TLS1.3,10.0.0.2,PLAIN,5\n");

        ImportSummary s = run(cache, f, without);

        assertThat(s.files()).extracting(ImportSummary.FileResult::format).containsOnly("smtp-auth");
        assertThat(s.submissions()).isEqualTo(13);
        assertThat(recipients()).containsExactly(
                "2026-11-12 a@x.example 5 253",
                "2026-11-12 b@x.example 2 0",
                "2026-11-12 c@x.example 1 0",
                "2026-11-12 d@x.example 5 0");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            -1             | recipients "-1" is not a whole number from 0 to 10^12
            2.5            | recipients "2.5" is not a whole number from 0 to 10^12
            many           | recipients "many" is not a whole number
            1000000000001  | recipients "1000000000001" is not a whole number from 0 to 10^12
            """)
    void aBadRecipientsValueIsABadRowWithItsLineAndReason(String value, String reason) throws Exception {
        String header = CANONICAL_HEADER + ",recipients";
        Path f = write(dir, "bad-recipients.csv", header + "\n" + GOOD + ",2\n" + GOOD + "," + value + "\n" + GOOD + ",1\n");

        BadInputException e = fails(cache, f);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains(reason);

        ImportSummary skipped = ImportTestKit.run(cache, true, f);
        assertThat(skipped.files().get(0).badRows()).extracting(ImportSummary.BadRow::line).containsExactly(3L);
        assertThat(recipients()).containsExactly("2026-11-12 good@x.example 2 3");
    }

    private Path withBadRow(String badRow) throws Exception {
        // header on line 1, good rows on 2 and 3, the bad row on line 4, a good row after it
        return write(dir, "bad-smtp.csv", CANONICAL_HEADER + "\n" + GOOD + "\n" + GOOD + "\n" + badRow + "\n" + GOOD + "\n");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-12T08:30:00Z,a@x.example,TLSv2,10.0.0.1,LOGIN,1          | tls_version "TLSv2" is unknown; expected a TLS version such as TLS1.2
            2026-11-12T08:30:00Z,a@x.example,SSL,10.0.0.1,LOGIN,1            | tls_version "SSL" is unknown
            2026-11-12T08:30:00Z,a@x.example,1.4,10.0.0.1,LOGIN,1            | tls_version "1.4" is unknown
            2026-13-01T08:30:00Z,a@x.example,TLS1.2,10.0.0.1,LOGIN,1         | timestamp "2026-13-01T08:30:00Z" is not a date and time; expected ISO-8601
            12/11/2026 08:30,a@x.example,TLS1.2,10.0.0.1,LOGIN,1             | timestamp "12/11/2026 08:30" is not a date and time
            ,a@x.example,TLS1.2,10.0.0.1,LOGIN,1                             | timestamp "" is not a date and time
            2026-11-12T08:30:00Z,a@x.example,TLS1.2,10.0.0.1,LOGIN,-1        | count "-1" is not a whole number from 0 to 10^12
            2026-11-12T08:30:00Z,a@x.example,TLS1.2,10.0.0.1,LOGIN,2.5       | count "2.5" is not a whole number
            2026-11-12T08:30:00Z,a@x.example,TLS1.2,10.0.0.1,LOGIN,many      | count "many" is not a whole number
            2026-11-12T08:30:00Z,,TLS1.2,10.0.0.1,LOGIN,1                    | sender is empty
            2026-11-12T08:30:00Z,"  ",TLS1.2,10.0.0.1,LOGIN,1                | sender is empty
            2026-11-12T08:30:00Z,a@x.example,TLS1.2,10.0.0.1,LOGIN           | expected 6 columns as in the header, found 5
            2026-11-12T08:30:00Z,a@x.example,TLS1.2,10.0.0.1,LOGIN,1,x       | expected 6 columns as in the header, found 7
            """)
    void badRowFailsTheFileWithItsLineAndReasonAndChangesNothing(String badRow, String reason) throws Exception {
        run(cache, write(dir, "existing.csv", CANONICAL_HEADER + "\n2026-11-01T10:00:00Z,old@x.example,TLS1.2,10.0.0.1,LOGIN,3\n"));
        Path f = withBadRow(badRow);

        BadInputException e = fails(cache, f);

        assertThat(e.file()).isEqualTo(f);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.reason()).contains(reason);
        assertThat(e.getMessage()).contains("bad-smtp.csv").contains("line 4").contains("--skip-bad-rows");
        assertThat(report(cache).rows()).extracting(SenderTotals::address).containsExactly("old@x.example");
    }

    @Test
    void aFieldLongerThanAMailHeaderLineIsABadRow() throws Exception {
        Path f = withBadRow("2026-11-12T08:30:00Z,a@x.example,TLS1.2," + "1".repeat(999) + ",LOGIN,1");

        BadInputException e = fails(cache, f);

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.reason()).contains("client_ip has 999 characters; expected at most 998");
        assertThat(new org.mailflow.cache.SmtpStore(cache).totalSubmissions()).isZero();
    }

    @Test
    void skipBadRowsImportsTheGoodRowsAndListsTheBadOnesWithTheirLines() throws Exception {
        Path f = write(dir, "mixed.csv", CANONICAL_HEADER + "\n"
                + GOOD + "\n"
                + "2026-11-12T08:30:00Z,a@x.example,TLSv9,10.0.0.1,LOGIN,1\n"
                // a quoted multi-line value shifts the physical line numbers of what follows
                + "2026-11-12T08:30:00Z,good@x.example,TLS1.2,10.0.0.1,\"LOG\nIN\",2\n"
                + "yesterday,b@x.example,TLS1.2,10.0.0.1,LOGIN,1\n"
                + "2026-11-12T08:30:00Z,,TLS1.2,10.0.0.1,LOGIN,1\n"
                + GOOD + "\n");

        ImportSummary s = ImportTestKit.run(cache, true, f);

        ImportSummary.FileResult r = s.files().get(0);
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.submissions()).isEqualTo(4);
        assertThat(r.badRows()).extracting(ImportSummary.BadRow::line).containsExactly(3L, 6L, 7L);
        assertThat(r.badRows().get(0).reason()).contains("tls_version \"TLSv9\" is unknown");
        assertThat(r.badRows().get(1).reason()).contains("timestamp \"yesterday\"");
        assertThat(r.badRows().get(2).reason()).contains("sender is empty");
        assertThat(s.describe()).contains("3 bad rows skipped:").contains("line 3: tls_version \"TLSv9\"")
                .contains("Total: 3 rows imported (4 SMTP AUTH submissions), 3 bad rows skipped");

        ReportData report = report(cache);
        assertThat(report.rows()).extracting(SenderTotals::address).containsExactly("good@x.example");
        assertThat(report.messages()).isEqualTo(4);
    }

    @Test
    void reimportingTheSameFileAddsNothingAndAGrownFileOnlyItsNewRows() throws Exception {
        Path f = write(dir, "daily.csv", CANONICAL_HEADER + "\n"
                + "2026-11-12T08:00:00Z,a@x.example,TLS1.2,10.0.0.1,LOGIN,2\n");
        run(cache, f);
        String after = dump(cache);

        ImportSummary again = run(cache, f);

        assertThat(again.files().get(0).status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
        assertThat(again.describe()).contains("already imported, nothing added").contains("Total: 0 rows imported\n");
        assertThat(dump(cache)).isEqualTo(after);

        Files.writeString(f, "2026-11-12T09:00:00Z,a@x.example,TLSv1,10.0.0.1,LOGIN,5\n", StandardOpenOption.APPEND);
        ImportSummary grown = run(cache, f);

        ImportSummary.FileResult r = grown.files().get(0);
        assertThat(r.status()).isEqualTo(ImportSummary.Status.CONTINUED);
        assertThat(r.rows()).isEqualTo(1);
        assertThat(r.firstNewLine()).isEqualTo(3);
        assertThat(grown.describe()).contains("1 new row imported from line 3 on (smtp-auth, 5 submissions;");
        SenderTotals a = row(report(cache), "a@x.example", "x.example");
        assertThat(a.count(TlsVersion.TLS1_2)).isEqualTo(2);
        assertThat(a.count(TlsVersion.TLS1_0)).isEqualTo(5);
    }

    @Test
    void aBadFileInABatchLeavesTheCacheAsItWasBulkAndSmtpAlike() throws Exception {
        run(cache, write(dir, "before.csv", CANONICAL_HEADER + "\n2026-11-01T10:00:00Z,old@x.example,TLS1.2,10.0.0.1,LOGIN,3\n"));
        Path bulk = write(dir, "bulk.csv", ImportTestKit.BULK_HEADER + "\n2026-11-12T08:30:00Z,news@shop.example,5,inbox,4\n");
        Path good = write(dir, "good.csv", CANONICAL_HEADER + "\n" + GOOD + "\n");
        Path bad = write(dir, "bad.csv", CANONICAL_HEADER + "\n" + GOOD + "\n2026-11-12T08:30:00Z,a@x.example,TLS1.4,10.0.0.1,LOGIN,1\n");

        BadInputException e = fails(cache, bulk, good, bad);

        assertThat(e.file()).isEqualTo(bad);
        assertThat(e.line()).isEqualTo(3);
        assertThat(ImportTestKit.totalMessages(cache)).isZero();
        assertThat(new SmtpStore(cache).totalSubmissions()).isEqualTo(3);
        // nothing of the failed batch was recorded as imported either: the good file imports now
        assertThat(run(cache, good).files().get(0).status()).isEqualTo(ImportSummary.Status.IMPORTED);
    }

    @Test
    void smtpHeaderIsNotTakenForABulkOrEventsCsvAndMessagesListTheSmtpFormats() throws Exception {
        // "event" and "action" columns beside the SMTP AUTH ones must not make it an events or allow-block file
        Path f = write(dir, "extra.csv", "timestamp,sender,event,action,tls_version,client_ip,auth_method\n"
                + "2026-11-12T08:00:00Z,a@x.example,x,y,TLS1.2,10.0.0.1,LOGIN\n");

        assertThat(run(cache, f).files().get(0).format()).isEqualTo("smtp-auth");
        assertThat(ImportFormat.detect(Set.of("timestamp", "sender", "bcl", "delivery"))).contains(ImportFormat.BULK);
        assertThat(ImportFormat.detect(Set.of("timestamp", "sender", "event"))).contains(ImportFormat.EVENTS);
        assertThat(ImportFormat.expectedHeaders())
                .contains("smtp-auth (timestamp,sender,tls_version,client_ip,auth_method[,count][,domain][,tls_cipher][,server][,message_id][,recipients])")
                .contains("smtpcsreport (date,senderName,tls_version,message_count[,senderDomain]");
        assertThat(ImportFormat.ofToken("SMTP-AUTH")).contains(ImportFormat.SMTP_AUTH);
        assertThat(ImportFormat.ofToken("SmtpCSReport")).contains(ImportFormat.SMTP_CS_REPORT);
        assertThat(ImportFormat.tokens()).isEqualTo("bulk, events, allow-block, policies, smtp-auth, smtpcsreport, auth-failures, emailevents, "
                + "maildetailatp, postfix, exim, mbox or eml");
    }

    @Test
    void forcedSmtpFormatNamesTheMissingColumnsAsDocumented() throws Exception {
        Path f = write(dir, "lacking.csv", "timestamp,sender,tls_version\n2026-11-12T08:00:00Z,a@x.example,TLS1.2\n");
        Path ms = write(dir, "ms-lacking.csv", "date,tls_version\n2026-11-12,TLS1.2\n");

        BadInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(BadInputException.class,
                () -> ImportTestKit.runAs(cache, ImportFormat.SMTP_AUTH, f));
        BadInputException m = org.assertj.core.api.Assertions.catchThrowableOfType(BadInputException.class,
                () -> ImportTestKit.runAs(cache, ImportFormat.SMTP_CS_REPORT, ms));

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.reason()).contains("lacks client_ip, auth_method");
        assertThat(m.reason()).contains("a smtpcsreport CSV needs the columns date,senderName,")
                .contains("lacks senderName, message_count");
    }
}
