package org.mailflow.model;

/**
 * The value axis of a chart of counts: ticks only at whole numbers (no "0.5 messages"), at a step of
 * 1, 2 or 5 times a power of ten chosen so that about {@value #TARGET_TICKS} ticks cover the largest
 * bar, and an upper bound that is itself a tick, so the top of the axis is labelled. JavaFX's
 * auto-ranging picks fractional steps for small counts; charts of counts set these bounds instead.
 */
public record IntegerTicks(long upper, long unit) {
    /** About this many steps between 0 and the top of the axis. */
    public static final int TARGET_TICKS = 5;

    public IntegerTicks {
        if (unit < 1 || upper < unit || upper % unit != 0) {
            throw new IllegalArgumentException("ticks " + unit + " up to " + upper);
        }
    }

    /** The ticks of an axis from 0 whose largest value is {@code max} (0 or less: an axis from 0 to 1). */
    public static IntegerTicks covering(long max) {
        if (max <= 0) {
            return new IntegerTicks(1, 1);
        }
        double raw = (double) max / TARGET_TICKS;
        long unit = 1;
        outer:
        for (long power = 1; power <= Long.MAX_VALUE / 10; power *= 10) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * power >= raw) {
                    unit = m * power;
                    break outer;
                }
            }
        }
        long upper = ((max + unit - 1) / unit) * unit;
        return new IntegerTicks(upper, unit);
    }

    /** The largest total of one bar when the series are stacked: the sum over series per bar. */
    public static long stackedMax(java.util.List<long[]> series) {
        long max = 0;
        int bars = series.stream().mapToInt(s -> s.length).max().orElse(0);
        for (int b = 0; b < bars; b++) {
            long sum = 0;
            for (long[] s : series) {
                sum += b < s.length ? s[b] : 0;
            }
            max = Math.max(max, sum);
        }
        return max;
    }
}
