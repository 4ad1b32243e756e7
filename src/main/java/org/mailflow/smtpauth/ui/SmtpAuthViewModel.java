package org.mailflow.smtpauth.ui;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.mailflow.app.CacheSession;
import org.mailflow.app.Coalescer;
import org.mailflow.app.ErrorMessages;
import org.mailflow.app.I18n;
import org.mailflow.app.TaskRunner;
import org.mailflow.app.TlsTexts;
import org.mailflow.cache.SmtpStore;
import org.mailflow.geo.GeoLookup;
import org.mailflow.export.ExportFiles;
import org.mailflow.model.DayWindow;
import org.mailflow.smtpauth.AccountHistory;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.ReportFilter;
import org.mailflow.smtpauth.SenderFilter;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.SmtpDataset;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.smtpauth.SmtpReport;

/**
 * State of the SMTP AUTH clients report. Opening the page loads every submission of the cache into
 * memory once (in the background); a change of dates or domain then recomputes the report from memory,
 * coalesced so that only the newest filter is computed. The pivot and the chart/table switch only
 * change what is shown. Search, "Unusual activity only" and the custom filter swap the table's predicate.
 */
public final class SmtpAuthViewModel {
    /** The quick picks of the Filters (days ending on the end date). */
    public static final List<Integer> QUICK_PICKS = List.of(7, 30, 90);
    public static final int DEFAULT_DAYS = 7;
    public static final int TOP_IPS = 10;

    private final CacheSession session;
    private final TaskRunner runner;
    private final I18n i18n;
    private final TlsTexts tlsTexts;
    private final Supplier<Path> downloads;
    private final Coalescer<ReportData> reports;

    private final ObjectProperty<SmtpExports.Pivot> pivot = new SimpleObjectProperty<>(SmtpExports.Pivot.VOLUME);
    private final BooleanProperty tableView = new SimpleBooleanProperty(false);
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    /** "Show data for": null or empty = all sender domains. */
    private final ObjectProperty<String> domain = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty unusualOnly = new SimpleBooleanProperty(false);
    private final ObservableList<ClauseModel> clauses = FXCollections.observableArrayList(
            c -> new javafx.beans.Observable[] {c.columnProperty(), c.operatorProperty(), c.valueProperty()});
    private final ObjectProperty<SenderTotals> selected = new SimpleObjectProperty<>();

    private final ReadOnlyObjectWrapper<SmtpDataset> dataset = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ReportData> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> domains = FXCollections.observableArrayList();
    private final ObservableList<SenderTotals> rows = FXCollections.observableArrayList();
    private final FilteredList<SenderTotals> filtered = new FilteredList<>(rows);
    private final SortedList<SenderTotals> sorted = new SortedList<>(filtered);
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper windowLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper versionNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper versionHint = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper rangeError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasData = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<PanelData> panel = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> lastExport = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper(false);

    /** The sender panel's content: the in-memory history and the cache's methods and IPs. */
    public record PanelData(SenderTotals row, AccountHistory history, SmtpStore.AccountActivity activity) {
    }

    private final Supplier<GeoLookup> geo;
    private boolean settingRange;
    private String typedDateProblem = "";
    private int loadGeneration;
    private int panelGeneration;
    private final javafx.beans.value.ChangeListener<Number> onDataChanged;

    public SmtpAuthViewModel(CacheSession session, TaskRunner runner, I18n i18n, Supplier<Path> downloads) {
        this(session, runner, i18n, downloads, GeoLookup::bundled);
    }

    /**
     * A view model whose client IPs are looked up in {@code geo}'s databases when the data is loaded
     * (SPEC 2.6: at page build; {@code geo} is asked on the loading thread, never the FX thread).
     */
    public SmtpAuthViewModel(CacheSession session, TaskRunner runner, I18n i18n, Supplier<Path> downloads, Supplier<GeoLookup> geo) {
        this.geo = geo;
        this.session = session;
        this.runner = runner;
        this.i18n = i18n;
        this.tlsTexts = new TlsTexts(i18n);
        this.downloads = downloads;
        this.reports = new Coalescer<>(runner, "smtp-auth report");
        from.addListener((obs, old, d) -> filterChanged());
        to.addListener((obs, old, d) -> filterChanged());
        domain.addListener((obs, old, d) -> filterChanged());
        search.addListener((obs, old, s) -> applyPredicate());
        unusualOnly.addListener((obs, old, s) -> applyPredicate());
        clauses.addListener((ListChangeListener<ClauseModel>) c -> applyPredicate());
        filtered.addListener((ListChangeListener<SenderTotals>) c -> updateCount());
        rows.addListener((ListChangeListener<SenderTotals>) c -> updateCount());
        selected.addListener((obs, old, row) -> loadPanel(row));
        onDataChanged = (obs, old, v) -> reload();
        session.dataVersionProperty().addListener(onDataChanged);
        updateCount();
    }

    /** Stops following the session (another cache or language). */
    public void dispose() {
        session.dataVersionProperty().removeListener(onDataChanged);
        loadGeneration++;
    }

