package org.mailflow.smtpauth.ui;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.function.ToLongFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.SVGPath;
import org.mailflow.ui.DateConverters;
import org.mailflow.ui.I18n;
import org.mailflow.smtpauth.AuthProtocol;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.smtpauth.SmtpFlag;
import org.mailflow.smtpauth.TlsColumn;

/**
 * The sender details table of the Sending volume, TLS usage and Authentication pivots: one table
 * whose pivot shows its columns. Share cells read "33.3 % (5)" ("—" for none) and sort by share,
 * then count; legacy-TLS and Basic shares above zero are marked. The rows are the view model's
 * sorted list, whose comparator follows the table's.
 */
final class SenderTable {
    private final I18n i18n;

    SenderTable(I18n i18n) {
        this.i18n = i18n;
    }

    record Columns(TableColumn<SenderTotals, Number> flags, TableColumn<SenderTotals, String> sender,
                   TableColumn<SenderTotals, String> domain, TableColumn<SenderTotals, SenderTotals> tls10,
                   TableColumn<SenderTotals, SenderTotals> tls11, TableColumn<SenderTotals, SenderTotals> tls12,
                   TableColumn<SenderTotals, SenderTotals> tls13, TableColumn<SenderTotals, SenderTotals> noTls,
                   TableColumn<SenderTotals, SenderTotals> versionUnknown, TableColumn<SenderTotals, SenderTotals> basic,
                   TableColumn<SenderTotals, SenderTotals> oauth, TableColumn<SenderTotals, SenderTotals> other,
                   TableColumn<SenderTotals, String> methods, TableColumn<SenderTotals, LocalDate> lastBasic,
                   TableColumn<SenderTotals, Number> messages) {
    }

    void wire(TableView<SenderTotals> table, SmtpAuthViewModel model, Columns c) {
        table.setItems(model.sortedRows());
        model.sortedRows().comparatorProperty().bind(table.comparatorProperty());
        table.setPlaceholder(new Label(i18n.get("smtp.table.none")));
        c.flags().setText("");
        c.flags().setGraphic(headerIcon());
        c.flags().setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(TableOrder.flagsKey(x.getValue().flags())));
        c.flags().setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                SenderTotals row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setGraphic(row == null ? null : FlagIcons.icons(row.flags(), i18n));
            }
        });
        c.flags().setSortType(TableColumn.SortType.DESCENDING);
        c.sender().setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(x.getValue().address()));
        c.domain().setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(x.getValue().domain()));
        // The domain's colour of the charts (SeriesColours), so that a row is found by its bar's colour.
        c.domain().setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setGraphic(empty || item == null ? null : SmtpCharts.swatch(model.colours().domain(item)));
            }
        });
        c.messages().setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(x.getValue().total()));
        c.messages().setCellFactory(col -> numberCell());
        tlsColumn(c.tls10(), TlsColumn.TLS1_0);
        tlsColumn(c.tls11(), TlsColumn.TLS1_1);
        tlsColumn(c.tls12(), TlsColumn.TLS1_2);
        tlsColumn(c.tls13(), TlsColumn.TLS1_3);
        tlsColumn(c.noTls(), TlsColumn.NO_TLS);
        tlsColumn(c.versionUnknown(), TlsColumn.VERSION_UNKNOWN);
        protocolColumn(c.basic(), AuthProtocol.BASIC);
        protocolColumn(c.oauth(), AuthProtocol.OAUTH);
        protocolColumn(c.other(), AuthProtocol.OTHER);
        c.methods().setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(x.getValue().methods()));
        c.lastBasic().setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(x.getValue().lastBasicUse().orElse(null)));
        c.lastBasic().setComparator(TableOrder.lastBasicUse());
        DateTimeFormatter date = DateConverters.formatter(i18n);
        c.lastBasic().setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(LocalDate day, boolean empty) {
                super.updateItem(day, empty);
                setText(empty ? null : day == null ? PlaceTexts.NONE : date.format(day));
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> model.selectedProperty().set(row));
        model.selectedProperty().addListener((obs, old, row) -> {
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
            }
        });
    }

    private Node headerIcon() {
        SVGPath svg = new SVGPath();
        svg.setContent(FlagIcons.path(SmtpFlag.AUTH_FAILURES));
        svg.getStyleClass().add("flag-header-icon");
        Label l = new Label("", svg);
        l.setTooltip(new Tooltip(i18n.get("smtp.col.flags")));
        return l;
    }

    private void tlsColumn(TableColumn<SenderTotals, SenderTotals> column, TlsColumn v) {
        shareColumn(column, v::count, v.legacy() ? "legacy-share" : null);
    }

    private void protocolColumn(TableColumn<SenderTotals, SenderTotals> column, AuthProtocol p) {
        shareColumn(column, r -> r.count(p), p == AuthProtocol.BASIC ? "basic-share" : null);
    }

    /**
     * A column of the share of the row's messages that {@code count} counts, shown as "33.3 % (5)"
     * ("—" for none) and sorted by share, then count; a non-zero cell of a column to worry about
     * (legacy TLS, Basic) gets {@code alertClass}.
     */
    private void shareColumn(TableColumn<SenderTotals, SenderTotals> column, ToLongFunction<SenderTotals> count, String alertClass) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setComparator(TableOrder.byShare(count));
        column.setCellFactory(col -> {
            TableCell<SenderTotals, SenderTotals> cell = new TableCell<>() {
                @Override
                protected void updateItem(SenderTotals row, boolean empty) {
                    super.updateItem(row, empty);
                    if (alertClass != null) {
                        getStyleClass().remove(alertClass);
                    }
                    if (empty || row == null) {
                        setText(null);
                        return;
                    }
                    long n = count.applyAsLong(row);
                    setText(n == 0 ? PlaceTexts.NONE : i18n.format("smtp.share", SmtpExports.percent(n, row.total()), i18n.number(n)));
                    if (alertClass != null && n > 0) {
                        getStyleClass().add(alertClass);
                    }
                }
            };
            cell.getStyleClass().add("number-cell");
            return cell;
        });
    }

    private TableCell<SenderTotals, Number> numberCell() {
        TableCell<SenderTotals, Number> cell = new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : i18n.number(item.longValue()));
            }
        };
        cell.getStyleClass().add("number-cell");
        return cell;
    }
}
