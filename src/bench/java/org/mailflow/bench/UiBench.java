package org.mailflow.bench;

import atlantafx.base.theme.PrimerLight;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.mailflow.app.AppContext;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.FxTaskRunner;
import org.mailflow.ui.I18n;
import org.mailflow.app.MailflowApp;
import org.mailflow.app.MainWindowViewModel;
import org.mailflow.ui.Page;
import org.mailflow.ui.Settings;
import org.mailflow.ui.View;
import org.mailflow.app.dashboard.DashboardViewModel;
import org.mailflow.bulk.SimulationParams;
import org.mailflow.bulk.SimulationResult;
import org.mailflow.bulk.ui.BulkInsightsViewModel;
import org.mailflow.model.Bytes;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.ui.SmtpAuthViewModel;

/**
 * {@code bench ui}: the real main window (built as {@link MailflowApp#start} builds it: the app's
 * {@link AppContext}, the {@code MAIN_WINDOW} view, the app's theme and stylesheet, 1360 × 860, the
 * cache opened by {@link MainWindowViewModel#start}) driven through its own controls, timing each
 * step until its data is <em>drawn</em>.
 *
 * <p>"Drawn" means: the step's data has reached the page's view model and controls (the property the
 * controller listens to holds the new result), a pulse has then run CSS and layout over it (a
 * post-layout pulse listener of the scene sees the data), and the renderer has finished painting that
 * pulse's frame (a job queued on the render thread behind the frame's paint job has run). Each figure
 * is split into <em>data</em> (action → result applied on the FX thread), <em>laid out</em> and
 * <em>painted</em>, so a missed target shows where the time goes. Steps run one after another: the
 * next action starts when the previous frame is painted, as a user who looks at the result.
 *
 * <p>The settings are in memory (the user's settings file is neither read nor written) and the
 * language is English. Only the render-thread job uses JavaFX internals ({@code com.sun.javafx.tk}):
 * public API has no "frame painted" event.
 */
final class UiBench {
    private static final double WIDTH = 1360;
    private static final double HEIGHT = 860;

    /** What {@code bench ui} was asked for. */
    record Options(Path cache, int moves, int changes) {
    }

    /** One timed step: from the action to its data applied, laid out and painted (ms). */
    record Step(double data, double laidOut, double painted) {
    }

    private final Options options;
    private final PrintWriter out;
    private Stage stage;
    private Scene scene;
    private AppContext context;
    private FxTaskRunner runner;
    /** The step being waited for (FX thread only), checked by the scene's post-layout pulse listener. */
    private Waiter waiter;

