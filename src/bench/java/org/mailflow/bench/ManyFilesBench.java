package org.mailflow.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.mailflow.cli.ExitCodes;

/**
 * {@code bench import --many-files} (issue 15, "Many files"): how fast {@code import} reads a folder of
 * many small files, where the cost per file (opening, sniffing, the look-up of earlier imports, a
 * source row) dominates, not the bytes. Two inputs, generated into the work folder and kept for later
 * runs with the same count and seed:
 * <ul>
 * <li>a folder of small {@code smtp-auth} CSV files (SPEC 5, the canonical columns): one file per
 * server and hour, 2 to 40 submissions each, about 300 bytes to 4 KB;</li>
 * <li>a Maildir ({@code Maildir/cur}, {@code Maildir/new} and a Maildir++ {@code .Junk/cur}) of one
 * file per message: the messages of {@link MboxGenerator} (its Exchange Online headers, the BCLs and
 * verdicts it writes), without the mbox separator, each body cut after its first 2 KB so that
 * 200 000 messages take about 2 GB rather than the 12 GB of whole bodies (the import reads every
 * byte, for the hash, but parses only the headers).</li>
 * </ul>
 * Each is imported the way {@link ImportBench} times an import: a cold JVM ({@code java -Xmx512m …
 * MeasuredLauncher --cache NEW import FOLDER}) into a new cache, timed from start to exit; then the
 * same folder again into that cache (nothing new), also in a new JVM. Before the first run every file
 * is read once, untimed, so that the runs find the folder in the page cache.
 */
final class ManyFilesBench {
    /** Changes whenever the files written for a count and seed change. */
    private static final int CSV_GENERATION = 1;
    private static final int MAILDIR_GENERATION = 1;
    private static final long MB = 1L << 20;
    /** Bytes of a message body kept in the generated Maildir. */
    private static final int BODY_BYTES = 2048;

    /** What to run; {@code timeoutSeconds} stops a child import that takes longer (it is reported as such). */
    record Options(Path work, int files, int messages, int runs, long seed, long timeoutSeconds, List<String> importArgs,
                   int compareThreads) {
        /** Options that time the default number of threads only. */
        Options(Path work, int files, int messages, int runs, long seed, long timeoutSeconds, List<String> importArgs) {
            this(work, files, messages, runs, seed, timeoutSeconds, importArgs, 0);
        }
    }

    /** The medians of one input's imports (NaN when none ran), and whether a run failed. */
    private record Medians(boolean failed, double first, double again) {
    }

    /** Arguments added to every child import after {@link Options#importArgs()}: the threads being compared. */
    private List<String> extraArgs = List.of();

    private record Run(int exitCode, double seconds, long peakHeapMb, String stdout, String stderr, boolean timedOut) {
    }

    private final Options o;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Path javaBin;
    private final String classPath;

    ManyFilesBench(Options options, PrintWriter out, PrintWriter err) {
        this.o = options;
        this.out = out;
        this.err = err;
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        this.javaBin = Files.isRegularFile(bin.resolve("java.exe")) ? bin.resolve("java.exe") : bin.resolve("java");
        this.classPath = System.getProperty("java.class.path");
    }

    int run() throws IOException, InterruptedException {
        Files.createDirectories(o.work());
        out.printf(Locale.ROOT, "Machine: %d cores, Java %s; child imports: %s -Xmx512m %s; work folder %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), javaBin,
                String.join(" ", org.mailflow.model.BuildInfo.commandLineJavaOptions()), o.work());
        out.flush();
        boolean failed = false;
        if (o.files() > 0) {
            Path folder = csvFolder();
            failed |= measureOrCompare(folder, "CSV files", o.files(), "files", 60, 10, 0);
        } else {
            out.println("many CSV files: skipped (--files 0)");
        }
        if (o.messages() > 0) {
            Path maildir = maildir();
            failed |= measureOrCompare(maildir, "Maildir messages", o.messages(), "messages", 0, 10, 2000);
        } else {
            out.println("Maildir: skipped (--maildir-messages 0)");
        }
        out.flush();
        return failed ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }

