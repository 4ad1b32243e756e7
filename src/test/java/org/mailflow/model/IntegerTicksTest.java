package org.mailflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Count axes tick at whole numbers only, and their top is a labelled tick. */
class IntegerTicksTest {
    @Test
    void smallCountsTickAtEveryWholeNumberNeverAtAHalf() {
        assertThat(IntegerTicks.covering(3)).isEqualTo(new IntegerTicks(3, 1));
        assertThat(IntegerTicks.covering(1)).isEqualTo(new IntegerTicks(1, 1));
        assertThat(IntegerTicks.covering(7)).isEqualTo(new IntegerTicks(8, 2));
    }

    @Test
    void largerCountsTickAtOneTwoOrFiveTimesAPowerOfTenUpToATickAtOrAboveTheTallestBar() {
        assertThat(IntegerTicks.covering(402)).isEqualTo(new IntegerTicks(500, 100));
        assertThat(IntegerTicks.covering(1_161_042)).isEqualTo(new IntegerTicks(1_500_000, 500_000));
        for (long max = 1; max < 5000; max += 37) {
            IntegerTicks t = IntegerTicks.covering(max);
            assertThat(t.upper()).isGreaterThanOrEqualTo(max);
            assertThat(t.upper() / t.unit()).isBetween(1L, 10L);
            assertThat(t.upper() % t.unit()).isZero();
        }
    }

    @Test
    void anEmptyChartStillHasAnAxisFromZeroToOne() {
        assertThat(IntegerTicks.covering(0)).isEqualTo(new IntegerTicks(1, 1));
    }

    @Test
    void stackedBarsAreAsTallAsTheirSeriesTogether() {
        assertThat(IntegerTicks.stackedMax(List.of(new long[] {1, 5, 2}, new long[] {4, 1, 0}))).isEqualTo(6);
    }
}
