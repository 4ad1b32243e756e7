package org.mailflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import org.junit.jupiter.api.Test;

/** Slider drags: while one simulation runs, only the newest request runs next, and only its result shows. */
class CoalescerTest {
    /** A runner whose tasks finish only when the test says so. */
    static final class ManualRunner implements TaskRunner {
        final List<Runnable> finishers = new ArrayList<>();
        final List<String> started = new ArrayList<>();

        @Override
        public <T> Handle run(String name, Work<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
            try {
                T result = work.call(new Progress() {
                    @Override
                    public void update(long done, long total) {
                    }

                    @Override
                    public boolean isCancelled() {
                        return false;
                    }
                });
                started.add(String.valueOf(result));
                finishers.add(() -> onSuccess.accept(result));
            } catch (Exception e) {
                finishers.add(() -> onFailure.accept(e));
            }
            return new Handle() {
                @Override
                public ReadOnlyDoubleProperty progressProperty() {
                    return new ReadOnlyDoubleWrapper(1).getReadOnlyProperty();
                }

                @Override
                public void cancel() {
                }
            };
        }

        void finishNext() {
            finishers.remove(0).run();
        }
    }

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
