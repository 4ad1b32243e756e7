package org.mailflow.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The long operations running now (an export, a detailed report, Prune), for the status bar of the
 * main window: the newest one is shown with its text, its progress and a Cancel button. Used on the
 * FX thread only. Cancelling asks the operation's work to stop ({@link TaskRunner.Handle#cancel});
 * the operation itself decides what is left (an export no file, Prune an unchanged cache).
 */
public final class LongOperations {
    /** One operation: what the status bar says about it, and its task. */
    public record Running(String text, TaskRunner.Handle handle) {
    }

    private final ObservableList<Running> running = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Running> current = new ReadOnlyObjectWrapper<>();

    /** Shows {@code handle} in the status bar until {@link #finished} is called with the result. */
    public Running started(String text, TaskRunner.Handle handle) {
        Running r = new Running(text, handle);
        running.add(r);
        current.set(r);
        return r;
    }

    /** The operation ended (done, failed or cancelled): the status bar shows the one before, if any. */
    public void finished(Running r) {
        running.remove(r);
        current.set(running.isEmpty() ? null : running.get(running.size() - 1));
    }

    /** Asks the operation shown to stop. */
    public void cancelCurrent() {
        Running r = current.get();
        if (r != null) {
            r.handle().cancel();
        }
    }

    /** The operation the status bar shows; null when none runs. */
    public ReadOnlyObjectProperty<Running> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** True while any operation runs. */
    public BooleanBinding busyBinding() {
        return Bindings.isNotEmpty(running);
    }
}