    // ---- loading -------------------------------------------------------------------------------

    /** Loads every submission of the cache; the dates stay where they were when they still make sense. */
    public void reload() {
        loading.set(true);
        error.set("");
        int generation = ++loadGeneration;
        runner.run("load smtp-auth", p -> session.smtpData(geo.get()), d -> {
            if (generation == loadGeneration) {
                setDataset(d);
            }
        }, e -> {
            if (generation == loadGeneration) {
                loading.set(false);
                error.set(ErrorMessages.of(e, i18n));
            }
        });
    }

    private void setDataset(SmtpDataset d) {
        dataset.set(d);
        hasData.set(!d.isEmpty());
        selected.set(null);
        List<String> names = new ArrayList<>();
        names.add("");
        // Submissions of bare user names whose domain no source told have the domain "": they count
        // in "all sender domains" (and show as "(no domain)" in the chart) but are not a choice of their own.
        d.domainNames().stream().filter(n -> !n.isEmpty()).forEach(names::add);
        String keepDomain = domain.get();
        settingRange = true;
        domains.setAll(names);
        domain.set(keepDomain != null && names.contains(keepDomain) ? keepDomain : "");
        Optional<DayWindow> range = d.dataRange();
        if (range.isPresent() && (to.get() == null || from.get() == null)) {
            DayWindow w = DayWindow.endingOn(range.get().last(), DEFAULT_DAYS);
            from.set(w.first());
            to.set(w.last());
        }
        settingRange = false;
        loaded.set(true);
        loading.set(false);
        filterChanged();
    }

    // ---- filters -------------------------------------------------------------------------------

    /** Sets the dates to the {@code days} days that end on the end date (or on the latest day with data). */
    public void quickPick(int days) {
        LocalDate end = to.get();
        if (end == null) {
            end = dataset.get() == null ? null : dataset.get().dataRange().map(DayWindow::last).orElse(null);
        }
        if (end == null) {
            return;
        }
        DayWindow w = DayWindow.endingOn(end, days);
        typedDateProblem = "";
        settingRange = true;
        to.set(w.last());
        from.set(w.first());
        settingRange = false;
        filterChanged();
    }

    /**
     * What the user is typing into a date field: text that is not a date is explained inline (the
     * picker keeps its last date), and the message goes away once the text is a date again.
     */
    public void dateTyped(String text) {
        String problem = text != null && !text.isBlank() && org.mailflow.app.DateConverters.parse(i18n, text).isEmpty()
                ? i18n.format("smtp.filters.notADate", text.strip()) : "";
        boolean changed = !problem.equals(typedDateProblem);
        typedDateProblem = problem;
        if (changed) {
            filterChanged(); // shows the message, or computes the report the dates now describe
        }
        currentFilter();
    }

    /** The filter the pickers describe, or empty (with {@link #rangeErrorProperty()} set) when they do not make one. */
    public Optional<ReportFilter> currentFilter() {
        LocalDate start = from.get();
        LocalDate end = to.get();
        if (!typedDateProblem.isEmpty()) {
            rangeError.set(typedDateProblem);
            return Optional.empty();
        }
        if (start == null || end == null) {
            rangeError.set(start == null && end == null ? "" : i18n.get("smtp.filters.missingDate"));
            return Optional.empty();
        }
        if (end.isBefore(start)) {
            rangeError.set(i18n.get("smtp.filters.endBeforeStart"));
            return Optional.empty();
        }
        rangeError.set("");
        String d = domain.get();
        return Optional.of(new ReportFilter(new DayWindow(start, end), Optional.ofNullable(d).filter(s -> !s.isEmpty())));
    }

    private void filterChanged() {
        if (settingRange) {
            return;
        }
        SmtpDataset d = dataset.get();
        Optional<ReportFilter> f = currentFilter();
        if (d == null || f.isEmpty()) {
            return;
        }
        ReportFilter filter = f.get();
        windowLabel.set(filter.window().label(i18n.locale()));
        reports.submit(p -> SmtpReport.compute(d, filter), this::applyReport, e -> error.set(ErrorMessages.of(e, i18n)));
    }

    private void applyReport(ReportData r) {
        Optional<ReportFilter> now = currentFilter();
        if (now.isEmpty() || !now.get().equals(r.filter())) {
            filterChanged(); // the pickers moved on while this was computed
            return;
        }
        SenderTotals keep = selected.get();
        versionNote.set(tlsTexts.versionNote(r.versionUnknown(), r.messages()));
        versionHint.set(TlsTexts.needsHint(r.versionUnknown(), r.messages()));
        report.set(r);
        rows.setAll(r.rows());
        if (keep != null) {
            SenderTotals same = r.rows().stream().filter(x -> x.account() == keep.account() && x.domain().equals(keep.domain()))
                    .findFirst().orElse(null);
            selected.set(same);
        }
    }

    private void applyPredicate() {
        List<SenderFilter.Clause> cs = clauses.stream().map(ClauseModel::toClause).toList();
        SenderFilter f = new SenderFilter(search.get(), unusualOnly.get(), cs);
        filtered.setPredicate(f::matches);
    }

