package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.MailboxFixtures.DATE;
import static org.mailflow.ingest.MailboxFixtures.SEP_DATE;
import static org.mailflow.ingest.MailboxFixtures.bulkRows;
import static org.mailflow.ingest.MailboxFixtures.bytes;
import static org.mailflow.ingest.MailboxFixtures.eventRows;
import static org.mailflow.ingest.MailboxFixtures.file;
import static org.mailflow.ingest.MailboxFixtures.message;
import static org.mailflow.ingest.MailboxFixtures.senders;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC 5, "Mailboxes", mailboxes as real systems write them, end to end through {@link ImportJob}:
 * the {@code From:} shapes of real spam, forged dates, old Mac files whose lines end in a lone CR,
 * header sections too long to be real, and a refused import that leaves the cache as it was.
 */
class MailboxAsWrittenImportTest extends WithCache {
    /** A bulk message from {@code from} (the header's value as written). */
    private static String bulk(String from, int bcl) {
        return message("Hello.\n", "From: " + from, "Date: " + DATE, "X-Microsoft-Antispam: BCL:" + bcl + ";");
    }

    /** An mbox of the given messages, each after its own separator line; {@code lines[i]} gets the separator's line number. */
    private static String mbox(long[] lines, String... messages) {
        StringBuilder sb = new StringBuilder();
        long line = 1;
        for (int i = 0; i < messages.length; i++) {
            lines[i] = line;
            String m = "From sender" + i + "@x.example " + SEP_DATE + "\n" + messages[i];
            sb.append(m);
            line += m.lines().count();
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- From:

    @Test
    void theSenderIsTheFromAddressAsSpamWritesItAndNeverADisplayName() throws Exception {
        String[] messages = {
            bulk("Name , <stray-comma@x.example>", 5),
            bulk("\"x@y.example\", <quoted-address-name@x.example>", 5),
            bulk("=?utf-8?B?UGF5UGFsIFNlcnZpY2U=?= <encoded-name@x.example>", 5),
            bulk("=?utf-8?B?UGF5UGFsIFNlcnZpY2U=?=", 5), // 3: no address
            bulk("first@x.example, second@y.example", 5),
            bulk("\"Name\" quoted-then-bare@x.example", 5),
            bulk("<angle-comment@x.example> (Shop, Inc.)", 5),
            bulk("bare-comment@x.example (Name)", 5),
            bulk("Sales: group-member@x.example, other@x.example;", 5),
            bulk("Name Only", 5), // 9: no address
            message("b\n", "From:", "Date: " + DATE, "X-Microsoft-Antispam: BCL:5;"), // 10: empty
            bulk("<MAILER-DAEMON>", 5), // 11: no @
            bulk("Evil <ctrl\u0001char@x.example>", 5), // 12: control character
            bulk("<" + "l".repeat(1000) + "@x.example>", 5), // 13: too long
            message("b\n", "Date: " + DATE, "X-Microsoft-Antispam: BCL:5;"), // 14: no From: at all
            bulk("service@bank.example <Unquoted-Name-Address@X.example>", 5),
        };
        long[] lines = new long[messages.length];
        Path mbox = file(dir, "spam/Archive.mbox", mbox(lines, messages));

        ImportSummary s = run(cache, mbox);

        assertThat(senders(cache)).containsExactly("angle-comment@x.example", "bare-comment@x.example", "encoded-name@x.example",
                "first@x.example", "group-member@x.example", "quoted-address-name@x.example", "quoted-then-bare@x.example",
                "stray-comma@x.example", "unquoted-name-address@x.example");
        ImportSummary.FileResult r = s.files().get(0);
        assertThat(r.rows()).isEqualTo(9);
        assertThat(r.badRowCount()).isEqualTo(7);
        assertThat(r.badRows()).extracting(ImportSummary.BadRow::line)
                .containsExactly(lines[3], lines[9], lines[10], lines[11], lines[12], lines[13], lines[14]);
        assertThat(r.badRows()).extracting(ImportSummary.BadRow::reason).containsExactly(
                "From: holds no address (\"=?utf-8?B?UGF5UGFsIFNlcnZpY2U=?=\")",
                "From: holds no address (\"Name Only\")",
                "From: holds no address (empty)",
                "From: holds no address (\"<MAILER-DAEMON>\")",
                "From: address holds control characters",
                "From: address longer than 998 characters",
                "no From: header");
        assertThat(s.describe()).contains("7 bad messages skipped:", "line " + lines[3] + ": From: holds no address")
                .doesNotContain("\u0001");
    }

    // ---------------------------------------------------------------- Date:

    @Test
    void aForgedOrUnreadableDateIsSetAsideForTheNewestReceivedStampAndCounted() throws Exception {
        String received = "Received: from mta1.sender.example (203.0.113.5) by mx.corp.example with ESMTPS id 4Xy;\n"
                + " Thu, 12 Nov 2026 08:31:02 +0000";
        String[] messages = {
            message("b\n", received, "From: future@x.example", "Date: Thu, 12 Nov 2037 08:30:00 +0000", "X-Microsoft-Antispam: BCL:5;"),
            message("b\n", received, "From: epoch@x.example", "Date: Thu, 01 Jan 1970 00:00:00 +0000", "X-Microsoft-Antispam: BCL:5;"),
            message("b\n", received, "From: garbled@x.example", "Date: 32 Oct 2026 25:61:00 +0000", "X-Microsoft-Antispam: BCL:5;"),
            message("b\n", received, "From: tomorrow@x.example", "Date: Fri, 13 Nov 2026 20:00:00 +0000", "X-Microsoft-Antispam: BCL:5;"),
            // No Received: a Date after the file's time is set aside for the separator's date (Thu 12 Nov).
            message("b\n", "From: no-received@x.example", "Date: Thu, 12 Nov 2037 08:30:00 +0000", "X-Microsoft-Antispam: BCL:5;"),
        };
        Path mbox = file(dir, "export/Dated.mbox", mbox(new long[messages.length], messages));
        Files.setLastModifiedTime(mbox, FileTime.from(Instant.parse("2026-11-20T12:00:00Z")));
        // A message file without Received and a forged Date: the file's own time.
        Path eml = file(dir, "saved/forged.eml", message("b\n", "From: eml@x.example", "Date: Sat, 12 Nov 2099 08:30:00 +0000",
                "Message-ID: <1@x.example>", "X-Microsoft-Antispam: BCL:4;"));
        Files.setLastModifiedTime(eml, FileTime.from(Instant.parse("2026-11-18T23:00:00Z")));

        ImportSummary s = run(cache, mbox, dir.resolve("saved"));

        assertThat(bulkRows(cache)).containsExactly(
                "eml@x.example 2026-11-18 bcl=4 inbox=1",
                "epoch@x.example 2026-11-12 bcl=5 inbox=1",
                "future@x.example 2026-11-12 bcl=5 inbox=1",
                "garbled@x.example 2026-11-12 bcl=5 inbox=1",
                "no-received@x.example 2026-11-12 bcl=5 inbox=1",
                "tomorrow@x.example 2026-11-13 bcl=5 inbox=1");
        assertThat(s.files()).extracting(f -> f.mailbox().datesSetAside()).containsExactly(4L, 1L);
        assertThat(s.describe()).contains("5 bulk messages imported (mbox, 5 messages read, 0 without a BCL skipped, "
                + "4 with a forged or unreadable Date: dated by Received: (else the From line or the file's time))");
    }

    // ---------------------------------------------------------------- CR line ends

    /** Three messages, the second without a BCL and the third without an address, in an old Mac mbox. */
    private static String macMbox() {
        return ("From a " + SEP_DATE + "\n" + bulk("Shop <news@shop.example>", 5)
                + "From b " + SEP_DATE + "\n" + message("X-Microsoft-Antispam: BCL:9;\n", "From: nobcl@x.example", "Date: " + DATE)
                + "From c " + SEP_DATE + "\n" + bulk("Name Only", 6)).replace('\n', '\r');
    }

    @Test
    void anMboxWhoseLinesEndInALoneCrIsReadAsLines() throws Exception {
        Path mbox = file(dir, "Mac/Newsletters.mbox", macMbox());

        ImportSummary s = run(cache, mbox);

        ImportSummary.FileResult r = s.files().get(0);
        assertThat(r.format()).isEqualTo("mbox");
        assertThat(r.read()).isEqualTo(3);
        assertThat(r.passedOver()).isEqualTo(1);
        assertThat(r.badRows()).extracting(ImportSummary.BadRow::line).containsExactly(12L);
        assertThat(bulkRows(cache)).containsExactly("news@shop.example 2026-11-12 bcl=5 inbox=1");
        assertThat(run(cache, mbox).files().get(0).status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
    }

    @Test
    void aGrownCrOnlyMboxImportsOnlyTheAppendedMessagesFromTheRightLine() throws Exception {
        String first = macMbox();
        Path mbox = file(dir, "Mac/Newsletters.mbox", first);
        run(cache, mbox);
        String appended = ("From d " + SEP_DATE + "\n" + bulk("later@x.example", 3) + "From e " + SEP_DATE + "\n"
                + bulk("Name Only", 2)).replace('\n', '\r');
        Files.writeString(mbox, appended, StandardOpenOption.APPEND);

        ImportSummary s = run(cache, mbox);

        ImportSummary.FileResult r = s.files().get(0);
        long firstLines = first.chars().filter(c -> c == '\r').count();
        assertThat(r.status()).isEqualTo(ImportSummary.Status.CONTINUED);
        assertThat(r.firstNewLine()).isEqualTo(firstLines + 1);
        assertThat(r.read()).isEqualTo(2);
        assertThat(r.badRows()).extracting(ImportSummary.BadRow::line).containsExactly(firstLines + 7);
        assertThat(bulkRows(cache)).containsExactly("later@x.example 2026-11-12 bcl=3 inbox=1", "news@shop.example 2026-11-12 bcl=5 inbox=1");
    }

    @Test
    void messageFilesWhoseLinesEndInALoneCrAreRead() throws Exception {
        file(dir, "Mac/Junk/small.eml", message("b\n", "Return-Path: <small@x.example>", "From: small@x.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:7;").replace('\n', '\r'));
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            body.append("X-Microsoft-Antispam: BCL:1; a body line of a large old Mac message ").append(i).append('\n');
        }
        Path large = file(dir, "Mac/Junk/large.eml", message(body.toString(), "Return-Path: <large@x.example>", "From: large@x.example",
                "Date: " + DATE, "X-Microsoft-Antispam: BCL:8;").replace('\n', '\r'));
        assertThat(Files.size(large)).isGreaterThan(65536);

        ImportSummary s = run(cache, dir.resolve("Mac/Junk"));

        assertThat(s.files().get(0).format()).isEqualTo("eml");
        assertThat(bulkRows(cache)).containsExactly("large@x.example 2026-11-12 bcl=8 junk=1", "small@x.example 2026-11-12 bcl=7 junk=1");
    }

    // ---------------------------------------------------------------- oversized headers

    /** Writes a message file whose first header line is {@code mb} MB long, without holding it in memory. */
    private Path hugeHeaderEml(String relative, int mb) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write("X-Spam-Payload: ".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'A');
            for (int i = 0; i < mb; i++) {
                out.write(chunk);
            }
            out.write(("\n" + message("b\n", "From: huge@x.example", "Date: " + DATE, "X-Microsoft-Antispam: BCL:5;"))
                    .getBytes(StandardCharsets.US_ASCII));
        }
        return p;
    }

