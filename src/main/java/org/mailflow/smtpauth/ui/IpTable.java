package org.mailflow.smtpauth.ui;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import org.mailflow.ui.I18n;
import org.mailflow.smtpauth.IpTotals;
import org.mailflow.smtpauth.SmtpFlag;

/**
 * The Client IPs details table (SPEC 2.2): one row per client IP, its place in the UI's language, its
 * counts, and the sprayed-ip icon on IPs that failed for many accounts on a day of the window. The
 * rows are the view model's sorted list, whose comparator follows the table's.
 */
final class IpTable {
    private final I18n i18n;
    private final PlaceTexts places;

    IpTable(I18n i18n) {
        this.i18n = i18n;
        this.places = new PlaceTexts(i18n);
    }

    record Columns(TableColumn<IpTotals, Number> flags, TableColumn<IpTotals, String> ip, TableColumn<IpTotals, String> country,
                   TableColumn<IpTotals, String> network, TableColumn<IpTotals, Number> accounts, TableColumn<IpTotals, Number> messages,
                   TableColumn<IpTotals, Number> failures, TableColumn<IpTotals, Number> accountsFailed) {
    }

    void wire(TableView<IpTotals> table, SmtpAuthViewModel model, Columns c) {
        table.setColumnResizePolicy(IpTable::fillOrMinimum);
        table.setItems(model.sortedIps());
        model.sortedIps().comparatorProperty().bind(table.comparatorProperty());
        table.setPlaceholder(new Label(i18n.get("smtp.table.noIps")));
        c.flags().setText("");
        javafx.scene.shape.SVGPath icon = new javafx.scene.shape.SVGPath();
        icon.setContent(FlagIcons.path(SmtpFlag.SPRAYED_IP));
        icon.getStyleClass().add("flag-header-icon");
        Label header = new Label("", icon);
        header.setTooltip(new Tooltip(FlagIcons.name(SmtpFlag.SPRAYED_IP, i18n)));
        c.flags().setGraphic(header);
        c.flags().setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(x.getValue().sprayDays()));
        c.flags().setSortType(TableColumn.SortType.DESCENDING);
        c.flags().setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number days, boolean empty) {
                super.updateItem(days, empty);
                if (empty || days == null || days.intValue() == 0) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                setGraphic(FlagIcons.icon(SmtpFlag.SPRAYED_IP, i18n));
                setTooltip(new Tooltip(i18n.format("smtp.ip.sprayDays", days.intValue())));
            }
        });
        c.ip().setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(places.ip(x.getValue().address())));
        c.ip().setComparator(Comparator.comparing(TableOrder::ipKey));
        text(c.country(), r -> places.country(r.place()));
        text(c.network(), IpTotals::network);
        count(c.accounts(), IpTotals::accounts);
        count(c.messages(), IpTotals::messages);
        count(c.failures(), IpTotals::failures);
        count(c.accountsFailed(), IpTotals::accountsFailed);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> model.selectedIpProperty().set(row));
        model.selectedIpProperty().addListener((obs, old, row) -> {
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
            }
        });
    }

    /**
     * Gives every column its minimum width (which fits its two-line header) and shares what is left
     * of the table's width in proportion to the preferred widths, so the IP, country and network
     * columns grow most. When the minimum widths do not fit (the panel is open on a small screen) the
     * table scrolls sideways; the stock constrained policies would then keep the wide widths of the
     * full table, or overshoot by a pixel and show a scroll bar for nothing. A column the user drags
     * keeps its width until the table is resized.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Boolean fillOrMinimum(TableView.ResizeFeatures features) {
        if (features.getColumn() != null) {
            return (Boolean) TableView.UNCONSTRAINED_RESIZE_POLICY.call(features);
        }
        List<TableColumn> columns = List.copyOf((List) features.getTable().getVisibleLeafColumns());
        double minimum = 0;
        double weights = 0;
        for (TableColumn column : columns) {
            minimum += column.getMinWidth();
            weights += column.getPrefWidth();
        }
        double extra = Math.floor(features.getContentWidth()) - minimum;
        double given = 0;
        TableColumn widest = null;
        for (TableColumn column : columns) {
            double share = extra <= 0 || weights <= 0 ? 0 : Math.floor(extra * column.getPrefWidth() / weights);
            given += share;
            features.setColumnWidth(column, column.getMinWidth() + share);
            if (widest == null || column.getPrefWidth() > widest.getPrefWidth()) {
                widest = column;
            }
        }
        if (extra > given && widest != null) {
            features.setColumnWidth(widest, widest.getWidth() + (extra - given)); // the pixels the rounding left
        }
        return true;
    }

    /** A text column: the empty value shows as "—" and sorts after the others. */
    private void text(TableColumn<IpTotals, String> column, Function<IpTotals, String> value) {
        column.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(value.apply(x.getValue())));
        column.setComparator(TableOrder.emptyLast());
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("text-muted");
                if (empty || item == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(item.isEmpty() ? PlaceTexts.NONE : item);
                setTooltip(item.isEmpty() ? null : new Tooltip(item)); // long network names are cut
                if (item.isEmpty()) {
                    getStyleClass().add("text-muted");
                }
            }
        });
    }

    private void count(TableColumn<IpTotals, Number> column, ToLongFunction<IpTotals> value) {
        column.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(value.applyAsLong(x.getValue())));
        column.setCellFactory(col -> {
            TableCell<IpTotals, Number> cell = new TableCell<>() {
                @Override
                protected void updateItem(Number item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null : i18n.number(item.longValue()));
                }
            };
            cell.getStyleClass().add("number-cell");
            return cell;
        });
    }
}
