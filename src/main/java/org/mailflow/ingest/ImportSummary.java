package org.mailflow.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mailflow.model.UserText;

/**
 * What an import did, file by file: rows imported, content recognised as imported before, and the
 * bad rows that were skipped (the first {@value #EXAMPLES} with their line numbers, and how many).
 * For SMTP AUTH files it also tells the submissions the rows stand for: a row may carry a count.
 * For logs it tells the lines read, the submissions and failed authentications found, and the lines
 * passed over as not relevant; for mailboxes the messages read, the bulk messages imported and the
 * messages without a BCL (skipped, SPEC 5); for the Microsoft 365 exports the rows read, the bulk
 * messages imported, the rows passed over (outbound mail, no BCL) and the messages an earlier import
 * or an overlapping export had counted already. Message files found in a folder (Maildir, {@code .eml})
 * are told per folder, not per file.
 */
public record ImportSummary(List<FileResult> files, long logSubmissions, long logVersionUnknown) {
    /** Bad rows listed per file; the rest are only counted. */
    public static final int EXAMPLES = 10;

    /**
     * Above this share of the submissions read from logs without a known TLS version ({@code TLS} or
     * {@code unknown}), the summary says which setting would log it (SPEC 2).
     */
    public static final double VERSION_UNKNOWN_NOTE = 0.2;

    /** A summary of files without logs. */
    public ImportSummary(List<FileResult> files) {
        this(files, 0, 0);
    }

    /** True when more than {@value #VERSION_UNKNOWN_NOTE} of the log submissions have no known TLS version. */
    public boolean versionMostlyUnknown() {
        return logSubmissions > 0 && logVersionUnknown > VERSION_UNKNOWN_NOTE * logSubmissions;
    }

    public enum Status {
        /** The whole file was new and was imported. */
        IMPORTED,
        /** The same content was imported before: nothing was added. */
        ALREADY_IMPORTED,
        /** The file has grown since an earlier import: only the lines after it were imported. */
        CONTINUED,
        /** A file found in a folder that is not in a format this version reads: passed over. */
        SKIPPED
    }

    /** A bad row, line or message skipped, and why (translated where it is shown). */
    public record BadRow(long line, UserText text) {
        /** The reason in the environment's language. */
        public String reason() {
            return text.toString();
        }

        @Override
        public String toString() {
            return UserText.of("summary.badRow", line, text).toString();
        }
    }

    /**
     * What the headers of a mailbox's messages said beyond the bulk messages themselves.
     *
     * @param datesSetAside   bulk messages whose {@code Date:} was forged or unreadable, dated by their
     *                        {@code Received:} stamp, the mbox separator or the file's time instead
     * @param allowedEvents   {@code user_allowed} events from {@code SFV:SFE} (the sender was on the
     *                        recipient's safe senders list)
     * @param blockedEvents   {@code user_blocked} events from {@code SFV:BLK} (on the blocked senders list)
     */
    public record MailboxCounts(long datesSetAside, long allowedEvents, long blockedEvents) {
        /** Nothing to tell: every file that is not a mailbox. */
        public static final MailboxCounts NONE = new MailboxCounts(0, 0, 0);
    }

