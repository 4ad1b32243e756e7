package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.bcl;
import static org.mailflow.ingest.ImportTestKit.delivered;
import static org.mailflow.ingest.ImportTestKit.dump;
import static org.mailflow.ingest.ImportTestKit.load;
import static org.mailflow.ingest.ImportTestKit.loadDay;
import static org.mailflow.ingest.ImportTestKit.messages;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.write;
import static org.mailflow.ingest.ImportTestKit.writeBytes;
import static org.mailflow.ingest.SmtpImportKit.utf16le;
import static org.mailflow.ingest.SmtpImportKit.utf8Bom;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.bulk.Delivery;
import org.mailflow.cache.BulkStore;
import org.mailflow.model.DayWindow;

/**
 * SPEC 5, "Microsoft 365 exports": a Defender Advanced hunting {@code EmailEvents} result exported to
 * CSV and {@code Get-MailDetailATPReport | Export-Csv}, in the shapes Microsoft writes them, become
 * bulk messages; outbound rows and rows without a BCL are passed over and counted; a message counts
 * once however many exports hold it.
 */
class MicrosoftExportsImportTest extends WithCache {
    /** The columns of {@code EmailEvents | project …} in the order the schema lists them, plus ones the importer ignores. */
    static final String EE_HEADER = "Timestamp,NetworkMessageId,InternetMessageId,SenderMailFromAddress,SenderFromAddress,"
            + "RecipientEmailAddress,Subject,EmailDirection,DeliveryAction,DeliveryLocation,BulkComplaintLevel,LatestDeliveryLocation";
    static final LocalDate MON = LocalDate.of(2026, 11, 9);

    /** One EmailEvents row, as the portal writes it (a subject with a comma is quoted). */
    static String ee(String timestamp, String id, String sender, String recipient, String direction, String location, String bcl,
                     String latest) {
        return timestamp + "," + id + ",<" + id + "@mail.example>,bounce@mail.example," + sender + "," + recipient
                + ",\"Deals, deals, deals\"," + direction + ",Delivered," + location + "," + bcl + "," + latest;
    }

