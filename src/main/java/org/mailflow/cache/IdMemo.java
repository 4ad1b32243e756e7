package org.mailflow.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids an import writer has looked up or created (senders, accounts, dictionary values), remembered
 * so that a value seen again is not looked up again, but never more than {@value #LIMIT} of them: the
 * oldest is forgotten first. An import therefore holds memory in proportion to its batch, not to the
 * number of distinct senders or accounts in the file (a CSV of a million senders imports under
 * {@code -Xmx128m}); a forgotten value seen again costs one indexed {@code SELECT}. Logs and exports of
 * ordinary size never reach the limit, so their import speed is unchanged.
 */
final class IdMemo<K> extends LinkedHashMap<K, Long> {
    /** About 4 MB of short addresses at most. */
    static final int LIMIT = 32_768;
    private static final long serialVersionUID = 1L;
    private final int limit;

    IdMemo() {
        this(LIMIT);
    }

    IdMemo(int limit) {
        super(1024, 0.75f, false);
        this.limit = limit;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, Long> eldest) {
        return size() > limit;
    }
}
