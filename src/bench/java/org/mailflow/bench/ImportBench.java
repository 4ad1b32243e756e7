package org.mailflow.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailflow.cli.ExitCodes;

/**
 * {@code bench import}: how fast {@code import} reads a large Postfix log and a large mbox, measured as
 * a user meets it: a cold JVM ({@code java -Xmx512m OPTIONS … org.mailflow.bench.MeasuredLauncher --cache NEW import FILE},
 * where OPTIONS are the installed command line's JVM options, {@link org.mailflow.model.BuildInfo#commandLineJavaOptions()};
 * the heap limit is the bench's own, the budget an import must keep to),
 * the product's launcher with a peak heap report)
 * started for each run, into a new cache, timed from start to exit. Compared with Debian's
 * {@code pflogsumm} on the same log when it is on the {@code PATH}. The child's peak heap comes from
 * the {@code peak heap: N MB} line that {@link MeasuredLauncher} prints when the child exits.
 *
 * <p>Inputs are generated ({@link PostfixLogGenerator}, {@link MboxGenerator}) into the work folder and
 * kept: a later run with the same size and seed reuses them (a {@code .properties} file beside each
 * records what was written, so a partial file is never taken for a finished one).
 */
final class ImportBench {
    /** The peak heap line {@link MeasuredLauncher} prints. */
    static final Pattern PEAK_HEAP = Pattern.compile("(?m)^peak heap: (\\d+) MB\\s*$");
    private static final long MB = 1L << 20;
    /** Recorded with each generated file: a file from another version of the generators is generated again. */
    private static final String GENERATION = PostfixLogGenerator.OUTPUT_VERSION + "." + MboxGenerator.OUTPUT_VERSION;

    /** What to run. */
    record Options(Path work, int sizeMb, int mboxSizeMb, int runs, int pflogsummRuns, boolean big, int bigSizeMb, long seed,
                   List<String> importArgs, java.util.Set<String> mixes) {
        /** The mixes {@code --mix} may name; {@code all} is every one. */
        static final List<String> MIXES = List.of("default", "relay", "exim");

        /** The options with the default mix only (the bench as it was before {@code --mix}). */
        Options(Path work, int sizeMb, int mboxSizeMb, int runs, int pflogsummRuns, boolean big, int bigSizeMb, long seed,
                List<String> importArgs) {
            this(work, sizeMb, mboxSizeMb, runs, pflogsummRuns, big, bigSizeMb, seed, importArgs, java.util.Set.of("default"));
        }
    }

    /** One timed child import. */
    record ImportRun(int exitCode, double seconds, long peakHeapMb, String stdout, String stderr) {
    }

    final Options o;
    final PrintWriter out;
    final PrintWriter err;
    private final Path javaBin;
    private final String classPath;

    ImportBench(Options options, PrintWriter out, PrintWriter err) {
        this.o = options;
        this.out = out;
        this.err = err;
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        this.javaBin = Files.isRegularFile(bin.resolve("java.exe")) ? bin.resolve("java.exe") : bin.resolve("java");
        this.classPath = System.getProperty("java.class.path");
    }

    /** Runs every part; returns {@link ExitCodes#BAD_INPUT} when a child import failed, after the other parts ran. */
    int run() throws IOException, InterruptedException {
        Files.createDirectories(o.work());
        out.printf(Locale.ROOT, "Machine: %d cores, Java %s; child imports: %s -Xmx512m %s; work folder %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), javaBin,
                String.join(" ", org.mailflow.model.BuildInfo.commandLineJavaOptions()), o.work());
        out.flush();
        boolean failed = false;

        if (o.mixes().contains("default")) {
            failed |= defaultMix();
        }
        failed |= new MixBench(this).run();
        return failed ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }

