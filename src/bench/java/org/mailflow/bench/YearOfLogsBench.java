package org.mailflow.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import java.util.stream.Stream;
import org.mailflow.cli.ExitCodes;

/**
 * {@code bench import --year-of-logs}: a year of one busy server's rotated Postfix logs (10 GB by
 * default), imported in one cold JVM under {@code -Xmx512m} into a new cache — time, MB/s, submissions
 * a second, the child's peak heap and the cache's size. It takes minutes: generating the year once
 * (kept in the work folder and reused), then the import.
 *
 * <p>The year is what {@code logrotate} leaves with Debian's defaults for {@code /var/log/mail.log}
 * kept for a year: weekly rotation (a new file at the first line of each Sunday), numbered,
 * {@code compress} with {@code delaycompress} — {@code mail.log} (the current week), {@code mail.log.1}
 * (last week, plain) and {@code mail.log.2.gz} … {@code mail.log.52.gz} (older, gzip -6). Each file's
 * modification time is its last line's time, as rotation leaves it, which is what the importer dates
 * the year-less syslog lines by. The year starts on 1 December 2025, so it crosses New Year. The
 * traffic is {@link PostfixLogGenerator}'s mix at the rate that makes {@code --year-size} fill about 365 days
 * (the default mix writes about 110 MB a day; 10 GB a year is about a quarter of that rate, found by
 * generating a fiftieth of the size first and scaling the rate by the days it covered).
 */
final class YearOfLogsBench {
    private static final long MB = 1L << 20;
    /** The first line's time. */
    static final LocalDateTime START = LocalDateTime.of(2025, 12, 1, 0, 0, 0);
    /** What the default generator writes a day, for the traffic scale. */
    private static final double DEFAULT_BYTES_A_DAY = 110.0 * MB;
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    /** Recorded with the generated year: a year from another generator or layout is generated again. */
    private static final String GENERATION = PostfixLogGenerator.OUTPUT_VERSION + ".year1";

    private final ImportBench bench;
    private final Path work;
    private final long sizeMb;
    private final long seed;
    private final PrintWriter out;
    private final PrintWriter err;

    YearOfLogsBench(ImportBench bench, Path work, long sizeMb, long seed, PrintWriter out, PrintWriter err) {
        this.bench = bench;
        this.work = work;
        this.sizeMb = sizeMb;
        this.seed = seed;
        this.out = out;
        this.err = err;
    }