    private void updateCount() {
        countText.set(i18n.format("smtp.table.count", filtered.size(), rows.size()));
    }

    /** Adds an empty clause to the custom filter (sender address, starts with). */
    public ClauseModel addClause() {
        ClauseModel c = new ClauseModel();
        clauses.add(c);
        return c;
    }

    public void removeClause(ClauseModel c) {
        clauses.remove(c);
    }

    // ---- sender panel --------------------------------------------------------------------------

    private void loadPanel(SenderTotals row) {
        int generation = ++panelGeneration;
        SmtpDataset d = dataset.get();
        ReportData r = report.get();
        if (row == null || d == null || r == null) {
            panel.set(null);
            return;
        }
        DayWindow w = r.filter().window();
        AccountHistory history = AccountHistory.of(d, row.account(), w);
        panel.set(new PanelData(row, history, null));
        runner.run("sender activity", p -> session.smtp().activity(row.address(), w, TOP_IPS), a -> {
            if (generation == panelGeneration) {
                panel.set(new PanelData(row, history, a));
            }
        }, e -> error.set(ErrorMessages.of(e, i18n)));
    }

    public void closePanel() {
        selected.set(null);
    }

    // ---- exports -------------------------------------------------------------------------------

    public Path downloadsFolder() {
        return downloads.get();
    }

    /** The file name Export uses for the current pivot. */
    public String exportName() {
        return SmtpExports.fileName(pivot.get());
    }

    /** Saves the rows as shown (search, filters, sort) to the Downloads folder under a new name. */
    public void export() {
        SmtpExports.Pivot p = pivot.get();
        List<SenderTotals> shown = List.copyOf(sorted);
        write(() -> ExportFiles.writeNew(downloads.get(), SmtpExports.fileName(p), w -> SmtpExports.writeTable(w, p, shown)));
    }

    public void exportTo(Path file) {
        SmtpExports.Pivot p = pivot.get();
        List<SenderTotals> shown = List.copyOf(sorted);
        write(() -> {
            ExportFiles.write(file, w -> SmtpExports.writeTable(w, p, shown));
            return file;
        });
    }

    /** "SmtpCSReport 2026-11-06 to 2026-11-12": the Downloads name of a detailed report. */
    public static String reportName(DayWindow window) {
        return SmtpExports.REPORT_FILE_NAME + " " + window.first() + " to " + window.last();
    }

    /** Writes the detailed report (SPEC 2.4) of {@code window} to the Downloads folder under a new name. */
    public void requestReport(DayWindow window) {
        write(() -> ExportFiles.writeNew(downloads.get(), reportName(window), w -> SmtpExports.writeReport(w, sink -> session.smtp().report(window, sink::row))));
    }

    /** Writes the detailed report (SPEC 2.4) of {@code window} to {@code file}. */
    public void requestReport(DayWindow window, Path file) {
        write(() -> {
            ExportFiles.write(file, w -> SmtpExports.writeReport(w, sink -> session.smtp().report(window, sink::row)));
            return file;
        });
    }

    @FunctionalInterface
    private interface FileWrite {
        Path write() throws Exception;
    }

    private void write(FileWrite work) {
        exporting.set(true);
        error.set("");
        runner.run("smtp-auth export", p -> work.write(), path -> {
            exporting.set(false);
            lastExport.set(null);
            lastExport.set(path);
        }, e -> {
            exporting.set(false);
            error.set(ErrorMessages.of(e, i18n));
        });
    }

    // ---- properties ----------------------------------------------------------------------------

    public ObjectProperty<SmtpExports.Pivot> pivotProperty() {
        return pivot;
    }

    public BooleanProperty tableViewProperty() {
        return tableView;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public ObjectProperty<String> domainProperty() {
        return domain;
    }

    public ObservableList<String> domains() {
        return domains;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty unusualOnlyProperty() {
        return unusualOnly;
    }

    public ObservableList<ClauseModel> clauses() {
        return clauses;
    }

    public ObjectProperty<SenderTotals> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<SmtpDataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ReportData> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public SortedList<SenderTotals> sortedRows() {
        return sorted;
    }

    public ReadOnlyStringProperty countTextProperty() {
        return countText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty windowLabelProperty() {
        return windowLabel.getReadOnlyProperty();
    }

    /**
     * How many messages of the report have no known TLS version ({@code TLS} or {@code unknown}), with
     * the setting that logs it when they are more than {@link TlsTexts#HINT_ABOVE} of them; "" when none.
     */
    public ReadOnlyStringProperty versionNoteProperty() {
        return versionNote.getReadOnlyProperty();
    }

    /** True when the version note names the setting to change. */
    public ReadOnlyBooleanProperty versionHintProperty() {
        return versionHint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rangeErrorProperty() {
        return rangeError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** True once loaded when the cache holds at least one submission. */
    public ReadOnlyBooleanProperty hasDataProperty() {
        return hasData.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PanelData> panelProperty() {
        return panel.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> lastExportProperty() {
        return lastExport.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }
}
