package org.mailflow.smtpauth;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.mailflow.export.SafeCsv;
import org.mailflow.model.UserText;

/**
 * The SMTP AUTH clients CSVs, written by the page's Export and Request report buttons and by the
 * {@code smtp-auth} commands alike, so that both produce the same bytes: the two details tables of
 * SPEC 2.2 and the detailed report of SPEC 2.4. Column names are the exact English names of the
 * SPEC in every UI language, so files stay machine-readable.
 *
 * <p>Percentage cells of the TLS usage table: the share of the row's messages sent over that TLS
 * version, as a percentage with one decimal, rounded half-up ({@code 33.3}, {@code 66.7},
 * {@code 100.0}, {@code 0.0}); see {@link #percent(long, long)}. The columns are those of
 * {@link TlsColumn}: submissions whose TLS version is not known ({@code TLS} and {@code unknown})
 * share the {@code Version unknown %} column, so a row's shares sum to 100 (give or take rounding).
 *
 * <p>The detailed report can have millions of rows, so it does not go through commons-csv cell by
 * cell: {@link #writeReport} appends cells that need neither quoting nor formula neutralisation as
 * they are, and hands only the others to the same {@link CSVFormat#RFC4180} rules that
 * {@link SafeCsv} uses, so the bytes are the same as {@link SafeCsv}'s.
 *
 * <p>This class does not know the cache ({@code cache} depends on {@code smtpauth}, and the top-level
 * packages must stay free of cycles): the caller passes the rows,
 * {@code SmtpExports.writeReport(out, sink -> store.report(window, sink::row))}.
 */
public final class SmtpExports {
    /** Base file names of the UI's Export and Request report (the Downloads naming adds {@code .csv} and {@code (1)}). */
    public static final String VOLUME_FILE_NAME = "SMTP AUTH sending volume";
    public static final String TLS_FILE_NAME = "SMTP AUTH TLS usage";
    public static final String AUTH_FILE_NAME = "SMTP AUTH authentication";
    public static final String IPS_FILE_NAME = "SMTP AUTH client IPs";
    /** The name of Microsoft's downloadable report, whose columns the detailed report has. */
    public static final String REPORT_FILE_NAME = "SmtpCSReport";

    public static final String COLUMN_SENDER = "Sender address";
    public static final String COLUMN_DOMAIN = "Domain";
    public static final String COLUMN_MESSAGES = "Messages sent";

    public static final List<String> VOLUME_COLUMNS = List.of(COLUMN_SENDER, COLUMN_DOMAIN, COLUMN_MESSAGES);
    public static final List<String> TLS_COLUMNS = tlsColumns();
    /** The Authentication table's columns (SPEC 2.2). */
    public static final List<String> AUTH_COLUMNS = SenderFilter.Column.AUTH.stream().map(SenderFilter.Column::header).toList();
    /** The Client IPs table's columns (SPEC 2.2). */
    public static final List<String> IPS_COLUMNS = List.of("Client IP", "Country", "Network", "Accounts", COLUMN_MESSAGES,
            "Failed authentications", "Accounts failed");

    private static List<String> tlsColumns() {
        List<String> out = new ArrayList<>(List.of(COLUMN_SENDER, COLUMN_DOMAIN));
        for (TlsColumn c : TlsColumn.values()) {
            out.add(c.header());
        }
        out.add(COLUMN_MESSAGES);
        return List.copyOf(out);
    }

    /** The detailed report's columns (SPEC 2.4), those of Microsoft's {@code SmtpCSReport}. */
    public static final List<String> REPORT_COLUMNS = List.of("date", "senderName", "senderDomain", "authMethod",
            "original_client_ip", "tls_version", "tls_cipher", "message_count", "message_id");

    /** The report page's four data pivots. */
    public enum Pivot {
        VOLUME("volume", VOLUME_COLUMNS, VOLUME_FILE_NAME),
        TLS("tls", TLS_COLUMNS, TLS_FILE_NAME),
        AUTH("auth", AUTH_COLUMNS, AUTH_FILE_NAME),
        IPS("ips", IPS_COLUMNS, IPS_FILE_NAME);

        private final String token;
        private final List<String> columns;
        private final String fileName;

        Pivot(String token, List<String> columns, String fileName) {
            this.token = token;
            this.columns = columns;
            this.fileName = fileName;
        }

        /** The command line's name: {@code volume}, {@code tls}, {@code auth} or {@code ips}. */
        public String token() {
            return token;
        }

        public List<String> columns() {
            return columns;
        }

