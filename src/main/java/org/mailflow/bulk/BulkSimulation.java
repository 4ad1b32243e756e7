package org.mailflow.bulk;

/**
 * The live simulation of SPEC 3.2 and 3.5. With effective threshold E = N and quality threshold Q,
 * for a sender whose window holds messages at the BCL levels of {@code mask}:
 * <ul>
 *   <li>Potential false positive: a message with BCL &ge; E and quality &ge; Q;</li>
 *   <li>Potential false negative: a message with 1 &le; BCL &lt; E and quality &lt; Q;</li>
 *   <li>Newly blocked sender: N &lt; C and a message with N &le; BCL &lt; C;</li>
 *   <li>Newly allowed sender: N &gt; C and a message with C &le; BCL &lt; N.</li>
 * </ul>
 * Each test is one AND of the sender's BCL bit mask with a precomputed range mask, so a run over
 * 100 000 senders takes well under a millisecond.
 */
public final class BulkSimulation {
    private BulkSimulation() {
    }

    public static SimulationResult run(BulkDataset dataset, SimulationParams p) {
        int c = p.current();
        int n = p.newThreshold();
        int q = p.quality();
        int atOrAboveN = range(n, 9);
        int belowN = range(1, n - 1);
        int newlyBlocked = n < c ? range(n, c - 1) : 0;
        int newlyAllowed = n > c ? range(c, n - 1) : 0;

        byte[] flags = new byte[dataset.size()];
        int[] counts = new int[SenderFlag.values().length];
        for (int k = 0, size = dataset.tableSize(); k < size; k++) {
            int s = dataset.tableSender(k);
            int mask = dataset.bclMask(s);
            boolean good = dataset.quality(s) >= q;
            int f = 0;
            if (good && (mask & atOrAboveN) != 0) {
                f |= SenderFlag.POTENTIAL_FALSE_POSITIVE.bit();
                counts[SenderFlag.POTENTIAL_FALSE_POSITIVE.ordinal()]++;
            }
            if (!good && (mask & belowN) != 0) {
                f |= SenderFlag.POTENTIAL_FALSE_NEGATIVE.bit();
                counts[SenderFlag.POTENTIAL_FALSE_NEGATIVE.ordinal()]++;
            }
            if ((mask & newlyBlocked) != 0) {
                f |= SenderFlag.NEWLY_BLOCKED.bit();
                counts[SenderFlag.NEWLY_BLOCKED.ordinal()]++;
            }
            if ((mask & newlyAllowed) != 0) {
                f |= SenderFlag.NEWLY_ALLOWED.bit();
                counts[SenderFlag.NEWLY_ALLOWED.ordinal()]++;
            }
            flags[s] = (byte) f;
        }
        BclTable table = new BclTable(dataset.bclTotals(), c, n);
        return new SimulationResult(dataset, p, table, flags, counts);
    }

    /** Bits {@code from}..{@code to} inclusive; empty when to &lt; from. */
    static int range(int from, int to) {
        if (to < from) {
            return 0;
        }
        return ((1 << (to + 1)) - 1) & ~((1 << from) - 1);
    }
}
