package org.mailflow.smtpauth;

import java.util.List;

/**
 * The percentage columns of the TLS usage details table (SPEC 2.2), in column order, each with the
 * tokens it counts: one per known version, {@code No TLS %} for {@code none}, and
 * {@code Version unknown %} for {@code TLS} and {@code unknown} together, so that a row's shares sum
 * to 100 %. The headers are the exact English names of the exports.
 */
public enum TlsColumn {
    TLS1_0("TLS1.0 %", TlsVersion.TLS1_0),
    TLS1_1("TLS1.1 %", TlsVersion.TLS1_1),
    TLS1_2("TLS1.2 %", TlsVersion.TLS1_2),
    TLS1_3("TLS1.3 %", TlsVersion.TLS1_3),
    NO_TLS("No TLS %", TlsVersion.NONE),
    VERSION_UNKNOWN("Version unknown %", TlsVersion.TLS, TlsVersion.UNKNOWN);

    private final String header;
    private final List<TlsVersion> tokens;

    TlsColumn(String header, TlsVersion... tokens) {
        this.header = header;
        this.tokens = List.of(tokens);
    }

    public String header() {
        return header;
    }

    /** The tokens the column counts. */
    public List<TlsVersion> tokens() {
        return tokens;
    }

    /** Legacy ({@code TLS1.0}, {@code TLS1.1}, {@code none}): a non-zero cell is marked. */
    public boolean legacy() {
        return tokens.get(0).legacy();
    }

    /** The row's submissions this column counts. */
    public long count(SenderTotals row) {
        long n = 0;
        for (TlsVersion t : tokens) {
            n += row.count(t);
        }
        return n;
    }

    /** The column's share of the row's messages, 0 to 1. */
    public double share(SenderTotals row) {
        return row.total() == 0 ? 0 : (double) count(row) / row.total();
    }

    /** The cell as exported: {@link SmtpExports#percent} of the row's messages. */
    public String percent(SenderTotals row) {
        return SmtpExports.percent(count(row), row.total());
    }
}
