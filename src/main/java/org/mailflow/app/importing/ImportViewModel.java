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

    private final AppContext context;
    private final I18n i18n;
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

    public ImportViewModel(AppContext context) {
        this.context = context;
        this.i18n = context.i18n();
        CacheSession s = context.session();
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
        CacheSession current = context.session();
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
        running = context.runner().run("import", p -> {
            boolean existed = java.nio.file.Files.exists(target);
            // Another import into the same cache (this app's, or a scheduled import): wait for it, visibly, with Cancel working.
            Runnable sayWaiting = () -> p.message(i18n.get("import.waiting"));
            Cache cache = intoNewCache ? Cache.open(target, new org.mailflow.cache.CacheLock.Waiting(sayWaiting, p::isCancelled, null))
                    : current.cache();
            try {
                if (intoNewCache && cache.isDemo()) {
                    throw new org.mailflow.cache.CacheException(org.mailflow.cache.CacheException.Reason.IO, target,
                            target + " holds demo data too. Create a cache for your data with File ▸ New cache… and import again.");
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
            context.importEnded(running);
            running = null;
            progress.unbind();
            progressText.unbind();
            progressText.set("");
            error.set(ErrorMessages.of(e, i18n));
            state.set(State.FAILED);
        });
        if (running != null) {
            context.importStarted(running);
            progress.bind(running.progressProperty());
            progressText.bind(running.messageProperty());
        }
    }

    private record Outcome(ImportSummary summary, CacheSession newSession) {
    }

    private void finished(Outcome o) {
        context.importEnded(running);
        running = null;
        progress.unbind();
        progressText.unbind();
        progressText.set("");
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
            if (f.status() == ImportSummary.Status.SKIPPED) {
                continue;
            }
            String name = f.file().getFileName().toString();
            ImportFormat.Kind kind = f.kind();
            boolean continued = f.status() == ImportSummary.Status.CONTINUED;
            if (f.status() == ImportSummary.Status.ALREADY_IMPORTED) {
                sb.append(i18n.format("import.result.already", name));
            } else if (kind == ImportFormat.Kind.LOG && f.submissions() == 0 && f.authFailures() == 0 && f.badRowCount() == 0) {
                sb.append(i18n.format("import.result.logNothing", name, f.passedOver()));
            } else if (kind == ImportFormat.Kind.LOG) {
                sb.append(i18n.format(continued ? "import.result.logContinued" : "import.result.log", name, f.submissions(),
                        f.authFailures(), f.format(), f.read(), f.passedOver(), f.firstNewLine()));
            } else if (kind == ImportFormat.Kind.MAILBOX) {
                sb.append(i18n.format(continued ? "import.result.mailboxContinued" : "import.result.mailbox", name, f.rows(),
                        f.format(), f.read(), f.passedOver(), f.firstNewLine()));
            } else if (f.messageExport()) {
                sb.append(i18n.format(continued ? "import.result.exportContinued" : "import.result.export", name, f.rows(),
                        f.format(), f.read(), f.passedOver(), f.alreadyImported(), f.firstNewLine()));
            } else if (continued) {
                sb.append(i18n.format("import.result.continued", name, f.rows(), f.firstNewLine(), formatOf(f)));
            } else {
                sb.append(i18n.format("import.result.imported", name, f.rows(), formatOf(f)));
            }
            sb.append('\n');
            if (f.alreadyImported() > 0 && !f.messageExport()) {
                sb.append(i18n.format("import.result.mailboxBefore", f.alreadyImported())).append('\n');
            }
            ImportSummary.MailboxCounts mailbox = f.mailbox();
            if (mailbox.datesSetAside() > 0) {
                sb.append(i18n.format("import.result.mailboxDates", mailbox.datesSetAside())).append('\n');
            }
            if (mailbox.allowedEvents() + mailbox.blockedEvents() > 0) {
                sb.append(i18n.format("import.result.mailboxFeedback", mailbox.allowedEvents(), mailbox.blockedEvents())).append('\n');
            }
            if (f.badRowCount() > 0) {
                String key = kind == ImportFormat.Kind.LOG ? "import.result.badLines"
                        : kind == ImportFormat.Kind.MAILBOX ? "import.result.badMessages" : "import.result.bad";
                sb.append("  ").append(i18n.format(key, f.badRowCount())).append('\n');
                for (ImportSummary.BadRow b : f.badRows()) {
                    sb.append("    ").append(i18n.format("import.result.badRow", b.line(), b.reason())).append('\n');
                }
                if (f.badRowCount() > f.badRows().size()) {
                    sb.append("    ").append(i18n.format("import.result.more", f.badRowCount() - f.badRows().size())).append('\n');
                }
            }
        }
        List<ImportSummary.FileResult> skipped = s.skipped();
        if (!skipped.isEmpty()) {
            sb.append(i18n.format("import.result.skipped", skipped.size())).append('\n');
            skipped.stream().limit(ImportSummary.EXAMPLES).forEach(f -> sb.append("    ")
                    .append(i18n.format("import.result.skippedFile", f.file().getFileName(), f.note())).append('\n'));
            if (skipped.size() > ImportSummary.EXAMPLES) {
                sb.append("    ").append(i18n.format("import.result.more", skipped.size() - ImportSummary.EXAMPLES)).append('\n');
            }
        }
        if (s.hasRealSources() || s.files().stream().anyMatch(ImportSummary.FileResult::messageExport)) {
            sb.append(i18n.format("import.result.totalReal", s.submissions(), s.authFailures(), s.bulkMessages(), s.rows(), s.badRows()));
        } else {
            sb.append(i18n.format("import.result.total", s.rows(), s.badRows()));
            if (s.submissions() > 0) {
                sb.append('\n').append(i18n.format("import.result.submissions", s.submissions()));
            }
        }
        if (s.versionMostlyUnknown()) {
            sb.append('\n').append(i18n.format("import.result.versionUnknown", s.logVersionUnknown(), s.logSubmissions()));
        }
        return sb.toString();
    }

    /** The format token, with the submissions an SMTP AUTH file's rows stand for ("smtp-auth, 12 submissions"). */
    private String formatOf(ImportSummary.FileResult f) {
        if (f.failures()) {
            return f.format() + ", " + i18n.format("import.result.fileFailures", f.authFailures());
        }
        return f.smtpAuth() ? f.format() + ", " + i18n.format("import.result.fileSubmissions", f.submissions()) : f.format();
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
