package org.mailflow.smtpauth.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.controlsfx.control.WorldMapView.Country;
import org.junit.jupiter.api.Test;
import org.mailflow.smtpauth.AccountHistory.Count;

/** The world map's shading of an account's countries, and the codes the map does not draw. */
class CountryMapTest {
    @Test
    void codesTheMapDoesNotDrawAreLeftOutWithoutFailing() {
        assertThat(CountryMap.country("DE")).contains(Country.DE);
        assertThat(CountryMap.country("de")).contains(Country.DE);
        assertThat(CountryMap.country("SG")).isEmpty(); // Singapore: too small for the map's shapes
        assertThat(CountryMap.country("ZZ")).isEmpty();
        assertThat(CountryMap.country("")).isEmpty();
        assertThat(CountryMap.country(null)).isEmpty();
        assertThat(CountryMap.counts(List.of(new Count("SG", 40), new Count("", 3), new Count("DE", 7)))).containsOnlyKeys(Country.DE);
    }

    @Test
    void countriesTakeFourShadesByTheirShareOfTheBusiestCountry() {
        List<Count> countries = List.of(new Count("US", 1000), new Count("DE", 500), new Count("FR", 499), new Count("GB", 200),
                new Count("NL", 50), new Count("BE", 49), new Count("HK", 5000));
        assertThat(CountryMap.levels(countries)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                Country.US, 4, Country.DE, 4, Country.FR, 3, Country.GB, 3, Country.NL, 2, Country.BE, 1));
        assertThat(CountryMap.levels(List.of(new Count("JP", 1)))).containsExactlyEntriesOf(java.util.Map.of(Country.JP, 4));
        assertThat(CountryMap.levels(List.of())).isEmpty();
    }
}
