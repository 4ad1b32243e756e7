package org.mailflow.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import did, file by file: rows imported, content recognised as imported before, and the
 * bad rows that were skipped (the first {@value #EXAMPLES} with their line numbers, and how many).
 * For SMTP AUTH files it also tells the submissions the rows stand for: a row may carry a count.
 * For logs it tells the lines read, the submissions and failed authentications found, and the lines
 * passed over as not relevant; for mailboxes the messages read, the bulk messages imported and the
 * messages without a BCL (skipped, SPEC 5). Message files found in a folder (Maildir, {@code .eml})
 * are told per folder, not per file.
 */
public record ImportSummary(List<FileResult> files) {
    /** Bad rows listed per file; the rest are only counted. */
    public static final int EXAMPLES = 10;

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

    public record BadRow(long line, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + reason;
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
     * @param rows            CSV rows imported; for a mailbox, the bulk messages imported; 0 for a log
     * @param badRowCount     bad rows, bad log lines or bad messages skipped
     * @param badRows         the first {@value #EXAMPLES} of them with their line numbers
     * @param firstNewLine    for {@link Status#CONTINUED}, the first line that was new
     * @param submissions     SMTP AUTH submissions added (the sum of the rows' counts); 0 for other formats
     * @param authFailures    failed authentications found in a log
     * @param read            lines of a log, or messages of a mailbox, read (the new ones when continued)
     * @param passedOver      log lines that are not relevant; mailbox messages without a BCL
     * @param alreadyImported message files of a folder recognised as imported before
     * @param note            why a {@link Status#SKIPPED} file was passed over; null otherwise
     * @param mailbox         for a mailbox, what its headers said beyond the bulk messages; {@link MailboxCounts#NONE} otherwise
     */
    public record FileResult(Path file, String format, Status status, long rows, long badRowCount, List<BadRow> badRows,
                             long firstNewLine, long submissions, long authFailures, long read, long passedOver,
                             long alreadyImported, String note, MailboxCounts mailbox) {
        public FileResult {
            mailbox = mailbox == null ? MailboxCounts.NONE : mailbox;
        }

        /** A result of a file that is not a mailbox. */
        public FileResult(Path file, String format, Status status, long rows, long badRowCount, List<BadRow> badRows,
                          long firstNewLine, long submissions, long authFailures, long read, long passedOver,
                          long alreadyImported, String note) {
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
        static FileResult skipped(Path file, String why) {
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
    }

    /** CSV rows imported. */
    public long rows() {
        return files.stream().filter(f -> f.kind() == ImportFormat.Kind.CSV).mapToLong(FileResult::rows).sum();
    }

    /** Bulk messages imported from mailboxes. */
    public long bulkMessages() {
        return files.stream().filter(f -> f.kind() == ImportFormat.Kind.MAILBOX).mapToLong(FileResult::rows).sum();
    }

    /** Failed authentications imported from logs. */
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
     * A plain-text account, one paragraph per file, as printed by {@code import}. SMTP AUTH files add
     * their submissions to the format in brackets ({@code (smtp-auth, 12 submissions)}), and so does the
     * total when SMTP AUTH files were imported, so the output of other formats is as it always was.
     * Logs and mailboxes tell what they held in their own words; files passed over in folders are
     * listed together at the end.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (FileResult f : files) {
            if (f.status() == Status.SKIPPED) {
                continue;
            }
            sb.append(f.file()).append(": ");
            ImportFormat.Kind kind = f.kind();
            if (f.status() == Status.ALREADY_IMPORTED) {
                sb.append("already imported, nothing added");
            } else if (kind == ImportFormat.Kind.LOG) {
                sb.append(count(f.submissions(), "submission")).append(" and ").append(count(f.authFailures(), "failed authentication"))
                        .append(" imported (").append(f.format()).append(", ").append(count(f.read(), f.status() == Status.CONTINUED
                                ? "new line" : "line")).append(" read, ").append(String.format(java.util.Locale.ROOT, "%,d", f.passedOver()))
                        .append(" not about SMTP AUTH");
                if (f.status() == Status.CONTINUED) {
                    sb.append("; from line ").append(f.firstNewLine()).append(" on, the lines before were imported earlier");
                }
                sb.append(')');
            } else if (kind == ImportFormat.Kind.MAILBOX) {
                sb.append(count(f.rows(), "bulk message")).append(" imported (").append(f.format()).append(", ")
                        .append(count(f.read(), f.status() == Status.CONTINUED ? "new message" : "message")).append(" read, ")
                        .append(String.format(java.util.Locale.ROOT, "%,d", f.passedOver())).append(" without a BCL skipped");
                if (f.alreadyImported() > 0) {
                    sb.append(", ").append(String.format(java.util.Locale.ROOT, "%,d", f.alreadyImported())).append(" imported before");
                }
                MailboxCounts m = f.mailbox();
                if (m.datesSetAside() > 0) {
                    sb.append(", ").append(String.format(java.util.Locale.ROOT, "%,d", m.datesSetAside()))
                            .append(" with a forged or unreadable Date: dated by Received: (else the From line or the file's time)");
                }
                if (m.allowedEvents() + m.blockedEvents() > 0) {
                    sb.append(", ").append(count(m.allowedEvents(), "safe-sender event")).append(" (SFV:SFE) and ")
                            .append(count(m.blockedEvents(), "blocked-sender event")).append(" (SFV:BLK) added as feedback");
                }
                if (f.status() == Status.CONTINUED) {
                    sb.append("; from line ").append(f.firstNewLine()).append(" on, the messages before were imported earlier");
                }
                sb.append(')');
            } else if (f.status() == Status.IMPORTED) {
                sb.append(f.rows()).append(f.rows() == 1 ? " row" : " rows").append(" imported (").append(f.format())
                        .append(submissions(f)).append(')');
            } else {
                sb.append(f.rows()).append(f.rows() == 1 ? " new row" : " new rows")
                        .append(" imported from line ").append(f.firstNewLine()).append(" on (").append(f.format()).append(submissions(f))
                        .append("; the lines before were imported earlier)");
            }
            sb.append('\n');
            if (f.badRowCount() > 0) {
                String what = kind == ImportFormat.Kind.LOG ? "line" : kind == ImportFormat.Kind.MAILBOX ? "message" : "row";
                sb.append("  ").append(f.badRowCount()).append(" bad ").append(f.badRowCount() == 1 ? what : what + "s").append(" skipped");
                sb.append(f.badRowCount() > f.badRows().size() ? ", the first " + f.badRows().size() + ":" : ":").append('\n');
                for (BadRow b : f.badRows()) {
                    sb.append("    ").append(b).append('\n');
                }
            }
        }
        List<FileResult> skipped = skipped();
        if (!skipped.isEmpty()) {
            sb.append(count(skipped.size(), "file")).append(" in the folders passed over (not a log, mailbox or CSV this version reads):\n");
            skipped.stream().limit(EXAMPLES).forEach(f -> sb.append("    ").append(f.file()).append(": ").append(f.note()).append('\n'));
            if (skipped.size() > EXAMPLES) {
                sb.append("    … and ").append(skipped.size() - EXAMPLES).append(" more\n");
            }
        }
        if (hasRealSources()) {
            sb.append("Total: ").append(count(submissions(), "SMTP AUTH submission")).append(", ")
                    .append(count(authFailures(), "failed authentication")).append(", ").append(count(bulkMessages(), "bulk message"));
            if (files.stream().anyMatch(f -> f.kind() == ImportFormat.Kind.CSV)) {
                sb.append(", ").append(count(rows(), "CSV row"));
            }
            sb.append(" imported");
        } else {
            sb.append("Total: ").append(rows()).append(rows() == 1 ? " row" : " rows").append(" imported");
            if (files.stream().anyMatch(f -> f.smtpAuth() && f.status() != Status.ALREADY_IMPORTED)) {
                sb.append(" (").append(submissions()).append(" SMTP AUTH ").append(submissions() == 1 ? "submission" : "submissions").append(')');
            }
        }
        if (badRows() > 0) {
            sb.append(", ").append(badRows()).append(" bad ").append(hasRealSources() ? "lines, messages or rows " : badRows() == 1 ? "row " : "rows ")
                    .append("skipped");
        }
        sb.append('\n');
        return sb.toString();
    }

    private static String count(long n, String noun) {
        return String.format(java.util.Locale.ROOT, "%,d", n) + " " + (n == 1 ? noun : noun + "s");
    }

    /** ", 12 submissions" after the format of an SMTP AUTH file; nothing for other formats. */
    private static String submissions(FileResult f) {
        if (!f.smtpAuth()) {
            return "";
        }
        return ", " + f.submissions() + (f.submissions() == 1 ? " submission" : " submissions");
    }
}
