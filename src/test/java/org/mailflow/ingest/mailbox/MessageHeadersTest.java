package org.mailflow.ingest.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.mailflow.bulk.Delivery;
import org.mailflow.bulk.FeedbackEvent;

class MessageHeadersTest {
    private static final long FILE_TIME = OffsetDateTime.parse("2026-11-30T00:00:00Z").toEpochSecond();

    private static MessageHeaders headers(String text) {
        return MessageHeaders.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MailboxMessage message(String folder, String text) {
        return MailboxMessage.of(folder, headers(text), FILE_TIME, () -> MessageDay.NONE);
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
        MessageHeaders infoOnly = headers("X-Microsoft-Antispam-Message-Info: BCL:9;abc\n"
                + "X-Microsoft-Antispam-Message-Info-Original: BCL:8;abc\n\n");
        assertThat(infoOnly.hasBcl()).isFalse();
        assertThat(infoOnly.bcl()).isEmpty();
    }

    @Test
    void untrustedVariantsAreReadWhenThePlainHeadersAreMissing() {
        MessageHeaders h = headers("X-Microsoft-Antispam-Untrusted: BCL:6;ARA:13230040|366016;\n"
                + "X-Forefront-Antispam-Report-Untrusted: CIP:255.255.255.255;CTRY:;LANG:en;SCL:5;SRV:BULK;IPV:NLI;SFV:SFE;CAT:BULK;\n\n");
        assertThat(h.bcl()).hasValue(6);
        assertThat(h.sfv()).contains("SFE");
        assertThat(h.scl()).hasValue(5);
        assertThat(h.bulkCategory()).isTrue();
    }

    @Test
    void plainHeadersWinOverUntrustedOnesWholly() {
        MessageHeaders h = headers("X-Microsoft-Antispam-Untrusted: BCL:0;ARA:1;\n"
                + "X-Forefront-Antispam-Report-Untrusted: SCL:1;SFV:NSPM;CAT:BULK;\n"
                + "X-Microsoft-Antispam: BCL:7;ARA:2;\n"
                + "X-Forefront-Antispam-Report: CIP:203.0.113.5;SCL:6;SFV:SPM;\n\n");
        assertThat(h.bcl()).hasValue(7);
        assertThat(h.sfv()).contains("SPM");
        assertThat(h.scl()).hasValue(6);
        assertThat(h.bulkCategory()).as("CAT:BULK of the other tenant is not mixed in").isFalse();
    }

    @Test
    void mailboxDeliveryDestAndOrganizationSclAreRead() {
        MessageHeaders h = headers("X-Microsoft-Antispam-Mailbox-Delivery:\n\tucf:0;jmr:0;auth:0;dest:j;OFR:SpamFilterAuthJ;"
                + "ENG:(910001)(944506478)(944626604)(920097)(425001)(930097);RF:JunkEmail;\nX-MS-Exchange-Organization-SCL: -1\n\n");
        assertThat(h.mailboxDest()).contains("J");
        assertThat(h.organizationScl()).hasValue(-1);
        assertThat(headers("Subject: x\n\n").mailboxDest()).isEmpty();
        assertThat(headers("X-MS-Exchange-Organization-SCL: high\n\n").organizationScl()).isEmpty();
    }

    @Test
    void receivedStampsAreTheDatesAfterTheLastSemicolon() {
        MessageHeaders h = headers("Received: from a.example (10.0.0.1) by b.example with SMTP id 7; Thu, 12 Nov 2026 08:31:02 +0000\n"
                + "Received: from c.example by a.example; (envelope-from <x@c.example>);\n Thu, 12 Nov 2026 10:31:02 +0100 (CET)\n"
                + "Received: by c.example; garbage\n\n");
        assertThat(h.newestReceivedEpochSecond()).isEqualTo(OffsetDateTime.parse("2026-11-12T09:31:02Z").toEpochSecond());
        assertThat(headers("Subject: x\n\n").newestReceivedEpochSecond()).isEqualTo(Rfc5322Date.UNREADABLE);
    }

    @Test
    void anOversizedHeaderIsReadAndDroppedAndWhereItBeganIsKept() throws Exception {
        String big = "X-Junk: " + "y".repeat(MessageHeaders.MAX_HEADER_BYTES + 10) + "\n";
        byte[] text = ("Return-Path: <a@x.example>\n" + big + "From: a@x.example\n\nbody\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayInputStream raw = new ByteArrayInputStream(text);
        MessageHeaders h = MessageHeaders.parse(new BufferedInputStream(raw));
        assertThat(h.cutAtLine()).isEqualTo(2);
        assertThat(h.all()).extracting(MessageHeaders.Header::name).containsExactly("Return-Path");
        assertThat(headers("From: a@x.example\n\n").cutAtLine()).isZero();
    }

    @Test
    void messageWithoutBclIsSkippedNotGuessed() {
        MailboxMessage m = message("Inbox", "From: a@x.example\nX-Forefront-Antispam-Report: SFV:BULK;CAT:BULK\n\n");
        assertThat(m.status()).isEqualTo(MailboxMessage.Status.SKIPPED);
        assertThat(message("Inbox", "From: a@x.example\nX-Microsoft-Antispam: BCL:12;\n\n").status())
                .isEqualTo(MailboxMessage.Status.MALFORMED);
    }

    @Test
    void messageWithBclButNoAddressIsMalformedWithTheReason() {
        MailboxMessage m = message("Inbox", "From: =?utf-8?B?UGF5UGFs?=\nX-Microsoft-Antispam: BCL:5;\n\n");
        assertThat(m.status()).isEqualTo(MailboxMessage.Status.MALFORMED);
        assertThat(m.reason()).contains("From: holds no address").contains("=?utf-8?B?UGF5UGFs?=");
        assertThat(message("Inbox", "X-Microsoft-Antispam: BCL:5;\n\n").reason()).isEqualTo("no From: header");
    }

    @Test
    void messageWithBclIsReadWithSenderDeliveryDateAndFeedback() {
        MailboxMessage m = message("Archive", "From: =?UTF-8?Q?Shop?= <Deals@Shop.example>\n"
                + "Date: Thu, 12 Nov 2026 08:30:00 +0000\nX-Microsoft-Antispam: BCL:8;\n"
                + "X-Forefront-Antispam-Report: SFV:BLK;SCL:6;CAT:BULK\n\n");
        assertThat(m.status()).isEqualTo(MailboxMessage.Status.BULK);
        assertThat(m.sender()).isEqualTo("deals@shop.example");
        assertThat(m.bcl()).isEqualTo(8);
        assertThat(m.delivery()).isEqualTo(Delivery.JUNK);
        assertThat(m.epochSecond()).isEqualTo(OffsetDateTime.parse("2026-11-12T08:30:00Z").toEpochSecond());
        assertThat(m.dateSetAside()).isFalse();
        assertThat(m.feedback()).isEqualTo(FeedbackEvent.USER_BLOCKED);
    }

    @Test
    void safeSendersAreUserAllowedAndOtherVerdictsNoFeedback() {
        assertThat(MailboxMessage.feedbackOf(headers("X-Forefront-Antispam-Report-Untrusted: SCL:-1;SFV:SFE;\n\n")))
                .isEqualTo(FeedbackEvent.USER_ALLOWED);
        assertThat(MailboxMessage.feedbackOf(headers("X-Forefront-Antispam-Report: SCL:1;SFV:NSPM;\n\n"))).isNull();
        assertThat(MailboxMessage.feedbackOf(headers("X-Forefront-Antispam-Report: SCL:9;SFV:SPM;\n\n"))).isNull();
        assertThat(MailboxMessage.feedbackOf(headers("Subject: x\n\n"))).isNull();
    }
}
