package org.mailflow.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic mbox (mboxrd, LF line ends) of mail delivered by Exchange Online, for the import
 * benchmark and the mailbox tests, deterministic per seed and written as a stream.
 *
 * <p>Each message starts with a {@code From sender asctime} separator line ({@code Thu Oct  1 08:30:12 2026})
 * and has the headers of real Exchange Online mail, about 6-9 KB of them: folded {@code Received:}
 * chains, {@code Authentication-Results}, ARC and DKIM signatures, the {@code X-MS-Exchange-*}
 * headers, {@code X-Microsoft-Antispam: BCL:n;…} (most messages), {@code X-Forefront-Antispam-Report:
 * CIP:…;CTRY:…;LANG:en;SCL:1;SRV:BULK;IPV:NLI;SFV:NSPM;…;CAT:BULK;…} (folded after the name as Exchange
 * writes it, verdicts matching the BCL), long folded {@code X-Microsoft-Antispam-Message-Info} and
 * {@code X-Microsoft-Antispam-Mailbox-Delivery} headers ({@code dest:I}, {@code dest:J}, now and then
 * {@code dest:C}), and a {@code From:} whose display name is sometimes RFC 2047 encoded. Internal
 * messages (about 8 %) have no {@code X-Microsoft-Antispam} header (half of them an
 * {@code X-Microsoft-Antispam-Untrusted} one with a BCL, which counts).
 *
 * <p>The shapes the importer must read as real systems write them are mixed in: about 8 % of external
 * messages crossed another Microsoft 365 tenant and carry that tenant's verdicts as
 * {@code X-Microsoft-Antispam-Untrusted} and {@code X-Forefront-Antispam-Report-Untrusted} beside
 * this tenant's own (which win), 3 % only the {@code -Untrusted} ones (Outlook.com); about 1.5 % of
 * external messages were let through by the recipient's safe senders list ({@code SFV:SFE}) or junked
 * by the blocked senders list ({@code SFV:BLK}); about 10 % of bulk senders write {@code From:} as
 * spam does ({@code Name , <a@b>}, {@code "x@y", <a@b>}, {@code a@b (Name)}, {@code <a@b> (Name, Inc.)},
 * {@code "Name" a@b}) and 1 % with no address at all (an encoded name only); and 2 % of messages
 * have a forged {@code Date:} (eleven years ahead, 1970, or unreadable). {@link Result} counts them.
 *
 * <p>Bodies are text/plain (quoted-printable), or multipart/alternative with a quoted-printable HTML
 * part; about 3 % are multipart/mixed with one or two base64 attachments of 50 KB to 2 MB. Messages
 * average about 60 KB. Body lines that begin with {@code From } (or {@code >From }) are written with
 * one more {@code >} (mboxrd), so they never start a message. Bodies are slices of text, HTML and
 * base64 drawn once per run, which keeps the generator fast.
 *
 * <p>Addresses are fictitious ({@code .example} domains); client addresses are from the documentation
 * and shared ranges.
 */
public final class MboxGenerator {
    /** The time of the first message. */
    public static final LocalDateTime DEFAULT_START = LocalDateTime.of(2026, 10, 1, 0, 0, 0);
    /** The organisation whose mailbox this is. */
    public static final String RECIPIENT_DOMAIN = "contoso.example";

    /**
     * What was written.
     *
     * @param messages        messages (separator lines)
     * @param messagesWithBcl messages with an {@code X-Microsoft-Antispam} header that has a {@code BCL}
     * @param bytes           bytes written
     * @param escapedFromLines body lines written as {@code >From } or {@code >>From } (mboxrd escapes)
     * @param attachments     base64 attachments
     * @param messagesWithoutSender messages with a BCL whose {@code From:} holds no address (bad messages to the import)
     * @param forgedDates     messages with a BCL and a sender whose {@code Date:} is forged (years ahead, 1970) or unreadable
     * @param safeSenders     messages with a BCL and a sender that Exchange let through by the safe senders list ({@code SFV:SFE})
     * @param blockedSenders  messages with a BCL and a sender it junked by the blocked senders list ({@code SFV:BLK})
     */
    public record Result(long messages, long messagesWithBcl, long bytes, long escapedFromLines, long attachments,
                         long messagesWithoutSender, long forgedDates, long safeSenders, long blockedSenders) {
    }

    /**
     * Changes whenever the bytes written for a seed and size change, so that files generated earlier
     * are not taken for current ones.
     */
    public static final int OUTPUT_VERSION = 2;

    private final long seed;
    private final LocalDateTime start;

    /** A generator whose first message is dated {@link #DEFAULT_START}. */
    public MboxGenerator(long seed) {
        this(seed, DEFAULT_START);
    }

    /** A generator whose first message is dated {@code start} (UTC). */
    public MboxGenerator(long seed, LocalDateTime start) {
        this.seed = seed;
        this.start = start;
    }

