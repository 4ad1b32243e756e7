package org.mailflow.app.about;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.mailflow.ui.I18n;
import org.mailflow.ui.SyncTaskRunner;
import org.mailflow.cache.Cache;
import org.mailflow.geo.DatabaseInfo;
import org.mailflow.geo.GeoKind;

/** The About text: versions, the cache's schema, and each database in use with its date, licence, source and attribution. */
class AboutViewModelTest {
    private static final DatabaseInfo CITY = new DatabaseInfo(GeoKind.CITY, "GeoLite2-City", LocalDate.of(2026, 5, 1),
            DatabaseInfo.USER_LICENCE, "/data/GeoLite2-City.mmdb", false);
    private static final DatabaseInfo COUNTRY = new DatabaseInfo(GeoKind.COUNTRY, "ip-location-db geo-whois-asn-country",
            LocalDate.of(2026, 6, 17), "CC0 1.0 as published; includes NRO data under CC BY 4.0",
            "npm @ip-location-db/geo-whois-asn-country-mmdb@2.3.2026061719", true);
    private static final DatabaseInfo ASN = new DatabaseInfo(GeoKind.ASN, "ip-location-db asn", LocalDate.of(2026, 6, 17),
            "CC BY 4.0 (RouteViews, DB-IP, NRO)", "npm @ip-location-db/asn@2.3.2026061719 (converted to MaxMind DB)", true);

    private static String text(I18n i18n, List<DatabaseInfo> dbs) {
        AboutViewModel m = new AboutViewModel(i18n, new SyncTaskRunner(), () -> dbs, Path.of("caches", "mine.db"));
        m.load();
        return m.textProperty().get();
    }

    @Test
    void listsVersionsSchemaAndEveryDatabaseWithDateLicenceAndSource() {
        String text = text(new I18n(Locale.ENGLISH), List.of(CITY, COUNTRY, ASN));
        assertThat(text.lines().toList()).contains(
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ") · JavaFX "
                        + (System.getProperty("javafx.runtime.version") == null ? "?" : System.getProperty("javafx.runtime.version")),
                "Cache schema version " + Cache.SCHEMA_VERSION,
                "Cache: " + Path.of("caches", "mine.db"),
                "City: GeoLite2-City (your file), built 2026-05-01",
                "    Licence: as licensed by its provider",
                "    Source: /data/GeoLite2-City.mmdb",
                "Country: ip-location-db geo-whois-asn-country (bundled), built 2026-06-17",
                "    Licence: CC0 1.0 as published; includes NRO data under CC BY 4.0",
                "Network (ASN): ip-location-db asn (bundled), built 2026-06-17",
                "    Source: npm @ip-location-db/asn@2.3.2026061719 (converted to MaxMind DB)");
        assertThat(text).contains("licensed under CC BY 4.0", "RouteViews", "DB-IP (https://db-ip.com)", "Number Resource Organization",
                "CC0 1.0");
        assertThat(text.indexOf("City: ")).isLessThan(text.indexOf("Country: ")); // in the order they answer
    }

    @Test
    void attributionIsGivenOnlyForBundledDataInUse() {
        String text = text(new I18n(Locale.ENGLISH), List.of(CITY));
        assertThat(text).doesNotContain("Attribution", "db-ip.com");
        assertThat(text(new I18n(Locale.ENGLISH), List.of())).contains("No geolocation database is in use.");
    }

    @Test
    void traditionalChinese() {
        String text = text(new I18n(I18n.ZH_TW), List.of(COUNTRY, ASN));
        assertThat(text.lines().toList()).contains("快取結構描述版本 " + Cache.SCHEMA_VERSION,
                "國家：ip-location-db geo-whois-asn-country（內建），建置於 2026-06-17",
                "網路（ASN）：ip-location-db asn（內建），建置於 2026-06-17");
        assertThat(text).contains("資料來源標示", "CC BY 4.0", "https://db-ip.com", "CC0 1.0");
    }

    @Test
    void theSchemaVersionIsTheOpenCachesAsReadFromItsFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        AboutViewModel older = new AboutViewModel(new I18n(Locale.ENGLISH), new SyncTaskRunner(), List::of, Path.of("old.db"), () -> 3);
        older.load();
        assertThat(older.textProperty().get().lines().toList()).contains("Cache schema version 3");

        try (Cache cache = Cache.open(dir.resolve("c.db"))) {
            AboutViewModel m = new AboutViewModel(new I18n(Locale.ENGLISH), new SyncTaskRunner(), List::of, cache.file(), cache::schemaVersion);
            m.load();
            assertThat(cache.schemaVersion()).isEqualTo(Cache.SCHEMA_VERSION);
            assertThat(m.textProperty().get().lines().toList()).contains("Cache schema version " + Cache.SCHEMA_VERSION);
        }
    }

    @Test
    void buildDateAndTheLogFileInBothLanguages(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThat(text(new I18n(Locale.ENGLISH), List.of()).lines().toList()).contains("Log: none in this session");
        try {
            org.mailflow.log.AppLog.start(dir.resolve("logs"));
            Path file = dir.resolve("logs").resolve("mailflow-insights.0.log");
            String en = text(new I18n(Locale.ENGLISH), List.of());
            assertThat(en.lines().toList()).contains("Log file: " + file, "Built " + org.mailflow.model.BuildInfo.buildDate(),
                    "Mailflow Insights " + org.mailflow.model.BuildInfo.version());
            assertThat(org.mailflow.model.BuildInfo.buildDate()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"); // Maven wrote it
            assertThat(text(new I18n(I18n.ZH_TW), List.of()).lines().toList()).contains("記錄檔：" + file,
                    "建置於 " + org.mailflow.model.BuildInfo.buildDate());
        } finally {
            org.mailflow.log.AppLog.stop();
        }
    }
}
