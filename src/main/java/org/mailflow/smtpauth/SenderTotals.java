package org.mailflow.smtpauth;

/**
 * One row of the details tables: an account's submissions under one sender domain in the window,
 * per TLS version (indexed by {@link TlsVersion#code()}), with the account's flags ({@link SmtpFlag#bit()}).
 */
public record SenderTotals(int account, String address, String domain, long[] perTls, long total, int flags) {
    public long count(TlsVersion tls) {
        return perTls[tls.code()];
    }

    /** The share of the row's messages over {@code tls}, 0 to 1. */
    public double share(TlsVersion tls) {
        return total == 0 ? 0 : (double) perTls[tls.code()] / total;
    }

    public boolean has(SmtpFlag flag) {
        return flag.in(flags);
    }

    public boolean unusual() {
        return flags != 0;
    }
}
