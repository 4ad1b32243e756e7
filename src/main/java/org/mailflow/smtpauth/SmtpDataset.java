package org.mailflow.smtpauth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailflow.model.DayWindow;

/**
 * Everything the SMTP AUTH report shows, held in memory as flat arrays so that a change of dates,
 * domain or pivot is a scan of arrays rather than a query: submissions per (day, account, domain,
 * TLS version), each account's daily totals and distinct client IPs, and its failed authentications.
 * Immutable once built; safe to read from any thread.
 */
public final class SmtpDataset {
    final String[] accounts;
    final String[] domains;
    // Entries sorted by day: messages per (day, account, domain, TLS code).
    final int[] eDay;
    final int[] eAccount;
    final int[] eDomain;
    final byte[] eTls;
    final long[] eCount;
    // Per account, its days in order: adStart[a] .. adStart[a + 1] - 1.
    final int[] adStart;
    final int[] adDay;
    final long[] adTotal;
    final int[] adIps;
    // Per account, its days with failed authentications: fStart[a] .. fStart[a + 1] - 1.
    final int[] fStart;
    final int[] fDay;
    final long[] fCount;
    final int[] firstDay;

    private SmtpDataset(Builder b) {
        this.accounts = b.accounts.toArray(String[]::new);
        this.domains = b.domains.toArray(String[]::new);
        int n = b.eSize;
        Integer[] order;
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = b.eDay[i - 1] <= b.eDay[i];
        }
        if (sorted) {
            eDay = Arrays.copyOf(b.eDay, n);
            eAccount = Arrays.copyOf(b.eAccount, n);
            eDomain = Arrays.copyOf(b.eDomain, n);
            eTls = Arrays.copyOf(b.eTls, n);
            eCount = Arrays.copyOf(b.eCount, n);
        } else {
            order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Integer.compare(b.eDay[x], b.eDay[y]));
            eDay = new int[n];
            eAccount = new int[n];
            eDomain = new int[n];
            eTls = new byte[n];
            eCount = new long[n];
            for (int i = 0; i < n; i++) {
                int k = order[i];
                eDay[i] = b.eDay[k];
                eAccount[i] = b.eAccount[k];
                eDomain[i] = b.eDomain[k];
                eTls[i] = b.eTls[k];
                eCount[i] = b.eCount[k];
            }
        }
        int accountCount = accounts.length;
        // Account-days: totals from the entries, distinct IPs as given. The entries are in day order,
        // so a stable counting sort by account puts them in (account, day) order in linear time; a
        // year of a large organisation is millions of account-days, too many for maps or long sorts.
        int[] next = new int[accountCount + 1];
        for (int i = 0; i < n; i++) {
            next[eAccount[i] + 1]++;
        }
        for (int a = 0; a < accountCount; a++) {
            next[a + 1] += next[a];
        }
        int[] byAccount = new int[n];
        for (int i = 0; i < n; i++) {
            byAccount[next[eAccount[i]]++] = i;
        }
        adStart = new int[accountCount + 1];
        int[] days = new int[n];
        long[] totals = new long[n];
        int m = 0;
        int previousAccount = -1;
        int previousDay = Integer.MIN_VALUE;
        for (int k = 0; k < n; k++) {
            int i = byAccount[k];
            int a = eAccount[i];
            if (a != previousAccount || eDay[i] != previousDay) {
                days[m] = eDay[i];
                adStart[a + 1]++;
                m++;
                previousAccount = a;
                previousDay = eDay[i];
            }
            totals[m - 1] += eCount[i];
        }
        for (int a = 0; a < accountCount; a++) {
            adStart[a + 1] += adStart[a];
        }
        adDay = Arrays.copyOf(days, m);
        adTotal = Arrays.copyOf(totals, m);
        adIps = new int[m];
        for (int i = 0; i < b.ipSize; i++) {
            int a = b.ipAccount[i];
            int at = a < accountCount ? Arrays.binarySearch(adDay, adStart[a], adStart[a + 1], b.ipDay[i]) : -1;
            if (at >= 0) {
                adIps[at] = Math.max(adIps[at], b.ipCount[i]);
            }
        }
        firstDay = new int[accountCount];
        for (int a = 0; a < accountCount; a++) {
            firstDay[a] = adStart[a] < adStart[a + 1] ? adDay[adStart[a]] : Integer.MAX_VALUE;
        }
        Map<Long, Long> failures = new HashMap<>();
        for (int i = 0; i < b.fSize; i++) {
            failures.merge(key(b.fAccount[i], b.fDay[i]), b.fCountIn[i], Long::sum);
        }
        long[] fKeys = failures.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        fStart = new int[accountCount + 1];
        fDay = new int[fKeys.length];
        fCount = new long[fKeys.length];
        for (int i = 0; i < fKeys.length; i++) {
            fStart[(int) (fKeys[i] >>> 32) + 1]++;
            fDay[i] = (int) fKeys[i];
            fCount[i] = failures.get(fKeys[i]);
        }
        for (int a = 0; a < accountCount; a++) {
            fStart[a + 1] += fStart[a];
        }
    }

    private static long key(int account, int day) {
        return ((long) account << 32) | (day & 0xffffffffL);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int accountCount() {
        return accounts.length;
    }

    public String account(int a) {
        return accounts[a];
    }

    /** The account's index, if it is known. Addresses are compared as stored (lower case). */
    public Optional<Integer> accountIndex(String address) {
        String key = address.strip().toLowerCase(java.util.Locale.ROOT);
        for (int a = 0; a < accounts.length; a++) {
            if (accounts[a].equals(key)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public int domainCount() {
        return domains.length;
    }

    public String domain(int d) {
        return domains[d];
    }

    /** The sender domains that have submissions, sorted, without the empty domain. */
    public List<String> domainNames() {
        List<String> names = new ArrayList<>();
        for (String d : domains) {
            if (!d.isEmpty()) {
                names.add(d);
            }
        }
        names.sort(null);
        return names;
    }

    public int domainIndex(String name) {
        for (int d = 0; d < domains.length; d++) {
            if (domains[d].equalsIgnoreCase(name)) {
                return d;
            }
        }
        return -1;
    }

    public boolean isEmpty() {
        return eDay.length == 0;
    }

    /** First and last day with a submission. */
    public Optional<DayWindow> dataRange() {
        if (eDay.length == 0) {
            return Optional.empty();
        }
        return Optional.of(new DayWindow(java.time.LocalDate.ofEpochDay(eDay[0]), java.time.LocalDate.ofEpochDay(eDay[eDay.length - 1])));
    }

    public long totalSubmissions() {
        long sum = 0;
        for (long c : eCount) {
            sum += c;
        }
        return sum;
    }

    /** The account's first day with a submission in the cache, as an epoch day, or {@link Integer#MAX_VALUE}. */
    public int firstDay(int account) {
        return firstDay[account];
    }

    /** The account's last day with a submission, as an epoch day, or {@link Integer#MIN_VALUE}. */
    public int lastDay(int account) {
        return adStart[account] < adStart[account + 1] ? adDay[adStart[account + 1] - 1] : Integer.MIN_VALUE;
    }

    /** Index of the first entry on or after {@code day}. */
    int entryFrom(long day) {
        int lo = 0;
        int hi = eDay.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (eDay[mid] < day) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the account's first day on or after {@code day}. */
    int accountDayFrom(int account, long day) {
        int lo = adStart[account];
        int hi = adStart[account + 1];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (adDay[mid] < day) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Collects a dataset. Accounts and domains get dense indexes in the order they are added; entries
     * may repeat a key (their counts add up) and may come in any order.
     */
    public static final class Builder {
        private final List<String> accounts = new ArrayList<>();
        private final Map<String, Integer> accountIndex = new HashMap<>();
        private final List<String> domains = new ArrayList<>();
        private final Map<String, Integer> domainIndex = new HashMap<>();
        private int[] eDay = new int[1024];
        private int[] eAccount = new int[1024];
        private int[] eDomain = new int[1024];
        private byte[] eTls = new byte[1024];
        private long[] eCount = new long[1024];
        private int eSize;
        private int[] ipAccount = new int[256];
        private int[] ipDay = new int[256];
        private int[] ipCount = new int[256];
        private int ipSize;
        private int[] fAccount = new int[64];
        private int[] fDay = new int[64];
        private long[] fCountIn = new long[64];
        private int fSize;

        private Builder() {
        }

        public int account(String address) {
            return accountIndex.computeIfAbsent(address, k -> {
                accounts.add(k);
                return accounts.size() - 1;
            });
        }

        public int domain(String name) {
            return domainIndex.computeIfAbsent(name, k -> {
                domains.add(k);
                return domains.size() - 1;
            });
        }

        /** Makes room for {@code entries} entries and as many distinct-IP counts at once, instead of growing step by step. */
        public Builder expect(int entries) {
            if (entries > eDay.length) {
                eDay = Arrays.copyOf(eDay, entries);
                eAccount = Arrays.copyOf(eAccount, entries);
                eDomain = Arrays.copyOf(eDomain, entries);
                eTls = Arrays.copyOf(eTls, entries);
                eCount = Arrays.copyOf(eCount, entries);
            }
            if (entries > ipAccount.length) {
                ipAccount = Arrays.copyOf(ipAccount, entries);
                ipDay = Arrays.copyOf(ipDay, entries);
                ipCount = Arrays.copyOf(ipCount, entries);
            }
            return this;
        }

        /** Adds {@code count} submissions. Entries that repeat a key are merged when the dataset is built. */
        public Builder entry(long epochDay, int account, int domain, TlsVersion tls, long count) {
            if (eSize == eDay.length) {
                int cap = eSize * 2;
                eDay = Arrays.copyOf(eDay, cap);
                eAccount = Arrays.copyOf(eAccount, cap);
                eDomain = Arrays.copyOf(eDomain, cap);
                eTls = Arrays.copyOf(eTls, cap);
                eCount = Arrays.copyOf(eCount, cap);
            }
            eDay[eSize] = Math.toIntExact(epochDay);
            eAccount[eSize] = account;
            eDomain[eSize] = domain;
            eTls[eSize] = (byte) tls.code();
            eCount[eSize] = count;
            eSize++;
            return this;
        }

        /** The number of distinct client IPs the account submitted from on that day. */
        public Builder distinctIps(int account, long epochDay, int ips) {
            if (ipSize == ipAccount.length) {
                int cap = ipSize * 2;
                ipAccount = Arrays.copyOf(ipAccount, cap);
                ipDay = Arrays.copyOf(ipDay, cap);
                ipCount = Arrays.copyOf(ipCount, cap);
            }
            ipAccount[ipSize] = account;
            ipDay[ipSize] = Math.toIntExact(epochDay);
            ipCount[ipSize] = ips;
            ipSize++;
            return this;
        }

        /** Failed authentications of the account on that day. */
        public Builder failures(int account, long epochDay, long count) {
            if (fSize == fAccount.length) {
                int cap = fSize * 2;
                fAccount = Arrays.copyOf(fAccount, cap);
                fDay = Arrays.copyOf(fDay, cap);
                fCountIn = Arrays.copyOf(fCountIn, cap);
            }
            fAccount[fSize] = account;
            fDay[fSize] = Math.toIntExact(epochDay);
            fCountIn[fSize] = count;
            fSize++;
            return this;
        }

        public SmtpDataset build() {
            return new SmtpDataset(this);
        }
    }
}
