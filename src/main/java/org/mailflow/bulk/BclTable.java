package org.mailflow.bulk;

/**
 * The BCL table of SPEC 3.2 for one window: per level 1-9, all email and what is delivered or
 * identified at the current threshold C and at the new threshold N. A message is identified (blocked)
 * at threshold T iff BCL &ge; T. BCL 0 is not a row and is not part of the totals.
 */
public final class BclTable {
    public static final int MIN_BCL = 1;
    public static final int MAX_BCL = 9;

    private final long[] all;
    private final int current;
    private final int newThreshold;

    /** @param all messages per BCL, indexed 0-9 (index 0 is ignored) */
    public BclTable(long[] all, int current, int newThreshold) {
        if (all.length != 10) {
            throw new IllegalArgumentException("need counts for BCL 0-9");
        }
        this.all = all.clone();
        this.current = current;
        this.newThreshold = newThreshold;
    }

    public int current() {
        return current;
    }

    public int newThreshold() {
        return newThreshold;
    }

    public long all(int bcl) {
        return all[bcl];
    }

    public static long delivered(long count, int bcl, int threshold) {
        return bcl < threshold ? count : 0;
    }

    public static long identified(long count, int bcl, int threshold) {
        return bcl >= threshold ? count : 0;
    }

    public long deliveredAtCurrent(int bcl) {
        return delivered(all[bcl], bcl, current);
    }

    public long identifiedAtCurrent(int bcl) {
        return identified(all[bcl], bcl, current);
    }

    public long deliveredAtNew(int bcl) {
        return delivered(all[bcl], bcl, newThreshold);
    }

    public long identifiedAtNew(int bcl) {
        return identified(all[bcl], bcl, newThreshold);
    }

    public long totalAll() {
        long sum = 0;
        for (int b = MIN_BCL; b <= MAX_BCL; b++) {
            sum += all[b];
        }
        return sum;
    }

    public long totalDeliveredAtCurrent() {
        return sumBelow(current);
    }

    public long totalIdentifiedAtCurrent() {
        return totalAll() - sumBelow(current);
    }

    public long totalDeliveredAtNew() {
        return sumBelow(newThreshold);
    }

    public long totalIdentifiedAtNew() {
        return totalAll() - sumBelow(newThreshold);
    }

    /** Delivered at the new threshold minus delivered at the current one (negative when N &lt; C). */
    public long deliveredDifference() {
        return totalDeliveredAtNew() - totalDeliveredAtCurrent();
    }

    public long identifiedDifference() {
        return totalIdentifiedAtNew() - totalIdentifiedAtCurrent();
    }

    private long sumBelow(int threshold) {
        long sum = 0;
        for (int b = MIN_BCL; b < threshold; b++) {
            sum += all[b];
        }
        return sum;
    }
}
