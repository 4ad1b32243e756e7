package org.mailflow.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.sqlite.ProgressHandler;

/**
 * File ▸ Prune as steps that can be watched and stopped: the DELETE of each dated table
 * ({@link SmtpStore#PRUNED_TABLES}, {@link BulkStore#PRUNED_TABLES}) is one step, all inside the
 * caller's transaction. Cancelling is checked between the steps and, through SQLite's progress
 * handler, inside a long DELETE too; either way a {@link CancellationException} leaves the
 * transaction, which {@link Cache#write} then rolls back, so a cancelled Prune changes nothing.
 */
public final class Pruning {
    /** SQLite virtual-machine instructions between two looks at the cancel flag (a few milliseconds). */
    private static final int CHECK_EVERY = 100_000;

    private Pruning() {
    }

    /** What a Prune reports to and asks of its caller. */
    public interface Steps {
        /** {@code done} of {@code total} tables are pruned. */
        void step(int done, int total);

        boolean cancelled();
    }

    /** Every dated table, in the order Prune deletes from them. */
    public static List<String> tables() {
        List<String> all = new ArrayList<>(SmtpStore.PRUNED_TABLES);
        all.addAll(BulkStore.PRUNED_TABLES);
        return all;
    }

    /**
     * Deletes every row dated before {@code before} from every dated table, inside the caller's
     * transaction on {@code c}; throws {@link CancellationException} as soon as {@code steps} says
     * cancelled (the caller's transaction must then roll back).
     */
    public static void prune(Connection c, LocalDate before, Steps steps) throws SQLException {
        List<String> tables = tables();
        ProgressHandler.setHandler(c, CHECK_EVERY, new ProgressHandler() {
            @Override
            protected int progress() {
                return steps.cancelled() ? 1 : 0; // non-zero interrupts the statement
            }
        });
        try {
            for (int i = 0; i < tables.size(); i++) {
                if (steps.cancelled()) {
                    throw new CancellationException("prune cancelled");
                }
                steps.step(i, tables.size());
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.get(i) + " WHERE day < ?")) {
                    ps.setLong(1, before.toEpochDay());
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (steps.cancelled()) {
                        throw new CancellationException("prune cancelled");
                    }
                    throw e;
                }
            }
            if (steps.cancelled()) {
                throw new CancellationException("prune cancelled");
            }
            steps.step(tables.size(), tables.size());
        } finally {
            ProgressHandler.clearHandler(c);
        }
    }
}
