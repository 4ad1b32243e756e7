package org.mailflow.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.text.Text;

/**
 * Two layout rules for tables (issue 14).
 *
 * <p><b>Whole headers.</b> {@link #keepHeadersWhole} raises a column's minimum width to what its
 * header needs (text in the header's font, insets, and room for the sort arrow), measured once the
 * header is styled and again when the text or font changes (language, theme). A table too narrow for
 * all its minimums then scrolls sideways instead of cutting a header; headers that wrap (the BCL
 * table's) are left alone.
 *
 * <p><b>Frozen leading columns.</b> {@link #freezeLeadingColumns} keeps the first columns in place
 * while the others scroll horizontally, as in a spreadsheet: JavaFX 21 has no frozen columns, so the
 * cells and headers of those columns are moved right by the horizontal scroll offset and drawn above
 * the others. It needs every cell in the scene graph, so such a table must not use a fixed cell size
 * (a fixed size lets the row skin drop the cells of columns scrolled out of view); rows get their
 * height from CSS instead.
 */
public final class TableLayout {
    private static final double SORT_ARROW_ROOM = 18;

    private TableLayout() {
    }

    /** Minimum widths that keep every header's text whole. */
    public static void keepHeadersWhole(TableView<?> table) {
        Runnable measure = () -> Platform.runLater(() -> fitHeaders(table));
        table.skinProperty().addListener((obs, old, skin) -> measure.run());
        table.getColumns().addListener((ListChangeListener<TableColumn<?, ?>>) c -> measure.run());
        table.sceneProperty().addListener((obs, old, scene) -> measure.run());
        for (TableColumn<?, ?> c : table.getColumns()) {
            c.textProperty().addListener((obs, old, t) -> measure.run());
            c.visibleProperty().addListener((obs, old, v) -> measure.run());
        }
        // And after every layout of the table: a header shown later (a pivot's columns) gets its
        // font from CSS in a pass of its own. Measuring changes nothing when the widths already fit,
        // so this does not start another layout.
        table.needsLayoutProperty().addListener((obs, old, needs) -> {
            if (!needs && table.getSkin() != null) {
                fitHeaders(table);
            }
        });
        if (table.getSkin() != null) {
            measure.run();
        }
    }

    private static void fitHeaders(TableView<?> table) {
        for (Node n : table.lookupAll(".column-header")) {
            if (!(n instanceof TableColumnHeader header) || header.getTableColumn() == null) {
                continue;
            }
            Label label = (Label) header.lookup(".label");
            if (label == null || label.isWrapText() || label.getText() == null || label.getText().isEmpty()) {
                continue;
            }
            if (!Boolean.TRUE.equals(label.getProperties().get("mf.measured"))) {
                label.getProperties().put("mf.measured", true);
                label.fontProperty().addListener((obs, old, f) -> Platform.runLater(() -> fitHeaders(table)));
            }
            Text probe = new Text(label.getText());
            probe.setFont(label.getFont());
            double needed = Math.ceil(probe.getLayoutBounds().getWidth() + label.snappedLeftInset() + label.snappedRightInset()
                    + header.snappedLeftInset() + header.snappedRightInset()
                    + (header.getTableColumn().isSortable() ? SORT_ARROW_ROOM : 4));
            TableColumn<?, ?> column = (TableColumn<?, ?>) header.getTableColumn();
            if (needed > column.getMaxWidth()) {
                continue; // a narrow icon column with a tooltip for a header
            }
            if (column.getMinWidth() < needed) {
                column.setMinWidth(needed);
            }
            if (column.getPrefWidth() < needed) {
                column.setPrefWidth(needed);
            }
        }
    }

    /** Keeps the first {@code count} columns in view while the rest scroll horizontally. */
    public static void freezeLeadingColumns(TableView<?> table, int count) {
        table.getStyleClass().add("frozen-columns");
        table.skinProperty().addListener((obs, old, skin) -> Platform.runLater(() -> hook(table, count)));
        if (table.getSkin() != null) {
            Platform.runLater(() -> hook(table, count));
        }
    }

    private static void hook(TableView<?> table, int count) {
        ScrollBar bar = horizontalBar(table);
        if (bar == null || Boolean.TRUE.equals(table.getProperties().get("mf.frozen"))) {
            return;
        }
        table.getProperties().put("mf.frozen", true);
        Runnable place = () -> placeFrozen(table, count, bar.isVisible() ? bar.getValue() : 0);
        bar.valueProperty().addListener((obs, old, v) -> place.run());
        bar.visibleProperty().addListener((obs, old, v) -> place.run());
        // Rows and cells are created and reused as the table scrolls vertically: place after each layout.
        table.needsLayoutProperty().addListener((obs, old, needs) -> {
            if (!needs) {
                place.run();
            }
        });
        place.run();
    }

    private static ScrollBar horizontalBar(TableView<?> table) {
        for (Node n : table.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar s && s.getOrientation() == Orientation.HORIZONTAL
                    && s.getParent() != null && s.getParent().getStyleClass().contains("virtual-flow")) {
                return s;
            }
        }
        return null;
    }

    private static void placeFrozen(TableView<?> table, int count, double offset) {
        List<TableColumn<?, ?>> frozen = new ArrayList<>();
        for (TableColumn<?, ?> c : table.getVisibleLeafColumns()) {
            if (frozen.size() == count) {
                break;
            }
            frozen.add(c);
        }
        for (Node n : table.lookupAll(".table-cell")) {
            if (n instanceof TableCell<?, ?> cell) {
                boolean freeze = frozen.contains(cell.getTableColumn());
                cell.setTranslateX(freeze ? offset : 0);
                cell.pseudoClassStateChanged(FROZEN, freeze && offset > 0);
                if (freeze) {
                    toFront(cell, frozen.size());
                }
            }
        }
        for (Node n : table.lookupAll(".column-header")) {
            if (n instanceof TableColumnHeader header) {
                boolean freeze = frozen.contains(header.getTableColumn());
                header.setTranslateX(freeze ? offset : 0);
                header.pseudoClassStateChanged(FROZEN, freeze && offset > 0);
                if (freeze) {
                    toFront(header, frozen.size());
                }
            }
        }
    }

    /**
     * Moves a frozen node among the last children of its parent (drawn above the scrolling ones),
     * only when it is not there yet: moving it asks for a layout, and a layout places the frozen
     * columns again.
     */
    private static void toFront(Node n, int frozen) {
        if (n.getParent() == null) {
            return;
        }
        List<Node> siblings = n.getParent().getChildrenUnmodifiable();
        int index = siblings.indexOf(n);
        if (index < siblings.size() - frozen) {
            n.toFront();
        }
    }

    private static final javafx.css.PseudoClass FROZEN = javafx.css.PseudoClass.getPseudoClass("frozen");
}
