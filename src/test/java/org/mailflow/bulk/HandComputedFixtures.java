package org.mailflow.bulk;

import java.time.LocalDate;
import org.mailflow.model.DayWindow;

/**
 * Shared helpers for the hand-computed bulk tests. Days are given as "days before the as-of day"
 * (0 = the as-of day), so that the 7-day blocks of SPEC 3.4 are easy to see: block k holds the
 * offsets 7k .. 7k+6.
 */
final class HandComputedFixtures {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 12);

    private HandComputedFixtures() {
    }

    static DayWindow window(int days) {
        return DayWindow.endingOn(AS_OF, days);
    }

    /** The epoch day {@code daysBefore} days before the as-of day (negative: after it). */
    static long day(int daysBefore) {
        return AS_OF.minusDays(daysBefore).toEpochDay();
    }

    /** {@code count} messages of {@code bcl} delivered to the inbox, {@code daysBefore} days before the as-of day. */
    static void inbox(BulkDataset.Builder b, int sender, int daysBefore, int bcl, long count) {
        b.addMessages(sender, day(daysBefore), bcl, count, 0, 0, 0, 0);
    }

    /**
     * {@code m} inbox messages of {@code bcl} spread over the {@code activeWeeks} most recent 7-day
     * blocks: one on the first day of each older block, the rest on the as-of day.
     */
    static void inWeeks(BulkDataset.Builder b, int sender, int bcl, long m, int activeWeeks) {
        if (activeWeeks < 1 || m < activeWeeks) {
            throw new IllegalArgumentException("need at least one message per active week");
        }
        inbox(b, sender, 0, bcl, m - (activeWeeks - 1));
        for (int k = 1; k < activeWeeks; k++) {
            inbox(b, sender, 7 * k, bcl, 1);
        }
    }
}
