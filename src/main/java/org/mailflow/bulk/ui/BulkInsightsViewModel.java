package org.mailflow.bulk.ui;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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
import org.mailflow.export.ExportFiles;
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
    private final Supplier<Path> downloads;
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
    private final ReadOnlyObjectWrapper<Path> lastExport = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper(false);

    /** See {@link #previousThreshold()}. */
    private int previousThreshold;
    /** True while the page sets the as-of date itself, so that doing so does not trigger a reload. */
    private boolean settingWindow;
    /** Rises with every load; a load whose number is no longer the latest is dropped when it arrives. */
    private int loadGeneration;
    private final javafx.beans.value.ChangeListener<Number> onDataChanged;
    private final ListChangeListener<Policy> onPoliciesChanged;

    public BulkInsightsViewModel(CacheSession session, TaskRunner runner, I18n i18n, Supplier<Path> downloads) {
        this.session = session;
        this.runner = runner;
        this.i18n = i18n;
        this.downloads = downloads;
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
            return session.bulk().load(DayWindow.endingOn(end, d));
        }, data -> {
            if (generation == loadGeneration) {
                setDataset(data);
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

    /** Puts the window pickers on {@code w} without loading it again. */
    private void showWindow(DayWindow w) {
        settingWindow = true;
        asOf.set(w.last());
        days.set(w.days());
        settingWindow = false;
        windowLabel.set(w.label(i18n.locale()));
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

    /** Where Export saves, and where Export as… starts. */
    public Path downloadsFolder() {
        return downloads.get();
    }

    /** Saves the senders as shown to the Downloads folder under a new name. */
    public void exportSenders() {
        SimulationResult r = result.get();
        if (r == null) {
            return;
        }
        int[] order = shownOrder();
        export(() -> ExportFiles.writeNew(downloads.get(), BulkExports.SENDERS_FILE_NAME, w -> BulkExports.writeSenders(w, r, order)));
    }

    /** Saves the senders as shown to {@code file}, replacing it. */
    public void exportSendersTo(Path file) {
        SimulationResult r = result.get();
        if (r == null) {
            return;
        }
        int[] order = shownOrder();
        export(() -> {
            ExportFiles.write(file, w -> BulkExports.writeSenders(w, r, order));
            return file;
        });
    }

    public void exportBclTable() {
        SimulationResult r = result.get();
        if (r == null) {
            return;
        }
        export(() -> ExportFiles.writeNew(downloads.get(), BulkExports.BCL_TABLE_FILE_NAME, w -> BulkExports.writeBclTable(w, r.table())));
    }

    public void exportBclTableTo(Path file) {
        SimulationResult r = result.get();
        if (r == null) {
            return;
        }
        export(() -> {
            ExportFiles.write(file, w -> BulkExports.writeBclTable(w, r.table()));
            return file;
        });
    }

    /** Writes a file in the background. */
    @FunctionalInterface
    private interface FileWrite {
        Path write() throws Exception;
    }

    private void export(FileWrite write) {
        exporting.set(true);
        error.set("");
        runner.run("export", p -> write.write(), path -> {
            exporting.set(false);
            lastExport.set(null); // the same path twice is still news
            lastExport.set(path);
        }, e -> {
            exporting.set(false);
            error.set(ErrorMessages.of(e, i18n));
        });
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
        loading.set(false);
        simulate();
    }

    private void simulate() {
        BulkDataset d = dataset.get();
        if (d == null) {
            return;
        }
        SimulationParams params = new SimulationParams(current.get(), newThreshold.get(), quality.get());
        simulations.submit(p -> BulkSimulation.run(d, params), this::applyResult, e -> error.set(ErrorMessages.of(e, i18n)));
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
        Relation rel = r.relation();
        if (rel != relation.get()) {
            List<FilterChoice> choices = choicesFor(rel);
            FilterChoice keep = choices.contains(filter.get()) ? filter.get() : FilterChoice.ALL;
            filterChoices.setAll(choices);
            filter.set(keep);
        }
        result.set(r);
        relation.set(rel);
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
        if (r == null) {
            filtered.setPredicate(row -> q.search().isEmpty() || row.address().contains(q.search()));
        } else {
            filtered.setPredicate(row -> q.matches(r, row.index()));
        }
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

    public ReadOnlyStringProperty windowLabelProperty() {
        return windowLabel.getReadOnlyProperty();
    }

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

    public ReadOnlyObjectProperty<Path> lastExportProperty() {
        return lastExport.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }
}