    /**
     * @param format          the format's token ({@code bulk}, {@code postfix}, …), or null when not read
     * @param rows            CSV rows imported; for a mailbox or a Microsoft 365 export, the bulk messages
     *                        imported; 0 for a log
     * @param badRowCount     bad rows, bad log lines or bad messages skipped
     * @param badRows         the first {@value #EXAMPLES} of them with their line numbers
     * @param firstNewLine    for {@link Status#CONTINUED}, the first line that was new
     * @param submissions     SMTP AUTH submissions added (the sum of the rows' counts); 0 for other formats
     * @param authFailures    failed authentications found in a log or imported from an {@code auth-failures} CSV
     * @param read            lines of a log, messages of a mailbox, or rows of a Microsoft 365 export, read
     *                        (the new ones when continued)
     * @param passedOver      log lines that are not relevant; mailbox messages without a BCL; export rows of
     *                        outbound mail or without a BCL
     * @param alreadyImported message files of a folder recognised as imported before; export rows whose
     *                        message an earlier import, or an earlier row, counted already
     * @param noteText        why a {@link Status#SKIPPED} file was passed over; null otherwise
     * @param mailbox         for a mailbox, what its headers said beyond the bulk messages; {@link MailboxCounts#NONE} otherwise
     */
    public record FileResult(Path file, String format, Status status, long rows, long badRowCount, List<BadRow> badRows,
                             long firstNewLine, long submissions, long authFailures, long read, long passedOver,
                             long alreadyImported, UserText noteText, MailboxCounts mailbox) {
        public FileResult {
            mailbox = mailbox == null ? MailboxCounts.NONE : mailbox;
        }

        /** Why a {@link Status#SKIPPED} file was passed over, in the environment's language; null otherwise. */
        public String note() {
            return noteText == null ? null : noteText.toString();
        }

        /** A result of a file that is not a mailbox. */
        public FileResult(Path file, String format, Status status, long rows, long badRowCount, List<BadRow> badRows,
                          long firstNewLine, long submissions, long authFailures, long read, long passedOver,
                          long alreadyImported, UserText note) {
            this(file, format, status, rows, badRowCount, badRows, firstNewLine, submissions, authFailures, read, passedOver,
                    alreadyImported, note, MailboxCounts.NONE);
        }

        /** A result of a CSV. */
        public FileResult(Path file, String format, Status status, long rows, long badRowCount, List<BadRow> badRows,
                          long firstNewLine, long submissions) {
            this(file, format, status, rows, badRowCount, badRows, firstNewLine, submissions, 0, 0, 0, 0, null);
        }

        /** A result of a CSV of a format other than SMTP AUTH. */
        public FileResult(Path file, String format, Status status, long rows, long badRowCount, List<BadRow> badRows,
                          long firstNewLine) {
            this(file, format, status, rows, badRowCount, badRows, firstNewLine, 0);
        }

        /** A file found in a folder and passed over, and why. */
        static FileResult skipped(Path file, UserText why) {
            return new FileResult(file, null, Status.SKIPPED, 0, 0, List.of(), 0, 0, 0, 0, 0, 0, why);
        }

        /** The kind of the format read, or null when none was. */
        public ImportFormat.Kind kind() {
            return format == null ? null : ImportFormat.ofToken(format).map(ImportFormat::kind).orElse(null);
        }

        /** True when the file was read as an SMTP AUTH format, so its submissions are worth telling. */
        public boolean smtpAuth() {
            return format != null && ImportFormat.ofToken(format).map(ImportFormat::smtpAuth).orElse(false);
        }

        /** True when the file was read as a Microsoft 365 export, whose rows are bulk messages. */
        public boolean messageExport() {
            return format != null && ImportFormat.ofToken(format).map(ImportFormat::messageExport).orElse(false);
        }

        /** True when the file was read as an {@code auth-failures} CSV, whose rows are failed authentications. */
        public boolean failures() {
            return ImportFormat.AUTH_FAILURES.token().equals(format);
        }
    }

    /** Rows imported from the canonical CSVs and Microsoft's SmtpCSReport (not the Microsoft 365 exports, whose rows are messages). */
    public long rows() {
        return files.stream().filter(f -> f.kind() == ImportFormat.Kind.CSV && !f.messageExport()).mapToLong(FileResult::rows).sum();
    }

    /** Bulk messages imported from mailboxes and Microsoft 365 exports. */
    public long bulkMessages() {
        return files.stream().filter(f -> f.kind() == ImportFormat.Kind.MAILBOX || f.messageExport()).mapToLong(FileResult::rows).sum();
    }

    /** Failed authentications imported from logs and {@code auth-failures} CSVs. */
    public long authFailures() {
        return files.stream().mapToLong(FileResult::authFailures).sum();
    }

    /** Files found in folders and passed over. */
    public List<FileResult> skipped() {
        return files.stream().filter(f -> f.status() == Status.SKIPPED).toList();
    }

