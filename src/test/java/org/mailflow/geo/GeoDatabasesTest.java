package org.mailflow.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's own GeoLite2/GeoIP2 files: precedence, refusals, and files that go away (SPEC 2.6, bad input). */
class GeoDatabasesTest {
    @TempDir
    Path dir;

    @Test
    void userCountryFileOverridesTheBundledAnswerAndTheBundledDataFillsTheRest() throws IOException {
        try (GeoLookup geo = GeoLookup.open(Map.of(GeoKind.COUNTRY, MmdbFixtures.countryFile(dir)))) {
            assertThat(geo.problems()).isEmpty();
            assertThat(geo.lookup("8.8.8.8").countryCode()).isEqualTo("FR");
            assertThat(geo.lookup("2001:4860:4860::8888").countryCode()).isEqualTo("FR");
            assertThat(geo.lookup("8.8.8.8").asn()).isEqualTo(15169); // ASN still bundled
            assertThat(geo.lookup("193.0.6.139").countryCode()).isEqualTo("NL"); // not in the user's file
            assertThat(geo.hasCityDatabase()).isFalse();
            assertThat(geo.databases()).extracting(DatabaseInfo::kind, DatabaseInfo::bundled).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(GeoKind.COUNTRY, false),
                    org.assertj.core.groups.Tuple.tuple(GeoKind.COUNTRY, true),
                    org.assertj.core.groups.Tuple.tuple(GeoKind.ASN, true));
        }
    }

    @Test
    void userAsnFileOverridesTheBundledAnswer() throws IOException {
        try (GeoLookup geo = GeoLookup.open(Map.of(GeoKind.ASN, MmdbFixtures.asnFile(dir)))) {
            assertThat(geo.lookup("8.8.8.8").network()).isEqualTo("AS64496 Example Hosting");
            assertThat(geo.lookup("2001:4860:4860::8888").asn()).isEqualTo(64496);
            assertThat(geo.lookup("8.8.8.8").countryCode()).isEqualTo("US");
            assertThat(geo.lookup("1.1.1.1").asn()).isEqualTo(13335);
        }
    }

    @Test
    void userCityFileGivesCityCoordinatesAndTakesPrecedenceForTheCountry() throws IOException {
        Path city = MmdbFixtures.cityFile(dir);
        Path country = dir.resolve("de.mmdb");
        MmdbFixtures.writer("GeoLite2-Country").insert("8.8.0.0/16", MmdbFixtures.country("DE", "Germany")).write(country);
        try (GeoLookup geo = GeoLookup.open(Map.of(GeoKind.CITY, city, GeoKind.COUNTRY, country,
                GeoKind.ASN, MmdbFixtures.asnFile(dir)))) {
            assertThat(geo.hasCityDatabase()).isTrue();
            Place p = geo.lookup("8.8.8.8");
            assertThat(p.countryCode()).isEqualTo("FR");
            assertThat(p.city()).isEqualTo("Lyon");
            assertThat(p.latitude()).isEqualTo(45.76);
            assertThat(p.longitude()).isEqualTo(4.84);
            assertThat(p.hasCity()).isTrue();
            assertThat(p.network()).isEqualTo("AS64496 Example Hosting");
            Place elsewhere = geo.lookup("8.8.4.4"); // not in the City file: the user's Country file answers
            assertThat(elsewhere.countryCode()).isEqualTo("DE");
            assertThat(elsewhere.hasCity()).isFalse();
            assertThat(geo.lookup("193.0.6.139").countryCode()).isEqualTo("NL");
            assertThat(geo.databases()).extracting(DatabaseInfo::kind)
                    .containsExactly(GeoKind.CITY, GeoKind.COUNTRY, GeoKind.COUNTRY, GeoKind.ASN, GeoKind.ASN);
        }
    }

    @Test
    void checkDescribesAUserFile() throws Exception {
        Path file = MmdbFixtures.cityFile(dir);
        DatabaseInfo info = GeoDatabases.check(file, GeoKind.CITY);
        assertThat(info).isEqualTo(new DatabaseInfo(GeoKind.CITY, "GeoLite2-City", LocalDate.of(2025, 1, 2),
                "as licensed by its provider", file.toAbsolutePath().toString(), false));
    }

    @Test
    void missingFileIsRefused() {
        Path nowhere = dir.resolve("GeoLite2-Country.mmdb");
        assertThatThrownBy(() -> GeoDatabases.check(nowhere, GeoKind.COUNTRY))
                .isInstanceOfSatisfying(GeoFileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(GeoFileException.Reason.MISSING);
                    assertThat(e.file()).isEqualTo(nowhere);
                    assertThat(e.expected()).isEqualTo(GeoKind.COUNTRY);
                    assertThat(e.messageKey()).isEqualTo("geo.file.missing");
                    assertThat(e.messageArgs()).containsExactly(nowhere.toString(), "Country", "");
                    assertThat(e.getMessage()).isEqualTo("The file " + nowhere + " does not exist.");
                });
    }

    @Test
    void textFileTruncatedFileEmptyFileAndFolderAreNotMaxMindDatabases() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.mmdb"), "8.8.8.8,US\n", StandardCharsets.UTF_8);
        Path empty = Files.write(dir.resolve("empty.mmdb"), new byte[0]);
        byte[] whole = Files.readAllBytes(MmdbFixtures.countryFile(dir));
        Path firstHalf = Files.write(dir.resolve("first-half.mmdb"), Arrays.copyOf(whole, whole.length / 2));
        Path lastHalf = Files.write(dir.resolve("last-half.mmdb"),
                Arrays.copyOfRange(whole, whole.length / 2, whole.length));
        Path folder = Files.createDirectory(dir.resolve("folder.mmdb"));
        for (Path bad : new Path[] {text, empty, firstHalf, lastHalf, folder}) {
            assertThatThrownBy(() -> GeoDatabases.check(bad, GeoKind.COUNTRY)).as(bad.toString())
                    .isInstanceOfSatisfying(GeoFileException.class, e -> {
                        assertThat(e.reason()).isEqualTo(GeoFileException.Reason.NOT_MMDB);
                        assertThat(e.messageKey()).isEqualTo("geo.file.notMmdb");
                        assertThat(e.getMessage()).contains("is not a MaxMind DB (.mmdb) file");
                    });
        }
    }

    @Test
    void fileOfAnotherKindIsRefused() throws IOException {
        Path asn = MmdbFixtures.asnFile(dir);
        Path city = MmdbFixtures.cityFile(dir);
        Path country = MmdbFixtures.countryFile(dir);
        assertWrongKind(asn, GeoKind.COUNTRY, "GeoLite2-ASN");
        assertWrongKind(asn, GeoKind.CITY, "GeoLite2-ASN");
        assertWrongKind(city, GeoKind.ASN, "GeoLite2-City");
        assertWrongKind(city, GeoKind.COUNTRY, "GeoLite2-City"); // kinds are strict
        assertWrongKind(country, GeoKind.CITY, "GeoLite2-Country");
        assertWrongKind(country, GeoKind.ASN, "GeoLite2-Country");
    }

    private static void assertWrongKind(Path file, GeoKind expected, String actual) {
        assertThatThrownBy(() -> GeoDatabases.check(file, expected)).as(file + " as " + expected)
                .isInstanceOfSatisfying(GeoFileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(GeoFileException.Reason.WRONG_KIND);
                    assertThat(e.actualType()).isEqualTo(actual);
                    assertThat(e.messageKey()).isEqualTo("geo.file.wrongKind");
                    assertThat(e.getMessage()).isEqualTo("The file " + file + " is a \"" + actual
                            + "\" database, not a " + expected.label() + " database.");
                });
    }

    @Test
    void aTypeThatNamesNoKindIsJudgedByItsRecords() throws Exception {
        Path odd = dir.resolve("odd.mmdb");
        MmdbFixtures.writer("Acme-IP-Data").insert("8.8.8.0/24", MmdbFixtures.country("FR", "France")).write(odd);
        assertThat(GeoDatabases.check(odd, GeoKind.COUNTRY).description()).isEqualTo("Acme-IP-Data");
        assertWrongKind(odd, GeoKind.ASN, "Acme-IP-Data");
        Path flat = dir.resolve("flat.mmdb"); // ip-location-db's flat layout, a type naming two kinds
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("country_code", "fr");
        MmdbFixtures.writer("geo-whois-asn-country").insert("8.8.8.0/24", record).write(flat);
        assertThat(GeoDatabases.check(flat, GeoKind.COUNTRY).kind()).isEqualTo(GeoKind.COUNTRY);
        assertWrongKind(flat, GeoKind.ASN, "geo-whois-asn-country");
        try (GeoLookup geo = GeoLookup.open(Map.of(GeoKind.COUNTRY, flat))) {
            assertThat(geo.lookup("8.8.8.8").countryCode()).isEqualTo("FR");
        }
    }

    @Test
    void theBundledFilesPassTheirOwnCheck() throws Exception {
        Path country = dir.resolve("country.mmdb");
        Path asn = dir.resolve("asn.mmdb");
        try (var in = GeoDatabases.class.getResourceAsStream("country.mmdb")) {
            Files.copy(in, country);
        }
        try (var in = GeoDatabases.class.getResourceAsStream("asn.mmdb")) {
            Files.copy(in, asn);
        }
        assertThat(GeoDatabases.check(country, GeoKind.COUNTRY).built()).isEqualTo(LocalDate.of(2026, 6, 17));
        assertThat(GeoDatabases.check(asn, GeoKind.ASN).description()).isEqualTo(AsnDatabaseBuilder.DATABASE_TYPE);
        assertWrongKind(asn, GeoKind.COUNTRY, AsnDatabaseBuilder.DATABASE_TYPE);
        assertWrongKind(country, GeoKind.ASN, "country ipvAll");
    }

    @Test
    void fileThatCannotBeOpenedIsSkippedAndTheBundledDataAnswers() throws IOException {
        Path gone = dir.resolve("gone.mmdb");
        Path text = Files.writeString(dir.resolve("text.mmdb"), "not a database");
        Path wrong = MmdbFixtures.cityFile(dir);
        try (GeoLookup geo = GeoLookup.open(Map.of(GeoKind.COUNTRY, gone, GeoKind.ASN, text, GeoKind.CITY,
                MmdbFixtures.asnFile(dir)))) {
            assertThat(geo.problems()).hasSize(3);
            assertThat(geo.problems()).anySatisfy(p -> assertThat(p).contains(gone.toString(), "does not exist"));
            assertThat(geo.hasCityDatabase()).isFalse();
            assertThat(geo.databases()).allMatch(DatabaseInfo::bundled);
            assertThat(geo.lookup("8.8.8.8").countryCode()).isEqualTo("US");
            assertThat(geo.lookup("8.8.8.8").asn()).isEqualTo(15169);
        }
        assertThat(wrong).exists();
    }

    @Test
    void userFileDeletedAfterOpenKeepsAnsweringFromMemoryAndIsSkippedAtTheNextOpen() throws IOException {
        Path country = MmdbFixtures.countryFile(dir);
        try (GeoLookup geo = GeoLookup.open(Map.of(GeoKind.COUNTRY, country))) {
            Files.delete(country);
            assertThat(geo.lookup("8.8.8.8").countryCode()).isEqualTo("FR"); // read whole at open
            assertThat(geo.lookup("9.9.9.9").countryCode()).isEqualTo("US");
            assertThat(geo.problems()).isEmpty();
        }
        try (GeoLookup next = GeoLookup.open(Map.of(GeoKind.COUNTRY, country))) {
            assertThat(next.problems()).singleElement().asString().contains("does not exist");
            assertThat(next.lookup("8.8.8.8").countryCode()).isEqualTo("US");
        }
    }

    @Test
    void userFileOverwrittenAfterOpenDoesNotChangeTheAnswers() throws IOException {
        Path country = MmdbFixtures.countryFile(dir);
        try (GeoLookup geo = GeoLookup.open(Map.of(GeoKind.COUNTRY, country))) {
            Files.writeString(country, "garbage");
            assertThat(geo.lookup("8.8.8.8").countryCode()).isEqualTo("FR");
        }
    }

    @Test
    void damagedRecordMakesThatLookupFallBackToTheBundledData() throws IOException {
        // 100 networks, more than the check reads; the record of 50.0.90.0/24 is damaged
        MmdbWriter writer = MmdbFixtures.writer("GeoLite2-Country");
        for (int i = 0; i < 100; i++) {
            Map<String, Object> record = new LinkedHashMap<>(MmdbFixtures.country("FR", "France"));
            record.put("note", String.format("unique-%03d", i));
            writer.insert("50.0." + i + ".0/24", record);
        }
        Path file = dir.resolve("damaged.mmdb");
        writer.write(file);
        byte[] bytes = Files.readAllBytes(file);
        byte[] marker = "unique-090".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, marker);
        assertThat(at).isPositive();
        bytes[at - 1] = 0; // the string's control byte becomes an extended type that does not exist
        Files.write(file, bytes);

        try (GeoLookup geo = GeoLookup.open(Map.of(GeoKind.COUNTRY, file))) {
            assertThat(geo.problems()).isEmpty();
            assertThat(geo.lookup("50.0.1.1").countryCode()).isEqualTo("FR");
            String bundled = GeoLookup.bundled().lookup("50.0.90.1").countryCode();
            assertThat(bundled).isNotEqualTo("FR").isNotEmpty();
            assertThat(geo.lookup("50.0.90.1").countryCode()).isEqualTo(bundled);
            assertThat(geo.problems()).singleElement().asString().contains("failed at a lookup", file.toString());
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) if (haystack[i + k] != needle[k]) continue outer;
            return i;
        }
        return -1;
    }
}
