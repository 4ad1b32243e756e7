package org.mailflow.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.input.MouseEvent;
import org.controlsfx.control.MasterDetailPane;

/**
 * Remembers what the user arranges on a page across restarts: the width of each table column, the
 * divider of each split (a side panel's {@link MasterDetailPane}, a {@link SplitPane}) and whether a
 * folding section ({@link TitledPane}) is open.
 *
 * <p>Only nodes with an id take part, so a view opts in through its FXML ids; the keys are
 * {@code layout.<scope>.<table id>.<column id>.width}, {@code layout.<scope>.<split id>.divider[.<n>]} and
 * {@code layout.<scope>.<pane id>.expanded} in {@link Settings}, the scope being the view (two pages
 * each have a {@code senderTable}). Widths and dividers are written into the settings when the user
 * lets go of the mouse after dragging them (a window resize also moves them, and that is not a
 * choice to remember), a section's state when it opens or closes; they reach the file when the
 * settings are saved (at the latest when the app closes). A saved width is clamped to the column's minimum and maximum; a saved divider to 0.05…0.95.
 */
public final class LayoutMemory {
    private LayoutMemory() {
    }

    /** Applies what {@code settings} remembers to the nodes under {@code root} and records their changes. */
    public static void remember(String scope, Parent root, Settings settings) {
        for (Node n : nodesUnder(root)) {
            if (n instanceof TableView<?> table) {
                TableLayout.keepHeadersWhole(table);
            }
            String id = n.getId();
            if (id == null || id.isEmpty()) {
                continue;
            }
            String prefix = "layout." + scope + "." + id;
            if (n instanceof TableView<?> table) {
                rememberColumns(prefix, table, settings);
            } else if (n instanceof MasterDetailPane split) {
                settings.layoutValue(prefix + ".divider").ifPresent(v -> split.setDividerPosition(clampDivider(v)));
                split.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> settings.setLayoutValue(prefix + ".divider",
                        split.getDividerPosition()));
            } else if (n instanceof SplitPane split) {
                rememberDividers(prefix, split, settings);
            } else if (n instanceof TitledPane pane && pane.isCollapsible()) {
                settings.layoutValue(prefix + ".expanded").ifPresent(v -> pane.setExpanded(v != 0));
                pane.expandedProperty().addListener((obs, old, v) -> settings.setLayoutValue(prefix + ".expanded", v ? 1 : 0));
            }
        }
    }

    private static <S> void rememberColumns(String prefix, TableView<S> table, Settings settings) {
        for (TableColumn<S, ?> c : leaves(table.getColumns())) {
            if (c.getId() != null && !c.getId().isEmpty()) {
                settings.layoutValue(prefix + "." + c.getId() + ".width").ifPresent(w ->
                        c.setPrefWidth(Math.max(c.getMinWidth(), Math.min(c.getMaxWidth(), w))));
            }
        }
        // Written when the user lets go of a header border, not on every width change: a constrained
        // table also changes its widths with the window, and those are not the user's choice. The id
        // is read then, so a column the page renames (the Bulk flag columns follow the relation)
        // keeps one width per meaning.
        table.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (!(e.getTarget() instanceof Node target) || !inHeader(target)) {
                return;
            }
            for (TableColumn<S, ?> c : leaves(table.getColumns())) {
                if (c.getId() != null && !c.getId().isEmpty() && c.isVisible() && c.getWidth() > 0) {
                    settings.setLayoutValue(prefix + "." + c.getId() + ".width", c.getWidth());
                }
            }
        });
    }

    private static <S> List<TableColumn<S, ?>> leaves(List<TableColumn<S, ?>> columns) {
        List<TableColumn<S, ?>> out = new ArrayList<>();
        for (TableColumn<S, ?> c : columns) {
            if (c.getColumns().isEmpty()) {
                out.add(c);
            } else {
                out.addAll(leaves(c.getColumns()));
            }
        }
        return out;
    }

    private static boolean inHeader(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p.getStyleClass().contains("column-header-background") || p.getStyleClass().contains("nested-column-header")
                    || p.getStyleClass().contains("column-header")) {
                return true;
            }
            if (p instanceof TableView<?>) {
                return false;
            }
        }
        return false;
    }

    private static void rememberDividers(String prefix, SplitPane split, Settings settings) {
        Runnable apply = () -> {
            for (int i = 0; i < split.getDividers().size(); i++) {
                SplitPane.Divider d = split.getDividers().get(i);
                settings.layoutValue(prefix + ".divider." + i).ifPresent(v -> d.setPosition(clampDivider(v)));
            }
        };
        apply.run();
        split.getDividers().addListener((ListChangeListener<SplitPane.Divider>) c -> apply.run());
        split.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            for (int i = 0; i < split.getDividers().size(); i++) {
                settings.setLayoutValue(prefix + ".divider." + i, split.getDividers().get(i).getPosition());
            }
        });
    }

    private static double clampDivider(double v) {
        return Math.max(0.05, Math.min(0.95, v));
    }

    /**
     * Every node under {@code root}, including what controls hold outside their children before
     * they are skinned (the content of scroll and titled panes, the items of split panes, both sides
     * of a master/detail pane), so that it works on a view just loaded.
     */
    static List<Node> nodesUnder(Parent root) {
        List<Node> out = new ArrayList<>();
        List<Node> todo = new ArrayList<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            if (n == null || out.contains(n)) {
                continue;
            }
            out.add(n);
            if (n instanceof ScrollPane sp) {
                todo.add(sp.getContent());
            } else if (n instanceof TitledPane tp) {
                todo.add(tp.getContent());
            } else if (n instanceof SplitPane split) {
                todo.addAll(split.getItems());
            } else if (n instanceof MasterDetailPane md) {
                todo.add(md.getMasterNode());
                todo.add(md.getDetailNode());
            }
            if (n instanceof Parent p && !(n instanceof TableView<?>)) {
                todo.addAll(p.getChildrenUnmodifiable());
            }
        }
        return out;
    }

    /** For tests and callers that want a value without a listener. */
    static OptionalDouble saved(Settings settings, String key) {
        return settings.layoutValue(key);
    }
}
