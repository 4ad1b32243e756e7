package org.mailflow.smtpauth.ui;

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
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.Coalescer;
import org.mailflow.ui.ErrorMessages;
import org.mailflow.ui.I18n;
import org.mailflow.ui.TaskRunner;
import org.mailflow.ui.TlsTexts;
import org.mailflow.geo.GeoLookup;
import org.mailflow.ui.export.ExportJob;
import org.mailflow.model.DayWindow;
import org.mailflow.smtpauth.AccountHistory;
import org.mailflow.smtpauth.IpHistory;
import org.mailflow.smtpauth.IpTotals;
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
 * change what is shown. Search, "Unusual activity only" and the custom filter swap the sender table's
 * predicate; the Client IPs pivot has its own table (rows of {@link IpTotals}, its own search) and its
 * own panel ({@link IpHistory}), from whose accounts the sender panel can be opened.
 */
public final class SmtpAuthViewModel {
    /** The quick picks of the Filters (days ending on the end date). */
    public static final List<Integer> QUICK_PICKS = List.of(7, 30, 90);
    public static final int DEFAULT_DAYS = 7;
    /** The sender panel lists the account's most used client IPs (SPEC 2.2). */
    public static final int TOP_IPS = 10;

    private final CacheSession session;
    private final TaskRunner runner;
    private final I18n i18n;
    private final TlsTexts tlsTexts;
    private final Coalescer<Computed> reports;

    /** A report and the data it was computed from (the panels read that data for the report's window). */
    private record Computed(SmtpDataset data, ReportData report) {
    }
    private final ClientIpRows ips;

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
    private final ObjectProperty<IpTotals> selectedIp = new SimpleObjectProperty<>();

    private final ReadOnlyObjectWrapper<SmtpDataset> dataset = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ReportData> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ReportCharts> charts = new ReadOnlyObjectWrapper<>();
    /** Drill-down: the chart series the table is filtered to (a domain, TLS version, protocol), or null. */
    private final ReadOnlyObjectWrapper<Drill> seriesDrill = new ReadOnlyObjectWrapper<>();
    /** Drill-down: the bar (day or week) whose rows the table shows, or null for the whole range. */
    private final ReadOnlyObjectWrapper<ChartData.Bar> periodDrill = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper seriesChip = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper periodChip = new ReadOnlyStringWrapper("");
    private final Coalescer<ReportData> periodReports;
    private SeriesColours colours = SeriesColours.NONE;
    private final ReadOnlyObjectWrapper<ReportTotals> totals = new ReadOnlyObjectWrapper<>(ReportTotals.NONE);
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
    private final ReadOnlyObjectWrapper<IpPanelData> ipPanel = new ReadOnlyObjectWrapper<>();

    /**
     * The sender panel's content: the account's history in the report's window (every domain, its
     * methods, protocols, client IPs and countries) and its row of the table; {@code row} is null when
     * the panel was opened from an IP's accounts and the table has no row for the account (another
     * domain is shown, or it only failed to sign in).
     */
    public record PanelData(SenderTotals row, AccountHistory history) {
    }

    /** The IP panel's content: the row of the Client IPs table and the IP's history in the report's window. */
    public record IpPanelData(IpTotals row, IpHistory history) {
    }

    private final Supplier<GeoLookup> geo;
    private boolean settingRange;
    /** True from a loaded dataset until its first report is shown: {@link #loadingProperty()} lasts that long. */
    private boolean awaitingReport;
    /** True when the last {@link #filterChanged()} asked for a report. */
    private boolean reportRequested;
    private String typedDateProblem = "";
    private int loadGeneration;
    private final javafx.beans.value.ChangeListener<Number> onDataChanged;

    public SmtpAuthViewModel(CacheSession session, TaskRunner runner, I18n i18n) {
        this(session, runner, i18n, GeoLookup::bundled);
    }

