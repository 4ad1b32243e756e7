package org.mailflow.geo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small user databases in the layouts of MaxMind's GeoLite2 Country, City and ASN files, made with {@link MmdbWriter}. */
final class MmdbFixtures {
    static final long BUILT_2025_01_02 = 1_735_776_000L; // 2025-01-02T00:00:00Z

    private MmdbFixtures() {}

    static Map<String, Object> country(String iso, String name) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("geoname_id", MmdbWriter.uint32(3017382));
        c.put("iso_code", iso);
        c.put("names", Map.of("en", name));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("continent", Map.of("code", "EU", "names", Map.of("en", "Europe")));
        record.put("country", c);
        record.put("registered_country", c);
        return record;
    }

    static Map<String, Object> city(String iso, String cityName, double latitude, double longitude) {
        Map<String, Object> record = new LinkedHashMap<>(country(iso, "Somewhere"));
        record.put("city", Map.of("geoname_id", MmdbWriter.uint32(2996944), "names", Map.of("en", cityName, "fr", cityName)));
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("accuracy_radius", MmdbWriter.uint16(20));
        location.put("latitude", latitude);
        location.put("longitude", longitude);
        location.put("time_zone", "Europe/Paris");
        record.put("location", location);
        return record;
    }

    static Map<String, Object> asn(long number, String organisation) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("autonomous_system_number", MmdbWriter.uint32(number));
        record.put("autonomous_system_organization", organisation);
        return record;
    }

    static MmdbWriter writer(String databaseType) {
        return new MmdbWriter(6).databaseType(databaseType).description("en", databaseType + " for tests")
                .languages(List.of("en")).buildEpoch(BUILT_2025_01_02);
    }

    /** 8.8.8.0/24 and 2001:4860::/32 in France, as a GeoLite2-Country file. */
    static Path countryFile(Path dir) throws IOException {
        Path file = dir.resolve("GeoLite2-Country.mmdb");
        writer("GeoLite2-Country").insert("8.8.8.0/24", country("FR", "France"))
                .insert("2001:4860::/32", country("FR", "France")).write(file);
        return file;
    }

    /** 8.8.8.0/24 in Lyon (45.76, 4.84), as a GeoLite2-City file. */
    static Path cityFile(Path dir) throws IOException {
        Path file = dir.resolve("GeoLite2-City.mmdb");
        writer("GeoLite2-City").insert("8.8.8.0/24", city("FR", "Lyon", 45.76, 4.84)).write(file);
        return file;
    }

    /** 8.8.8.0/24 and 2001:4860::/32 belong to AS64496 "Example Hosting", as a GeoLite2-ASN file. */
    static Path asnFile(Path dir) throws IOException {
        Path file = dir.resolve("GeoLite2-ASN.mmdb");
        writer("GeoLite2-ASN").insert("8.8.8.0/24", asn(64496, "Example Hosting"))
                .insert("2001:4860::/32", asn(64496, "Example Hosting")).write(file);
        return file;
    }
}
