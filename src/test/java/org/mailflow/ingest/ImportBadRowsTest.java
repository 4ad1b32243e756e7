package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.bcl;
import static org.mailflow.ingest.ImportTestKit.fails;
import static org.mailflow.ingest.ImportTestKit.load;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.totalMessages;
import static org.mailflow.ingest.ImportTestKit.write;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.cache.BulkStore;

/**
 * SPEC 5 "Bad rows": a row that breaks its format fails the whole file with its line and reason and
 * changes nothing; with --skip-bad-rows the good rows are imported and the bad ones listed.
 */
class ImportBadRowsTest extends WithCache {
    private static final String GOOD = "2026-11-12T08:30:00Z,good@x.example,5,inbox,1";

    @BeforeEach
    void addExistingData() throws Exception {
        // something already in the cache, so "unchanged" is not trivially "empty"
        run(cache, write(dir, "existing.csv", ImportTestKit.BULK_HEADER + "\n2026-11-01T10:00:00Z,old@x.example,3,inbox,7\n"));
    }

    /** A bulk file: header on line 1, two good rows, the bad row on line 4, a good row after it. */
    private Path bulkWithBadRow(String badRow) throws Exception {
        return write(dir, "bad.csv", ImportTestKit.BULK_HEADER + "\n" + GOOD + "\n" + GOOD + "\n" + badRow + "\n" + GOOD + "\n");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-12T08:30:00Z,a@x.example,10,inbox,1           | BCL 10 is outside 0-9
            2026-11-12T08:30:00Z,a@x.example,-1,inbox,1           | BCL -1 is outside 0-9
            2026-11-12T08:30:00Z,a@x.example,x,inbox,1            | BCL "x" is not a whole number
            2026-11-12T08:30:00Z,a@x.example,,inbox,1             | BCL "" is not a whole number
            2026-11-12T08:30:00Z,a@x.example,4.5,inbox,1          | BCL "4.5" is not a whole number
            2026-11-12T08:30:00Z,a@x.example,5,spam,1             | delivery "spam" is unknown
            2026-11-12T08:30:00Z,a@x.example,5,,1                 | delivery "" is unknown
            2026-11-12T08:30:00Z,a@x.example,5,inbox,-3           | count "-3"
            2026-11-12T08:30:00Z,a@x.example,5,inbox,1.5          | count "1.5"
            2026-11-12T08:30:00Z,a@x.example,5,inbox,lots         | count "lots"
            2026-13-01T08:30:00Z,a@x.example,5,inbox,1            | timestamp "2026-13-01T08:30:00Z"
            2026-02-30 08:30:00,a@x.example,5,inbox,1             | timestamp "2026-02-30 08:30:00"
            12/11/2026 08:30,a@x.example,5,inbox,1                | timestamp "12/11/2026 08:30"
            2026-11-12T25:00:00Z,a@x.example,5,inbox,1            | timestamp "2026-11-12T25:00:00Z"
            yesterday,a@x.example,5,inbox,1                       | timestamp "yesterday"
            ,a@x.example,5,inbox,1                                | timestamp ""
            2026-11-12T08:30:00Z,,5,inbox,1                       | sender is empty
            2026-11-12T08:30:00Z,a@x.example,5,inbox              | expected 5 columns as in the header, found 4
            2026-11-12T08:30:00Z,a@x.example,5,inbox,1,extra      | expected 5 columns as in the header, found 6
            2026-11-12T08:30:00Z,Smith, John <a@x.example>,5,inbox,1 | expected 5 columns as in the header, found 6
            """)
    void badBulkRowFailsTheFileWithItsLineAndReason(String badRow, String reason) throws Exception {
        Path f = bulkWithBadRow(badRow);
        long before = totalMessages(cache);

        BadInputException e = fails(cache, f);

        assertThat(e.file()).isEqualTo(f);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.reason()).contains(reason);
        assertThat(e.getMessage()).contains("bad.csv").contains("line 4").contains("--skip-bad-rows");
        assertThat(totalMessages(cache)).isEqualTo(before);
        assertThat(load(cache).indexOf("good@x.example")).as("no good row of the failed file").isEmpty();
    }

    @Test
    void timestampMessageSaysWhatIsExpected() throws Exception {
        BadInputException e = fails(cache, bulkWithBadRow("12.11.2026,a@x.example,5,inbox,1"));

        assertThat(e.reason()).contains("ISO-8601").contains("YYYY-MM-DD HH:MM:SS");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-12T08:30:00Z,a@x.example,user_liked     | event "user_liked" is unknown
            2026-11-12T08:30:00Z,a@x.example,               | event "" is unknown
            2026-11-12T08:30:00Z,a@x.example,user blocked   | event "user blocked" is unknown
            """)
    void unknownEventFailsWithTheListOfEvents(String badRow, String reason) throws Exception {
        Path f = write(dir, "events.csv", "timestamp,sender,event\n"
                + "2026-11-12T08:30:00Z,a@x.example,user_allowed\n"
                + badRow + "\n");

        BadInputException e = fails(cache, f);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains(reason).contains("user_allowed").contains("admin_deleted");
    }