    /**
     * {@link #measure} with the default threads, or, with {@link Options#compareThreads()} N, with
     * {@code --threads 1} and then {@code --threads N}, and the speed-up of each median.
     */
    private boolean measureOrCompare(Path folder, String what, int items, String unit, double targetSeconds,
                                     double againTargetSeconds, double targetPerSecond) throws IOException, InterruptedException {
        if (o.compareThreads() < 1) {
            return measure(folder, what, items, unit, targetSeconds, againTargetSeconds, targetPerSecond).failed();
        }
        int n = o.compareThreads();
        out.printf(Locale.ROOT, "%s with --threads 1:%n", what);
        extraArgs = List.of("--threads=1");
        Medians one = measure(folder, what, items, unit, targetSeconds, againTargetSeconds, targetPerSecond);
        out.printf(Locale.ROOT, "%s with --threads %d:%n", what, n);
        extraArgs = List.of("--threads=" + n);
        Medians many = measure(folder, what, items, unit, targetSeconds, againTargetSeconds, targetPerSecond);
        extraArgs = List.of();
        out.printf(Locale.ROOT, "%s, speed-up from 1 to %d threads: import %s, again %s%n", what, n,
                speedUp(one.first(), many.first()), speedUp(one.again(), many.again()));
        out.flush();
        return one.failed() || many.failed();
    }

    private static String speedUp(double one, double many) {
        return Double.isNaN(one) || Double.isNaN(many) ? "not measured" : String.format(Locale.ROOT, "%.2f×", one / many);
    }

    /**
     * Times {@code runs} imports of {@code folder} into a new cache, each followed by the same import
     * again into that cache; prints both medians with their targets (seconds, or items per second).
     */
    private Medians measure(Path folder, String what, int items, String unit, double targetSeconds, double againTargetSeconds,
                            double targetPerSecond) throws IOException, InterruptedException {
        long bytes = readThrough(folder);
        List<Double> first = new ArrayList<>();
        List<Double> again = new ArrayList<>();
        long peak = -1;
        boolean failed = false;
        for (int i = 1; i <= o.runs() && !failed; i++) {
            Path cache = o.work().resolve("bench-many-cache-" + i + ".db");
            deleteCache(cache);
            try {
                Run a = importOnce(folder, cache);
                failed |= report(folder, a, "import " + i + "/" + o.runs(), i == 1);
                if (!a.timedOut() && a.exitCode() == 0) {
                    first.add(a.seconds());
                    peak = Math.max(peak, a.peakHeapMb());
                    Run b = importOnce(folder, cache);
                    failed |= report(folder, b, "again " + i + "/" + o.runs(), i == 1);
                    if (!b.timedOut() && b.exitCode() == 0) {
                        again.add(b.seconds());
                        peak = Math.max(peak, b.peakHeapMb());
                    }
                } else if (a.timedOut()) {
                    break; // every later run would take as long
                }
            } finally {
                deleteCache(cache);
            }
        }
        String size = String.format(Locale.ROOT, "%,d %s (%.0f MB)", items, what, bytes / (double) MB);
        if (!first.isEmpty()) {
            double m = median(first);
            String target = targetSeconds > 0 ? String.format(Locale.ROOT, "[target <= %.0f s]", targetSeconds)
                    : String.format(Locale.ROOT, "[target >= %,.0f %s/s]", targetPerSecond, unit);
            out.printf(Locale.ROOT, "%s, import (cold JVM, new cache), %d run%s: median %s (%s)  %,.0f %s/s  %.1f MB/s  peak heap %d MB  %s%n",
                    size, first.size(), first.size() == 1 ? "" : "s", secs(m), joined(first), items / m, unit, bytes / (double) MB / m,
                    peak, target);
        }
        if (!again.isEmpty()) {
            double m = median(again);
            out.printf(Locale.ROOT, "%s, the same folder again (nothing new), %d run%s: median %s (%s)  %,.0f %s/s  [target <= %.0f s]%n",
                    size, again.size(), again.size() == 1 ? "" : "s", secs(m), joined(again), items / m, unit, againTargetSeconds);
        }
        out.flush();
        return new Medians(failed, first.isEmpty() ? Double.NaN : median(first), again.isEmpty() ? Double.NaN : median(again));
    }

