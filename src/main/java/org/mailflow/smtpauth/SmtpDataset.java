package org.mailflow.smtpauth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailflow.geo.GeoLookup;
import org.mailflow.model.DayWindow;

/**
 * Everything the SMTP AUTH report shows, held in memory as flat arrays so that a change of dates,
 * domain or pivot is a scan of arrays rather than a query.
 *
 * <p><b>Entries</b>, sorted by day: submissions per (day, account, domain, auth method, client IP, TLS
 * version) with their recipients and the second of the day of their first and last submission
 * ({@code -1} when the source gave no time of day). They are indexed a second time per account in
 * (account, day) order ({@link #accountEntries}), for the flags and the panels. Each account's
 * daily totals (messages, recipients, distinct client IPs) follow from them.
 *
 * <p><b>Failures</b>: failed authentications per (day, account, client IP), sorted by day, and per
 * account and day. An IP that failed for at least {@link UnusualActivity#SPRAY_ACCOUNTS} distinct named
 * accounts on one day is a spraying source that day.
 *
 * <p><b>Places</b>: {@link #locate} looks every client IP up (SPEC 2.6: when the page is built, not at
 * import) and derives what the place flags need: the first day each account was seen in each
 * country, and the impossible journeys between its consecutive submissions. A dataset that was
 * never located knows no places (every IP in an unknown country), so those flags never fire.
 *
 * <p><b>A window's data.</b> The report page loads one window ({@code SmtpStore.load(DayWindow)}):
 * the rows of the window and of the {@link UnusualActivity#SPIKE_HISTORY_DAYS} days before it, and
 * before those, as entries with no submissions, the history the flags take from the whole cache
 * ({@link Builder#window}). Its reports, flags and panels for any window it {@link #covers} are those
 * of the whole cache's data; {@link #dataRange()} and {@link #isEmpty()} describe the whole cache.
 *
 * <p>Immutable once built; safe to read from any thread.
 */
public final class SmtpDataset {
    final String[] accounts;
    final String[] domains;
    final String[] methods;
    final byte[] methodProtocol;
    final String[] ips;
    /** The account index of the empty name (failures without an account), or -1. */
    final int anonymous;
    // Entries sorted by day.
    final int[] eDay;
    final int[] eAccount;
    final int[] eDomain;
    final int[] eMethod;
    final int[] eIp;
    final byte[] eTls;
    final long[] eCount;
    final long[] eRecipients;
    /** Seconds of the day of the entry's first and last submission, -1 when unknown. */
    final int[] eFirst;
    final int[] eLast;
    /** Entry indexes in (account, day) order; account a has aeEntry[aeStart[a] .. aeStart[a + 1] - 1]. */
    final int[] aeStart;
    final int[] aeEntry;
    /** Positions in {@link #aeEntry} of the account's entries with a Basic method: abPos[abStart[a] .. abStart[a + 1] - 1]. */
    final int[] abStart;
    final int[] abPos;
    /** The domain part of each account's address ({@code ""} when it has no {@code @}), for failures, which have no sender domain. */
    final String[] accountDomain;
    // Per account, its days in order: adStart[a] .. adStart[a + 1] - 1.
    final int[] adStart;
    final int[] adDay;
    final long[] adTotal;
    final long[] adRecipients;
    final int[] adIps;
    // Per account, its days with failed authentications: fStart[a] .. fStart[a + 1] - 1.
    final int[] fStart;
    final int[] fDay;
    final long[] fCount;
    // Failed authentications per (day, account, IP), sorted by day, then IP, then account.
    final int[] xDay;
    final int[] xAccount;
    final int[] xIp;
    final long[] xCount;
    /** (day << 32 | ip) of the spraying sources, sorted. */
    final long[] sprayed;
    /** Per client IP, whether it was a spraying source on any day: most are not, and need no search of {@link #sprayed}. */
    final boolean[] sprayedIps;
    final int[] firstDay;
    /** Per account, its last day with a submission in the whole cache when the load said so, else {@link Integer#MIN_VALUE}. */
    final int[] lastSeen;
    /** The window a {@link Builder#window window's load} is for, or null: all of the cache. */
    final DayWindow loadedWindow;
    /** Entries before this day are history sightings (see {@link Builder#window}); {@link Integer#MIN_VALUE} when all are rows. */
    final int historyBefore;
    /** The first and last day of the whole cache when a window's load said so, else null. */
    final DayWindow cacheRange;
    final boolean cacheEmpty;
    final Places places;

