package org.mailflow.bulk.ui;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
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
import org.mailflow.bulk.BclTable;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.bulk.BulkExports;
import org.mailflow.bulk.BulkSimulation;
import org.mailflow.bulk.Policy;
import org.mailflow.bulk.Relation;
import org.mailflow.bulk.SenderDetails;
import org.mailflow.bulk.SenderFlag;
import org.mailflow.bulk.SenderQuery;
import org.mailflow.bulk.SimulationParams;
import org.mailflow.bulk.SimulationResult;
import org.mailflow.ui.export.ExportJob;
import org.mailflow.model.DayWindow;

/**
 * State of the Bulk sender insights page. Loading a window queries the cache in the background;
 * slider moves re-run the simulation in the background too, coalesced so that only the newest
 * position is computed; results come back on the FX thread and update the BCL rows, the totals, the
 * filter and the sender flags in place. The sender rows stay the same objects until the window
 * changes.
 */
public final class BulkInsightsViewModel {
    /** The window lengths offered (days). */
    public static final List<Integer> WINDOW_CHOICES = List.of(7, 30, 60, 90);

    private final CacheSession session;
    private final TaskRunner runner;
    private final I18n i18n;
    private final Coalescer<SimulationResult> simulations;

    private final ObjectProperty<Policy> policy = new SimpleObjectProperty<>(Policy.DEFAULT);
    private final IntegerProperty newThreshold = new SimpleIntegerProperty(Policy.DEFAULT.threshold());
    private final IntegerProperty quality = new SimpleIntegerProperty(SimulationParams.DEFAULT_QUALITY);
    private final ObjectProperty<Integer> days = new SimpleObjectProperty<>(60);
    private final ObjectProperty<LocalDate> asOf = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<FilterChoice> filter = new SimpleObjectProperty<>(FilterChoice.ALL);
    private final BooleanProperty compact = new SimpleBooleanProperty(false);
    private final ObjectProperty<SenderRow> selected = new SimpleObjectProperty<>();

    private final ReadOnlyIntegerWrapper current = new ReadOnlyIntegerWrapper(Policy.DEFAULT.threshold());
    private final ReadOnlyObjectWrapper<Relation> relation = new ReadOnlyObjectWrapper<>(Relation.SAME);
    private final ReadOnlyObjectWrapper<BulkDataset> dataset = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SimulationResult> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<BclRow> bclRows = FXCollections.observableArrayList();
    private final ReadOnlyLongWrapper deliveredCurrent = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper identifiedCurrent = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper deliveredNew = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper identifiedNew = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper deliveredDifference = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper identifiedDifference = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper windowLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<SenderRow> rows = FXCollections.observableArrayList();
    private final FilteredList<SenderRow> filtered = new FilteredList<>(rows);
    private final SortedList<SenderRow> sorted = new SortedList<>(filtered);
    private final ReadOnlyIntegerWrapper shown = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper("");
    private final ObservableList<FilterChoice> filterChoices = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<SenderDetails> details = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Policy> applied = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<BclChart> bclChart = new ReadOnlyObjectWrapper<>();
    /** Drill-down: the BCL whose senders the table lists (a click on a bar of the BCL chart), or {@link #NO_BCL}. */
    private final ReadOnlyIntegerWrapper bclDrill = new ReadOnlyIntegerWrapper(NO_BCL);
    private final ReadOnlyStringWrapper bclChip = new ReadOnlyStringWrapper("");
    public static final int NO_BCL = -1;

    /** The BCL chart's series keys, in the chart's order (delivered and identified at the current, then the new threshold). */
    public static final List<String> BCL_SERIES_KEYS = List.of("bulk.col.deliveredCurrent", "bulk.col.identifiedCurrent",
            "bulk.col.deliveredNew", "bulk.col.identifiedNew");

    /**
     * The BCL chart as plain data: per series (see {@link #BCL_SERIES_KEYS}) its messages per level
     * {@link BclTable#MIN_BCL}..{@link BclTable#MAX_BCL}, and the whole-number ticks of the count axis.
     */
    public record BclChart(List<String> names, long[][] values, org.mailflow.model.IntegerTicks ticks) {
        /** The value of series {@code series} at BCL {@code level}. */
        public long value(int series, int level) {
            return values[series][level - BclTable.MIN_BCL];
        }
    }

