package org.mailflow.smtpauth;

import java.time.LocalDate;
import java.util.List;

/**
 * The report for one {@link ReportFilter}: chart buckets (days, or ISO weeks clipped to the window
 * when it is longer than {@link ReportFilter#MAX_DAILY_BARS} days), messages per bucket per sender
 * domain (the largest {@link SmtpReport#MAX_SERIES} domains, the rest as one series with a null
 * domain), per TLS version and per authentication protocol; the sender rows in the default order
 * (most messages first); and the Client IPs pivot: messages and failed authentications per bucket,
 * the IP rows (most messages, then most failures first) and the top countries and networks.
 *
 * <p>Failed authentications are not tied to a sender domain: with "Show data for" one domain, the
 * Client IPs pivot counts the failures of the accounts that submitted under that domain in the
 * window; with all domains, every failure.
 */
public record ReportData(ReportFilter filter, List<LocalDate> buckets, List<DomainSeries> volume, long[][] tlsPerBucket,
                         long[] tlsTotals, List<SenderTotals> rows, long[][] protocolPerBucket, long[] protocolTotals,
                         long basicSenders, long[] messagesPerBucket, long[] failuresPerBucket, List<IpTotals> ips,
                         List<PlaceCount> topCountries, List<PlaceCount> topNetworks) {

    /** Messages per bucket of one sender domain; {@code domain} is null for "other domains". */
    public record DomainSeries(String domain, long[] perBucket) {
    }

    /**
     * A country (ISO code, {@code ""} for unknown or private) or a network ({@code AS…} text, {@code ""}
     * unknown) with the messages and failed authentications of its IPs in the window, and how many IPs.
     */
    public record PlaceCount(String key, long messages, long failures, long ips) {
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

    public long protocolTotal(AuthProtocol protocol) {
        return protocolTotals[protocol.ordinal()];
    }

    /** Messages whose TLS version the source did not give: {@code TLS} and {@code unknown}. */
    public long versionUnknown() {
        return tlsTotal(TlsVersion.TLS) + tlsTotal(TlsVersion.UNKNOWN);
    }

    /** All failed authentications counted by the Client IPs pivot. */
    public long failures() {
        long sum = 0;
        for (long n : failuresPerBucket) {
            sum += n;
        }
        return sum;
    }
}
