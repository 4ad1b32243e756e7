package org.mailflow.bench;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.mailflow.cache.CacheException;
import org.mailflow.cache.CacheLocations;
import org.mailflow.cli.DemoCommand;
import org.mailflow.cli.ExitCodes;
import org.mailflow.cache.SmtpStore;
import org.mailflow.geo.GeoLookup;
import org.mailflow.demo.DemoGenerator;
import org.mailflow.export.ExportFiles;
import org.mailflow.model.DayWindow;
import org.mailflow.model.UserText;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.ReportFilter;
import org.mailflow.smtpauth.SmtpDataset;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.smtpauth.SmtpReport;
import org.mailflow.model.Bytes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The benchmarks that print the figures the README and docs/PERFORMANCE.md quote: {@code bulk} (the Bulk
 * sender insights page), {@code smtp-auth} (the SMTP AUTH clients report) and {@code import} (importing
 * large logs and mailboxes). They are not part of the product: they live in the bench source set
 * ({@code src/bench/java}), are built into {@code target/bench/mailflow-insights-bench.jar} and run beside the
 * product jar:
 * <pre>java -cp target/mailflow-insights.jar:target/bench/mailflow-insights-bench.jar org.mailflow.bench.Bench import</pre>
 */
@Command(name = "bench", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        description = "Benchmarks that print the figures the README quotes.",
        subcommands = {Bench.Bulk.class, Bench.SmtpAuth.class, Bench.Import.class, Bench.Ui.class, YearBench.class},
        synopsisSubcommandLabel = "bulk|smtp-auth|import|ui|year")
