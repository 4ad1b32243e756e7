package org.mailflow.export;

import java.io.IOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV writing for every export: RFC 4180 quoting, CRLF line ends, UTF-8 without a byte order mark,
 * and the OWASP rule against spreadsheet formula injection: a cell that begins with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return is written with a leading {@code '}.
 */
public final class SafeCsv implements AutoCloseable {
    private final CSVPrinter printer;

    public SafeCsv(Appendable out, List<String> header) throws IOException {
        this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
        row(header);
    }

    /** The cell as written: prefixed with {@code '} when a spreadsheet could read it as a formula. */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char first = cell.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + cell;
        }
        return cell;
    }

    public void row(List<String> cells) throws IOException {
        for (String cell : cells) {
            printer.print(neutralise(cell));
        }
        printer.println();
    }

    public void row(String... cells) throws IOException {
        row(List.of(cells));
    }

    public static String bool(boolean value) {
        return value ? "True" : "False";
    }

    public void flush() throws IOException {
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
