package org.mailflow.ui;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;

/**
 * Runs work away from the FX thread. Callbacks run on the FX thread ({@link FxTaskRunner}) or, in
 * tests, at once on the caller's thread (a synchronous runner), so view models never touch observable
 * state from a worker.
 */
public interface TaskRunner {

    /** Background work; may report progress and should stop when cancelled. */
    @FunctionalInterface
    interface Work<T> {
        T call(Progress progress) throws Exception;
    }

    /** What work sees of its task. */
    interface Progress {
        /** @param done work done so far, of {@code total} */
        void update(long done, long total);

        /** A line of text telling what the work is at; shown beside the progress. */
        default void message(String text) {
        }

        boolean isCancelled();
    }

    /** A running task: its progress (0-1, or -1 while unknown) and a way to cancel it. */
    interface Handle {
        ReadOnlyDoubleProperty progressProperty();

        /** The last {@link Progress#message} of the work; empty when it sent none. */
        default javafx.beans.property.ReadOnlyStringProperty messageProperty() {
            return new javafx.beans.property.ReadOnlyStringWrapper("").getReadOnlyProperty();
        }

        /** Asks the work to stop; it fails with whatever it throws when it notices. */
        void cancel();
    }

    <T> Handle run(String name, Work<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * True when this runner itself shows failures that are not expected ones ({@link ErrorMessages#isExpected})
     * in the unexpected-error dialog, so that callers need not show them a second time.
     */
    default boolean showsUnexpectedErrors() {
        return false;
    }
}
