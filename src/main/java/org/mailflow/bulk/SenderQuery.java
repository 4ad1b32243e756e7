package org.mailflow.bulk;

import java.util.Locale;
import java.util.Optional;

/**
 * The sender table's filter drop-down and search box: a row shows when its flag is True (or the
 * filter is "All senders") and its address contains the search text, ignoring case.
 */
public record SenderQuery(Optional<SenderFlag> filter, String search) {
    public static final SenderQuery ALL = new SenderQuery(Optional.empty(), "");

    public SenderQuery {
        search = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
    }

    public boolean matches(SimulationResult result, int sender) {
        if (filter.isPresent() && !result.has(sender, filter.get())) {
            return false;
        }
        return search.isEmpty() || result.dataset().address(sender).contains(search);
    }

    /** The filter is only offered for the columns shown at this relation. */
    public boolean filterShownAt(Relation relation) {
        return filter.isEmpty() || relation.columns().contains(filter.get());
    }
}