    /** The default mix: the generator's small-provider Postfix log, the mbox and {@code --big}; true when an import failed. */
    private boolean defaultMix() throws IOException, InterruptedException {
        boolean failed = false;
        // 1-3. The Postfix log, its imports, and pflogsumm on it.
        Generated log = postfixLog(o.sizeMb());
        Timing logImport = importRuns(log.file(), o.runs());
        failed |= logImport.failed;
        if (logImport.failed) {
            out.println("import: failed (its error output is above)");
        }
        if (logImport.medianSeconds > 0) {
            out.printf(Locale.ROOT, "import (cold JVM, new cache), %d run%s: median %s (%s)  %.0f MB/s  peak heap %d MB%n",
                    logImport.seconds.length, o.runs() == 1 ? "" : "s", secs(logImport.medianSeconds), joined(logImport.seconds),
                    log.bytes() / (double) MB / logImport.medianSeconds, logImport.maxPeakMb);
        }
        Optional<Path> pflogsumm = onPath("pflogsumm");
        if (o.pflogsummRuns() <= 0) {
            out.println("pflogsumm: skipped (--pflogsumm-runs 0)");
        } else if (pflogsumm.isEmpty()) {
            out.println("pflogsumm: not on the PATH, skipped (Debian: apt-get install pflogsumm)");
        } else {
            double[] times = new double[o.pflogsummRuns()];
            for (int i = 0; i < times.length; i++) {
                times[i] = pflogsumm(pflogsumm.get(), log.file());
                if (times[i] < 0) {
                    times = null;
                    break;
                }
            }
            if (times != null) {
                double median = median(times);
                String ratio = logImport.medianSeconds > 0 && !logImport.failed
                        ? String.format(Locale.ROOT, "   ratio %.1f× (pflogsumm / import)  [target >= 10×]", median / logImport.medianSeconds) : "";
                out.printf(Locale.ROOT, "pflogsumm (%s > /dev/null): median %s (%d run%s: %s)  %.0f MB/s%s%n", pflogsumm.get(),
                        secs(median), times.length, times.length == 1 ? "" : "s", joined(times), log.bytes() / (double) MB / median, ratio);
            }
        }
        out.flush();

        // 4. The mbox.
        if (o.mboxSizeMb() > 0) {
            Generated mbox = mbox(o.mboxSizeMb());
            Timing mboxImport = importRuns(mbox.file(), o.runs());
            failed |= mboxImport.failed;
            if (mboxImport.failed) {
                out.println("mbox import: failed (its error output is above)");
            }
            if (mboxImport.medianSeconds > 0) {
                out.printf(Locale.ROOT, "mbox import (cold JVM, new cache), %d run%s: median %s (%s)  %.0f MB/s  peak heap %d MB"
                                + "  [target >= 150 MB/s]%n", mboxImport.seconds.length, o.runs() == 1 ? "" : "s",
                        secs(mboxImport.medianSeconds), joined(mboxImport.seconds), mbox.bytes() / (double) MB / mboxImport.medianSeconds,
                        mboxImport.maxPeakMb);
            }
        } else {
            out.println("mbox: skipped (--mbox-size 0)");
        }
        out.flush();

        // 5. The heap while importing a big log.
        if (o.big()) {
            Generated big = postfixLog(o.bigSizeMb());
            Timing bigImport = importRuns(big.file(), 1);
            failed |= bigImport.failed;
            if (bigImport.failed) {
                out.println("big log import: failed (its error output is above)");
            }
            if (bigImport.medianSeconds > 0) {
                out.printf(Locale.ROOT, "big log import (cold JVM, new cache, -Xmx512m): %s  %.0f MB/s  peak heap %d MB%n",
                        secs(bigImport.medianSeconds), big.bytes() / (double) MB / bigImport.medianSeconds, bigImport.maxPeakMb);
            }
        } else {
            out.println("big log (heap while importing a 2 GB log): skipped, --big runs it");
        }
        out.flush();
        return failed;
    }

    // --- generated inputs -----------------------------------------------------------------------

    /** A generated file and what its generator reported. */
    record Generated(Path file, long bytes, Properties facts) {
    }

    private Generated postfixLog(int sizeMb) throws IOException {
        Path file = o.work().resolve("postfix-" + sizeMb + "MB-seed" + o.seed() + ".log");
        Generated g = reuse(file);
        if (g == null) {
            out.printf(Locale.ROOT, "Generating a %d MB Postfix log …%n", sizeMb);
            out.flush();
            g = generate(file, target -> {
                PostfixLogGenerator.Result r = new PostfixLogGenerator(o.seed()).write(target, sizeMb * MB);
                Properties p = new Properties();
                p.setProperty("bytes", Long.toString(r.bytes()));
                p.setProperty("lines", Long.toString(r.lines()));
                p.setProperty("messages", Long.toString(r.messages()));
                p.setProperty("submissions", Long.toString(r.submissions()));
                p.setProperty("authFailures", Long.toString(r.authFailures()));
                p.setProperty("authFailuresWithoutUser", Long.toString(r.authFailuresWithoutUser()));
                return p;
            });
        }
        Properties f = g.facts();
        out.printf(Locale.ROOT, "Postfix log: %s  %s, %,d lines, %,d messages, %,d SMTP AUTH submissions, %,d failed authentications"
                        + " (%,d without user name) (%s)%n", file, mb(g.bytes()), num(f, "lines"), num(f, "messages"), num(f, "submissions"),
                num(f, "authFailures"), num(f, "authFailuresWithoutUser"), generatedNote(f, g.bytes()));
        out.flush();
        return g;
    }