    /** Generates (or reuses) the year, imports it once, prints the figures. */
    int run() throws IOException, InterruptedException {
        Path dir = work.resolve("year-of-logs-" + sizeMb + "MB-seed" + seed);
        Properties facts = reuse(dir);
        if (facts == null) {
            out.printf(Locale.ROOT, "Generating a year of rotated Postfix logs, %,d MB, into %s (minutes; kept for later runs) …%n", sizeMb, dir);
            out.flush();
            facts = generate(dir);
        }
        long rawBytes = Long.parseLong(facts.getProperty("bytes"));
        long submissions = Long.parseLong(facts.getProperty("submissions"));
        long onDisk;
        try (Stream<Path> files = Files.list(dir)) {
            onDisk = files.filter(p -> p.getFileName().toString().startsWith("mail.log")).mapToLong(YearOfLogsBench::size).sum();
        }
        out.printf(Locale.ROOT, "Year of logs: %s  %s of log lines (%s on disk, %s files: mail.log, mail.log.1, mail.log.2.gz …), "
                        + "%s to %s, %,d lines, %,d SMTP AUTH submissions, %,d failed authentications (%s)%n",
                dir, mb(rawBytes), mb(onDisk), facts.getProperty("files"), facts.getProperty("first"), facts.getProperty("last"),
                Long.parseLong(facts.getProperty("lines")), submissions, Long.parseLong(facts.getProperty("authFailures")),
                facts.containsKey("fresh") ? "generated in " + facts.getProperty("seconds") + " s"
                        : "reused; generated earlier in " + facts.getProperty("seconds") + " s");
        try (InputStream in = Files.newInputStream(dir.resolve("mail.log.1"))) {
            in.transferTo(OutputStream.nullOutputStream()); // as the other parts: the newest files in the page cache
        }
        Path cache = work.resolve("year-of-logs-cache.db");
        out.printf(Locale.ROOT, "Importing the folder in a cold JVM (-Xmx512m) into a new cache …%n");
        out.flush();
        ImportBench.ImportRun r = bench.importOnce(dir, cache);
        long cacheBytes = 0;
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            cacheBytes += size(cache.resolveSibling(cache.getFileName() + suffix));
        }
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(cache.resolveSibling(cache.getFileName() + suffix));
        }
        if (r.exitCode() != 0) {
            err.printf(Locale.ROOT, "import of the year failed (exit %d) after %.1f s:%n", r.exitCode(), r.seconds());
            (r.stderr().isBlank() ? r.stdout() : r.stderr()).lines().limit(30).forEach(l -> err.println("  " + l));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        r.stdout().lines().filter(l -> l.startsWith("Total")).forEach(l -> out.println("  " + l));
        out.printf(Locale.ROOT, "year-of-logs import (cold JVM, new cache, -Xmx512m): %.1f s  %.0f MB/s  %,.0f submissions/s  "
                        + "peak heap %s  [target <= 512 MB]; cache %s (%.1f MB per million submissions)%n",
                r.seconds(), rawBytes / (double) MB / r.seconds(), submissions / r.seconds(),
                r.peakHeapMb() < 0 ? "not reported" : r.peakHeapMb() + " MB", mb(cacheBytes),
                cacheBytes / (double) MB / Math.max(1e-9, submissions / 1e6));
        out.flush();
        return ExitCodes.OK;
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** What was generated, beside the folder (in it, the import would list it as passed over). */
    private static Path factsOf(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".properties");
    }

    private Properties reuse(Path dir) throws IOException {
        Path facts = factsOf(dir);
        if (!Files.isRegularFile(facts)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(facts)) {
            p.load(in);
        }
        if (!GENERATION.equals(p.getProperty("generation")) || !Files.isRegularFile(dir.resolve("mail.log"))) {
            return null;
        }
        return p;
    }

    private Properties generate(Path dir) throws IOException, InterruptedException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : (Iterable<Path>) old::iterator) {
                    Files.delete(p);
                }
            }
        }
        Files.deleteIfExists(factsOf(dir));
        Files.createDirectories(dir);
        long target = sizeMb * MB;
        // The rate that fills 365 days: a first guess from the default rate, then corrected by the days a
        // fiftieth of the size actually covers at that rate (time-driven lines do not scale with traffic).
        double traffic = target / 365.0 / DEFAULT_BYTES_A_DAY;
        long sample = Math.max(target / 50, 4 * MB);
        PostfixLogGenerator.Result probe = new PostfixLogGenerator(seed, START).traffic(traffic).write(OutputStream.nullOutputStream(), sample);
        double days = (probe.lastEpochSecond() - probe.firstEpochSecond()) / 86_400.0;
        if (days > 1) {
            traffic *= (target / 365.0) / (probe.bytes() / days);
        }
        long t = System.nanoTime();
        PostfixLogGenerator.Result result;
        List<Path> parts;
        try (Rotation rotation = new Rotation(dir)) {
            result = new PostfixLogGenerator(seed, START).traffic(traffic).write(rotation, target);
            rotation.finish();
            parts = rotation.parts;
        }
        int n = parts.size();
        nameAsLogrotate(dir, parts);
        double seconds = (System.nanoTime() - t) / 1e9;
        return writeFacts(dir, result, n, traffic, seconds);
    }

    /**
     * Renames the parts, oldest first, as logrotate numbers them: the newest is {@code mail.log}, then
     * {@code mail.log.1}, {@code mail.log.2.gz} …; each keeps its modification time.
     */
    static void nameAsLogrotate(Path dir, List<Path> parts) throws IOException {
        int n = parts.size();
        for (int i = 0; i < n; i++) {
            int number = n - 1 - i;
            Path from = parts.get(i);
            String name = number == 0 ? "mail.log" : number == 1 ? "mail.log.1" : "mail.log." + number + ".gz";
            FileTime mtime = Files.getLastModifiedTime(from);
            Path to = dir.resolve(name);
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(to, mtime);
        }
    }

    private static Properties writeFacts(Path dir, PostfixLogGenerator.Result result, int n, double traffic, double seconds) throws IOException {
        Properties p = new Properties();
        p.setProperty("generation", GENERATION);
        p.setProperty("bytes", Long.toString(result.bytes()));
        p.setProperty("lines", Long.toString(result.lines()));
        p.setProperty("submissions", Long.toString(result.submissions()));
        p.setProperty("authFailures", Long.toString(result.authFailures()));
        p.setProperty("files", Integer.toString(n));
        p.setProperty("first", LocalDateTime.ofEpochSecond(result.firstEpochSecond(), 0, ZoneOffset.UTC).toLocalDate().toString());
        p.setProperty("last", LocalDateTime.ofEpochSecond(result.lastEpochSecond(), 0, ZoneOffset.UTC).toLocalDate().toString());
        p.setProperty("traffic", String.format(Locale.ROOT, "%.4f", traffic));
        p.setProperty("seconds", String.format(Locale.ROOT, "%.0f", seconds));
        try (OutputStream w = Files.newOutputStream(factsOf(dir))) {
            p.store(w, "A year of rotated Postfix logs (mailflow-insights bench import --year-of-logs)");
        }
        p.setProperty("fresh", "true");
        return p;
    }

    /**
     * The generator's stream cut into weekly files at the first line of each Sunday. Parts are written
     * in time order as {@code part-NNNN}; a part two behind the one being written can no longer be one
     * of the two newest, which stay plain, so it is compressed on another thread meanwhile. Each
     * finished part gets its last line's time as its modification time.
     */
    static final class Rotation extends OutputStream {
        private final Path dir;
        private final List<Path> parts = new ArrayList<>();
        private final List<Future<?>> compressions = new ArrayList<>();
        private final ExecutorService compressor = Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, "year-of-logs-gzip");
            th.setDaemon(true);
            return th;
        });
        private OutputStream current;
        /** The date of the last line start seen; the year comes from START and only moves forward. */
        private LocalDate day = START.toLocalDate();
        private long lastLineSecond;
        /** The bytes of the current line's start, until its time is known ("Mmm dd hh:mm:ss" is 15 bytes). */
        private final byte[] lineHead = new byte[15];
        private int lineHeadLength;
        private boolean atLineStart = true;
        private final List<Long> partEnds = new ArrayList<>();

        Rotation(Path dir) throws IOException {
            this.dir = dir;
            open();
        }

        private void open() throws IOException {
            Path p = dir.resolve(String.format(Locale.ROOT, "part-%04d", parts.size()));
            parts.add(p);
            current = new BufferedOutputStream(Files.newOutputStream(p), 1 << 20);
            if (parts.size() >= 3) {
                Path older = parts.get(parts.size() - 3);
                long end = partEnds.get(parts.size() - 3);
                compressions.add(compressor.submit(() -> {
                    compress(older, end);
                    return null;
                }));
            }
        }

        private void closeCurrent() throws IOException {
            current.close();
            partEnds.add(lastLineSecond);
            Files.setLastModifiedTime(parts.get(parts.size() - 1), FileTime.from(lastLineSecond, java.util.concurrent.TimeUnit.SECONDS));
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int end = off + len;
            int from = off;
            for (int i = off; i < end; i++) {
                if (atLineStart || lineHeadLength > 0) {
                    // collect the line's first 15 bytes (they may span two writes), then decide on rotation
                    if (lineHeadLength == 0) {
                        current.write(b, from, i - from); // everything before this line
                        from = i;
                        atLineStart = false;
                    }
                    lineHead[lineHeadLength++] = b[i];
                    if (lineHeadLength == lineHead.length) {
                        lineStarts();
                        current.write(lineHead, 0, lineHeadLength);
                        lineHeadLength = 0;
                        from = i + 1;
                    }
                    if (b[i] == '\n') {
                        throw new IOException("a line shorter than its syslog time");
                    }
                    continue;
                }
                if (b[i] == '\n') {
                    atLineStart = true;
                }
            }
            if (lineHeadLength == 0) {
                current.write(b, from, end - from);
            }
        }

        /** The line whose first 15 bytes are in {@link #lineHead} starts: rotate on the first line of a Sunday. */
        private void lineStarts() throws IOException {
            String head = new String(lineHead, 0, 15, java.nio.charset.StandardCharsets.US_ASCII);
            int month = 0;
            while (month < 12 && !head.startsWith(MONTHS[month])) {
                month++;
            }
            if (month == 12) {
                throw new IOException("not a syslog time: " + head);
            }
            int dom = Integer.parseInt(head.substring(4, 6).trim());
            LocalDate d = day;
            while (d.getMonthValue() != month + 1 || d.getDayOfMonth() != dom) {
                d = d.plusDays(1);
            }
            if (!d.equals(day) && d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                closeCurrent();
                open();
            }
            day = d;
            int hh = Integer.parseInt(head.substring(7, 9));
            int mm = Integer.parseInt(head.substring(10, 12));
            int ss = Integer.parseInt(head.substring(13, 15));
            lastLineSecond = d.atTime(hh, mm, ss).toEpochSecond(ZoneOffset.UTC);
        }

        /** The parts written, oldest first (after {@link #finish}: the older ones' .gz). */
        List<Path> parts() {
            return List.copyOf(parts);
        }

        /** Closes the last part and waits for the compressions. */
        void finish() throws IOException, InterruptedException {
            if (lineHeadLength > 0) {
                current.write(lineHead, 0, lineHeadLength);
                lineHeadLength = 0;
            }
            closeCurrent();
            current = OutputStream.nullOutputStream();
            for (Future<?> f : compressions) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("compressing a rotated log failed", e.getCause());
                }
            }
            for (int i = 0; i < parts.size() - 2; i++) {
                parts.set(i, gz(parts.get(i)));
            }
        }

        @Override
        public void close() {
            compressor.shutdownNow();
        }

        private static Path gz(Path p) {
            return p.resolveSibling(p.getFileName() + ".gz");
        }

        /** gzip -6 of a finished part, replacing it; the .gz keeps the part's modification time. */
        private static void compress(Path part, long lastSecond) throws IOException {
            Path gz = gz(part);
            try (InputStream in = Files.newInputStream(part);
                 OutputStream o = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(gz), 1 << 16), 1 << 16)) {
                in.transferTo(o);
            }
            Files.delete(part);
            Files.setLastModifiedTime(gz, FileTime.from(lastSecond, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    private static String mb(long bytes) {
        return bytes >= 10L * 1024 * MB ? String.format(Locale.ROOT, "%.2f GB", bytes / (double) (1024 * MB))
                : String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
    }
}