    @Test
    void tooLongSenderIsABadRow() throws Exception {
        // longer than any header line (998), the most a log or a mailbox gives the app too
        String sender = "a".repeat(990) + "@x.example";

        BadInputException e = fails(cache, bulkWithBadRow("2026-11-12T08:30:00Z," + sender + ",5,inbox,1"));

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.reason()).contains("sender");
    }

    /**
     * A header, a good row on line 2 and {@code bad} on line 3, in each CSV format that has a date:
     * {@code %s} in the bad row stands for the date, {@code %a} for an address.
     */
    private static final String[][] DATED = {
        {"bulk", "timestamp,sender,bcl,delivery", "2026-11-12T08:30:00Z,good@x.example,5,inbox", "%s,%a,5,inbox"},
        {"events", "timestamp,sender,event", "2026-11-12T08:30:00Z,good@x.example,user_allowed", "%s,%a,user_allowed"},
        {"smtp-auth", "timestamp,sender,tls_version,client_ip,auth_method", "2026-11-12T08:30:00Z,good@x.example,TLS1.2,10.0.0.1,LOGIN",
            "%s,%a,TLS1.2,10.0.0.1,LOGIN"},
        {"smtpcsreport", "date,senderName,tls_version,message_count", "2026-11-12,good@x.example,TLS1.2,1", "%s,%a,TLS1.2,1"},
        {"auth-failures", "timestamp,account,client_ip,count", "2026-11-12T08:30:00Z,good@x.example,10.0.0.1,1", "%s,%a,10.0.0.1,1"},
        {"emailevents", "Timestamp,SenderFromAddress,RecipientEmailAddress,BulkComplaintLevel,EmailDirection",
            "2026-11-12T08:30:00.1234567Z,good@x.example,r@y.example,5,Inbound", "%s,%a,r@y.example,5,Inbound"},
        {"maildetailatp", "Date,SenderAddress,RecipientAddress,BulkComplaintLevel,Direction",
            "11/12/2026 8:30:00 AM,good@x.example,r@y.example,5,Inbound", "%s,%a,r@y.example,5,Inbound"},
    };

    private Path dated(String[] format, String date, String address) throws Exception {
        String bad = format[3].replace("%s", date).replace("%a", address);
        return write(dir, format[0] + "-bad.csv", format[1] + "\n" + format[2] + "\n" + bad + "\n" + format[2] + "\n");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            0001-01-01
            1969-12-31
            1969-12-31T23:59:59Z
            1969-12-31 23:59:59
            2999-12-31T23:00:00-02:00
            3000-01-01
            9999-12-31
            """)
    void aDateBefore1970OrAfter2999IsABadRowWithItsLineInEveryFormat(String date) throws Exception {
        for (String[] format : DATED) {
            Path f = dated(format, date, "a@x.example");

            BadInputException e = SmtpImportKit.fails(cache, f);

            assertThat(e.line()).as(format[0]).isEqualTo(3);
            assertThat(e.reason()).as(format[0]).contains("\"" + date + "\" is outside the years 1970 to 2999");
        }
        assertThat(new BulkStore(cache).latestDay()).as("the day of the existing row is still the latest").contains(LocalDate.of(2026, 11, 1));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            12.13.2026
            2026-11-31
            yesterday
            Foo 12 2026 08:30:00
            11/12/2026 13:00:00 PM
            """)
    void anUnreadableDateIsABadRowWithItsLineInEveryFormat(String date) throws Exception {
        for (String[] format : DATED) {
            BadInputException e = SmtpImportKit.fails(cache, dated(format, date, "a@x.example"));

            assertThat(e.line()).as(format[0]).isEqualTo(3);
            assertThat(e.reason()).as(format[0]).contains("\"" + date + "\" is not a date").contains("expected");
        }
    }

    @ParameterizedTest(name = "[{index}] U+{0}")
    @CsvSource(textBlock = """
            0001
            0007
            0009
            001B
            007F
            0085
            """)
    void aControlCharacterInAnAddressIsABadRowAndNeverStored(String hex) throws Exception {
        String address = "a" + (char) Integer.parseInt(hex, 16) + "b@x.example";
        for (String[] format : DATED) {
            BadInputException e = SmtpImportKit.fails(cache, dated(format, format[2].split(",")[0], address));

            assertThat(e.line()).as(format[0]).isEqualTo(3);
            assertThat(e.reason()).as(format[0]).contains("holds the control character U+" + hex + " at position 2");
        }
        Path allowBlock = write(dir, "ab.csv", "sender,action\nok@x.example,allow\n" + address + ",block\n");
        assertThat(SmtpImportKit.fails(cache, allowBlock).reason()).contains("sender holds the control character U+" + hex);
    }

    @Test
    void aNulInAnAddressPastTheFirstKilobytesIsABadRowWithItsLine() throws Exception {
        // within the first 8 KiB a NUL makes the whole file binary; further on it is a damaged row
        StringBuilder sb = new StringBuilder(ImportTestKit.BULK_HEADER).append('\n');
        for (int i = 0; i < 300; i++) {
            sb.append(GOOD).append('\n');
        }
        sb.append("2026-11-12T08:30:00Z,a\u0000b@x.example,5,inbox,1\n");

        BadInputException e = fails(cache, write(dir, "nul.csv", sb.toString()));

        assertThat(e.line()).isEqualTo(302);
        assertThat(e.reason()).contains("sender holds the control character U+0000");
    }

    @Test
    void aControlCharacterInTheRecipientOfAnExportIsABadRowToo() throws Exception {
        Path f = write(dir, "ee.csv", "Timestamp,SenderFromAddress,RecipientEmailAddress,BulkComplaintLevel,NetworkMessageId\n"
                + "2026-11-12T08:30:00Z,a@x.example,r\u0008@y.example,5,m1\n");

        BadInputException e = SmtpImportKit.fails(cache, f);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.reason()).contains("RecipientEmailAddress holds the control character U+0008");
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            emailevents   | 10  | BulkComplaintLevel 10 is outside 0-9
            emailevents   | -1  | BulkComplaintLevel -1 is outside 0-9
            emailevents   | 5.5 | BulkComplaintLevel "5.5" is not a whole number; expected 0 to 9
            maildetailatp | 12  | BulkComplaintLevel 12 is outside 0-9
            maildetailatp | x   | BulkComplaintLevel "x" is not a whole number
            """)
    void aBclOutside0To9IsABadRowOfTheExportsWithItsLine(String token, String bcl, String reason) throws Exception {
        String[] format = java.util.Arrays.stream(DATED).filter(d -> d[0].equals(token)).findFirst().orElseThrow();
        Path f = write(dir, token + ".csv", format[1] + "\n" + format[2] + "\n" + format[2].replace(",5,", "," + bcl + ",") + "\n");

        BadInputException e = SmtpImportKit.fails(cache, f);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains(reason);
    }

    @Test
    void skipBadRowsListsTheBadRowsOfAnExportAndCountsItsGoodOnes() throws Exception {
        Path f = write(dir, "ee.csv", "Timestamp,SenderFromAddress,BulkComplaintLevel,EmailDirection\n"
                + "2026-11-12T08:30:00Z,good@x.example,5,Inbound\n"
                + "1969-12-31T23:59:59Z,bad@x.example,5,Inbound\n"
                + "2026-11-12T08:30:00Z,bad@x.example,15,Inbound\n"
                + "2026-11-12T08:30:00Z,out@x.example,15,Outbound\n");

        ImportSummary s = ImportTestKit.run(cache, true, f);

        ImportSummary.FileResult r = s.files().get(0);
        assertThat(r.rows()).isEqualTo(1);
        assertThat(r.passedOver()).as("an outbound row is passed over, whatever its BCL").isEqualTo(1);
        assertThat(r.badRows()).extracting(ImportSummary.BadRow::line).containsExactly(3L, 4L);
        assertThat(s.describe()).contains("2 bad rows skipped:").contains("line 3: Timestamp \"1969-12-31T23:59:59Z\" is outside the years");
        assertThat(load(cache).indexOf("bad@x.example")).isEmpty();
    }

    @Test
    void skipBadRowsImportsTheGoodRowsAndListsTheFirstTenBadOnesWithLineNumbers() throws Exception {
        StringBuilder sb = new StringBuilder(ImportTestKit.BULK_HEADER).append('\n');
        int line = 1;
        java.util.List<Long> badLines = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sb.append(GOOD).append('\n');
            line++;
            if (i % 4 == 1) {
                // a quoted multi-line value shifts the physical line numbers
                sb.append("2026-11-12T08:30:00Z,good@x.example,5,inbox,\"2\n\"\n");
                line += 2;
            }
            sb.append("2026-11-12T08:30:00Z,bad@x.example,").append(10 + i).append(",inbox,1\n");
            line++;
            badLines.add((long) line);
        }
        Path f = write(dir, "many-bad.csv", sb.toString());

        ImportSummary s = ImportTestKit.run(cache, true, f);

        assertThat(s.rows()).isEqualTo(25);
        assertThat(s.badRows()).isEqualTo(20);
        ImportSummary.FileResult r = s.files().get(0);
        assertThat(r.badRowCount()).isEqualTo(20);
        assertThat(r.badRows()).hasSize(ImportSummary.EXAMPLES);
        assertThat(r.badRows()).extracting(ImportSummary.BadRow::line).containsExactlyElementsOf(badLines.subList(0, 10));
        assertThat(r.badRows().get(0).reason()).contains("BCL 10 is outside 0-9");
        assertThat(s.describe()).contains("20 bad rows skipped, the first 10:")
                .contains("line " + badLines.get(0) + ": BCL 10 is outside 0-9")
                .doesNotContain("line " + badLines.get(10) + ":");

        BulkDataset d = load(cache);
        assertThat(bcl(d, "good@x.example", 5)).as("20 single rows + 5 rows of count 2").isEqualTo(30);
        assertThat(d.indexOf("bad@x.example")).isEmpty();
    }

    @Test
    void skipBadRowsSkipsWrongColumnCountsToo() throws Exception {
        Path f = write(dir, "cols.csv", ImportTestKit.BULK_HEADER + "\n"
                + GOOD + "\n"
                + "2026-11-12T08:30:00Z,a@x.example,5\n"
                + GOOD + ",x\n"
                + GOOD + "\n");

        ImportSummary s = ImportTestKit.run(cache, true, f);

        assertThat(s.rows()).isEqualTo(2);
        assertThat(s.files().get(0).badRows()).extracting(ImportSummary.BadRow::line).containsExactly(3L, 4L);
        assertThat(s.describe()).contains("2 bad rows skipped:");
    }

    @Test
    void skipBadRowsStillRefusesABadHeader() throws Exception {
        Path f = write(dir, "hdr.csv", "when,who,what\n" + GOOD + "\n");

        BadInputException e = fails(cache, new ImportOptions(Optional.empty(), true), f);

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.reason()).contains("unknown header");
    }
}
