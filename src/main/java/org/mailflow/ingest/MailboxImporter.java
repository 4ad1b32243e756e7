package org.mailflow.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailflow.bulk.FeedbackEvent;
import org.mailflow.cache.SourceStore;
import org.mailflow.ingest.mailbox.MailboxMessage;
import org.mailflow.ingest.mailbox.MboxSplitter;
import org.mailflow.ingest.mailbox.MessageDay;
import org.mailflow.ingest.mailbox.MessageHeaders;

/**
 * Imports bulk messages from mailboxes (SPEC 5, "Mailboxes"): an mbox file, or one message file
 * ({@code .eml}, or a file of a Maildir). Only headers are read. A message with a BCL is one bulk
 * message of its {@code From:} sender ({@link org.mailflow.ingest.mailbox.FromAddress}), on the day
 * {@link org.mailflow.ingest.mailbox.MessageDay} gives it, delivered as its folder or its headers say
 * ({@link org.mailflow.ingest.mailbox.MailboxDelivery}); its {@code SFV:SFE} or {@code SFV:BLK} adds
 * a {@code user_allowed} or {@code user_blocked} event of the sender on that day. One without a BCL
 * is counted as skipped; one whose BCL cannot be read, that has no sender, or whose header section
 * passes {@link MessageHeaders#MAX_HEADER_BYTES} is reported with the line it starts at (the
 * separator line in an mbox, 1 in a message file).
 *
 * <p>Lines may end in LF, CRLF or, in old Mac files, a lone CR ({@link CrLineEnds}, chosen by the
 * file's first 64 KiB).
 *
 * <p>An mbox grows by messages appended at its end, and is recognised like a log
 * ({@link Fingerprints}): only the messages whose separator lies after the old end are new. A
 * message file never grows; it is recognised by the hash of its whole content, so the same message
 * found in two places (copied between folders, or exported twice) counts once.
 */
final class MailboxImporter {
    private static final int CHECK_EVERY = 256;
    /** {@code Mon Nov 12 08:30:00 2026} (asctime) at the end of an mbox separator, an optional zone before the year. */
    private static final Pattern ASCTIME = Pattern.compile(
            "([A-Za-z]{3}) +(\\d{1,2}) (\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?: [^ ]+)? (\\d{4})\\s*$");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    private MailboxImporter() {
    }

    /** Imports an mbox file. */
    static ImportSummary.FileResult mbox(ImportJob.Target target, ContentSource source, Fingerprints.Verdict verdict,
                                         byte[] head, int headLength, ImportJob.FileProgress progress)
            throws BadInputException, ImportCancelledException, SQLException {
        long skip = verdict.skipLines();
        Tally tally = new Tally();
        MboxRead read = readMbox(source, skip, head, headLength, progress, (line, m) -> tally.add(target, line, m));
        SourceStore.insert(target.c(), read.sha256(), read.length(), Fingerprints.headHash(head, headLength),
                Fingerprints.leadHash(head, headLength), Fingerprints.prefixKey(head, headLength, read.length()), read.lineCount(),
                ImportFormat.MBOX.token(),
                source.path().getFileName().toString(), tally.bulk);
        ImportSummary.Status status = skip == 0 ? ImportSummary.Status.IMPORTED : ImportSummary.Status.CONTINUED;
        return tally.result(source.path(), ImportFormat.MBOX, status, skip + 1);
    }

    /** Receives the messages of an mbox, each with the line it starts at. */
    interface MessageSink {
        void message(long lineNumber, MailboxMessage m) throws SQLException;
    }

    /** What reading an mbox to its end measured: the SHA-256 (hex) of its bytes, their number and the lines. */
    record MboxRead(String sha256, long length, long lineCount) {
    }

