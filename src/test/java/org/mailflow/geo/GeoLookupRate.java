package org.mailflow.geo;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A manual measure, not a test: how fast the bundled databases answer for distinct addresses (each one a miss of
 * the Place cache). {@code mvn -q -B test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.mailflow.geo.GeoLookupRate [-Dexec.args=COUNT]}
 */
public final class GeoLookupRate {
    private GeoLookupRate() {}

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long t0 = System.nanoTime();
        GeoLookup geo = GeoLookup.bundled();
        geo.lookup("8.8.8.8");
        System.out.printf("bundled databases loaded in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        List<String> ips = distinct(count, new SplittableRandom(20260617));
        for (int round = 0; round < 5; round++) {
            String pad = " ".repeat(round); // new cache keys for the same addresses: every lookup is a miss
            long start = System.nanoTime();
            int known = 0;
            for (String ip : ips) if (!geo.lookup(ip + pad).countryCode().isEmpty()) known++;
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %,d distinct IPs in %.3f s = %,.0f lookups/s (%,d with a country)%n",
                    round + 1, ips.size(), seconds, ips.size() / seconds, known);
        }
        long start = System.nanoTime();
        for (String ip : ips) geo.lookup(ip);
        System.out.printf("again, from the cache: %,.0f lookups/s%n", ips.size() / ((System.nanoTime() - start) / 1e9));
    }

    /** Two thirds IPv4, one third IPv6 (in 2000::/3), all distinct. */
    static List<String> distinct(int count, SplittableRandom random) {
        Set<String> out = new HashSet<>();
        while (out.size() < count) {
            if (random.nextInt(3) < 2) {
                out.add(random.nextInt(1, 224) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                        + random.nextInt(256));
            } else {
                out.add(String.format("%x:%x:%x::%x", 0x2000 + random.nextInt(0x2000), random.nextInt(0x10000),
                        random.nextInt(0x10000), random.nextInt(0x10000)));
            }
        }
        return List.copyOf(out);
    }
}
