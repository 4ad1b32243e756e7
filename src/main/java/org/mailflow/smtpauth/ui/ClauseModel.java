package org.mailflow.smtpauth.ui;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.mailflow.smtpauth.SenderFilter;

/** One editable clause of the custom filter: field, operator, value. */
public final class ClauseModel {
    private final ObjectProperty<SenderFilter.Column> column = new SimpleObjectProperty<>(SenderFilter.Column.SENDER);
    private final ObjectProperty<SenderFilter.Operator> operator = new SimpleObjectProperty<>(SenderFilter.Operator.STARTS_WITH);
    private final StringProperty value = new SimpleStringProperty("");

    public SenderFilter.Clause toClause() {
        SenderFilter.Column c = column.get() == null ? SenderFilter.Column.SENDER : column.get();
        SenderFilter.Operator o = operator.get() == null ? SenderFilter.Operator.STARTS_WITH : operator.get();
        return new SenderFilter.Clause(c, o, value.get());
    }

    public ObjectProperty<SenderFilter.Column> columnProperty() {
        return column;
    }

    public ObjectProperty<SenderFilter.Operator> operatorProperty() {
        return operator;
    }

    public StringProperty valueProperty() {
        return value;
    }
}
