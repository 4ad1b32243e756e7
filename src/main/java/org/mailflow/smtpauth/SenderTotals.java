package org.mailflow.smtpauth;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One row of the sender details tables (Sending volume, TLS usage, Authentication): an account's
 * submissions under one sender domain in the window, per TLS version (indexed by
 * {@link TlsVersion#code()}) and per authentication protocol (indexed by {@link AuthProtocol#ordinal()}),
 * its auth methods in the window ({@code LOGIN PLAIN}: alphabetical, space-separated, the unnamed
 * method left out), the last day on or before the window's end on which it sent with a Basic method
 * under this domain ({@link Integer#MIN_VALUE} if never), with the account's flags ({@link SmtpFlag#bit()}).
 */
public record SenderTotals(int account, String address, String domain, long[] perTls, long total, int flags, long[] perProtocol,
                           String methods, int lastBasicDay) {

    /** A row without authentication figures (tests, and tables that do not show them). */
    public SenderTotals(int account, String address, String domain, long[] perTls, long total, int flags) {
        this(account, address, domain, perTls, total, flags, new long[AuthProtocol.values().length], "", Integer.MIN_VALUE);
    }

    public long count(TlsVersion tls) {
        return perTls[tls.code()];
    }

    public long count(AuthProtocol protocol) {
        return perProtocol[protocol.ordinal()];
    }

    /** The share of the row's messages over {@code tls}, 0 to 1. */
    public double share(TlsVersion tls) {
        return total == 0 ? 0 : (double) perTls[tls.code()] / total;
    }

    /** The share of the row's messages sent with {@code protocol}, 0 to 1. */
    public double share(AuthProtocol protocol) {
        return total == 0 ? 0 : (double) count(protocol) / total;
    }

    /** The last day with a Basic submission, on or before the window's end. */
    public Optional<LocalDate> lastBasicUse() {
        return lastBasicDay == Integer.MIN_VALUE ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(lastBasicDay));
    }

    public boolean has(SmtpFlag flag) {
        return flag.in(flags);
    }

    public boolean unusual() {
        return flags != 0;
    }
}