    private Generated mbox(int sizeMb) throws IOException {
        Path file = o.work().resolve("mbox-" + sizeMb + "MB-seed" + o.seed() + ".mbox");
        Generated g = reuse(file);
        if (g == null) {
            out.printf(Locale.ROOT, "Generating a %d MB mbox …%n", sizeMb);
            out.flush();
            g = generate(file, target -> {
                MboxGenerator.Result r = new MboxGenerator(o.seed()).write(target, sizeMb * MB);
                Properties p = new Properties();
                p.setProperty("bytes", Long.toString(r.bytes()));
                p.setProperty("messages", Long.toString(r.messages()));
                p.setProperty("messagesWithBcl", Long.toString(r.messagesWithBcl()));
                p.setProperty("attachments", Long.toString(r.attachments()));
                return p;
            });
        }
        Properties f = g.facts();
        long messages = num(f, "messages");
        out.printf(Locale.ROOT, "mbox: %s  %s, %,d messages (%,d with a BCL, %,d with attachments), %.0f KB a message (%s)%n", file,
                mb(g.bytes()), messages, num(f, "messagesWithBcl"), num(f, "attachments"), g.bytes() / 1024.0 / Math.max(1, messages),
                generatedNote(f, g.bytes()));
        out.flush();
        return g;
    }

    /** Writes a generated file and says what it holds. */
    interface Producer {
        Properties write(OutputStream target) throws IOException;
    }

    /** Generates into a temporary file, then moves it into place and records its facts beside it. */
    Generated generate(Path file, Producer producer) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        Path facts = factsOf(file);
        Files.deleteIfExists(facts);
        long t = System.nanoTime();
        Properties p;
        try (OutputStream target = Files.newOutputStream(tmp)) {
            p = producer.write(target);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        p.setProperty("generation", GENERATION);
        p.setProperty("seconds", String.format(Locale.ROOT, "%.2f", seconds));
        try (OutputStream w = Files.newOutputStream(facts)) {
            p.store(w, "What generated " + file.getFileName() + " holds (mailflow-insights bench import)");
        }
        p.setProperty("fresh", "true");
        return new Generated(file, Long.parseLong(p.getProperty("bytes")), p);
    }

    /** The earlier generated file, if it is complete and from this generation; else null. */
    Generated reuse(Path file) throws IOException {
        Path facts = factsOf(file);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(facts)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(facts)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String bytes = p.getProperty("bytes", "");
        if (!GENERATION.equals(p.getProperty("generation")) || !bytes.matches("\\d+") || Files.size(file) != Long.parseLong(bytes)) {
            return null;
        }
        return new Generated(file, Long.parseLong(bytes), p);
    }