    /** The first and last day of all the bulk data, as of the last load. */
    private Optional<DayWindow> dataRange = Optional.empty();
    /** See {@link #previousThreshold()}. */
    private int previousThreshold;
    /** True while the page sets the as-of date itself, so that doing so does not trigger a reload. */
    private boolean settingWindow;
    /** Rises with every load; a load whose number is no longer the latest is dropped when it arrives. */
    private int loadGeneration;
    private final javafx.beans.value.ChangeListener<Number> onDataChanged;
    private final ListChangeListener<Policy> onPoliciesChanged;

    public BulkInsightsViewModel(CacheSession session, TaskRunner runner, I18n i18n) {
        this.session = session;
        this.runner = runner;
        this.i18n = i18n;
        this.simulations = new Coalescer<>(runner, "simulation");
        for (int b = BclTable.MIN_BCL; b <= BclTable.MAX_BCL; b++) {
            bclRows.add(new BclRow(b));
        }
        filterChoices.setAll(choicesFor(Relation.SAME));

        policy.addListener((obs, old, p) -> {
            if (p == null) {
                // A combo box clears its value while its items are replaced; keep the policy chosen.
                policy.set(sameOrDefault(old));
                return;
            }
            current.set(p.threshold());
            newThreshold.set(p.threshold());
            simulate();
        });
        newThreshold.addListener((obs, old, n) -> simulate());
        quality.addListener((obs, old, q) -> simulate());
        days.addListener((obs, old, d) -> {
            if (!settingWindow) {
                reload();
            }
        });
        asOf.addListener((obs, old, d) -> {
            if (!settingWindow) {
                reload();
            }
        });
        search.addListener((obs, old, s) -> applyPredicate());
        filter.addListener((obs, old, f) -> applyPredicate());
        filtered.addListener((ListChangeListener<SenderRow>) c -> updateCounts());
        rows.addListener((ListChangeListener<SenderRow>) c -> updateCounts());
        selected.addListener((obs, old, row) -> {
            BulkDataset d = dataset.get();
            details.set(row == null || d == null ? null : new SenderDetails(d, row.index()));
        });
        onDataChanged = (obs, old, v) -> {
            settingWindow = true;
            asOf.set(null);
            settingWindow = false;
            reload();
        };
        onPoliciesChanged = c -> followPolicyChanges();
        session.dataVersionProperty().addListener(onDataChanged);
        session.policyList().addListener(onPoliciesChanged);
        updateCounts();
    }

    /** Stops following the session; called when the page is dropped (another cache or language). */
    public void dispose() {
        session.dataVersionProperty().removeListener(onDataChanged);
        session.policyList().removeListener(onPoliciesChanged);
        loadGeneration++;
    }

    // ---- actions -------------------------------------------------------------------------------

    /** Loads the window (days ending on the as-of day, or on the latest day with data). */
    public void reload() {
        loading.set(true);
        error.set("");
        int d = days.get() == null ? 60 : days.get();
        LocalDate chosen = asOf.get();
        int generation = ++loadGeneration;
        runner.run("load bulk window", p -> {
            LocalDate end = chosen != null ? chosen : session.bulk().latestDay().orElse(LocalDate.now(ZoneOffset.UTC));
            BulkDataset loaded = session.bulkData(DayWindow.endingOn(end, d));
            return new Loaded(loaded, session.bulk().dataRange());
        }, data -> {
            if (generation == loadGeneration) {
                dataRange = data.range();
                setDataset(data.dataset());
            }
        }, e -> {
            if (generation != loadGeneration) {
                return;
            }
            loading.set(false);
            error.set(ErrorMessages.of(e, i18n));
            BulkDataset shown = dataset.get();
            if (shown != null) {
                showWindow(shown.window());
            }
        });
    }

    /** A loaded window, and the first and last day of all the bulk data (for the subtitle). */
    private record Loaded(BulkDataset dataset, Optional<DayWindow> range) {
    }