    /** True when logs or mailboxes were read, whose totals are told differently from rows. */
    public boolean hasRealSources() {
        return files.stream().anyMatch(f -> f.kind() == ImportFormat.Kind.LOG || f.kind() == ImportFormat.Kind.MAILBOX);
    }

    /** SMTP AUTH submissions added by the whole import. */
    public long submissions() {
        return files.stream().mapToLong(FileResult::submissions).sum();
    }

    public long badRows() {
        return files.stream().mapToLong(FileResult::badRowCount).sum();
    }

    /**
     * A plain-text account, one paragraph per file, as printed by {@code import}, in the language of
     * the environment ({@link #text(boolean)}).
     */
    public String describe() {
        return text(false).toString();
    }

    /**
     * The account of the import, to translate where it is shown: the command line prints it in the
     * environment's language, the import dialog in the app's (the one place the summary is built).
     * One paragraph per file; SMTP AUTH files add their submissions to the format in brackets
     * ({@code (smtp-auth, 12 submissions)}), and so does the total when SMTP AUTH files were imported.
     * Logs and mailboxes tell what they held in their own words; files passed over in folders are
     * listed together at the end. Each line ends with a line feed.
     *
     * @param fileNamesOnly name each file by its name (the dialog) instead of the path given (the command line)
     */
    public UserText text(boolean fileNamesOnly) {
        List<Object> out = new ArrayList<>();
        for (FileResult f : files) {
            if (f.status() == Status.SKIPPED) {
                continue;
            }
            String name = String.valueOf(fileNamesOnly ? f.file().getFileName() : f.file());
            ImportFormat.Kind kind = f.kind();
            boolean continued = f.status() == Status.CONTINUED;
            if (f.status() == Status.ALREADY_IMPORTED) {
                out.add(UserText.of("summary.already", name));
            } else if (kind == ImportFormat.Kind.LOG && f.submissions() == 0 && f.authFailures() == 0 && f.badRowCount() == 0) {
                // a mail log of other programs (opendkim, dovecot, amavis): read, and recognised next time
                out.add(UserText.of(continued ? "summary.logNothingContinued" : "summary.logNothing", name, f.passedOver()));
            } else if (kind == ImportFormat.Kind.LOG) {
                out.add(UserText.of(continued ? "summary.logContinued" : "summary.log", name, f.submissions(), f.authFailures(),
                        f.format(), f.read(), f.passedOver(), f.firstNewLine()));
            } else if (kind == ImportFormat.Kind.MAILBOX) {
                List<Object> more = new ArrayList<>();
                if (f.alreadyImported() > 0) {
                    more.add(UserText.of("summary.mailbox.before", f.alreadyImported()));
                }
                MailboxCounts m = f.mailbox();
                if (m.datesSetAside() > 0) {
                    more.add(UserText.of("summary.mailbox.dates", m.datesSetAside()));
                }
                if (m.allowedEvents() + m.blockedEvents() > 0) {
                    more.add(UserText.of("summary.mailbox.feedback", m.allowedEvents(), m.blockedEvents()));
                }
                out.add(UserText.of(continued ? "summary.mailboxContinued" : "summary.mailbox", name, f.rows(), f.format(), f.read(),
                        f.passedOver(), concat(more), f.firstNewLine()));
            } else if (f.messageExport()) {
                out.add(UserText.of(continued ? "summary.exportContinued" : "summary.export", name, f.rows(), f.format(), f.read(),
                        f.passedOver(), f.alreadyImported(), f.firstNewLine()));
            } else if (f.status() == Status.IMPORTED) {
                out.add(UserText.of("summary.csv", name, f.rows(), f.format(), submissions(f)));
            } else {
                out.add(UserText.of("summary.csvContinued", name, f.rows(), f.firstNewLine(), f.format(), submissions(f)));
            }
            out.add("\n");
            if (f.badRowCount() > 0) {
                String what = kind == ImportFormat.Kind.LOG ? "lines" : kind == ImportFormat.Kind.MAILBOX ? "messages" : "rows";
                out.add("  ");
                out.add(UserText.of("summary.bad." + what, f.badRowCount(), f.badRowCount() > f.badRows().size()
                        ? UserText.of("summary.bad.first", f.badRows().size()) : UserText.of("summary.bad.all")));
                out.add("\n");
                for (BadRow b : f.badRows()) {
                    out.add("    ");
                    out.add(UserText.of("summary.badRow", b.line(), b.text()));
                    out.add("\n");
                }
            }
        }
        List<FileResult> skipped = skipped();
        if (!skipped.isEmpty()) {
            out.add(UserText.of("summary.skipped", skipped.size()));
            out.add("\n");
            skipped.stream().limit(EXAMPLES).forEach(f -> {
                out.add("    ");
                out.add(UserText.of("summary.skippedFile", String.valueOf(fileNamesOnly ? f.file().getFileName() : f.file()), f.noteText()));
                out.add("\n");
            });
            if (skipped.size() > EXAMPLES) {
                out.add("    ");
                out.add(UserText.of("summary.more", skipped.size() - EXAMPLES));
                out.add("\n");
            }
        }
        if (hasRealSources()) {
            out.add(files.stream().anyMatch(f -> f.kind() == ImportFormat.Kind.CSV)
                    ? UserText.of("summary.total.realCsv", submissions(), authFailures(), bulkMessages(), rows())
                    : UserText.of("summary.total.real", submissions(), authFailures(), bulkMessages()));
        } else {
            boolean exports = files.stream().anyMatch(FileResult::messageExport);
            boolean others = files.stream().anyMatch(f -> f.kind() == ImportFormat.Kind.CSV && !f.messageExport());
            if (others || !exports) {
                List<Object> smtp = new ArrayList<>();
                if (files.stream().anyMatch(f -> f.smtpAuth() && !f.failures() && f.status() != Status.ALREADY_IMPORTED)) {
                    smtp.add(UserText.of("summary.total.submissions", submissions()));
                }
                if (files.stream().anyMatch(f -> f.failures() && f.status() != Status.ALREADY_IMPORTED)) {
                    smtp.add(UserText.of("summary.failures", authFailures()));
                }
                Object inBrackets = smtp.isEmpty() ? "" : UserText.of("summary.total.brackets", list(smtp));
                out.add(exports ? UserText.of("summary.total.rowsAndBulk", rows(), bulkMessages(), inBrackets)
                        : UserText.of("summary.total.rows", rows(), inBrackets));
            } else {
                out.add(UserText.of("summary.total.bulk", bulkMessages()));
            }
        }
        if (badRows() > 0) {
            out.add(UserText.of(hasRealSources() ? "summary.total.badReal" : "summary.total.badRows", badRows()));
        }
        out.add("\n");
        if (versionMostlyUnknown()) {
            out.add(UserText.of("summary.versionUnknown", logVersionUnknown, logSubmissions));
            out.add("\n");
        }
        return concat(out);
    }

