package org.mailflow.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.mailflow.fleet.FleetImport;

/**
 * {@code FleetBench}: the fleet job's throughput on this machine with 1 and 2 executor cores (Spark
 * local mode, {@code local[1]} and {@code local[2]}), on a generated fleet: {@code --hosts} servers
 * (Postfix of the default and the relay mix, every fourth one Exim), each a rotated series of four
 * files (the two oldest {@code .gz}) of {@code --size} in all (log content, before compression).
 * Each run reads every file into a new output folder; the figures are the medians of {@code --runs}
 * runs per core count, after one run to warm the JVM up. The Spark context's start is not counted.
 *
 * <pre>
 * java -cp target/mailflow-insights.jar:target/bench/mailflow-insights-bench.jar:target/fleet/mailflow-insights-fleet.jar:'target/fleet/lib/*' \
 *      org.mailflow.bench.FleetBench --work /tmp/fleet-bench [--size 2g] [--hosts 8] [--runs 3] [--cores 1,2]
 * </pre>
 */
public final class FleetBench {
    private FleetBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of("/tmp/mailflow-fleet-bench");
        long size = 2L << 30;
        int hosts = 8;
        int runs = 3;
        int[] cores = {1, 2};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--work" -> work = Path.of(args[++i]);
                case "--size" -> size = bytes(args[++i]);
                case "--hosts" -> hosts = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--cores" -> cores = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        java.util.logging.Logger quiet = java.util.logging.Logger.getLogger("org.apache");
        quiet.setLevel(java.util.logging.Level.WARNING);
        Path logs = work.resolve("logs-" + hosts + "x" + size + "-v" + PostfixLogGenerator.OUTPUT_VERSION + "." + EximLogGenerator.OUTPUT_VERSION);
        long[] onDisk = generate(logs, size, hosts);
        System.out.printf(Locale.ROOT, "fleet: %d hosts, %.2f GB of log content, %.2f GB on disk (%d files), %d cores here%n", hosts,
                size / 1e9, onDisk[0] / 1e9, onDisk[1], Runtime.getRuntime().availableProcessors());
        for (int c : cores) {
            long t0 = System.nanoTime();
            try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[" + c + "]").setAppName("fleet-bench")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"))) {
                System.out.printf(Locale.ROOT, "local[%d]: Spark context %.1f s%n", c, (System.nanoTime() - t0) / 1e9);
                List<double[]> measured = new ArrayList<>();
                for (int r = 0; r <= runs; r++) {
                    Path out = work.resolve("out");
                    deleteAll(out);
                    long cpu0 = cpu();
                    long w0 = System.nanoTime();
                    FleetImport.Summary s = FleetImport.run(sc, new FleetImport.Options(List.of(logs.toString()), out.toString(),
                            OptionalInt.empty(), Optional.empty(), "bench"));
                    double seconds = (System.nanoTime() - w0) / 1e9;
                    double cpuSeconds = (cpu() - cpu0) / 1e9;
                    long submissions = s.submissions();
                    if (s.failed()) {
                        s.print(System.out);
                        throw new IllegalStateException("the run failed");
                    }
                    System.out.printf(Locale.ROOT, "  %s %d: %.1f s, %.0f MB/s of log (%.0f MB/s per core), CPU %.1f s, %d submissions, %d files written%n",
                            r == 0 ? "warm-up" : "run", r, seconds, size / 1e6 / seconds, size / 1e6 / seconds / c, cpuSeconds, submissions,
                            s.written().size());
                    if (r > 0) {
                        measured.add(new double[] {seconds, cpuSeconds});
                    }
                }
                double[] secs = measured.stream().mapToDouble(m -> m[0]).sorted().toArray();
                double median = secs[secs.length / 2];
                System.out.printf(Locale.ROOT, "local[%d]: median %.1f s (%.1f–%.1f), %.0f MB/s of log, %.0f MB/s per core%n", c, median,
                        secs[0], secs[secs.length - 1], size / 1e6 / median, size / 1e6 / median / c);
            }
        }
    }

    /** Writes the fleet's logs unless they are there; returns the bytes and files on disk. */
    static long[] generate(Path root, long size, int hosts) throws IOException {
        Path done = root.resolve(".complete");
        if (!Files.exists(done)) {
            deleteAll(root);
            long per = size / hosts;
            for (int h = 0; h < hosts; h++) {
                String host = String.format(Locale.ROOT, "mx%02d", h + 1);
                Path folder = Files.createDirectories(root.resolve(host));
                boolean exim = h % 4 == 3;
                String name = exim ? "mainlog" : "mail.log";
                LocalDateTime start = LocalDateTime.of(2026, 1 + h % 12, 1, 0, 0);
                Path whole = folder.resolve(".whole");
                try (OutputStream out = Files.newOutputStream(whole)) {
                    if (exim) {
                        new EximLogGenerator(1000 + h, start).write(out, per);
                    } else {
                        new PostfixLogGenerator(1000 + h, start, h % 2 == 0 ? PostfixLogGenerator.Mix.DEFAULT : PostfixLogGenerator.Mix.RELAY)
                                .host(host).traffic(0.25).write(out, per);
                    }
                }
                split(whole, folder, name, start.getYear());
                Files.delete(whole);
            }
            Files.writeString(done, "complete\n");
        }
        long[] n = new long[2];
        try (var files = Files.walk(root)) {
            files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).forEach(p -> {
                try {
                    n[0] += Files.size(p);
                    n[1]++;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return n;
    }

    /** Cuts a log into four rotated files at line ends, oldest {@code .3.gz}, and dates each by its last line. */
    private static void split(Path whole, Path folder, String name, int year) throws IOException {
        long length = Files.size(whole);
        try (var ch = java.nio.channels.FileChannel.open(whole)) {
            long from = 0;
            for (int part = 3; part >= 0; part--) {
                long to = part == 0 ? length : lineEnd(ch, length * (4 - part) / 4, length);
                Path file = folder.resolve(part == 0 ? name : name + "." + part + (part >= 2 ? ".gz" : ""));
                try (OutputStream raw = Files.newOutputStream(file);
                     OutputStream out = part >= 2 ? new GZIPOutputStream(raw, 1 << 16) : raw) {
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 20);
                    for (long at = from; at < to; ) {
                        buf.clear().limit((int) Math.min(buf.capacity(), to - at));
                        int n = ch.read(buf, at);
                        out.write(buf.array(), 0, n);
                        at += n;
                    }
                }
                Files.setLastModifiedTime(file, FileTime.from(lastTime(ch, to, year).toInstant(ZoneOffset.UTC)));
                from = to;
            }
        }
    }

    private static long lineEnd(java.nio.channels.FileChannel ch, long at, long length) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 16);
        ch.read(b, at);
        for (int i = 0; i < b.position(); i++) {
            if (b.get(i) == '\n') {
                return at + i + 1;
            }
        }
        return length;
    }

    /** The time of the line that ends at {@code end}: an Exim stamp, or a classic syslog one in {@code year}. */
    private static LocalDateTime lastTime(java.nio.channels.FileChannel ch, long end, int year) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4096);
        long from = Math.max(0, end - b.capacity());
        ch.read(b, from);
        String tail = new String(b.array(), 0, b.position(), java.nio.charset.StandardCharsets.UTF_8);
        String[] lines = tail.split("\n");
        String last = lines[lines.length - 1];
        if (Character.isDigit(last.charAt(0))) {
            return LocalDateTime.parse(last.substring(0, 19).replace(' ', 'T'));
        }
        return LocalDateTime.parse(last.substring(0, 15) + " " + year,
                java.time.format.DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy", Locale.ENGLISH));
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long bytes(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        long unit = t.endsWith("g") ? 1L << 30 : t.endsWith("m") ? 1L << 20 : 1;
        return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }

    private static void deleteAll(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var all = Files.walk(p)) {
            for (Path q : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
