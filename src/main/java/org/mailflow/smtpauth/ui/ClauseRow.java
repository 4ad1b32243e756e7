package org.mailflow.smtpauth.ui;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.mailflow.ui.Controls;
import org.mailflow.ui.I18n;
import org.mailflow.smtpauth.SenderFilter;

/** The controls of one clause of the custom filter: field (a column of the pivot's table), operator, value, remove. */
final class ClauseRow {
    final HBox box = new HBox(8);
    final ComboBox<SenderFilter.Column> column = new ComboBox<>();
    final ComboBox<SenderFilter.Operator> operator = new ComboBox<>();
    final TextField value = new TextField();
    private final I18n i18n;

    /** The {@code n}th clause (ids {@code clauseField<n>}…); {@code onRemove} takes it away from the model and the page. */
    ClauseRow(ClauseModel c, int n, List<SenderFilter.Column> columns, I18n i18n, Runnable onRemove) {
        this.i18n = i18n;
        box.getStyleClass().add("clause-row");
        box.setAlignment(Pos.CENTER_LEFT);
        column.setId("clauseField" + n);
        operator.setId("clauseOperator" + n);
        value.setId("clauseValue" + n);
        column.setConverter(Controls.showing(this::columnName));
        column.getItems().setAll(columns);
        column.valueProperty().bindBidirectional(c.columnProperty());
        operator.getItems().setAll(SenderFilter.Operator.values());
        operator.setConverter(Controls.showing(o -> i18n.get(o == SenderFilter.Operator.IS ? "smtp.filter.is" : "smtp.filter.startsWith")));
        operator.valueProperty().bindBidirectional(c.operatorProperty());
        value.textProperty().bindBidirectional(c.valueProperty());
        value.setPromptText(i18n.get("smtp.filter.value"));
        value.setPrefWidth(220);
        Button remove = new Button("\u2715");
        remove.setId("clauseRemove" + n);
        remove.getStyleClass().addAll("flat", "small");
        remove.setTooltip(new Tooltip(i18n.get("smtp.filter.remove")));
        remove.setOnAction(e -> onRemove.run());
        Label and = new Label(i18n.get(n == 0 ? "smtp.filter.where" : "smtp.filter.and"));
        and.getStyleClass().add("text-muted");
        and.setMinWidth(44);
        box.getChildren().addAll(and, column, operator, value, remove);
    }

    String columnName(SenderFilter.Column c) {
        return switch (c) {
            case SENDER -> i18n.get("smtp.col.sender");
            case DOMAIN -> i18n.get("smtp.col.domain");
            case MESSAGES -> i18n.get("smtp.col.messages");
            case NO_TLS -> i18n.get("smtp.col.noTls");
            case VERSION_UNKNOWN -> i18n.get("smtp.col.versionUnknown");
            case BASIC -> i18n.get("smtp.col.basic");
            case OAUTH -> i18n.get("smtp.col.oauth");
            case OTHER -> i18n.get("smtp.col.other");
            case AUTH_METHODS -> i18n.get("smtp.col.methods");
            case LAST_BASIC -> i18n.get("smtp.col.lastBasic");
            default -> c.header();
        };
    }

    /** After a pivot change only that table's columns can be chosen; a clause on a hidden column falls back to the sender. */
    void restrictTo(List<SenderFilter.Column> columns) {
        SenderFilter.Column keep = column.getValue();
        column.getItems().setAll(columns);
        column.setValue(columns.contains(keep) ? keep : SenderFilter.Column.SENDER);
    }
}
