package org.mailflow.bulk;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.mailflow.model.DayWindow;

/**
 * Everything the Bulk sender insights page needs for one window, held in flat arrays indexed by a
 * dense sender index: messages per BCL and per delivery location, feedback events, active weeks and
 * the admin setting. The quality score depends only on these, so it is computed once here; a slider
 * move then only re-derives flags ({@link BulkSimulation}).
 *
 * <p>Immutable once built. Senders are every address with a message or a feedback event in the
 * window; the sender table shows only those with a message of BCL &ge; 1 ({@link #tableSenders()}).
 */
public final class BulkDataset {
    private static final int BCLS = 10;
    private static final int DELIVERIES = Delivery.values().length;
    private static final int EVENTS = FeedbackEvent.values().length;

    private final DayWindow window;
    private final int weeks;
    private final String[] address;
    private final long[] bcl;
    private final long[] delivery;
    private final long[] events;
    private final long[] weekMask;
    private final AdminSetting[] admin;
    private final long[] messages;
    private final int[] bclMask;
    private final int[] quality;
    private final long[] bclTotals;
    private final int[] tableSenders;
    private final Map<String, Integer> byAddress;

    private BulkDataset(Builder b) {
        int n = b.size;
        this.window = b.window;
        this.weeks = QualityScore.weeksInWindow(window.days());
        this.address = Arrays.copyOf(b.address, n);
        this.bcl = Arrays.copyOf(b.bcl, n * BCLS);
        this.delivery = Arrays.copyOf(b.delivery, n * DELIVERIES);
        this.events = Arrays.copyOf(b.events, n * EVENTS);
        this.weekMask = Arrays.copyOf(b.weekMask, n);
        this.admin = Arrays.copyOf(b.admin, n);
        this.byAddress = b.byAddress;
        this.messages = new long[n];
        this.bclMask = new int[n];
        this.quality = new int[n];
        this.bclTotals = new long[BCLS];
        for (int i = 0; i < n; i++) {
            long m = 0;
            int mask = 0;
            for (int level = 0; level < BCLS; level++) {
                long c = bcl[i * BCLS + level];
                if (c > 0) {
                    m += c;
                    mask |= 1 << level;
                    bclTotals[level] += c;
                }
            }
            messages[i] = m;
            bclMask[i] = mask;
            if (admin[i] == null) {
                admin[i] = AdminSetting.NONE;
            }
            quality[i] = breakdown(i).quality();
        }
        this.tableSenders = IntStream.range(0, n).filter(i -> (bclMask[i] & ~1) != 0).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> -maxBcl(i)).thenComparing(i -> address[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    public static Builder builder(DayWindow window) {
        return new Builder(window);
    }

    public DayWindow window() {
        return window;
    }

    public int weeksInWindow() {
        return weeks;
    }

    /** Number of senders (all, not only those in the table). */
    public int size() {
        return address.length;
    }

    public String address(int sender) {
        return address[sender];
    }

    public Optional<Integer> indexOf(String senderAddress) {
        return Optional.ofNullable(byAddress.get(senderAddress));
    }

    /** Messages of the sender at level {@code level} (0-9). */
    public long bclCount(int sender, int level) {
        return bcl[sender * BCLS + level];
    }

    public long delivered(int sender, Delivery where) {
        return delivery[sender * DELIVERIES + where.ordinal()];
    }

    public long event(int sender, FeedbackEvent event) {
        return events[sender * EVENTS + event.code()];
    }

    public AdminSetting admin(int sender) {
        return admin[sender];
    }

    /** M: all messages of the sender in the window, BCL 0 included. */
    public long messages(int sender) {
        return messages[sender];
    }

    /** Bit b set when the sender has a message of BCL b in the window. */
    public int bclMask(int sender) {
        return bclMask[sender];
    }

    /** The highest BCL among the sender's messages in the window, or -1 when it has none. */
    public int maxBcl(int sender) {
        return 31 - Integer.numberOfLeadingZeros(bclMask[sender]);
    }

    public int activeWeeks(int sender) {
        return Long.bitCount(weekMask[sender]);
    }

    public int quality(int sender) {
        return quality[sender];
    }

    public QualityScore.Breakdown breakdown(int sender) {
        long[] ev = Arrays.copyOfRange(events, sender * EVENTS, (sender + 1) * EVENTS);
        return QualityScore.compute(ev, messages[sender], activeWeeks(sender), weeks, admin[sender]);
    }

    /** Messages per BCL 0-9 over all senders. */
    public long[] bclTotals() {
        return bclTotals.clone();
    }

    /**
     * The senders of the sender table (a message of BCL &ge; 1 in the window), highest BCL first and
     * then by address: the table's order before the user sorts.
     */
    public int[] tableSenders() {
        return tableSenders.clone();
    }

    public int tableSize() {
        return tableSenders.length;
    }

    /** The {@code k}-th sender of {@link #tableSenders()}, without copying the array. */
    public int tableSender(int k) {
        return tableSenders[k];
    }

    /** Collects aggregates for one window; rows outside the window are ignored. */
    public static final class Builder {
        private final DayWindow window;
        private final long lastDay;
        private final int weeks;
        private final Map<String, Integer> byAddress = new HashMap<>();
        private int size;
        private String[] address = new String[64];
        private long[] bcl = new long[64 * BCLS];
        private long[] delivery = new long[64 * DELIVERIES];
        private long[] events = new long[64 * EVENTS];
        private long[] weekMask = new long[64];
        private AdminSetting[] admin = new AdminSetting[64];

        private Builder(DayWindow window) {
            this.window = window;
            this.lastDay = window.lastEpochDay();
            this.weeks = QualityScore.weeksInWindow(window.days());
            if (weeks > 64) {
                throw new IllegalArgumentException("windows longer than 448 days are not supported: " + window.days());
            }
        }

        /** The dense index of {@code senderAddress}, adding it when new. */
        public int sender(String senderAddress) {
            Integer existing = byAddress.get(senderAddress);
            if (existing != null) {
                return existing;
            }
            if (size == address.length) {
                grow();
            }
            address[size] = senderAddress;
            byAddress.put(senderAddress, size);
            return size++;
        }

        private void grow() {
            int cap = address.length * 2;
            address = Arrays.copyOf(address, cap);
            bcl = Arrays.copyOf(bcl, cap * BCLS);
            delivery = Arrays.copyOf(delivery, cap * DELIVERIES);
            events = Arrays.copyOf(events, cap * EVENTS);
            weekMask = Arrays.copyOf(weekMask, cap);
            admin = Arrays.copyOf(admin, cap);
        }

        /**
         * Adds one day's messages of a sender at one BCL, by delivery location, in the order of
         * {@link Delivery}.
         */
        public Builder addMessages(int sender, long epochDay, int level, long inbox, long junk, long quarantine,
                                   long deleted, long unknown) {
            if (!window.contains(epochDay)) {
                return this;
            }
            long total = inbox + junk + quarantine + deleted + unknown;
            bcl[sender * BCLS + level] += total;
            int base = sender * DELIVERIES;
            delivery[base] += inbox;
            delivery[base + 1] += junk;
            delivery[base + 2] += quarantine;
            delivery[base + 3] += deleted;
            delivery[base + 4] += unknown;
            if (total > 0) {
                weekMask[sender] |= 1L << ((lastDay - epochDay) / 7);
            }
            return this;
        }

        public Builder addEvent(int sender, long epochDay, FeedbackEvent event, long count) {
            if (window.contains(epochDay)) {
                events[sender * EVENTS + event.code()] += count;
            }
            return this;
        }

        public Builder admin(int sender, AdminSetting setting) {
            admin[sender] = setting;
            return this;
        }

        public int size() {
            return size;
        }

        public String address(int sender) {
            return address[sender];
        }

        public BulkDataset build() {
            return new BulkDataset(this);
        }
    }
}
