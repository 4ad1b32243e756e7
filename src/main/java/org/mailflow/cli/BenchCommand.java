package org.mailflow.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.mailflow.bulk.BclTable;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.bulk.BulkSimulation;
import org.mailflow.bulk.SenderFlag;
import org.mailflow.bulk.SenderQuery;
import org.mailflow.bulk.SimulationParams;
import org.mailflow.bulk.SimulationResult;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.Cache;
import org.mailflow.demo.DemoGenerator;
import org.mailflow.model.DayWindow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bench bulk}: the speed and memory figures of the Bulk sender insights page. */
@Command(name = "bench", description = "Benchmarks that print the figures the README quotes.",
        subcommands = {BenchCommand.Bulk.class}, synopsisSubcommandLabel = "bulk")
final class BenchCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @ParentCommand
    MailflowCommand root;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing benchmark: bulk");
    }

    @Command(name = "bulk", description = {
        "Times the Bulk sender insights page on the cache: loading a 60-day window, and one simulation update",
        "(BCL table, totals, flags of every sender, filter counts) over many slider positions; prints peak heap.",
        "A cache without bulk data is first filled with 'demo --scale large' (seed 42)."})
    static final class Bulk implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--updates", paramLabel = "N", defaultValue = "2000", description = "Timed simulation updates (default: ${DEFAULT-VALUE}).")
        int updates;

        @Option(names = "--loads", paramLabel = "N", defaultValue = "5", description = "Timed loads of the window (default: ${DEFAULT-VALUE}).")
        int loads;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            try (Cache cache = bench.root.openCache()) {
                BulkStore store = new BulkStore(cache);
                Optional<java.time.LocalDate> latest = store.latestDay();
                if (latest.isEmpty()) {
                    out.println("No bulk data in " + cache.file() + ": generating demo --scale large --seed 42 …");
                    out.flush();
                    long t = System.nanoTime();
                    DemoGenerator.Result r = new DemoGenerator(42, DemoGenerator.Scale.LARGE).fill(cache);
                    out.printf(Locale.ROOT, "  generated %,d senders and %,d bulk messages in %.1f s%n", r.senders(), r.messages(),
                            (System.nanoTime() - t) / 1e9);
                    latest = store.latestDay();
                }
                DayWindow window = DayWindow.endingOn(latest.orElseThrow(), 60);
                out.println("Cache: " + cache.file());
                out.println("Window: " + window.label(Locale.ENGLISH) + " (60 days)");
                out.printf(Locale.ROOT, "Machine: %d cores, Java %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);

                double[] loadMs = new double[loads];
                BulkDataset data = null;
                for (int i = 0; i < loads; i++) {
                    data = null;
                    long t = System.nanoTime();
                    data = store.load(window);
                    loadMs[i] = (System.nanoTime() - t) / 1e6;
                }
                System.gc();
                long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                long messages = Arrays.stream(data.bclTotals()).sum();
                out.printf(Locale.ROOT, "Data: %,d senders (%,d in the sender table), %,d bulk messages in the window%n",
                        data.size(), data.tableSize(), messages);
                out.printf(Locale.ROOT, "Load page data from the cache: median %.0f ms (runs: %s)  [target <= 2000 ms]%n",
                        median(loadMs), joined(loadMs));

                SplittableRandom rnd = new SplittableRandom(7);
                int warmup = Math.max(200, updates / 5);
                long sink = 0;
                double[] updateMs = new double[updates];
                for (int i = 0; i < warmup + updates; i++) {
                    int c = 1 + rnd.nextInt(9);
                    SimulationParams p = new SimulationParams(c, 1 + rnd.nextInt(9), rnd.nextInt(101));
                    long t = System.nanoTime();
                    sink += update(data, p);
                    double ms = (System.nanoTime() - t) / 1e6;
                    if (i >= warmup) {
                        updateMs[i - warmup] = ms;
                    }
                }
                Arrays.sort(updateMs);
                out.printf(Locale.ROOT, "Simulation update (BCL table + totals + flags for %,d senders + filter counts): "
                                + "median %.2f ms, p99 %.2f ms over %d updates  [target median <= 16 ms]%n",
                        data.tableSize(), percentile(updateMs, 50), percentile(updateMs, 99), updates);
                long peak = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        peak += pool.getPeakUsage().getUsed();
                    }
                }
                out.printf(Locale.ROOT, "Peak heap: %d MB  [target <= 1024 MB]; heap in use with the page's data loaded: %d MB%n",
                        peak >> 20, retained >> 20);
                if (sink == 42) {
                    out.println();
                }
                return ExitCodes.OK;
            }
        }

        /** One slider move: everything the page redraws. Returns a value so the work is not optimised away. */
        private static long update(BulkDataset data, SimulationParams p) {
            SimulationResult r = BulkSimulation.run(data, p);
            BclTable t = r.table();
            long v = t.totalDeliveredAtCurrent() + t.totalIdentifiedAtCurrent() + t.totalDeliveredAtNew()
                    + t.totalIdentifiedAtNew() + t.deliveredDifference() + t.identifiedDifference();
            for (int b = BclTable.MIN_BCL; b <= BclTable.MAX_BCL; b++) {
                v += t.deliveredAtNew(b) + t.identifiedAtNew(b);
            }
            for (SenderFlag f : p.relation().columns()) {
                v += r.count(f);
            }
            // The shown-rows count of the filter drop-down's first entry, as the page's "N of M senders".
            SenderQuery q = new SenderQuery(Optional.of(p.relation().columns().get(0)), "");
            int shown = 0;
            for (int k = 0; k < data.tableSize(); k++) {
                if (q.matches(r, data.tableSender(k))) {
                    shown++;
                }
            }
            return v + shown;
        }

        static double median(double[] values) {
            double[] s = values.clone();
            Arrays.sort(s);
            return percentile(s, 50);
        }

        static double percentile(double[] sorted, int p) {
            int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
        }

        private static String joined(double[] ms) {
            StringBuilder sb = new StringBuilder();
            for (double m : ms) {
                if (!sb.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(String.format(Locale.ROOT, "%.0f", m));
            }
            return sb.toString();
        }
    }
}
