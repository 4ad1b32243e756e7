package org.mailflow.geo;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Builds the bundled {@code asn.mmdb} from the npm package {@code @ip-location-db/asn} (CSV only: its MaxMind DB
 * sibling is no longer published). Reads {@code asn-ipv4.csv} and {@code asn-ipv6.csv}
 * ({@code ip_range_start,ip_range_end,autonomous_system_number,autonomous_system_organization}), joins adjacent
 * ranges of the same AS and organisation, and writes them as the fewest CIDR blocks into an IPv6 tree (IPv4 at
 * {@code ::/96}) whose records have GeoLite2-ASN's layout, so one reader serves both. Where ranges overlap (the
 * 2.3.2026061719 data has one such pair, 214.95.0.0-215.0.255.255 and 215.0.0.0-215.1.3.255) the one that starts
 * later wins the overlap. The output depends on the input only (build_epoch comes from the package version,
 * yyyyMMddHH).
 *
 * <pre>
 * npm pack @ip-location-db/asn@VERSION &amp;&amp; tar xzf ip-location-db-asn-VERSION.tgz
 * mvn -q -B test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.mailflow.geo.AsnDatabaseBuilder \
 *     -Dexec.args="package src/main/resources/org/mailflow/geo/asn.mmdb"
 * </pre>
 */
public final class AsnDatabaseBuilder {
    static final String DATABASE_TYPE = "ip-location-db-ASN";

    private record Range(BigInteger first, BigInteger last, int bytes, long asn, String organisation) {}

    private AsnDatabaseBuilder() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: AsnDatabaseBuilder <extracted npm package dir> <output.mmdb>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        String version = version(dir.resolve("package.json"));
        List<Range> v4 = merge(read(dir.resolve("asn-ipv4.csv"), 4));
        List<Range> v6 = merge(read(dir.resolve("asn-ipv6.csv"), 16));
        MmdbWriter writer = new MmdbWriter(6)
                .databaseType(DATABASE_TYPE)
                .description("en", "ip-location-db asn " + version
                        + " (RouteViews, DB-IP, NRO; CC BY 4.0) in MaxMind DB format")
                .languages(List.of("en"))
                .buildEpoch(epochOf(version));
        for (List<Range> family : List.of(v4, v6)) {
            for (Range r : family) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("autonomous_system_number", MmdbWriter.uint32(r.asn()));
                if (!r.organisation().isEmpty()) data.put("autonomous_system_organization", r.organisation());
                writer.insertRange(address(r.first(), r.bytes()), address(r.last(), r.bytes()), data);
            }
        }
        Path out = Path.of(args[1]);
        int nodes = writer.write(out);
        System.out.printf("%s: %d IPv4 and %d IPv6 ranges after joining, %d nodes, %,d bytes%n", out, v4.size(),
                v6.size(), nodes, Files.size(out));
    }

    private static List<Range> read(Path csv, int bytes) throws IOException {
        List<Range> ranges = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.parse(in)) {
                InetAddress first = MmdbWriter.literal(row.get(0)), last = MmdbWriter.literal(row.get(1));
                if (first.getAddress().length != bytes || last.getAddress().length != bytes) {
                    throw new IOException(csv + ":" + row.getRecordNumber() + ": not of this file's family");
                }
                long asn = Long.parseLong(row.get(2));
                String organisation = row.size() > 3 ? row.get(3).strip() : "";
                ranges.add(new Range(new BigInteger(1, first.getAddress()), new BigInteger(1, last.getAddress()),
                        bytes, asn, organisation));
            }
        }
        return ranges;
    }

    /** Sorted, with ranges that touch and say the same joined into one. */
    private static List<Range> merge(List<Range> ranges) {
        ranges.sort((a, b) -> a.first().compareTo(b.first()));
        List<Range> out = new ArrayList<>();
        for (Range r : ranges) {
            if (!out.isEmpty()) {
                Range last = out.get(out.size() - 1);
                if (last.last().compareTo(r.first()) >= 0) {
                    System.out.printf("overlap: %s-%s AS%d and %s-%s AS%d%n", address(last.first(), r.bytes()).getHostAddress(),
                            address(last.last(), r.bytes()).getHostAddress(), last.asn(),
                            address(r.first(), r.bytes()).getHostAddress(), address(r.last(), r.bytes()).getHostAddress(), r.asn());
                }
                if (last.asn() == r.asn() && last.organisation().equals(r.organisation())
                        && last.last().add(BigInteger.ONE).equals(r.first())) {
                    out.set(out.size() - 1, new Range(last.first(), r.last(), r.bytes(), r.asn(), r.organisation()));
                    continue;
                }
            }
            out.add(r);
        }
        return out;
    }

    private static InetAddress address(BigInteger value, int bytes) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[bytes];
        int copy = Math.min(raw.length, bytes);
        System.arraycopy(raw, raw.length - copy, out, bytes - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String version(Path packageJson) throws IOException {
        Matcher m = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(packageJson));
        if (!m.find()) throw new IOException("no version in " + packageJson);
        return m.group(1);
    }

    /** 2.3.2026061719 → 2026-06-17T19:00Z: the packages are versioned by the hour they were built. */
    static long epochOf(String version) {
        String stamp = version.substring(version.lastIndexOf('.') + 1);
        return LocalDateTime.parse(stamp, DateTimeFormatter.ofPattern("yyyyMMddHH")).toEpochSecond(ZoneOffset.UTC);
    }
}
