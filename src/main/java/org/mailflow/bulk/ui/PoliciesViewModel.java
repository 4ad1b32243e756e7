package org.mailflow.bulk.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.ErrorMessages;
import org.mailflow.ui.I18n;
import org.mailflow.ui.Navigator;
import org.mailflow.ui.Page;
import org.mailflow.ui.TaskRunner;
import org.mailflow.bulk.Policy;

/**
 * The Policies page: the built-in policies (read-only) and the custom ones, with a form that creates,
 * renames and re-thresholds custom policies. Input is validated as it is typed; the store checks
 * again when saving.
 */
public final class PoliciesViewModel {
    private final CacheSession session;
    private final TaskRunner runner;
    private final I18n i18n;
    private final Navigator navigator;
    private final Supplier<BulkInsightsViewModel> bulk;

    private final ObjectProperty<Policy> selected = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final IntegerProperty threshold = new SimpleIntegerProperty(Policy.DEFAULT.threshold());
    private final StringProperty thresholdText = new SimpleStringProperty(Integer.toString(Policy.DEFAULT.threshold()));
    private final ReadOnlyBooleanWrapper creating = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding canSave;
    private final BooleanBinding loading;

    public PoliciesViewModel(CacheSession session, TaskRunner runner, I18n i18n, Navigator navigator,
                             Supplier<BulkInsightsViewModel> bulk) {
        this.session = session;
        this.runner = runner;
        this.i18n = i18n;
        this.navigator = navigator;
        this.bulk = bulk;
        this.loading = session.policiesReadProperty().not();
        selected.addListener((obs, old, p) -> select(p));
        name.addListener((obs, old, n) -> validate());
        threshold.addListener((obs, old, t) -> {
            thresholdText.set(Integer.toString(t.intValue()));
            validate();
        });
        thresholdText.addListener((obs, old, text) -> {
            Integer v = parseThreshold(text);
            if (v != null) {
                threshold.set(v);
            }
            validate();
        });
        canSave = Bindings.createBooleanBinding(() -> editable.get() && problem.get().isEmpty() && !busy.get() && changed(),
                editable, problem, busy, name, threshold, selected, creating);
    }

    public ObservableList<Policy> policies() {
        return session.policyList();
    }

    private void select(Policy p) {
        creating.set(false);
        message.set("");
        if (p == null) {
            editable.set(false);
            name.set("");
            return;
        }
        editable.set(!p.builtIn());
        name.set(p.name());
        threshold.set(p.threshold());
        validate();
    }

    /** Clears the form for a new custom policy. */
    public void startNew() {
        selected.set(null);
        creating.set(true);
        editable.set(true);
        name.set("");
        threshold.set(Policy.DEFAULT.threshold());
        message.set("");
        validate();
    }

    private boolean changed() {
        if (creating.get()) {
            return true;
        }
        Policy p = selected.get();
        return p != null && (!p.name().equals(name.get().strip()) || p.threshold() != threshold.get());
    }

    private void validate() {
        if (!editable.get()) {
            problem.set("");
            return;
        }
        String n = name.get() == null ? "" : name.get();
        String p = Policy.nameProblem(n);
        if (p != null) {
            problem.set(n.isBlank() ? i18n.get("policies.error.empty")
                    : Policy.isBuiltInName(n) ? i18n.format("policies.error.builtIn", n.strip())
                    : n.strip().length() > Policy.MAX_NAME_LENGTH ? i18n.format("policies.error.long", Policy.MAX_NAME_LENGTH)
                    : i18n.get("policies.error.characters"));
            return;
        }
        Policy current = selected.get();
        boolean taken = session.policyList().stream().anyMatch(q -> q.name().equalsIgnoreCase(n.strip())
                && (current == null || !q.name().equalsIgnoreCase(current.name())));
        if (taken) {
            problem.set(i18n.format("policies.error.taken", n.strip()));
            return;
        }
        problem.set(parseThreshold(thresholdText.get()) == null ? i18n.get("policies.error.threshold") : "");
    }

    /** The threshold typed, or null unless it is a whole number from 1 to 9. */
    static Integer parseThreshold(String text) {
        try {
            int v = Integer.parseInt(text == null ? "" : text.strip());
            return v >= Policy.MIN_THRESHOLD && v <= Policy.MAX_THRESHOLD ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Creates the new policy, or renames and re-thresholds the selected one. */
    public void save() {
        if (!canSave.get()) {
            return;
        }
        String n = name.get().strip();
        int t = threshold.get();
        Policy before = creating.get() ? null : selected.get();
        busy.set(true);
        runner.run("save policy", w -> {
            Policy saved = before == null ? session.policies().create(n, t) : session.policies().update(before.name(), n, t);
            return new Saved(saved, session.policies().all());
        }, s -> {
            busy.set(false);
            session.setPolicies(s.all());
            selected.set(s.all().stream().filter(q -> q.name().equalsIgnoreCase(s.policy().name())).findFirst().orElse(null));
            message.set(i18n.format(before == null ? "policies.created" : "policies.saved", s.policy().name(), s.policy().threshold()));
        }, e -> {
            busy.set(false);
            problem.set(ErrorMessages.of(e, i18n));
        });
    }

    private record Saved(Policy policy, List<Policy> all) {
    }

    /** Deletes the selected custom policy (the view asks first). */
    public void delete() {
        Policy p = selected.get();
        if (p == null || p.builtIn()) {
            return;
        }
        busy.set(true);
        runner.run("delete policy", w -> {
            session.policies().delete(p.name());
            return session.policies().all();
        }, all -> {
            busy.set(false);
            session.setPolicies(all);
            selected.set(null);
            message.set(i18n.format("policies.deleted", p.name()));
        }, e -> {
            busy.set(false);
            problem.set(ErrorMessages.of(e, i18n));
        });
    }

    /** Shows the selected policy on the Bulk sender insights page. */
    public void openInBulk() {
        Policy p = selected.get();
        if (p != null) {
            bulk.get().policyProperty().set(p);
            navigator.show(Page.BULK);
        }
    }

    /** Imports a {@code policies} CSV through the import dialog. */
    public void importPolicies(List<Path> files) {
        navigator.openImport(files, "policies");
    }

    /** How a policy's kind reads in the table. */
    public String kind(Policy p) {
        return i18n.get(p.builtIn() ? "policies.kind.builtIn" : "policies.kind.custom");
    }

    public ObjectProperty<Policy> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public IntegerProperty thresholdProperty() {
        return threshold;
    }

    /** The threshold as typed in the spinner, validated as it changes. */
    public StringProperty thresholdTextProperty() {
        return thresholdText;
    }

    public ReadOnlyBooleanProperty creatingProperty() {
        return creating.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty editableProperty() {
        return editable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanBinding canSaveBinding() {
        return canSave;
    }

    public boolean canDelete() {
        Policy p = selected.get();
        return p != null && !p.builtIn();
    }

    /**
     * True until the cache's policies were read (the list shows the built-in ones only until then):
     * the page shows that it loads rather than a list that looks complete.
     */
    public javafx.beans.binding.BooleanBinding loadingProperty() {
        return loading;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
