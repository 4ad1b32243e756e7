package org.mailflow.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.ui.I18n;
import org.mailflow.ui.Settings;
import org.mailflow.ui.SyncTaskRunner;
import org.mailflow.geo.DatabaseInfo;
import org.mailflow.geo.GeoDatabases;
import org.mailflow.geo.GeoFileException;
import org.mailflow.geo.GeoKind;

/**
 * "Where clients are" in Settings, through the real {@link GeoDatabases#check}: the databases that ship
 * with the app are real MaxMind DB files, so copies of them stand in for a user's files (the country one
 * is a Country database, the ASN one an ASN database).
 */
class SettingsViewModelTest {
    private static final I18n EN = new I18n(Locale.ENGLISH);
    private static final List<DatabaseInfo> BUNDLED = List.of(
            new DatabaseInfo(GeoKind.COUNTRY, "ip-location-db geo-whois-asn-country", LocalDate.of(2026, 6, 17),
                    "CC0 1.0 as published; includes NRO data under CC BY 4.0", "npm @ip-location-db/geo-whois-asn-country-mmdb", true),
            new DatabaseInfo(GeoKind.ASN, "ip-location-db asn", LocalDate.of(2026, 6, 17), "CC BY 4.0 (RouteViews, DB-IP, NRO)",
                    "npm @ip-location-db/asn", true));

    @TempDir
    Path dir;

    private final Settings settings = Settings.inMemory();
    private int applied;

    private SettingsViewModel model(I18n i18n) {
        SettingsViewModel m = new SettingsViewModel(settings, new SyncTaskRunner(), i18n, GeoDatabases::check, () -> BUNDLED,
                () -> applied++);
        m.load();
        return m;
    }

    /** A copy of a bundled database ({@code country.mmdb} or {@code asn.mmdb}) under another name. */
    private Path copyOfBundled(String resource, String name) throws Exception {
        try (java.io.InputStream in = GeoDatabases.class.getResourceAsStream(resource)) {
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file.toAbsolutePath();
        }
    }
    @Test
    void withoutFilesTheBundledDatabasesAreShownAndCityIsNone() {
        SettingsViewModel m = model(EN);
        assertThat(m.choice(GeoKind.COUNTRY).titleProperty().get()).isEqualTo("Bundled: ip-location-db geo-whois-asn-country");
        assertThat(m.choice(GeoKind.COUNTRY).detailsProperty().get())
                .isEqualTo("Built 2026-06-17 · CC0 1.0 as published; includes NRO data under CC BY 4.0");
        assertThat(m.choice(GeoKind.ASN).titleProperty().get()).isEqualTo("Bundled: ip-location-db asn");
        assertThat(m.choice(GeoKind.CITY).titleProperty().get()).isEqualTo("None");
        assertThat(m.dirtyProperty().get()).isFalse();
    }

    @Test
    void aTextFileNamedMmdbIsRefusedWithItsNameAndThePreviousChoiceStays() throws Exception {
        Path previous = copyOfBundled("country.mmdb", "my-country.mmdb");
        settings.setGeoFile(GeoKind.COUNTRY, Optional.of(previous));
        SettingsViewModel m = model(EN);
        assertThat(m.choice(GeoKind.COUNTRY).titleProperty().get()).isEqualTo(previous.toString());
        assertThat(m.choice(GeoKind.COUNTRY).detailsProperty().get()).isEqualTo("country ipvAll · built 2026-06-17");
        assertThat(m.choice(GeoKind.COUNTRY).errorProperty().get()).isEmpty();

        Path notes = Files.writeString(dir.resolve("x.mmdb"), "not a database, just text\n");
        m.choose(GeoKind.COUNTRY, notes);

        assertThat(m.choice(GeoKind.COUNTRY).errorProperty().get()).isEqualTo(
                "x.mmdb is not a MaxMind DB (.mmdb) file, or it is damaged; expected a Country database (GeoLite2 or GeoIP2). "
                        + "The previous choice is kept.");
        assertThat(m.choice(GeoKind.COUNTRY).fileProperty().get()).isEqualTo(previous);
        assertThat(m.choice(GeoKind.COUNTRY).titleProperty().get()).isEqualTo(previous.toString());
        assertThat(m.choice(GeoKind.COUNTRY).detailsProperty().get()).isEqualTo("country ipvAll · built 2026-06-17");
        assertThat(m.dirtyProperty().get()).isFalse();
        assertThat(m.apply()).isFalse();
        assertThat(settings.geoFiles()).containsEntry(GeoKind.COUNTRY, previous);
        assertThat(applied).isZero();
    }

