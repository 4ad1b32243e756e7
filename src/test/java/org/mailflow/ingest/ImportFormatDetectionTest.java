package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.bcl;
import static org.mailflow.ingest.ImportTestKit.delivered;
import static org.mailflow.ingest.ImportTestKit.event;
import static org.mailflow.ingest.ImportTestKit.fails;
import static org.mailflow.ingest.ImportTestKit.load;
import static org.mailflow.ingest.ImportTestKit.loadDay;
import static org.mailflow.ingest.ImportTestKit.messages;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.runAs;
import static org.mailflow.ingest.ImportTestKit.write;
import static org.mailflow.ingest.ImportTestKit.writeBytes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.bulk.Delivery;
import org.mailflow.bulk.FeedbackEvent;
import org.mailflow.cache.PolicyStore;

/** SPEC 5: canonical CSVs are recognised by their header, whatever its order, case, blanks or BOM. */
class ImportFormatDetectionTest extends WithCache {

    @Test
    void bulkHeaderInAnyOrderWithExtraColumnsIsDetectedAndValuesFollowTheirColumns() throws Exception {
        Path f = write(dir, "export.csv", """
                id,delivery,notes,bcl,recipient,count,sender,timestamp,extra
                17,junk,"hello, world",6,bob@corp.example,3,news@shop.example,2026-11-12T08:30:00Z,x
                18,inbox,,2,alice@corp.example,1,deals@shop.example,2026-11-12T09:00:00Z,y
                """);

        ImportSummary s = run(cache, f);

        assertThat(s.files()).singleElement().satisfies(r -> {
            assertThat(r.format()).isEqualTo("bulk");
            assertThat(r.status()).isEqualTo(ImportSummary.Status.IMPORTED);
            assertThat(r.rows()).isEqualTo(2);
        });
        BulkDataset d = load(cache);
        assertThat(bcl(d, "news@shop.example", 6)).isEqualTo(3);
        assertThat(delivered(d, "news@shop.example", Delivery.JUNK)).isEqualTo(3);
        assertThat(bcl(d, "deals@shop.example", 2)).isEqualTo(1);
        assertThat(delivered(d, "deals@shop.example", Delivery.INBOX)).isEqualTo(1);
        assertThat(d.indexOf("bob@corp.example")).as("recipient is not a sender").isEmpty();
    }

    @Test
    void headerNamesIgnoreCaseAndSurroundingBlanks() throws Exception {
        Path f = write(dir, "upper.csv", " TimeStamp ,SENDER, Bcl,Delivery  , Count\n"
                + "2026-11-12T08:30:00Z,a@x.example,4,inbox,2\n");

        ImportSummary s = run(cache, f);

        assertThat(s.files().get(0).format()).isEqualTo("bulk");
        assertThat(bcl(load(cache), "a@x.example", 4)).isEqualTo(2);
    }

    @Test
    void quotedHeaderNamesAreRecognised() throws Exception {
        Path f = write(dir, "quoted.csv", "\"timestamp\",\"sender\",\"event\"\n2026-11-12T08:30:00Z,a@x.example,user_blocked\n");

        assertThat(run(cache, f).files().get(0).format()).isEqualTo("events");
        assertThat(event(load(cache), "a@x.example", FeedbackEvent.USER_BLOCKED)).isEqualTo(1);
    }

    @Test
    void utf8ByteOrderMarkBeforeTheHeaderIsSkipped() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        b.write("timestamp,sender,bcl,delivery\r\n2026-11-12 08:30:00,bom@x.example,5,quarantine\r\n".getBytes(StandardCharsets.UTF_8));
        Path f = writeBytes(dir, "excel.csv", b.toByteArray());

        ImportSummary s = run(cache, f);