    @Test
    void emailEventsExportOfThePortalImportsInboundRowsWithABclAtTheirDelivery() throws Exception {
        // UTF-8 with a byte order mark, CRLF, quoted cells, seven-digit fractions: the portal's export
        String csv = EE_HEADER + "\r\n"
                + ee("2026-11-12T08:30:00.1234567Z", "a1", "news@shop.example", "alice@contoso.example", "Inbound", "Inbox/folder", "4", "Inbox/folder") + "\r\n"
                + ee("2026-11-12T08:30:00.1234567Z", "a1", "news@shop.example", "bob@contoso.example", "Inbound", "Inbox/folder", "4", "Deleted items") + "\r\n"
                + ee("2026-11-12T09:00:00Z", "a2", "Offers@Deals.example", "alice@contoso.example", "Inbound", "Junk folder", "7", "") + "\r\n"
                + ee("2026-11-12T09:05:00.5Z", "a3", "offers@deals.example", "carol@contoso.example", "Inbound", "Quarantine", "9", "Quarantine") + "\r\n"
                + ee("2026-11-12T09:06:00Z", "a4", "offers@deals.example", "dave@contoso.example", "Inbound", "Dropped", "9", "") + "\r\n"
                + ee("2026-11-12T10:00:00Z", "a5", "alice@contoso.example", "partner@fabrikam.example", "Outbound", "On-premises/external", "", "") + "\r\n"
                + ee("2026-11-12T10:01:00Z", "a6", "alice@contoso.example", "bob@contoso.example", "Intra-org", "Inbox/folder", "0", "") + "\r\n"
                + ee("2026-11-12T11:00:00Z", "a7", "friend@colleague.example", "bob@contoso.example", "Inbound", "Inbox/folder", "", "") + "\r\n"
                + ee("2026-11-12T23:59:59.9999999Z", "a8", "note@colleague.example", "bob@contoso.example", "Inbound", "Inbox/folder", "0", "") + "\r\n";
        Path f = writeBytes(dir, "EmailEvents.csv", utf8Bom(csv));

        ImportSummary s = run(cache, f);

        ImportSummary.FileResult r = s.files().get(0);
        assertThat(r.format()).isEqualTo("emailevents");
        assertThat(r.rows()).as("bulk messages imported").isEqualTo(6);
        assertThat(r.read()).isEqualTo(9);
        assertThat(r.passedOver()).as("outbound, intra-org, inbound without a BCL").isEqualTo(3);
        assertThat(r.alreadyImported()).isZero();
        assertThat(s.describe()).contains("EmailEvents.csv: 6 bulk messages imported (emailevents, 9 rows read; 3 passed over as "
                + "outbound or without a BCL; 0 counted already by an earlier import or an overlapping export)")
                .contains("Total: 6 bulk messages imported");
        BulkDataset d = load(cache);
        assertThat(bcl(d, "news@shop.example", 4)).isEqualTo(2);
        assertThat(delivered(d, "news@shop.example", Delivery.INBOX)).isEqualTo(1);
        assertThat(delivered(d, "news@shop.example", Delivery.DELETED)).as("LatestDeliveryLocation wins").isEqualTo(1);
        assertThat(delivered(d, "offers@deals.example", Delivery.JUNK)).as("empty LatestDeliveryLocation: DeliveryLocation").isEqualTo(1);
        assertThat(delivered(d, "offers@deals.example", Delivery.QUARANTINE)).isEqualTo(1);
        assertThat(delivered(d, "offers@deals.example", Delivery.UNKNOWN)).as("Dropped").isEqualTo(1);
        assertThat(bcl(d, "offers@deals.example", 9)).isEqualTo(2);
        assertThat(messages(d, "note@colleague.example")).as("BCL 0 is a message too, on its UTC day").isEqualTo(1);
        assertThat(d.indexOf("alice@contoso.example")).as("outbound and intra-org senders are no bulk senders").isEmpty();
        assertThat(d.indexOf("friend@colleague.example")).as("no BCL, never guessed").isEmpty();
        assertThat(new BulkStore(cache).summary(new DayWindow(MON.plusDays(3), MON.plusDays(3)), 7).perBcl())
                .containsExactly(1, 0, 0, 0, 2, 0, 0, 1, 0, 2);
    }

    @Test
    void headerNamesIgnoreCaseAndBlanksAndUtf16WithBomReadsAlike() throws Exception {
        String csv = "timestamp,Sender From Address,BULKCOMPLAINTLEVEL,email direction,Delivery Location,Recipient Email Address,"
                + "Network Message Id\r\n"
                + "2026-11-12T08:30:00Z,news@shop.example,5,Inbound,Junk folder,alice@contoso.example,m1\r\n";
        Path f = writeBytes(dir, "ee16.csv", utf16le(csv));

        assertThat(run(cache, f).files().get(0).format()).isEqualTo("emailevents");
        assertThat(delivered(load(cache), "news@shop.example", Delivery.JUNK)).isEqualTo(1);
    }

    private Path eeWeek(String name, int firstDay, int lastDay) throws Exception {
        // one message a day from Monday (day 0) on, to two recipients, each row as its own export has it
        StringBuilder sb = new StringBuilder(EE_HEADER).append("\r\n");
        for (int day = firstDay; day <= lastDay; day++) {
            String ts = MON.plusDays(day) + "T07:00:00.25Z";
            for (String rcpt : List.of("alice@contoso.example", "bob@contoso.example")) {
                sb.append(ee(ts, "msg-" + day, "news@shop.example", rcpt, "Inbound", "Inbox/folder", "6", "")).append("\r\n");
            }
        }
        return write(dir, name, sb.toString());
    }

