package org.mailflow.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import org.mailflow.ui.TaskRunner;

/** A runner whose tasks finish only when the test says so. */
public final class ManualRunner implements TaskRunner {
    public final List<Runnable> finishers = new ArrayList<>();
    public final List<String> started = new ArrayList<>();

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

    public void finishNext() {
        finishers.remove(0).run();
    }

    public void finishLast() {
        finishers.remove(finishers.size() - 1).run();
    }
}
