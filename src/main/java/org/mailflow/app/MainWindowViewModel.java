package org.mailflow.app;

import org.mailflow.ui.LongOperations;

import org.mailflow.ui.TaskRunner;

import org.mailflow.ui.Page;

import org.mailflow.ui.I18n;

import org.mailflow.ui.ErrorMessages;

import org.mailflow.ui.DateConverters;

import org.mailflow.ui.CacheSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.mailflow.bulk.Policy;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheException;
import org.mailflow.cache.CacheLocations;
import org.mailflow.demo.DemoGenerator;
import org.mailflow.model.DayWindow;

/**
 * The main window's state: which cache is open (and opening one in the background), the title, the
 * status bar and the recent caches. Which cache opens at start: the one named by {@code --cache} or
 * {@code $MAILFLOW_CACHE}, else the last one used, else {@code ~/.mailflow-insights/cache.db} if it
 * exists, else the demo cache {@code demo.db} beside it, generated on first use.
 */
public final class MainWindowViewModel {
    private final AppContext context;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Mailflow Insights");
    private final ReadOnlyBooleanWrapper opening = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper openingMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper cacheText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rangeText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper countsText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<String> problem = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Path> recentCaches = FXCollections.observableArrayList();
    private final javafx.beans.property.ObjectProperty<Page> page = new javafx.beans.property.SimpleObjectProperty<>(Page.DASHBOARD);

    MainWindowViewModel(AppContext context) {
        this.context = context;
        recentCaches.setAll(context.settings().recentCaches());
        context.sessionProperty().addListener((obs, old, s) -> sessionOpened(s));
        sessionOpened(context.session());
    }

    private void sessionOpened(CacheSession s) {
        updateTitle();
        if (s != null) {
            s.dataVersionProperty().addListener((o, a, b) -> refreshStatus());
            refreshStatus();
            refreshPolicies();
            context.runner().run("watch cache", p -> {
                s.watchForeignImports(() -> context.runner().run("other program imported", q -> null,
                        v -> otherProgramImported(s), e -> { }));
                return null;
            }, v -> { }, e -> { }); // without the watch the pages still reload after this app's own imports
        }
    }

    /**
     * Another program (a scheduled {@code import}, another window) committed to the open cache: the
     * pages reload as after an import of this app's own, and a notification says why (FX thread).
     */
    void otherProgramImported(CacheSession s) {
        if (context.session() != s) {
            return;
        }
        s.dataChanged();
        refreshPolicies();
        context.notifier().info(context.i18n().get("main.externalImport.title"),
                context.i18n().format("main.externalImport.text", s.file().getFileName()));
    }

    /** The result of opening a cache in the background: the session, and problems met on the way. */
    private record Opened(CacheSession session, List<String> problems) {
    }

    /** Opens the start-up cache; see the class comment for which one. */
    public void start(Path explicit) {
        CacheLocations locations = CacheLocations.system();
        Path requested = locations.isDefault(explicit) ? null : locations.resolve(explicit);
        Optional<Path> last = context.settings().lastCache();
        begin(context.i18n().get("main.opening"));
        context.runner().run("open cache", p -> {
            List<String> problems = new ArrayList<>();
            List<Path> tries = new ArrayList<>();
            if (requested != null) {
                tries.add(requested);
            }
            last.filter(Files::isRegularFile).ifPresent(tries::add);
            if (Files.isRegularFile(CacheLocations.defaultCache())) {
                tries.add(CacheLocations.defaultCache());
            }
            for (Path candidate : tries) {
                try {
                    return new Opened(open(candidate, false), problems);
                } catch (CacheException e) {
                    problems.add(ErrorMessages.of(e, context.i18n()));
                }
            }
            return new Opened(open(CacheLocations.demoCache(), true), problems);
        }, opened -> {
            finish(opened.session());
            if (!opened.problems().isEmpty()) {
                problem.set(String.join("\n\n", opened.problems()));
            }
        }, this::failed);
    }

