package org.mailflow.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.mailflow.ingest.ImportFormat;
import org.mailflow.ingest.StreamedLog;
import org.mailflow.model.UserText;
import picocli.CommandLine;

/**
 * The fleet import (SPEC 8): reads the mail logs of many servers on Spark and writes daily
 * aggregates in the app's canonical CSV formats, which the desktop imports like any other CSV and
 * which give the reports an import of the same logs gives.
 *
 * <p>The driver lists the files the {@code --in} globs and folders name (on any file system Spark
 * reads: local, {@code hdfs://}, {@code s3a://}), groups them into rotated series (the files of one
 * folder with one base name, {@link StreamedLog#seriesBase}: one host's {@code mail.log},
 * {@code mail.log.1}, {@code mail.log.2.gz}), and runs one task per series ({@link SeriesTask}).
 * When all have ended it joins their parts into one file per day and kind,
 * {@code OUT/YYYY-MM-DD/smtp-auth-RUN.csv.gz}, {@code auth-failures-RUN.csv.gz}, and for mboxes
 * {@code bulk-RUN.csv.gz} and {@code events-RUN.csv.gz}, and writes the
 * run's manifest ({@link Manifest}) last. Output is append-only: a run writes only what no earlier
 * run read, and a run that found nothing new writes nothing.
 *
 * <p>A series whose file cannot be read to its end (not a log, a damaged gzip, a last line that
 * changed) is listed in the summary with its host, file and line; none of its rows are written and
 * none of its files enter the manifest, so the next run reads it again. Paths that match nothing or
 * cannot be listed are listed too. Exit code 0 when every series was read, 3 when one failed or a
 * path could not be read, 2 for a usage error.
 */
@CommandLine.Command(name = "mailflow-insights-fleet", mixinStandardHelpOptions = true, version = "mailflow-insights-fleet 1",
        description = "Reads the mail logs of a fleet of servers on Spark into daily aggregates the Mailflow Insights app imports.")
public final class FleetImport implements Callable<Integer> {
    @CommandLine.Option(names = "--in", required = true, paramLabel = "GLOB",
            description = "Log files, folders (read recursively) or globs, on any file system Spark reads; repeatable.")
    List<String> in = new ArrayList<>();

    @CommandLine.Option(names = "--out", required = true, paramLabel = "FOLDER", description = "The output folder (append-only).")
    String out;

    @CommandLine.Option(names = "--year", paramLabel = "YYYY", description = "The year of the first line of classic syslog timestamps.")
    Integer year;

    @CommandLine.Option(names = "--format", paramLabel = "postfix|exim", description = "Read every file as this log format.")
    String format;

    @CommandLine.Option(names = "--master", paramLabel = "URL", description = "The Spark master (spark-submit sets it; default local[*]).")
    String master;

    @CommandLine.Option(names = "--run", paramLabel = "ID", description = "The run's id in file names (default: the UTC time, yyyyMMdd-HHmmss).")
    String run;

    /** How {@link SeriesTask.FileOutcome#status()} begins for a file that was not read. */
    static final String PASSED_OVER = "passed over: ";