    /**
     * A view model whose client IPs are looked up in {@code geo}'s databases when the data is loaded
     * (SPEC 2.6: at page build; {@code geo} is asked on the loading thread, never the FX thread).
     */
    public SmtpAuthViewModel(CacheSession session, TaskRunner runner, I18n i18n, Supplier<GeoLookup> geo) {
        this.geo = geo;
        this.session = session;
        this.runner = runner;
        this.i18n = i18n;
        this.tlsTexts = new TlsTexts(i18n);
        this.reports = new Coalescer<>(runner, "smtp-auth report");
        this.periodReports = new Coalescer<>(runner, "smtp-auth drill-down");
        this.ips = new ClientIpRows(i18n.locale(), this::updateCount);
        from.addListener((obs, old, d) -> filterChanged());
        to.addListener((obs, old, d) -> filterChanged());
        domain.addListener((obs, old, d) -> filterChanged());
        search.addListener((obs, old, s) -> applyPredicate());
        unusualOnly.addListener((obs, old, s) -> applyPredicate());
        clauses.addListener((ListChangeListener<ClauseModel>) c -> applyPredicate());
        filtered.addListener((ListChangeListener<SenderTotals>) c -> updateCount());
        rows.addListener((ListChangeListener<SenderTotals>) c -> updateCount());
        pivot.addListener((obs, old, p) -> {
            clearDrill(); // a drill-down names a series of the pivot's chart
            if (old != null && p != null && old.senders() != p.senders()) {
                selected.set(null); // a panel opened from the other kind of table would stand beside the wrong one
                panel.set(null);
            }
            updateCount();
        });
        selected.addListener((obs, old, row) -> loadPanel(row));
        selectedIp.addListener((obs, old, row) -> {
            if (selected.get() == null) {
                panel.set(null); // a sender panel opened from the previous IP's accounts
            }
            loadIpPanel(row);
        });
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

    /**
     * Loads the submissions of the window the dates show (the last {@link #DEFAULT_DAYS} days of the
     * cache when they show none) with the history their flags need ({@link CacheSession#smtpData});
     * the dates stay where they were when they still make sense. A later window that this data does
     * not cover is loaded when its report is computed ({@link #filterChanged()}).
     */
    public void reload() {
        loading.set(true);
        error.set("");
        int generation = ++loadGeneration;
        LocalDate shownFrom = from.get();
        LocalDate shownTo = to.get();
        runner.run("load smtp-auth", p -> {
            Optional<DayWindow> range = session.smtp().dataRange();
            SmtpDataset loaded;
            if (range.isEmpty()) {
                loaded = SmtpDataset.builder().window(DayWindow.endingOn(LocalDate.now(java.time.ZoneOffset.UTC), DEFAULT_DAYS),
                        Optional.empty()).build();
            } else {
                DayWindow w = shownFrom != null && shownTo != null && !shownTo.isBefore(shownFrom) ? new DayWindow(shownFrom, shownTo)
                        : DayWindow.endingOn(range.get().last(), DEFAULT_DAYS);
                loaded = session.smtpData(geo.get(), w);
            }
            return new Object[] {loaded, new SeriesColours(loaded.domainsByVolume())};
        }, d -> {
            if (generation == loadGeneration) {
                colours = (SeriesColours) d[1];
                setDataset((SmtpDataset) d[0]);
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
        selectedIp.set(null);
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
        awaitingReport = true;
        filterChanged();
        if (awaitingReport && !reportRequested) {
            awaitingReport = false;
            loading.set(false); // no report to wait for: no data, or dates that make no window
        }
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
        String problem = text != null && !text.isBlank() && org.mailflow.ui.DateConverters.parse(i18n, text).isEmpty()
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
        reportRequested = false;
        if (settingRange) {
            return;
        }
        SmtpDataset d = dataset.get();
        Optional<ReportFilter> f = currentFilter();
        if (d == null || f.isEmpty()) {
            return;
        }
        ReportFilter filter = f.get();
        clearDrill(); // the bars of the new range are other periods
        windowLabel.set(org.mailflow.ui.DataCoverage.subtitle(i18n, filter.window(), d.dataRange()));
        reportRequested = true;
        reports.submit(p -> {
            // A window the loaded data does not cover is loaded first (and then kept: a year is not held at once).
            SmtpDataset data = d.covers(filter.window()) ? d : session.smtpData(geo.get(), filter.window());
            return new Computed(data, SmtpReport.compute(data, filter));
        }, c -> {
            if (c.data() != dataset.get() && dataset.get() == d) {
                dataset.set(c.data());
            }
            applyReport(c.report());
        }, e -> {
            awaitingReport = false;
            loading.set(false);
            error.set(ErrorMessages.of(e, i18n));
        });
    }

    private void applyReport(ReportData r) {
        Optional<ReportFilter> now = currentFilter();
        if (now.isEmpty() || !now.get().equals(r.filter())) {
            filterChanged(); // the pickers moved on while this was computed
            return;
        }
        if (awaitingReport) {
            awaitingReport = false;
            loading.set(false);
        }
        SenderTotals keep = selected.get();
        versionNote.set(tlsTexts.versionNote(r.versionUnknown(), r.messages()));
        versionHint.set(TlsTexts.needsHint(r.versionUnknown(), r.messages()));
        IpTotals keepIp = selectedIp.get();
        PanelData shown = panel.get();
        charts.set(ReportCharts.of(r, i18n, colours)); // before the report, whose listeners draw them
        totals.set(ReportTotals.of(r, i18n));
        report.set(r);
        rows.setAll(r.rows());
        ips.setAll(r.ips());
        if (keepIp != null) {
            IpTotals same = r.ips().stream().filter(x -> x.address().equals(keepIp.address())).findFirst().orElse(null);
            selectedIp.set(same);
            loadIpPanel(same); // an equal row does not fire, but the window may have moved
        }
        if (keep != null) {
            SenderTotals same = r.rows().stream().filter(x -> x.account() == keep.account() && x.domain().equals(keep.domain()))
                    .findFirst().orElse(null);
            selected.set(same);
        } else if (shown != null && !showAccount(shown.history().address())) {
            panel.set(null); // opened from an IP's accounts: it follows the new window
        }
    }

    private void applyPredicate() {
        List<SenderFilter.Clause> cs = clauses.stream().map(ClauseModel::toClause).toList();
        SenderFilter f = new SenderFilter(search.get(), unusualOnly.get(), cs);
        Drill drill = seriesDrill.get();
        if (drill == null || drill.ofIps()) {
            filtered.setPredicate(f::matches);
        } else {
            filtered.setPredicate(row -> f.matches(row) && drill.matches(row));
        }
        ips.setDrill(drill == null || !drill.ofIps() ? null : drill::matches);
    }

    // ---- drill-down ----------------------------------------------------------------------------

    /**
     * A click on a chart: filters the table to the series ({@code drill}: a domain, TLS version,
     * protocol, or the IPs with messages or failures) and, when a bar was clicked rather than a legend
     * entry, to that bar's day or week (its rows are computed for that period, in the background), and
     * shows the table. Each filter is a chip above the table; see {@link #clearSeriesDrill()} and
     * {@link #clearPeriodDrill()}. A new range, domain or pivot clears both.
     */
    public void drillDown(Drill drill, ChartData.Bar bar) {
        if (report.get() == null || drill == null) {
            return;
        }
        seriesDrill.set(drill);
        seriesChip.set(drill.chip());
        applyPredicate();
        if (bar != null && !bar.equals(periodDrill.get())) {
            periodDrill.set(bar);
            periodChip.set(i18n.format(report.get().filter().weekly() ? "drill.week" : "drill.day", bar.periodText()));
            computePeriod(bar);
        }
        tableView.set(true);
    }

    /** Removes the series filter of the drill-down (the chip's ✕). */
    public void clearSeriesDrill() {
        if (seriesDrill.get() != null) {
            seriesDrill.set(null);
            seriesChip.set("");
            applyPredicate();
        }
    }

    /** Removes the day or week of the drill-down (the chip's ✕): the table shows the whole range again. */
    public void clearPeriodDrill() {
        if (periodDrill.get() != null) {
            periodDrill.set(null);
            periodChip.set("");
            ReportData r = report.get();
            if (r != null) {
                rows.setAll(r.rows());
                ips.setAll(r.ips());
            }
        }
    }

    public void clearDrill() {
        clearSeriesDrill();
        clearPeriodDrill();
    }

    private void computePeriod(ChartData.Bar bar) {
        SmtpDataset d = dataset.get();
        ReportFilter whole = report.get().filter();
        ReportFilter part = new ReportFilter(bar.period(), whole.domain());
        periodReports.submit(p -> SmtpReport.compute(d, part), r -> {
            ReportData now = report.get();
            if (bar.equals(periodDrill.get()) && now != null && now.filter().equals(whole) && dataset.get() == d) {
                rows.setAll(r.rows());
                ips.setAll(r.ips());
            }
        }, e -> error.set(ErrorMessages.of(e, i18n)));
    }

    /**
     * What the details table counts: its rows (an account under one sender domain each) and the
     * distinct accounts among the rows shown, "285 rows — 284 accounts", or when a search or filter
     * hides some "12 of 285 rows — 11 accounts"; the accounts are what the Dashboard and
     * {@code smtp-auth summary} call senders. On the Client IPs pivot "120 of 140 client IPs".
     */
    private void updateCount() {
        if (pivot.get() == SmtpExports.Pivot.IPS) {
            countText.set(i18n.format("smtp.table.ipCount", ips.shown(), ips.total()));
            return;
        }
        long accounts = filtered.stream().mapToInt(SenderTotals::account).distinct().count();
        countText.set(filtered.size() == rows.size() ? i18n.format("smtp.table.countAll", rows.size(), accounts)
                : i18n.format("smtp.table.count", filtered.size(), rows.size(), accounts));
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
        SmtpDataset d = dataset.get();
        ReportData r = report.get();
        if (row == null || d == null || r == null) {
            panel.set(null);
            return;
        }
        panel.set(new PanelData(row, AccountHistory.of(d, row.account(), r.filter().window())));
    }

    /**
     * Opens the sender panel of an account seen from the selected IP (its row of the table when it has
     * one); false, with the panel unchanged, for an account the data does not know or a failure
     * without an account name.
     */
    public boolean showAccount(String address) {
        SmtpDataset d = dataset.get();
        ReportData r = report.get();
        if (d == null || r == null || address == null || address.isBlank()) {
            return false;
        }
        Optional<Integer> account = d.accountIndex(address);
        if (account.isEmpty()) {
            return false;
        }
        int a = account.get();
        SenderTotals row = r.rows().stream().filter(x -> x.account() == a).findFirst().orElse(null);
        panel.set(new PanelData(row, AccountHistory.of(d, a, r.filter().window())));
        return true;
    }

    /** Closes the sender panel; one opened from an IP's accounts gives way to the IP panel again. */
    public void closePanel() {
        selected.set(null);
        panel.set(null);
    }

    // ---- IP panel ------------------------------------------------------------------------------

    private void loadIpPanel(IpTotals row) {
        SmtpDataset d = dataset.get();
        ReportData r = report.get();
        if (row == null || d == null || r == null) {
            ipPanel.set(null);
            return;
        }
        ipPanel.set(new IpPanelData(row, IpHistory.of(d, row.address(), r.filter().window())));
    }

    public void closeIpPanel() {
        selectedIp.set(null);
    }

    // ---- exports -------------------------------------------------------------------------------

    /** The file name Export uses for the current pivot. */
    public String exportName() {
        return SmtpExports.fileName(pivot.get());
    }

    /**
     * The rows of the current pivot's table as shown (search, filters, sort), a snapshot taken now on
     * the FX thread, for the app's export feature ({@link org.mailflow.ui.export.Exports}): the same
     * bytes as {@code smtp-auth export --pivot} for the same rows.
     */
    public ExportJob tableExport() {
        SmtpExports.Pivot p = pivot.get();
        if (p == SmtpExports.Pivot.IPS) {
            List<IpTotals> shown = List.copyOf(ips.sorted());
            return new ExportJob(SmtpExports.fileName(p), shown.size() + 1L, w -> SmtpExports.writeIpTable(w, shown));
        }
        List<SenderTotals> shown = List.copyOf(sorted);
        return new ExportJob(SmtpExports.fileName(p), shown.size() + 1L, w -> SmtpExports.writeTable(w, p, shown));
    }

    /** "SmtpCSReport 2026-11-06 to 2026-11-12": the Downloads name of a detailed report. */
    public static String reportName(DayWindow window) {
        return SmtpExports.REPORT_FILE_NAME + " " + window.first() + " to " + window.last();
    }

    /**
     * The detailed report (SPEC 2.4) of {@code window}, read from the cache while it is written; its
     * number of rows is not known before.
     */
    public ExportJob reportExport(DayWindow window) {
        return ExportJob.unsized(reportName(window), w -> SmtpExports.writeReport(w, sink -> session.smtp().report(window, sink::row)));
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

    /** The charts of the current report (series, titles, axes), set with each new report. */
    public ReadOnlyObjectProperty<ReportCharts> chartsProperty() {
        return charts.getReadOnlyProperty();
    }

    /** The colour of each domain, TLS version and protocol on the page (charts and the table's swatches). */
    public SeriesColours colours() {
        return colours;
    }

    public ReadOnlyObjectProperty<Drill> seriesDrillProperty() {
        return seriesDrill.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ChartData.Bar> periodDrillProperty() {
        return periodDrill.getReadOnlyProperty();
    }

    /** The series chip's text ("Domain: contoso.com"), "" when the table is not filtered to a series. */
    public ReadOnlyStringProperty seriesChipProperty() {
        return seriesChip.getReadOnlyProperty();
    }

    /** The period chip's text ("Week: 3 Nov – 9 Nov 2026 (partial: 3 of 7 days)"), "" for the whole range. */
    public ReadOnlyStringProperty periodChipProperty() {
        return periodChip.getReadOnlyProperty();
    }

    /** The totals of the current report, as shown above its charts. */
    public ReadOnlyObjectProperty<ReportTotals> totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    public SortedList<SenderTotals> sortedRows() {
        return sorted;
    }

    /** The Client IPs table's rows as shown: searched, in the table's order. */
    public SortedList<IpTotals> sortedIps() {
        return ips.sorted();
    }

    /** The Client IPs table's search (IP, country in English or the UI's language, ISO code, network). */
    public StringProperty ipSearchProperty() {
        return ips.searchProperty();
    }

    public ObjectProperty<IpTotals> selectedIpProperty() {
        return selectedIp;
    }

    public ReadOnlyObjectProperty<IpPanelData> ipPanelProperty() {
        return ipPanel.getReadOnlyProperty();
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

    /**
     * True from the start of a load (the page opens, an import ends) until the first report of the
     * loaded data is shown: the totals, charts and tables show their loading state meanwhile.
     */
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
}
