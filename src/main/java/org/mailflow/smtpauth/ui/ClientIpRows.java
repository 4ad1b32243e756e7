package org.mailflow.smtpauth.ui;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.mailflow.smtpauth.IpFilter;
import org.mailflow.smtpauth.IpTotals;

/**
 * The Client IPs table's pipeline: the report's rows, the search ({@link IpFilter} in the UI's
 * language) and the table's sort. A search only swaps the predicate; a new report replaces the rows.
 */
public final class ClientIpRows {
    private final ObservableList<IpTotals> rows = FXCollections.observableArrayList();
    private final FilteredList<IpTotals> filtered = new FilteredList<>(rows);
    private final SortedList<IpTotals> sorted = new SortedList<>(filtered);
    private final StringProperty search = new SimpleStringProperty("");

    private final Locale language;
    /** The drill-down's filter (the IPs with messages, or with failures), or null. */
    private java.util.function.Predicate<IpTotals> drill;

    ClientIpRows(Locale language, Runnable onChange) {
        this.language = language;
        search.addListener((obs, old, s) -> applyPredicate());
        filtered.addListener((ListChangeListener<IpTotals>) c -> onChange.run());
    }

    void setDrill(java.util.function.Predicate<IpTotals> drill) {
        if (drill != this.drill) {
            this.drill = drill;
            applyPredicate();
        }
    }

    private void applyPredicate() {
        IpFilter f = new IpFilter(search.get(), language);
        java.util.function.Predicate<IpTotals> d = drill;
        filtered.setPredicate(d == null ? f::matches : row -> f.matches(row) && d.test(row));
    }

    void setAll(List<IpTotals> report) {
        rows.setAll(report);
    }

    /** The rows as shown: searched, in the table's order (its comparator is bound to the table's). */
    public SortedList<IpTotals> sorted() {
        return sorted;
    }

    public StringProperty searchProperty() {
        return search;
    }

    int shown() {
        return filtered.size();
    }

    int total() {
        return rows.size();
    }
}
