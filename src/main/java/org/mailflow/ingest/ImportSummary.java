package org.mailflow.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import did, file by file: rows imported, content recognised as imported before, and the
 * bad rows that were skipped (the first {@value #EXAMPLES} with their line numbers, and how many).
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
     */
    public record FileResult(Path file, String format, Status status, long rows, long badRowCount, List<BadRow> badRows,
                             long firstNewLine) {
    }

    public long rows() {
        return files.stream().mapToLong(FileResult::rows).sum();
    }

    public long badRows() {
        return files.stream().mapToLong(FileResult::badRowCount).sum();
    }

    /** A plain-text account, one paragraph per file, as printed by {@code import}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (FileResult f : files) {
            sb.append(f.file()).append(": ");
            switch (f.status()) {
                case ALREADY_IMPORTED -> sb.append("already imported, nothing added");
                case IMPORTED -> sb.append(f.rows()).append(f.rows() == 1 ? " row" : " rows").append(" imported (").append(f.format()).append(')');
                case CONTINUED -> sb.append(f.rows()).append(f.rows() == 1 ? " new row" : " new rows")
                        .append(" imported from line ").append(f.firstNewLine()).append(" on (").append(f.format())
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
        if (badRows() > 0) {
            sb.append(", ").append(badRows()).append(" bad ").append(badRows() == 1 ? "row" : "rows").append(" skipped");
        }
        sb.append('\n');
        return sb.toString();
    }
}
