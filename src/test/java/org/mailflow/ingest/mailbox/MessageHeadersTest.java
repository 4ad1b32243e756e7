package org.mailflow.ingest.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.mailflow.bulk.Delivery;

class MessageHeadersTest {
    private static MessageHeaders headers(String text) {
        return MessageHeaders.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void foldedHeadersAreUnfolded() {
        MessageHeaders h = headers("Subject: a long\r\n subject\r\nX-Microsoft-Antispam: BCL:4;\r\n\tARA:1;\r\n\r\nbody: x\r\n");
        assertThat(h.first("Subject")).contains("a long subject");
        assertThat(h.bcl()).hasValue(4);
        assertThat(h.first("body")).isEmpty();
    }

    @Test
    void parsingStopsAtTheBlankLineLeavingTheBodyUnread() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream("From: a@x.example\n\nbody\n".getBytes(StandardCharsets.UTF_8));
        MessageHeaders.parse(in);
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("body\n");
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        MessageHeaders h = headers("x-microsoft-antispam: bcl:7;\nFROM: A@X.example\nx-forefront-antispam-report: sfv:spm;scl:9\n\n");
        assertThat(h.bcl()).hasValue(7);
        assertThat(h.fromAddress()).contains("a@x.example");
        assertThat(h.sfv()).contains("SPM");
        assertThat(h.scl()).hasValue(9);
    }

    @Test
    void antispamMessageInfoIsNotTakenForTheBcl() {
        MessageHeaders h = headers("X-Microsoft-Antispam-Message-Info: BCL:9;abc\nX-Microsoft-Antispam: ARA:1;BCL:2;\n\n");
        assertThat(h.bcl()).hasValue(2);
        MessageHeaders infoOnly = headers("X-Microsoft-Antispam-Message-Info: BCL:9;abc\n\n");
        assertThat(infoOnly.hasBcl()).isFalse();
        assertThat(infoOnly.bcl()).isEmpty();
    }

    @Test
    void rfc2047DisplayNamesAreDecodedAndTheAddressTakenFromAngleBrackets() {
        MessageHeaders b64 = headers("From: =?UTF-8?B?SsO8cmdlbg==?= =?UTF-8?B?IE3DvGxsZXI=?= <Juergen@X.example>\n\n");
        assertThat(b64.fromDisplayName()).contains("Jürgen Müller");
        assertThat(b64.fromAddress()).contains("juergen@x.example");
        MessageHeaders q = headers("From: \"=?ISO-8859-1?Q?Fran=E7ois_Dupont?=\" <f@y.example>, other@z.example\n\n");
        assertThat(q.fromDisplayName()).contains("François Dupont");
        assertThat(q.fromAddress()).contains("f@y.example");
        MessageHeaders bare = headers("From: News@Bulk.example (Newsletter)\n\n");
        assertThat(bare.fromAddress()).contains("news@bulk.example");
        assertThat(headers("From: \"a, b\" <ab@x.example>\n\n").fromAddress()).contains("ab@x.example");
    }

    @Test
    void rfc5322DateIsReadWithOffsetAndComment() {
        assertThat(headers("Date: Thu, 12 Nov 2026 08:30:00 +0100 (CET)\n\n").dateEpochSecond())
                .hasValue(OffsetDateTime.parse("2026-11-12T07:30:00Z").toEpochSecond());
        assertThat(headers("Date: 12 Nov 2026 08:30 GMT\n\n").dateEpochSecond())
                .hasValue(OffsetDateTime.parse("2026-11-12T08:30:00Z").toEpochSecond());
        assertThat(headers("Date: yesterday\n\n").dateEpochSecond()).isEmpty();
    }

    @Test
    void forefrontBulkCategoryIsRecognised() {
        assertThat(headers("X-Forefront-Antispam-Report: CIP:1.2.3.4;SCL:1;SRV:BULK;SFV:NSPM;CAT:NONE\n\n").bulkCategory()).isTrue();
        assertThat(headers("X-Forefront-Antispam-Report: SCL:1;CAT:BULK;\n\n").bulkCategory()).isTrue();
        assertThat(headers("X-Forefront-Antispam-Report: SCL:1;CAT:NONE;SRV:;\n\n").bulkCategory()).isFalse();
    }

