package org.mailflow.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled databases and what every kind of logged address becomes (SPEC 2.6).
 *
 * <p>The addresses are long-stable anycast resolvers and a registry's own network: Google Public DNS (8.8.8.8,
 * 2001:4860:4860::8888, AS15169 since 2009), Cloudflare (1.1.1.1, 2606:4700:4700::1111, AS13335 since 2018),
 * Quad9 (9.9.9.9, 2620:fe::fe, AS19281 since 2017) and RIPE NCC's own office network in Amsterdam
 * (193.0.6.139, 2001:67c:2e8::/48, AS3333). A data update that moves one of them is worth a look before it ships.
 */
class GeoLookupTest {
    private final GeoLookup geo = GeoLookup.bundled();

    @Test
    void bundledDataAnswersForLongStableAddresses() {
        assertThat(geo.lookup("8.8.8.8")).satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Place.Kind.PUBLIC);
            assertThat(p.countryCode()).isEqualTo("US");
            assertThat(p.asn()).isEqualTo(15169);
            assertThat(p.network()).isEqualTo("AS15169 Google LLC");
            assertThat(p.city()).isEmpty();
            assertThat(p.hasCity()).isFalse();
        });
        assertThat(geo.lookup("1.1.1.1").network()).isEqualTo("AS13335 Cloudflare, Inc.");
        // APNIC holds 1.1.1.0/24 (lent to Cloudflare for its research): the data places it in Australia
        assertThat(geo.lookup("1.1.1.1").countryCode()).isEqualTo("AU");
        assertThat(geo.lookup("9.9.9.9").network()).isEqualTo("AS19281 Quad9");
        assertThat(geo.lookup("9.9.9.9").countryCode()).isEqualTo("US");
        assertThat(geo.lookup("193.0.6.139").countryCode()).isEqualTo("NL");
        assertThat(geo.lookup("193.0.6.139").asn()).isEqualTo(3333);
        assertThat(geo.lookup("2001:4860:4860::8888")).satisfies(p -> {
            assertThat(p.countryCode()).isEqualTo("US");
            assertThat(p.asn()).isEqualTo(15169);
        });
        assertThat(geo.lookup("2606:4700:4700::1111").asn()).isEqualTo(13335);
        assertThat(geo.lookup("2620:fe::fe").asn()).isEqualTo(19281);
        assertThat(geo.lookup("2001:67c:2e8:22::c100:68b").countryCode()).isEqualTo("NL");
    }

    @Test
    void loggedFormsOfOneAddressAgreeAndKeepTheirText() {
        for (String form : new String[] {"[2001:4860:4860::8888]", "[IPv6:2001:4860:4860::8888]",
                "IPv6:2001:4860:4860::8888", "2001:4860:4860:0:0:0:0:8888"}) {
            Place p = geo.lookup(form);
            assertThat(p.ip()).isEqualTo(form);
            assertThat(p.countryCode()).as(form).isEqualTo("US");
            assertThat(p.asn()).as(form).isEqualTo(15169);
        }
        Place mapped = geo.lookup("::ffff:8.8.8.8");
        assertThat(mapped.ip()).isEqualTo("::ffff:8.8.8.8");
        assertThat(mapped.countryCode()).isEqualTo("US");
        assertThat(mapped.asn()).isEqualTo(15169);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "127.0.0.1", "172.20.1.1", "192.168.0.10", "169.254.1.1", "100.64.1.1", "::1",
            "fd00::1", "fe80::1%eth0", "[fe80::1]", "::ffff:192.168.1.1"})
    void privateLoopbackAndLinkLocalArePrivateNetwork(String ip) {
        Place p = geo.lookup(ip);
        assertThat(p.kind()).isEqualTo(Place.Kind.PRIVATE);
        assertThat(p.ip()).isEqualTo(ip);
        assertThat(p.countryCode()).isEmpty();
        assertThat(p.network()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "999.1.1.1", "1.2.3", "", "host.example", "localhost", "1.2.3.4.5", "2001:db8::g",
            "[unknown]", "  ", "mail.example.com[203.0.113.5]", "-"})
    void malformedTextIsInvalidAndKeptAsLogged(String text) {
        assertThatCode(() -> geo.lookup(text)).doesNotThrowAnyException();
        Place p = geo.lookup(text);
        assertThat(p.kind()).isEqualTo(Place.Kind.INVALID);
        assertThat(p.ip()).isEqualTo(text);
        assertThat(p.countryCode()).isEmpty();
        assertThat(p.asn()).isZero();
        assertThat(p.hasCity()).isFalse();
    }

    @Test
    void nullIsInvalid() {
        assertThat(geo.lookup(null).kind()).isEqualTo(Place.Kind.INVALID);
    }

    @Test
    void documentationRangesArePublicButUnknown() {
        // the bundled country data places 2001:db8::/32 in Japan (one of its known data bugs): documentation
        // addresses are never looked up
        for (String ip : new String[] {"192.0.2.1", "198.51.100.20", "203.0.113.5", "2001:db8::1", "3fff::25"}) {
            Place p = geo.lookup(ip);
            assertThat(p.kind()).as(ip).isEqualTo(Place.Kind.PUBLIC);
            assertThat(p.countryCode()).as(ip).isEmpty();
            assertThat(p.asn()).as(ip).isZero();
        }
    }

    @Test
    void noneKnowsNothing() {
        GeoLookup none = GeoLookup.none();
        assertThat(none.lookup("8.8.8.8")).isEqualTo(Place.unknown("8.8.8.8"));
        assertThat(none.lookup("10.0.0.1").kind()).isEqualTo(Place.Kind.PRIVATE);
        assertThat(none.lookup("nope").kind()).isEqualTo(Place.Kind.INVALID);
        assertThat(none.databases()).isEmpty();
        assertThat(none.hasCityDatabase()).isFalse();
    }

    @Test
    void bundledDatabasesAreNamedWithDatesAndLicences() {
        assertThat(geo.hasCityDatabase()).isFalse();
        assertThat(geo.problems()).isEmpty();
        assertThat(geo.databases()).hasSize(2).allSatisfy(d -> {
            assertThat(d.bundled()).isTrue();
            assertThat(d.built()).isAfter(LocalDate.of(2026, 1, 1));
            assertThat(d.licence()).isNotBlank();
            assertThat(d.source()).startsWith("npm @ip-location-db/");
        });
        assertThat(geo.databases().get(0).kind()).isEqualTo(GeoKind.COUNTRY);
        assertThat(geo.databases().get(0).description()).isEqualTo("ip-location-db geo-whois-asn-country");
        assertThat(geo.databases().get(1).kind()).isEqualTo(GeoKind.ASN);
        assertThat(geo.databases().get(1).licence()).contains("CC BY 4.0", "RouteViews", "DB-IP", "NRO");
        assertThat(GeoLookup.open(Map.of())).isSameAs(GeoLookup.bundled());
    }

    @Test
    void placeTexts() {
        assertThat(new Place("x", Place.Kind.PUBLIC, "US", "", Double.NaN, Double.NaN, 13335, "").network())
                .isEqualTo("AS13335");
        assertThat(Place.unknown("x").network()).isEmpty();
        assertThat(new Place("x", Place.Kind.PUBLIC, "FR", "Lyon", 45.76, 4.84, 0, "").hasCity()).isTrue();
        assertThat(new Place(null, Place.Kind.PUBLIC, null, null, 1, 2, 0, null))
                .isEqualTo(new Place("", Place.Kind.PUBLIC, "", "", 1, 2, 0, ""));
    }

    @Test
    void repeatedLookupsAreCachedAndEqual() {
        assertThat(geo.lookup("8.8.4.4")).isSameAs(geo.lookup("8.8.4.4"));
    }
}
