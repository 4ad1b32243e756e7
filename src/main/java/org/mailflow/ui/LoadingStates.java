package org.mailflow.ui;

import org.mailflow.ui.I18n;

import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * How a page looks while its data loads (the cache opens, the window changes, an import ends): never
 * zeros or old figures that look like data. Each node gets the pseudo-class {@code :loading}, which
 * {@code app.css} draws as follows: a total or a card's figure becomes a skeleton (a muted bar in
 * {@code -mf-skeleton} where its text would be; the text itself is transparent), a chart or a table is
 * dimmed, and a table's placeholder becomes a spinner with "Loading…". The main window lays a
 * loading card over the page meanwhile ({@link AppContext#loadingOf}).
 */
public final class LoadingStates {
    /** The pseudo-class of a node whose data is loading. */
    public static final PseudoClass LOADING = PseudoClass.getPseudoClass("loading");

    private LoadingStates() {
    }

    /** Totals, figures and counts: skeletons while {@code loading}. */
    public static void skeleton(ObservableBooleanValue loading, Node... nodes) {
        follow(loading, List.of(nodes));
    }

    /** Charts: dimmed while {@code loading}. */
    public static void charts(ObservableBooleanValue loading, Node... charts) {
        follow(loading, List.of(charts));
    }

    /** Tables: dimmed while {@code loading}, and "Loading…" with a spinner in place of an empty table's placeholder. */
    public static void tables(ObservableBooleanValue loading, I18n i18n, TableView<?>... tables) {
        for (TableView<?> t : tables) {
            Node usual = t.getPlaceholder();
            ProgressIndicator spinner = new ProgressIndicator();
            spinner.setMaxSize(28, 28);
            Label text = new Label(i18n.get("page.loading"));
            text.getStyleClass().add("text-muted");
            VBox busy = new VBox(8, spinner, text);
            busy.setAlignment(Pos.CENTER);
            busy.getStyleClass().add("table-loading");
            Runnable apply = () -> t.setPlaceholder(loading.get() ? busy : usual);
            loading.addListener((obs, was, now) -> apply.run());
            apply.run();
        }
        follow(loading, List.of(tables));
    }

    private static void follow(ObservableBooleanValue loading, List<? extends Node> nodes) {
        Runnable apply = () -> nodes.forEach(n -> n.pseudoClassStateChanged(LOADING, loading.get()));
        loading.addListener((obs, was, now) -> apply.run());
        apply.run();
    }
}