    @Test
    void overlappingExportsMondayToWednesdayAndTuesdayToThursdayCountEachMessageOnce() throws Exception {
        Path monWed = eeWeek("mon-wed.csv", 0, 2);
        Path tueThu = eeWeek("tue-thu.csv", 1, 3);

        run(cache, monWed);
        ImportSummary second = run(cache, tueThu);

        ImportSummary.FileResult r = second.files().get(0);
        assertThat(r.status()).as("an overlapping export is read, not refused").isEqualTo(ImportSummary.Status.IMPORTED);
        assertThat(r.rows()).as("Thursday's two rows").isEqualTo(2);
        assertThat(r.alreadyImported()).as("Tuesday's and Wednesday's four rows").isEqualTo(4);
        assertThat(second.describe()).contains("tue-thu.csv: 2 bulk messages imported (emailevents, 6 rows read; 0 passed over as outbound "
                + "or without a BCL; 4 counted already by an earlier import or an overlapping export)");
        for (int day = 0; day <= 3; day++) {
            assertThat(messages(loadDay(cache, MON.plusDays(day)), "news@shop.example")).as("day " + day).isEqualTo(2);
        }
        assertThat(bcl(load(cache), "news@shop.example", 6)).isEqualTo(8);
    }

    @Test
    void bothOverlappingExportsInOneImportCountEachMessageOnceToo() throws Exception {
        run(cache, eeWeek("mon-wed.csv", 0, 2), eeWeek("tue-thu.csv", 1, 3));

        assertThat(bcl(load(cache), "news@shop.example", 6)).isEqualTo(8);
    }

