package org.mailflow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailflow.testing.ManualRunner;

/** Slider drags: while one simulation runs, only the newest request runs next, and only its result shows. */
class CoalescerTest {
    @Test
    void onlyTheNewestOfABurstRunsAfterTheFirstAndOnlyItsResultIsDelivered() {
        ManualRunner runner = new ManualRunner();
        Coalescer<Integer> c = new Coalescer<>(runner, "test");
        List<Integer> shown = new ArrayList<>();
        for (int v = 1; v <= 5; v++) {
            int value = v;
            c.submit(p -> value, shown::add, e -> { });
        }
        assertThat(runner.started).containsExactly("1");
        runner.finishNext();
        assertThat(shown).isEmpty();
        assertThat(runner.started).containsExactly("1", "5");
        runner.finishNext();
        assertThat(shown).containsExactly(5);
    }

    @Test
    void aLoneRequestIsDeliveredAndAFailureIsReported() {
        ManualRunner runner = new ManualRunner();
        Coalescer<Integer> c = new Coalescer<>(runner, "test");
        List<Object> seen = new ArrayList<>();
        c.submit(p -> 7, seen::add, seen::add);
        runner.finishNext();
        c.submit(p -> {
            throw new IllegalStateException("no");
        }, seen::add, e -> seen.add(e.getMessage()));
        runner.finishNext();
        assertThat(seen).containsExactly(7, "no");
    }
}