    /** Writes an mbox of at least {@code targetBytes} (whole messages) to {@code file}. */
    public Result write(Path file, long targetBytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return write(out, targetBytes);
        }
    }

    /**
     * Writes an mbox of at least {@code targetBytes} to {@code out}, which is neither buffered further
     * nor closed (the generator writes in large blocks). The same seed, start and size give the same bytes.
     */
    public Result write(OutputStream out, long targetBytes) throws IOException {
        return new Run(out, targetBytes).run();
    }

    // --- vocabulary -----------------------------------------------------------------------------

    private static final String[] WORDS = ("the of and to in a is that for it as was with be by on not he this are or his from at"
            + " which but have an they you were their one all we can her has there been if more when will would who so no"
            + " offer new your order shipping free today now save deal week account update account team members customers"
            + " product service report meeting project please thanks regards schedule review invoice delivery season sale"
            + " winter autumn collection discover limited time exclusive access newsletter event webinar register invite"
            + " security notice password policy change support request ticket resolved status summary quarter results").split(" ");
    private static final String[] FIRST = {"Anna", "Ben", "Chloe", "David", "Elena", "Felix", "Grace", "Hugo", "Ines", "Jack",
        "Kai", "Lara", "Mateo", "Nina", "Omar", "Priya", "Rosa", "Sam", "Tara", "Victor", "Wei", "Yara", "Zoe"};
    private static final String[] LAST = {"Abbott", "Bauer", "Costa", "Dubois", "Fischer", "Garcia", "Hansen", "Ito", "Jansen",
        "Khan", "Larsen", "Meyer", "Nguyen", "Okafor", "Patel", "Rossi", "Santos", "Tanaka", "Wagner", "Zhang"};
    /** Display names that are written RFC 2047 encoded (they are not ASCII). */
    private static final String[] NON_ASCII = {"Müller Reisen", "Café Élan", "東京ストア", "Zoë's Bücherstube", "Señor Ofertas",
        "Ærø Rejser", "Łódź Deals", "Beijing 商城", "Ünal Teknoloji", "Crème Brûlée Club"};
    private static final String[] ORG = {"northwind", "tailspin", "wingtip", "woodgrove", "fourthcoffee", "proseware", "lucerne",
        "alpineski", "litware", "adatum", "fabrikam", "treyresearch", "coho", "margies", "humongous", "cityPower", "fineart",
        "graphicdesign", "blueyonder", "relecloud", "wideworld", "munson", "bestforyou", "southridge", "lamna", "consolidated"};
    private static final String[] KIND = {"shop", "news", "travel", "bank", "media", "deals", "store", "club", "events", "cloud"};
    private static final String[] LOCAL = {"news", "newsletter", "offers", "noreply", "no-reply", "info", "hello", "deals",
        "updates", "marketing", "team", "notifications", "events", "digest"};
    private static final String[] COUNTRIES = {"US", "US", "US", "GB", "DE", "FR", "NL", "IE", "JP", "CN", "BR", "IN"};
    private static final String[] ZONES = {"+0000", "+0000", "+0000 (UTC)", "-0700 (PDT)", "+0200", "+0100", "-0400", "+0900"};
    private static final String[] SUBJECTS = {"Your weekly deals", "Last chance: %d%% off everything", "Order #%d has shipped",
        "Invitation: product webinar", "Your statement is ready", "New arrivals this week", "Security notice for your account",
        "Monthly newsletter", "Reminder: meeting on Thursday", "Re: project status", "Your receipt #%d", "Flash sale ends tonight"};
    private static final String[] FIRST_DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    /** One bulk or personal sender and how Exchange Online rates it. */
    private record Sender(String address, String fromHeader, String domain, String ip, String helo, int bcl, String country,
                          boolean internal, boolean hasAddress) {
    }

    /** A block of text lines (LF-ended) to copy slices of, with the line starts and the escaped lines before each. */
    private static final class Pool {
        final byte[] bytes;
        final int[] starts;
        final int[] escapedBefore;

        Pool(byte[] bytes) {
            this.bytes = bytes;
            int n = 0;
            for (byte b : bytes) {
                if (b == '\n') {
                    n++;
                }
            }
            starts = new int[n + 1];
            escapedBefore = new int[n + 1];
            int line = 0;
            int escaped = 0;
            starts[0] = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (i == starts[line] && isEscapedFrom(bytes, i)) {
                    escaped++;
                }
                if (bytes[i] == '\n') {
                    line++;
                    starts[line] = i + 1;
                    escapedBefore[line] = escaped;
                }
            }
        }

        private static boolean isEscapedFrom(byte[] b, int at) {
            int i = at;
            while (i < b.length && b[i] == '>') {
                i++;
            }
            return i > at && i + 5 <= b.length && b[i] == 'F' && b[i + 1] == 'r' && b[i + 2] == 'o' && b[i + 3] == 'm' && b[i + 4] == ' ';
        }
    }

    /** The state of one {@link #write(OutputStream, long)}. */
    private final class Run {
        private final OutputStream out;
        private final long target;
        private final SplittableRandom rnd;
        private final byte[] buf = new byte[1 << 20];
        private int pos;
        private long bytes;
        private long messages;
        private long withBcl;
        private long withoutSender;
        private long forgedDates;
        private long safeSenders;
        private long blockedSenders;
        private boolean forgedDate; // of the message being written
        private long senderLists;
        private long forgedKinds;
        private long escaped;
        private long attachments;
        private long clock;
        private final Pool text;
        private final Pool html;
        private final Pool base64;
        private final String noise;
        private final Sender[] senders;
        private final String[] recipients;

        Run(OutputStream out, long target) {
            this.out = out;
            this.target = target;
            this.rnd = new SplittableRandom(seed);
            this.clock = start.toEpochSecond(ZoneOffset.UTC);
            StringBuilder n = new StringBuilder(1 << 16);
            for (int i = 0; i < 1 << 16; i++) {
                n.append(B64[rnd.nextInt(64)]);
            }
            this.noise = n.toString();
            this.text = new Pool(textPool(600_000));
            this.html = new Pool(htmlPool(1_500_000));
            this.base64 = new Pool(base64Pool(2_300_000));
            this.senders = senders();
            this.recipients = new String[120];
            for (int i = 0; i < recipients.length; i++) {
                recipients[i] = FIRST[i % FIRST.length].toLowerCase(Locale.ROOT) + "." + LAST[(i * 7) % LAST.length].toLowerCase(Locale.ROOT)
                        + (i >= FIRST.length * 2 ? Integer.toString(i) : "") + "@" + RECIPIENT_DOMAIN;
            }
        }

        Result run() throws IOException {
            while (bytes + pos < target) {
                message();
            }
            flush();
            return new Result(messages, withBcl, bytes, escaped, attachments, withoutSender, forgedDates, safeSenders, blockedSenders);
        }

        private void message() throws IOException {
            clock += 5 + rnd.nextInt(170);
            Sender s = senders[rnd.nextInt(senders.length)];
            String to = recipients[rnd.nextInt(recipients.length)];
            LocalDateTime received = LocalDateTime.ofEpochSecond(clock, 0, ZoneOffset.UTC);
            int bcl = s.bcl;
            if (bcl > 0 && rnd.nextInt(8) == 0) {
                bcl = Math.max(1, Math.min(9, bcl + rnd.nextInt(3) - 1));
            }
            String boundary = "_000_" + hex(24) + "_";
            String mixed = "_mix_" + hex(20) + "_";
            int shape = rnd.nextInt(100); // < 25 text only, else alternative; attachments on top
            int attach = rnd.nextInt(100) < 3 ? (rnd.nextInt(4) == 0 ? 2 : 1) : 0;

            ascii("From " + (s.internal ? s.address : "bounces+" + hex(10) + "@" + s.domain) + " " + asctime(received) + "\n");
            StringBuilder h = new StringBuilder(9000);
            headers(h, s, to, received, bcl, attach > 0 ? mixed : shape < 25 ? null : boundary, attach > 0);
            utf8(h);
            if (attach > 0) {
                ascii("This is a multi-part message in MIME format.\n\n--" + mixed + "\n");
            }
            if (shape < 25) {
                if (attach > 0) {
                    ascii("Content-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\n");
                }
                slice(text, 1_000 + rnd.nextInt(8_000));
            } else {
                if (attach > 0) {
                    ascii("Content-Type: multipart/alternative;\n\tboundary=\"" + boundary + "\"\n\n");
                }
                ascii("--" + boundary + "\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\n");
                slice(text, 1_500 + rnd.nextInt(5_000));
                ascii("\n--" + boundary + "\nContent-Type: text/html; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\n");
                slice(html, 6_000 + rnd.nextInt(40_000));
                ascii("\n--" + boundary + "--\n");
            }
            for (int a = 0; a < attach; a++) {
                String name = (rnd.nextInt(2) == 0 ? "Invoice-" + (10_000 + rnd.nextInt(90_000)) + ".pdf" : "brochure_" + hex(4) + ".pdf");
                ascii("\n--" + mixed + "\nContent-Type: application/pdf; name=\"" + name + "\"\nContent-Description: " + name
                        + "\nContent-Disposition: attachment; filename=\"" + name + "\"; size=" + (50_000 + rnd.nextInt(2_000_000))
                        + ";\n\tcreation-date=\"" + rfc5322(received, "+0000") + "\"\nContent-Transfer-Encoding: base64\n\n");
                // 50 KB to 2 MB decoded, spread evenly on a log scale.
                int decoded = (int) Math.round(50_000 * Math.pow(40, rnd.nextDouble()));
                slice(base64, decoded / 3 * 4);
                attachments++;
            }
            if (attach > 0) {
                ascii("\n--" + mixed + "--\n");
            }
            ascii("\n");
            messages++;
        }

        private void headers(StringBuilder h, Sender s, String to, LocalDateTime received, int bcl, String boundary, boolean mixed) {
            String msx = "namprd" + (10 + rnd.nextInt(9)) + ".prod.outlook.com";
            String mailbox = "DM" + (4 + rnd.nextInt(5)) + "PR" + (10 + rnd.nextInt(9)) + "MB" + (1000 + rnd.nextInt(9000)) + "." + msx;
            String frontend = "BN" + (1 + rnd.nextInt(9)) + "PEPF0000" + (1000 + rnd.nextInt(9000)) + "." + msx;
            String cas = "SN" + (6 + rnd.nextInt(3)) + "PR" + (10 + rnd.nextInt(9)) + "CA" + (1000 + rnd.nextInt(9000)) + "." + msx;
            String ipv6 = "2603:10b6:" + rnd.nextInt(999) + ":" + hex(2) + "::" + rnd.nextInt(99);
            String r0 = rfc5322(received, "+0000");
            String cipher = "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)";
            String netId = uuid();
            h.append("Received: from ").append(mailbox).append(" (").append(ipv6).append(")\n by ").append(cas)
                    .append(" with HTTPS; ").append(r0).append('\n');
            h.append("Received: from ").append(cas).append(" (").append(ipv6).append(") by\n ").append(mailbox)
                    .append(" with Microsoft SMTP Server\n ").append(cipher).append(" id 15.20.").append(7000 + rnd.nextInt(999))
                    .append('.').append(rnd.nextInt(40)).append(";\n ").append(r0).append('\n');
            h.append("Received: from ").append(frontend).append("\n (").append(ipv6).append(") by ").append(cas).append("\n (")
                    .append(ipv6).append(") with Microsoft SMTP Server ").append(cipher).append(" id 15.20.")
                    .append(7000 + rnd.nextInt(999)).append(".20 via Frontend\n Transport; ").append(r0).append('\n');
            if (!s.internal) {
                h.append("Authentication-Results: spf=pass (sender IP is ").append(s.ip).append(")\n smtp.mailfrom=").append(s.domain)
                        .append("; dkim=pass (signature was verified)\n header.d=").append(s.domain)
                        .append(";dmarc=pass action=none\n header.from=").append(s.domain).append(";compauth=pass reason=100\n");
                h.append("Received-SPF: Pass (protection.outlook.com: domain of ").append(s.domain).append("\n designates ")
                        .append(s.ip).append(" as permitted sender)\n receiver=protection.outlook.com; client-ip=").append(s.ip)
                        .append(";\n helo=").append(s.helo).append("; pr=C\n");
                h.append("Received: from ").append(s.helo).append(" (").append(s.ip).append(") by\n ").append(frontend)
                        .append(" (10.167.").append(rnd.nextInt(256)).append('.').append(rnd.nextInt(256))
                        .append(") with Microsoft SMTP\n Server ").append(cipher).append(" id\n 15.20.")
                        .append(7000 + rnd.nextInt(999)).append(".20 via Frontend Transport; ").append(r0).append('\n');
                h.append("ARC-Seal: i=1; a=rsa-sha256; s=arcselector10001; d=microsoft.com; cv=none;\n b=");
                fold(h, 340, " ");
                h.append("ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=microsoft.com;\n s=arcselector10001;"
                        + "\n h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-AntiSpam-MessageData-ChunkCount:"
                        + "X-MS-Exchange-AntiSpam-MessageData-0:X-MS-Exchange-AntiSpam-MessageData-1;\n bh=")
                        .append(noise, 0, 43).append("=;\n b=");
                fold(h, 340, " ");
                h.append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=").append(s.domain).append("; s=s")
                        .append(1 + rnd.nextInt(3)).append(";\n\tt=").append(clock - 5).append(";\n\th=from:to:subject:date:message-id:"
                        + "mime-version:content-type:list-unsubscribe:list-unsubscribe-post;\n\tbh=").append(noise, 100, 143)
                        .append("=;\n\tb=");
                fold(h, 344, "\t");
            }
            h.append("From: ").append(s.fromHeader).append('\n');
            h.append("To: ").append(to).append('\n');
            String subject = SUBJECTS[rnd.nextInt(SUBJECTS.length)];
            if (subject.contains("%d")) {
                subject = subject.replace("%d", Integer.toString(10 + rnd.nextInt(90_000)));
            }
            if (rnd.nextInt(10) == 0) {
                h.append("Subject: =?UTF-8?B?").append(Base64.getEncoder().encodeToString(("★ " + subject)
                        .getBytes(StandardCharsets.UTF_8))).append("?=\n");
            } else {
                h.append("Subject: ").append(subject).append('\n');
            }
            h.append("Thread-Topic: ").append(subject).append('\n');
            // About 2 % of messages, the three kinds in turn.
            int dateShape = rnd.nextInt(100) < 2 ? (int) (forgedKinds++ % 3) : 3;
            forgedDate = dateShape < 3;
            if (dateShape == 0) {
                // Spam dated years ahead, to stay at the top of a mailbox sorted by date.
                h.append("Date: ").append(rfc5322(received.plusYears(11), "+0000")).append('\n');
            } else if (dateShape == 1) {
                h.append("Date: Thu, 01 Jan 1970 00:00:00 +0000\n"); // a client without a clock
            } else if (dateShape == 2) {
                h.append("Date: ").append(received.getDayOfMonth() + 40).append(" Oct 2026 25:61:00 +0000\n"); // unreadable
            } else {
                h.append("Date: ").append(rfc5322(received.minusSeconds(1 + rnd.nextInt(30)), ZONES[rnd.nextInt(ZONES.length)])).append('\n');
            }
            h.append("Message-ID: <").append(hex(16)).append('.').append(hex(8)).append('@').append(s.domain).append(">\n");
            if (!s.internal && s.bcl > 0) {
                h.append("List-Unsubscribe: <https://").append(s.domain).append("/u/").append(hex(32)).append(">,\n <mailto:unsubscribe-")
                        .append(hex(12)).append('@').append(s.domain).append(">\n");
                h.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click\n");
                h.append("Precedence: bulk\n");
            }
            h.append("Content-Language: en-US\n");
            h.append(mixed ? "X-MS-Has-Attach: yes\n" : "X-MS-Has-Attach:\n");
            h.append("X-MS-TNEF-Correlator:\n");
            h.append("MIME-Version: 1.0\n");
            if (boundary == null) {
                h.append("Content-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n");
            } else {
                h.append("Content-Type: multipart/").append(mixed ? "mixed" : "alternative").append(";\n\tboundary=\"")
                        .append(boundary).append("\"\n");
            }
            h.append("Return-Path: ").append(s.internal ? s.address : "bounces+" + hex(10) + "@" + s.domain).append('\n');
            h.append("X-MS-Exchange-Organization-ExpirationStartTime: ").append(exchangeTime(received)).append('\n');
            h.append("X-MS-Exchange-Organization-ExpirationStartTimeReason: OriginalSubmit\n");
            h.append("X-MS-Exchange-Organization-ExpirationInterval: 1:00:00:00.0000000\n");
            h.append("X-MS-Exchange-Organization-ExpirationIntervalReason: OriginalSubmit\n");
            h.append("X-MS-Exchange-Organization-Network-Message-Id:\n\t").append(netId).append('\n');
            h.append("X-EOPAttributedMessage: 0\n");
            h.append("X-EOPTenantAttributedMessage: ").append(uuid()).append(":0\n");
            h.append("X-MS-Exchange-Organization-MessageDirectionality: ").append(s.internal ? "Originating" : "Incoming").append('\n');
            h.append("X-MS-PublicTrafficType: Email\n");
            h.append("X-MS-TrafficTypeDiagnostic:\n\t").append(frontend, 0, frontend.indexOf('.')).append(":EE_|")
                    .append(mailbox, 0, mailbox.indexOf('.')).append(":EE_\n");
            h.append("X-MS-Exchange-Organization-AuthSource:\n\t").append(frontend).append('\n');
            h.append("X-MS-Exchange-Organization-AuthAs: ").append(s.internal ? "Internal" : "Anonymous").append('\n');
            h.append("X-MS-Office365-Filtering-Correlation-Id: ").append(netId).append('\n');
            int scl = bcl >= 7 ? 6 : s.internal ? -1 : 1;
            boolean spam = !s.internal && bcl == 0 && rnd.nextInt(40) == 0;
            if (spam) {
                scl = 5 + rnd.nextInt(5);
            }
            // The recipient's safe senders (SFE) and blocked senders (BLK) lists: Exchange skips filtering.
            // About 2 % of external messages, safe and blocked in turn, so that a small mbox has both.
            int list = s.internal || spam || rnd.nextInt(100) >= 2 ? 0 : 1 + (int) (senderLists++ % 2);
            String sfv = spam ? "SPM" : list == 1 ? "SFE" : list == 2 ? "BLK" : bcl >= 7 ? "BULK" : "NSPM";
            if (list > 0) {
                scl = list == 1 ? -1 : 6;
                if (s.hasAddress) {
                    if (list == 1) {
                        safeSenders++;
                    } else {
                        blockedSenders++;
                    }
                }
            }
            h.append("X-MS-Exchange-Organization-SCL: ").append(scl).append('\n');
            if (!s.internal) {
                // < 8: crossed another Microsoft 365 tenant, whose verdicts come renamed -Untrusted beside
                // this tenant's own; < 11: only the -Untrusted ones (Outlook.com).
                int tenant = rnd.nextInt(100);
                if (tenant < 11) {
                    boolean other = tenant < 8; // the sending tenant's own, different verdict, which must not count
                    h.append("X-Microsoft-Antispam-Untrusted: BCL:").append(other ? 0 : bcl).append(";ARA:13230040|366016|1800799024|376014;\n");
                    h.append("X-Forefront-Antispam-Report-Untrusted:\n\tCIP:255.255.255.255;CTRY:;LANG:en;SCL:").append(other ? 1 : scl)
                            .append(";SRV:;IPV:NLI;SFV:").append(other ? "NSPM" : sfv).append(";H:").append(s.helo)
                            .append(";PTR:;CAT:NONE;SFS:(13230040)(366016)(1800799024)(376014);DIR:OUT;SFP:1102;\n");
                    h.append("X-MS-Exchange-Transport-CrossTenantHeadersStripped: ").append(frontend, 0, frontend.indexOf('.')).append('\n');
                }
                if (tenant < 8 || tenant >= 11) {
                    h.append("X-Microsoft-Antispam: BCL:").append(bcl).append(";ARA:13230040|4022899009|").append(1800799024 + rnd.nextInt(9))
                            .append("|376014|69100299015|8096899003;\n");
                    String bulk = bcl >= 4 ? "BULK" : "";
                    String cat = spam ? "SPM" : bcl >= 4 ? "BULK" : "NONE";
                    h.append("X-Forefront-Antispam-Report:\n\tCIP:").append(s.ip).append(";CTRY:").append(s.country).append(";LANG:en;SCL:")
                            .append(scl).append(";SRV:").append(bulk).append(";IPV:NLI;SFV:").append(sfv).append(";H:").append(s.helo)
                            .append(";PTR:").append(s.helo).append(";CAT:").append(cat)
                            .append(";SFS:(13230040)(4022899009)(1800799024)(376014)(69100299015)(8096899003);DIR:INB;\n");
                }
                withBcl++;
                if (!s.hasAddress) {
                    withoutSender++;
                } else if (forgedDate) {
                    forgedDates++;
                }
            } else {
                if (rnd.nextInt(2) == 0) {
                    // Internal mail: this tenant's verdict under the -Untrusted name, which counts (SPEC 5).
                    h.append("X-Microsoft-Antispam-Untrusted: BCL:0;ARA:13230040|366016|1800799024|376014;\n");
                    withBcl++;
                    if (forgedDate) {
                        forgedDates++;
                    }
                }
                h.append("X-Forefront-Antispam-Report-Untrusted:\n\tCIP:255.255.255.255;CTRY:;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:")
                        .append(mailbox).append(";PTR:;CAT:NONE;SFS:(13230040)(366016)(1800799024)(376014);DIR:INT;\n");
            }
            h.append("X-MS-Exchange-CrossTenant-OriginalArrivalTime: ").append(exchangeTime(received)).append('\n');
            h.append("X-MS-Exchange-CrossTenant-Network-Message-Id: ").append(netId).append('\n');
            h.append("X-MS-Exchange-CrossTenant-Id: 72f988bf-86f1-41af-91ab-2d7cd011db47\n");
            h.append("X-MS-Exchange-CrossTenant-AuthSource:\n\t").append(frontend).append('\n');
            h.append("X-MS-Exchange-CrossTenant-AuthAs: ").append(s.internal ? "Internal" : "Anonymous").append('\n');
            h.append("X-MS-Exchange-CrossTenant-FromEntityHeader: ").append(s.internal ? "Hosted" : "Internet").append('\n');
            h.append("X-MS-Exchange-Transport-CrossTenantHeadersStamped: ").append(mailbox, 0, mailbox.indexOf('.')).append('\n');
            h.append("X-MS-Exchange-Transport-EndToEndLatency: 00:00:0").append(rnd.nextInt(10)).append('.')
                    .append(1_000_000 + rnd.nextInt(8_999_999)).append('\n');
            h.append("X-MS-Exchange-Processed-By-BccFoldering: 15.20.").append(7000 + rnd.nextInt(999)).append(".000\n");
            // dest: J Junk Email, I Inbox, C a folder the user's rule chose (then the verdicts decide).
            String dest = rnd.nextInt(50) == 0 ? "C" : scl >= 5 ? "J" : "I";
            h.append("X-Microsoft-Antispam-Mailbox-Delivery:\n\tucf:0;jmr:0;auth:0;dest:").append(dest)
                    .append(dest.equals("J") ? ";OFR:SpamFilterAuthJ" : dest.equals("C") ? ";OFR:CustomRules" : "")
                    .append(";ENG:(910001)(944506478)(944626604)(920097)(930097)(3100021)(140003)(1420198);")
                    .append(dest.equals("J") ? "RF:JunkEmail;" : "").append('\n');
            h.append("X-Microsoft-Antispam-Message-Info:\n\t");
            fold(h, 1_200 + rnd.nextInt(2_400), "\t");
            h.append('\n');
        }

        /** {@code chars} base64-ish characters in lines of 76, continued with {@code indent}; ends the header line. */
        private void fold(StringBuilder h, int chars, String indent) {
            int at = rnd.nextInt(noise.length() - chars - 1);
            int done = 0;
            while (done < chars) {
                int n = Math.min(76, chars - done);
                if (done > 0) {
                    h.append('\n').append(indent);
                }
                h.append(noise, at + done, at + done + n);
                done += n;
            }
            h.append('\n');
        }

        private Sender[] senders() {
            Sender[] out = new Sender[1500];
            for (int i = 0; i < out.length; i++) {
                String domain;
                boolean internal = i % 12 == 0;
                if (internal) {
                    domain = RECIPIENT_DOMAIN;
                } else {
                    int d = rnd.nextInt(400);
                    domain = (d % 3 == 0 ? "mail." : d % 3 == 1 ? "email." : "") + ORG[d % ORG.length] + "-" + KIND[(d / ORG.length) % KIND.length]
                            + (d >= ORG.length * KIND.length ? "-" + d : "") + ".example";
                }
                String first = FIRST[rnd.nextInt(FIRST.length)];
                String last = LAST[rnd.nextInt(LAST.length)];
                String local = internal ? first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) : LOCAL[rnd.nextInt(LOCAL.length)];
                String address = local + "@" + domain;
                String brand = Character.toUpperCase(ORG[i % ORG.length].charAt(0)) + ORG[i % ORG.length].substring(1);
                String from;
                int style = rnd.nextInt(10);
                if (internal) {
                    from = first + " " + last + " <" + address + ">";
                } else if (style < 2) {
                    String name = NON_ASCII[rnd.nextInt(NON_ASCII.length)];
                    from = (rnd.nextInt(2) == 0 ? "=?UTF-8?B?" + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8))
                            + "?=" : "=?utf-8?Q?" + qEncode(name) + "?=") + " <" + address + ">";
                } else if (style < 6) {
                    from = "\"" + brand + " " + KIND[rnd.nextInt(KIND.length)] + "\" <" + address + ">";
                } else if (style < 9) {
                    from = brand + " <" + address + ">";
                } else {
                    from = address;
                }
                // The shapes real spam writes From: in, which a strict reader takes a display name for.
                int odd = internal ? 99 : rnd.nextInt(100);
                if (odd < 3) {
                    from = brand + " , <" + address + ">";
                } else if (odd < 5) {
                    from = "\"service@" + ORG[(i + 7) % ORG.length] + "-bank.example\", <" + address + ">";
                } else if (odd < 7) {
                    from = address + " (" + brand + ")";
                } else if (odd < 9) {
                    from = "<" + address + "> (" + brand + ", Inc.)";
                } else if (odd < 11) {
                    from = "\"" + brand + "\" " + address;
                }
                boolean hasAddress = odd != 11;
                if (!hasAddress) {
                    // No address at all: the message is reported, never counted under a name.
                    from = "=?UTF-8?B?" + Base64.getEncoder().encodeToString((brand + " Kundenservice").getBytes(StandardCharsets.UTF_8)) + "?=";
                }
                int r = rnd.nextInt(100);
                int bcl = internal ? 0 : r < 35 ? 0 : r < 45 ? 1 + rnd.nextInt(3) : r < 75 ? 4 + rnd.nextInt(3) : 7 + rnd.nextInt(3);
                String ip = (rnd.nextInt(2) == 0 ? "198.51.100." : "100." + (64 + rnd.nextInt(64)) + "." + rnd.nextInt(256) + ".")
                        + (1 + rnd.nextInt(254));
                String helo = "mta" + rnd.nextInt(200) + "." + domain;
                out[i] = new Sender(address, from, domain, ip, helo, bcl, COUNTRIES[rnd.nextInt(COUNTRIES.length)], internal, hasAddress);
            }
            return out;
        }

        // --- pools ------------------------------------------------------------------------------

        /** Quoted-printable-safe prose in lines of at most 76 characters, some starting with "From " (escaped). */
        private byte[] textPool(int size) {
            StringBuilder b = new StringBuilder(size + 200);
            while (b.length() < size) {
                int words = 4 + rnd.nextInt(10);
                StringBuilder line = new StringBuilder(80);
                int r = rnd.nextInt(60);
                if (r == 0) {
                    line.append("From the desk of ").append(FIRST[rnd.nextInt(FIRST.length)]).append(':');
                } else if (r == 1) {
                    line.append(">From ").append(LAST[rnd.nextInt(LAST.length)]).append(", quoted:");
                } else if (r < 4) {
                    line.append("> ");
                }
                for (int w = 0; w < words && line.length() < 68; w++) {
                    if (line.length() > 0 && line.charAt(line.length() - 1) != ' ') {
                        line.append(' ');
                    }
                    line.append(WORDS[rnd.nextInt(WORDS.length)]);
                }
                if (rnd.nextInt(12) == 0) {
                    line.append(" =E2=80=94 ").append(WORDS[rnd.nextInt(WORDS.length)]);
                }
                b.append(escape(line.toString())).append('\n');
                if (rnd.nextInt(6) == 0) {
                    b.append('\n');
                }
            }
            return b.toString().getBytes(StandardCharsets.US_ASCII);
        }

        /** Quoted-printable HTML (soft line breaks, {@code =3D}) of a marketing mail. */
        private byte[] htmlPool(int size) {
            StringBuilder raw = new StringBuilder(size + 4000);
            while (raw.length() < size) {
                raw.append("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
                        + "<style>body{margin:0;padding:0;font-family:Arial,Helvetica,sans-serif}.btn{background:#0078d4;color:#fff}"
                        + "</style></head><body><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\">");
                int rows = 5 + rnd.nextInt(20);
                for (int r = 0; r < rows; r++) {
                    raw.append("<tr><td style=\"padding:12px 24px;font-size:14px;line-height:20px;color:#323130\">");
                    int words = 20 + rnd.nextInt(60);
                    for (int w = 0; w < words; w++) {
                        raw.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ');
                    }
                    if (rnd.nextInt(3) == 0) {
                        raw.append("<a class=\"btn\" href=\"https://click.example/ls/click?upn=").append(noiseFree(48))
                                .append("\">Shop now</a>");
                    }
                    raw.append("</td></tr>");
                }
                raw.append("</table><img src=\"https://open.example/o/").append(noiseFree(32))
                        .append(".gif\" width=\"1\" height=\"1\" alt=\"\"></body></html>\n");
            }
            StringBuilder qp = new StringBuilder(size + size / 8);
            int col = 0;
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\n') {
                    qp.append('\n');
                    col = 0;
                    continue;
                }
                int width = c == '=' ? 3 : 1;
                if (col + width > 75) {
                    qp.append("=\n");
                    col = 0;
                }
                if (c == '=') {
                    qp.append("=3D");
                } else {
                    qp.append(c);
                }
                col += width;
            }
            String[] lines = qp.toString().split("\n", -1);
            StringBuilder out = new StringBuilder(qp.length() + 100);
            for (int i = 0; i < lines.length - 1; i++) {
                out.append(escape(lines[i])).append('\n');
            }
            return out.toString().getBytes(StandardCharsets.US_ASCII);
        }

        private byte[] base64Pool(int decodedSize) {
            byte[] raw = new byte[decodedSize];
            for (int i = 0; i < raw.length; i += 8) {
                long v = rnd.nextLong();
                for (int k = 0; k < 8 && i + k < raw.length; k++) {
                    raw[i + k] = (byte) (v >>> (8 * k));
                }
            }
            return (Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII);
        }

        /** Letters and digits from the noise, for URLs. */
        private String noiseFree(int n) {
            int at = rnd.nextInt(noise.length() - n);
            return noise.substring(at, at + n).replace('+', 'x').replace('/', 'y');
        }

        /** mboxrd: a line that is {@code >*From } gets one more {@code >}. */
        private String escape(String line) {
            int i = 0;
            while (i < line.length() && line.charAt(i) == '>') {
                i++;
            }
            return line.startsWith("From ", i) ? ">" + line : line;
        }

        // --- pieces -----------------------------------------------------------------------------

        private String qEncode(String s) {
            StringBuilder b = new StringBuilder();
            for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
                int c = x & 0xff;
                if (c == ' ') {
                    b.append('_');
                } else if (c < 128 && Character.isLetterOrDigit(c)) {
                    b.append((char) c);
                } else {
                    b.append('=').append(Character.toUpperCase(HEX[c >> 4])).append(Character.toUpperCase(HEX[c & 15]));
                }
            }
            return b.toString();
        }

        /** {@code Thu Oct  1 08:30:12 2026}. */
        private String asctime(LocalDateTime t) {
            int d = t.getDayOfMonth();
            return FIRST_DAYS[t.getDayOfWeek().getValue() - 1] + " " + MONTHS[t.getMonthValue() - 1] + (d < 10 ? "  " : " ") + d + " "
                    + two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond()) + " " + t.getYear();
        }

        /** {@code Thu, 1 Oct 2026 08:30:12 +0000} for the UTC time {@code t} shown in {@code zone} ({@code +0200}, {@code -0700 (PDT)}). */
        private String rfc5322(LocalDateTime t, String zone) {
            int sign = zone.charAt(0) == '-' ? -1 : 1;
            int minutes = sign * (Integer.parseInt(zone.substring(1, 3)) * 60 + Integer.parseInt(zone.substring(3, 5)));
            LocalDateTime local = t.plusMinutes(minutes);
            DayOfWeek dow = local.getDayOfWeek();
            return dow.getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + ", " + local.getDayOfMonth() + " "
                    + MONTHS[local.getMonthValue() - 1] + " " + local.getYear() + " " + two(local.getHour()) + ":"
                    + two(local.getMinute()) + ":" + two(local.getSecond()) + " " + zone;
        }

        /** {@code 01 Oct 2026 08:30:11.1234 (UTC)}. */
        private String exchangeTime(LocalDateTime t) {
            return two(t.getDayOfMonth()) + " " + MONTHS[t.getMonthValue() - 1] + " " + t.getYear() + " " + two(t.getHour()) + ":"
                    + two(t.getMinute()) + ":" + two(t.getSecond()) + "." + (1000 + rnd.nextInt(9000)) + " (UTC)";
        }

        private String two(int v) {
            return v < 10 ? "0" + v : Integer.toString(v);
        }

        private String hex(int n) {
            char[] c = new char[n];
            for (int i = 0; i < n; i++) {
                c[i] = HEX[rnd.nextInt(16)];
            }
            return new String(c);
        }

        private String uuid() {
            String h = hex(32);
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20);
        }

        // --- writing ----------------------------------------------------------------------------

        /** Copies whole lines of {@code pool} from a random line on, at least {@code size} bytes (fewer if the pool is short). */
        private void slice(Pool pool, int size) throws IOException {
            int lines = pool.starts.length - 1;
            int last = Arrays.binarySearch(pool.starts, pool.bytes.length - size);
            int maxStart = Math.max(1, last < 0 ? -last - 2 : last);
            int first = rnd.nextInt(Math.min(lines, maxStart));
            int end = Arrays.binarySearch(pool.starts, pool.starts[first] + size);
            int endLine = Math.min(lines, end < 0 ? -end - 1 : end);
            int from = pool.starts[first];
            int to = pool.starts[endLine];
            escaped += pool.escapedBefore[endLine] - pool.escapedBefore[first];
            write(pool.bytes, from, to - from);
        }

        private void ascii(String s) throws IOException {
            int n = s.length();
            if (pos + n > buf.length) {
                flush();
            }
            if (n > buf.length) {
                write(s.getBytes(StandardCharsets.US_ASCII), 0, n);
                return;
            }
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
        }

        private void utf8(CharSequence s) throws IOException {
            byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
            write(b, 0, b.length);
        }

        private void write(byte[] b, int off, int len) throws IOException {
            if (pos + len > buf.length) {
                flush();
                if (len > buf.length / 2) {
                    out.write(b, off, len);
                    bytes += len;
                    return;
                }
            }
            System.arraycopy(b, off, buf, pos, len);
            pos += len;
        }

        private void flush() throws IOException {
            out.write(buf, 0, pos);
            bytes += pos;
            pos = 0;
        }
    }
}
