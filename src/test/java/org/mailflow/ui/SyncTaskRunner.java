package org.mailflow.ui;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

/** Runs work at once on the calling thread: view models become plain, synchronous objects in tests. */
public final class SyncTaskRunner implements TaskRunner {
    private int runs;

    @Override
    public <T> Handle run(String name, Work<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        runs++;
        ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
        boolean[] cancelled = {false};
        T result;
        try {
            result = work.call(new Progress() {
                @Override
                public void update(long done, long total) {
                    progress.set(total <= 0 ? -1 : (double) done / total);
                }

                @Override
                public boolean isCancelled() {
                    return cancelled[0];
                }
            });
        } catch (Exception e) {
            onFailure.accept(e);
            return handle(progress, cancelled);
        }
        progress.set(1);
        onSuccess.accept(result);
        return handle(progress, cancelled);
    }

    private static Handle handle(ReadOnlyDoubleWrapper progress, boolean[] cancelled) {
        return new Handle() {
            @Override
            public ReadOnlyDoubleProperty progressProperty() {
                return progress.getReadOnlyProperty();
            }

            @Override
            public void cancel() {
                cancelled[0] = true;
            }
        };
    }

    /** How many pieces of work ran. */
    public int runs() {
        return runs;
    }
}