    /** Runs the job; exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new FleetImport()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        SparkConf conf = new SparkConf().setAppName("mailflow-insights-fleet").set("spark.ui.enabled", "false");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            Summary s = run(sc, options());
            s.print(System.out);
            return s.exitCode();
        }
    }

    /** The options as the job takes them. */
    Options options() {
        Optional<ImportFormat> f = Optional.empty();
        if (format != null) {
            f = java.util.Arrays.stream(ImportFormat.values())
                    .filter(v -> v.kind() == ImportFormat.Kind.LOG && v.token().equalsIgnoreCase(format)).findFirst();
            if (f.isEmpty()) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--format: expected postfix or exim, found " + format);
            }
        }
        return new Options(List.copyOf(in), out, year == null ? OptionalInt.empty() : OptionalInt.of(year), f, run);
    }

    /** What a run reads and where it writes; {@code run} null for the UTC time. */
    public record Options(List<String> in, String out, OptionalInt year, Optional<ImportFormat> format, String run) {
    }

    /** What a run did. */
    public record Summary(String run, List<SeriesTask.Result> series, List<String> unreadable, List<String> written) {
        public boolean failed() {
            return !unreadable.isEmpty() || series.stream().anyMatch(r -> r.failure() != null);
        }

        /** Submissions the run wrote (those of the series that were read). */
        public long submissions() {
            return series.stream().filter(r -> r.failure() == null).flatMap(r -> r.files().stream())
                    .mapToLong(SeriesTask.FileOutcome::submissions).sum();
        }

        public int exitCode() {
            return failed() ? 3 : 0;
        }

        /** Prints what the run did, in the language of the environment (English or Traditional Chinese). */
        public void print(PrintStream out) {
            out.println(UserText.of("fleet.run", run, series.size()));
            long submissions = 0;
            long failures = 0;
            long bulkMessages = 0;
            for (SeriesTask.Result r : series) {
                long subs = r.files().stream().mapToLong(SeriesTask.FileOutcome::submissions).sum();
                long fails = r.files().stream().mapToLong(SeriesTask.FileOutcome::failures).sum();
                long bulk = r.files().stream().mapToLong(SeriesTask.FileOutcome::bulk).sum();
                if (r.failure() == null) {
                    submissions += subs;
                    failures += fails;
                    bulkMessages += bulk;
                }
                out.println("  " + UserText.of(r.failure() == null ? "fleet.series" : "fleet.series.notWritten", r.files().size(),
                        count(r, "new"), count(r, "continued"), count(r, "already"), subs, fails, bulk, r.series(), r.host()));
                for (SeriesTask.FileOutcome f : r.files()) {
                    if (f.status().startsWith(PASSED_OVER)) {
                        out.println("    " + UserText.of("fleet.passedOver", f.path(), f.status().substring(PASSED_OVER.length())));
                    }
                    for (String bad : f.badExamples()) {
                        out.println("    " + UserText.of("fleet.badLine", f.path(), bad));
                    }
                }
            }
            for (SeriesTask.Result r : series) {
                SeriesTask.Failure f = r.failure();
                if (f != null) {
                    out.println(f.line() > 0 ? UserText.of("fleet.failed.atLine", r.host(), f.file(), f.line(), f.reason())
                            : UserText.of("fleet.failed", r.host(), f.file(), f.reason()));
                }
            }
            for (String u : unreadable) {
                out.println(UserText.of("fleet.unreadable", u));
            }
            out.println(UserText.of(written.isEmpty() ? "fleet.nothingNew" : "fleet.written", written.size(), submissions, failures,
                    bulkMessages));
        }

        private static long count(SeriesTask.Result r, String status) {
            return r.files().stream().filter(f -> f.status().equals(status)).count();
        }
    }

    /** Runs the job on {@code sc}. */
    public static Summary run(JavaSparkContext sc, Options o) throws IOException {
        Configuration hc = sc.hadoopConfiguration();
        Path out = new Path(o.out());
        FileSystem outFs = out.getFileSystem(hc);
        outFs.setWriteChecksum(false);
        outFs.mkdirs(out);
        Set<String> earlierRuns = Manifest.runs(outFs, out);
        recover(outFs, out, earlierRuns);
        String run = o.run() != null ? o.run() : ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String base = run;
        for (int n = 2; earlierRuns.contains(run); n++) {
            run = base + "-" + n; // two runs in one second
        }
        List<String> unreadable = new ArrayList<>();
        TreeMap<String, List<FileStatus>> series = list(hc, o.in(), unreadable);
        Manifest manifest = Manifest.read(outFs, out);
        Path work = new Path(out, ".fleet-work-" + run);
        List<SeriesTask> tasks = new ArrayList<>();
        for (Map.Entry<String, List<FileStatus>> e : series.entrySet()) {
            List<SeriesTask.LogFile> files = e.getValue().stream()
                    .map(s -> new SeriesTask.LogFile(s.getPath().toString(), s.getLen(), s.getModificationTime())).toList();
            Path folder = e.getValue().get(0).getPath().getParent();
            String host = folder == null ? "" : folder.getName();
            tasks.add(new SeriesTask(tasks.size(), e.getKey(), host, files, o.format().orElse(null),
                    o.year().isPresent() ? o.year().getAsInt() : null, run, work.toString()));
        }
        List<SeriesTask.Result> results = List.of();
        List<String> written = new ArrayList<>();
        try {
            if (!tasks.isEmpty()) {
                Broadcast<SerializableConfiguration> conf = sc.broadcast(new SerializableConfiguration(hc));
                Broadcast<Manifest> seen = sc.broadcast(manifest);
                results = new ArrayList<>(sc.parallelize(tasks, tasks.size())
                        .map(t -> t.run(conf.value().value(), seen.value())).collect());
                results.sort(Comparator.comparingInt(SeriesTask.Result::index));
            }
            // The day files under hidden names, then the manifest, then the names: a run that stops before
            // its manifest is written left only hidden parts, which the next run deletes (and reads
            // their logs again); one that stops after it left parts the next run renames (recover).
            List<Path> parts = join(outFs, out, work, run, results);
            List<Manifest.Entry> entries = results.stream().filter(r -> r.failure() == null)
                    .flatMap(r -> r.files().stream()).map(SeriesTask.FileOutcome::entry).filter(java.util.Objects::nonNull).toList();
            if (!entries.isEmpty()) {
                Manifest.write(outFs, out, run, entries);
            }
            for (Path part : parts) {
                written.add(publish(outFs, part).toString());
            }
        } finally {
            outFs.delete(work, true);
        }
        return new Summary(run, results, unreadable, written);
    }

    /**
     * The files {@code inputs} name, grouped into rotated series (folder and base name), each oldest
     * first; the series in the order of their names, which is the order an import of the same files
     * reads them in. Hidden files and folders ({@code .} or {@code _}) are passed over.
     */
    static TreeMap<String, List<FileStatus>> list(Configuration hc, List<String> inputs, List<String> unreadable) {
        TreeMap<String, List<FileStatus>> series = new TreeMap<>();
        for (String input : inputs) {
            try {
                Path glob = new Path(input);
                FileSystem fs = glob.getFileSystem(hc);
                FileStatus[] found = fs.globStatus(glob);
                if (found == null || found.length == 0) {
                    unreadable.add(UserText.of("fleet.noMatch", input).toString());
                    continue;
                }
                for (FileStatus s : found) {
                    if (s.isDirectory()) {
                        RemoteIterator<LocatedFileStatus> all = fs.listFiles(s.getPath(), true);
                        while (all.hasNext()) {
                            LocatedFileStatus f = all.next();
                            if (!hidden(s.getPath(), f.getPath())) {
                                add(series, f);
                            }
                        }
                    } else if (s.isFile()) {
                        add(series, s);
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                unreadable.add(input + ": " + e.getMessage());
            }
        }
        for (List<FileStatus> files : series.values()) {
            files.sort((a, b) -> StreamedLog.compareRotation(a.getPath().getName(), b.getPath().getName()));
        }
        return series;
    }

    private static boolean hidden(Path root, Path file) {
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            String n = p.getName();
            if (n.startsWith(".") || n.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private static void add(TreeMap<String, List<FileStatus>> series, FileStatus f) {
        Path p = f.getPath();
        String key = p.getParent() + "/" + StreamedLog.seriesBase(p.getName());
        List<FileStatus> files = series.computeIfAbsent(key, k -> new ArrayList<>());
        if (files.stream().noneMatch(g -> g.getPath().equals(p))) {
            files.add(f);
        }
    }

    /**
     * Joins the parts of the series that were read into one file per day and kind (a gzip file may be
     * a series of gzip members, which every gzip reader reads as one): the header, then per series in
     * order the message rows decided at once, then per series the rest. Each file is written under a
     * hidden name ({@link #publish} gives it its own once the run's manifest is written).
     */
    private static List<Path> join(FileSystem fs, Path out, Path work, String run, List<SeriesTask.Result> results) throws IOException {
        List<Path> written = new ArrayList<>();
        joinAll(fs, out, work, "smtp-auth-" + run, SeriesTask.DayRows.SMTP_HEADER, parts(results, "msg", "late"), written);
        joinAll(fs, out, work, "auth-failures-" + run, SeriesTask.DayRows.FAILURE_HEADER, parts(results, "fail"), written);
        joinAll(fs, out, work, "bulk-" + run, SeriesTask.DayRows.BULK_HEADER, parts(results, "bulk"), written);
        joinAll(fs, out, work, "events-" + run, SeriesTask.DayRows.EVENTS_HEADER, parts(results, "events"), written);
        return written;
    }

    /** Per day, the parts of the given kinds of the series that were read: those of the first kind of every series, then the next kind's. */
    private static TreeMap<String, List<String>> parts(List<SeriesTask.Result> results, String... kinds) {
        TreeMap<String, List<String>> byDay = new TreeMap<>();
        for (String kind : kinds) {
            for (SeriesTask.Result r : results) {
                if (r.failure() != null) {
                    continue;
                }
                for (Map.Entry<String, List<String>> e : r.parts().entrySet()) {
                    for (String part : e.getValue()) {
                        if (part.endsWith("-" + kind + ".gz")) {
                            byDay.computeIfAbsent(e.getKey(), d -> new ArrayList<>()).add(part);
                        }
                    }
                }
            }
        }
        return byDay;
    }

    private static void joinAll(FileSystem fs, Path out, Path work, String name, String header, TreeMap<String, List<String>> byDay,
                                List<Path> written) throws IOException {
        for (Map.Entry<String, List<String>> e : byDay.entrySet()) {
            Path folder = new Path(out, e.getKey());
            fs.mkdirs(folder);
            Path done = new Path(folder, name + ".csv.gz");
            Path part = new Path(folder, "." + name + ".csv.gz" + PART);
            try (OutputStream w = fs.create(part, true)) {
                GZIPOutputStream head = new GZIPOutputStream(w);
                head.write((header + "\n").getBytes(StandardCharsets.UTF_8));
                head.finish();
                for (String p : e.getValue()) {
                    try (InputStream in = fs.open(new Path(work, p))) {
                        in.transferTo(w);
                    }
                }
            }
            written.add(part);
        }
    }

    /** A day file's hidden name while it is written: {@code DAY/.NAME.csv.gz.part}. */
    private static final String PART = ".part";

    /** Renames a complete day file from its hidden name to its own; returns the latter. */
    private static Path publish(FileSystem fs, Path part) throws IOException {
        String n = part.getName();
        Path done = new Path(part.getParent(), n.substring(1, n.length() - PART.length()));
        if (!fs.rename(part, done)) {
            throw new IOException("cannot rename " + part + " to " + done);
        }
        return done;
    }

    /**
     * Finishes what an earlier run that stopped (a crash, a killed driver) left: its day files still
     * under hidden names are renamed when its manifest was written (its logs will not be read again),
     * else deleted (they will be); its working folder is deleted.
     */
    static void recover(FileSystem fs, Path out, Set<String> runs) throws IOException {
        for (FileStatus s : fs.listStatus(out)) {
            String n = s.getPath().getName();
            if (s.isDirectory() && n.startsWith(".fleet-work-")) {
                fs.delete(s.getPath(), true);
            } else if (s.isDirectory() && n.matches("\\d{4}-\\d{2}-\\d{2}")) {
                for (FileStatus f : fs.listStatus(s.getPath())) {
                    String name = f.getPath().getName();
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\.(?:smtp-auth|auth-failures|bulk|events)-(.+)\\.csv\\.gz\\.part")
                            .matcher(name);
                    if (m.matches()) {
                        if (runs.contains(m.group(1))) {
                            publish(fs, f.getPath());
                        } else {
                            fs.delete(f.getPath(), false);
                        }
                    }
                }
            }
        }
    }
}