    @Test
    void deliveryComesFromTheFolderFirst() {
        MessageHeaders spam = headers("X-Forefront-Antispam-Report: SFV:SPM;SCL:9\n\n");
        assertThat(MailboxDelivery.delivery("Inbox", spam)).isEqualTo(Delivery.INBOX);
        assertThat(MailboxDelivery.delivery("INBOX", spam)).isEqualTo(Delivery.INBOX);
        MessageHeaders clean = headers("X-Forefront-Antispam-Report: SFV:NSPM;SCL:1\n\n");
        assertThat(MailboxDelivery.delivery("Junk Email", clean)).isEqualTo(Delivery.JUNK);
        assertThat(MailboxDelivery.delivery("junk", clean)).isEqualTo(Delivery.JUNK);
        assertThat(MailboxDelivery.delivery("Spam", clean)).isEqualTo(Delivery.JUNK);
        assertThat(MailboxDelivery.delivery(".Junk", clean)).isEqualTo(Delivery.JUNK);
        assertThat(MailboxDelivery.delivery("[Gmail]/Spam", clean)).isEqualTo(Delivery.JUNK);
        assertThat(MailboxDelivery.delivery("quarantine", clean)).isEqualTo(Delivery.QUARANTINE);
    }

    @Test
    void otherwiseDeliveryComesFromSfvAndScl() {
        assertThat(MailboxDelivery.delivery("Archive", headers("X-Forefront-Antispam-Report: SFV:SPM;SCL:1\n\n")))
                .isEqualTo(Delivery.JUNK);
        assertThat(MailboxDelivery.delivery("Archive", headers("X-Forefront-Antispam-Report: SFV:BULK;SCL:1\n\n")))
                .isEqualTo(Delivery.JUNK);
        assertThat(MailboxDelivery.delivery("Archive", headers("X-Forefront-Antispam-Report: SFV:NSPM;SCL:5\n\n")))
                .isEqualTo(Delivery.JUNK);
        assertThat(MailboxDelivery.delivery(null, headers("X-Forefront-Antispam-Report: SFV:NSPM;SCL:4;CAT:BULK\n\n")))
                .isEqualTo(Delivery.INBOX);
        assertThat(MailboxDelivery.delivery("Archive", headers("Subject: x\n\n"))).isEqualTo(Delivery.INBOX);
    }

    @Test
    void messageWithoutBclIsSkippedNotGuessed() {
        MailboxMessage m = MailboxMessage.of("Inbox", headers("From: a@x.example\nX-Forefront-Antispam-Report: SFV:BULK;CAT:BULK\n\n"));
        assertThat(m.status()).isEqualTo(MailboxMessage.Status.SKIPPED);
        assertThat(MailboxMessage.of("Inbox", headers("From: a@x.example\nX-Microsoft-Antispam: BCL:12;\n\n")).status())
                .isEqualTo(MailboxMessage.Status.MALFORMED);
    }

    @Test
    void messageWithBclIsReadWithSenderDeliveryAndDate() {
        MailboxMessage m = MailboxMessage.of("Archive", headers("From: =?UTF-8?Q?Shop?= <Deals@Shop.example>\n"
                + "Date: Thu, 12 Nov 2026 08:30:00 +0000\nX-Microsoft-Antispam: BCL:8;\n"
                + "X-Forefront-Antispam-Report: SFV:BULK;SCL:6;CAT:BULK\n\n"));
        assertThat(m.status()).isEqualTo(MailboxMessage.Status.BULK);
        assertThat(m.sender()).isEqualTo("deals@shop.example");
        assertThat(m.bcl()).isEqualTo(8);
        assertThat(m.delivery()).isEqualTo(Delivery.JUNK);
        assertThat(m.epochSecond()).isEqualTo(OffsetDateTime.parse("2026-11-12T08:30:00Z").toEpochSecond());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Thu, 12 Nov 2026 08:30:00 +0000", "12 Nov 2026 08:30 +0100",
        "Mon,  2 Nov 2026 23:59:59 -0930 (PST)", "Tue, 29 Feb 2028 00:00:00 +1400", "Mon, 1 Jan 2024 00:00:01 -0000"})
    void theFastDateReaderAgreesWithTheGeneralParser(String date) {
        long general = java.time.ZonedDateTime.parse(date.replaceAll("\\s*\\(.*\\)$", "").replaceAll("\\s+", " ").strip(),
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        assertThat(MessageHeaders.fastDate(date)).isEqualTo(general);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Thu, 12 Nov 2026 08:30:00 GMT", "12 Nov 26 08:30 +0000",
        "31 Feb 2026 08:30 +0000", "12 Nov 2026 08:30:00 +0000 junk", "yesterday", "12 Nov 2026 25:00:00 +0000"})
    void otherShapesAreLeftToTheGeneralParser(String date) {
        assertThat(MessageHeaders.fastDate(date)).isEqualTo(Long.MIN_VALUE);
    }
}
