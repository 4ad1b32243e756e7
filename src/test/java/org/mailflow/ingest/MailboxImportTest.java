package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.gzip;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.runAs;
import static org.mailflow.ingest.ImportTestKit.utf8;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailflow.cache.CacheException;

/**
 * SPEC 5, "Real sources" — "Mailboxes", end to end through {@link ImportJob}: mbox files, Maildir
 * folders and {@code .eml} files written by each test, checked by what a user would look at: the
 * bulk messages per sender, BCL, delivery and day in the cache, and the numbers of the summary.
 */
class MailboxImportTest extends WithCache {
    /** Thursday 2026-11-12 08:30 UTC. */
    private static final String DATE = "Thu, 12 Nov 2026 08:30:00 +0000";
    private static final String SEP_DATE = "Thu Nov 12 08:30:00 2026";

    // ---------------------------------------------------------------- helpers

    /** Lines joined with LF, with a final LF. */
    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** A message: header lines, a blank line, a body. */
    private static String message(String body, String... headers) {
        return lines(headers) + "\n" + body;
    }

    /** A simple bulk message (headers only what the import needs). */
    private static String bulk(String from, int bcl, String date) {
        return message("Hello.\n", "From: " + from, "To: me@corp.example", "Subject: offer",
                "Date: " + date, "Message-ID: <" + Math.abs((from + bcl + date).hashCode()) + "@x>",
                "X-Microsoft-Antispam: BCL:" + bcl + ";");
    }

