package org.mailflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
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

    /** Imports {@code log} {@code --runs} times, runs {@code tool} on it, prints both and the ratio; true when an import failed. */
    private boolean compare(String mix, ImportBench.Generated log, String tool, String install) throws IOException, InterruptedException {
        ImportBench.Timing t = bench.importRuns(log.file(), bench.o.runs());
        long submissions = ImportBench.num(log.facts(), "submissions");
        if (t.failed) {
            bench.out.println(mix + " import: failed (its error output is above)");
        }
        if (t.medianSeconds > 0) {
            bench.out.printf(Locale.ROOT, "%s import (cold JVM, new cache), %d run%s: median %s (%s)  %.0f MB/s  %,.0f submissions/s"
                            + "  peak heap %d MB%n", mix, t.seconds.length, t.seconds.length == 1 ? "" : "s", ImportBench.secs(t.medianSeconds),
                    ImportBench.joined(t.seconds), log.bytes() / (double) MB / t.medianSeconds, submissions / t.medianSeconds, t.maxPeakMb);
        }
        Optional<Path> exe = ImportBench.onPath(tool);
        if (bench.o.pflogsummRuns() <= 0) {
            bench.out.println(tool + ": skipped (--pflogsumm-runs 0)");
        } else if (exe.isEmpty()) {
            bench.out.println(tool + ": not on the PATH, skipped (" + install + "); MB/s and submissions/s above only");
        } else {
            double[] times = new double[bench.o.pflogsummRuns()];
            for (int i = 0; i < times.length; i++) {
                times[i] = tool.equals("pflogsumm") ? bench.pflogsumm(exe.get(), log.file()) : eximstats(exe.get(), log.file());
                if (times[i] < 0) {
                    times = null;
                    break;
                }
            }
            if (times != null) {
                double median = ImportBench.median(times);
                String ratio = t.medianSeconds > 0 && !t.failed
                        ? String.format(Locale.ROOT, "   ratio %.1f× (%s / import)  [target >= %.0f×]", median / t.medianSeconds, tool,
                        TARGET_RATIO) : "";
                bench.out.printf(Locale.ROOT, "%s (%s > /dev/null): median %s (%d run%s: %s)  %.0f MB/s%s%n", tool, exe.get(),
                        ImportBench.secs(median), times.length, times.length == 1 ? "" : "s", ImportBench.joined(times),
                        log.bytes() / (double) MB / median, ratio);
            }
        }
        bench.out.flush();
        return t.failed;
    }

    /** {@code eximstats LOG > /dev/null}: seconds, or -1 (reported) when it failed. */
    private double eximstats(Path eximstats, Path log) throws IOException, InterruptedException {
        bench.out.print("  eximstats run … ");
        bench.out.flush();
        Path stderr = Files.createTempFile(bench.o.work(), "eximstats-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(eximstats.toString(), log.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                            System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null")));
            long start = System.nanoTime();
            int code = pb.start().waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            bench.out.println(ImportBench.secs(seconds));
            bench.out.flush();
            if (code != 0) {
                bench.err.printf(Locale.ROOT, "eximstats failed (exit %d):%n", code);
                Files.readString(stderr, StandardCharsets.UTF_8).lines().limit(20).forEach(l -> bench.err.println("  " + l));
                bench.err.flush();
                return -1;
            }
            return seconds;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