public final class Bench implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cache", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The cache file of bulk and smtp-auth (default: $MAILFLOW_CACHE, else ~/.mailflow-insights/cache.db).")
    Path cache;

    /** {@code java -cp mailflow-insights.jar:mailflow-insights-bench.jar org.mailflow.bench.Bench [--cache FILE] bulk|smtp-auth|import …}. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(args, out, err));
    }

    /** Runs the benchmark the arguments name and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Bench());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("bench: " + ex);
            if (System.getenv("MAILFLOW_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ex instanceof CacheException ? ExitCodes.CACHE : 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Opens the cache the options name, creating it when it does not exist. */
    Cache openCache() throws CacheException {
        return Cache.open(CacheLocations.system().resolve(cache));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                UserText.of("cli.missingBenchmark", UserText.of("input.list.or", "bulk, smtp-auth, import, ui", "year")).toString());
    }

    @Command(name = "bulk", description = {
        "Times the Bulk sender insights page on the cache: loading a 60-day window, and one simulation update",
        "(BCL table, totals, flags of every sender, filter counts) over many slider positions; prints peak heap.",
        "A cache without bulk data is first filled with 'demo --scale large' (seed 42)."})
    static final class Bulk implements Callable<Integer> {
        @ParentCommand
        Bench bench;

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
            try (Cache cache = bench.openCache()) {
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
                printPeakHeap(out, retained);
                if (sink == 42) {
                    out.println();
                }
                return ExitCodes.OK;
            }
        }

        /** One slider move: everything the page redraws. Returns a value so the work is not optimised away. */
        static long update(BulkDataset data, SimulationParams p) {
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

    @Command(name = "smtp-auth", description = {
        "Times the SMTP AUTH clients report on the cache: opening the page (loading the cache's submissions, looking",
        "their client IPs up in the bundled geo databases and the first 7-day report of all four pivots), a realistic",
        "sequence of filter changes (quick picks, a long range, each domain, as-of moves; each computes the Sending",
        "volume, TLS usage, Authentication and Client IPs pivots), the Client IPs search, geo lookups per second",
        "(100,000 distinct addresses, fresh), and writing the 90-day detailed report (SPEC 2.4) to a temporary file;",
        "prints peak heap.",
        "A cache without SMTP AUTH data is first filled with 'demo --scale large' (seed 42)."})
    static final class SmtpAuth implements Callable<Integer> {
        @ParentCommand
        Bench bench;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--opens", paramLabel = "N", defaultValue = "5", description = "Timed page openings (default: ${DEFAULT-VALUE}).")
        int opens;

        @Option(names = "--passes", paramLabel = "N", defaultValue = "10",
                description = "Timed passes over the filter sequence, after one untimed (default: ${DEFAULT-VALUE}).")
        int passes;

        @Option(names = "--reports", paramLabel = "N", defaultValue = "3", description = "Timed detailed reports (default: ${DEFAULT-VALUE}).")
        int reports;

        @Option(names = "--report-days", paramLabel = "N", defaultValue = "90", description = "Days of the detailed report (default: ${DEFAULT-VALUE}).")
        int reportDays;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Cache cache = bench.openCache()) {
                SmtpStore store = new SmtpStore(cache);
                Optional<LocalDate> latest = store.latestDay();
                if (latest.isEmpty()) {
                    out.println("No SMTP AUTH data in " + cache.file() + ": generating demo --scale large --seed 42 …");
                    out.flush();
                    long t = System.nanoTime();
                    DemoGenerator.Result r = new DemoGenerator(42, DemoGenerator.Scale.LARGE).fill(cache, m -> {
                        out.println("  " + m);
                        out.flush();
                    });
                    out.printf(Locale.ROOT, "  generated in %.1f s. %s%n", (System.nanoTime() - t) / 1e9, DemoCommand.describe(r.smtp()));
                    latest = store.latestDay();
                }
                // Generation fills the heap with its own buffers; the figures are about the page.
                System.gc();
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    pool.resetPeakUsage();
                }
                LocalDate asOf = latest.orElseThrow();
                long detailRows = cache.read(c -> {
                    try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM smtp_detail")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
                out.println("Cache: " + cache.file() + " (" + Bytes.human(java.nio.file.Files.size(cache.file())) + ")");
                out.printf(Locale.ROOT, "Machine: %d cores, Java %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);

                // (a) Opening the page: everything from the cache, then the default 7-day report.
                DayWindow week = DayWindow.endingOn(asOf, 7);
                double[] openMs = new double[opens];
                double[] loadMs = new double[opens];
                double[] locateMs = new double[opens];
                SmtpDataset data = null;
                long sink = 0;
                for (int i = 0; i < opens; i++) {
                    data = null;
                    long t = System.nanoTime();
                    // as the page does: a fresh lookup (its per-IP cache empty), the databases already open
                    GeoLookup geo = GeoLookup.bundled().fresh();
                    data = store.load();
                    long loaded = System.nanoTime();
                    data = data.locate(geo);
                    long located = System.nanoTime();
                    ReportData first = SmtpReport.compute(data, ReportFilter.all(week));
                    long done = System.nanoTime();
                    sink += first.rows().size() + first.ips().size();
                    openMs[i] = (done - t) / 1e6;
                    loadMs[i] = (loaded - t) / 1e6;
                    locateMs[i] = (located - loaded) / 1e6;
                }
                System.gc();
                long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                DayWindow range = data.dataRange().orElseThrow();
                ReportData weekReport = SmtpReport.compute(data, ReportFilter.all(week));
                out.printf(Locale.ROOT, "Data: %,d accounts, %,d submissions in %d days (%s), %,d detail rows, %d sender domains; "
                                + "last 7 days: %,d senders, %,d with legacy TLS, %,d messages%n",
                        data.accountCount(), data.totalSubmissions(), range.days(), range.label(Locale.ENGLISH), detailRows,
                        data.domainNames().size(), weekReport.senders(), weekReport.legacySenders(), weekReport.messages());
                out.printf(Locale.ROOT, "Last 7 days: %,d on Basic authentication; %,d client IPs (%,d distinct IPs in the cache); "
                                + "Basic %,d, OAuth %,d, Other %,d, unknown %,d messages%n",
                        weekReport.basicSenders(), weekReport.ips().size(), data.ipCount(),
                        weekReport.protocolTotal(org.mailflow.smtpauth.AuthProtocol.BASIC),
                        weekReport.protocolTotal(org.mailflow.smtpauth.AuthProtocol.OAUTH),
                        weekReport.protocolTotal(org.mailflow.smtpauth.AuthProtocol.OTHER),
                        weekReport.protocolTotal(org.mailflow.smtpauth.AuthProtocol.UNKNOWN));
                out.printf(Locale.ROOT, "Open the page (load the cache's submissions + locate their IPs + first 7-day report of the "
                                + "four pivots): median %.0f ms (load %.0f ms, locate %.0f ms; runs: %s)  [target <= 2000 ms]%n",
                        Bulk.median(openMs), Bulk.median(loadMs), Bulk.median(locateMs), joined(openMs));

                // (a') Geo lookups: 100,000 distinct public addresses in a fresh lookup, as a page with
                // that many client IPs would do them at open.
                String[] randomIps = randomPublicIps(100_000, 42);
                double[] geoMs = new double[3];
                for (int i = 0; i < geoMs.length; i++) {
                    GeoLookup geo = GeoLookup.bundled().fresh();
                    long t = System.nanoTime();
                    for (String ip : randomIps) {
                        sink += geo.lookup(ip).asn();
                    }
                    geoMs[i] = (System.nanoTime() - t) / 1e6;
                }
                double geoMedian = Bulk.median(geoMs);
                out.printf(Locale.ROOT, "Geo lookups (100,000 distinct IPs, 2/3 IPv4, fresh cache): median %.0f ms, %,.0f lookups/s "
                                + "(runs: %s); a page with 100,000 distinct IPs opens in about %.0f ms  [target <= 2000 ms]%n",
                        geoMedian, 100_000 / (geoMedian / 1000), joined(geoMs),
                        // this cache's open, plus the lookups of the IPs it lacks to reach 100,000
                        Bulk.median(openMs) + geoMedian * Math.max(0, 100_000 - data.ipCount()) / 100_000.0);

                // (b) Filter changes: each one recomputes chart and table from the in-memory data.
                List<ReportFilter> sequence = filterSequence(data, asOf);
                for (ReportFilter f : sequence) {
                    sink += SmtpReport.compute(data, f).rows().size(); // warm-up pass
                }
                double[] changeMs = new double[passes * sequence.size()];
                double[] longestMs = new double[passes];
                int k = 0;
                for (int p = 0; p < passes; p++) {
                    for (ReportFilter f : sequence) {
                        long t = System.nanoTime();
                        ReportData r = SmtpReport.compute(data, f);
                        double ms = (System.nanoTime() - t) / 1e6;
                        sink += r.rows().size() + r.messages();
                        changeMs[k++] = ms;
                        if (f.window().days() == 180 && f.domain().isEmpty()) {
                            longestMs[p] = ms;
                        }
                    }
                }
                Arrays.sort(changeMs);
                // The Client IPs search: a country name, a network, part of an address, cleared.
                List<org.mailflow.smtpauth.IpTotals> quarterIps = SmtpReport.compute(data, ReportFilter.all(DayWindow.endingOn(asOf, 90))).ips();
                String[] searches = {"germany", "as", "192.", "hosting", ""};
                double[] searchMs = new double[passes * searches.length];
                int q = 0;
                for (int p = 0; p < passes; p++) {
                    for (String text : searches) {
                        long t = System.nanoTime();
                        org.mailflow.smtpauth.IpFilter filter = new org.mailflow.smtpauth.IpFilter(text, Locale.ENGLISH);
                        sink += quarterIps.stream().filter(filter::matches).count();
                        searchMs[q++] = (System.nanoTime() - t) / 1e6;
                    }
                }
                out.printf(Locale.ROOT, "Filter change -> data ready (%d changes: 7/30/90 days, 180 days weekly, each of %d domains "
                                + "and back, as-of moves; x %d passes): median %.1f ms, p99 %.1f ms, 180 days all domains median %.1f ms  "
                                + "[target median <= 200 ms]%n",
                        sequence.size(), data.domainNames().size(), passes, Bulk.percentile(changeMs, 50), Bulk.percentile(changeMs, 99),
                        Bulk.median(longestMs));
                out.printf(Locale.ROOT, "Client IPs search over the 90-day table (%,d IPs; country, network, address, cleared; x %d passes): "
                                + "median %.1f ms  [target median <= 200 ms]%n", quarterIps.size(), passes, Bulk.percentile(searchMs, 50));

                // (c) The detailed report, written as Request report writes it.
                DayWindow reportWindow = DayWindow.endingOn(asOf, reportDays);
                java.nio.file.Path file = java.nio.file.Files.createTempFile("mailflow-bench-", ".csv");
                try {
                    double[] seconds = new double[reports];
                    double[] rate = new double[reports];
                    long rows = 0;
                    StringBuilder runs = new StringBuilder();
                    for (int i = 0; i < reports; i++) {
                        long[] n = new long[1];
                        java.nio.file.Files.deleteIfExists(file); // replacing the last run's file would time its deletion
                        long t = System.nanoTime();
                        ExportFiles.write(file, w -> n[0] = SmtpExports.writeReport(w, s -> store.report(reportWindow, s::row)));
                        seconds[i] = (System.nanoTime() - t) / 1e9;
                        rows = n[0];
                        rate[i] = rows / seconds[i];
                        runs.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f s", seconds[i]));
                    }
                    out.printf(Locale.ROOT, "Detailed report, %d days (%s): %,d rows, %s; median %.2f s, %,.0f rows/s (runs: %s)  "
                                    + "[target >= 500,000 rows/s]%n",
                            reportDays, reportWindow.label(Locale.ENGLISH), rows, Bytes.human(java.nio.file.Files.size(file)),
                            Bulk.median(seconds), Bulk.median(rate), runs);
                } finally {
                    java.nio.file.Files.deleteIfExists(file);
                }

                printPeakHeap(out, retained);
                if (sink == 42) {
                    out.println();
                }
                return ExitCodes.OK;
            }
        }

        /**
         * What an analyst does on the page: the quick picks, a half-year range (weekly bars), each
         * sender domain and back to all, and moves of the as-of day.
         */
        static List<ReportFilter> filterSequence(SmtpDataset data, LocalDate asOf) {
            List<ReportFilter> out = new ArrayList<>();
            for (int days : new int[] {7, 30, 90, 180}) {
                out.add(ReportFilter.all(DayWindow.endingOn(asOf, days)));
            }
            DayWindow quarter = DayWindow.endingOn(asOf, 90);
            for (String domain : data.domainNames()) {
                out.add(new ReportFilter(quarter, Optional.of(domain)));
            }
            out.add(ReportFilter.all(quarter));
            for (int back : new int[] {1, 7, 14, 30, 60}) {
                out.add(ReportFilter.all(DayWindow.endingOn(asOf.minusDays(back), 30)));
            }
            out.add(ReportFilter.all(DayWindow.endingOn(asOf.minusDays(30), 7)));
            out.add(ReportFilter.all(DayWindow.endingOn(asOf, 7)));
            return out;
        }

        /** {@code n} distinct public addresses, two in three IPv4, the rest IPv6 in 2000::/3, deterministic per seed. */
        static String[] randomPublicIps(int n, long seed) {
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
            java.util.Set<String> out = new java.util.LinkedHashSet<>();
            while (out.size() < n) {
                if (out.size() % 3 != 2) {
                    int a = 1 + rnd.nextInt(223);
                    if (a == 10 || a == 127 || a == 100 || a == 169 || a == 172 || a == 192) {
                        continue;
                    }
                    out.add(a + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256));
                } else {
                    out.add(String.format(Locale.ROOT, "%x:%x:%x::%x", 0x2000 + rnd.nextInt(0x1000), rnd.nextInt(0x10000),
                            rnd.nextInt(0x10000), 1 + rnd.nextInt(0xffff)));
                }
            }
            return out.toArray(String[]::new);
        }

        private static String joined(double[] ms) {
            StringBuilder sb = new StringBuilder();
            for (double m : ms) {
                sb.append(sb.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", m));
            }
            return sb.toString();
        }
    }

    @Command(name = "import", description = {
        "Times 'import' of a generated Postfix log (300 MB) and mbox (500 MB), each",
        "in a cold JVM into a new cache: java -Xmx512m <the installed command's JVM",
        "options, e.g. -XX:+UseSerialGC> -cp <this class path>",
        "org.mailflow.bench.MeasuredLauncher --cache NEW import FILE (the product's",
        "command line, then its peak heap). Prints the median, MB/s and",
        "the child's peak heap, and pflogsumm's time on the same log and the ratio",
        "when pflogsumm is on the PATH. Generated files stay in the work folder and",
        "are reused by later runs with the same size and seed. --big also imports a",
        "2 GB log, for the peak heap. --mix relay adds a Postfix submission relay log",
        "(one line in ten a SASL submission), --mix exim an Exim main log compared with",
        "eximstats; both print MB/s, submissions/s and CPU times. --year-of-logs instead",
        "imports a year of one busy server's rotated logs (10 GB, weekly, gzip; minutes).",
        "--many-files times a folder of 50 000 small CSV files and a Maildir of 200 000",
        "messages instead. --cache is not used."})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--work", paramLabel = "DIR",
                description = "Folder for the generated files and the caches (default: mailflow-bench-import in the temporary folder).")
        java.nio.file.Path work;

        @Option(names = "--size", paramLabel = "MB", defaultValue = "300", description = "Size of the Postfix log (default: ${DEFAULT-VALUE}).")
        int sizeMb;

        @Option(names = "--mbox-size", paramLabel = "MB", defaultValue = "500",
                description = "Size of the mbox; 0 skips it (default: ${DEFAULT-VALUE}).")
        int mboxSizeMb;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Timed imports of each file (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--pflogsumm-runs", paramLabel = "N", defaultValue = "1",
                description = "Timed pflogsumm runs; 0 skips pflogsumm (default: ${DEFAULT-VALUE}).")
        int pflogsummRuns;

        @Option(names = "--big", description = "Also import a big Postfix log (--big-size) once, for the peak heap.")
        boolean big;

        @Option(names = "--big-size", paramLabel = "MB", defaultValue = "2048", description = "Size of the --big log (default: ${DEFAULT-VALUE}).")
        int bigSizeMb;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the generated files (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--year-of-logs", description = {"Only import a year of rotated Postfix logs (--year-size, weekly files,",
            "older ones gzip) in one cold JVM: time, MB/s, peak heap, cache size. Takes minutes (generation once, then the import)."})
        boolean yearOfLogs;

        @Option(names = "--year-size", paramLabel = "MB", defaultValue = "10240",
                description = "Size of the --year-of-logs year, uncompressed (default: ${DEFAULT-VALUE}).")
        long yearSizeMb;

        @Option(names = "--mix", paramLabel = "MIX", split = ",", defaultValue = "default",
                description = {"Logs to import: default (the small provider's Postfix log, the mbox, --big), relay (a Postfix",
                    "submission relay, >= 10 %% of lines SASL submissions), exim (an Exim main log with SMTP AUTH),",
                    "all; comma-separated (default: ${DEFAULT-VALUE})."})
        List<String> mixes = new ArrayList<>();

        @Option(names = "--import-arg", paramLabel = "ARG",
                description = "An argument passed to every child import before the file, e.g. --import-arg=--year=2026 (repeatable).")
        List<String> importArgs = new ArrayList<>();

        @Option(names = "--many-files", description = {"Instead of the log and the mbox: a folder of small CSV files (--files)",
            "and a Maildir (--maildir-messages), each imported into a new cache and again (nothing new) (ManyFilesBench)."})
        boolean manyFiles;

        @Option(names = "--files", paramLabel = "N", defaultValue = "50000",
                description = "Small CSV files of --many-files; 0 skips them (default: ${DEFAULT-VALUE}).")
        int files;

        @Option(names = "--maildir-messages", paramLabel = "N", defaultValue = "200000",
                description = "Messages of the --many-files Maildir; 0 skips it (default: ${DEFAULT-VALUE}).")
        int maildirMessages;

        @Option(names = "--compare-threads", paramLabel = "N", defaultValue = "0",
                description = "With --many-files: time every import with --threads 1 and then --threads N, and print the "
                        + "speed-up (default: ${DEFAULT-VALUE}, the default threads only).")
        int compareThreads;

        @Option(names = "--many-files-timeout", paramLabel = "SECONDS", defaultValue = "1800",
                description = "A --many-files import that takes longer is stopped and reported (default: ${DEFAULT-VALUE}).")
        long manyFilesTimeout;

        @Override
        public Integer call() throws Exception {
            if (manyFiles) {
                return manyFiles();
            }
            if (sizeMb < 1 || bigSizeMb < 1 || mboxSizeMb < 0 || runs < 1 || pflogsummRuns < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.bench.sizes").toString());
            }
            java.nio.file.Path dir = work != null ? work
                    : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "mailflow-bench-import");
            java.util.Set<String> chosen = new java.util.LinkedHashSet<>();
            for (String m : mixes) {
                String name = m.strip().toLowerCase(Locale.ROOT);
                if (name.equals("all")) {
                    chosen.addAll(ImportBench.Options.MIXES);
                } else if (ImportBench.Options.MIXES.contains(name)) {
                    chosen.add(name);
                } else {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--mix: " + m + " is not one of default, relay, exim, all");
                }
            }
            ImportBench.Options options = new ImportBench.Options(dir.toAbsolutePath(), sizeMb, mboxSizeMb, runs, pflogsummRuns, big,
                    bigSizeMb, seed, List.copyOf(importArgs), java.util.Set.copyOf(chosen));
            ImportBench bench = new ImportBench(options, spec.commandLine().getOut(), spec.commandLine().getErr());
            if (yearOfLogs) {
                if (yearSizeMb < 1) {
                    throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.bench.sizes").toString());
                }
                java.nio.file.Files.createDirectories(options.work());
                return new YearOfLogsBench(bench, options.work(), yearSizeMb, seed, spec.commandLine().getOut(),
                        spec.commandLine().getErr()).run();
            }
            return bench.run();
        }

        private int manyFiles() throws Exception {
            if (files < 0 || maildirMessages < 0 || runs < 1 || manyFilesTimeout < 1 || compareThreads < 0 || compareThreads > 64) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--files and --maildir-messages must be at least 0, --runs and --many-files-timeout at least 1, "
                                + "--compare-threads 0 to 64");
            }
            java.nio.file.Path dir = work != null ? work
                    : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "mailflow-bench-import");
            ManyFilesBench.Options options = new ManyFilesBench.Options(dir.toAbsolutePath(), files, maildirMessages, runs, seed,
                    manyFilesTimeout, List.copyOf(importArgs), compareThreads);
            return new ManyFilesBench(options, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
        }
    }

    @Command(name = "ui", description = {
        "Times the real main window on the cache, drawn by JavaFX: app start to the Dashboard drawn; choosing",
        "Bulk sender insights and the SMTP AUTH report (each pivot) to its data drawn; N slider moves on Bulk",
        "sender insights and N filter changes on the SMTP AUTH report to the chart and table redrawn (median, p99).",
        "Drawn = the data applied, a pulse laid it out and the renderer painted that frame (see UiBench).",
        "Headless on Monocle with software rendering, unless --display (then on $DISPLAY, e.g. under Xvfb);",
        "Monocle is not in the product jar: see the README (Performance, The window) for the class path.",
        "Without --cache: the 'demo --scale large' cache in the work folder, generated (seed 42) when missing.",
        "The cache is opened by the app (which may upgrade it): measure on a copy."})
    static final class Ui implements Callable<Integer> {
        @ParentCommand
        Bench bench;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--moves", paramLabel = "N", defaultValue = "200",
                description = "Timed slider moves, and timed filter changes, after a tenth more untimed (default: ${DEFAULT-VALUE}).")
        int moves;

        @Option(names = "--display", description = "Draw on the display ($DISPLAY) instead of headless Monocle.")
        boolean display;

        @Option(names = "--work", paramLabel = "DIR",
                description = "Folder of the default cache, large.db (default: mailflow-bench-ui in the temporary folder).")
        Path work;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (moves < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.bench.moves").toString());
            }
            Path file = bench.cache;
            if (file == null) {
                Path dir = (work != null ? work : Path.of(System.getProperty("java.io.tmpdir"), "mailflow-bench-ui")).toAbsolutePath();
                java.nio.file.Files.createDirectories(dir);
                file = dir.resolve("large.db");
                if (!java.nio.file.Files.exists(file)) {
                    out.println("No cache " + file + ": generating demo --scale large --seed 42 (a few minutes) …");
                    out.flush();
                    long t = System.nanoTime();
                    try (Cache cache = Cache.open(file)) {
                        DemoGenerator.Result r = new DemoGenerator(42, DemoGenerator.Scale.LARGE).fill(cache, m -> {
                            out.println("  " + m);
                            out.flush();
                        });
                        out.printf(Locale.ROOT, "  generated in %.1f s. %s%n", (System.nanoTime() - t) / 1e9, DemoCommand.describe(r.smtp()));
                    }
                }
            } else {
                file = CacheLocations.system().resolve(file);
                if (!java.nio.file.Files.isRegularFile(file)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.bench.noCache", file).toString());
                }
            }
            boolean started = startToolkit(spec.commandLine(), display);
            try {
                new UiBench(new UiBench.Options(file.toAbsolutePath(), moves, moves), out).run();
            } finally {
                if (started) {
                    javafx.application.Platform.exit();
                }
            }
            return ExitCodes.OK;
        }

        /**
         * Starts JavaFX unless it runs already (tests start it through TestFX): headless on Monocle with
         * software rendering, as the tests run, or on the display. Returns whether it was started here.
         */
        static boolean startToolkit(CommandLine cl, boolean display) throws InterruptedException {
            try {
                javafx.application.Platform.runLater(() -> { });
                javafx.application.Platform.setImplicitExit(false);
                return false;
            } catch (IllegalStateException notRunning) {
                // start it below
            }
            if (!display) {
                try {
                    Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory");
                } catch (ClassNotFoundException e) {
                    throw new CommandLine.ParameterException(cl, UserText.of("cli.bench.noMonocle").toString());
                }
                System.setProperty("glass.platform", "Monocle");
                System.setProperty("monocle.platform", "Headless");
                System.setProperty("prism.order", "sw");
                System.setProperty("prism.text", "t2k");
                System.setProperty("headless.geometry", "1600x1200-32");
            }
            java.util.concurrent.CountDownLatch up = new java.util.concurrent.CountDownLatch(1);
            javafx.application.Platform.startup(up::countDown);
            up.await();
            javafx.application.Platform.setImplicitExit(false);
            return true;
        }
    }

    /** The peak heap of the run, against the 1 GB target, and what the loaded data keeps in use. */
    static void printPeakHeap(PrintWriter out, long retained) {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        // The pools peak at different moments, so their sum can pass the heap's own limit: the run fitting in
        // its maximum heap (-Xmx) without running out of it is what shows the target.
        out.printf(Locale.ROOT, "Peak heap: ran in a maximum heap of %d MB without running out  [target <= 1024 MB]; sum of the "
                + "pools' own peaks %d MB; heap in use with the page's data loaded: %d MB%n",
                Runtime.getRuntime().maxMemory() >> 20, peak >> 20, retained >> 20);
    }
}