    @Test
    void anEmlWhoseFirstHeaderIsTenMegabytesIsABadMessageNotACsv() throws Exception {
        Path named = hugeHeaderEml("saved/huge.eml", 10);
        Path good = file(dir, "saved/good.eml", bulk("good@x.example", 4));

        ImportSummary s = run(cache, named, good);

        ImportSummary.FileResult r = s.files().get(0);
        assertThat(r.format()).isEqualTo("eml");
        assertThat(r.read()).isEqualTo(2);
        assertThat(r.badRowCount()).isEqualTo(1);
        assertThat(r.badRows().get(0).line()).isEqualTo(1);
        assertThat(r.badRows().get(0).reason()).startsWith("the header section passes 1,048,576 bytes at line 1");
        assertThat(bulkRows(cache)).containsExactly("good@x.example 2026-11-12 bcl=4 inbox=1");
        assertThat(senders(cache)).doesNotContain("huge@x.example");
    }

    @Test
    void anEmlWhoseHugeHeaderFollowsItsFromLineIsABadMessageNamedOrInAMaildir() throws Exception {
        String huge = "From: \"Shop\" <news@shop.example>\nX-Junk: " + "A".repeat(10 << 20) + "\n"
                + "X-Microsoft-Antispam: BCL:5;\n\nbody\n";
        Path named = file(dir, "saved/big-middle.eml", huge);
        Path inMaildir = file(dir, "md/cur/1700000000.M1P1.host:2,S", huge.replace("news@", "offers@"));
        file(dir, "md/cur/1700000001.M2P1.host:2,S", bulk("good@x.example", 4));

        ImportSummary s = run(cache, named, inMaildir.getParent().getParent());

        ImportSummary.FileResult r = s.files().get(0);
        assertThat(r.format()).isEqualTo("eml");
        assertThat(r.badRows()).hasSize(1);
        assertThat(r.badRows().get(0).reason()).startsWith("the header section passes 1,048,576 bytes at line 2");
        ImportSummary.FileResult maildir = s.files().get(1);
        assertThat(maildir.badRows()).extracting(ImportSummary.BadRow::reason)
                .singleElement().asString().startsWith("the header section passes 1,048,576 bytes at line 2");
        assertThat(bulkRows(cache)).containsExactly("good@x.example 2026-11-12 bcl=4 inbox=1");
    }