    /** Opens another cache (File ▸ Open cache…, Recent caches). */
    public void openCache(Path file) {
        begin(context.i18n().format("main.openingFile", file.getFileName()));
        context.runner().run("open cache", p -> open(file, false), this::finish, this::failed);
    }

    /** Creates a new, empty cache, or opens {@code file} if it is a Mailflow cache already. */
    public void newCache(Path file) {
        openCache(file);
    }

    /** Opens (creating when missing) and reads what the session needs; runs on a worker. */
    static CacheSession open(Path file, boolean demoIfNew) throws CacheException, DemoGenerator.DemoRefusedException {
        Cache cache = Cache.open(file);
        try {
            boolean demo = cache.isDemo();
            boolean empty = !demo && new org.mailflow.cache.BulkStore(cache).latestDay().isEmpty();
            // A demo cache written before the SMTP AUTH demo existed, or by an older story, is generated again, whole.
            boolean outdatedDemo = demo && (new org.mailflow.cache.SmtpStore(cache).latestDay().isEmpty()
                    || !DemoGenerator.current(cache.meta(org.mailflow.cache.Cache.META_DEMO).orElse(null)));
            if (demoIfNew && (empty || outdatedDemo)) {
                new DemoGenerator(42, DemoGenerator.Scale.SMALL).fill(cache);
                demo = true;
            }
            return new CacheSession(cache, demo);
        } catch (CacheException | DemoGenerator.DemoRefusedException | RuntimeException e) {
            cache.close();
            throw e;
        }
    }

    private void begin(String message) {
        opening.set(true);
        openingMessage.set(message);
    }

    /** Makes {@code s} the open session (FX thread), closing the previous one. */
    public void finish(CacheSession s) {
        CacheSession old = context.session();
        context.sessionProperty().set(s);
        opening.set(false);
        context.settings().rememberCache(s.file());
        context.saveSettings();
        recentCaches.setAll(context.settings().recentCaches());
        if (old != null && old != s) {
            Runnable close = old::close;
            context.runner().run("close cache", p -> {
                close.run();
                return null;
            }, v -> { }, e -> { });
        }
    }

    private void failed(Throwable e) {
        opening.set(false);
        problem(e);
    }

    /** Tells the user, unless the runner already showed it as an unexpected error. */
    private void problem(Throwable e) {
        if (ErrorMessages.isExpected(e) || !context.runner().showsUnexpectedErrors()) {
            problem.set(ErrorMessages.of(e, context.i18n()));
        }
    }

    /** Tells the user the message was seen. */
    public void clearProblem() {
        problem.set(null);
    }

    public void updateTitle() {
        CacheSession s = context.session();
        if (s == null) {
            title.set("Mailflow Insights");
            return;
        }
        String t = "Mailflow Insights \u2014 " + s.file().getFileName();
        if (s.isDemo()) {
            t += " \u2014 " + context.i18n().get("main.demoData");
        }
        title.set(t);
    }

    /** Re-reads the status bar's figures from the cache. */
    public void refreshStatus() {
        CacheSession s = context.session();
        if (s == null) {
            return;
        }
        I18n i18n = context.i18n();
        cacheText.set(s.file().toString());
        context.runner().run("status", p -> new Object[] {s.bulk().dataRange(), s.bulk().totalMessages(), s.smtp().dataRange(),
            s.smtp().totalSubmissions()}, r -> {
                if (context.session() != s) {
                    return;
                }
                @SuppressWarnings("unchecked")
                Optional<DayWindow> bulkRange = (Optional<DayWindow>) r[0];
                @SuppressWarnings("unchecked")
                Optional<DayWindow> smtpRange = (Optional<DayWindow>) r[2];
                Optional<DayWindow> range = union(bulkRange, smtpRange);
                rangeText.set(range.map(w -> i18n.format("status.range", w.label(i18n.locale())))
                        .orElse(i18n.get("status.noData")));
                countsText.set(i18n.format("status.counts", i18n.number((Long) r[3]), i18n.number((Long) r[1])));
            }, e -> rangeText.set(ErrorMessages.of(e, i18n)));
    }

