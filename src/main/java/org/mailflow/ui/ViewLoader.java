package org.mailflow.ui;

import javafx.scene.Parent;

/**
 * Loads a view of {@link View} with the app's language and controller factory: how a page that shows
 * another view inside it (the SMTP AUTH report's IP panel) gets it without knowing the composition root.
 */
@FunctionalInterface
public interface ViewLoader {
    Parent load(View view);
}