    UiBench(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    /** The toolkit must be running. Opens the window, runs every step and closes the window again. */
    void run() throws Exception {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        out.println("Cache: " + options.cache() + " (" + Bytes.human(Files.size(options.cache())) + ")");
        out.printf(Locale.ROOT, "Machine: %d cores, Java %s, JavaFX %s, max heap %d MB, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("javafx.runtime.version", "?"), Runtime.getRuntime().maxMemory() >> 20,
                "Monocle".equalsIgnoreCase(System.getProperty("glass.platform"))
                        ? "Monocle headless, prism " + System.getProperty("prism.order", "default")
                        : "display " + System.getenv("DISPLAY") + ", prism " + System.getProperty("prism.order", "default"));
        out.flush();
        try {
            // Start: the window as the app opens it, then the Dashboard's cards and its unusual-activity count.
            Step dashboard = measure(this::openWindow, () -> dashboardCards(), 600);
            Step unusual = measure(() -> { }, this::dashboardUnusual, 600);
            out.printf(Locale.ROOT, "Start -> Dashboard drawn: cards %.0f ms, unusual-activity count %.0f ms later (loads the last 7 days' SMTP "
                    + "AUTH submissions with their flags' history and locates their client IPs; the SMTP AUTH page then reuses them)%n", dashboard.painted(), unusual.painted());
            out.flush();

            // Bulk sender insights: the 60-day window from the cache, then the first simulation.
            long[] at = new long[3];
            Step bulkPage = measure(() -> {
                at[0] = System.nanoTime();
                fire("#navBulk");
                // The window's label is set first thing when the loaded window reaches the FX thread;
                // loading ends once its sender rows are built, before the first simulation.
                bulk().windowLabelProperty().addListener((obs, was, now) -> {
                    if (at[1] == 0) {
                        at[1] = System.nanoTime();
                    }
                });
                bulk().loadingProperty().addListener((obs, was, now) -> {
                    if (!now && at[2] == 0) {
                        at[2] = System.nanoTime();
                    }
                });
            }, () -> bulk().resultProperty().get() != null && !bulk().loadingProperty().get(), () -> bulk().resultProperty(), 600);
            printPage("Bulk sender insights", bulkPage);
            out.printf(Locale.ROOT, "  of which: the 60-day window loaded from the cache (on the FX thread) %.0f ms, its %,d sender rows "
                    + "built %.0f ms%n", ms(at[1] - at[0]), fx(() -> bulk().totalProperty().get()), ms(at[2] - at[0]));

            Step smtpPage = measure(() -> fire("#navSmtpAuth"), () -> smtp().reportProperty().get() != null,
                    () -> smtp().reportProperty(), 600);
            printPage("SMTP AUTH, Sending volume", smtpPage);
            for (String[] pivot : new String[][] {{"#tlsPivot", "TLS usage"}, {"#authPivot", "Authentication"},
                {"#ipsPivot", "Client IPs"}}) {
                printPage("SMTP AUTH, " + pivot[1], measure(() -> fire(pivot[0]), () -> true, 60));
            }
            fx(() -> fire("#volumePivot"));

            System.gc();
            long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

            // Slider moves on Bulk sender insights.
            measure(() -> fire("#navBulk"), () -> bulk().resultProperty().get() != null, 60);
            List<Step> moves = sliderMoves();
            summarize("Slider move -> BCL chart, BCL table and sender table redrawn", moves,
                    String.format(Locale.ROOT, "%d moves, new threshold and quality sliders alternately, %,d senders in the table",
                            moves.size(), bulk().totalProperty().get()), 50);

            // Filter changes on the SMTP AUTH report.
            measure(() -> fire("#navSmtpAuth"), () -> smtp().reportProperty().get() != null, 60);
            int domains = fx(() -> smtp().domains().size() - 1);
            List<Step> changes = filterChanges();
            summarize("Filter change -> SMTP AUTH chart, totals and table redrawn", changes,
                    String.format(Locale.ROOT, "%d changes: quick picks 30/90/7 days and each of %d sender domains over 90 days, "
                            + "Sending volume pivot", changes.size(), domains), 200);
            Bench.printPeakHeap(out, retained);
        } finally {
            close();
        }
    }

    // ---- the window -------------------------------------------------------------------------------

    /** What {@link MailflowApp#start} does, with settings in memory and the bench's cache (FX thread). */
    private void openWindow() {
        Path downloads;
        try {
            downloads = Files.createTempDirectory("mailflow-bench-ui-");
            downloads.toFile().deleteOnExit();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        runner = FxTaskRunner.withDaemonThreads();
        context = new AppContext(Settings.inMemory(), new I18n(Locale.ENGLISH), runner, () -> downloads);
        MainWindowViewModel model = context.mainWindow();
        model.pageProperty().set(Page.DASHBOARD);
        scene = new Scene(context.load(View.MAIN_WINDOW), WIDTH, HEIGHT);
        scene.getStylesheets().add(MailflowApp.class.getResource(MailflowApp.STYLESHEET).toExternalForm());
        scene.addPostLayoutPulseListener(this::afterLayout);
        stage = new Stage();
        stage.setScene(scene);
        stage.titleProperty().bind(model.titleProperty());
        stage.show();
        model.start(options.cache());
    }

    private boolean dashboardCards() {
        CacheSession s = context.session();
        if (s == null) {
            return false;
        }
        if (!s.file().toAbsolutePath().equals(options.cache().toAbsolutePath())) {
            throw new IllegalStateException("the app opened " + s.file() + ", not " + options.cache()
                    + Optional.ofNullable(context.mainWindow().problemProperty().get()).map(p -> ": " + p).orElse(""));
        }
        DashboardViewModel d = context.dashboard();
        return !d.loadingProperty().get() && (!d.bulkMessagesProperty().get().isEmpty() || !d.hasBulkDataProperty().get());
    }

    private boolean dashboardUnusual() {
        DashboardViewModel d = context.dashboard();
        String pending = context.i18n().get("dashboard.smtp.unusualPending");
        return !d.hasSmtpDataProperty().get() || !d.smtpUnusualProperty().get().isEmpty() && !d.smtpUnusualProperty().get().equals(pending);
    }

    private BulkInsightsViewModel bulk() {
        return context.bulk();
    }

    private SmtpAuthViewModel smtp() {
        return context.smtpAuth();
    }

    /** Clicks a button or toggle of the window (the pages' controls are looked up by their fx:id). */
    private void fire(String id) {
        node(id, ButtonBase.class).fire();
    }

    private <T extends Node> T node(String id, Class<T> type) {
        Node n = scene.lookup(id);
        if (n == null) {
            throw new IllegalStateException("no " + id + " in the window");
        }
        return type.cast(n);
    }

    private void close() throws Exception {
        if (stage == null) {
            return;
        }
        fx(() -> {
            stage.close();
            return null;
        });
        CacheSession s = context.session();
        if (s != null) {
            s.close();
        }
        runner.shutdown();
    }

    // ---- the steps --------------------------------------------------------------------------------

    private List<Step> sliderMoves() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        int warmup = Math.max(1, options.moves() / 10);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < warmup + options.moves(); i++) {
            boolean threshold = i % 2 == 0;
            Slider slider = fx(() -> node(threshold ? "#newSlider" : "#qualitySlider", Slider.class));
            int now = fx(() -> threshold ? bulk().newThresholdProperty().get() : bulk().qualityProperty().get());
            int to = now;
            while (to == now) {
                to = threshold ? 1 + rnd.nextInt(9) : rnd.nextInt(101);
            }
            int target = to;
            Step s = measure(() -> slider.setValue(target), () -> {
                SimulationResult r = bulk().resultProperty().get();
                SimulationParams p = r == null ? null : r.params();
                return p != null && (threshold ? p.newThreshold() : p.quality()) == target;
            }, () -> bulk().resultProperty(), 60);
            if (i >= warmup) {
                steps.add(s);
            }
        }
        return steps;
    }