    /** Puts the window pickers on {@code w} without loading it again. */
    private void showWindow(DayWindow w) {
        settingWindow = true;
        asOf.set(w.last());
        days.set(w.days());
        settingWindow = false;
        windowLabel.set(org.mailflow.ui.DataCoverage.subtitle(i18n, w, dataRange));
    }

    /** New threshold back to the current one, quality back to 50. */
    public void reset() {
        newThreshold.set(current.get());
        quality.set(SimulationParams.DEFAULT_QUALITY);
    }

    /** Saves the new threshold into the selected custom policy; {@link #appliedProperty()} then holds it. */
    public void applyNewThreshold() {
        Policy p = policy.get();
        int n = newThreshold.get();
        if (p == null || p.builtIn() || n == p.threshold()) {
            return;
        }
        int was = p.threshold();
        saveThreshold(p.name(), n, updated -> {
            previousThreshold = was;
            applied.set(updated);
        });
    }

    /**
     * Takes back the last Apply: {@code policyName}'s threshold returns to {@code threshold} in the
     * cache, and the page shows that policy again (the notification's Undo).
     */
    public void undoApply(String policyName, int threshold) {
        saveThreshold(policyName, threshold, restored -> { });
    }

    /** The threshold the policy of {@link #appliedProperty()} had before it was applied (what Undo restores). */
    public int previousThreshold() {
        return previousThreshold;
    }

    private void saveThreshold(String name, int n, java.util.function.Consumer<Policy> then) {
        runner.run("apply threshold", w -> {
            Policy updated = session.policies().setThreshold(name, n);
            return new Object[] {updated, session.policies().all()};
        }, r -> {
            Policy updated = (Policy) r[0];
            @SuppressWarnings("unchecked")
            List<Policy> all = (List<Policy>) r[1];
            session.setPolicies(all);
            policy.set(updated);
            then.accept(updated);
        }, e -> error.set(ErrorMessages.of(e, i18n)));
    }

    /** Forgets the last applied policy (after its confirmation was shown). */
    public void clearApplied() {
        applied.set(null);
    }

    /**
     * The senders as shown (filter, search, sort) with the current flags, for the app's export
     * feature ({@link org.mailflow.ui.export.Exports}); empty before the first simulation.
     */
    public Optional<ExportJob> sendersExport() {
        SimulationResult r = result.get();
        if (r == null) {
            return Optional.empty();
        }
        int[] order = shownOrder();
        return Optional.of(new ExportJob(BulkExports.SENDERS_FILE_NAME, order.length + 1L, w -> BulkExports.writeSenders(w, r, order)));
    }

    /** The BCL table at the current sliders; empty before the first simulation. */
    public Optional<ExportJob> bclExport() {
        SimulationResult r = result.get();
        if (r == null) {
            return Optional.empty();
        }
        return Optional.of(new ExportJob(BulkExports.BCL_TABLE_FILE_NAME, bclRows.size() + 1L, w -> BulkExports.writeBclTable(w, r.table())));
    }

    private int[] shownOrder() {
        int[] order = new int[sorted.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = sorted.get(i).index();
        }
        return order;
    }

    // ---- results ------------------------------------------------------------------------------

    private void setDataset(BulkDataset d) {
        showWindow(d.window());
        selected.set(null);
        dataset.set(d);
        List<SenderRow> newRows = new ArrayList<>(d.tableSize());
        IntStream.range(0, d.tableSize()).forEach(k -> newRows.add(new SenderRow(d, d.tableSender(k))));
        result.set(null);
        applyPredicate(); // the old result's flags do not describe the new rows
        rows.setAll(newRows);
        simulate(); // loading ends with its result: the totals come from it
    }

    private void simulate() {
        BulkDataset d = dataset.get();
        if (d == null) {
            return;
        }
        SimulationParams params = new SimulationParams(current.get(), newThreshold.get(), quality.get());
        simulations.submit(p -> BulkSimulation.run(d, params), this::applyResult, e -> {
            loading.set(false);
            error.set(ErrorMessages.of(e, i18n));
        });
    }

