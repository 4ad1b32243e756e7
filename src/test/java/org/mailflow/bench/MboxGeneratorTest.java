package org.mailflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailflow.bulk.FeedbackEvent;
import org.mailflow.ingest.mailbox.MailboxMessage;
import org.mailflow.ingest.mailbox.MboxSplitter;
import org.mailflow.ingest.mailbox.MessageDay;
import org.mailflow.ingest.mailbox.MessageHeaders;

/** The benchmark's mbox: the same per seed, and read by the mailbox classes as exactly the messages the generator wrote. */
class MboxGeneratorTest {
    private static final long SIZE = 16L << 20;
    /** After every message of the mbox: a file time that sets no plausible Date: aside. */
    private static final long FILE_TIME = MboxGenerator.DEFAULT_START.toEpochSecond(java.time.ZoneOffset.UTC) + 60L * 86_400;
    private static final long START = MboxGenerator.DEFAULT_START.toEpochSecond(java.time.ZoneOffset.UTC);

    private static MboxGenerator.Result result;
    private static byte[] bytes;
    private static List<MessageHeaders> headers;

    @BeforeAll
    static void generate() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result = new MboxGenerator(42).write(out, SIZE);
        bytes = out.toByteArray();
        headers = new ArrayList<>();
        MboxSplitter splitter = new MboxSplitter(new ByteArrayInputStream(bytes));
        for (MboxSplitter.Message m = splitter.next(); m != null; m = splitter.next()) {
            headers.add(MessageHeaders.parse(m.headers()));
        }
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOthers() throws Exception {
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(new MboxGenerator(42).write(again, SIZE)).isEqualTo(result);
        assertThat(again.toByteArray()).isEqualTo(bytes);
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        new MboxGenerator(43).write(other, SIZE);
        assertThat(other.toByteArray()).isNotEqualTo(bytes);
    }

    @Test
    void theSplitterFindsEveryMessageAndTheHeadersEveryBcl() {
        assertThat(result.bytes()).isEqualTo(bytes.length).isGreaterThanOrEqualTo(SIZE);
        assertThat(headers).hasSize((int) result.messages());
        assertThat(headers.stream().filter(MessageHeaders::hasBcl).count()).isEqualTo(result.messagesWithBcl());
        assertThat(result.messagesWithBcl()).isLessThan(result.messages()).isGreaterThan(result.messages() * 8 / 10);
        long bulk = 0;
        long malformed = 0;
        long setAside = 0;
        long allowed = 0;
        long blocked = 0;
        for (MessageHeaders h : headers) {
            MailboxMessage m = MailboxMessage.of("mbox-folder", h, FILE_TIME, () -> MessageDay.NONE);
            if (m.status() == MailboxMessage.Status.MALFORMED) {
                malformed++;
                assertThat(m.reason()).startsWith("From: holds no address");
            }
            if (m.status() == MailboxMessage.Status.BULK) {
                bulk++;
                assertThat(m.sender()).contains("@").endsWith(".example").doesNotContain(" ", "\"", "<", "(");
                setAside += m.dateSetAside() ? 1 : 0;
                allowed += m.feedback() == FeedbackEvent.USER_ALLOWED ? 1 : 0;
                blocked += m.feedback() == FeedbackEvent.USER_BLOCKED ? 1 : 0;
                assertThat(m.epochSecond()).as("dated by Date: or Received:, never by the file")
                        .isBetween(START, START + 30L * 86_400);
            }
            assertThat(h.all("X-Microsoft-Antispam-Message-Info")).hasSize(1);
            assertThat(h.first("Received")).isPresent();
        }
        assertThat(malformed).isEqualTo(result.messagesWithoutSender()).isPositive();
        assertThat(bulk).isEqualTo(result.messagesWithBcl() - result.messagesWithoutSender());
        assertThat(setAside).isEqualTo(result.forgedDates()).isPositive();
        assertThat(allowed).isEqualTo(result.safeSenders()).isPositive();
        assertThat(blocked).isEqualTo(result.blockedSenders()).isPositive();
        // Internal mail whose only BCL is under the -Untrusted name counts (SPEC 5), and so does Outlook.com mail.
        assertThat(headers).anyMatch(h -> h.hasBcl() && h.all("X-Microsoft-Antispam").isEmpty()
                && h.first("X-Microsoft-Antispam-Untrusted").isPresent());
        assertThat(headers).anyMatch(h -> !h.hasBcl());
    }

    @Test
    void theNewShapesAreThereAsExchangeAndSpamWriteThem() {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("\nX-Microsoft-Antispam-Untrusted: BCL:", "\nX-Forefront-Antispam-Report-Untrusted:\n\tCIP:",
                "dest:J;OFR:SpamFilterAuthJ;ENG:(910001)", ";RF:JunkEmail;", "dest:C;OFR:CustomRules;", "dest:I;ENG:",
                ";SFV:SFE;", ";SFV:BLK;", " , <", "\", <", ".example (", "> (", "Date: Thu, 01 Jan 1970 00:00:00 +0000\n", " 2037 ");
        // Both the plain and the -Untrusted verdicts in one message, the plain one different and winning.
        assertThat(headers).anyMatch(h -> h.first("X-Microsoft-Antispam-Untrusted").orElse("").startsWith("BCL:0;")
                && h.first("X-Microsoft-Antispam").orElse("").startsWith("BCL:") && h.bcl().orElse(0) > 0);
    }

    @Test
    void headersLookLikeExchangeOnlineMail() {
        assertThat(headers.stream().map(h -> h.bcl().orElse(-1)).distinct()).contains(0, 4, 5, 6, 7, 8, 9);
        assertThat(headers).anyMatch(h -> h.bcl().orElse(0) >= 1 && h.bcl().orElse(0) <= 3);
        assertThat(headers).anyMatch(h -> h.sfv().orElse("").equals("BULK") && h.scl().orElse(0) >= 5);
        assertThat(headers).anyMatch(h -> h.sfv().orElse("").equals("NSPM") && h.bulkCategory());
        assertThat(headers).anyMatch(h -> h.mailboxDest().orElse("").equals("J"));
        assertThat(headers).anyMatch(h -> h.organizationScl().orElse(0) == -1);
        assertThat(headers).anyMatch(h -> h.fromDisplayName().orElse("").chars().anyMatch(c -> c > 127));
        assertThat(headers).anyMatch(h -> h.fromDisplayName().isEmpty() && h.fromAddress().isPresent());
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("\nX-Forefront-Antispam-Report:\n\tCIP:", ";LANG:en;SCL:1;SRV:BULK;IPV:NLI;SFV:NSPM;", ";CAT:BULK;",
                "From: =?UTF-8?B?", "From: =?utf-8?Q?", "Content-Type: multipart/alternative;", "Content-Transfer-Encoding: base64",
                "Content-Type: text/html; charset=\"utf-8\"", "\nReceived: from ");
    }

    @Test
    void escapedFromLinesNeverStartAMessage() {
        long separators = 0;
        long escaped = 0;
        boolean previousBlank = true;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.startsWith("From ")) {
                separators++;
                assertThat(previousBlank).as("a separator follows a blank line: " + line).isTrue();
                assertThat(line).matches("From \\S+@\\S+ (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}");
            } else if (line.matches(">+From .*")) {
                escaped++;
            }
            previousBlank = line.isEmpty();
        }
        assertThat(separators).isEqualTo(result.messages());
        assertThat(escaped).isEqualTo(result.escapedFromLines()).isPositive();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\n>>From ");
    }
}