    private Path file(String relative, String content) throws IOException {
        return bytes(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path bytes(String relative, byte[] content) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.write(p, content);
    }

    private Path folder(String relative) throws IOException {
        return Files.createDirectories(dir.resolve(relative));
    }

    /**
     * The cache's bulk data, one line per (sender, day, BCL) with its non-zero deliveries:
     * {@code news@shop.example 2026-11-12 bcl=5 inbox=1}.
     */
    private List<String> bulkRows() throws CacheException {
        return cache.read(c -> {
            List<String> out = new ArrayList<>();
            String[] deliveries = {"inbox", "junk", "quarantine", "deleted", "unknown"};
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT s.address, d.day, d.bcl, d.inbox, d.junk, d.quarantine, d.deleted, d.unknown "
                            + "FROM bulk_daily d JOIN bulk_sender s ON s.id = d.sender_id ORDER BY s.address, d.day, d.bcl")) {
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder(rs.getString(1)).append(' ')
                            .append(LocalDate.ofEpochDay(rs.getLong(2))).append(" bcl=").append(rs.getInt(3));
                    for (int i = 0; i < deliveries.length; i++) {
                        long n = rs.getLong(4 + i);
                        if (n != 0) {
                            sb.append(' ').append(deliveries[i]).append('=').append(n);
                        }
                    }
                    out.add(sb.toString());
                }
            }
            return out;
        });
    }

    /** The raw rows of bulk_daily and bulk_sender, for before/after comparisons. */
    private String bulkSnapshot() throws CacheException {
        return cache.read(c -> {
            StringBuilder sb = new StringBuilder();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT day, sender_id, bcl, inbox, junk, quarantine, deleted, unknown FROM bulk_daily "
                         + "ORDER BY day, sender_id, bcl")) {
                while (rs.next()) {
                    for (int i = 1; i <= 8; i++) {
                        sb.append(rs.getLong(i)).append('|');
                    }
                    sb.append('\n');
                }
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, address FROM bulk_sender ORDER BY id")) {
                while (rs.next()) {
                    sb.append(rs.getLong(1)).append('=').append(rs.getString(2)).append('\n');
                }
            }
            return sb.toString();
        });
    }

    private static ImportSummary.FileResult only(ImportSummary s) {
        assertThat(s.files()).hasSize(1);
        return s.files().get(0);
    }

    private static ImportSummary.FileResult resultFor(ImportSummary s, Path file) {
        Path want = file.toAbsolutePath();
        return s.files().stream().filter(f -> f.file().toAbsolutePath().equals(want)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + want + " in " + s.files()));
    }

    // ---------------------------------------------------------------- mbox splitting and bodies

    /**
     * Three messages: the first has a body line escaped as {@code >From }, the second a body that holds
     * a BCL header and a {@code From:} line, the third no BCL header but one in its body.
     */
    private static String threeMessageMbox() {
        return "From news@shop.example " + SEP_DATE + "\n"
                + message("Dear customer,\n>From the archive: our best offers.\nBye\n\n",
                        "From: Shop <news@shop.example>", "Date: " + DATE, "Subject: news", "X-Microsoft-Antispam: BCL:5;")
                + "From promo@deals.example " + SEP_DATE + "\n"
                + message("Forwarded headers:\nX-Microsoft-Antispam: BCL:9;\nFrom: other@evil.example\n\n",
                        "From: promo@deals.example", "Date: " + DATE, "X-Microsoft-Antispam: BCL:7;")
                + "From plain@friend.example " + SEP_DATE + "\n"
                + message("This looks like a header but is body text:\nX-Microsoft-Antispam: BCL:9;\n",
                        "From: plain@friend.example", "Date: " + DATE, "Subject: hi");
    }

    private void assertThreeMessageMbox(ImportSummary s, Path mbox) throws CacheException {
        ImportSummary.FileResult r = only(s);
        assertThat(r.file()).isEqualTo(mbox);
        assertThat(r.format()).isEqualTo("mbox");
        assertThat(r.status()).isEqualTo(ImportSummary.Status.IMPORTED);
        assertThat(r.read()).as("messages read").isEqualTo(3);
        assertThat(r.rows()).as("bulk messages").isEqualTo(2);
        assertThat(r.passedOver()).as("messages without a BCL").isEqualTo(1);
        assertThat(r.badRowCount()).isZero();
        assertThat(s.bulkMessages()).isEqualTo(2);
        assertThat(bulkRows()).containsExactly(
                "news@shop.example 2026-11-12 bcl=5 inbox=1",
                "promo@deals.example 2026-11-12 bcl=7 inbox=1");
    }

    @Test
    void lfMboxSplitsAtFromLinesOnlyAndNeverReadsBodies() throws Exception {
        Path mbox = file("export/Newsletters.mbox", threeMessageMbox());
        assertThreeMessageMbox(run(cache, mbox), mbox);
    }

    @Test
    void crlfMboxIsReadTheSameWay() throws Exception {
        Path mbox = file("export/Newsletters.mbox", threeMessageMbox().replace("\n", "\r\n"));
        assertThreeMessageMbox(run(cache, mbox), mbox);
    }

    private static final String PREAMBLE = "This mailbox was exported by MailTool 2.1 on 2026-11-13.\n\n";

    @Test
    void textBeforeTheFirstFromLineIsIgnoredWhenTheFormatIsGiven() throws Exception {
        Path mbox = file("export/Newsletters.mbox", PREAMBLE + threeMessageMbox());
        assertThreeMessageMbox(runAs(cache, ImportFormat.MBOX, mbox), mbox);
    }

    @Test
    void textBeforeTheFirstFromLineIsIgnoredWhenTheFormatIsDetected() throws Exception {
        Path mbox = file("export/Newsletters.mbox", PREAMBLE + threeMessageMbox());
        assertThreeMessageMbox(run(cache, mbox), mbox);
    }

    /** A message file larger than the 64 KiB head is read by streaming; its body is still never read. */
    @Test
    void largeMessageFileIsReadByItsHeadersOnly() throws Exception {
        Path news = folder("mail/Newsletters");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            body.append("X-Microsoft-Antispam: BCL:9; quoted line ").append(i).append(" of a long newsletter body\n");
        }
        file("mail/Newsletters/big.eml", message(body.toString(), "From: big@x.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:2;"));
        assertThat(Files.size(news.resolve("big.eml"))).isGreaterThan(65536);

        ImportSummary s = run(cache, news);
        ImportSummary again = run(cache, news);

        assertThat(only(s).rows()).isEqualTo(1);
        assertThat(only(again).status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
        assertThat(bulkRows()).containsExactly("big@x.example 2026-11-12 bcl=2 inbox=1");
    }

    // ---------------------------------------------------------------- headers

    @Test
    void foldedHeadersAnyCaseAndMessageInfoAreReadAsEopWritesThem() throws Exception {
        Path news = folder("mail/Newsletters");
        file("mail/Newsletters/1.eml", message("body\n", "Received: from mail-a.outbound.example (10.0.0.1)",
                "\tby mx.corp.example with ESMTPS", "\tfor <me@corp.example>; " + DATE,
                "From: folded@a.example", "Date: " + DATE,
                "X-Microsoft-Antispam:", " BCL:6;ARA:1444111002|1800799024;",
                "X-Forefront-Antispam-Report: CIP:203.0.113.5;CTRY:US;LANG:en;", "\tSCL:1;SRV:;IPV:NLI;SFV:SPM;H:mail-a;"));
        file("mail/Newsletters/2.eml", message("body\n", "from: lower@b.example", "date: " + DATE,
                "x-microsoft-antispam: bcl:7;", "x-forefront-antispam-report: sfv:nspm;scl:1;"));
        file("mail/Newsletters/3.eml", message("body\n", "From: info@c.example", "Date: " + DATE,
                "X-Microsoft-Antispam-Message-Info: BCL:9;6K2Lk0C1Zx", "X-Forefront-Antispam-Report: SFV:NSPM;SCL:1;"));
        file("mail/Newsletters/4.eml", message("body\n", "From: both@d.example", "Date: " + DATE,
                "X-Microsoft-Antispam-Message-Info: BCL:9;Zm9v", "X-Microsoft-Antispam: BCL:2;", "X-Forefront-Antispam-Report: SFV:NSPM;"));

        ImportSummary s = run(cache, news);

        ImportSummary.FileResult r = only(s);
        assertThat(r.file().toAbsolutePath()).isEqualTo(news.toAbsolutePath());
        assertThat(r.format()).isEqualTo("eml");
        assertThat(r.read()).isEqualTo(4);
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.passedOver()).as("only Message-Info carries a BCL").isEqualTo(1);
        assertThat(r.badRowCount()).isZero();
        assertThat(bulkRows()).containsExactly(
                "both@d.example 2026-11-12 bcl=2 inbox=1",
                "folded@a.example 2026-11-12 bcl=6 junk=1", // SFV:SPM on the folded line
                "lower@b.example 2026-11-12 bcl=7 inbox=1");
    }

    @Test
    void encodedFromIsDecodedAndTheAddressLowerCased() throws Exception {
        Path mbox = file("export/Offers.mbox",
                "From a " + SEP_DATE + "\n" + message("x\n", "From: =?UTF-8?B?U2hvcCDDnGJlciwgSW5jLg==?= <News@Shop.EXAMPLE>",
                        "Date: " + DATE, "X-Microsoft-Antispam: BCL:4;")
                + "From b " + SEP_DATE + "\n" + message("x\n", "From: =?ISO-8859-1?Q?Caf=E9_Deals=2C_Paris?= <Deals@Cafe.Example>",
                        "Date: " + DATE, "X-Microsoft-Antispam: BCL:6;")
                + "From c " + SEP_DATE + "\n" + message("x\n", "From: \"=?utf-8?q?Club_M=C3=BCller?=\"", " <CLUB@Mueller.Example>",
                        "Date: " + DATE, "X-Microsoft-Antispam: BCL:8;"));

        ImportSummary s = run(cache, mbox);

        assertThat(only(s).rows()).isEqualTo(3);
        assertThat(bulkRows()).containsExactly(
                "club@mueller.example 2026-11-12 bcl=8 inbox=1",
                "deals@cafe.example 2026-11-12 bcl=6 inbox=1",
                "news@shop.example 2026-11-12 bcl=4 inbox=1");
    }

    // ---------------------------------------------------------------- delivery

    @Test
    void deliveryComesFromTheFolderElseFromTheEopVerdict() throws Exception {
        Path mail = folder("mail");
        String spm = "X-Forefront-Antispam-Report: CIP:203.0.113.5;SFV:SPM;SCL:5;";
        String nspm = "X-Forefront-Antispam-Report: CIP:203.0.113.5;SFV:NSPM;SCL:1;";
        // A Maildir: its own cur and new are the Inbox, whatever EOP said; .Junk is junk.
        file("mail/Maildir/cur/1794472200.M1P1.mx:2,S", message("b\n", "Return-Path: <a@root.example>",
                "From: a@root.example", "Date: " + DATE, "X-Microsoft-Antispam: BCL:3;", spm));
        file("mail/Maildir/new/1794472201.M2P1.mx", message("b\n", "Return-Path: <b@root.example>",
                "From: b@root.example", "Date: " + DATE, "X-Microsoft-Antispam: BCL:3;"));
        file("mail/Maildir/.Junk/cur/1794472202.M3P1.mx:2,S", message("b\n", "Return-Path: <c@plusplus.example>",
                "From: c@plusplus.example", "Date: " + DATE, "X-Microsoft-Antispam: BCL:4;", nspm));
        // Outlook exports (CRLF) in "Junk Email" and "Quarantine".
        file("mail/Junk Email/offer.eml", message("b\n", "From: d@junkemail.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:5;", nspm).replace("\n", "\r\n"));
        file("mail/Quarantine/held.eml", message("b\n", "From: e@quarantine.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:6;", nspm).replace("\n", "\r\n"));
        // An mbox named Spam.
        file("mail/Spam.mbox", "From f " + SEP_DATE + "\n" + message("b\n", "From: f@spam.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:7;", nspm));
        // A folder whose name says nothing: EOP's verdict decides.
        file("mail/Newsletters/1.eml", message("b\n", "From: sfv-spm@other.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:8;", "X-Forefront-Antispam-Report: CIP:203.0.113.5;SFV:SPM;"));
        file("mail/Newsletters/2.eml", message("b\n", "From: scl6@other.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:8;", "X-Forefront-Antispam-Report: CIP:203.0.113.5;SCL:6;"));
        file("mail/Newsletters/3.eml", message("b\n", "From: nspm@other.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:8;", "X-Forefront-Antispam-Report: SFV:NSPM;SCL:1;"));
        file("mail/Newsletters/4.eml", message("b\n", "From: catbulk@other.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:8;", "X-Forefront-Antispam-Report: CIP:203.0.113.5;CAT:BULK;"));

        ImportSummary s = run(cache, mail);

        assertThat(bulkRows()).containsExactly(
                "a@root.example 2026-11-12 bcl=3 inbox=1",
                "b@root.example 2026-11-12 bcl=3 inbox=1",
                "c@plusplus.example 2026-11-12 bcl=4 junk=1",
                "catbulk@other.example 2026-11-12 bcl=8 junk=1", // CAT:BULK alone is junk too (SPEC 5)
                "d@junkemail.example 2026-11-12 bcl=5 junk=1",
                "e@quarantine.example 2026-11-12 bcl=6 quarantine=1",
                "f@spam.example 2026-11-12 bcl=7 junk=1",
                "nspm@other.example 2026-11-12 bcl=8 inbox=1",
                "scl6@other.example 2026-11-12 bcl=8 junk=1",
                "sfv-spm@other.example 2026-11-12 bcl=8 junk=1");
        assertThat(s.bulkMessages()).isEqualTo(10);
        // One result per folder of message files; a Maildir's folder is the one above cur/new.
        assertThat(resultFor(s, mail.resolve("Maildir")).rows()).isEqualTo(2);
        assertThat(resultFor(s, mail.resolve("Maildir/.Junk")).rows()).isEqualTo(1);
        assertThat(resultFor(s, mail.resolve("Junk Email")).rows()).isEqualTo(1);
        assertThat(resultFor(s, mail.resolve("Quarantine")).rows()).isEqualTo(1);
        assertThat(resultFor(s, mail.resolve("Spam.mbox")).format()).isEqualTo("mbox");
        assertThat(resultFor(s, mail.resolve("Newsletters")).rows()).isEqualTo(4);
        assertThat(s.files()).hasSize(6);
    }

    /** An .eml saved with the mbox "From " line on top is still in its folder. */
    @Test
    void emlWithAnMboxFromLineInAJunkFolderIsStillJunk() throws Exception {
        Path junk = folder("mail/Junk Email");
        file("mail/Junk Email/saved.eml", "From news@shop.example " + SEP_DATE + "\n"
                + message("b\n", "From: news@shop.example", "Date: " + DATE, "X-Microsoft-Antispam: BCL:6;",
                "X-Forefront-Antispam-Report: SFV:NSPM;SCL:1;"));

        run(cache, junk);

        assertThat(bulkRows()).containsExactly("news@shop.example 2026-11-12 bcl=6 junk=1");
    }

    /**
     * mbsync/offlineimap keep each folder as a Maildir of its own ({@code Mail/INBOX/cur},
     * {@code Mail/Junk/cur}) under a folder that is no Maildir: the folder's name still decides.
     */
    @Test
    void separateMaildirsPerFolderAreNamedByTheirFolder() throws Exception {
        Path mail = folder("Mail");
        file("Mail/INBOX/cur/1794472200.M1P1.mx:2,S", message("b\n", "Return-Path: <in@x.example>", "From: in@x.example",
                "Date: " + DATE, "X-Microsoft-Antispam: BCL:3;", "X-Forefront-Antispam-Report: SFV:NSPM;SCL:1;"));
        file("Mail/Junk/cur/1794472201.M2P1.mx:2,S", message("b\n", "Return-Path: <junk@x.example>", "From: junk@x.example",
                "Date: " + DATE, "X-Microsoft-Antispam: BCL:6;", "X-Forefront-Antispam-Report: SFV:NSPM;SCL:1;"));

        run(cache, mail);

        assertThat(bulkRows()).containsExactly(
                "in@x.example 2026-11-12 bcl=3 inbox=1",
                "junk@x.example 2026-11-12 bcl=6 junk=1");
    }

    /** A report mailed by logwatch quotes Postfix log lines in its body: it is still a message. */
    @Test
    void messageWhoseBodyQuotesPostfixLogLinesIsStillAMessage() throws Exception {
        Path inbox = folder("mail/Reports");
        StringBuilder body = new StringBuilder("Postfix log excerpt:\n");
        for (int i = 0; i < 5; i++) {
            body.append("Nov 12 08:3").append(i).append(":00 mx1 postfix/smtpd[1234]: connect from unknown[203.0.113.").append(i).append("]\n");
        }
        file("mail/Reports/1.eml", message(body.toString(), "Return-Path: <logwatch@tools.example>",
                "From: LogWatch <logwatch@tools.example>", "Date: " + DATE, "Subject: Logwatch for mx1",
                "X-Microsoft-Antispam: BCL:1;", "X-Forefront-Antispam-Report: SFV:NSPM;SCL:1;"));

        ImportSummary s = run(cache, inbox);

        assertThat(only(s).format()).isEqualTo("eml");
        assertThat(bulkRows()).containsExactly("logwatch@tools.example 2026-11-12 bcl=1 inbox=1");
    }

    // ---------------------------------------------------------------- no BCL, bad BCL

    @Test
    void messagesWithoutBclAreSkippedAndBadBclsReportedAtTheirSeparatorLine() throws Exception {
        String m1 = "From a " + SEP_DATE + "\n" + bulk("good@x.example", 4, DATE);
        String m2 = "From b " + SEP_DATE + "\n" + message("no bcl\n", "From: nobcl@x.example", "Date: " + DATE,
                "X-Forefront-Antispam-Report: SFV:NSPM;");
        String m3 = "From c " + SEP_DATE + "\n" + message("b\n", "From: letter@x.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:X;");
        String m4 = "From d " + SEP_DATE + "\n" + message("b\n", "From: twelve@x.example", "Date: " + DATE,
                "X-Microsoft-Antispam: BCL:12;");
        long line3 = 1 + m1.lines().count() + m2.lines().count();
        long line4 = line3 + m3.lines().count();
        Path mbox = file("export/Checks.mbox", m1 + m2 + m3 + m4);

        ImportSummary s = run(cache, mbox);

        ImportSummary.FileResult r = only(s);
        assertThat(r.read()).isEqualTo(4);
        assertThat(r.rows()).isEqualTo(1);
        assertThat(r.passedOver()).isEqualTo(1);
        assertThat(r.badRowCount()).isEqualTo(2);
        assertThat(r.badRows()).extracting(ImportSummary.BadRow::line).containsExactly(line3, line4);
        assertThat(r.badRows()).allSatisfy(b -> assertThat(b.reason()).contains("BCL"));
        assertThat(s.describe()).contains("2 bad messages skipped", "line " + line3, "line " + line4);
        assertThat(bulkRows()).containsExactly("good@x.example 2026-11-12 bcl=4 inbox=1");
    }

    @Test
    void aFromAddressTooLongToBeOneIsABadMessageNotASender() throws Exception {
        String m1 = "From a " + SEP_DATE + "\n" + bulk("good@x.example", 4, DATE);
        String m2 = "From b " + SEP_DATE + "\n" + bulk("x".repeat(5000) + "@x.example", 6, DATE);
        Path mbox = file("export/Long.mbox", m1 + m2);

        ImportSummary.FileResult r = only(run(cache, mbox));

        assertThat(r.rows()).isEqualTo(1);
        assertThat(r.badRows()).extracting(ImportSummary.BadRow::line).containsExactly(1 + m1.lines().count());
        assertThat(r.badRows().get(0).reason()).contains("longer than 998 characters");
        assertThat(bulkRows()).containsExactly("good@x.example 2026-11-12 bcl=4 inbox=1");
    }

    // ---------------------------------------------------------------- Maildir housekeeping files

    @Test
    void maildirTmpDovecotFilesAndHiddenFilesDoNotCountOrFail() throws Exception {
        Path maildir = folder("Maildir");
        file("Maildir/cur/1794472200.M1P1.mx:2,S", bulk("cur@x.example", 3, DATE));
        file("Maildir/new/1794472201.M2P1.mx", bulk("new@x.example", 3, DATE));
        file("Maildir/tmp/1794472202.M3P1.mx", bulk("tmp@x.example", 3, DATE));
        file("Maildir/dovecot-uidlist", "3 V1794472000 N3 G6b1a2c3d4e5f\n1 1794472200.M1P1.mx\n2 1794472201.M2P1.mx\n");
        byte[] index = new byte[512];
        index[0] = 7;
        index[1] = 3;
        index[8] = (byte) 0xff;
        index[9] = (byte) 0xfe;
        Arrays.fill(index, 100, 200, (byte) 0x8a);
        bytes("Maildir/dovecot.index", index);
        bytes("Maildir/.DS_Store", new byte[] {0, 0, 0, 1, 'B', 'u', 'd', '1', 0, 0});
        bytes("Maildir/cur/.DS_Store", new byte[] {0, 0, 0, 1, 'B', 'u', 'd', '1', 0, 0});
        file("Maildir/.Junk/maildirfolder", "");
        file("Maildir/.Junk/cur/1794472203.M4P1.mx:2,S", bulk("junk@x.example", 5, DATE));

        ImportSummary s = run(cache, maildir);

        assertThat(bulkRows()).containsExactly(
                "cur@x.example 2026-11-12 bcl=3 inbox=1",
                "junk@x.example 2026-11-12 bcl=5 junk=1",
                "new@x.example 2026-11-12 bcl=3 inbox=1");
        assertThat(resultFor(s, maildir.resolve("dovecot-uidlist")).status()).isEqualTo(ImportSummary.Status.SKIPPED);
        assertThat(resultFor(s, maildir.resolve("dovecot.index")).status()).isEqualTo(ImportSummary.Status.SKIPPED);
        assertThat(s.files()).noneMatch(f -> f.file().toString().contains("DS_Store"));
        assertThat(s.files()).noneMatch(f -> f.file().toAbsolutePath().startsWith(maildir.resolve("tmp").toAbsolutePath()));
        ImportSummary.FileResult inbox = resultFor(s, maildir);
        assertThat(inbox.status()).isEqualTo(ImportSummary.Status.IMPORTED);
        assertThat(inbox.read()).isEqualTo(2);
        assertThat(inbox.rows()).isEqualTo(2);
        assertThat(resultFor(s, maildir.resolve(".Junk")).rows()).isEqualTo(1);
        assertThat(s.bulkMessages()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- idempotence

    @Test
    void sameMaildirTwiceAddsNothing() throws Exception {
        Path maildir = folder("Maildir");
        file("Maildir/cur/1794472200.M1P1.mx:2,S", bulk("one@x.example", 3, DATE));
        file("Maildir/new/1794472201.M2P1.mx", bulk("two@x.example", 4, DATE));
        file("Maildir/cur/1794472202.M3P1.mx:2,S", message("b\n", "From: nobcl@x.example", "Date: " + DATE, "Subject: s"));
        run(cache, maildir);
        String before = bulkSnapshot();

        ImportSummary again = run(cache, maildir);

        assertThat(bulkSnapshot()).isEqualTo(before);
        ImportSummary.FileResult r = only(again);
        assertThat(r.status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
        assertThat(r.alreadyImported()).isEqualTo(3);
        assertThat(r.rows()).isZero();
        assertThat(again.bulkMessages()).isZero();
        assertThat(bulkRows()).containsExactly("one@x.example 2026-11-12 bcl=3 inbox=1", "two@x.example 2026-11-12 bcl=4 inbox=1");
    }

    @Test
    void sameMboxTwiceAddsNothing() throws Exception {
        Path mbox = file("export/Newsletters.mbox", threeMessageMbox());
        run(cache, mbox);
        String before = bulkSnapshot();

        ImportSummary again = run(cache, mbox);

        assertThat(bulkSnapshot()).isEqualTo(before);
        assertThat(only(again).status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
        assertThat(again.bulkMessages()).isZero();
    }

    @Test
    void sameEmlFolderTwiceAddsNothing() throws Exception {
        Path junk = folder("export/Junk Email");
        file("export/Junk Email/a.eml", bulk("a@x.example", 6, DATE));
        file("export/Junk Email/b.eml", bulk("b@x.example", 7, DATE));
        run(cache, junk);
        String before = bulkSnapshot();

        ImportSummary again = run(cache, junk);

        assertThat(bulkSnapshot()).isEqualTo(before);
        ImportSummary.FileResult r = only(again);
        assertThat(r.status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
        assertThat(r.alreadyImported()).isEqualTo(2);
        assertThat(bulkRows()).containsExactly("a@x.example 2026-11-12 bcl=6 junk=1", "b@x.example 2026-11-12 bcl=7 junk=1");
    }

    @Test
    void sameMessageCopiedIntoTwoFoldersCountsOnce() throws Exception {
        Path mail = folder("mail");
        String msg = bulk("copied@x.example", 5, DATE);
        file("mail/Inbox/1.eml", msg);
        file("mail/Maildir/.Junk/cur/1794472200.M1P1.mx:2,S", bulk("other@x.example", 2, DATE));
        file("mail/Maildir/.Junk/cur/1794472201.M9P9.mx:2,S", msg); // the same message, also moved to Junk

        ImportSummary s = run(cache, mail);

        // Inbox comes first in the walk, so the copy counts there, once.
        assertThat(bulkRows()).containsExactly(
                "copied@x.example 2026-11-12 bcl=5 inbox=1",
                "other@x.example 2026-11-12 bcl=2 junk=1");
        assertThat(s.bulkMessages()).isEqualTo(2);
        ImportSummary.FileResult junk = resultFor(s, mail.resolve("Maildir/.Junk"));
        assertThat(junk.alreadyImported()).isEqualTo(1);
        assertThat(junk.rows()).isEqualTo(1);
        assertThat(resultFor(s, mail.resolve("Inbox")).rows()).isEqualTo(1);
    }

    @Test
    void grownMboxImportsOnlyTheAppendedMessages() throws Exception {
        String first = "From a " + SEP_DATE + "\n" + bulk("first@x.example", 3, DATE)
                + "From b " + SEP_DATE + "\n" + bulk("second@x.example", 4, DATE);
        Path mbox = file("export/Newsletters.mbox", first);
        run(cache, mbox);
        String appended = "From c Fri Nov 13 09:00:00 2026\n" + bulk("third@x.example", 5, "Fri, 13 Nov 2026 09:00:00 +0000")
                + "From d Fri Nov 13 09:05:00 2026\n" + bulk("first@x.example", 3, "Fri, 13 Nov 2026 09:05:00 +0000");
        Files.writeString(mbox, appended, StandardOpenOption.APPEND);

        ImportSummary s = run(cache, mbox);

        ImportSummary.FileResult r = only(s);
        assertThat(r.status()).isEqualTo(ImportSummary.Status.CONTINUED);
        assertThat(r.read()).isEqualTo(2);
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.firstNewLine()).isEqualTo(first.lines().count() + 1);
        assertThat(bulkRows()).containsExactly(
                "first@x.example 2026-11-12 bcl=3 inbox=1",
                "first@x.example 2026-11-13 bcl=3 inbox=1",
                "second@x.example 2026-11-12 bcl=4 inbox=1",
                "third@x.example 2026-11-13 bcl=5 inbox=1");

        ImportSummary third = run(cache, mbox);
        assertThat(only(third).status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
        assertThat(bulkRows()).hasSize(4);
    }

    @Test
    void mboxCompressedAfterItsImportIsRecognised() throws Exception {
        String content = threeMessageMbox();
        Path mbox = file("export/Newsletters.mbox", content);
        run(cache, mbox);
        String before = bulkSnapshot();
        Files.delete(mbox);
        Path gz = bytes("export/Newsletters.mbox.gz", gzip(utf8(content)));

        ImportSummary s = run(cache, gz);

        assertThat(only(s).status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
        assertThat(bulkSnapshot()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- day

    @Test
    void dayComesFromDateElseFromTheSeparatorDate() throws Exception {
        Path mbox = file("export/Days.mbox",
                // Date with an offset: 00:30 +0100 is still the 12th in UTC.
                "From a Fri Nov 13 00:00:00 2026\n" + message("b\n", "From: offset@x.example",
                        "Date: Fri, 13 Nov 2026 00:30:00 +0100", "X-Microsoft-Antispam: BCL:1;")
                // Date with a comment.
                + "From b Sun Nov  1 00:00:00 2026\n" + message("b\n", "From: comment@x.example",
                        "Date: Tue, 10 Nov 2026 23:59:59 +0000 (UTC)", "X-Microsoft-Antispam: BCL:1;")
                // No Date: the separator's asctime date.
                + "From c Sat Nov 14 23:59:59 2026\n" + message("b\n", "From: nodate@x.example", "X-Microsoft-Antispam: BCL:1;")
                // No Date, a single-digit day padded with a blank.
                + "From d Sun Nov  1 08:00:00 2026\n" + message("b\n", "From: padded@x.example", "X-Microsoft-Antispam: BCL:1;")
                // An unreadable Date: the separator's date too.
                + "From e Fri Nov 20 12:00:00 2026\n" + message("b\n", "From: baddate@x.example", "Date: yesterday",
                        "X-Microsoft-Antispam: BCL:1;"));

        run(cache, mbox);

        assertThat(bulkRows()).containsExactly(
                "baddate@x.example 2026-11-20 bcl=1 inbox=1",
                "comment@x.example 2026-11-10 bcl=1 inbox=1",
                "nodate@x.example 2026-11-14 bcl=1 inbox=1",
                "offset@x.example 2026-11-12 bcl=1 inbox=1",
                "padded@x.example 2026-11-01 bcl=1 inbox=1");
    }

    @Test
    void emlWithoutDateTakesTheFilesModificationDay() throws Exception {
        Path news = folder("mail/Newsletters");
        Path eml = file("mail/Newsletters/1.eml", message("b\n", "From: nodate@x.example", "Message-ID: <1@x>",
                "X-Microsoft-Antispam: BCL:5;"));
        Files.setLastModifiedTime(eml, FileTime.from(Instant.parse("2026-11-20T23:30:00Z")));

        run(cache, news);

        assertThat(bulkRows()).containsExactly("nodate@x.example 2026-11-20 bcl=5 inbox=1");
    }

    // ---------------------------------------------------------------- a failing file

    @Test
    void truncatedGzippedMboxFailsTheWholeImportAndLeavesTheCacheUnchanged() throws Exception {
        // An earlier, successful import.
        run(cache, file("earlier/Newsletters.mbox", threeMessageMbox()));
        assertThat(bulkRows()).hasSize(2);
        String before = bulkSnapshot();
        String dumpBefore = ImportTestKit.dump(cache);

        // A batch: a good folder, then an mbox.gz cut in the middle of its compressed data.
        Path good = folder("batch/Junk Email");
        file("batch/Junk Email/a.eml", bulk("good@x.example", 6, DATE));
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            big.append("From sender").append(i).append("@big").append(i % 97).append(".example ").append(SEP_DATE).append('\n')
                    .append(bulk("sender" + i + "@big" + (i % 97) + ".example", i % 10, DATE))
                    .append("Reference ").append(Integer.toHexString(i * 7919)).append(" / ").append(i * 31).append("\n\n");
        }
        byte[] whole = gzip(utf8(big.toString()));
        Path truncated = bytes("batch/Archive.mbox.gz", Arrays.copyOf(whole, whole.length / 2));

        BadInputException e = ImportTestKit.fails(cache, good, truncated);

        assertThat(e.file()).isEqualTo(truncated);
        assertThat(e.getMessage()).contains("Archive.mbox.gz").containsIgnoringCase("truncated");
        assertThat(bulkSnapshot()).isEqualTo(before);
        assertThat(ImportTestKit.dump(cache)).isEqualTo(dumpBefore);
        assertThat(bulkRows()).containsExactly(
                "news@shop.example 2026-11-12 bcl=5 inbox=1",
                "promo@deals.example 2026-11-12 bcl=7 inbox=1");
    }

    @Test
    void smallTruncatedGzippedMboxFailsToo() throws Exception {
        run(cache, file("earlier/Newsletters.mbox", threeMessageMbox()));
        String before = bulkSnapshot();
        byte[] whole = gzip(utf8("From a " + SEP_DATE + "\n" + bulk("cut@x.example", 5, DATE)));
        Path truncated = bytes("batch/Cut.mbox.gz", Arrays.copyOf(whole, whole.length - 12));

        BadInputException e = ImportTestKit.fails(cache, file("batch/Ok.mbox", "From z " + SEP_DATE + "\n"
                + bulk("ok@x.example", 2, DATE)), truncated);

        assertThat(e.file()).isEqualTo(truncated);
        assertThat(e.getMessage()).contains("Cut.mbox.gz");
        assertThat(bulkSnapshot()).isEqualTo(before);
    }
}
