package org.mailflow.bulk;

import java.util.EnumMap;
import java.util.Map;

/**
 * One run of the simulation: the BCL table and, for every sender of the table, its flags. Flags are
 * bit sets indexed by dataset sender index ({@link SenderFlag#bit()}); only the flags of the
 * {@linkplain Relation#columns() shown columns} are meaningful to the user, but all four are computed.
 */
public final class SimulationResult {
    private final BulkDataset dataset;
    private final SimulationParams params;
    private final BclTable table;
    private final byte[] flags;
    private final int[] flagCounts;

    SimulationResult(BulkDataset dataset, SimulationParams params, BclTable table, byte[] flags, int[] flagCounts) {
        this.dataset = dataset;
        this.params = params;
        this.table = table;
        this.flags = flags;
        this.flagCounts = flagCounts;
    }

    public BulkDataset dataset() {
        return dataset;
    }

    public SimulationParams params() {
        return params;
    }

    public Relation relation() {
        return params.relation();
    }

    public BclTable table() {
        return table;
    }

    /** The flag bits of {@code sender} (a dataset index). */
    public int flags(int sender) {
        return flags[sender];
    }

    public boolean has(int sender, SenderFlag flag) {
        return (flags[sender] & flag.bit()) != 0;
    }

    /** Number of table senders with {@code flag} True: the count behind each filter entry. */
    public int count(SenderFlag flag) {
        return flagCounts[flag.ordinal()];
    }

    public Map<SenderFlag, Integer> counts() {
        Map<SenderFlag, Integer> m = new EnumMap<>(SenderFlag.class);
        for (SenderFlag f : SenderFlag.values()) {
            m.put(f, flagCounts[f.ordinal()]);
        }
        return m;
    }
}