    /** Prints one run; true when it failed or timed out. */
    private boolean report(Path folder, Run r, String label, boolean showSummary) {
        if (r.timedOut()) {
            out.printf(Locale.ROOT, "  %s: stopped after %s (--many-files-timeout)%n", label, secs(r.seconds()));
            out.flush();
            return true;
        }
        if (r.exitCode() != 0) {
            err.printf(Locale.ROOT, "import of %s failed (exit %d) after %s:%n", folder, r.exitCode(), secs(r.seconds()));
            String shown = r.stderr().isBlank() ? r.stdout() : r.stderr();
            shown.lines().limit(40).forEach(l -> err.println("  " + l));
            err.flush();
            return true;
        }
        if (showSummary) {
            r.stdout().lines().limit(4).forEach(l -> out.println("  " + (l.length() > 200 ? l.substring(0, 200) + " …" : l)));
        }
        out.printf(Locale.ROOT, "  %s: %s, peak heap %s%n", label, secs(r.seconds()), r.peakHeapMb() < 0 ? "not reported" : r.peakHeapMb() + " MB");
        out.flush();
        return false;
    }

    // --- generated inputs -----------------------------------------------------------------------

    /** The folder of small smtp-auth CSVs, generated unless a complete one of this count and seed is there. */
    Path csvFolder() throws IOException {
        Path folder = o.work().resolve("many-csv-" + o.files() + "-seed" + o.seed());
        Path facts = folder.resolveSibling(folder.getFileName() + ".properties");
        if (!complete(facts, CSV_GENERATION)) {
            out.printf(Locale.ROOT, "Generating %,d small smtp-auth CSV files …%n", o.files());
            out.flush();
            long t = System.nanoTime();
            deleteTree(folder);
            Files.deleteIfExists(facts);
            Files.createDirectories(folder);
            long bytes = writeCsvFiles(folder, o.files(), o.seed());
            record(facts, CSV_GENERATION, bytes, (System.nanoTime() - t) / 1e9);
        }
        Properties p = load(facts);
        out.printf(Locale.ROOT, "CSV folder: %s  %,d files, %.1f MB (%s)%n", folder, o.files(), Long.parseLong(p.getProperty("bytes")) / (double) MB,
                "generated in " + p.getProperty("seconds") + " s");
        out.flush();
        return folder;
    }

    /**
     * Writes {@code files} smtp-auth CSVs into {@code folder}: file i holds the submissions of one server
     * ({@code smtp1} … {@code smtp8}) in one hour, counted forward from 2026-10-01, 2 to 40 rows of
     * 300 accounts on 60 client addresses, some with legacy TLS. Returns the bytes written.
     */
    static long writeCsvFiles(Path folder, int files, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] tls = {"TLSv1.3", "TLSv1.3", "TLSv1.2", "TLSv1.2", "TLSv1.2", "TLSv1", "TLSv1.1", "none"};
        String[] ciphers = {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "ECDHE-RSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "AES128-SHA", "ECDHE-RSA-AES256-SHA", ""};
        String[] methods = {"PLAIN", "LOGIN", "PLAIN", "CRAM-MD5"};
        long start = java.time.LocalDateTime.of(2026, 10, 1, 0, 0).toEpochSecond(java.time.ZoneOffset.UTC);
        long total = 0;
        StringBuilder b = new StringBuilder(8192);
        for (int i = 0; i < files; i++) {
            int server = 1 + i % 8;
            long hour = start + (long) (i / 8) * 3600;
            int rows = 2 + rnd.nextInt(39);
            b.setLength(0);
            b.append("timestamp,sender,tls_version,client_ip,auth_method,count,domain,tls_cipher,server,message_id\n");
            long[] times = new long[rows];
            for (int r = 0; r < rows; r++) {
                times[r] = hour + rnd.nextInt(3600);
            }
            Arrays.sort(times);
            for (int r = 0; r < rows; r++) {
                int account = rnd.nextInt(300);
                int t = rnd.nextInt(tls.length);
                String domain = account % 3 == 0 ? "fabrikam.example" : "contoso.example";
                b.append(java.time.Instant.ofEpochSecond(times[r])).append(',')
                        .append(account % 17 == 0 ? "scanner" + account : "user" + account + "@" + domain).append(',')
                        .append(tls[t]).append(',')
                        .append(account % 5 == 0 ? "198.51.100." : "203.0.113.").append(10 + account % 60).append(',')
                        .append(methods[account % methods.length]).append(',')
                        .append(1 + (rnd.nextInt(10) == 0 ? rnd.nextInt(20) : 0)).append(',')
                        .append(account % 17 == 0 ? domain : "").append(',')
                        .append(ciphers[t]).append(",smtp").append(server).append(',');
                if (rnd.nextInt(3) > 0) {
                    b.append('<').append(Long.toHexString(times[r])).append('.').append(Integer.toHexString(rnd.nextInt()))
                            .append("@smtp").append(server).append('.').append(domain).append('>');
                }
                b.append('\n');
            }
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            Files.write(folder.resolve(String.format(Locale.ROOT, "smtp%d-auth-%06d.csv", server, i / 8)), bytes);
            total += bytes.length;
        }
        return total;
    }

