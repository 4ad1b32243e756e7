package org.mailflow.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work as a {@link Task} on a pool of named daemon threads; progress and results reach the FX
 * thread through the task's own (coalescing) updates.
 */
public final class FxTaskRunner implements TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FxTaskRunner.class);
    private final ExecutorService executor;
    private volatile UnexpectedErrors unexpected;

    public FxTaskRunner(ExecutorService executor) {
        this.executor = executor;
    }

    /** Two workers: one for a long import, one for the page queries that may run meanwhile. */
    public static FxTaskRunner withDaemonThreads() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "mailflow-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new FxTaskRunner(Executors.newFixedThreadPool(3, factory));
    }

    /**
     * Cancelling only asks the work to stop: the task runs on until the work returns or throws, and
     * the callbacks report what really happened. (Cancelling the {@link Task} itself would report
     * "cancelled" at once, while an import could still be committing.)
     */
    @Override
    public <T> Handle run(String name, Work<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                updateProgress(-1, 1);
                return work.call(new Progress() {
                    @Override
                    public void update(long done, long total) {
                        updateProgress(done, total);
                    }

                    @Override
                    public void message(String text) {
                        updateMessage(text);
                    }

                    @Override
                    public boolean isCancelled() {
                        return stop.get();
                    }
                });
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> {
            Throwable failure = task.getException();
            UnexpectedErrors report = unexpected;
            if (ErrorMessages.isExpected(failure)) {
                LOG.info("{}: {}", name, failure.toString());
            } else if (report != null) {
                report.taskFailed(name, failure);
            } else {
                LOG.error("{} failed unexpectedly", name, failure);
            }
            onFailure.accept(failure);
        });
        executor.execute(task);
        return new Handle() {
            @Override
            public ReadOnlyDoubleProperty progressProperty() {
                return task.progressProperty();
            }

            @Override
            public javafx.beans.property.ReadOnlyStringProperty messageProperty() {
                return task.messageProperty();
            }

            @Override
            public void cancel() {
                stop.set(true);
            }
        };
    }

    /**
     * Failures that are not expected ones ({@link ErrorMessages#isExpected}) also go to {@code errors}
     * (logged with their trace, and the dialog); the caller's failure callback still runs, to put its
     * view back. Without it they are logged only.
     */
    public void reportUnexpectedTo(UnexpectedErrors errors) {
        this.unexpected = errors;
    }

    @Override
    public boolean showsUnexpectedErrors() {
        return unexpected != null;
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}
