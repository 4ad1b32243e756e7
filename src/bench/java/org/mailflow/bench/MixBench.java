package org.mailflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailflow.smtpauth.TlsVersion;

/**
 * The {@code --mix relay} and {@code --mix exim} parts of {@code bench import} (issue 15): logs whose cost
 * grows with submissions rather than bytes, each imported as {@link ImportBench} imports the default log (cold
 * JVM, new cache, timed from start to exit) and compared in the same run with the tool an administrator of
 * that server would use on the same file: Debian's {@code pflogsumm} for the Postfix submission relay,
 * {@code eximstats} (package {@code exim4-base}) for the Exim log. Besides the ratio it prints MB/s and
 * submissions/s. Generated files are reused from the work folder like the default log.
 */
final class MixBench {
    private static final long MB = 1L << 20;
    /** The ratio the issue asks for on every mix. */
    static final double TARGET_RATIO = 10;
    /** Changes when {@link PostfixLogGenerator.Mix#RELAY} writes other bytes for a seed and size. */
    static final int RELAY_VERSION = 1;

    private final ImportBench bench;

    MixBench(ImportBench bench) {
        this.bench = bench;
    }

    /** Runs the chosen mixes other than the default; true when an import failed. */
    boolean run() throws IOException, InterruptedException {
        boolean failed = false;
        if (bench.o.mixes().contains("relay")) {
            ImportBench.Generated log = relayLog(bench.o.sizeMb());
            failed |= compare("relay", log, "pflogsumm", "Debian: apt-get install pflogsumm");
        }
        if (bench.o.mixes().contains("exim")) {
            ImportBench.Generated log = eximLog(bench.o.sizeMb());
            failed |= compare("exim", log, "eximstats", "Debian: apt-get install exim4-base");
        }
        return failed;
    }

    private ImportBench.Generated relayLog(int sizeMb) throws IOException {
        Path file = bench.o.work().resolve("postfix-relay-" + sizeMb + "MB-seed" + bench.o.seed() + ".log");
        ImportBench.Generated g = bench.reuse(file);
        if (g != null && !Integer.toString(RELAY_VERSION).equals(g.facts().getProperty("relay"))) {
            g = null;
        }
        if (g == null) {
            bench.out.printf(Locale.ROOT, "Generating a %d MB Postfix submission relay log …%n", sizeMb);
            bench.out.flush();
            g = bench.generate(file, target -> {
                PostfixLogGenerator.Result r = new PostfixLogGenerator(bench.o.seed(), PostfixLogGenerator.DEFAULT_START,
                        PostfixLogGenerator.Mix.RELAY).write(target, sizeMb * MB);
                Properties p = new Properties();
                p.setProperty("bytes", Long.toString(r.bytes()));
                p.setProperty("lines", Long.toString(r.lines()));
                p.setProperty("messages", Long.toString(r.messages()));
                p.setProperty("submissions", Long.toString(r.submissions()));
                p.setProperty("authFailures", Long.toString(r.authFailures()));
                p.setProperty("legacyTls", Long.toString(legacy(r.submissionsByTls())));
                p.setProperty("relay", Integer.toString(RELAY_VERSION));
                return p;
            });
        }
        Properties f = g.facts();
        bench.out.printf(Locale.ROOT, "Postfix submission relay log: %s  %s, %,d lines, %,d SMTP AUTH submissions (%.1f %% of the lines,"
                        + " %.0f %% on TLS 1.0/1.1 or without TLS), %,d failed authentications (%s)%n", file, ImportBench.mb(g.bytes()),
                ImportBench.num(f, "lines"), ImportBench.num(f, "submissions"),
                100.0 * ImportBench.num(f, "submissions") / Math.max(1, ImportBench.num(f, "lines")),
                100.0 * ImportBench.num(f, "legacyTls") / Math.max(1, ImportBench.num(f, "submissions")), ImportBench.num(f, "authFailures"),
                ImportBench.generatedNote(f, g.bytes()));
        bench.out.flush();
        return g;
    }