    private void applyResult(SimulationResult r) {
        if (r.dataset() != dataset.get()) {
            return; // computed for a window that has since been replaced
        }
        SimulationParams now = new SimulationParams(current.get(), newThreshold.get(), quality.get());
        if (!r.params().equals(now)) {
            simulate(); // a value changed without a new request reaching the coalescer
            return;
        }
        bclChart.set(chartOf(r.table()));
        Relation rel = r.relation();
        if (rel != relation.get()) {
            List<FilterChoice> choices = choicesFor(rel);
            FilterChoice keep = choices.contains(filter.get()) ? filter.get() : FilterChoice.ALL;
            filterChoices.setAll(choices);
            filter.set(keep);
        }
        result.set(r);
        relation.set(rel);
        loading.set(false);
        BclTable t = r.table();
        bclRows.forEach(row -> row.update(t));
        deliveredCurrent.set(t.totalDeliveredAtCurrent());
        identifiedCurrent.set(t.totalIdentifiedAtCurrent());
        deliveredNew.set(t.totalDeliveredAtNew());
        identifiedNew.set(t.totalIdentifiedAtNew());
        deliveredDifference.set(t.deliveredDifference());
        identifiedDifference.set(t.identifiedDifference());
        Policy p = policy.get();
        canApply.set(p != null && !p.builtIn() && newThreshold.get() != current.get());
        if (filter.get() != null && filter.get().flag().isPresent()) {
            applyPredicate(); // which rows show depends on the new flags
        }
    }

    /**
     * Filters and sorts the rows again by the current flags. The page calls it when the table is
     * sorted by a flag column; otherwise a slider move leaves the 100 000 rows alone and only the
     * visible cells are redrawn.
     */
    public void refreshOrder() {
        applyPredicate();
    }

    private static List<FilterChoice> choicesFor(Relation rel) {
        List<FilterChoice> out = new ArrayList<>();
        out.add(FilterChoice.ALL);
        rel.columns().forEach(f -> out.add(FilterChoice.of(f)));
        return out;
    }

    /** A new predicate on every change, so the sorted view re-sorts by the new flag values too. */
    private void applyPredicate() {
        SimulationResult r = result.get();
        FilterChoice f = filter.get() == null ? FilterChoice.ALL : filter.get();
        SenderQuery q = new SenderQuery(f.flag(), search.get());
        BulkDataset d = dataset.get();
        int level = bclDrill.get();
        java.util.function.Predicate<SenderRow> atLevel = level == NO_BCL || d == null ? row -> true
                : row -> (d.bclMask(row.index()) & (1 << level)) != 0;
        if (r == null) {
            filtered.setPredicate(row -> (q.search().isEmpty() || row.address().contains(q.search())) && atLevel.test(row));
        } else {
            filtered.setPredicate(row -> q.matches(r, row.index()) && atLevel.test(row));
        }
    }

    private BclChart chartOf(BclTable t) {
        int levels = BclTable.MAX_BCL - BclTable.MIN_BCL + 1;
        long[][] values = new long[4][levels];
        long max = 0;
        for (int b = BclTable.MIN_BCL; b <= BclTable.MAX_BCL; b++) {
            int k = b - BclTable.MIN_BCL;
            values[0][k] = t.deliveredAtCurrent(b);
            values[1][k] = t.identifiedAtCurrent(b);
            values[2][k] = t.deliveredAtNew(b);
            values[3][k] = t.identifiedAtNew(b);
            for (long[] v : values) {
                max = Math.max(max, v[k]);
            }
        }
        return new BclChart(BCL_SERIES_KEYS.stream().map(i18n::get).toList(), values, org.mailflow.model.IntegerTicks.covering(max));
    }

    // ---- drill-down -----------------------------------------------------------------------------

    /** A click on a bar of the BCL chart: the sender table lists the senders with messages at {@code level}. */
    public void drillToBcl(int level) {
        if (level < BclTable.MIN_BCL || level > BclTable.MAX_BCL) {
            return;
        }
        bclDrill.set(level);
        bclChip.set(i18n.format("drill.bcl", level));
        applyPredicate();
    }

