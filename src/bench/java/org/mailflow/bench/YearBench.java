package org.mailflow.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.bulk.SimulationParams;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.Cache;
import org.mailflow.cache.SmtpStore;
import org.mailflow.cli.ExitCodes;
import org.mailflow.geo.GeoLookup;
import org.mailflow.model.Bytes;
import org.mailflow.model.DayWindow;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.ReportFilter;
import org.mailflow.smtpauth.SmtpDataset;
import org.mailflow.smtpauth.SmtpReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench year}: the pages on a year of a large site (issue 15). Generates the cache with
 * {@link YearCache} when it is missing, then times, headless, the code the pages run (the view
 * models call the same store and report methods on their loading threads): the SMTP AUTH report
 * opened on 7 days (the window's submissions loaded, their IPs located, the first report), filter
 * changes inside the loaded window (domains, shorter ranges: the page computes them from memory), a
 * 90-day range (a new window: loaded and computed), Bulk sender insights on 60 days and its slider,
 * and the peak heap of all that.
 */
@Command(name = "year", description = {
    "Times the SMTP AUTH report and Bulk sender insights on a year of a large site: open on 7 days, filter",
    "changes, a 90-day range, Bulk sender insights on 60 days and its slider; prints peak heap and the cache",
    "size per million submissions. The cache (--work/year.db) is generated when missing: 50 servers, 50,000",
    "accounts, 50 million submissions, 100,000 bulk senders, 50 million bulk messages (several minutes and",
    "about 6 GB of disk). Run with -Xmx1g to check the heap target."})
final class YearBench implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--work", paramLabel = "DIR", description = "Folder of the cache year.db (default: mailflow-bench-year in the temporary folder).")
    Path work;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "50000", description = "Accounts (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--submissions", paramLabel = "N", defaultValue = "50000000", description = "SMTP AUTH submissions (default: ${DEFAULT-VALUE}).")
    long submissions;

    @Option(names = "--servers", paramLabel = "N", defaultValue = "50", description = "Servers (default: ${DEFAULT-VALUE}).")
    int servers;

    @Option(names = "--bulk-senders", paramLabel = "N", defaultValue = "100000", description = "Bulk senders (default: ${DEFAULT-VALUE}).")
    int bulkSenders;

    @Option(names = "--bulk-messages", paramLabel = "N", defaultValue = "50000000", description = "Bulk messages (default: ${DEFAULT-VALUE}).")
    long bulkMessages;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365", description = "Days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--message-ids", paramLabel = "SHARE", defaultValue = "1",
            description = "Share of submissions with a message-id row, as Postfix logs them (default: ${DEFAULT-VALUE}).")
    double messageIds;

    @Option(names = "--generate-only", description = "Generate the cache and stop.")
    boolean generateOnly;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Timed runs of each step (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = (work != null ? work : Path.of(System.getProperty("java.io.tmpdir"), "mailflow-bench-year")).toAbsolutePath();
        Path file = dir.resolve("year.db");
        if (!Files.exists(file)) {
            out.printf(Locale.ROOT, "No cache %s: generating %,d submissions of %,d accounts on %d servers and %,d bulk messages of %,d senders "
                    + "over %d days …%n", file, submissions, accounts, servers, bulkMessages, bulkSenders, days);
            out.flush();
            YearCache.Result r = new YearCache(new YearCache.Options(file, days, accounts, servers, submissions, bulkSenders, bulkMessages,
                    messageIds, 42), out).generate();
            out.println("Generated: " + YearCache.describe(r));
        }
        if (generateOnly) {
            return ExitCodes.OK;
        }
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try (Cache cache = Cache.open(file)) {
            measure(cache, out);
        }
        return ExitCodes.OK;
    }

    private void measure(Cache cache, PrintWriter out) throws Exception {
        SmtpStore store = new SmtpStore(cache);
        long total = store.totalSubmissions();
        long bytes = Files.size(cache.file());
        out.printf(Locale.ROOT, "Cache: %s, %s, %,d submissions: %s per million submissions%n", cache.file(), Bytes.human(bytes), total,
                Bytes.human(Math.round(bytes / (total / 1e6))));
        out.printf(Locale.ROOT, "Machine: %d cores, Java %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        LocalDate asOf = store.latestDay().orElseThrow();
        DayWindow week = DayWindow.endingOn(asOf, 7);
        DayWindow quarter = DayWindow.endingOn(asOf, 90);

        // (a) Open on 7 days: the window loaded, its IPs located, the first report.
        double[] openMs = new double[runs];
        double[] loadMs = new double[runs];
        double[] locateMs = new double[runs];
        double[] openCpuMs = new double[runs];
        SmtpDataset data = null;
        long sink = 0;
        for (int i = 0; i < runs; i++) {
            data = null;
            long cpu = processCpuNanos();
            long t = System.nanoTime();
            GeoLookup geo = GeoLookup.bundled().fresh();
            data = store.load(week);
            long loaded = System.nanoTime();
            data = data.locate(geo);
            long located = System.nanoTime();
            ReportData r = SmtpReport.compute(data, ReportFilter.all(week));
            sink += r.rows().size() + r.ips().size();
            openMs[i] = (System.nanoTime() - t) / 1e6;
            loadMs[i] = (loaded - t) / 1e6;
            locateMs[i] = (located - loaded) / 1e6;
            openCpuMs[i] = (processCpuNanos() - cpu) / 1e6;
        }
        ReportData weekReport = SmtpReport.compute(data, ReportFilter.all(week));
        out.printf(Locale.ROOT, "SMTP AUTH, last 7 days (%s): %,d senders, %,d messages, %,d client IPs, %,d rows loaded%n",
                week.label(Locale.ENGLISH), weekReport.senders(), weekReport.messages(), weekReport.ips().size(), data.entryCount());
        out.printf(Locale.ROOT, "Open the report on 7 days (load the window + locate + report): median %.0f ms, range %.0f-%.0f "
                + "(load median %.0f ms, locate %.0f ms, %,d IPs; CPU time of the process, all threads, median %.0f ms)  [target <= 2000 ms]%n",
                Bench.Bulk.median(openMs), min(openMs), max(openMs), Bench.Bulk.median(loadMs), Bench.Bulk.median(locateMs), data.ipCount(),
                Bench.Bulk.median(openCpuMs));

        // (b) Filter changes inside the loaded window: each domain and back, shorter ranges.
        List<ReportFilter> sequence = new ArrayList<>();
        for (String domain : data.domainNames()) {
            sequence.add(new ReportFilter(week, Optional.of(domain)));
        }
        sequence.add(ReportFilter.all(week));
        sequence.add(ReportFilter.all(DayWindow.endingOn(asOf, 3)));
        sequence.add(ReportFilter.all(DayWindow.endingOn(asOf.minusDays(1), 5)));
        sequence.add(ReportFilter.all(week));
        for (ReportFilter f : sequence) {
            sink += SmtpReport.compute(data, f).rows().size();
        }
        double[] changeMs = new double[runs * sequence.size()];
        int k = 0;
        for (int p = 0; p < runs; p++) {
            for (ReportFilter f : sequence) {
                long t = System.nanoTime();
                sink += SmtpReport.compute(data, f).rows().size();
                changeMs[k++] = (System.nanoTime() - t) / 1e6;
            }
        }
        out.printf(Locale.ROOT, "Filter change in the 7-day window (%d changes: each of %d domains and back, 3 and 5 days; x %d): "
                        + "median %.1f ms, range %.1f-%.1f  [target median <= 200 ms]%n",
                sequence.size(), data.domainNames().size(), runs, Bench.Bulk.median(changeMs), min(changeMs), max(changeMs));

        // (c) A 90-day range: a window the loaded data does not cover, loaded and computed.
        data = null;
        double[] quarterMs = new double[runs];
        double[] quarterCpuMs = new double[runs];
        double[] quarterLoadMs = new double[runs];
        double[] quarterLocateMs = new double[runs];
        long quarterRows = 0;
        for (int i = 0; i < runs; i++) {
            data = null;
            long cpu = processCpuNanos();
            long t = System.nanoTime();
            data = store.load(quarter);
            long loaded = System.nanoTime();
            data = data.locate(GeoLookup.bundled());
            long located = System.nanoTime();
            ReportData r = SmtpReport.compute(data, ReportFilter.all(quarter));
            sink += r.rows().size();
            quarterMs[i] = (System.nanoTime() - t) / 1e6;
            quarterLoadMs[i] = (loaded - t) / 1e6;
            quarterLocateMs[i] = (located - loaded) / 1e6;
            quarterCpuMs[i] = (processCpuNanos() - cpu) / 1e6;
            quarterRows = data.entryCount();
        }
        out.printf(Locale.ROOT, "A 90-day range (%s; load the window + locate + report): median %.0f ms, range %.0f-%.0f "
                + "(load median %.0f ms, locate %.0f ms, %,d rows loaded; CPU time median %.0f ms)  [target <= 1000 ms]%n",
                quarter.label(Locale.ENGLISH), Bench.Bulk.median(quarterMs), min(quarterMs), max(quarterMs), Bench.Bulk.median(quarterLoadMs),
                Bench.Bulk.median(quarterLocateMs), quarterRows, Bench.Bulk.median(quarterCpuMs));
        data = null;

        // (d) Bulk sender insights on 60 days and its slider.
        BulkStore bulk = new BulkStore(cache);
        Optional<LocalDate> bulkLatest = bulk.latestDay();
        if (bulkLatest.isPresent()) {
            DayWindow sixty = DayWindow.endingOn(bulkLatest.get(), 60);
            double[] bulkMs = new double[runs];
            BulkDataset b = null;
            for (int i = 0; i < runs; i++) {
                b = null;
                long t = System.nanoTime();
                b = bulk.load(sixty);
                bulkMs[i] = (System.nanoTime() - t) / 1e6;
            }
            SplittableRandom rnd = new SplittableRandom(7);
            int updates = 1000;
            double[] slider = new double[updates];
            for (int i = 0; i < updates + 200; i++) {
                SimulationParams p = new SimulationParams(1 + rnd.nextInt(9), 1 + rnd.nextInt(9), rnd.nextInt(101));
                long t = System.nanoTime();
                sink += Bench.Bulk.update(b, p);
                if (i >= 200) {
                    slider[i - 200] = (System.nanoTime() - t) / 1e6;
                }
            }
            out.printf(Locale.ROOT, "Bulk sender insights, 60 days (%,d senders, %,d in the table): load median %.0f ms, range %.0f-%.0f  "
                    + "[target <= 2000 ms]; slider update median %.2f ms, range %.2f-%.2f  [target median <= 16 ms]%n",
                    b.size(), b.tableSize(), Bench.Bulk.median(bulkMs), min(bulkMs), max(bulkMs), Bench.Bulk.median(slider), min(slider),
                    max(slider));
        }
        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Bench.printPeakHeap(out, retained);
        if (sink == 42) {
            out.println();
        }
    }

    /**
     * CPU time of the whole process (every thread, the JIT's and the collector's too): on a host where
     * other programs take most of the cores, it says what the step costs when it has them.
     */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