    @Test
    void anOversizedHeaderSectionInAnMboxIsABadMessageAtItsSeparatorAndTheNextOneIsRead() throws Exception {
        String big = "X-Spam-Payload: " + "A".repeat(org.mailflow.ingest.mailbox.MessageHeaders.MAX_HEADER_BYTES) + "\n";
        String m1 = "From a " + SEP_DATE + "\n" + "From: huge@x.example\n" + big + "X-Microsoft-Antispam: BCL:5;\n\nbody\n";
        String m2 = "From b " + SEP_DATE + "\n" + bulk("next@x.example", 3);
        Path mbox = file(dir, "export/Big.mbox", m1 + m2);

        ImportSummary.FileResult r = run(cache, mbox).files().get(0);

        assertThat(r.badRows()).extracting(ImportSummary.BadRow::line).containsExactly(1L);
        assertThat(r.badRows().get(0).reason()).contains("passes 1,048,576 bytes at line 3");
        assertThat(bulkRows(cache)).containsExactly("next@x.example 2026-11-12 bcl=3 inbox=1");
    }

    // ---------------------------------------------------------------- refusal

    @Test
    void aRefusedImportLeavesTheCacheAsItWasWithItsEventsAndDates() throws Exception {
        run(cache, file(dir, "earlier/Mail.mbox", "From a " + SEP_DATE + "\n" + message("b\n", "From: friend@shop.example",
                "Date: " + DATE, "X-Microsoft-Antispam: BCL:5;", "X-Forefront-Antispam-Report: SCL:-1;SFV:SFE;")));
        List<String> bulkBefore = bulkRows(cache);
        List<String> eventsBefore = eventRows(cache);
        // A batch: new feedback, a forged date, a CR-only mbox; then an mbox.gz cut in the middle.
        Path batch = Files.createDirectories(dir.resolve("batch"));
        file(dir, "batch/a/Mail.mbox", "From a " + SEP_DATE + "\n" + message("b\n", "From: pest@spam.example",
                "Date: Thu, 12 Nov 2037 08:30:00 +0000", "X-Microsoft-Antispam: BCL:8;", "X-Forefront-Antispam-Report: SCL:6;SFV:BLK;"));
        file(dir, "batch/b/Mac.mbox", macMbox());
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            big.add("From s" + i + " " + SEP_DATE + "\n" + bulk("sender" + i + "@big" + (i % 97) + ".example", i % 10) + "ref " + i * 7919 + "\n\n");
        }
        byte[] whole = ImportTestKit.gzip(String.join("", big).getBytes(StandardCharsets.UTF_8));
        bytes(dir, "batch/c/Archive.mbox.gz", Arrays.copyOf(whole, whole.length / 2));

        BadInputException e = ImportTestKit.fails(cache, batch);

        assertThat(e.getMessage()).contains("Archive.mbox.gz");
        assertThat(bulkRows(cache)).isEqualTo(bulkBefore);
        assertThat(eventRows(cache)).isEqualTo(eventsBefore).containsExactly("friend@shop.example 2026-11-12 user_allowed=1");
    }
}
