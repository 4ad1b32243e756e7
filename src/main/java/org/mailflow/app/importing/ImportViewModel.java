package org.mailflow.app.importing;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
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
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.ErrorMessages;
import org.mailflow.ui.I18n;
import org.mailflow.ui.TaskRunner;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheLocations;
import org.mailflow.ingest.ImportFormat;
import org.mailflow.ingest.ImportJob;
import org.mailflow.ingest.ImportOptions;
import org.mailflow.ingest.ImportSummary;
import org.mailflow.model.Bytes;

/**
 * The import dialog: files, a forced format or detection, "skip bad rows", then a background import
 * with progress and Cancel that ends with a summary or a clear error. The import is one transaction,
 * so a failure or a cancel leaves the cache as it was. While demo data is open, real files go into
 * the default cache instead ({@code ~/.mailflow-insights/cache.db}) and the window switches to it.
 */
public final class ImportViewModel {
    /** Where the dialog is. */
    public enum State { READY, RUNNING, DONE, FAILED }

    private final ImportTarget into;
    private final I18n i18n;
    private final TaskRunner runner;
    private final ObservableList<Path> files = FXCollections.observableArrayList();
    private final ObjectProperty<ImportFormat> format = new SimpleObjectProperty<>();
    private final BooleanProperty skipBadRows = new SimpleBooleanProperty(false);
    private final javafx.beans.property.StringProperty year = new javafx.beans.property.SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper yearValid = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.READY);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper targetNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(false);
    private TaskRunner.Handle running;

    /** Imports into {@code target}'s cache, in {@code i18n}'s language, on {@code runner}'s workers. */
    public ImportViewModel(ImportTarget target, I18n i18n, TaskRunner runner) {
        this.into = target;
        this.i18n = i18n;
        this.runner = runner;
        CacheSession s = into.session();
        if (s != null && s.isDemo()) {
            targetNote.set(i18n.format("import.demoTarget", ownCache(s.file())));
        }
        files.addListener((javafx.collections.ListChangeListener<Path>) c -> updateCanStart());
        year.addListener((obs, old, y) -> {
            yearValid.set(parseYear(y) != null);
            updateCanStart();
        });
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
        canStart.set(!files.isEmpty() && state.get() != State.RUNNING && yearValid.get());
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
        CacheSession current = into.session();
        boolean intoNewCache = current.isDemo();
        Path target = intoNewCache ? ownCache(current.file()) : current.file();
        OptionalInt firstYear = parseYear(year.get());
        ImportOptions options = new ImportOptions(Optional.ofNullable(format.get()), skipBadRows.get(),
                firstYear == null ? OptionalInt.empty() : firstYear);
        List<Path> list = List.copyOf(files);
        state.set(State.RUNNING);
        error.set("");
        summary.set("");
        progress.set(-1);
        running = runner.run("import", p -> {
            boolean existed = java.nio.file.Files.exists(target);
            // Another import into the same cache (this app's, or a scheduled import): wait for it, visibly, with Cancel working.
            Runnable sayWaiting = () -> p.message(i18n.get("import.waiting"));
            Cache cache = intoNewCache ? Cache.open(target, new org.mailflow.cache.CacheLock.Waiting(sayWaiting, p::isCancelled, null))
                    : current.cache();
            try {
                if (intoNewCache && cache.isDemo()) {
                    throw new org.mailflow.cache.CacheException(org.mailflow.cache.CacheException.Reason.IO, target,
                            org.mailflow.model.UserText.of("import.targetIsDemo", target.toString()));
                }
                ImportSummary s = new ImportJob(cache, options).run(list, new org.mailflow.ingest.ImportProgress() {
                    @Override
                    public void update(Path file, long done, long total) {
                        p.update(done, total);
                        p.message(i18n.format("import.progressFile", i18n.percent(total <= 0 ? 0 : (double) done / total),
                                Bytes.human(done), Bytes.human(total), file.getFileName()));
                    }

                    @Override
                    public void waiting() {
                        sayWaiting.run();
                    }

                    @Override
                    public void checking() {
                        p.message(i18n.get("import.checking"));
                    }
                }, p::isCancelled);
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
            into.importEnded(running);
            running = null;
            progress.unbind();
            progressText.unbind();
            progressText.set("");
            error.set(ErrorMessages.of(e, i18n));
            state.set(State.FAILED);
        });
        if (running != null) {
            into.importStarted(running);
            progress.bind(running.progressProperty());
            progressText.bind(running.messageProperty());
        }
    }

    private record Outcome(ImportSummary summary, CacheSession newSession) {
    }

    private void finished(Outcome o) {
        into.importEnded(running);
        running = null;
        progress.unbind();
        progressText.unbind();
        progressText.set("");
        progress.set(1);
        summary.set(describe(o.summary()));
        state.set(State.DONE);
        if (o.newSession() != null) {
            into.switchTo(o.newSession());
            summary.set(summary.get() + "\n" + i18n.format("import.switched", o.newSession().file()));
        } else {
            into.dataImported();
        }
    }

    /** Asks the running import to stop; it rolls back and the dialog shows that nothing changed. */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    /** The import's summary in the app's language, files by name (built by {@link ImportSummary#text}, as the command line's). */
    private String describe(ImportSummary s) {
        return i18n.text(s.text(true)).stripTrailing();
    }

    /**
     * The year typed in the dialog: empty (the year comes from each file's date), or 1970-2100;
     * null when the text is neither.
     */
    static OptionalInt parseYear(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return OptionalInt.empty();
        }
        if (!t.matches("\\d{4}")) {
            return null;
        }
        int y = Integer.parseInt(t);
        return y >= 1970 && y <= 2100 ? OptionalInt.of(y) : null;
    }

    public javafx.beans.property.StringProperty yearProperty() {
        return year;
    }

    public ReadOnlyBooleanProperty yearValidProperty() {
        return yearValid.getReadOnlyProperty();
    }

    /** "mail.log.1 read: 12.3 MB of 250 MB" while running; empty otherwise. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
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
