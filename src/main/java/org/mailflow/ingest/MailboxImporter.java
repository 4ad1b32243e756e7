package org.mailflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailflow.cache.SourceStore;
import org.mailflow.ingest.mailbox.MailboxMessage;
import org.mailflow.ingest.mailbox.MboxSplitter;
import org.mailflow.ingest.mailbox.MessageHeaders;

/**
 * Imports bulk messages from mailboxes (SPEC 5, "Mailboxes"): an mbox file, or one message file
 * ({@code .eml}, or a file of a Maildir). Only headers are read. A message with a BCL is one bulk
 * message of its {@code From:} sender, on the day of its {@code Date:} (else of the mbox
 * separator's date, else of the file's modification time), delivered as its folder or its EOP
 * verdict says ({@link org.mailflow.ingest.mailbox.MailboxDelivery}); one without a BCL is counted as
 * skipped; one whose BCL cannot be read, or that has no sender, is reported with its line number.
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
        String folder = ImportInputs.mboxFolderOf(source.path());
        long fileTime = modified(source);
        MessageDigest digest = Fingerprints.sha256();
        long[] lengthAndLines = new long[2];
        Tally tally = new Tally();
        try (InputStream raw = source.content(progress::bytes);
             InputStream hashed = new Hashing(raw, digest, lengthAndLines, new TextEncoding(StandardCharsets.UTF_8, 0).lineCounter());
             ReadAhead ahead = new ReadAhead(hashed, source.path().getFileName().toString())) {
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
                String separator = m.separator();
                MessageHeaders headers = MessageHeaders.parse(m.headers(), MessageHeaders.BULK_FIELDS);
                tally.add(target, m.lineNumber(), MailboxMessage.of(folder, headers), () -> {
                    Long separatorTime = asctime(separator);
                    return separatorTime != null ? separatorTime : fileTime;
                });
            }
            ahead.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw source.failure(e, 0);
        }
        SourceStore.insert(target.c(), Fingerprints.hex(digest.digest()), lengthAndLines[0], Fingerprints.headHash(head, headLength),
                Fingerprints.leadHash(head, headLength), lengthAndLines[1], ImportFormat.MBOX.token(),
                source.path().getFileName().toString(), tally.bulk);
        ImportSummary.Status status = skip == 0 ? ImportSummary.Status.IMPORTED : ImportSummary.Status.CONTINUED;
        return tally.result(source.path(), ImportFormat.MBOX, status, skip + 1);
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
        if (headLength < SourceStore.HEAD_BYTES) {
            digest.update(head, 0, headLength); // the head is the whole file
            length = headLength;
            headers = MessageHeaders.parse(java.util.Arrays.copyOf(head, headLength), MessageHeaders.BULK_FIELDS);
            progress.bytes(source.rawSize());
        } else {
            long[] lengthAndLines = new long[2];
            try (InputStream raw = source.content(progress::bytes);
                 InputStream hashed = new Hashing(raw, digest, lengthAndLines, new TextEncoding(StandardCharsets.UTF_8, 0).lineCounter())) {
                headers = MessageHeaders.parse(hashed);
                hashed.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw source.failure(e, 0);
            }
            length = lengthAndLines[0];
        }
        String hash = Fingerprints.hex(digest.digest());
        if (SourceStore.exists(target.c(), hash)) {
            tally.alreadyImported++;
            return;
        }
        int before = tally.bulk;
        long fileTime = modified(source);
        tally.add(target, 1, MailboxMessage.of(folder, headers), () -> fileTime);
        SourceStore.insert(target.c(), hash, length, Fingerprints.headHash(head, headLength), Fingerprints.leadHash(head, headLength),
                0, ImportFormat.MESSAGE.token(), source.path().getFileName().toString(), tally.bulk - before);
    }

    /** What the messages of one mbox, or of one folder of message files, came to. */
    static final class Tally {
        int bulk;
        long read;
        long skipped;
        long bad;
        long alreadyImported;
        final List<ImportSummary.BadRow> examples = new ArrayList<>();

        /** Adds one message; {@code fallbackTime} is asked only when the message has no readable {@code Date:}. */
        void add(ImportJob.Target target, long lineNumber, MailboxMessage m, java.util.function.LongSupplier fallbackTime)
                throws SQLException {
            read++;
            switch (m.status()) {
                case SKIPPED -> skipped++;
                case MALFORMED -> {
                    bad++;
                    if (examples.size() < ImportSummary.EXAMPLES) {
                        examples.add(new ImportSummary.BadRow(lineNumber, m.reason()));
                    }
                }
                case BULK -> {
                    long when = m.epochSecond() != null ? m.epochSecond() : fallbackTime.getAsLong();
                    target.bulk().addMessages(target.bulk().senderId(m.sender()), Math.floorDiv(when, 86_400L), m.bcl(),
                            m.delivery().ordinal(), 1);
                    bulk++;
                }
            }
        }

        ImportSummary.FileResult result(java.nio.file.Path path, ImportFormat format, ImportSummary.Status status, long firstNewLine) {
            return new ImportSummary.FileResult(path, format.token(), status, bulk, bad, List.copyOf(examples), firstNewLine, 0, 0,
                    read, skipped, alreadyImported, null);
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
            return Files.getLastModifiedTime(source.path()).toInstant().getEpochSecond();
        } catch (IOException e) {
            throw source.failure(e, 0);
        }
    }
}