    private List<Step> filterChanges() throws Exception {
        List<String> domains = fx(() -> List.copyOf(smtp().domains()));
        List<Runnable> cycle = new ArrayList<>();
        cycle.add(() -> fire("#quickPick30"));
        cycle.add(() -> fire("#quickPick90"));
        for (String d : domains.subList(1, domains.size())) {
            cycle.add(() -> comboValue(d));
        }
        cycle.add(() -> comboValue(""));
        cycle.add(() -> fire("#quickPick7"));
        int warmup = Math.max(1, Math.min(cycle.size(), options.changes() / 10));
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < warmup + options.changes(); i++) {
            Runnable action = cycle.get(i % cycle.size());
            ReportData[] before = new ReportData[1];
            Step s = measure(() -> {
                before[0] = smtp().reportProperty().get();
                action.run();
            }, () -> {
                ReportData r = smtp().reportProperty().get();
                return r != before[0] && smtp().currentFilter().map(f -> f.equals(r.filter())).orElse(false);
            }, () -> smtp().reportProperty(), 60);
            if (i >= warmup) {
                steps.add(s);
            }
        }
        return steps;
    }

    @SuppressWarnings("unchecked")
    private void comboValue(String domain) {
        ((ComboBox<String>) node("#domainCombo", ComboBox.class)).setValue(domain);
    }

    // ---- timing -----------------------------------------------------------------------------------

    /** A step in progress: when it started, when its data arrived, and what it waits for. */
    private static final class Waiter {
        final long start;
        final BooleanSupplier ready;
        final CompletableFuture<Step> done = new CompletableFuture<>();
        long dataAt;
        boolean laidOut;

        Waiter(long start, BooleanSupplier ready) {
            this.start = start;
            this.ready = ready;
        }
    }

    private Step measure(Runnable action, BooleanSupplier ready, long timeoutSeconds) throws Exception {
        return measure(action, ready, null, timeoutSeconds);
    }

    /**
     * Runs {@code action} on the FX thread and waits until {@code ready} holds at a pulse's end of
     * layout and that pulse's frame is painted. {@code dataSource}, when given, names the property whose
     * change brings the step's data (asked on the FX thread before the action): its last change before
     * that pulse is the "data" time, which thus includes the page's own listeners updating its controls
     * (they were registered first); without it, "data" is the end of the action.
     */
    private Step measure(Runnable action, BooleanSupplier ready, Supplier<ObservableValue<?>> dataSource, long timeoutSeconds)
            throws Exception {
        CompletableFuture<Step> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            Waiter w = new Waiter(System.nanoTime(), ready);
            w.done.whenComplete((s, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(s);
                }
            });
            waiter = w;
            ObservableValue<?> data;
            try {
                action.run();
                // After the action: a page's view model exists once the page is shown. Its data comes
                // later, in a runLater from a worker, so the listener is in place before it arrives.
                data = dataSource == null ? null : dataSource.get();
            } catch (Throwable e) {
                waiter = null;
                w.done.completeExceptionally(e);
                return;
            }
            if (data == null) {
                w.dataAt = System.nanoTime(); // the action itself applied what is drawn
            } else {
                javafx.beans.value.ChangeListener<Object> onData = (obs, old, now) -> w.dataAt = System.nanoTime();
                data.addListener(onData);
                w.done.whenComplete((s, e) -> Platform.runLater(() -> data.removeListener(onData)));
            }
            Platform.requestNextPulse();
        });
        try {
            return result.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            Platform.runLater(() -> waiter = null);
            throw new IllegalStateException("the window did not draw the data within " + timeoutSeconds + " s", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** The scene's post-layout pulse listener: the first pulse whose layout shows the data ends the step's layout. */
    private void afterLayout() {
        Waiter w = waiter;
        if (w == null || w.laidOut) {
            return;
        }
        boolean ready;
        try {
            ready = w.ready.getAsBoolean();
        } catch (Throwable e) {
            waiter = null;
            w.done.completeExceptionally(e);
            return;
        }
        if (!ready) {
            Platform.requestNextPulse(); // the data comes in a runLater that need not dirty the scene
            return;
        }
        long laidOut = System.nanoTime();
        w.laidOut = true;
        waiter = null;
        long data = w.dataAt != 0 ? w.dataAt : laidOut;
        // This pulse queues the frame's paint job on the render thread after its listeners; a job queued
        // from a later event runs after that paint job, on the same single render thread.
        Platform.runLater(() -> com.sun.javafx.tk.Toolkit.getToolkit().addRenderJob(new com.sun.javafx.tk.RenderJob(() -> {
            long painted = System.nanoTime();
            w.done.complete(new Step(ms(data - w.start), ms(laidOut - w.start), ms(painted - w.start)));
        })));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Runs {@code work} on the FX thread and returns its value. */
    private static <T> T fx(Supplier<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private void fx(Runnable work) throws Exception {
        fx(() -> {
            work.run();
            return null;
        });
    }

    // ---- printing ---------------------------------------------------------------------------------

    private void printPage(String page, Step s) {
        out.printf(Locale.ROOT, "Choose page -> data drawn, %s: %.0f ms (data %.0f ms, laid out %.0f ms, painted %.0f ms)  "
                + "[target <= 2000 ms]%n", page, s.painted(), s.data(), s.laidOut(), s.painted());
        out.flush();
    }

    private void summarize(String what, List<Step> steps, String detail, int target) {
        double[] painted = steps.stream().mapToDouble(Step::painted).sorted().toArray();
        double[] data = steps.stream().mapToDouble(Step::data).sorted().toArray();
        double[] laidOut = steps.stream().mapToDouble(Step::laidOut).sorted().toArray();
        out.printf(Locale.ROOT, "%s (%s): median %.1f ms, p99 %.1f ms, max %.1f ms (median data %.1f ms, laid out %.1f ms)  "
                        + "[target median <= %d ms]%n", what, detail, Bench.Bulk.percentile(painted, 50), Bench.Bulk.percentile(painted, 99),
                painted[painted.length - 1], Bench.Bulk.percentile(data, 50), Bench.Bulk.percentile(laidOut, 50), target);
        out.flush();
    }
}
