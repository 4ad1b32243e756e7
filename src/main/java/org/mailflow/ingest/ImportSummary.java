package org.mailflow.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import did, file by file: rows imported, content recognised as imported before, and the
 * bad rows that were skipped (the first {@value #EXAMPLES} with their line numbers, and how many).
 * For SMTP AUTH files it also tells the submissions the rows stand for: a row may carry a count.
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
        CONTINUED
    }

    public record BadRow(long line, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + reason;
        }
    }

    /**
     * @param format       the format's token ({@code bulk}, {@code events}, …), or null when not read
     * @param firstNewLine for {@link Status#CONTINUED}, the first line that was new
     * @param submissions  SMTP AUTH submissions added (the sum of the rows' counts); 0 for other formats
     */
    public record FileResult(Path file, String format, Status status, long rows, long badRowCount, List<BadRow> badRows,
                             long firstNewLine, long submissions) {
        /** A result of a format other than SMTP AUTH. */
        public FileResult(Path file, String format, Status status, long rows, long badRowCount, List<BadRow> badRows,
                          long firstNewLine) {
            this(file, format, status, rows, badRowCount, badRows, firstNewLine, 0);
        }

        /** True when the file was read as an SMTP AUTH format, so its submissions are worth telling. */
        public boolean smtpAuth() {
            return format != null && ImportFormat.ofToken(format).map(ImportFormat::smtpAuth).orElse(false);
        }
    }

    public long rows() {
        return files.stream().mapToLong(FileResult::rows).sum();
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
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (FileResult f : files) {
            sb.append(f.file()).append(": ");
            switch (f.status()) {
                case ALREADY_IMPORTED -> sb.append("already imported, nothing added");
                case IMPORTED -> sb.append(f.rows()).append(f.rows() == 1 ? " row" : " rows").append(" imported (").append(f.format())
                        .append(submissions(f)).append(')');
                case CONTINUED -> sb.append(f.rows()).append(f.rows() == 1 ? " new row" : " new rows")
                        .append(" imported from line ").append(f.firstNewLine()).append(" on (").append(f.format()).append(submissions(f))
                        .append("; the lines before were imported earlier)");
            }
            sb.append('\n');
            if (f.badRowCount() > 0) {
                sb.append("  ").append(f.badRowCount()).append(f.badRowCount() == 1 ? " bad row skipped" : " bad rows skipped");
                sb.append(f.badRowCount() > f.badRows().size() ? ", the first " + f.badRows().size() + ":" : ":").append('\n');
                for (BadRow b : f.badRows()) {
                    sb.append("    ").append(b).append('\n');
                }
            }
        }
        sb.append("Total: ").append(rows()).append(rows() == 1 ? " row" : " rows").append(" imported");
        if (files.stream().anyMatch(f -> f.smtpAuth() && f.status() != Status.ALREADY_IMPORTED)) {
            sb.append(" (").append(submissions()).append(" SMTP AUTH ").append(submissions() == 1 ? "submission" : "submissions").append(')');
        }
        if (badRows() > 0) {
            sb.append(", ").append(badRows()).append(" bad ").append(badRows() == 1 ? "row" : "rows").append(" skipped");
        }
        sb.append('\n');
        return sb.toString();
    }

    /** ", 12 submissions" after the format of an SMTP AUTH file; nothing for other formats. */
    private static String submissions(FileResult f) {
        if (!f.smtpAuth()) {
            return "";
        }
        return ", " + f.submissions() + (f.submissions() == 1 ? " submission" : " submissions");
    }
}