    /** Removes the BCL filter (the chip's ✕). */
    public void clearBclDrill() {
        if (bclDrill.get() != NO_BCL) {
            bclDrill.set(NO_BCL);
            bclChip.set("");
            applyPredicate();
        }
    }

    public ReadOnlyObjectProperty<BclChart> bclChartProperty() {
        return bclChart.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty bclDrillProperty() {
        return bclDrill.getReadOnlyProperty();
    }

    /** The chip's text ("BCL: 5"), "" when the table is not filtered to a BCL. */
    public ReadOnlyStringProperty bclChipProperty() {
        return bclChip.getReadOnlyProperty();
    }

    private void updateCounts() {
        shown.set(filtered.size());
        total.set(rows.size());
        countText.set(i18n.format("bulk.senders.count", filtered.size(), rows.size()));
    }

    private void followPolicyChanges() {
        Policy p = policy.get();
        Policy same = sameOrDefault(p);
        if (!same.equals(p)) {
            policy.set(same);
        }
    }

    /** The policy of the list with {@code p}'s name (its threshold may have changed), else Default. */
    private Policy sameOrDefault(Policy p) {
        return session.policyList().stream().filter(q -> p != null && q.name().equalsIgnoreCase(p.name()))
                .findFirst().orElse(Policy.DEFAULT);
    }

    /** The text of a conditional column's cell: the flag of the shown column {@code slot} (0 or 1). */
    public boolean flag(SenderRow row, int slot) {
        SimulationResult r = result.get();
        if (r == null || r.dataset() != dataset.get()) {
            return false;
        }
        SenderFlag f = r.relation().columns().get(slot);
        return r.has(row.index(), f);
    }

    // ---- properties ---------------------------------------------------------------------------

    public ObjectProperty<Policy> policyProperty() {
        return policy;
    }

    public ObservableList<Policy> policies() {
        return session.policyList();
    }

    public IntegerProperty newThresholdProperty() {
        return newThreshold;
    }

    public IntegerProperty qualityProperty() {
        return quality;
    }

    public ObjectProperty<Integer> daysProperty() {
        return days;
    }

    public ObjectProperty<LocalDate> asOfProperty() {
        return asOf;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<FilterChoice> filterProperty() {
        return filter;
    }

    public BooleanProperty compactProperty() {
        return compact;
    }

    public ObjectProperty<SenderRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyIntegerProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Relation> relationProperty() {
        return relation.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SimulationResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ObservableList<BclRow> bclRows() {
        return bclRows;
    }

    public ReadOnlyLongProperty deliveredCurrentProperty() {
        return deliveredCurrent.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty identifiedCurrentProperty() {
        return identifiedCurrent.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty deliveredNewProperty() {
        return deliveredNew.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty identifiedNewProperty() {
        return identifiedNew.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty deliveredDifferenceProperty() {
        return deliveredDifference.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty identifiedDifferenceProperty() {
        return identifiedDifference.getReadOnlyProperty();
    }

    /** The page subtitle: the window's dates, and how far the data goes when it does not cover them ({@link org.mailflow.ui.DataCoverage}). */
    public ReadOnlyStringProperty windowLabelProperty() {
        return windowLabel.getReadOnlyProperty();
    }

    /**
     * True from the start of a load (the page opens, the window changes, an import ends) until the
     * totals describe the new window, that is until its first simulation: the page shows skeletons
     * meanwhile, never the zeros or the previous window's figures as if they were the new ones.
     */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The sender rows as shown: the table's items; bind its comparator to the table's. */
    public SortedList<SenderRow> sortedSenders() {
        return sorted;
    }

    public ReadOnlyIntegerProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countTextProperty() {
        return countText.getReadOnlyProperty();
    }

    public ObservableList<FilterChoice> filterChoices() {
        return filterChoices;
    }

    public ReadOnlyObjectProperty<SenderDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canApplyProperty() {
        return canApply.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Policy> appliedProperty() {
        return applied.getReadOnlyProperty();
    }
}
