package org.mailflow.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The country centroid table behind impossible travel without a City database (SPEC 2.5). */
class CountryCentroidsTest {
    @Test
    void largeCountriesLieInsideTheirBounds() {
        assertInside("US", 24, 50, -125, -66);
        assertInside("DE", 47, 55, 5.8, 15.1);
        assertInside("JP", 30, 46, 128, 146);
        assertInside("FR", 41, 51.2, -5.2, 9.6);
        assertInside("AU", -44, -10, 112, 154);
        assertInside("BR", -34, 5.3, -74, -34);
    }

    private static void assertInside(String iso, double latMin, double latMax, double lonMin, double lonMax) {
        double[] p = CountryCentroids.of(iso).orElseThrow();
        assertThat(p[0]).as(iso + " latitude").isBetween(latMin, latMax);
        assertThat(p[1]).as(iso + " longitude").isBetween(lonMin, lonMax);
    }

    @Test
    void anyCaseAndUnknownCodes() {
        assertThat(CountryCentroids.of("de")).isPresent();
        assertThat(CountryCentroids.of("")).isEmpty();
        assertThat(CountryCentroids.of(null)).isEmpty();
        assertThat(CountryCentroids.of("ZZ")).isEmpty();
        assertThat(CountryCentroids.of("DEU")).isEmpty();
        assertThat(CountryCentroids.name("CI")).contains("Côte d'Ivoire");
    }

    @Test
    void everyIsoCodeOfTheCountryDataHasACentroid() throws IOException {
        // the codes of ISO 3166-1 as Java knows them, and Kosovo (XK) which MaxMind and others use
        for (String iso : java.util.Locale.getISOCountries()) {
            assertThat(CountryCentroids.of(iso)).as(iso).isPresent();
        }
        assertThat(CountryCentroids.of("XK")).isPresent();
        try (InputStream in = CountryCentroids.class.getResourceAsStream("country-centroids.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines.get(0)).isEqualTo("iso2,latitude,longitude,name");
            assertThat(lines).hasSize(251);
        }
    }
}