    private ImportBench.Generated eximLog(int sizeMb) throws IOException {
        Path file = bench.o.work().resolve("exim-" + sizeMb + "MB-seed" + bench.o.seed() + ".log");
        ImportBench.Generated g = bench.reuse(file);
        if (g != null && !Integer.toString(EximLogGenerator.OUTPUT_VERSION).equals(g.facts().getProperty("exim"))) {
            g = null;
        }
        if (g == null) {
            bench.out.printf(Locale.ROOT, "Generating a %d MB Exim main log …%n", sizeMb);
            bench.out.flush();
            g = bench.generate(file, target -> {
                EximLogGenerator.Result r = new EximLogGenerator(bench.o.seed()).write(target, sizeMb * MB);
                Properties p = new Properties();
                p.setProperty("bytes", Long.toString(r.bytes()));
                p.setProperty("lines", Long.toString(r.lines()));
                p.setProperty("submissions", Long.toString(r.submissions()));
                p.setProperty("authFailures", Long.toString(r.authFailures()));
                p.setProperty("senders", Long.toString(r.senders()));
                p.setProperty("legacyTls", Long.toString(legacy(r.submissionsByTls())));
                p.setProperty("exim", Integer.toString(EximLogGenerator.OUTPUT_VERSION));
                return p;
            });
        }
        Properties f = g.facts();
        bench.out.printf(Locale.ROOT, "Exim main log: %s  %s, %,d lines, %,d SMTP AUTH submissions (%.1f %% of the lines) of %,d accounts,"
                        + " %.0f %% on TLS 1.0/1.1 or without TLS, %,d failed authentications (%s)%n", file, ImportBench.mb(g.bytes()),
                ImportBench.num(f, "lines"), ImportBench.num(f, "submissions"),
                100.0 * ImportBench.num(f, "submissions") / Math.max(1, ImportBench.num(f, "lines")), ImportBench.num(f, "senders"),
                100.0 * ImportBench.num(f, "legacyTls") / Math.max(1, ImportBench.num(f, "submissions")), ImportBench.num(f, "authFailures"),
                ImportBench.generatedNote(f, g.bytes()));
        bench.out.flush();
        return g;
    }

    private static long legacy(java.util.Map<TlsVersion, Long> byTls) {
        return byTls.getOrDefault(TlsVersion.TLS1_0, 0L) + byTls.getOrDefault(TlsVersion.TLS1_1, 0L) + byTls.getOrDefault(TlsVersion.NONE, 0L);
    }

    /** The CPU time line {@link MeasuredLauncher} prints. */
    static final Pattern CPU = Pattern.compile("(?m)^cpu: (\\d+) ms\\s*$");

    /**
     * Imports {@code log} {@code --runs} times, runs {@code tool} on it as often, prints both and the ratio;
     * true when an import failed. Each side's CPU time (user and system, every thread) is printed too,
     * with a CPU ratio: on a host shared with other work the wall times of both drift with the load,
     * their CPU times much less (the import's threads overlap on two cores, so its CPU time is more than
     * its wall time on an idle host and the CPU ratio is the lower one there).
     */
    private boolean compare(String mix, ImportBench.Generated log, String tool, String install) throws IOException, InterruptedException {
        double[] cpu = new double[bench.o.runs()];
        ImportBench.Timing t = importRuns(log.file(), cpu);
        long submissions = ImportBench.num(log.facts(), "submissions");
        if (t.failed) {
            bench.out.println(mix + " import: failed (its error output is above)");
        }
        double importCpu = cpu.length > 0 && cpu[0] > 0 && !t.failed ? ImportBench.median(cpu) : 0;
        if (t.medianSeconds > 0) {
            bench.out.printf(Locale.ROOT, "%s import (cold JVM, new cache), %d run%s: median %s (%s)  %.0f MB/s  %,.0f submissions/s"
                            + "  peak heap %d MB%s  [%s]%n", mix, t.seconds.length, t.seconds.length == 1 ? "" : "s",
                    ImportBench.secs(t.medianSeconds), ImportBench.joined(t.seconds), log.bytes() / (double) MB / t.medianSeconds,
                    submissions / t.medianSeconds, t.maxPeakMb,
                    importCpu > 0 ? String.format(Locale.ROOT, "  CPU median %s (%s)", ImportBench.secs(importCpu), ImportBench.joined(cpu)) : "",
                    load());
        }
        Optional<Path> exe = ImportBench.onPath(tool);
        if (bench.o.pflogsummRuns() <= 0) {
            bench.out.println(tool + ": skipped (--pflogsumm-runs 0)");
        } else if (exe.isEmpty()) {
            bench.out.println(tool + ": not on the PATH, skipped (" + install + "); MB/s and submissions/s above only");
        } else {
            double[] times = new double[bench.o.pflogsummRuns()];
            double[] toolCpu = new double[times.length];
            for (int i = 0; i < times.length; i++) {
                double[] r = reference(tool, exe.get(), log.file());
                times[i] = r[0];
                toolCpu[i] = r[1];
                if (times[i] < 0) {
                    times = null;
                    break;
                }
            }
            if (times != null) {
                double median = ImportBench.median(times);
                double medianCpu = toolCpu[0] > 0 ? ImportBench.median(toolCpu) : 0;
                String ratio = t.medianSeconds > 0 && !t.failed
                        ? String.format(Locale.ROOT, "   ratio %.1f× (%s / import)  [target >= %.0f×]", median / t.medianSeconds, tool,
                        TARGET_RATIO) : "";
                String cpuRatio = medianCpu > 0 && importCpu > 0
                        ? String.format(Locale.ROOT, "; CPU median %s (%s), CPU ratio %.1f×", ImportBench.secs(medianCpu),
                        ImportBench.joined(toolCpu), medianCpu / importCpu) : "";
                bench.out.printf(Locale.ROOT, "%s (%s > /dev/null): median %s (%d run%s: %s)  %.0f MB/s%s%s  [%s]%n", tool, exe.get(),
                        ImportBench.secs(median), times.length, times.length == 1 ? "" : "s", ImportBench.joined(times),
                        log.bytes() / (double) MB / median, ratio, cpuRatio, load());
            }
        }
        bench.out.flush();
        return t.failed;
    }

