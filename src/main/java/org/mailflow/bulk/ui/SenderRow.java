package org.mailflow.bulk.ui;

import org.mailflow.bulk.BulkDataset;

/**
 * One row of the sender table. Stable for a loaded window: a slider move changes flags, which cells
 * read from the view model's current simulation, not the rows.
 */
public final class SenderRow {
    private final int index;
    private final String address;
    private final int bcl;
    private final int quality;

    SenderRow(BulkDataset data, int index) {
        this.index = index;
        this.address = data.address(index);
        this.bcl = data.maxBcl(index);
        this.quality = data.quality(index);
    }

    /** The sender's index in the loaded {@link BulkDataset}. */
    public int index() {
        return index;
    }

    public String address() {
        return address;
    }

    /** The highest BCL of the sender's messages in the window. */
    public int bcl() {
        return bcl;
    }

    public int quality() {
        return quality;
    }

    @Override
    public String toString() {
        return address;
    }
}