    @Test
    void reimportingTheSameExportAddsNothingAndAReExportOfItsRowsAddsNothingEither() throws Exception {
        Path f = eeWeek("week.csv", 0, 2);
        run(cache, f);
        String after = dump(cache);

        ImportSummary again = run(cache, f);

        assertThat(again.files().get(0).status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
        assertThat(again.describe()).contains("week.csv: already imported, nothing added").contains("Total: 0 bulk messages imported");
        assertThat(dump(cache)).isEqualTo(after);

        // the same rows, exported again with a column more and a different order: other bytes, same messages
        StringBuilder sb = new StringBuilder("BulkComplaintLevel,RecipientEmailAddress,NetworkMessageId,SenderFromAddress,Timestamp,"
                + "EmailDirection,ReportId\n");
        for (int day = 2; day >= 0; day--) {
            for (String rcpt : List.of("bob@contoso.example", "ALICE@contoso.example")) {
                sb.append("6,").append(rcpt).append(",MSG-").append(day).append(",news@shop.example,").append(MON.plusDays(day))
                        .append("T07:00:00Z,Inbound,").append(day).append('\n');
            }
        }
        ImportSummary reExport = run(cache, write(dir, "re-export.csv", sb.toString()));

        assertThat(reExport.files().get(0).rows()).isZero();
        assertThat(reExport.files().get(0).alreadyImported()).isEqualTo(6);
        assertThat(bcl(load(cache), "news@shop.example", 6)).isEqualTo(6);
    }

    @Test
    void anExportWithoutMessageIdentitiesThatOverlapsAnEarlierOneIsRefusedLikeACanonicalCsv() throws Exception {
        String header = "Timestamp,SenderFromAddress,BulkComplaintLevel\n";
        String first = "2026-11-09T07:00:00Z,news@shop.example,6\n";
        run(cache, write(dir, "a.csv", header + first + "2026-11-10T07:00:00Z,news@shop.example,6\n"));

        BadInputException e = ImportTestKit.fails(cache, write(dir, "b.csv", header + first + "2026-11-11T07:00:00Z,news@shop.example,6\n"));

        assertThat(e.reason()).contains("begins with the same lines as a.csv").contains("count its rows twice");
    }

    /** What {@code Get-MailDetailATPReport | Export-Csv -Encoding Unicode} writes in Windows PowerShell 5.1 (English (United States)). */
    static byte[] atpExport(String... rows) {
        StringBuilder sb = new StringBuilder("#TYPE Deserialized.Microsoft.Exchange.Management.FfoReporting.MailDetailATPReport\r\n"
                + "\"Date\",\"MessageId\",\"MessageTraceId\",\"Domain\",\"Subject\",\"MessageSize\",\"Direction\",\"SenderAddress\","
                + "\"RecipientAddress\",\"EventType\",\"BulkComplaintLevel\",\"VerdictSource\",\"Action\",\"FileName\",\"MalwareName\"\r\n");
        for (String row : rows) {
            sb.append(row).append("\r\n");
        }
        return utf16le(sb.toString());
    }

    static String atp(String date, String messageId, String direction, String sender, String recipient, String eventType, String bcl,
                      String action) {
        List<String> cells = List.of(date, messageId, "1d2b3c4d-0000-4000-8000-" + Math.abs(messageId.hashCode()), "contoso.example",
                "Offer, today only", "10422", direction, sender, recipient, eventType, bcl, "Spam", action, "", "");
        List<String> quoted = new ArrayList<>();
        cells.forEach(c -> quoted.add("\"" + c.replace("\"", "\"\"") + "\""));
        return String.join(",", quoted);
    }

    @Test
    void mailDetailAtpExportCsvInUtf16WithItsTypeLineImportsInboundRowsWithABcl() throws Exception {
        Path f = writeBytes(dir, "atp.csv", atpExport(
                atp("11/12/2026 8:30:00 AM", "<m1@deals.example>", "Inbound", "offers@deals.example", "alice@contoso.example", "Bulk", "7",
                        "Moved to Junk Email folder"),
                atp("11/12/2026 8:30:00 AM", "<m1@deals.example>", "Inbound", "offers@deals.example", "alice@contoso.example",
                        "URL malicious reputation", "7", "Moved to Junk Email folder"),
                atp("11/12/2026 1:05:09 PM", "<m2@deals.example>", "Inbound", "offers@deals.example", "bob@contoso.example", "Bulk", "8",
                        "Quarantined"),
                atp("11/12/2026 11:59:59 PM", "<m3@deals.example>", "Inbound", "offers@deals.example", "carol@contoso.example",
                        "Advanced filter", "8", "Delete message"),
                atp("11/12/2026 12:00:01 AM", "<m4@shop.example>", "Inbound", "news@shop.example", "carol@contoso.example",
                        "Message passed", "3", "Delivered"),
                atp("11/12/2026 9:00:00 AM", "<r1@contoso.example>", "Outbound", "alice@contoso.example", "partner@fabrikam.example",
                        "Advanced filter", "", "Delivered"),
                atp("11/12/2026 9:10:00 AM", "<m5@shop.example>", "Inbound", "news@shop.example", "dave@contoso.example",
                        "Spoof DMARC", "", "Quarantined")));

        ImportSummary s = run(cache, f);

        ImportSummary.FileResult r = s.files().get(0);
        assertThat(r.format()).isEqualTo("maildetailatp");
        assertThat(r.rows()).isEqualTo(4);
        assertThat(r.passedOver()).as("outbound, and inbound without a BCL").isEqualTo(2);
        assertThat(r.alreadyImported()).as("m1 to alice, listed under a second detection").isEqualTo(1);
        BulkDataset d = loadDay(cache, LocalDate.of(2026, 11, 12));
        assertThat(delivered(d, "offers@deals.example", Delivery.JUNK)).isEqualTo(1);
        assertThat(delivered(d, "offers@deals.example", Delivery.QUARANTINE)).isEqualTo(1);
        assertThat(delivered(d, "offers@deals.example", Delivery.DELETED)).as("11:59:59 PM is still the 12th").isEqualTo(1);
        assertThat(delivered(d, "news@shop.example", Delivery.UNKNOWN)).as("Delivered does not say where").isEqualTo(1);
        assertThat(d.indexOf("alice@contoso.example")).isEmpty();
        assertThat(messages(loadDay(cache, LocalDate.of(2026, 11, 11)), "news@shop.example")).as("12:00:01 AM is not the 11th").isZero();
    }

    @Test
    void mailDetailAtpWithThePortalsDisplayNamesAndOverlappingPagesCountsEachMessageOnce() throws Exception {
        String header = "\"Date\",\"Sender Address\",\"Recipient Address\",\"Direction\",\"Bulk complaint level\",\"Message ID\","
                + "\"Event Type\",\"Action\"\r\n";
        Path page1 = write(dir, "page1.csv", header
                + "\"11/10/2026 10:00:00 AM\",\"news@shop.example\",\"alice@contoso.example\",\"Inbound\",\"5\",\"<n1@shop.example>\",\"Bulk\",\"Delivered\"\r\n"
                + "\"11/11/2026 10:00:00 AM\",\"news@shop.example\",\"alice@contoso.example\",\"Inbound\",\"5\",\"<n2@shop.example>\",\"Bulk\",\"Delivered\"\r\n");
        Path page2 = write(dir, "page2.csv", header
                + "\"11/11/2026 10:00:00 AM\",\"news@shop.example\",\"alice@contoso.example\",\"Inbound\",\"5\",\"n2@SHOP.example\",\"Bulk\",\"Delivered\"\r\n"
                + "\"11/12/2026 10:00:00 AM\",\"news@shop.example\",\"alice@contoso.example\",\"Inbound\",\"5\",\"<n3@shop.example>\",\"Bulk\",\"Delivered\"\r\n");

        ImportSummary s = run(cache, page1, page2);

        assertThat(s.files()).extracting(ImportSummary.FileResult::format).containsExactly("maildetailatp", "maildetailatp");
        assertThat(s.files().get(1).alreadyImported()).as("the same Message-ID, with or without angle brackets").isEqualTo(1);
        assertThat(bcl(load(cache), "news@shop.example", 5)).isEqualTo(3);
    }

    @Test
    void dayFirstDatesOfAnotherCultureAreReadDayFirstForTheWholeFile() throws Exception {
        // English (United Kingdom): the first rows could be either order; 13/11 proves the file day first
        String header = "\"Date\",\"SenderAddress\",\"RecipientAddress\",\"Direction\",\"BulkComplaintLevel\",\"MessageId\"\r\n";
        Path f = write(dir, "en-gb.csv", header
                + "\"05/11/2026 08:30:00\",\"news@shop.example\",\"a@contoso.example\",\"Inbound\",\"5\",\"<g1@shop.example>\"\r\n"
                + "\"12/11/2026 08:30:00\",\"news@shop.example\",\"a@contoso.example\",\"Inbound\",\"5\",\"<g2@shop.example>\"\r\n"
                + "\"13/11/2026 08:30:00\",\"news@shop.example\",\"a@contoso.example\",\"Inbound\",\"5\",\"<g3@shop.example>\"\r\n");

        run(cache, f);

        for (int day : new int[] {5, 12, 13}) {
            assertThat(messages(loadDay(cache, LocalDate.of(2026, 11, day)), "news@shop.example")).as("November " + day).isEqualTo(1);
        }
        assertThat(messages(loadDay(cache, LocalDate.of(2026, 5, 11)), "news@shop.example")).isZero();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-12T08:30:00.1234567Z
            2026-11-12T08:30:00Z
            2026-11-12 08:30:00
            2026-11-12T09:30:00.98+01:00
            11/12/2026 8:30:00 AM
            11/12/2026 08:30:00
            11/12/2026 6:41:25.321 PM
            11/12/2026, 8:30:00 am
            Nov 12, 2026 8:30:00 AM
            Nov 12, 2026 6:41:25.321 PM
            Nov 12, 2026 18:41:25
            November 12 2026 18:41:25.123
            12.11.2026 08:30:00
            11/12/2026
            """)
    void everyDateShapeOfTheExportsLandsOnItsUtcDay(String timestamp) throws Exception {
        Path f = write(dir, "shape.csv", "Timestamp,SenderFromAddress,BulkComplaintLevel\n\"" + timestamp + "\",news@shop.example,5\n");

        run(cache, f);

        assertThat(messages(loadDay(cache, LocalDate.of(2026, 11, 12)), "news@shop.example")).isEqualTo(1);
    }
}