    private static Path factsOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".properties");
    }

    static String generatedNote(Properties p, long bytes) {
        double seconds = Double.parseDouble(p.getProperty("seconds", "0"));
        String speed = seconds > 0 ? String.format(Locale.ROOT, "%.1f s, %.0f MB/s", seconds, bytes / (double) MB / seconds) : "";
        return p.containsKey("fresh") ? "generated in " + speed : "reused; generated earlier in " + speed;
    }

    static long num(Properties p, String key) {
        String v = p.getProperty(key, "0");
        return v.matches("\\d+") ? Long.parseLong(v) : 0;
    }

    // --- child processes ------------------------------------------------------------------------

    /** Times and peak heaps of a series of imports; the series stops at the first failure. */
    static final class Timing {
        double[] seconds = new double[0];
        double medianSeconds;
        long maxPeakMb = -1;
        boolean failed;
    }

    /**
     * Times {@code runs} imports of {@code file}. The file is read through once first, untimed, so that
     * every run finds it in the page cache as pflogsumm (which runs after) does: the first run would
     * otherwise also time the disk.
     */
    Timing importRuns(Path file, int runs) throws IOException, InterruptedException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        Timing t = new Timing();
        List<Double> times = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Path cache = o.work().resolve("bench-cache-" + i + ".db");
            ImportRun r;
            try {
                r = importOnce(file, cache);
            } finally {
                deleteCache(cache);
            }
            if (r.exitCode() != 0) {
                err.printf(Locale.ROOT, "import of %s failed (exit %d) after %s:%n", file.getFileName(), r.exitCode(), secs(r.seconds()));
                String shown = r.stderr().isBlank() ? r.stdout() : r.stderr();
                shown.lines().forEach(l -> err.println("  " + l));
                err.flush();
                t.failed = true;
                break;
            }
            if (i == 1) {
                r.stdout().lines().limit(6).forEach(l -> out.println("  " + l));
            }
            out.printf(Locale.ROOT, "  run %d/%d: %s, peak heap %s%n", i, runs, secs(r.seconds()),
                    r.peakHeapMb() < 0 ? "not reported" : r.peakHeapMb() + " MB");
            out.flush();
            times.add(r.seconds());
            t.maxPeakMb = Math.max(t.maxPeakMb, r.peakHeapMb());
        }
        t.seconds = times.stream().mapToDouble(Double::doubleValue).toArray();
        t.medianSeconds = t.seconds.length == 0 ? 0 : median(t.seconds);
        return t;
    }

    /** One import in a fresh JVM into a new cache, timed from process start to exit. */
    ImportRun importOnce(Path file, Path cache) throws IOException, InterruptedException {
        deleteCache(cache);
        List<String> cmd = new ArrayList<>(List.of(javaBin.toString(), "-Xmx512m"));
        cmd.addAll(org.mailflow.model.BuildInfo.commandLineJavaOptions()); // what the installed command starts with
        cmd.addAll(List.of("-cp", classPath,
                MeasuredLauncher.class.getName(), "--cache", cache.toString(), "import"));
        cmd.addAll(o.importArgs());
        cmd.add(file.toString());
        Path stdout = Files.createTempFile(o.work(), "import-", ".out");
        Path stderr = Files.createTempFile(o.work(), "import-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            long t = System.nanoTime();
            Process p = pb.start();
            int code = p.waitFor();
            double seconds = (System.nanoTime() - t) / 1e9;
            String errText = Files.readString(stderr, StandardCharsets.UTF_8);
            Matcher m = PEAK_HEAP.matcher(errText);
            long peak = m.find() ? Long.parseLong(m.group(1)) : -1;
            String shownErr = PEAK_HEAP.matcher(errText).replaceAll("").strip();
            return new ImportRun(code, seconds, peak, Files.readString(stdout, StandardCharsets.UTF_8), shownErr);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** {@code pflogsumm LOG > /dev/null}: seconds, or -1 (reported) when it failed. */
    double pflogsumm(Path pflogsumm, Path log) throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "  pflogsumm run … ");
        out.flush();
        Path stderr = Files.createTempFile(o.work(), "pflogsumm-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(pflogsumm.toString(), log.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            long t = System.nanoTime();
            int code = pb.start().waitFor();
            double seconds = (System.nanoTime() - t) / 1e9;
            out.println(secs(seconds));
            out.flush();
            if (code != 0) {
                err.printf(Locale.ROOT, "pflogsumm failed (exit %d):%n", code);
                Files.readString(stderr, StandardCharsets.UTF_8).lines().limit(20).forEach(l -> err.println("  " + l));
                err.flush();
                return -1;
            }
            return seconds;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void deleteCache(Path cache) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(cache.resolveSibling(cache.getFileName() + suffix));
        }
    }

    /** The first executable {@code name} on the {@code PATH}. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    // --- formatting -----------------------------------------------------------------------------

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static String secs(double s) {
        return String.format(Locale.ROOT, s < 10 ? "%.2f s" : "%.1f s", s);
    }

    static String joined(double[] seconds) {
        StringBuilder b = new StringBuilder();
        for (double s : seconds) {
            b.append(b.isEmpty() ? "" : " / ").append(String.format(Locale.ROOT, s < 10 ? "%.2f" : "%.1f", s));
        }
        return b.toString();
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
    }
}