        /** Whether the pivot's rows are senders ({@link SenderTotals}); the Client IPs pivot's are {@link IpTotals}. */
        public boolean senders() {
            return this != IPS;
        }

        /** The base file name of the page's Export. */
        public String fileName() {
            return fileName;
        }

        /** The pivot of a command-line token, any case. */
        public static Optional<Pivot> ofToken(String token) {
            if (token == null) {
                return Optional.empty();
            }
            String t = token.strip().toLowerCase(Locale.ROOT);
            for (Pivot p : values()) {
                if (p.token.equals(t)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    private SmtpExports() {
    }

    /**
     * {@code count} as a percentage of {@code total} with one decimal, rounded half-up:
     * {@code percent(1, 3)} is {@code 33.3}, {@code percent(2, 3)} is {@code 66.7},
     * {@code percent(5, 5)} is {@code 100.0}; {@code 0.0} when {@code total} is 0. The TLS usage
     * table's cells (the page shows it with the count: "33.3 % (5)").
     */
    public static String percent(long count, long total) {
        if (total <= 0 || count <= 0) {
            return "0.0";
        }
        long tenths;
        if (count <= Long.MAX_VALUE / 2000) {
            tenths = (count * 2000 + total) / (2 * total); // round(count * 1000 / total), half up
        } else {
            tenths = BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(1000))
                    .divide(BigDecimal.valueOf(total), 0, RoundingMode.HALF_UP).longValueExact();
        }
        return (tenths / 10) + "." + (tenths % 10);
    }

    /** The cells of one sender details-table row for a pivot, as written to the CSV. */
    public static List<String> cells(Pivot pivot, SenderTotals row) {
        if (pivot == Pivot.IPS) {
            throw new IllegalArgumentException("the Client IPs pivot has no sender rows");
        }
        List<String> cells = new ArrayList<>(pivot.columns().size());
        if (pivot == Pivot.AUTH) {
            for (SenderFilter.Column c : SenderFilter.Column.AUTH) {
                cells.add(c.value(row));
            }
            return cells;
        }
        cells.add(row.address());
        cells.add(row.domain());
        if (pivot == Pivot.TLS) {
            for (TlsColumn c : TlsColumn.values()) {
                cells.add(c.percent(row));
            }
        }
        cells.add(Long.toString(row.total()));
        return cells;
    }

    /**
     * The cells of one Client IPs row: the IP as logged, the country's English name
     * ({@code Private network} for private, loopback and link-local addresses, empty when unknown),
     * the network ({@code AS64496 Example Hosting}, empty when unknown) and the four counts.
     */
    public static List<String> cells(IpTotals row) {
        return List.of(row.address(), row.country(), row.network(), Long.toString(row.accounts()), Long.toString(row.messages()),
                Long.toString(row.failures()), Long.toString(row.accountsFailed()));
    }

    /** Writes the details table of a sender pivot: the header, then the rows in the order given (as shown). */
    public static void writeTable(Appendable out, Pivot pivot, List<SenderTotals> rowsInShownOrder) throws IOException {
        SafeCsv csv = new SafeCsv(out, pivot.columns());
        for (SenderTotals row : rowsInShownOrder) {
            csv.row(cells(pivot, row));
        }
        csv.flush();
    }

    /** Writes the Client IPs table: the header, then the rows in the order given (as shown). */
    public static void writeIpTable(Appendable out, List<IpTotals> rowsInShownOrder) throws IOException {
        SafeCsv csv = new SafeCsv(out, Pivot.IPS.columns());
        for (IpTotals row : rowsInShownOrder) {
            csv.row(cells(row));
        }
        csv.flush();
    }

    /** The base file name of the page's Export for a pivot. */
    public static String fileName(Pivot pivot) {
        return pivot.fileName();
    }

    /** Receives the detailed report's rows; the same shape as the cache's report sink, so {@code sink::row} adapts it. */
    @FunctionalInterface
    public interface ReportRowSink {
        void row(long epochDay, String sender, String domain, String method, String clientIp, TlsVersion tls, String cipher,
                 long count, String messageId) throws IOException;
    }

    /**
     * Streams the detailed report's rows, in order, to a sink: {@code sink -> store.report(window, sink::row)}
     * for the cache's report of a window.
     */
    @FunctionalInterface
    public interface ReportSource {
        void stream(ReportRowSink sink) throws Exception;
    }

    /**
     * The report's source failed (a cache error, not the output): carried as an I/O error so that
     * the report can be written wherever an export can; {@link #getCause()} is the source's exception
     * and the message is its message.
     */
    public static final class ReportSourceException extends IOException implements UserText.Carrier {
        private static final long serialVersionUID = 1L;

        public ReportSourceException(Exception cause) {
            super(cause.getMessage(), cause);
        }

        /** The source's own message (a cache error's) when it carries one. */
        @Override
        public UserText userText() {
            return getCause() instanceof UserText.Carrier c && c.userText() != null ? c.userText()
                    : UserText.of("input.bad.plain", String.valueOf(getMessage()));
        }
    }

    /**
     * Writes the detailed report (SPEC 2.4): the header of {@link #REPORT_COLUMNS}, then every row the
     * source streams, in its order. Returns the number of rows (without the header). An exception of
     * the source other than an I/O or runtime one (a cache error) comes out as a {@link ReportSourceException}.
     */
    public static long writeReport(Appendable out, ReportSource source) throws IOException {
        ReportCsv csv = new ReportCsv(out);
        try {
            source.stream(csv);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ReportSourceException(e);
        }
        csv.flush();
        return csv.rows;
    }

    /** The fast path of the detailed report: a buffer flushed to the output in large chunks. */
    private static final class ReportCsv implements ReportRowSink {
        private static final int FLUSH_AT = 1 << 16;
        private static final String[] TLS_CELLS = new String[TlsVersion.values().length];

        static {
            for (TlsVersion t : TlsVersion.values()) {
                TLS_CELLS[t.code()] = escaped(t.token(), false);
            }
        }

        private final Appendable out;
        private final StringBuilder buf = new StringBuilder(FLUSH_AT + 4096);
        private long day = Long.MIN_VALUE;
        private String dayCell;
        private long rows;

        ReportCsv(Appendable out) throws IOException {
            this.out = out;
            for (int i = 0; i < REPORT_COLUMNS.size(); i++) {
                appendCell(REPORT_COLUMNS.get(i), i == 0);
            }
            buf.append("\r\n");
        }

        @Override
        public void row(long epochDay, String sender, String domain, String method, String clientIp, TlsVersion tls, String cipher,
                        long count, String messageId) throws IOException {
            if (epochDay != day) {
                day = epochDay;
                dayCell = escaped(LocalDate.ofEpochDay(epochDay).toString(), true);
            }
            StringBuilder b = buf;
            b.append(dayCell);
            appendCell(sender, false);
            appendCell(domain, false);
            appendCell(method, false);
            appendCell(clientIp, false);
            b.append(TLS_CELLS[tls.code()]);
            appendCell(cipher, false);
            if (count >= 0) {
                b.append(',').append(count);
            } else {
                appendCell(Long.toString(count), false);
            }
            appendCell(messageId, false);
            b.append("\r\n");
            rows++;
            if (b.length() >= FLUSH_AT) {
                out.append(b);
                b.setLength(0);
            }
        }

        void flush() throws IOException {
            if (buf.length() > 0) {
                out.append(buf);
                buf.setLength(0);
            }
            if (out instanceof java.io.Flushable f) {
                f.flush();
            }
        }

        /** Appends a cell with its leading comma (none for the first): as it is when it can be, else by the CSV rules. */
        private void appendCell(String value, boolean first) {
            String v = value == null ? "" : value;
            if (plain(v, first)) {
                if (!first) {
                    buf.append(',');
                }
                buf.append(v);
            } else {
                buf.append(escaped(v, first));
            }
        }
    }

    /**
     * Whether commons-csv's RFC 4180 printer writes the cell exactly as it is and {@link SafeCsv#neutralise}
     * leaves it alone: not empty when first on a line, the first character above {@code #} and not a
     * formula start, no comma, quote, CR or LF, and the last character above a space. Conservative:
     * a cell it refuses goes through the printer itself.
     */
    static boolean plain(String v, boolean first) {
        int len = v.length();
        if (len == 0) {
            return !first;
        }
        char c = v.charAt(0);
        if (c <= '#' || c == '=' || c == '+' || c == '-' || c == '@') {
            return false;
        }
        for (int i = 0; i < len; i++) {
            c = v.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return false;
            }
        }
        return v.charAt(len - 1) > ' ';
    }

    /** The cell as {@link SafeCsv} writes it, with its leading comma unless it is first on the line. */
    static String escaped(String value, boolean first) {
        StringBuilder sb = new StringBuilder(value.length() + 4);
        try {
            CSVFormat.RFC4180.print(SafeCsv.neutralise(value), sb, first);
        } catch (IOException e) {
            throw new IllegalStateException("a StringBuilder does not fail", e);
        }
        return sb.toString();
    }
}
