package org.mailflow.bulk.ui;

import java.util.Optional;
import org.mailflow.bulk.SenderFlag;

/** An entry of the sender filter drop-down: "All senders", or the rows where one column is True. */
public record FilterChoice(Optional<SenderFlag> flag) {
    public static final FilterChoice ALL = new FilterChoice(Optional.empty());

    public static FilterChoice of(SenderFlag flag) {
        return new FilterChoice(Optional.of(flag));
    }
}
