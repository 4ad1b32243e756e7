package org.mailflow.ingest.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC 5, "Mailboxes": the day is the {@code Date:} unless spam forged it; then the newest
 * {@code Received:} stamp, else the mbox separator's date, else the file's time.
 */
class MessageDayTest {
    private static final long FILE_TIME = Instant.parse("2026-11-20T10:00:00Z").getEpochSecond();
    private static final long SEPARATOR = Instant.parse("2026-11-14T06:00:00Z").getEpochSecond();

    private static String received(String stamp) {
        return stamp.isEmpty() ? "" : "Received: from mail.sender.example (203.0.113.5) by mx.corp.example\n with ESMTPS id 4Xy;\n "
                + stamp + "\n";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plausible Date kept                       | Thu, 12 Nov 2026 08:30:00 +0000 | Thu, 12 Nov 2026 08:31:02 +0000 | Thu, 12 Nov 2026 08:31:02 +0000 | yes | 2026-11-12T08:30:00Z | false
            Date two days ahead is still kept         | Sat, 14 Nov 2026 08:31:02 +0000 | Thu, 12 Nov 2026 08:31:02 +0000 |                                  | yes | 2026-11-14T08:31:02Z | false
            Date years ahead: Received                | Thu, 12 Nov 2037 08:30:00 +0000 | Thu, 12 Nov 2026 08:31:02 +0000 | Wed, 11 Nov 2026 23:59:00 -0800  | yes | 2026-11-12T08:31:02Z | true
            Date just over two days ahead: Received   | Sat, 14 Nov 2026 08:31:03 +0000 | Thu, 12 Nov 2026 08:31:02 +0000 |                                  | yes | 2026-11-12T08:31:02Z | true
            the newest Received counts                | Mon, 16 Nov 2026 08:00:00 +0000 | Thu, 12 Nov 2026 08:31:02 +0000 | Sat, 14 Nov 2026 09:00:00 +0000  | yes | 2026-11-16T08:00:00Z | false
            Date in 1970: Received                    | Thu, 01 Jan 1970 00:00:00 +0000 | Thu, 12 Nov 2026 08:31:02 +0000 |                                  | yes | 2026-11-12T08:31:02Z | true
            Date in 1989: Received                    | Sun, 31 Dec 1989 23:59:59 +0000 | Thu, 12 Nov 2026 08:31:02 +0000 |                                  | yes | 2026-11-12T08:31:02Z | true
            Date after 2999: Received                 | Wed, 01 Jan 3000 00:00:00 +0000 | Thu, 12 Nov 2026 08:31:02 +0000 |                                  | yes | 2026-11-12T08:31:02Z | true
            unreadable Date: Received                 | 32 Oct 2026 25:61:00 +0000      | Thu, 12 Nov 2026 08:31:02 +0000 |                                  | yes | 2026-11-12T08:31:02Z | true
            no Date: Received                         |                                 | Thu, 12 Nov 2026 08:31:02 +0000 |                                  | yes | 2026-11-12T08:31:02Z | false
            Received stamps before 1990 are not read  | Thu, 01 Jan 1970 00:00:00 +0000 | Thu, 01 Jan 1970 00:00:00 +0000 |                                  | yes | 2026-11-14T06:00:00Z | true
            no Received: Date up to the file time     | Wed, 18 Nov 2026 08:30:00 +0000 |                                 |                                  | yes | 2026-11-18T08:30:00Z | false
            no Received: Date past the file time      | Mon, 23 Nov 2026 10:00:01 +0000 |                                 |                                  | yes | 2026-11-14T06:00:00Z | true
            no Received, no separator: the file time  | Thu, 12 Nov 2037 08:30:00 +0000 |                                 |                                  | no  | 2026-11-20T10:00:00Z | true
            nothing at all: the separator             |                                 |                                 |                                  | yes | 2026-11-14T06:00:00Z | false
            nothing at all, no separator: file time   |                                 |                                 |                                  | no  | 2026-11-20T10:00:00Z | false
            """)
    void theDateIsSetAsideWhenItIsImplausible(String rule, String date, String received1, String received2, String separator,
                                              String expected, boolean setAside) {
        String text = received(received2 == null ? "" : received2) + received(received1 == null ? "" : received1)
                + "From: a@b.example\n" + (date == null ? "" : "Date: " + date + "\n") + "\n";
        MessageHeaders h = MessageHeaders.parse(text.getBytes(StandardCharsets.UTF_8), MessageHeaders.BULK_FIELDS);

        MessageDay day = MessageDay.of(h, FILE_TIME, () -> separator.equals("yes") ? SEPARATOR : MessageDay.NONE);

        assertThat(Instant.ofEpochSecond(day.epochSecond())).isEqualTo(Instant.parse(expected));
        assertThat(day.dateSetAside()).isEqualTo(setAside);
    }
}