    private SmtpDataset(Builder b) {
        this.accounts = b.accounts.toArray(String[]::new);
        this.domains = b.domains.toArray(String[]::new);
        this.methods = b.methods.toArray(String[]::new);
        this.ips = b.ips.toArray(String[]::new);
        this.methodProtocol = new byte[methods.length];
        for (int m = 0; m < methods.length; m++) {
            methodProtocol[m] = (byte) AuthProtocol.of(methods[m]).ordinal();
        }
        this.anonymous = b.accountIndex.getOrDefault("", -1);
        int n = b.eSize;
        int[] order = dayOrder(b.eDay, n);
        eDay = permute(b.eDay, order, n);
        eAccount = permute(b.eAccount, order, n);
        eDomain = permute(b.eDomain, order, n);
        eMethod = permute(b.eMethod, order, n);
        eIp = permute(b.eIp, order, n);
        eFirst = permute(b.eFirst, order, n);
        eLast = permute(b.eLast, order, n);
        if (order == null && b.eTls.length == n) {
            eTls = b.eTls;
            eCount = b.eCount;
            eRecipients = b.eRecipients;
        } else {
            eTls = new byte[n];
            eCount = new long[n];
            eRecipients = new long[n];
            for (int i = 0; i < n; i++) {
                int k = order == null ? i : order[i];
                eTls[i] = b.eTls[k];
                eCount[i] = b.eCount[k];
                eRecipients[i] = b.eRecipients[k];
            }
        }
        int accountCount = accounts.length;
        // Entries are in day order, so a stable counting sort by account puts them in (account, day)
        // order in linear time; a year of a large organisation is millions of entries.
        // The entries with a Basic method are counted and placed on the same passes, in day order
        // (reading the entries in account order instead is a cache miss each).
        boolean[] basicMethod = new boolean[methods.length];
        for (int m = 0; m < methods.length; m++) {
            basicMethod[m] = methodProtocol[m] == AuthProtocol.BASIC.ordinal();
        }
        aeStart = new int[accountCount + 1];
        abStart = new int[accountCount + 1];
        for (int i = 0; i < n; i++) {
            aeStart[eAccount[i] + 1]++;
            if (basicMethod[eMethod[i]]) {
                abStart[eAccount[i] + 1]++;
            }
        }
        for (int a = 0; a < accountCount; a++) {
            aeStart[a + 1] += aeStart[a];
            abStart[a + 1] += abStart[a];
        }
        aeEntry = new int[n];
        abPos = new int[abStart[accountCount]];
        int[] next = Arrays.copyOf(aeStart, accountCount);
        int[] nextBasic = Arrays.copyOf(abStart, accountCount);
        // Each account's days are counted on the way (its entries come in day order), so that the
        // account-day arrays below are allocated once at their size (a year is millions of account-days).
        adStart = new int[accountCount + 1];
        int[] lastDay = new int[accountCount];
        Arrays.fill(lastDay, Integer.MIN_VALUE);
        for (int i = 0; i < n; i++) {
            int a = eAccount[i];
            int k = next[a]++;
            aeEntry[k] = i;
            if (basicMethod[eMethod[i]]) {
                abPos[nextBasic[a]++] = k;
            }
            if (lastDay[a] != eDay[i]) {
                lastDay[a] = eDay[i];
                adStart[a + 1]++;
            }
        }
        for (int a = 0; a < accountCount; a++) {
            adStart[a + 1] += adStart[a];
        }
        accountDomain = new String[accountCount];
        for (int a = 0; a < accountCount; a++) {
            int at = accounts[a].lastIndexOf('@');
            accountDomain[a] = at < 0 ? "" : accounts[a].substring(at + 1);
        }
        // Account-days: totals, recipients and distinct client IPs; each account's on its own, so in
        // parts on every core for a large dataset (the entries are read in account order, scattered in memory).
        int accountDays = adStart[accountCount];
        int[] days = new int[accountDays];
        long[] totals = new long[accountDays];
        long[] recipients = new long[accountDays];
        int[] distinct = new int[accountDays];
        int parts = n >= PARALLEL_BUILD ? Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors())) : 1;
        int[] partFrom = accountParts(aeStart, parts);
        java.util.stream.IntStream each = java.util.stream.IntStream.range(0, parts);
        (parts > 1 ? each.parallel() : each).forEach(p -> {
            int[] ipStamp = new int[ips.length]; // the account-day (plus one) an IP was last counted for
            for (int a = partFrom[p]; a < partFrom[p + 1]; a++) {
                int m = adStart[a] - 1;
                int previousDay = Integer.MIN_VALUE;
                for (int k = aeStart[a]; k < aeStart[a + 1]; k++) {
                    int i = aeEntry[k];
                    if (eDay[i] != previousDay || m < adStart[a]) {
                        m++;
                        days[m] = eDay[i];
                        previousDay = eDay[i];
                    }
                    totals[m] += eCount[i];
                    recipients[m] += eRecipients[i];
                    if (ipStamp[eIp[i]] != m + 1) {
                        ipStamp[eIp[i]] = m + 1;
                        distinct[m]++;
                    }
                }
            }
        });
        adDay = days;
        adTotal = totals;
        adRecipients = recipients;
        adIps = distinct;
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
        lastSeen = new int[accountCount];
        Arrays.fill(lastSeen, Integer.MIN_VALUE);
        for (int i = 0; i < b.sSize; i++) {
            int a = b.sAccount[i];
            firstDay[a] = Math.min(firstDay[a], b.sFirst[i]);
            lastSeen[a] = Math.max(lastSeen[a], b.sLast[i]);
        }
        loadedWindow = b.loadedWindow;
        historyBefore = b.loadedWindow == null ? Integer.MIN_VALUE
                : Math.toIntExact(b.loadedWindow.firstEpochDay() - UnusualActivity.SPIKE_HISTORY_DAYS);
        cacheRange = b.cacheRange;
        cacheEmpty = b.loadedWindow != null && b.cacheRange == null;
        // Failures: merged per (day, IP, account), then totals per (account, day); with sorts of
        // numbers (a year's window is 100,000s of failures, and sorting records of them cost a tenth of its load).
        int fn = b.fSize;
        int minDay = Integer.MAX_VALUE;
        int maxDay = Integer.MIN_VALUE;
        for (int i = 0; i < fn; i++) {
            minDay = Math.min(minDay, b.fDay[i]);
            maxDay = Math.max(maxDay, b.fDay[i]);
        }
        int dayCount = fn == 0 ? 0 : Math.toIntExact((long) maxDay - minDay + 1);
        int[] dayFrom = new int[dayCount + 1];
        for (int i = 0; i < fn; i++) {
            dayFrom[b.fDay[i] - minDay + 1]++;
        }
        for (int d = 0; d < dayCount; d++) {
            dayFrom[d + 1] += dayFrom[d];
        }
        long[] ipAccount = new long[fn]; // per day, IP << 31 | account: in (IP, account) order when sorted
        long[] counts = new long[fn];
        int[] at = Arrays.copyOf(dayFrom, Math.max(dayCount, 1));
        for (int i = 0; i < fn; i++) {
            int k = at[b.fDay[i] - minDay]++;
            ipAccount[k] = ((long) b.fIp[i] << 31) | b.fAccount[i];
            counts[k] = b.fCountIn[i];
        }
        LongSums merged = new LongSums(fn);
        int[] mergedDay = new int[fn];
        for (int d = 0; d < dayCount; d++) {
            int before = merged.size;
            merged.add(ipAccount, counts, dayFrom[d], dayFrom[d + 1]);
            Arrays.fill(mergedDay, before, merged.size, minDay + d);
        }
        int xn = merged.size;
        xDay = Arrays.copyOf(mergedDay, xn);
        xAccount = new int[xn];
        xIp = new int[xn];
        xCount = Arrays.copyOf(merged.sums, xn);
        long[] accountDay = new long[xn];
        int noIp = b.emptyIp;
        long[] spray = new long[16];
        int sprays = 0;
        int named = 0;
        for (int i = 0; i < xn; i++) {
            xIp[i] = (int) (merged.keys[i] >>> 31);
            xAccount[i] = (int) (merged.keys[i] & Integer.MAX_VALUE);
            accountDay[i] = key(xAccount[i], xDay[i]);
            boolean sameGroup = i > 0 && xDay[i - 1] == xDay[i] && xIp[i - 1] == xIp[i];
            named = sameGroup ? named : 0;
            if (xAccount[i] != anonymous && ++named == UnusualActivity.SPRAY_ACCOUNTS && xIp[i] != noIp) {
                if (sprays == spray.length) {
                    spray = Arrays.copyOf(spray, sprays * 2);
                }
                spray[sprays++] = ((long) xDay[i] << 32) | xIp[i];
            }
        }
        sprayed = Arrays.copyOf(spray, sprays);
        Arrays.sort(sprayed);
        sprayedIps = new boolean[ips.length];
        for (long key : sprayed) {
            sprayedIps[(int) key] = true;
        }
        LongSums perAccountDay = new LongSums(xn);
        perAccountDay.add(accountDay, xCount, 0, xn);
        fStart = new int[accountCount + 1];
        fDay = new int[perAccountDay.size];
        fCount = Arrays.copyOf(perAccountDay.sums, perAccountDay.size);
        for (int i = 0; i < perAccountDay.size; i++) {
            fStart[(int) (perAccountDay.keys[i] >>> 32) + 1]++;
            fDay[i] = (int) perAccountDay.keys[i];
        }
        for (int a = 0; a < accountCount; a++) {
            fStart[a + 1] += fStart[a];
        }
        places = Places.NONE;
    }

    /** The same data with places: shares every array of {@code d}. */
    private SmtpDataset(SmtpDataset d, Places places) {
        accounts = d.accounts;
        domains = d.domains;
        methods = d.methods;
        methodProtocol = d.methodProtocol;
        ips = d.ips;
        anonymous = d.anonymous;
        eDay = d.eDay;
        eAccount = d.eAccount;
        eDomain = d.eDomain;
        eMethod = d.eMethod;
        eIp = d.eIp;
        eTls = d.eTls;
        eCount = d.eCount;
        eRecipients = d.eRecipients;
        eFirst = d.eFirst;
        eLast = d.eLast;
        aeStart = d.aeStart;
        aeEntry = d.aeEntry;
        abStart = d.abStart;
        abPos = d.abPos;
        accountDomain = d.accountDomain;
        adStart = d.adStart;
        adDay = d.adDay;
        adTotal = d.adTotal;
        adRecipients = d.adRecipients;
        adIps = d.adIps;
        fStart = d.fStart;
        fDay = d.fDay;
        fCount = d.fCount;
        xDay = d.xDay;
        xAccount = d.xAccount;
        xIp = d.xIp;
        xCount = d.xCount;
        sprayed = d.sprayed;
        sprayedIps = d.sprayedIps;
        firstDay = d.firstDay;
        lastSeen = d.lastSeen;
        loadedWindow = d.loadedWindow;
        historyBefore = d.historyBefore;
        cacheRange = d.cacheRange;
        cacheEmpty = d.cacheEmpty;
        this.places = places;
    }

    /** A failure key in the order (day, IP, account). */
    /** Keys in order with the sum of the counts of each, appended run by run. */
    private static final class LongSums {
        final long[] keys;
        final long[] sums;
        int size;

        LongSums(int capacity) {
            keys = new long[capacity];
            sums = new long[capacity];
        }

        /** Appends the distinct keys of {@code keys[from, to)}, sorted, each with the sum of its counts. */
        void add(long[] keys, long[] counts, int from, int to) {
            long[] sorted = Arrays.copyOfRange(keys, from, to);
            Arrays.sort(sorted);
            int start = size;
            for (int k = 0; k < sorted.length; k++) {
                if (k == 0 || sorted[k] != sorted[k - 1]) {
                    this.keys[size++] = sorted[k];
                }
            }
            for (int k = from; k < to; k++) {
                sums[Arrays.binarySearch(this.keys, start, size, keys[k])] += counts[k];
            }
        }
    }


    /** Null when the days are already in order, else the order that sorts them (a stable counting sort). */
    /**
     * Splits the accounts into {@code parts} ranges of about as many entries each: range p is accounts
     * {@code [from[p], from[p + 1])}. Work on each account's own entries is done per range on every core.
     */
    int[] accountParts(int parts) {
        return accountParts(aeStart, parts);
    }

    private static int[] accountParts(int[] aeStart, int parts) {
        int accountCount = aeStart.length - 1;
        int n = aeStart[accountCount];
        int[] from = new int[parts + 1];
        for (int p = 1, a = 0; p <= parts; p++) {
            long target = (long) n * p / parts;
            while (a < accountCount && aeStart[a] < target) {
                a++;
            }
            from[p] = p == parts ? accountCount : a;
        }
        return from;
    }

    /** From this many entries, the account-days are computed on every core. */
    static final int PARALLEL_BUILD = 100_000;

    private static int[] dayOrder(int[] day, int n) {
        boolean sorted = true;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            sorted &= i == 0 || day[i - 1] <= day[i];
            min = Math.min(min, day[i]);
            max = Math.max(max, day[i]);
        }
        if (sorted) {
            return null;
        }
        int[] start = new int[max - min + 2];
        for (int i = 0; i < n; i++) {
            start[day[i] - min + 1]++;
        }
        for (int k = 1; k < start.length; k++) {
            start[k] += start[k - 1];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[start[day[i] - min]++] = i;
        }
        return order;
    }

    /**
     * The values in {@code order} (null: as they are). The builder's own array is taken as it is when
     * it holds exactly the entries: a builder builds once, and a year of entries is hundreds of megabytes.
     */
    private static int[] permute(int[] values, int[] order, int n) {
        if (order == null) {
            return values.length == n ? values : Arrays.copyOf(values, n);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }

    private static long key(int account, int day) {
        return ((long) account << 32) | (day & 0xffffffffL);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This data with every client IP looked up in {@code geo}, and the place flags' inputs derived
     * (SPEC 2.5, 2.6); the arrays are shared, only the places are new. Costs one lookup per distinct
     * IP (the lookup caches per IP) and one pass over the entries.
     */
    public SmtpDataset locate(GeoLookup geo) {
        // The lookups are most of the work (79 009 IPs for 7 days of the year bench): made first on every
        // core, into an array by IP index (a second lookup in the lookup's cache cost as much as the first), then read back in order.
        int[] needed = Places.needed(this);
        org.mailflow.geo.Place[] found = new org.mailflow.geo.Place[ips.length];
        java.util.stream.IntStream each = java.util.Arrays.stream(needed);
        (needed.length >= PARALLEL_LOOKUPS ? each.parallel() : each).forEach(i -> found[i] = geo.lookup(ips[i]));
        return new SmtpDataset(this, Places.of(this, i -> found[i] != null ? found[i] : geo.lookup(ips[i]), needed));
    }

    /** From this many client IPs to look up, they are looked up on every core first. */
    static final int PARALLEL_LOOKUPS = 4096;

    /** {@link #locate(GeoLookup)} with any lookup of an IP as logged (tests, other sources of places). */
    public SmtpDataset locate(java.util.function.Function<String, org.mailflow.geo.Place> lookup) {
        return new SmtpDataset(this, Places.of(this, i -> lookup.apply(ips[i]), Places.needed(this)));
    }

    /** The places of the client IPs; {@link Places#NONE} until {@link #locate}. */
    public Places places() {
        return places;
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

    public int methodCount() {
        return methods.length;
    }

    /** An auth method as stored (upper case; {@code ""} when the source did not name one). */
    public String method(int m) {
        return methods[m];
    }

    public AuthProtocol protocol(int method) {
        return AuthProtocol.values()[methodProtocol[method]];
    }

    public int ipCount() {
        return ips.length;
    }

    /** A client IP as logged ({@code ""} when unknown). */
    public String ip(int i) {
        return ips[i];
    }

    /** The index of a client IP as logged, or -1. */
    public int ipIndex(String ip) {
        String key = ip == null ? "" : ip.strip();
        for (int i = 0; i < ips.length; i++) {
            if (ips[i].equals(key)) {
                return i;
            }
        }
        return -1;
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

    /**
     * Every sender domain with submissions ({@code ""} included), the most messages first, then by
     * name: the order that gives each domain its colour on the SMTP AUTH page.
     */
    public List<String> domainsByVolume() {
        long[] totals = new long[domains.length];
        for (int i = 0; i < eDomain.length; i++) {
            totals[eDomain[i]] += eCount[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int d = 0; d < domains.length; d++) {
            if (totals[d] > 0) {
                order.add(d);
            }
        }
        order.sort(java.util.Comparator.<Integer>comparingLong(d -> -totals[d]).thenComparing(d -> domains[d]));
        List<String> out = new ArrayList<>(order.size());
        order.forEach(d -> out.add(domains[d]));
        return out;
    }

    public int domainIndex(String name) {
        for (int d = 0; d < domains.length; d++) {
            if (domains[d].equalsIgnoreCase(name)) {
                return d;
            }
        }
        return -1;
    }

    /** Whether the cache has no submissions (a window's load knows that of the whole cache). */
    public boolean isEmpty() {
        return loadedWindow != null ? cacheEmpty : eDay.length == 0;
    }

    /**
     * The window this data was loaded for ({@link org.mailflow.cache.SmtpStore#load(DayWindow)}), or
     * empty when it holds every row of the cache.
     */
    public Optional<DayWindow> loadedWindow() {
        return Optional.ofNullable(loadedWindow);
    }

    /** Whether reports of {@code window} computed from this data are those of the whole cache: it lies inside the loaded window. */
    public boolean covers(DayWindow window) {
        return loadedWindow == null
                || window.firstEpochDay() >= loadedWindow.firstEpochDay() && window.lastEpochDay() <= loadedWindow.lastEpochDay();
    }

    /** Whether entry {@code e} is a history sighting of a window's load rather than a row of the cache. */
    boolean sighting(int e) {
        return eDay[e] < historyBefore;
    }

    /** First and last day with a submission in the cache. */
    public Optional<DayWindow> dataRange() {
        if (loadedWindow != null) {
            return Optional.ofNullable(cacheRange);
        }
        if (eDay.length == 0) {
            return Optional.empty();
        }
        return Optional.of(new DayWindow(java.time.LocalDate.ofEpochDay(eDay[0]), java.time.LocalDate.ofEpochDay(eDay[eDay.length - 1])));
    }

    /** Entries held (rows of the cache's daily aggregates, and the history rows of a window's load). */
    public int entryCount() {
        return eDay.length;
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
        return Math.max(lastSeen[account], adStart[account] < adStart[account + 1] ? adDay[adStart[account + 1] - 1] : Integer.MIN_VALUE);
    }

    /** Whether some submissions of the data carry a recipient count (the source logs recipients). */
    public boolean hasRecipients() {
        for (long r : eRecipients) {
            if (r > 0) {
                return true;
            }
        }
        return false;
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

    /** Position in {@link #aeEntry} of the account's first entry on or after {@code day}. */
    int accountEntryFrom(int account, long day) {
        int lo = aeStart[account];
        int hi = aeStart[account + 1];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (eDay[aeEntry[mid]] < day) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The last day on or before {@code lastDay} on which the account sent with a Basic method under
     * the domain (any domain when {@code domain} is negative), or {@link Integer#MIN_VALUE}.
     */
    int lastBasicDay(int account, int domain, long lastDay) {
        int lo = abStart[account];
        int hi = abStart[account + 1];
        while (lo < hi) { // first Basic entry after lastDay
            int mid = (lo + hi) >>> 1;
            if (eDay[aeEntry[abPos[mid]]] <= lastDay) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int k = lo - 1; k >= abStart[account]; k--) {
            int e = aeEntry[abPos[k]];
            if (domain < 0 || eDomain[e] == domain) {
                return eDay[e];
            }
        }
        return Integer.MIN_VALUE;
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

    /** Index of the first failure entry on or after {@code day}. */
    int failureFrom(long day) {
        int lo = 0;
        int hi = xDay.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xDay[mid] < day) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether the IP was a spraying source on that day. */
    boolean sprayedOn(int day, int ip) {
        return sprayedIps[ip] && Arrays.binarySearch(sprayed, ((long) day << 32) | ip) >= 0;
    }

    /** The named accounts the IP failed to authenticate as on that day, sorted. */
    List<String> failedAccounts(int day, int ip) {
        List<String> out = new ArrayList<>();
        for (int i = failureFrom(day); i < xDay.length && xDay[i] == day; i++) {
            if (xIp[i] == ip && xAccount[i] != anonymous) {
                out.add(accounts[xAccount[i]]);
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * Collects a dataset. Accounts, domains, methods and IPs get dense indexes in the order they are
     * added; entries may repeat a key (their counts add up) and may come in any order.
     */
    public static final class Builder {
        private List<String> accounts = new ArrayList<>();
        private Map<String, Integer> accountIndex = new HashMap<>();
        private final List<String> domains = new ArrayList<>();
        private final Map<String, Integer> domainIndex = new HashMap<>();
        private final List<String> methods = new ArrayList<>();
        private final Map<String, Integer> methodIndex = new HashMap<>();
        private List<String> ips = new ArrayList<>();
        private Map<String, Integer> ipIndex = new HashMap<>();
        /** How many of {@link #ips} are in {@link #ipIndex} ({@link #newIp} adds to the list only). */
        private int ipIndexed;
        /** The index of the empty address, -1 until added. */
        private int emptyIp = -1;
        private int[] eDay = new int[1024];
        private int[] eAccount = new int[1024];
        private int[] eDomain = new int[1024];
        private int[] eMethod = new int[1024];
        private int[] eIp = new int[1024];
        private byte[] eTls = new byte[1024];
        private long[] eCount = new long[1024];
        private long[] eRecipients = new long[1024];
        private int[] eFirst = new int[1024];
        private int[] eLast = new int[1024];
        private int eSize;
        private int[] ipAccount = new int[16];
        private int[] ipDay = new int[16];
        private int[] ipCount = new int[16];
        private int ipSize;
        private int[] fAccount = new int[64];
        private int[] fDay = new int[64];
        private int[] fIp = new int[64];
        private long[] fCountIn = new long[64];
        private int fSize;
        private int[] sAccount = new int[16];
        private int[] sFirst = new int[16];
        private int[] sLast = new int[16];
        private int sSize;
        private DayWindow loadedWindow;
        private DayWindow cacheRange;

        private Builder() {
        }

        /**
         * Makes this the data of one window of a larger cache ({@link org.mailflow.cache.SmtpStore#load(DayWindow)}):
         * the entries are the cache's rows from {@link UnusualActivity#SPIKE_HISTORY_DAYS} days before
         * {@code window} to its end, and before those, history the flags need: entries without times
         * and with count 0 (sightings: an account's first day at a client IP, its last Basic day per
         * domain and method). {@code cacheRange} is the whole cache's first and last day, empty when it has
         * no submissions.
         */
        public Builder window(DayWindow window, Optional<DayWindow> cacheRange) {
            this.loadedWindow = window;
            this.cacheRange = cacheRange.orElse(null);
            return this;
        }

        /** The account's first and last day with a submission in the whole cache (a window's load). */
        public Builder seen(int account, long firstDay, long lastDay) {
            if (sSize == sAccount.length) {
                int cap = sSize * 2;
                sAccount = Arrays.copyOf(sAccount, cap);
                sFirst = Arrays.copyOf(sFirst, cap);
                sLast = Arrays.copyOf(sLast, cap);
            }
            sAccount[sSize] = account;
            sFirst[sSize] = Math.toIntExact(firstDay);
            sLast[sSize] = Math.toIntExact(lastDay);
            sSize++;
            return this;
        }

        public int account(String address) {
            return index(accounts, accountIndex, address);
        }

        public int domain(String name) {
            return index(domains, domainIndex, name);
        }

        public int method(String name) {
            return index(methods, methodIndex, name == null ? "" : name);
        }

        public int ip(String address) {
            String value = address == null ? "" : address;
            if (value.isEmpty() && emptyIp >= 0) {
                return emptyIp;
            }
            if (ipIndexed < ips.size()) { // addresses added by newIp: now in the map too
                for (int k = ipIndexed; k < ips.size(); k++) {
                    ipIndex.putIfAbsent(ips.get(k), k);
                }
            }
            int at = index(ips, ipIndex, value);
            ipIndexed = ips.size();
            if (value.isEmpty()) {
                emptyIp = at;
            }
            return at;
        }

        /**
         * Adds a client IP that the caller has not added before: it names each distinct address once
         * (the cache's loads, by the address's id), which spares the look-up by text of 100,000s of
         * addresses. {@link #ip} still finds it afterwards. The empty address goes through {@link #ip}.
         */
        public int newIp(String address) {
            if (address == null || address.isEmpty()) {
                return ip("");
            }
            ips.add(address);
            return ips.size() - 1;
        }

        private static int index(List<String> list, Map<String, Integer> map, String value) {
            Integer at = map.get(value);
            if (at == null) {
                at = list.size();
                list.add(value);
                map.put(value, at);
            }
            return at;
        }

        /** Makes room for about this many accounts and client IPs at once (a year's load adds 100,000s); before any is added. */
        public Builder expectNames(int accountCount, int ipCount) {
            if (accounts.isEmpty() && ips.isEmpty()) {
                accounts = new ArrayList<>(accountCount);
                accountIndex = new HashMap<>(accountCount * 4 / 3 + 16);
                ips = new ArrayList<>(ipCount);
                ipIndex = new HashMap<>(ipCount * 4 / 3 + 16);
            }
            return this;
        }

        /** Makes room for {@code entries} entries at once, instead of growing step by step. */
        public Builder expect(int entries) {
            if (entries > eDay.length) {
                grow(entries);
            }
            return this;
        }

        private void grow(int cap) {
            eDay = Arrays.copyOf(eDay, cap);
            eAccount = Arrays.copyOf(eAccount, cap);
            eDomain = Arrays.copyOf(eDomain, cap);
            eMethod = Arrays.copyOf(eMethod, cap);
            eIp = Arrays.copyOf(eIp, cap);
            eTls = Arrays.copyOf(eTls, cap);
            eCount = Arrays.copyOf(eCount, cap);
            eRecipients = Arrays.copyOf(eRecipients, cap);
            eFirst = Arrays.copyOf(eFirst, cap);
            eLast = Arrays.copyOf(eLast, cap);
        }

        /** Adds {@code count} submissions with no method, IP, recipients or times known. */
        public Builder entry(long epochDay, int account, int domain, TlsVersion tls, long count) {
            return entry(epochDay, account, domain, method(""), ip(""), tls, count, 0, -1, -1);
        }

        /**
         * Adds {@code count} submissions of one day. {@code method} and {@code ip} are indexes of
         * {@link #method} and {@link #ip}; {@code firstSecond} and {@code lastSecond} are the epoch
         * seconds of the first and last of them, or -1 when the source gave no time of day.
         */
        public Builder entry(long epochDay, int account, int domain, int method, int ip, TlsVersion tls, long count,
                             long recipients, long firstSecond, long lastSecond) {
            if (eSize == eDay.length) {
                grow(eSize * 2);
            }
            eDay[eSize] = Math.toIntExact(epochDay);
            eAccount[eSize] = account;
            eDomain[eSize] = domain;
            eMethod[eSize] = method;
            eIp[eSize] = ip;
            eTls[eSize] = (byte) tls.code();
            eCount[eSize] = count;
            eRecipients[eSize] = recipients;
            eFirst[eSize] = secondOfDay(epochDay, firstSecond);
            eLast[eSize] = secondOfDay(epochDay, lastSecond);
            eSize++;
            return this;
        }

        private static int secondOfDay(long epochDay, long epochSecond) {
            if (epochSecond < 0) {
                return -1;
            }
            return (int) Math.max(0, Math.min(86_399, epochSecond - epochDay * 86_400));
        }

        /**
         * At least this many distinct client IPs for the account on that day (the entries give the
         * IPs they name; a source that gives only the number sets it here).
         */
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

        /** Failed authentications of the account on that day from an unknown IP. */
        public Builder failures(int account, long epochDay, long count) {
            return failures(account, epochDay, ip(""), count);
        }

        /** Failed authentications of the account ({@code account("")} when unnamed) from an IP ({@link #ip}) on that day. */
        public Builder failures(int account, long epochDay, int ip, long count) {
            if (fSize == fAccount.length) {
                int cap = fSize * 2;
                fAccount = Arrays.copyOf(fAccount, cap);
                fDay = Arrays.copyOf(fDay, cap);
                fIp = Arrays.copyOf(fIp, cap);
                fCountIn = Arrays.copyOf(fCountIn, cap);
            }
            fAccount[fSize] = account;
            fDay[fSize] = Math.toIntExact(epochDay);
            fIp[fSize] = ip;
            fCountIn[fSize] = count;
            fSize++;
            return this;
        }

        /** The dataset; the builder may hand its arrays over, so it is not to be used after this. */
        public SmtpDataset build() {
            return new SmtpDataset(this);
        }
    }
}
