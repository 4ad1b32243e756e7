package org.mailflow.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A representative point of each country ({@code country-centroids.csv}, sources in {@code SOURCES.md}): where
 * impossible-travel places an address when no City database gives coordinates.
 */
public final class CountryCentroids {
    private record Entry(double latitude, double longitude, String name) {}

    private static final class Table {
        static final Map<String, Entry> ENTRIES = load();
    }

    private CountryCentroids() {}

    /** {@code {latitude, longitude}} of a country by ISO 3166-1 alpha-2 code (any case); empty when unknown. */
    public static Optional<double[]> of(String iso2) {
        Entry e = entry(iso2);
        return e == null ? Optional.empty() : Optional.of(new double[] {e.latitude(), e.longitude()});
    }

    /** The English short name of the country, as the centroid table gives it. */
    public static Optional<String> name(String iso2) {
        Entry e = entry(iso2);
        return e == null ? Optional.empty() : Optional.of(e.name());
    }

    private static Entry entry(String iso2) {
        if (iso2 == null || iso2.length() != 2) return null;
        return Table.ENTRIES.get(iso2.toUpperCase(Locale.ROOT));
    }

    private static Map<String, Entry> load() {
        Map<String, Entry> map = new HashMap<>();
        try (InputStream in = CountryCentroids.class.getResourceAsStream("country-centroids.csv")) {
            if (in == null) throw new IllegalStateException("country-centroids.csv is missing from the build");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            if (header == null || !header.startsWith("iso2,latitude,longitude")) {
                throw new IllegalStateException("country-centroids.csv: unexpected header " + header);
            }
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank()) continue;
                String[] f = line.split(",", 4);
                String name = f.length > 3 ? f[3] : "";
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
                }
                map.put(f[0], new Entry(Double.parseDouble(f[1]), Double.parseDouble(f[2]), name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}