    /**
     * Times and CPU seconds of the imports of {@code file}, as {@link ImportBench#importRuns} runs them (read
     * through first, a new cache each run), the CPU time of each run into {@code cpu} (0 when not reported).
     */
    private ImportBench.Timing importRuns(Path file, double[] cpu) throws IOException, InterruptedException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        ImportBench.Timing t = new ImportBench.Timing();
        java.util.List<Double> times = new java.util.ArrayList<>();
        for (int i = 1; i <= cpu.length; i++) {
            Path cache = bench.o.work().resolve("bench-cache-" + i + ".db");
            ImportBench.ImportRun r;
            try {
                r = bench.importOnce(file, cache);
            } finally {
                for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                    Files.deleteIfExists(cache.resolveSibling(cache.getFileName() + suffix));
                }
            }
            Matcher m = CPU.matcher(r.stderr());
            double seconds = m.find() ? Long.parseLong(m.group(1)) / 1000.0 : 0;
            String shownErr = CPU.matcher(r.stderr()).replaceAll("").strip();
            if (r.exitCode() != 0) {
                bench.err.printf(Locale.ROOT, "import of %s failed (exit %d) after %s:%n", file.getFileName(), r.exitCode(),
                        ImportBench.secs(r.seconds()));
                (shownErr.isBlank() ? r.stdout() : shownErr).lines().forEach(l -> bench.err.println("  " + l));
                bench.err.flush();
                t.failed = true;
                break;
            }
            if (i == 1) {
                r.stdout().lines().limit(6).forEach(l -> bench.out.println("  " + l));
            }
            cpu[i - 1] = seconds;
            bench.out.printf(Locale.ROOT, "  run %d/%d: %s, CPU %s, peak heap %s  [%s]%n", i, cpu.length, ImportBench.secs(r.seconds()),
                    seconds > 0 ? ImportBench.secs(seconds) : "not reported", r.peakHeapMb() < 0 ? "not reported" : r.peakHeapMb() + " MB",
                    load());
            bench.out.flush();
            times.add(r.seconds());
            t.maxPeakMb = Math.max(t.maxPeakMb, r.peakHeapMb());
        }
        t.seconds = times.stream().mapToDouble(Double::doubleValue).toArray();
        t.medianSeconds = t.seconds.length == 0 ? 0 : ImportBench.median(t.seconds);
        return t;
    }

    /** The load averages of the last 1, 5 and 15 minutes ({@code /proc/loadavg}), or the 1-minute one Java reports. */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return "load " + f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? "load not known" : String.format(Locale.ROOT, "load %.2f", l);
        }
    }

    /**
     * {@code TOOL LOG > /dev/null}: {seconds, CPU seconds}; seconds -1 (reported) when it failed. The CPU time
     * (user and system) comes from {@code /usr/bin/time} when it exists, else it is 0 (not known).
     */
    private double[] reference(String name, Path tool, Path log) throws IOException, InterruptedException {
        bench.out.print("  " + name + " run … ");
        bench.out.flush();
        Path stderr = Files.createTempFile(bench.o.work(), name + "-", ".err");
        Path times = Files.createTempFile(bench.o.work(), name + "-", ".cpu");
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        try {
            java.util.List<String> cmd = new java.util.ArrayList<>();
            if (timed) {
                cmd.addAll(java.util.List.of("/usr/bin/time", "-o", times.toString(), "-f", "%U %S"));
            }
            cmd.addAll(java.util.List.of(tool.toString(), log.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                            System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null")));
            long start = System.nanoTime();
            int code = pb.start().waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = 0;
            if (timed) {
                String[] f = Files.readString(times, StandardCharsets.UTF_8).trim().split("\\s+");
                try {
                    cpu = Double.parseDouble(f[f.length - 2]) + Double.parseDouble(f[f.length - 1]);
                } catch (RuntimeException e) {
                    cpu = 0;
                }
            }
            bench.out.println(ImportBench.secs(seconds) + (cpu > 0 ? ", CPU " + ImportBench.secs(cpu) : "") + "  [" + load() + "]");
            bench.out.flush();
            if (code != 0) {
                bench.err.printf(Locale.ROOT, "%s failed (exit %d):%n", name, code);
                Files.readString(stderr, StandardCharsets.UTF_8).lines().limit(20).forEach(l -> bench.err.println("  " + l));
                bench.err.flush();
                return new double[] {-1, 0};
            }
            return new double[] {seconds, cpu};
        } finally {
            Files.deleteIfExists(stderr);
            Files.deleteIfExists(times);
        }
    }
}
