package org.mailflow.smtpauth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailflow.model.DayWindow;

/** Computes the report for a filter from a {@link SmtpDataset}: one pass over the window's entries. */
public final class SmtpReport {
    /** Sender domains drawn as their own series; the rest are stacked as one "other domains" series. */
    public static final int MAX_SERIES = 8;
    /** TLS codes per row: one count per {@link TlsVersion}. */
    private static final int TLS_CODES = TlsVersion.values().length;

    private SmtpReport() {
    }

    /** The most countries and networks the Client IPs chart lists. */
    public static final int TOP_PLACES = 10;
    private static final int PROTOCOLS = AuthProtocol.values().length;

    /** The report; a domain that has no submissions gives an empty report. */
    public static ReportData compute(SmtpDataset d, ReportFilter filter) {
        int parts = d.entryCount() >= PARALLEL_ENTRIES ? Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors())) : 1;
        return compute(d, filter, parts);
    }

    /** From this many entries, {@link #compute(SmtpDataset, ReportFilter)} works on every core. */
    static final int PARALLEL_ENTRIES = 100_000;

    /**
     * The report, computed in {@code parts} ranges of accounts side by side (each account's figures,
     * flags and client IPs depend on its own entries only), then added up: the same report for any
     * number of parts. {@link #compute(SmtpDataset, ReportFilter)} takes one per core for a large dataset.
     */
    public static ReportData compute(SmtpDataset d, ReportFilter filter, int parts) {
        DayWindow w = filter.window();
        int domainFilter = filter.domain().map(d::domainIndex).orElse(-1);
        boolean noSuchDomain = filter.domain().isPresent() && domainFilter < 0;
        List<LocalDate> buckets = buckets(filter);
        int nb = buckets.size();
        int[] partFrom = d.accountParts(Math.max(1, parts));
        Part[] done = new Part[partFrom.length - 1];
        int[] flagsByAccount = new int[d.accountCount()];
        java.util.stream.IntStream each = java.util.stream.IntStream.range(0, done.length);
        if (!noSuchDomain) {
            (done.length > 1 ? each.parallel() : each).forEach(p -> done[p] = new Part(d, filter, domainFilter, nb)
                    .pass(partFrom[p], partFrom[p + 1], flagsByAccount));
        }
        Part all = new Part(d, filter, domainFilter, nb);
        List<SenderTotals> out = new ArrayList<>();
        long basicSenders = 0;
        boolean[] basicCounted = new boolean[d.accountCount()];
        for (Part part : done) {
            if (part == null) {
                continue;
            }
            all.add(part);
            Rows rows = part.rows;
            for (int r = 0; r < rows.size; r++) {
                int a = rows.account[r];
                long[] perTls = Arrays.copyOfRange(rows.counts, r * TLS_CODES, r * TLS_CODES + TLS_CODES);
                long[] perProtocol = Arrays.copyOfRange(rows.protocols, r * PROTOCOLS, r * PROTOCOLS + PROTOCOLS);
                long total = 0;
                for (long n : perTls) {
                    total += n;
                }
                if (perProtocol[AuthProtocol.BASIC.ordinal()] > 0 && !basicCounted[a]) {
                    basicCounted[a] = true;
                    basicSenders++;
                }
                out.add(new SenderTotals(a, d.account(a), d.domain(rows.domain[r]), perTls, total, flagsByAccount[a], perProtocol,
                        rows.methods(d, r), d.lastBasicDay(a, rows.domain[r], w.lastEpochDay())));
            }
        }
        sort(out, BY_TOTAL);
        ClientIps ips = noSuchDomain ? ClientIps.empty(nb) : clientIps(d, filter, domainFilter, all.ipStats, nb);
        return new ReportData(filter, buckets, series(d, all.volume, nb), all.tls, all.tlsTotals, List.copyOf(out), all.protocols,
                all.protocolTotals, basicSenders, all.messages, ips.failuresPerBucket, ips.rows, ips.countries, ips.networks);
    }

    /** The figures of one range of accounts (or, added up, of all). */
    private static final class Part {
        final SmtpDataset d;
        final ReportFilter filter;
        final int domainFilter;
        final long[][] volume;
        final long[][] tls;
        final long[] tlsTotals = new long[TLS_CODES];
        final long[][] protocols;
        final long[] protocolTotals = new long[PROTOCOLS];
        final long[] messages;
        /**
         * Per client IP, side by side (one cache line per entry's IP instead of three): at {@code 2 * ip}
         * its messages; at {@code 2 * ip + 1} the distinct accounts (low 32 bits; each account is in one
         * part only, so parts add up) and, above them, the last account counted plus one.
         */
        final long[] ipStats;
        Rows rows;

        Part(SmtpDataset d, ReportFilter filter, int domainFilter, int nb) {
            this.d = d;
            this.filter = filter;
            this.domainFilter = domainFilter;
            volume = new long[d.domainCount()][nb];
            tls = new long[TLS_CODES][nb];
            protocols = new long[PROTOCOLS][nb];
            messages = new long[nb];
            ipStats = new long[2 * d.ipCount()];
        }

        /** Each account's entries of the window, in (account, day) order; its flags when it has a row. */
        Part pass(int fromAccount, int toAccount, int[] flagsByAccount) {
            DayWindow w = filter.window();
            long first = w.firstEpochDay();
            long last = w.lastEpochDay();
            long firstMonday = monday(first);
            boolean weekly = filter.weekly(); // once, not per entry
            rows = new Rows(d.accountCount(), d.methodCount());
            for (int a = fromAccount; a < toAccount; a++) {
                long legacy = 0;
                long basic = 0;
                for (int k = d.accountEntryFrom(a, first); k < d.aeStart[a + 1]; k++) {
                    int i = d.aeEntry[k];
                    if (d.eDay[i] > last) {
                        break;
                    }
                    int t = d.eTls[i];
                    long c = d.eCount[i];
                    int p = d.methodProtocol[d.eMethod[i]];
                    if (TlsVersion.ofCode(t).legacy()) {
                        legacy += c;
                    }
                    if (p == AuthProtocol.BASIC.ordinal()) {
                        basic += c;
                    }
                    int dom = d.eDomain[i];
                    if (domainFilter >= 0 && dom != domainFilter) {
                        continue;
                    }
                    int bucket = bucket(weekly, d.eDay[i], first, firstMonday);
                    volume[dom][bucket] += c;
                    tls[t][bucket] += c;
                    tlsTotals[t] += c;
                    protocols[p][bucket] += c;
                    protocolTotals[p] += c;
                    messages[bucket] += c;
                    int ip = 2 * d.eIp[i];
                    ipStats[ip] += c;
                    long accounts = ipStats[ip + 1];
                    if ((int) (accounts >>> 32) != a + 1) {
                        ipStats[ip + 1] = ((long) (a + 1) << 32) | ((accounts & 0xffffffffL) + 1);
                    }
                    rows.add(a, dom, t, p, d.eMethod[i], c);
                }
                if (rows.head[a] >= 0) {
                    flagsByAccount[a] = UnusualActivity.flags(d, a, w, legacy, basic);
                }
            }
            return this;
        }

        void add(Part o) {
            for (int dom = 0; dom < volume.length; dom++) {
                addTo(volume[dom], o.volume[dom]);
            }
            for (int t = 0; t < TLS_CODES; t++) {
                addTo(tls[t], o.tls[t]);
            }
            addTo(tlsTotals, o.tlsTotals);
            for (int p = 0; p < PROTOCOLS; p++) {
                addTo(protocols[p], o.protocols[p]);
            }
            addTo(protocolTotals, o.protocolTotals);
            addTo(messages, o.messages);
            for (int k = 0; k < ipStats.length; k += 2) {
                ipStats[k] += o.ipStats[k];
                ipStats[k + 1] += o.ipStats[k + 1] & 0xffffffffL; // the counts only
            }
        }

        private static void addTo(long[] sum, long[] values) {
            for (int k = 0; k < sum.length; k++) {
                sum[k] += values[k];
            }
        }
    }

    /**
     * Sorts {@code list} as {@link List#sort} does (stable), on every core for a long list: its parts
     * sorted side by side, then merged ({@code Arrays.parallelSort} sorts on one thread when the common
     * pool has one worker, as on two cores).
     */
    static <T> void sort(List<T> list, Comparator<? super T> order) {
        sort(list, order, list.size() < PARALLEL_SORT ? 1 : Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    /** {@link #sort(List, Comparator)} in {@code parts} parts (1: {@link List#sort}). */
    @SuppressWarnings("unchecked")
    static <T> void sort(List<T> list, Comparator<? super T> order, int parts) {
        int n = list.size();
        if (parts < 2 || n < parts) {
            list.sort(order);
            return;
        }
        Object[] a = list.toArray();
        int[] from = new int[parts + 1];
        for (int p = 0; p <= parts; p++) {
            from[p] = (int) ((long) n * p / parts);
        }
        java.util.stream.IntStream.range(0, parts).parallel().forEach(p -> Arrays.sort((T[]) a, from[p], from[p + 1], order));
        Object[] merged = new Object[n];
        Object[] in = a;
        for (int width = 1; width < parts; width *= 2) { // merge neighbouring runs, left first on ties (stable)
            for (int p = 0; p < parts; p += 2 * width) {
                int lo = from[p];
                int mid = from[Math.min(p + width, parts)];
                int hi = from[Math.min(p + 2 * width, parts)];
                int i = lo;
                int j = mid;
                for (int k = lo; k < hi; k++) {
                    merged[k] = j >= hi || i < mid && order.compare((T) in[i], (T) in[j]) <= 0 ? in[i++] : in[j++];
                }
            }
            Object[] swap = in;
            in = merged;
            merged = swap;
        }
        for (int k = 0; k < n; k++) {
            list.set(k, (T) in[k]);
        }
    }

    /** From this many rows, {@link #sort} works on every core. */
    static final int PARALLEL_SORT = 20_000;

    /** Senders by total (most first), then address, then domain; written out: a year's report sorts tens of thousands. */
    private static final Comparator<SenderTotals> BY_TOTAL = (x, y) -> {
        int c = Long.compare(y.total(), x.total());
        c = c != 0 ? c : x.address().compareTo(y.address());
        return c != 0 ? c : x.domain().compareTo(y.domain());
    };

    /**
     * Client IPs by messages, then failures (most first), then address. Many IPs tie on both figures,
     * so their addresses are compared often: by their first sixteen characters packed into two numbers
     * first (arrays by IP index, close in memory; all of an IPv4 address, whose first eight characters
     * many share), and as text only when those are the same.
     */
    private static Comparator<IpTotals> byMessages(List<IpTotals> rows, int ipCount) {
        long[] high = new long[ipCount];
        long[] low = new long[ipCount];
        boolean[] packed = new boolean[ipCount];
        for (IpTotals row : rows) {
            String a = row.address();
            long h = 0;
            long l = 0;
            boolean ok = true;
            for (int k = 0; k < 16; k++) {
                char ch = k < a.length() ? a.charAt(k) : 0;
                ok &= ch <= 0xff;
                if (k < 8) {
                    h = (h << 8) | (ch & 0xff);
                } else {
                    l = (l << 8) | (ch & 0xff);
                }
            }
            high[row.ip()] = h;
            low[row.ip()] = l;
            packed[row.ip()] = ok;
        }
        return (x, y) -> {
            int c = Long.compare(y.messages(), x.messages());
            c = c != 0 ? c : Long.compare(y.failures(), x.failures());
            if (c != 0) {
                return c;
            }
            // chars are compared as String.compareTo does; a string that ends is padded with 0, which
            // sorts it before a longer one as compareTo does (equal prefixes fall through to the text)
            int i = x.ip();
            int j = y.ip();
            if (packed[i] && packed[j]) {
                c = Long.compareUnsigned(high[i], high[j]);
                c = c != 0 ? c : Long.compareUnsigned(low[i], low[j]);
            }
            return c != 0 ? c : x.address().compareTo(y.address());
        };
    }

    private static int bucket(boolean weekly, int day, long first, long firstMonday) {
        return weekly ? (int) ((day - firstMonday) / 7) : (int) (day - first);
    }

    /** The Client IPs pivot's table, failures per bucket and top places. */
    private record ClientIps(List<IpTotals> rows, long[] failuresPerBucket, List<ReportData.PlaceCount> countries,
                             List<ReportData.PlaceCount> networks) {
        static ClientIps empty(int nb) {
            return new ClientIps(List.of(), new long[nb], List.of(), List.of());
        }
    }

    /** The Client IPs table and chart; {@code ipStats} as {@link Part#ipStats} holds them, added up. */
    private static ClientIps clientIps(SmtpDataset d, ReportFilter filter, int domainFilter, long[] ipStats, int nb) {
        DayWindow w = filter.window();
        long first = w.firstEpochDay();
        long firstMonday = monday(first);
        boolean weekly = filter.weekly();
        int ipCount = d.ipCount();
        String domainName = domainFilter < 0 ? null : d.domain(domainFilter);
        long[] failuresPerBucket = new long[nb];
        long[] ipFailures = new long[ipCount];
        long[] failedPairs = new long[16];
        int pairs = 0;
        for (int i = d.failureFrom(first); i < d.xDay.length && d.xDay[i] <= w.lastEpochDay(); i++) {
            int a = d.xAccount[i];
            if (domainName != null && !d.accountDomain[a].equals(domainName)) {
                continue;
            }
            failuresPerBucket[bucket(weekly, d.xDay[i], first, firstMonday)] += d.xCount[i];
            ipFailures[d.xIp[i]] += d.xCount[i];
            if (a != d.anonymous) {
                if (pairs == failedPairs.length) {
                    failedPairs = Arrays.copyOf(failedPairs, pairs * 2);
                }
                failedPairs[pairs++] = ((long) d.xIp[i] << 32) | a;
            }
        }
        Arrays.sort(failedPairs, 0, pairs);
        long[] ipAccountsFailed = new long[ipCount];
        for (int k = 0; k < pairs; k++) {
            if (k == 0 || failedPairs[k] != failedPairs[k - 1]) {
                ipAccountsFailed[(int) (failedPairs[k] >>> 32)]++;
            }
        }
        int[] sprayDays = new int[ipCount];
        for (long key : d.sprayed) {
            int day = (int) (key >>> 32);
            if (w.contains(day)) {
                sprayDays[(int) key]++;
            }
        }
        Places places = d.places();
        List<IpTotals> rows = new ArrayList<>();
        Map<String, long[]> countries = new HashMap<>();
        Map<String, long[]> networks = new HashMap<>();
        for (int ip = 0; ip < ipCount; ip++) {
            long messages = ipStats[2 * ip];
            if (messages == 0 && ipFailures[ip] == 0) {
                continue;
            }
            IpTotals row = new IpTotals(ip, d.ip(ip), places.place(d, ip), ipStats[2 * ip + 1] & 0xffffffffL, messages, ipFailures[ip],
                    ipAccountsFailed[ip], sprayDays[ip]);
            rows.add(row);
            long[] c = countries.computeIfAbsent(places.country(ip), k -> new long[3]);
            c[0] += row.messages();
            c[1] += row.failures();
            c[2]++;
            long[] n = networks.computeIfAbsent(row.network(), k -> new long[3]);
            n[0] += row.messages();
            n[1] += row.failures();
            n[2]++;
        }
        sort(rows, byMessages(rows, ipCount));
        return new ClientIps(List.copyOf(rows), failuresPerBucket, top(countries), top(networks));
    }

    /** The {@link #TOP_PLACES} places with the most messages, then failures, then by name; unknown places last. */
    private static List<ReportData.PlaceCount> top(Map<String, long[]> counts) {
        List<ReportData.PlaceCount> all = new ArrayList<>();
        counts.forEach((k, v) -> all.add(new ReportData.PlaceCount(k, v[0], v[1], v[2])));
        all.sort(Comparator.comparing((ReportData.PlaceCount p) -> p.key().isEmpty())
                .thenComparing(Comparator.comparingLong(ReportData.PlaceCount::messages).reversed())
                .thenComparing(Comparator.comparingLong(ReportData.PlaceCount::failures).reversed())
                .thenComparing(ReportData.PlaceCount::key));
        return List.copyOf(all.subList(0, Math.min(TOP_PLACES, all.size())));
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
        final int methodWords;
        int[] account = new int[1024];
        int[] domain = new int[1024];
        int[] next = new int[1024];
        long[] counts = new long[1024 * TLS_CODES];
        long[] protocols = new long[1024 * PROTOCOLS];
        /** The row's methods as a bit set of method indexes, methodWords longs per row. */
        long[] methods;
        int size;

        Rows(int accounts, int methodCount) {
            head = new int[accounts];
            Arrays.fill(head, -1);
            methodWords = Math.max(1, (methodCount + 63) / 64);
            methods = new long[1024 * methodWords];
        }

        void add(int a, int dom, int tls, int protocol, int method, long c) {
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
                    protocols = Arrays.copyOf(protocols, cap * PROTOCOLS);
                    methods = Arrays.copyOf(methods, cap * methodWords);
                }
                r = size++;
                account[r] = a;
                domain[r] = dom;
                next[r] = head[a];
                head[a] = r;
            }
            counts[r * TLS_CODES + tls] += c;
            protocols[r * PROTOCOLS + protocol] += c;
            methods[r * methodWords + (method >>> 6)] |= 1L << method;
        }

        /** The row's named methods, alphabetical, space-separated. */
        String methods(SmtpDataset d, int r) {
            List<String> names = new ArrayList<>(2);
            for (int w = 0; w < methodWords; w++) {
                long bits = methods[r * methodWords + w];
                while (bits != 0) {
                    int m = w * 64 + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    if (!d.method(m).isEmpty()) {
                        names.add(d.method(m));
                    }
                }
            }
            if (names.size() > 1) {
                names.sort(null);
            }
            return String.join(" ", names);
        }
    }
}
