package org.mailflow.app.importing;

import org.mailflow.ui.CacheSession;
import org.mailflow.ui.TaskRunner;

/**
 * What the import dialog needs from the rest of the app, and nothing more: the open cache it imports
 * into, a way to say that an import runs (so quitting can cancel it), and what to do when one ended.
 * The composition root ({@code AppContext}) implements it; the dialog never sees the main window.
 */
public interface ImportTarget {
    /** The cache open in the main window; null before the first one is open. */
    CacheSession session();

    /** An import started (FX thread): quitting now cancels it. */
    void importStarted(TaskRunner.Handle handle);

    /** The import ended, whichever way (FX thread). */
    void importEnded(TaskRunner.Handle handle);

    /**
     * Real files were imported while demo data was open, into {@code newSession}'s cache: the window
     * switches to it (FX thread; the window owns the session from now on).
     */
    void switchTo(CacheSession newSession);

    /** The open cache's data changed: every page reloads and the policy list is read again (FX thread). */
    void dataImported();
}