    private static Optional<DayWindow> union(Optional<DayWindow> a, Optional<DayWindow> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isPresent() ? a : b;
        }
        java.time.LocalDate first = a.get().first().isBefore(b.get().first()) ? a.get().first() : b.get().first();
        java.time.LocalDate last = a.get().last().isAfter(b.get().last()) ? a.get().last() : b.get().last();
        return Optional.of(new DayWindow(first, last));
    }

    /** What File ▸ Prune… would delete before a day. */
    public record Prunable(long submissions, long authFailures, long bulkMessages) {
        public boolean isEmpty() {
            return submissions == 0 && authFailures == 0 && bulkMessages == 0;
        }
    }

    /** Counts in the background what pruning before {@code before} would delete. */
    public void countPrunable(java.time.LocalDate before, java.util.function.Consumer<Prunable> onCounts) {
        CacheSession s = context.session();
        if (s == null || before == null) {
            return;
        }
        context.runner().run("count prunable", p -> {
            org.mailflow.cache.SmtpStore.PruneCounts smtp = s.smtp().pruneCounts(before);
            return new Prunable(smtp.submissions(), smtp.authFailures(), s.bulk().messagesBefore(before));
        }, onCounts, this::problem);
    }

    /**
     * Deletes every submission, failure, bulk message and feedback event before {@code before}, in one
     * transaction, in the background: the status bar shows its progress (one step per table) with
     * Cancel, and a notification says when it is done. Cancel rolls the transaction back, so the cache
     * is left as it was, and the notification says so.
     */
    public void prune(java.time.LocalDate before) {
        CacheSession s = context.session();
        if (s == null) {
            return;
        }
        I18n i18n = context.i18n();
        boolean[] ended = {false};
        LongOperations.Running[] shown = {null};
        Runnable end = () -> {
            ended[0] = true;
            if (shown[0] != null) {
                context.operations().finished(shown[0]);
            }
        };
        String day = before.format(DateConverters.formatter(i18n));
        TaskRunner.Handle handle = context.runner().run("prune", p -> s.cache().write(c -> {
            org.mailflow.cache.Pruning.prune(c, before, new org.mailflow.cache.Pruning.Steps() {
                @Override
                public void step(int done, int total) {
                    p.update(done, total);
                }

                @Override
                public boolean cancelled() {
                    return p.isCancelled();
                }
            });
            return null;
        }), v -> {
            end.run();
            if (context.session() == s) {
                s.dataChanged();
                refreshStatus();
                context.notifier().info(i18n.get("prune.title"), i18n.format("prune.done", day));
            }
        }, e -> {
            end.run();
            if (e instanceof java.util.concurrent.CancellationException) {
                context.notifier().info(i18n.get("prune.title"), i18n.format("prune.cancelled", day));
            } else {
                problem(e);
            }
        });
        if (!ended[0]) {
            shown[0] = context.operations().started(i18n.format("prune.running", day), handle);
        }
    }

    /** The folder Open cache… and New cache… start in: the app's own folder, where its caches are. */
    public java.nio.file.Path cacheFolder() {
        return CacheLocations.appHome();
    }

    /** Re-reads the policies every page shares. */
    public void refreshPolicies() {
        CacheSession s = context.session();
        if (s == null) {
            return;
        }
        context.runner().run("policies", p -> s.policies().all(), (List<Policy> all) -> {
            if (context.session() == s) {
                s.setPolicies(all);
            }
        }, this::problem);
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty openingProperty() {
        return opening.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty openingMessageProperty() {
        return openingMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty cacheTextProperty() {
        return cacheText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rangeTextProperty() {
        return rangeText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countsTextProperty() {
        return countsText.getReadOnlyProperty();
    }

    /** A message the window shows in a dialog, then clears. */
    public ReadOnlyObjectProperty<String> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ObservableList<Path> recentCaches() {
        return recentCaches;
    }

    /** The page shown; survives a language switch, which rebuilds the window. */
    public javafx.beans.property.ObjectProperty<Page> pageProperty() {
        return page;
    }
}
