package org.mailflow.app.importing;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.mailflow.app.AppContext;
import org.mailflow.app.CacheSession;
import org.mailflow.app.ErrorMessages;
import org.mailflow.app.I18n;
import org.mailflow.app.TaskRunner;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheLocations;
import org.mailflow.ingest.ImportFormat;
import org.mailflow.ingest.ImportJob;
import org.mailflow.ingest.ImportOptions;
import org.mailflow.ingest.ImportSummary;

/**
 * The import dialog: files, a forced format or detection, "skip bad rows", then a background import
 * with progress and Cancel that ends with a summary or a clear error. The import is one transaction,
 * so a failure or a cancel leaves the cache as it was. While demo data is open, real files go into
 * the default cache instead ({@code ~/.mailflow-insights/cache.db}) and the window switches to it.
 */
public final class ImportViewModel {
    /** Where the dialog is. */
    public enum State { READY, RUNNING, DONE, FAILED }

    private final AppContext context;
    private final I18n i18n;
    private final ObservableList<Path> files = FXCollections.observableArrayList();
    private final ObjectProperty<ImportFormat> format = new SimpleObjectProperty<>();
    private final BooleanProperty skipBadRows = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.READY);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper targetNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(false);
    private TaskRunner.Handle running;

    public ImportViewModel(AppContext context) {
        this.context = context;
        this.i18n = context.i18n();
        CacheSession s = context.session();
        if (s != null && s.isDemo()) {
            targetNote.set(i18n.format("import.demoTarget", ownCache(s.file())));
        }
        files.addListener((javafx.collections.ListChangeListener<Path>) c -> updateCanStart());
        state.addListener((obs, old, st) -> updateCanStart());
    }

    /**
     * Where real files go while demo data is open: {@code cache.db}, or {@code cache-2.db}, … when
     * {@code cache.db} is the demo cache itself (filled by the {@code demo} command).
     */
    static Path ownCache(Path demoFile) {
        Path candidate = CacheLocations.defaultCache();
        for (int n = 2; candidate.toAbsolutePath().normalize().equals(demoFile.toAbsolutePath().normalize()); n++) {
            candidate = CacheLocations.appHome().resolve("cache-" + n + ".db");
        }
        return candidate;
    }

    private void updateCanStart() {
        canStart.set(!files.isEmpty() && state.get() != State.RUNNING);
    }

    public void addFiles(List<Path> more) {
        for (Path p : more) {
            if (!files.contains(p)) {
                files.add(p);
            }
        }
        if (state.get() != State.RUNNING) {
            state.set(State.READY);
        }
    }

    /** Runs the import in the background. */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        CacheSession current = context.session();
        boolean intoNewCache = current.isDemo();
        Path target = intoNewCache ? ownCache(current.file()) : current.file();
        ImportOptions options = new ImportOptions(Optional.ofNullable(format.get()), skipBadRows.get());
        List<Path> list = List.copyOf(files);
        state.set(State.RUNNING);
        error.set("");
        summary.set("");
        progress.set(-1);
        running = context.runner().run("import", p -> {
            boolean existed = java.nio.file.Files.exists(target);
            Cache cache = intoNewCache ? Cache.open(target) : current.cache();
            try {
                if (intoNewCache && cache.isDemo()) {
                    throw new org.mailflow.cache.CacheException(org.mailflow.cache.CacheException.Reason.IO, target,
                            target + " holds demo data too. Create a cache for your data with File ▸ New cache… and import again.");
                }
                ImportSummary s = new ImportJob(cache, options).run(list, (file, done, total) -> p.update(done, total), p::isCancelled);
                return new Outcome(s, intoNewCache ? new CacheSession(cache, false) : null);
            } catch (Exception e) {
                if (intoNewCache) {
                    cache.close();
                    if (!existed) {
                        // nothing was imported: do not leave an empty cache behind
                        for (String suffix : new String[] {"", "-wal", "-shm"}) {
                            java.nio.file.Files.deleteIfExists(Path.of(target + suffix));
                        }
                    }
                }
                throw e;
            }
        }, this::finished, e -> {
            context.importEnded(running);
            running = null;
            progress.unbind();
            error.set(ErrorMessages.of(e, i18n));
            state.set(State.FAILED);
        });
        if (running != null) {
            context.importStarted(running);
            progress.bind(running.progressProperty());
        }
    }

    private record Outcome(ImportSummary summary, CacheSession newSession) {
    }

    private void finished(Outcome o) {
        context.importEnded(running);
        running = null;
        progress.unbind();
        progress.set(1);
        summary.set(describe(o.summary()));
        state.set(State.DONE);
        if (o.newSession() != null) {
            context.mainWindow().finish(o.newSession());
            summary.set(summary.get() + "\n" + i18n.format("import.switched", o.newSession().file()));
        } else {
            context.session().dataChanged();
            context.mainWindow().refreshPolicies();
        }
    }

    /** Asks the running import to stop; it rolls back and the dialog shows that nothing changed. */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private String describe(ImportSummary s) {
        StringBuilder sb = new StringBuilder();
        for (ImportSummary.FileResult f : s.files()) {
            String name = f.file().getFileName().toString();
            sb.append(switch (f.status()) {
                case IMPORTED -> i18n.format("import.result.imported", name, f.rows(), formatOf(f));
                case ALREADY_IMPORTED -> i18n.format("import.result.already", name);
                case CONTINUED -> i18n.format("import.result.continued", name, f.rows(), f.firstNewLine(), formatOf(f));
            }).append('\n');
            if (f.badRowCount() > 0) {
                sb.append("  ").append(i18n.format("import.result.bad", f.badRowCount())).append('\n');
                for (ImportSummary.BadRow b : f.badRows()) {
                    sb.append("    ").append(i18n.format("import.result.badRow", b.line(), b.reason())).append('\n');
                }
                if (f.badRowCount() > f.badRows().size()) {
                    sb.append("    ").append(i18n.format("import.result.more", f.badRowCount() - f.badRows().size())).append('\n');
                }
            }
        }
        sb.append(i18n.format("import.result.total", s.rows(), s.badRows()));
        if (s.submissions() > 0) {
            sb.append('\n').append(i18n.format("import.result.submissions", s.submissions()));
        }
        return sb.toString();
    }

    /** The format token, with the submissions an SMTP AUTH file's rows stand for ("smtp-auth, 12 submissions"). */
    private String formatOf(ImportSummary.FileResult f) {
        return f.smtpAuth() ? f.format() + ", " + i18n.format("import.result.fileSubmissions", f.submissions()) : f.format();
    }

    public ObservableList<Path> files() {
        return files;
    }

    public ObjectProperty<ImportFormat> formatProperty() {
        return format;
    }

    public BooleanProperty skipBadRowsProperty() {
        return skipBadRows;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty targetNoteProperty() {
        return targetNote.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }
}
