package org.mailflow.ingest;

import java.nio.file.Path;
import java.util.List;

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
            } else if (kind == ImportFormat.Kind.LOG && f.submissions() == 0 && f.authFailures() == 0 && f.badRowCount() == 0) {
                // a mail log of other programs (opendkim, dovecot, amavis): read, and recognised next time
                sb.append("nothing about SMTP AUTH (a mail log, ").append(count(f.passedOver(),
                        f.status() == Status.CONTINUED ? "new line" : "line")).append(" passed over)");
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
            } else if (f.messageExport()) {
                sb.append(count(f.rows(), "bulk message")).append(" imported");
                if (f.status() == Status.CONTINUED) {
                    sb.append(" from line ").append(f.firstNewLine()).append(" on");
                }
                sb.append(" (").append(f.format()).append(", ").append(count(f.read(), f.status() == Status.CONTINUED ? "new row" : "row"))
                        .append(" read; ").append(String.format(java.util.Locale.ROOT, "%,d", f.passedOver()))
                        .append(" passed over as outbound or without a BCL; ")
                        .append(String.format(java.util.Locale.ROOT, "%,d", f.alreadyImported()))
                        .append(" counted already by an earlier import or an overlapping export");
                if (f.status() == Status.CONTINUED) {
                    sb.append("; the lines before were imported earlier");
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
            boolean exports = files.stream().anyMatch(FileResult::messageExport);
            boolean others = files.stream().anyMatch(f -> f.kind() == ImportFormat.Kind.CSV && !f.messageExport());
            sb.append("Total: ");
            if (others || !exports) {
                sb.append(rows()).append(rows() == 1 ? " row" : " rows");
                List<String> smtp = new java.util.ArrayList<>();
                if (files.stream().anyMatch(f -> f.smtpAuth() && !f.failures() && f.status() != Status.ALREADY_IMPORTED)) {
                    smtp.add(submissions() + " SMTP AUTH " + (submissions() == 1 ? "submission" : "submissions"));
                }
                if (files.stream().anyMatch(f -> f.failures() && f.status() != Status.ALREADY_IMPORTED)) {
                    smtp.add(count(authFailures(), "failed authentication"));
                }
                if (exports) {
                    sb.append(" and ").append(count(bulkMessages(), "bulk message"));
                }
                sb.append(" imported");
                if (!smtp.isEmpty()) {
                    sb.append(" (").append(String.join(", ", smtp)).append(')');
                }
            } else {
                sb.append(count(bulkMessages(), "bulk message")).append(" imported");
            }
        }
        if (badRows() > 0) {
            sb.append(", ").append(badRows()).append(" bad ").append(hasRealSources() ? "lines, messages or rows " : badRows() == 1 ? "row " : "rows ")
                    .append("skipped");
        }
        sb.append('\n');
        if (versionMostlyUnknown()) {
            sb.append(String.format(java.util.Locale.ROOT, "%,d of the %,d submissions from logs have no known TLS version "
                    + "(TLS or unknown): Postfix logs the version with smtpd_tls_loglevel = 1 (Exim's default log_selector "
                    + "already does)\n", logVersionUnknown, logSubmissions));
        }
        return sb.toString();
    }

    private static String count(long n, String noun) {
        return String.format(java.util.Locale.ROOT, "%,d", n) + " " + (n == 1 ? noun : noun + "s");
    }

    /** ", 12 submissions" after the format of an SMTP AUTH file (", 12 failed authentications" for auth-failures); nothing for other formats. */
    private static String submissions(FileResult f) {
        if (f.failures()) {
            return ", " + count(f.authFailures(), "failed authentication");
        }
        if (!f.smtpAuth()) {
            return "";
        }
        return ", " + f.submissions() + (f.submissions() == 1 ? " submission" : " submissions");
    }
}
