package org.mailflow.smtpauth;

import java.time.LocalDate;
import java.util.List;

/**
 * The report for one {@link ReportFilter}: chart buckets (days, or ISO weeks clipped to the window
 * when it is longer than {@link ReportFilter#MAX_DAILY_BARS} days), messages per bucket per sender
 * domain (the largest {@link SmtpReport#MAX_SERIES} domains, the rest as one series with a null
 * domain) and per TLS version, and the details table's rows in the default order (most messages first).
 */
public record ReportData(ReportFilter filter, List<LocalDate> buckets, List<DomainSeries> volume, long[][] tlsPerBucket,
                         long[] tlsTotals, List<SenderTotals> rows) {

    /** Messages per bucket of one sender domain; {@code domain} is null for "other domains". */
    public record DomainSeries(String domain, long[] perBucket) {
    }

    public long messages() {
        long sum = 0;
        for (long n : tlsTotals) {
            sum += n;
        }
        return sum;
    }

    /** Distinct accounts in the rows (an account may have rows under two domains). */
    public long senders() {
        return rows.stream().mapToInt(SenderTotals::account).distinct().count();
    }

    /** Distinct accounts with at least one legacy-TLS submission shown. */
    public long legacySenders() {
        return rows.stream().filter(r -> r.count(TlsVersion.TLS1_0) + r.count(TlsVersion.TLS1_1) + r.count(TlsVersion.NONE) > 0)
                .mapToInt(SenderTotals::account).distinct().count();
    }

    public long tlsTotal(TlsVersion tls) {
        return tlsTotals[tls.code()];
    }

    /** Messages whose TLS version the source did not give: {@code TLS} and {@code unknown}. */
    public long versionUnknown() {
        return tlsTotal(TlsVersion.TLS) + tlsTotal(TlsVersion.UNKNOWN);
    }
}