    @Test
    void anAsnDatabaseChosenAsCountryIsRefusedForWhatItIs() throws Exception {
        Path asn = copyOfBundled("asn.mmdb", "GeoLite2-ASN.mmdb");
        SettingsViewModel m = model(EN);
        m.choose(GeoKind.COUNTRY, asn);
        assertThat(m.choice(GeoKind.COUNTRY).errorProperty().get())
                .isEqualTo("GeoLite2-ASN.mmdb is an ASN database, not a Country database. The previous choice is kept.");
        assertThat(m.choice(GeoKind.COUNTRY).fileProperty().get()).isNull();
        assertThat(m.choice(GeoKind.COUNTRY).titleProperty().get()).isEqualTo("Bundled: ip-location-db geo-whois-asn-country");

        SettingsViewModel zh = model(new I18n(I18n.ZH_TW));
        zh.choose(GeoKind.COUNTRY, asn);
        assertThat(zh.choice(GeoKind.COUNTRY).errorProperty().get())
                .isEqualTo("GeoLite2-ASN.mmdb 是 ASN 資料庫，不是國家資料庫。已保留先前的選擇。");
    }

    @Test
    void aMissingFileIsRefused() {
        SettingsViewModel m = model(EN);
        m.choose(GeoKind.ASN, dir.resolve("gone.mmdb"));
        assertThat(m.choice(GeoKind.ASN).errorProperty().get()).isEqualTo("gone.mmdb does not exist. The previous choice is kept.");
        assertThat(m.choice(GeoKind.ASN).fileProperty().get()).isNull();
    }

    @Test
    void anAcceptedFileIsPendingUntilApplyThenSavedAndTheAppReacts() throws Exception {
        Path asn = copyOfBundled("asn.mmdb", "my-asn.mmdb");
        SettingsViewModel m = model(EN);
        m.choose(GeoKind.ASN, asn);
        assertThat(m.choice(GeoKind.ASN).errorProperty().get()).isEmpty();
        assertThat(m.choice(GeoKind.ASN).titleProperty().get()).isEqualTo(asn.toString());
        assertThat(m.choice(GeoKind.ASN).detailsProperty().get()).isEqualTo("ip-location-db-ASN · built 2026-06-17");
        assertThat(m.dirtyProperty().get()).isTrue();
        assertThat(settings.geoFiles()).isEmpty();

        assertThat(m.apply()).isTrue();
        assertThat(settings.geoFiles()).containsExactly(java.util.Map.entry(GeoKind.ASN, asn));
        assertThat(applied).isEqualTo(1);
        assertThat(m.dirtyProperty().get()).isFalse();

        m.clear(GeoKind.ASN);
        assertThat(m.choice(GeoKind.ASN).titleProperty().get()).isEqualTo("Bundled: ip-location-db asn");
        assertThat(m.apply()).isTrue();
        assertThat(settings.geoFiles()).isEmpty();
        assertThat(applied).isEqualTo(2);
    }

    @Test
    void aSavedFileThatNoLongerPassesSaysSoAndStaysChosenUntilCleared() throws Exception {
        Path broken = Files.writeString(dir.resolve("GeoLite2-ASN.mmdb"), "damaged");
        settings.setGeoFile(GeoKind.ASN, Optional.of(broken));
        SettingsViewModel m = model(EN);
        assertThat(m.choice(GeoKind.ASN).errorProperty().get()).startsWith("GeoLite2-ASN.mmdb is not a MaxMind DB (.mmdb) file");
        assertThat(m.choice(GeoKind.ASN).fileProperty().get()).isEqualTo(broken.toAbsolutePath());
        m.clear(GeoKind.ASN);
        assertThat(m.choice(GeoKind.ASN).errorProperty().get()).isEmpty();
        assertThat(m.choice(GeoKind.ASN).titleProperty().get()).isEqualTo("Bundled: ip-location-db asn");
    }

    @Test
    void aDatabaseOfAnotherKindIsNamedByWhatItsTypeSays() {
        assertThat(SettingsViewModel.refusal(EN, GeoFileException.Reason.WRONG_KIND, Path.of("a.mmdb"), GeoKind.CITY, "GeoIP2-Country"))
                .isEqualTo("a.mmdb is a Country database, not a City database. The previous choice is kept.");
        assertThat(SettingsViewModel.refusal(EN, GeoFileException.Reason.WRONG_KIND, Path.of("b.mmdb"), GeoKind.ASN, "Acme-Proxy"))
                .isEqualTo("b.mmdb is a \"Acme-Proxy\" database, not an ASN database. The previous choice is kept.");
    }
}