    /**
     * Reads an mbox and gives {@code sink} each message that starts after line {@code skip} (those
     * before were imported when the mbox ended there); returns its fingerprint's figures.
     */
    static MboxRead readMbox(ContentSource source, long skip, byte[] head, int headLength, ImportJob.FileProgress progress,
                             MessageSink sink) throws BadInputException, ImportCancelledException, SQLException {
        String folder = ImportInputs.mboxFolderOf(source.path());
        long fileTime = modified(source);
        boolean crOnly = CrLineEnds.isCrOnly(head, headLength);
        MessageDigest digest = Fingerprints.sha256();
        long[] lengthAndLines = new long[2];
        CrLineEnds crLines = null;
        try (InputStream raw = source.content(progress::bytes);
             InputStream hashed = new Hashing(raw, digest, lengthAndLines,
                     crOnly ? null : new TextEncoding(StandardCharsets.UTF_8, 0).lineCounter())) {
            // The file's own bytes are hashed and measured; a CR-only file's lines are counted as read.
            InputStream lines = crOnly ? (crLines = new CrLineEnds(hashed)) : hashed;
            try (ReadAhead ahead = new ReadAhead(lines, source.path().getFileName().toString())) {
                // reading, hashing and counting lines run on the read-ahead thread, splitting and headers here
                MboxSplitter splitter = new MboxSplitter(ahead);
                MboxSplitter.Message m;
                long count = 0;
                while ((m = splitter.next()) != null) {
                    if ((++count & (CHECK_EVERY - 1)) == 0) {
                        progress.check();
                    }
                    if (m.lineNumber() <= skip) {
                        continue; // imported before, when the mbox ended after it
                    }
                    if (m.cutAtLine() > 0) {
                        sink.message(m.lineNumber(), MailboxMessage.cut(m.cutAtLine()));
                        continue;
                    }
                    String separator = m.separator();
                    MessageHeaders headers = MessageHeaders.parse(m.headers(), MessageHeaders.BULK_FIELDS);
                    sink.message(m.lineNumber(), MailboxMessage.of(folder, headers, fileTime, () -> {
                        Long separatorTime = asctime(separator);
                        return separatorTime != null ? separatorTime : MessageDay.NONE;
                    }));
                }
                ahead.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            throw source.failure(e, 0);
        }
        long lineCount = crLines != null ? crLines.lineFeeds() : lengthAndLines[1];
        return new MboxRead(Fingerprints.hex(digest.digest()), lengthAndLines[0], lineCount);
    }

    /**
     * Imports one message file, unless the same content was imported before; the result is added to
     * {@code tally}, which gathers the message files of one folder.
     */
    static void message(ImportJob.Target target, ContentSource source, String folder, byte[] head, int headLength,
                        Tally tally, ImportJob.FileProgress progress) throws BadInputException, SQLException {
        MessageDigest digest = Fingerprints.sha256();
        long length;
        MessageHeaders headers;
        boolean crOnly = CrLineEnds.isCrOnly(head, headLength);
        boolean whole = headLength < SourceStore.HEAD_BYTES;
        byte[] readAhead = source.preloadedSha256();
        String hashAhead = null;
        if (readAhead != null) {
            // read and hashed ahead on another thread (Prefetch): the headers wait until the message is known to be new
            hashAhead = Fingerprints.hex(readAhead);
            length = source.preloadedLength();
            headers = null;
            progress.bytes(source.rawSize());
        } else if (whole) {
            digest.update(head, 0, headLength); // the head is the whole file
            length = headLength;
            headers = null; // read below once the message is known to be new: a Maildir imported again parses nothing
            progress.bytes(source.rawSize());
        } else {
            long[] lengthAndLines = new long[2];
            try (InputStream raw = source.content(progress::bytes);
                 InputStream hashed = new Hashing(raw, digest, lengthAndLines, null);
                 InputStream in = new BufferedInputStream(crOnly ? new CrLineEnds(hashed) : hashed, 1 << 16)) {
                headers = MessageHeaders.parse(in);
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw source.failure(e, 0);
            }
            length = lengthAndLines[0];
        }
        String hash = hashAhead != null ? hashAhead : Fingerprints.hex(digest.digest());
        if (SourceStore.exists(target.c(), target.known(), hash)) {
            tally.alreadyImported++;
            return;
        }
        if (headers == null && !whole) {
            try (InputStream in = new BufferedInputStream(crOnly ? new CrLineEnds(source.content(n -> { })) : source.content(n -> { }),
                    1 << 16)) {
                headers = MessageHeaders.parse(in);
            } catch (IOException e) {
                throw source.failure(e, 0);
            }
        }
        if (headers == null) {
            byte[] content = java.util.Arrays.copyOf(head, headLength);
            if (crOnly) {
                CrLineEnds.convert(content, headLength);
            }
            headers = MessageHeaders.parse(content, MessageHeaders.BULK_FIELDS);
        }
        int before = tally.bulk;
        long fileTime = modified(source);
        tally.add(target, 1, MailboxMessage.of(folder, headers, fileTime, () -> MessageDay.NONE));
        // the head hash of a message that fits in its head is the hash of the whole message, just taken
        SourceStore.insert(target.c(), target.known(), hash, length, whole ? hash : Fingerprints.headHash(head, headLength),
                Fingerprints.leadHash(head, headLength), null, 0, ImportFormat.MESSAGE.token(), source.path().getFileName().toString(),
                tally.bulk - before);
    }

    /** What the messages of one mbox, or of one folder of message files, came to. */
    static final class Tally {
        int bulk;
        long read;
        long skipped;
        long bad;
        long alreadyImported;
        long datesSetAside;
        long allowedEvents;
        long blockedEvents;
        final List<ImportSummary.BadRow> examples = new ArrayList<>();

        /** Adds one message, found at line {@code lineNumber}. */
        void add(ImportJob.Target target, long lineNumber, MailboxMessage m) throws SQLException {
            read++;
            switch (m.status()) {
                case SKIPPED -> skipped++;
                case MALFORMED -> {
                    bad++;
                    if (examples.size() < ImportSummary.EXAMPLES) {
                        examples.add(new ImportSummary.BadRow(lineNumber, m.reasonText()));
                    }
                }
                case BULK -> {
                    long sender = target.bulk().senderId(m.sender());
                    long day = Math.floorDiv(m.epochSecond(), 86_400L);
                    target.bulk().addMessages(sender, day, m.bcl(), m.delivery().ordinal(), 1);
                    bulk++;
                    if (m.dateSetAside()) {
                        datesSetAside++;
                    }
                    if (m.feedback() == FeedbackEvent.USER_ALLOWED) {
                        allowedEvents++;
                    } else if (m.feedback() == FeedbackEvent.USER_BLOCKED) {
                        blockedEvents++;
                    }
                    if (m.feedback() != null) {
                        target.bulk().addEvent(sender, day, m.feedback(), 1);
                    }
                }
            }
        }

        ImportSummary.FileResult result(java.nio.file.Path path, ImportFormat format, ImportSummary.Status status, long firstNewLine) {
            return new ImportSummary.FileResult(path, format.token(), status, bulk, bad, List.copyOf(examples), firstNewLine, 0, 0,
                    read, skipped, alreadyImported, null, new ImportSummary.MailboxCounts(datesSetAside, allowedEvents, blockedEvents));
        }
    }

    /** The epoch second of the asctime date that ends an mbox separator line, or null. */
    static Long asctime(String separator) {
        if (separator == null || separator.isEmpty()) {
            return null;
        }
        Matcher m = ASCTIME.matcher(separator);
        if (!m.find()) {
            return null;
        }
        String mon = m.group(1).toLowerCase(Locale.ROOT);
        for (int i = 0; i < 12; i++) {
            if (MONTHS[i].equals(mon)) {
                try {
                    return LocalDateTime.of(Integer.parseInt(m.group(6)), i + 1, Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                            m.group(5) == null ? 0 : Integer.parseInt(m.group(5))).toEpochSecond(ZoneOffset.UTC);
                } catch (java.time.DateTimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static long modified(ContentSource source) throws BadInputException {
        try {
            return source.modifiedEpochSecond();
        } catch (IOException e) {
            throw source.failure(e, 0);
        }
    }
}
