package org.mailflow.ui;

import java.util.function.Consumer;

/**
 * Latest request wins: while one piece of work runs, newer requests replace each other and only the
 * newest runs next; a result is delivered only when no newer request is waiting. Slider drags and
 * typing thus never queue up work or flicker through stale results. Use from the FX thread only.
 */
public final class Coalescer<T> {
    private final TaskRunner runner;
    private final String name;
    private TaskRunner.Work<T> pending;
    private Consumer<? super T> pendingSink;
    private Consumer<Throwable> pendingError;
    private boolean running;

    public Coalescer(TaskRunner runner, String name) {
        this.runner = runner;
        this.name = name;
    }

    public void submit(TaskRunner.Work<T> work, Consumer<? super T> onResult, Consumer<Throwable> onError) {
        pending = work;
        pendingSink = onResult;
        pendingError = onError;
        if (!running) {
            startNext();
        }
    }

    private void startNext() {
        TaskRunner.Work<T> work = pending;
        Consumer<? super T> sink = pendingSink;
        Consumer<Throwable> errorSink = pendingError;
        pending = null;
        pendingSink = null;
        pendingError = null;
        running = true;
        runner.run(name, work, result -> {
            running = false;
            if (pending == null) {
                sink.accept(result);
            } else {
                startNext();
            }
        }, error -> {
            running = false;
            if (pending != null) {
                startNext();
            } else {
                errorSink.accept(error);
            }
        });
    }
}