        assertThat(s.files().get(0).format()).isEqualTo("bulk");
        assertThat(s.rows()).isEqualTo(1);
        assertThat(delivered(load(cache), "bom@x.example", Delivery.QUARANTINE)).isEqualTo(1);
    }

    @Test
    void byteOrderMarkPlusBadRowStillReportsTheRightLine() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        b.write("timestamp,sender,bcl,delivery\n2026-11-12 08:30:00,a@x.example,5,inbox\n2026-11-12 08:30:00,a@x.example,15,inbox\n"
                .getBytes(StandardCharsets.UTF_8));
        Path f = writeBytes(dir, "bom-bad.csv", b.toByteArray());

        BadInputException e = fails(cache, f);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains("BCL 15");
    }

    @Test
    void eventsAllowBlockAndPoliciesAreDetected() throws Exception {
        Path events = write(dir, "a.csv", "sender,timestamp,event,count\nx@y.example,2026-11-12T08:30:00Z,fp_submission,2\n");
        Path allow = write(dir, "b.csv", "action,sender\nblock,spam@y.example\n");
        Path policies = write(dir, "c.csv", "bulk_threshold,name\n4,Marketing\n");

        ImportSummary s = run(cache, events, allow, policies);

        assertThat(s.files()).extracting(ImportSummary.FileResult::format).containsExactly("events", "allow-block", "policies");
        assertThat(event(load(cache), "x@y.example", FeedbackEvent.FP_SUBMISSION)).isEqualTo(2);
        assertThat(new org.mailflow.cache.AllowBlockStore(cache).all()).containsEntry("spam@y.example", org.mailflow.bulk.AdminSetting.BLOCK);
        assertThat(new PolicyStore(cache).all()).anySatisfy(p -> {
            assertThat(p.name()).isEqualTo("Marketing");
            assertThat(p.threshold()).isEqualTo(4);
        });
    }

    @Test
    void unknownHeaderIsRefusedOnItsLineWithTheExpectedHeaders() throws Exception {
        Path f = write(dir, "other.csv", "date,from,score\n2026-11-12,a@x.example,5\n");

        BadInputException e = fails(cache, f);

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.file()).isEqualTo(f);
        assertThat(e.reason()).contains("unknown header").contains("date,from,score").contains("timestamp,sender,bcl,delivery");
        assertThat(e.getMessage()).contains("other.csv").contains("line 1");
    }

    @Test
    void headerAfterBlankLinesIsFoundAndLaterLinesKeepTheirNumbers() throws Exception {
        Path f = write(dir, "blank-top.csv", "\n\n" + ImportTestKit.BULK_HEADER + "\n"
                + "2026-11-12T08:30:00Z,a@x.example,5,inbox,1\n"
                + "2026-11-12T08:30:00Z,a@x.example,5,nowhere,1\n");

        BadInputException e = fails(cache, f);

        assertThat(e.line()).isEqualTo(5);
        assertThat(e.reason()).contains("delivery \"nowhere\"");
    }

    @Test
    void formatOverrideWithAMissingColumnNamesTheColumn() throws Exception {
        Path f = write(dir, "bulk.csv", ImportTestKit.BULK_HEADER + "\n2026-11-12T08:30:00Z,a@x.example,5,inbox,1\n");

        String before = ImportTestKit.dump(cache);
        BadInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(BadInputException.class,
                () -> runAs(cache, ImportFormat.EVENTS, f));

        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.reason()).contains("events").contains("lacks event").doesNotContain("lacks timestamp");
        assertThat(ImportTestKit.dump(cache)).isEqualTo(before);
    }

    @Test
    void formatOverrideWinsOverDetection() throws Exception {
        // The header holds the columns of both bulk and events; detection would pick bulk.
        Path f = write(dir, "both.csv", "timestamp,sender,bcl,delivery,event\n2026-11-12T08:30:00Z,a@x.example,5,inbox,user_deleted\n");

        ImportSummary s = runAs(cache, ImportFormat.EVENTS, f);

        assertThat(s.files().get(0).format()).isEqualTo("events");
        BulkDataset d = load(cache);
        assertThat(event(d, "a@x.example", FeedbackEvent.USER_DELETED)).isEqualTo(1);
        assertThat(messages(d, "a@x.example")).isZero();
    }

    @Test
    void countAbsentMeansOne() throws Exception {
        Path f = write(dir, "nocount.csv", "timestamp,sender,bcl,delivery\n"
                + "2026-11-12T08:30:00Z,a@x.example,5,inbox\n"
                + "2026-11-12T09:30:00Z,a@x.example,5,inbox\n");

        run(cache, f);

        assertThat(bcl(load(cache), "a@x.example", 5)).isEqualTo(2);
    }

    @Test
    void countEmptyMeansOneAndBlanksAroundNumbersAreAccepted() throws Exception {
        Path f = write(dir, "emptycount.csv", ImportTestKit.BULK_HEADER + "\n"
                + "2026-11-12T08:30:00Z,a@x.example,5,inbox,\n"
                + "2026-11-12T08:30:00Z,a@x.example,5,inbox,\"\"\n"
                + "2026-11-12T08:30:00Z,a@x.example, 5 ,inbox, 4 \n");

        ImportSummary s = run(cache, f);

        assertThat(s.rows()).isEqualTo(3);
        assertThat(bcl(load(cache), "a@x.example", 5)).isEqualTo(6);
    }

    @Test
    void eventsCountAbsentOrEmptyMeansOne() throws Exception {
        Path f = write(dir, "ev.csv", "timestamp,sender,event,count\n"
                + "2026-11-12T08:30:00Z,a@x.example,user_allowed,\n"
                + "2026-11-12T08:30:00Z,a@x.example,user_allowed,5\n");

        run(cache, f);

        assertThat(event(load(cache), "a@x.example", FeedbackEvent.USER_ALLOWED)).isEqualTo(6);
    }

    @Test
    void everyEventTokenIsAccepted() throws Exception {
        StringBuilder sb = new StringBuilder("timestamp,sender,event\n");
        for (FeedbackEvent e : FeedbackEvent.values()) {
            sb.append("2026-11-12T08:30:00Z,a@x.example,").append(e.token()).append('\n');
        }
        Path f = write(dir, "allevents.csv", sb.toString());

        assertThat(run(cache, f).rows()).isEqualTo(FeedbackEvent.values().length);

        BulkDataset d = load(cache);
        for (FeedbackEvent e : FeedbackEvent.values()) {
            assertThat(event(d, "a@x.example", e)).as(e.token()).isEqualTo(1);
        }
    }

    @Test
    void everyDeliveryIsAccepted() throws Exception {
        Path f = write(dir, "deliveries.csv", "timestamp,sender,bcl,delivery\n"
                + "2026-11-12T08:30:00Z,a@x.example,1,inbox\n"
                + "2026-11-12T08:30:00Z,a@x.example,1,junk\n"
                + "2026-11-12T08:30:00Z,a@x.example,1,quarantine\n"
                + "2026-11-12T08:30:00Z,a@x.example,1,deleted\n"
                + "2026-11-12T08:30:00Z,a@x.example,1,unknown\n");

        run(cache, f);

        BulkDataset d = load(cache);
        for (Delivery where : Delivery.values()) {
            assertThat(delivered(d, "a@x.example", where)).as(where.token()).isEqualTo(1);
        }
        assertThat(bcl(d, "a@x.example", 1)).isEqualTo(5);
    }

    @Test
    void timestampsWithZOffsetAndPlainUtcFormLandOnTheirUtcDay() throws Exception {
        Path f = write(dir, "times.csv", "timestamp,sender,bcl,delivery\n"
                + "2026-11-12T08:30:00Z,z@x.example,3,inbox\n"
                // 00:30 at +01:00 is 23:30 UTC the day before
                + "2026-11-12T00:30:00+01:00,plus@x.example,3,inbox\n"
                // 23:30 at -05:00 is 04:30 UTC the day after
                + "2026-11-11T23:30:00-05:00,minus@x.example,3,inbox\n"
                + "2026-11-12 23:59:59,space@x.example,3,inbox\n"
                + "2026-11-12T08:30:00.123+0000,frac@x.example,3,inbox\n");

        assertThat(run(cache, f).rows()).isEqualTo(5);

        BulkDataset nov11 = loadDay(cache, LocalDate.of(2026, 11, 11));
        BulkDataset nov12 = loadDay(cache, LocalDate.of(2026, 11, 12));
        assertThat(messages(nov12, "z@x.example")).isEqualTo(1);
        assertThat(messages(nov11, "plus@x.example")).as("+01:00 just after midnight is the previous UTC day").isEqualTo(1);
        assertThat(messages(nov12, "plus@x.example")).isZero();
        assertThat(messages(nov12, "minus@x.example")).as("-05:00 late evening is the next UTC day").isEqualTo(1);
        assertThat(messages(nov11, "minus@x.example")).isZero();
        assertThat(messages(nov12, "space@x.example")).as("YYYY-MM-DD HH:MM:SS is UTC").isEqualTo(1);
        assertThat(messages(nov12, "frac@x.example")).isEqualTo(1);
    }

    @Test
    void crlfLineEndsAreReadAndLastValueHasNoCarriageReturn() throws Exception {
        Path f = write(dir, "crlf.csv", "timestamp,sender,bcl,delivery\r\n"
                + "2026-11-12T08:30:00Z,a@x.example,3,inbox\r\n"
                + "2026-11-12T08:30:00Z,a@x.example,3,junk\r\n"
                + "2026-11-12T08:30:00Z,a@x.example,3,bogus\r\n");

        BadInputException e = fails(cache, f);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.reason()).contains("\"bogus\"").doesNotContain("\r");

        Path good = write(dir, "crlf-good.csv", "timestamp,sender,bcl,delivery\r\n"
                + "2026-11-12T08:30:00Z,a@x.example,3,inbox\r\n"
                + "2026-11-12T08:30:00Z,a@x.example,3,junk");
        run(cache, good);
        BulkDataset d = load(cache);
        assertThat(delivered(d, "a@x.example", Delivery.INBOX)).isEqualTo(1);
        assertThat(delivered(d, "a@x.example", Delivery.JUNK)).isEqualTo(1);
    }

    @Test
    void quotedFieldsWithCommasAndNewlinesKeepLaterLineNumbersRight() throws Exception {
        Path f = write(dir, "quoted.csv", """
                timestamp,sender,bcl,delivery,recipient
                2026-11-12T08:00:00Z,a@x.example,5,inbox,"Smith, John <john@corp.example>"
                2026-11-12T08:00:00Z,b@x.example,5,inbox,"first line
                second line
                third line"

                2026-11-12T08:00:00Z,"c@x.example",5,"inbox",r
                2026-11-12T08:00:00Z,d@x.example,12,inbox,r
                """);

        BadInputException e = fails(cache, f);

        assertThat(e.line()).as("physical line of the BCL 12 row").isEqualTo(8);
        assertThat(e.reason()).contains("BCL 12");
    }

    @Test
    void quotedFieldsWithCommasAndNewlinesAreImported() throws Exception {
        Path f = write(dir, "quoted-good.csv", "timestamp,sender,bcl,delivery,recipient\r\n"
                + "2026-11-12T08:00:00Z,a@x.example,5,inbox,\"Smith, John\"\r\n"
                + "2026-11-12T08:00:00Z,a@x.example,5,inbox,\"x\r\ny\"\r\n"
                + "2026-11-12T08:00:00Z,\"b@x.example\",7,\"junk\",\"a \"\"quoted\"\" name\"\r\n");

        assertThat(run(cache, f).rows()).isEqualTo(3);

        BulkDataset d = load(cache);
        assertThat(bcl(d, "a@x.example", 5)).isEqualTo(2);
        assertThat(delivered(d, "b@x.example", Delivery.JUNK)).isEqualTo(1);
    }

    @Test
    void blankAndWhitespaceOnlyLinesArePassedOver() throws Exception {
        Path f = write(dir, "blanks.csv", "timestamp,sender,bcl,delivery\n\n"
                + "2026-11-12T08:00:00Z,a@x.example,5,inbox\n"
                + "   \n"
                + "\n"
                + "2026-11-12T08:00:00Z,a@x.example,5,inbox\n\n\n");

        ImportSummary s = run(cache, f);

        assertThat(s.rows()).isEqualTo(2);
        assertThat(s.badRows()).isZero();
        assertThat(bcl(load(cache), "a@x.example", 5)).isEqualTo(2);
    }

    @Test
    void senderAddressesAreLowerCasedAndTrimmedIntoOneSender() throws Exception {
        Path f = write(dir, "case.csv", "timestamp,sender,bcl,delivery\n"
                + "2026-11-12T08:00:00Z,News@X.example,5,inbox\n"
                + "2026-11-12T08:00:00Z,news@x.example,5,inbox\n"
                + "2026-11-12T08:00:00Z,  NEWS@x.EXAMPLE  ,5,junk\n"
                + "2026-11-12T08:00:00Z,\" news@x.example\",5,inbox\n");
        Path events = write(dir, "case-ev.csv", "timestamp,sender,event\n2026-11-12T08:00:00Z, News@X.Example ,user_blocked\n");

        run(cache, f, events);

        BulkDataset d = load(cache);
        assertThat(d.size()).as("one sender").isEqualTo(1);
        assertThat(d.address(0)).isEqualTo("news@x.example");
        assertThat(messages(d, "news@x.example")).isEqualTo(4);
        assertThat(event(d, "news@x.example", FeedbackEvent.USER_BLOCKED)).isEqualTo(1);
    }

    @Test
    void deliveryEventAndActionTokensIgnoreCase() throws Exception {
        Path f = write(dir, "tokens.csv", "timestamp,sender,bcl,delivery\n2026-11-12T08:00:00Z,a@x.example,5,Junk\n");
        Path ev = write(dir, "tokens-ev.csv", "timestamp,sender,event\n2026-11-12T08:00:00Z,a@x.example,USER_Blocked\n");

        run(cache, f, ev);

        BulkDataset d = load(cache);
        assertThat(delivered(d, "a@x.example", Delivery.JUNK)).isEqualTo(1);
        assertThat(event(d, "a@x.example", FeedbackEvent.USER_BLOCKED)).isEqualTo(1);
    }

    @Test
    void aForcedMicrosoftFormatNamesTheRequiredColumnItsHeaderLacks() throws Exception {
        Path f = write(dir, "ee.csv", "Timestamp,SenderFromAddress,RecipientEmailAddress\n2026-11-12T08:30:00Z,a@x.example,b@y.example\n");

        String before = ImportTestKit.dump(cache);
        BadInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(BadInputException.class,
                () -> runAs(cache, ImportFormat.EMAIL_EVENTS, f));

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.reason()).contains("a emailevents CSV needs the columns Timestamp,SenderFromAddress,BulkComplaintLevel")
                .contains("this header lacks BulkComplaintLevel");
        assertThat(ImportTestKit.dump(cache)).isEqualTo(before);
    }

    @Test
    void aHeaderThatIsClearlyAnEmailEventsExportButLacksARequiredColumnNamesIt() throws Exception {
        // a query that projected the columns it wanted and left BulkComplaintLevel out
        Path f = write(dir, "hunt.csv", "Timestamp,NetworkMessageId,SenderFromAddress,RecipientEmailAddress,EmailDirection\n"
                + "2026-11-12T08:30:00Z,m1,a@x.example,b@y.example,Inbound\n");

        BadInputException e = fails(cache, f);

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.reason()).startsWith("this header is that of a Defender Advanced hunting EmailEvents export (emailevents) but lacks "
                + "the column BulkComplaintLevel; expected Timestamp,SenderFromAddress,BulkComplaintLevel[,EmailDirection]");
    }

    @Test
    void aHeaderThatIsClearlyAMailDetailAtpExportButLacksRequiredColumnsNamesThem() throws Exception {
        Path f = write(dir, "atp.csv", "\"MessageTraceId\",\"Sender Address\",\"Recipient Address\",\"Event Type\"\n\"g\",\"a@x.example\",\"b@y.example\",\"Bulk\"\n");

        BadInputException e = fails(cache, f);

        assertThat(e.reason()).contains("that of a Get-MailDetailATPReport export (maildetailatp) but lacks the columns Date, BulkComplaintLevel");
    }

    @Test
    void aCanonicalCsvWrittenByExportCsvWithItsTypeLineIsRead() throws Exception {
        // Windows PowerShell 5.1: a #TYPE line first, every value quoted, CRLF
        String type = "#TYPE System.Management.Automation.PSCustomObject\r\n\"timestamp\",\"sender\",\"bcl\",\"delivery\"\r\n";
        Path first = write(dir, "week1.csv", type + "\"2026-11-02 08:30:00\",\"a@x.example\",\"5\",\"inbox\"\r\n");
        Path second = write(dir, "week2.csv", type + "\"2026-11-09 08:30:00\",\"a@x.example\",\"5\",\"junk\"\r\n");

        ImportSummary s = run(cache, first, second);

        assertThat(s.files()).extracting(ImportSummary.FileResult::format).containsExactly("bulk", "bulk");
        assertThat(s.files().get(1).status()).as("the same #TYPE line and header do not make two files overlap")
                .isEqualTo(ImportSummary.Status.IMPORTED);
        assertThat(delivered(load(cache), "a@x.example", Delivery.JUNK)).isEqualTo(1);
        // the same rows and more, written by a Select-Object pipeline (another #TYPE): an overlapping copy
        BadInputException e = fails(cache, write(dir, "week1-again.csv", type.replace("#TYPE ", "#TYPE Selected.")
                + "\"2026-11-02 08:30:00\",\"a@x.example\",\"5\",\"inbox\"\r\n\"2026-11-03 08:30:00\",\"a@x.example\",\"5\",\"junk\"\r\n"));
        assertThat(e.reason()).as("header and first row are still compared").contains("begins with the same lines as week1.csv");
    }

    @Test
    void microsoftExportsInAFolderAreFoundByTheirHeaderBehindATypeLine() throws Exception {
        Path folder = java.nio.file.Files.createDirectories(dir.resolve("exports"));
        writeBytes(folder, "atp.csv", MicrosoftExportsImportTest.atpExport(MicrosoftExportsImportTest.atp("11/12/2026 8:30:00 AM",
                "<m1@x.example>", "Inbound", "news@shop.example", "a@contoso.example", "Bulk", "5", "Delivered")));
        write(folder, "ee.csv", "Timestamp,SenderFromAddress,BulkComplaintLevel\n2026-11-12T08:30:00Z,deals@shop.example,6\n");
        write(folder, "notes.csv", "when,what\nnow,nothing\n");

        ImportSummary s = run(cache, folder);

        assertThat(s.files()).extracting(ImportSummary.FileResult::format).containsExactlyInAnyOrder("maildetailatp", "emailevents", null);
        assertThat(bcl(load(cache), "news@shop.example", 5)).isEqualTo(1);
        assertThat(bcl(load(cache), "deals@shop.example", 6)).isEqualTo(1);
    }

    @Test
    void formatTokensAreThoseOfTheCommandLine() {
        assertThat(ImportFormat.ofToken("allow-block")).contains(ImportFormat.ALLOW_BLOCK);
        assertThat(ImportFormat.ofToken(" Bulk ")).contains(ImportFormat.BULK);
        assertThat(ImportFormat.ofToken("smtp")).isEqualTo(Optional.empty());
        assertThat(ImportFormat.ofToken("EmailEvents")).contains(ImportFormat.EMAIL_EVENTS);
        assertThat(ImportFormat.ofToken("MailDetailATP")).contains(ImportFormat.MAIL_DETAIL_ATP);
        assertThat(ImportFormat.ofToken("auth-failures")).contains(ImportFormat.AUTH_FAILURES);
    }
}
