package org.mailflow.smtpauth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.mailflow.model.DayWindow;

/** Computes the report for a filter from a {@link SmtpDataset}: one pass over the window's entries. */
public final class SmtpReport {
    /** Sender domains drawn as their own series; the rest are stacked as one "other domains" series. */
    public static final int MAX_SERIES = 8;
    /** TLS codes per row: one count per {@link TlsVersion}. */
    private static final int TLS_CODES = TlsVersion.values().length;

    private SmtpReport() {
    }

    /** The report; a domain that has no submissions gives an empty report. */
    public static ReportData compute(SmtpDataset d, ReportFilter filter) {
        DayWindow w = filter.window();
        int domainFilter = filter.domain().map(d::domainIndex).orElse(-1);
        boolean noSuchDomain = filter.domain().isPresent() && domainFilter < 0;
        List<LocalDate> buckets = buckets(filter);
        int nb = buckets.size();
        long first = w.firstEpochDay();
        long firstMonday = monday(first);
        long[][] volume = new long[d.domainCount()][nb];
        long[][] tls = new long[TlsVersion.values().length][nb];
        long[] tlsTotals = new long[TlsVersion.values().length];
        long[] legacyByAccount = new long[d.accountCount()];
        Rows rows = new Rows(d.accountCount());
        int end = d.entryFrom(w.lastEpochDay() + 1);
        for (int i = d.entryFrom(first); i < end && !noSuchDomain; i++) {
            int t = d.eTls[i];
            long c = d.eCount[i];
            int a = d.eAccount[i];
            if (TlsVersion.ofCode(t).legacy()) {
                legacyByAccount[a] += c;
            }
            int dom = d.eDomain[i];
            if (domainFilter >= 0 && dom != domainFilter) {
                continue;
            }
            int bucket = filter.weekly() ? (int) ((d.eDay[i] - firstMonday) / 7) : (int) (d.eDay[i] - first);
            volume[dom][bucket] += c;
            tls[t][bucket] += c;
            tlsTotals[t] += c;
            rows.add(a, dom, t, c);
        }
        List<SenderTotals> out = new ArrayList<>(rows.size);
        int[] flagsByAccount = new int[d.accountCount()];
        Arrays.fill(flagsByAccount, -1);
        for (int r = 0; r < rows.size; r++) {
            int a = rows.account[r];
            if (flagsByAccount[a] < 0) {
                flagsByAccount[a] = UnusualActivity.flags(d, a, w, legacyByAccount[a]);
            }
            long[] perTls = Arrays.copyOfRange(rows.counts, r * TLS_CODES, r * TLS_CODES + TLS_CODES);
            long total = 0;
            for (long n : perTls) {
                total += n;
            }
            out.add(new SenderTotals(a, d.account(a), d.domain(rows.domain[r]), perTls, total, flagsByAccount[a]));
        }
        out.sort(Comparator.comparingLong(SenderTotals::total).reversed().thenComparing(SenderTotals::address)
                .thenComparing(SenderTotals::domain));
        return new ReportData(filter, buckets, series(d, volume, nb), tls, tlsTotals, List.copyOf(out));
    }

    /** The first day of each chart bar: every day, or each ISO week (Monday) clipped to the window. */
    public static List<LocalDate> buckets(ReportFilter filter) {
        DayWindow w = filter.window();
        List<LocalDate> out = new ArrayList<>();
        if (!filter.weekly()) {
            for (long day = w.firstEpochDay(); day <= w.lastEpochDay(); day++) {
                out.add(LocalDate.ofEpochDay(day));
            }
            return out;
        }
        out.add(w.first());
        for (long day = monday(w.firstEpochDay()) + 7; day <= w.lastEpochDay(); day += 7) {
            out.add(LocalDate.ofEpochDay(day));
        }
        return out;
    }

    /** The Monday of the ISO week of an epoch day (1970-01-01 was a Thursday). */
    static long monday(long epochDay) {
        return epochDay - Math.floorMod(epochDay + 3, 7);
    }

    private static List<ReportData.DomainSeries> series(SmtpDataset d, long[][] volume, int nb) {
        Integer[] order = new Integer[d.domainCount()];
        long[] totals = new long[d.domainCount()];
        for (int dom = 0; dom < order.length; dom++) {
            order[dom] = dom;
            for (long n : volume[dom]) {
                totals[dom] += n;
            }
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(x -> totals[x]).reversed().thenComparing(x -> d.domain(x)));
        int shown = (int) Arrays.stream(totals).filter(n -> n > 0).count();
        // "Other domains" standing for a single domain would hide its name for nothing.
        int own = shown <= MAX_SERIES + 1 ? shown : MAX_SERIES;
        List<ReportData.DomainSeries> out = new ArrayList<>();
        long[] other = null;
        for (int k = 0; k < shown; k++) {
            int dom = order[k];
            if (k < own) {
                out.add(new ReportData.DomainSeries(d.domain(dom), volume[dom]));
            } else {
                if (other == null) {
                    other = new long[nb];
                }
                for (int b = 0; b < nb; b++) {
                    other[b] += volume[dom][b];
                }
            }
        }
        if (other != null) {
            out.add(new ReportData.DomainSeries(null, other));
        }
        return out;
    }

    /** Rows keyed by (account, domain), chained per account: most accounts have one domain. */
    private static final class Rows {
        final int[] head;
        int[] account = new int[1024];
        int[] domain = new int[1024];
        int[] next = new int[1024];
        long[] counts = new long[1024 * TLS_CODES];
        int size;

        Rows(int accounts) {
            head = new int[accounts];
            Arrays.fill(head, -1);
        }

        void add(int a, int dom, int tls, long c) {
            int r = head[a];
            while (r >= 0 && domain[r] != dom) {
                r = next[r];
            }
            if (r < 0) {
                if (size == account.length) {
                    int cap = size * 2;
                    account = Arrays.copyOf(account, cap);
                    domain = Arrays.copyOf(domain, cap);
                    next = Arrays.copyOf(next, cap);
                    counts = Arrays.copyOf(counts, cap * TLS_CODES);
                }
                r = size++;
                account[r] = a;
                domain[r] = dom;
                next[r] = head[a];
                head[a] = r;
            }
            counts[r * TLS_CODES + tls] += c;
        }
    }
}