    /** The Maildir, generated unless a complete one of this count and seed is there. */
    Path maildir() throws IOException {
        Path root = o.work().resolve("maildir-" + o.messages() + "-seed" + o.seed());
        Path facts = root.resolveSibling(root.getFileName() + ".properties");
        if (!complete(facts, MAILDIR_GENERATION)) {
            out.printf(Locale.ROOT, "Generating a Maildir of %,d messages …%n", o.messages());
            out.flush();
            long t = System.nanoTime();
            deleteTree(root);
            Files.deleteIfExists(facts);
            long bytes = writeMaildir(root.resolve("Maildir"), o.messages(), o.seed());
            record(facts, MAILDIR_GENERATION, bytes, (System.nanoTime() - t) / 1e9);
        }
        Properties p = load(facts);
        out.printf(Locale.ROOT, "Maildir: %s  %,d messages, %.1f MB (%s)%n", root, o.messages(), Long.parseLong(p.getProperty("bytes")) / (double) MB,
                "generated in " + p.getProperty("seconds") + " s");
        out.flush();
        return root;
    }

    /**
     * Writes {@code messages} message files into the Maildir {@code maildir}: {@link MboxGenerator}'s
     * messages, split at their separators, each body cut after {@value #BODY_BYTES} bytes (at a line
     * end). A message the headers say went to the junk folder ({@code dest:J}) goes to {@code .Junk/cur},
     * one in twenty of the others to {@code new}, the rest to {@code cur}. Returns the bytes written.
     */
    static long writeMaildir(Path maildir, int messages, long seed) throws IOException {
        for (String sub : List.of("cur", "new", "tmp", ".Junk/cur", ".Junk/new", ".Junk/tmp")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        MaildirWriter w = new MaildirWriter(maildir, messages);
        try {
            new MboxGenerator(seed).write(w, Long.MAX_VALUE / 4);
        } catch (MaildirWriter.Enough e) {
            // the count is reached
        }
        w.finish();
        return w.bytes;
    }

    /** Takes the mbox stream and writes each message as a file. */
    private static final class MaildirWriter extends OutputStream {
        /** Thrown when the count is reached, to stop the generator. */
        static final class Enough extends IOException {
            Enough() {
                super("enough messages", null);
            }
        }

        private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] JUNK = "dest:J".getBytes(StandardCharsets.US_ASCII);
        private final Path maildir;
        private final int wanted;
        private byte[] buf = new byte[1 << 22];
        private int len;
        private int written;
        long bytes;

        MaildirWriter(Path maildir, int wanted) {
            this.maildir = maildir;
            this.wanted = wanted;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
            System.arraycopy(b, off, buf, len, n);
            len += n;
            drain(false);
        }

        void finish() throws IOException {
            if (written < wanted) {
                drain(true);
            }
        }

        /** Writes every complete message in the buffer (and the last one when {@code all}). */
        private void drain(boolean all) throws IOException {
            int start = 0; // the buffer always begins with a separator line
            while (true) {
                int next = nextSeparator(start + 1);
                if (next < 0) {
                    if (all && len > start) {
                        message(start, len);
                        start = len;
                    }
                    break;
                }
                message(start, next);
                start = next;
            }
            System.arraycopy(buf, start, buf, 0, len - start);
            len -= start;
        }

        private int nextSeparator(int from) {
            for (int i = Math.max(from, 1); i + FROM.length <= len; i++) {
                if (buf[i - 1] == '\n' && buf[i] == 'F' && startsWith(i, FROM)) {
                    return i;
                }
            }
            return -1;
        }

        private boolean startsWith(int at, byte[] what) {
            for (int k = 0; k < what.length; k++) {
                if (buf[at + k] != what[k]) {
                    return false;
                }
            }
            return true;
        }

        private void message(int from, int to) throws IOException {
            if (written >= wanted) {
                throw new Enough();
            }
            int headers = from;
            while (headers < to && buf[headers] != '\n') {
                headers++; // past the separator line
            }
            headers++;
            int bodyStart = headers;
            while (bodyStart + 1 < to && !(buf[bodyStart] == '\n' && buf[bodyStart + 1] == '\n')) {
                bodyStart++;
            }
            bodyStart = Math.min(to, bodyStart + 2);
            int end = to;
            if (end - bodyStart > BODY_BYTES) {
                end = bodyStart + BODY_BYTES;
                while (end > bodyStart && buf[end - 1] != '\n') {
                    end--;
                }
            }
            boolean junk = indexOf(headers, bodyStart, JUNK) >= 0;
            long time = 1_790_000_000L + written;
            String folder = junk ? ".Junk/cur" : written % 20 == 0 ? "new" : "cur";
            String name = time + ".M" + written + "P4242.bench" + (folder.endsWith("new") ? "" : ":2,S");
            byte[] content = Arrays.copyOfRange(buf, headers, end);
            Files.write(maildir.resolve(folder).resolve(name), content);
            bytes += content.length;
            written++;
        }

        private int indexOf(int from, int to, byte[] what) {
            for (int i = from; i + what.length <= to; i++) {
                if (buf[i] == what[0] && startsWith(i, what)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static boolean complete(Path facts, int generation) throws IOException {
        if (!Files.isRegularFile(facts)) {
            return false;
        }
        Properties p = load(facts);
        return String.valueOf(generation).equals(p.getProperty("generation")) && p.getProperty("bytes", "").matches("\\d+");
    }

    private static void record(Path facts, int generation, long bytes, double seconds) throws IOException {
        Properties p = new Properties();
        p.setProperty("generation", String.valueOf(generation));
        p.setProperty("bytes", Long.toString(bytes));
        p.setProperty("seconds", String.format(Locale.ROOT, "%.1f", seconds));
        try (OutputStream w = Files.newOutputStream(facts)) {
            p.store(w, "What bench import --many-files generated (written last: the folder is complete)");
        }
    }

    private static Properties load(Path facts) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(facts)) {
            p.load(in);
        }
        return p;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Reads every file of the folder once, so that the timed runs find them in the page cache; returns their bytes. */
    private static long readThrough(Path folder) throws IOException {
        long total = 0;
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                total += Files.readAllBytes(p).length;
            }
        }
        return total;
    }

    // --- child processes ------------------------------------------------------------------------

    /** One import in a fresh JVM into {@code cache} (new or not), timed from process start to exit. */
    private Run importOnce(Path folder, Path cache) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBin.toString(), "-Xmx512m"));
        cmd.addAll(org.mailflow.model.BuildInfo.commandLineJavaOptions()); // what the installed command starts with
        cmd.addAll(List.of("-cp", classPath,
                MeasuredLauncher.class.getName(), "--cache", cache.toString(), "import"));
        cmd.addAll(o.importArgs());
        cmd.addAll(extraArgs);
        cmd.add(folder.toString());
        Path stdout = Files.createTempFile(o.work(), "import-", ".out");
        Path stderr = Files.createTempFile(o.work(), "import-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(System.getProperty("os.name", "").startsWith("Windows")
                            ? "NUL" : "/dev/null")));
            long t = System.nanoTime();
            Process p = pb.start();
            boolean done = p.waitFor(o.timeoutSeconds(), TimeUnit.SECONDS);
            if (!done) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor();
                }
                return new Run(-1, (System.nanoTime() - t) / 1e9, -1, "", "", true);
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            String errText = Files.readString(stderr, StandardCharsets.UTF_8);
            Matcher m = ImportBench.PEAK_HEAP.matcher(errText);
            long peak = m.find() ? Long.parseLong(m.group(1)) : -1;
            String shownErr = ImportBench.PEAK_HEAP.matcher(errText).replaceAll("").strip();
            return new Run(p.exitValue(), seconds, peak, Files.readString(stdout, StandardCharsets.UTF_8), shownErr, false);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static void deleteCache(Path cache) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal", ".lock"}) {
            Files.deleteIfExists(cache.resolveSibling(cache.getFileName() + suffix));
        }
    }

    // --- formatting -----------------------------------------------------------------------------

    private static double median(List<Double> values) {
        return ImportBench.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, s < 10 ? "%.2f s" : "%.1f s", s);
    }

    private static String joined(List<Double> seconds) {
        StringBuilder b = new StringBuilder();
        for (double s : seconds) {
            b.append(b.isEmpty() ? "" : " / ").append(String.format(Locale.ROOT, s < 10 ? "%.2f" : "%.1f", s));
        }
        return b.toString();
    }
}
