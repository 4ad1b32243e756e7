package org.mailflow.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mailflow.ui.TaskRunner;

/**
 * A runner that makes a quick task long for a test: the work of the first task whose name starts with
 * {@code prefix} waits at its first progress report (or, with {@code atStart}, before it starts) until
 * the test calls {@link #release()}; everything else runs as {@code delegate} runs it. The task's own
 * cancel flag is the real one, so a test can press Cancel while the task waits, release it, and watch
 * what the real code does with the cancel.
 */
public final class GatedRunner implements TaskRunner {
    private final TaskRunner delegate;
    private final String prefix;
    private final boolean atStart;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);
    private volatile boolean used;

    public GatedRunner(TaskRunner delegate, String prefix, boolean atStart) {
        this.delegate = delegate;
        this.prefix = prefix;
        this.atStart = atStart;
    }

    @Override
    public <T> Handle run(String name, Work<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        if (used || !name.startsWith(prefix)) {
            return delegate.run(name, work, onSuccess, onFailure);
        }
        used = true;
        return delegate.run(name, progress -> {
            if (atStart) {
                hold();
            }
            return work.call(new Progress() {
                private boolean held = atStart;

                @Override
                public void update(long done, long total) {
                    progress.update(done, total);
                    if (!held) {
                        held = true;
                        hold();
                    }
                }

                @Override
                public void message(String text) {
                    progress.message(text);
                }

                @Override
                public boolean isCancelled() {
                    return progress.isCancelled();
                }
            });
        }, onSuccess, onFailure);
    }

    private void hold() {
        reached.countDown();
        try {
            if (!gate.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once the gated task waits at the gate. */
    public boolean waiting() {
        return reached.getCount() == 0;
    }

    /** Lets the gated task go on. */
    public void release() {
        gate.countDown();
    }

    @Override
    public boolean showsUnexpectedErrors() {
        return delegate.showsUnexpectedErrors();
    }
}
