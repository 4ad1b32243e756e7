package org.mailflow.bulk;

import java.util.List;

/**
 * How the new threshold N relates to the current one C; decides the two conditional columns of the
 * sender table, in their display order (SPEC 3.5).
 */
public enum Relation {
    /** N = C. */
    SAME(List.of(SenderFlag.POTENTIAL_FALSE_POSITIVE, SenderFlag.POTENTIAL_FALSE_NEGATIVE)),
    /** N &lt; C: more is blocked. */
    LOWER(List.of(SenderFlag.NEWLY_BLOCKED, SenderFlag.POTENTIAL_FALSE_POSITIVE)),
    /** N &gt; C: more is delivered. */
    HIGHER(List.of(SenderFlag.NEWLY_ALLOWED, SenderFlag.POTENTIAL_FALSE_NEGATIVE));

    private final List<SenderFlag> columns;

    Relation(List<SenderFlag> columns) {
        this.columns = columns;
    }

    public static Relation of(int current, int newThreshold) {
        return newThreshold == current ? SAME : newThreshold < current ? LOWER : HIGHER;
    }

    /** The extra columns shown, and the entries of the filter drop-down after "All senders". */
    public List<SenderFlag> columns() {
        return columns;
    }
}
