package org.mailflow.bulk;

/**
 * The sender quality score of SPEC 3.4, computed exactly.
 *
 * <pre>
 * pos   = user_allowed + fp_submission + user_moved_junk_to_inbox
 * neg   = user_blocked + fn_submission + user_moved_inbox_to_junk + admin_quarantined
 *         + admin_moved_inbox_to_junk + admin_deleted + 0.25 × user_deleted
 * f     = active weeks / weeks in window
 * prior = 50 + 40 × f
 * K     = 10 + M / 100
 * quality = round_half_up((100 × pos + prior × K) / (pos + neg + K))
 * </pre>
 *
 * Every term is a fraction with a small denominator, so the score is computed in integers: the
 * numerator and the denominator are both multiplied by 400 × weeks, and the rounding is done on that
 * exact fraction. A value that is exactly x.5 therefore always rounds up, which doubles would not
 * guarantee. An admin {@code Allow} gives 100, {@code Block} gives 0.
 */
public final class QualityScore {
    private QualityScore() {
    }

    /**
     * The inputs and the result, for the sender panel's "why this score" breakdown.
     *
     * @param neg the negative sum; may end in .25, .5 or .75 because of user deletions
     * @param raw     the unrounded score, for display only (the score is rounded from the exact fraction)
     * @param formula the formula's rounded result, before an admin setting overrides it
     */
    public record Breakdown(long pos, double neg, long messages, int activeWeeks, int weeksInWindow,
                            double f, double prior, double k, double raw, int formula, AdminSetting admin, int quality) {
    }

    /** Number of consecutive 7-day blocks ending on the as-of day that cover a window of {@code days}. */
    public static int weeksInWindow(int days) {
        if (days < 1) {
            throw new IllegalArgumentException("window must have at least one day: " + days);
        }
        return (days + 6) / 7;
    }

    /**
     * @param events      the sender's feedback counts in the window, indexed by {@link FeedbackEvent#code()}
     * @param messages    M, the sender's messages in the window (all BCL levels)
     * @param activeWeeks number of 7-day blocks with at least one message
     * @param weeks       number of 7-day blocks in the window
     */
    public static Breakdown compute(long[] events, long messages, int activeWeeks, int weeks, AdminSetting admin) {
        if (activeWeeks < 0 || activeWeeks > weeks || weeks < 1) {
            throw new IllegalArgumentException("active weeks " + activeWeeks + " of " + weeks);
        }
        long pos = 0;
        long negQuarters = 0;
        for (FeedbackEvent e : FeedbackEvent.values()) {
            long n = events[e.code()];
            switch (e.weight()) {
                case POSITIVE -> pos += n;
                case NEGATIVE -> negQuarters += 4 * n;
                case NEGATIVE_QUARTER -> negQuarters += n;
            }
        }
        // Both sides × 400w:  (100·pos + prior·K)·400w = 40000·w·pos + 4·(50w + 40a)·(1000 + M)
        //                     (pos + neg + K)·400w     = 400·w·pos + 100·w·negQuarters + 4·w·(1000 + M)
        long w = weeks;
        long a = activeWeeks;
        long num = Math.addExact(Math.multiplyExact(40000 * w, pos),
                Math.multiplyExact(4 * (50 * w + 40 * a), Math.addExact(1000, messages)));
        long den = Math.addExact(Math.addExact(Math.multiplyExact(400 * w, pos), Math.multiplyExact(100 * w, negQuarters)),
                Math.multiplyExact(4 * w, Math.addExact(1000, messages)));
        int rounded = (int) ((2 * num + den) / (2 * den));
        double f = (double) activeWeeks / weeks;
        double prior = 50 + 40 * f;
        double k = 10 + messages / 100.0;
        double raw = (double) num / den;
        int quality = switch (admin) {
            case ALLOW -> 100;
            case BLOCK -> 0;
            case NONE -> rounded;
        };
        return new Breakdown(pos, negQuarters / 4.0, messages, activeWeeks, weeks, f, prior, k, raw, rounded, admin, quality);
    }
}