    /**
     * The parts one after the other, each translated in the language the whole is shown in; joined
     * as a balanced tree, so that a summary of many files does not nest deeply.
     */
    private static UserText concat(List<Object> parts) {
        return concat(parts, 0, parts.size());
    }

    private static UserText concat(List<Object> parts, int from, int to) {
        if (to - from <= 2) {
            return UserText.of("summary.concat", from < to ? parts.get(from) : "", from + 1 < to ? parts.get(from + 1) : "");
        }
        int middle = (from + to) >>> 1;
        return UserText.of("summary.concat", concat(parts, from, middle), concat(parts, middle, to));
    }

    /** The parts as a list ({@code a, b}). */
    private static UserText list(List<Object> parts) {
        UserText all = UserText.of("summary.concat", parts.get(0), "");
        for (Object part : parts.subList(1, parts.size())) {
            all = UserText.of("summary.list", all, part);
        }
        return all;
    }

    /** ", 12 submissions" after the format of an SMTP AUTH file (", 12 failed authentications" for auth-failures); nothing for other formats. */
    private static Object submissions(FileResult f) {
        if (f.failures()) {
            return UserText.of("summary.fileFailures", f.authFailures());
        }
        if (!f.smtpAuth()) {
            return "";
        }
        return UserText.of("summary.fileSubmissions", f.submissions());
    }
}
