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
import org.apache.hadoop.fs.Path;
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
    /** How it begins for a file that could not be opened (gone since it was listed, or denied): listed, and the run fails. */
    static final String UNREADABLE = "unreadable: ";

    /** Runs the job; exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new FleetImport()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        Options options = options(); // a usage error before Spark starts
        Options o = options;
        SparkConf conf = new SparkConf().setAppName("mailflow-insights-fleet").set("spark.ui.enabled", "false");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        // UTF-8 whatever the platform's encoding, as the app's command line writes (a Chinese summary on a C locale)
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            Summary s = run(sc, options);
            s.print(out);
            return s.exitCode();
        } catch (Busy e) {
            new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8).println(e.getMessage());
            return 4;
        } catch (IOException e) {
            // the output folder (or its manifest) could not be read or written: a sentence, not a stack trace
            new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8)
                    .println(UserText.of("fleet.stopped", o.out() == null ? "" : o.out(), String.valueOf(e.getMessage())));
            return 4;
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
            return !unreadable.isEmpty() || series.stream().anyMatch(r -> r.failure() != null
                    || r.files().stream().anyMatch(f -> f.status().startsWith(UNREADABLE)));
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
                    if (f.status().startsWith(UNREADABLE)) {
                        out.println(UserText.of("fleet.unreadable", f.path() + ": " + f.status().substring(UNREADABLE.length())));
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
        Path lock = new Path(out, LOCK);
        try (OutputStream l = outFs.create(lock, false)) {
            l.write((ZonedDateTime.now(ZoneOffset.UTC) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            throw new Busy(out, lock);
        }
        try {
            return runLocked(sc, o, hc, out, outFs);
        } finally {
            outFs.delete(lock, false);
        }
    }

    /** The file that says a run is writing to the output folder; created exclusively, deleted at the end of the run. */
    static final String LOCK = ".fleet-lock";

    /** Another run is writing to the output folder (or one stopped without deleting its lock). */
    public static final class Busy extends IOException {
        private static final long serialVersionUID = 1L;

        Busy(Path out, Path lock) {
            super(UserText.of("fleet.busy", out, lock).toString());
        }
    }

    private static Summary runLocked(JavaSparkContext sc, Options o, Configuration hc, Path out, FileSystem outFs) throws IOException {
        Set<String> earlierRuns = Manifest.runs(outFs, out);
        recover(outFs, out, earlierRuns);
        String run = o.run() != null ? o.run() : ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String base = run;
        for (int n = 2; earlierRuns.contains(run); n++) {
            run = base + "_" + n; // two runs in one second: "_" sorts after the "." of the first run's names
        }
        List<String> unreadable = new ArrayList<>();
        java.util.LinkedHashMap<String, List<FileStatus>> series = list(hc, o.in(), unreadable);
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
                results = withoutCopies(results);
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
     * Fails each series that read a content an earlier series of the run read too (a copied or
     * linked folder): an import counts such a content once, and passes over its second copy as
     * already imported. The series is not written; the next run passes over the copy (it is in this
     * run's manifest) and reads the rest of it.
     */
    static List<SeriesTask.Result> withoutCopies(List<SeriesTask.Result> results) {
        Map<String, String> readBy = new java.util.HashMap<>();
        List<SeriesTask.Result> out = new ArrayList<>(results.size());
        for (SeriesTask.Result r : results) {
            SeriesTask.Result kept = r;
            if (r.failure() == null) {
                for (SeriesTask.FileOutcome f : r.files()) {
                    String first = f.entry() == null || f.entry().length() == 0 ? null : readBy.get(f.entry().contentHash());
                    if (first != null) {
                        kept = new SeriesTask.Result(r.index(), r.series(), r.host(), r.files(), new TreeMap<>(),
                                new SeriesTask.Failure(f.path(), 0, UserText.of("fleet.copy", first).toString()));
                        break;
                    }
                }
                if (kept.failure() == null) {
                    for (SeriesTask.FileOutcome f : r.files()) {
                        if (f.entry() != null) {
                            readBy.putIfAbsent(f.entry().contentHash(), f.path());
                        }
                    }
                }
            }
            out.add(kept);
        }
        return out;
    }

    /**
     * The files {@code inputs} name, grouped into rotated series (folder and base name), each oldest
     * first, and the series in the order an import of the same inputs reads them: input by input; in
     * a folder, its files (by base name, then rotation) before its sub-folders (by name), as
     * {@code ImportInputs} walks it. Hidden files (a name starting with {@code .}) are passed over,
     * hidden folders are walked, as the import does.
     */
    static java.util.LinkedHashMap<String, List<FileStatus>> list(Configuration hc, List<String> inputs, List<String> unreadable) {
        java.util.LinkedHashMap<String, List<FileStatus>> series = new java.util.LinkedHashMap<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (String input : inputs) {
            try {
                Path glob = new Path(input);
                FileSystem fs = glob.getFileSystem(hc);
                FileStatus[] found = fs.globStatus(glob);
                if (found == null || found.length == 0) {
                    unreadable.add(UserText.of("fleet.noMatch", input).toString());
                    continue;
                }
                List<FileStatus> files = new ArrayList<>();
                for (FileStatus s : found) {
                    if (s.isDirectory()) {
                        walk(fs, s.getPath(), files, unreadable);
                    } else if (s.isFile()) {
                        files.add(s);
                    }
                }
                files.sort((a, b) -> compareWalkOrder(a.getPath(), b.getPath()));
                for (FileStatus f : files) {
                    if (seen.add(f.getPath())) {
                        Path p = f.getPath();
                        series.computeIfAbsent(p.getParent() + "/" + StreamedLog.seriesBase(p.getName()), k -> new ArrayList<>()).add(f);
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                unreadable.add(input + ": " + e.getMessage());
            }
        }
        return series;
    }

    /** Adds the files below {@code dir} that are not hidden; a sub-folder that cannot be listed is listed as unreadable. */
    private static void walk(FileSystem fs, Path dir, List<FileStatus> files, List<String> unreadable) {
        FileStatus[] entries;
        try {
            entries = fs.listStatus(dir);
        } catch (IOException e) {
            unreadable.add(dir + ": " + e.getMessage());
            return;
        }
        for (FileStatus e : entries) {
            if (e.isDirectory()) {
                walk(fs, e.getPath(), files, unreadable);
            } else if (e.isFile() && !e.getPath().getName().startsWith(".")) {
                files.add(e);
            }
        }
    }

    /**
     * The order in which an import's walk of a folder meets two files below it: where their paths
     * part, a file of that folder comes before a sub-folder, two files by rotation
     * ({@link StreamedLog#compareRotation}), two sub-folders by name.
     */
    static int compareWalkOrder(Path a, Path b) {
        List<String> pa = components(a);
        List<String> pb = components(b);
        int k = 0;
        while (k < pa.size() - 1 && k < pb.size() - 1 && pa.get(k).equals(pb.get(k))) {
            k++;
        }
        boolean fileA = k == pa.size() - 1;
        boolean fileB = k == pb.size() - 1;
        if (fileA && fileB) {
            return StreamedLog.compareRotation(pa.get(k), pb.get(k));
        }
        if (fileA != fileB) {
            return fileA ? -1 : 1;
        }
        return pa.get(k).compareTo(pb.get(k));
    }

    private static List<String> components(Path p) {
        java.util.LinkedList<String> names = new java.util.LinkedList<>();
        for (Path q = p; q != null && !q.getName().isEmpty(); q = q.getParent()) {
            names.addFirst(q.getName());
        }
        return names;
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
                // the header as a gzip member of its own; closing it ends its Deflater, not the file
                try (GZIPOutputStream head = new GZIPOutputStream(new java.io.FilterOutputStream(w) {
                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                })) {
                    head.write((header + "\n").getBytes(StandardCharsets.UTF_8));
                }
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
        if (fs.exists(done)) {
            // a rename that copies (S3) stopped after the copy: the file is there; the part goes
            if (fs.getFileStatus(done).getLen() == fs.getFileStatus(part).getLen()) {
                fs.delete(part, false);
                return done;
            }
            throw new IOException("both " + part + " and " + done + " exist, of different lengths");
        }
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
