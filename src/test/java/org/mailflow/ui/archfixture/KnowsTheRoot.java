package org.mailflow.ui.archfixture;

import org.mailflow.app.AppContext;

/** A shared UI class that reaches for the composition root, on purpose (LayerRulesFixtureTest); test sources only. */
public final class KnowsTheRoot {
    AppContext context;
}
