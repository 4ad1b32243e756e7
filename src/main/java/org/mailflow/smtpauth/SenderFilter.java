package org.mailflow.smtpauth;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Which rows of a details table are shown: the search box (a case-insensitive substring of the
 * sender address), "Unusual activity only", and the custom filter's clauses, all combined with AND.
 * A clause compares a column's value as exported ({@code 33.3} for a percentage, {@code 402} for a
 * count): {@code starts with} on that text, case-insensitive; {@code is} equal to it (numbers
 * compare as numbers, so {@code 33.30} is {@code 33.3} and {@code 0} is {@code 0.0}).
 */
public record SenderFilter(String search, boolean unusualOnly, List<Clause> clauses) {

    /** The columns of the three sender details tables, with their exported value. */
    public enum Column {
        SENDER("Sender address", r -> r.address()),
        DOMAIN("Domain", r -> r.domain()),
        MESSAGES("Messages sent", r -> Long.toString(r.total())),
        TLS1_0(TlsColumn.TLS1_0.header(), TlsColumn.TLS1_0::percent),
        TLS1_1(TlsColumn.TLS1_1.header(), TlsColumn.TLS1_1::percent),
        TLS1_2(TlsColumn.TLS1_2.header(), TlsColumn.TLS1_2::percent),
        TLS1_3(TlsColumn.TLS1_3.header(), TlsColumn.TLS1_3::percent),
        NO_TLS(TlsColumn.NO_TLS.header(), TlsColumn.NO_TLS::percent),
        VERSION_UNKNOWN(TlsColumn.VERSION_UNKNOWN.header(), TlsColumn.VERSION_UNKNOWN::percent),
        BASIC("Basic %", r -> SmtpExports.percent(r.count(AuthProtocol.BASIC), r.total())),
        OAUTH("OAuth %", r -> SmtpExports.percent(r.count(AuthProtocol.OAUTH), r.total())),
        OTHER("Other %", r -> SmtpExports.percent(r.count(AuthProtocol.OTHER), r.total())),
        AUTH_METHODS("Auth methods", SenderTotals::methods),
        LAST_BASIC("Last Basic use", r -> r.lastBasicUse().map(java.time.LocalDate::toString).orElse(""));

        private final String header;
        private final Function<SenderTotals, String> value;

        Column(String header, Function<SenderTotals, String> value) {
            this.header = header;
            this.value = value;
        }

        /** The column's exact English header, as in the exports. */
        public String header() {
            return header;
        }

        public String value(SenderTotals row) {
            return value.apply(row);
        }

        public boolean numeric() {
            return this != SENDER && this != DOMAIN && this != AUTH_METHODS && this != LAST_BASIC;
        }

        /** The columns of the Sending volume table, of the TLS usage table and of the Authentication table. */
        public static final List<Column> VOLUME = List.of(SENDER, DOMAIN, MESSAGES);
        public static final List<Column> TLS = List.of(SENDER, DOMAIN, TLS1_0, TLS1_1, TLS1_2, TLS1_3, NO_TLS, VERSION_UNKNOWN, MESSAGES);
        /** The columns of the Authentication table (SPEC 2.2). */
        public static final List<Column> AUTH = List.of(SENDER, DOMAIN, BASIC, OAUTH, OTHER, AUTH_METHODS, LAST_BASIC, MESSAGES);
    }

    public enum Operator { STARTS_WITH, IS }

    /** One condition of the custom filter; a clause with an empty value matches every row (it is still being typed). */
    public record Clause(Column column, Operator operator, String value) {
        public boolean matches(SenderTotals row) {
            String wanted = value == null ? "" : value.strip();
            if (wanted.isEmpty()) {
                return true;
            }
            String actual = column.value(row);
            if (operator == Operator.STARTS_WITH) {
                return actual.toLowerCase(Locale.ROOT).startsWith(wanted.toLowerCase(Locale.ROOT));
            }
            if (column.numeric()) {
                try {
                    return new BigDecimal(actual).compareTo(new BigDecimal(wanted)) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return actual.equalsIgnoreCase(wanted);
        }
    }

    public static final SenderFilter NONE = new SenderFilter("", false, List.of());

    public SenderFilter {
        search = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        clauses = List.copyOf(clauses);
    }

    public boolean matches(SenderTotals row) {
        if (!search.isEmpty() && !row.address().contains(search)) {
            return false;
        }
        if (unusualOnly && !row.unusual()) {
            return false;
        }
        for (Clause c : clauses) {
            if (!c.matches(row)) {
                return false;
            }
        }
        return true;
    }
}
