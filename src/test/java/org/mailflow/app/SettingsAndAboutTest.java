package org.mailflow.app;

import org.mailflow.ui.View;

import org.mailflow.ui.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.testing.UiFixture.waitUntil;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.app.dashboard.DashboardViewModel;
import org.mailflow.cache.Cache;
import org.mailflow.geo.DatabaseInfo;
import org.mailflow.geo.GeoDatabases;
import org.mailflow.geo.GeoKind;
import org.mailflow.testing.Fixtures;
import org.mailflow.testing.UiFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * File ▸ Settings… (Ctrl+,) and Help ▸ About over the main window. The file chooser is answered by the
 * test; a copy of the bundled ASN database stands in for a user's GeoLite2-ASN file.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsAndAboutTest {
    @TempDir
    static Path dir;

    private Path here;
    private Cache cache;
    private AppContext context;
    private final Deque<Path> picks = new ArrayDeque<>();

    @Start
    void start(Stage stage) throws Exception {
        here = Files.createTempDirectory(dir, "case");
        cache = Fixtures.smallBulkCache(here);
        context = UiFixture.context(cache, here, false);
        context.setGeoFilePicker((owner, title, folder) -> Optional.ofNullable(picks.poll()));
        UiFixture.show(stage, context, View.MAIN_WINDOW, 1360, 860);
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private Stage openSettings(FxRobot robot) {
        robot.press(KeyCode.CONTROL).type(KeyCode.COMMA).release(KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#asnBrowse").tryQuery().isPresent());
        waitUntil(() -> text(robot, "#asnTitle").startsWith("Bundled: "));
        return (Stage) robot.lookup("#asnBrowse").query().getScene().getWindow();
    }

    @Test
    void aTextFileIsRefusedAndKeepsTheBundledChoiceThenARealAsnFileIsSavedAndThePagesRebuilt(FxRobot robot) throws Exception {
        Path notes = Files.writeString(here.resolve("x.mmdb"), "these are notes, not a MaxMind database\n");
        Path asn = here.resolve("GeoLite2-ASN.mmdb");
        try (InputStream in = GeoDatabases.class.getResourceAsStream("asn.mmdb")) {
            Files.copy(in, asn);
        }
        DashboardViewModel before = context.dashboard();
        Stage dialog = openSettings(robot);
        assertThat(dialog.getTitle()).isEqualTo("Settings");
        assertThat(text(robot, "#asnTitle")).isEqualTo("Bundled: ip-location-db asn");
        assertThat(text(robot, "#cityTitle")).isEqualTo("None");

        picks.add(notes);
        robot.clickOn("#asnBrowse");
        waitUntil(() -> robot.lookup("#asnError").query().isVisible());
        assertThat(text(robot, "#asnError")).isEqualTo("x.mmdb is not a MaxMind DB (.mmdb) file, or it is damaged; "
                + "expected an ASN database (GeoLite2 or GeoIP2). The previous choice is kept.");
        assertThat(text(robot, "#asnTitle")).isEqualTo("Bundled: ip-location-db asn");
        assertThat(robot.lookup("#applyButton").queryAs(Button.class).isDisabled()).isTrue();

        picks.add(asn);
        robot.clickOn("#asnBrowse");
        waitUntil(() -> text(robot, "#asnTitle").equals(asn.toAbsolutePath().toString()));
        assertThat(robot.lookup("#asnError").query().isVisible()).isFalse();
        assertThat(text(robot, "#asnDetails")).startsWith("ip-location-db-ASN · built ");
        assertThat(context.settings().geoFiles()).isEmpty(); // nothing saved before OK
        robot.clickOn("#okButton");
        waitUntil(() -> !dialog.isShowing());

        assertThat(context.settings().geoFiles()).containsExactly(java.util.Map.entry(GeoKind.ASN, asn.toAbsolutePath()));
        assertThat(context.dashboard()).isNotSameAs(before); // the pages were built again, on the new databases
        assertThat(context.geo().databases()).extracting(DatabaseInfo::source).contains(asn.toAbsolutePath().toString());
        waitUntil(() -> !text(robot, "#bulkMessages").isEmpty());
    }

    @Test
    void cancelChangesNothing(FxRobot robot) throws Exception {
        Path asn = here.resolve("mine.mmdb");
        try (InputStream in = GeoDatabases.class.getResourceAsStream("asn.mmdb")) {
            Files.copy(in, asn);
        }
        Stage dialog = openSettings(robot);
        picks.add(asn);
        robot.clickOn("#asnBrowse");
        waitUntil(() -> !robot.lookup("#applyButton").queryAs(Button.class).isDisabled());
        robot.clickOn("#cancelButton");
        waitUntil(() -> !dialog.isShowing());
        assertThat(context.settings().geoFiles()).isEmpty();
    }

    @Test
    void aboutShowsTheSchemaVersionAndTheDatabasesInUse(FxRobot robot) {
        robot.clickOn("Help").clickOn("About Mailflow Insights");
        waitUntil(() -> robot.lookup("#aboutText").tryQuery().isPresent());
        waitUntil(() -> !robot.lookup("#aboutText").queryAs(TextArea.class).getText().contains("Reading the databases"));
        String text = robot.lookup("#aboutText").queryAs(TextArea.class).getText();
        assertThat(text).contains("Cache schema version " + Cache.SCHEMA_VERSION, "Java " + System.getProperty("java.version"),
                "Cache: " + cache.file());
        List<DatabaseInfo> inUse = context.geo().databases();
        assertThat(inUse).extracting(DatabaseInfo::kind).containsExactly(GeoKind.COUNTRY, GeoKind.ASN);
        for (DatabaseInfo db : inUse) {
            assertThat(text).contains(": " + db.description() + " (bundled), built " + db.built(), "Licence: " + db.licence(),
                    "Source: " + db.source());
        }
        assertThat(text).contains("Country: ip-location-db geo-whois-asn-country (bundled)", "Network (ASN): ip-location-db asn (bundled)",
                "CC BY 4.0", "DB-IP (https://db-ip.com)", "RouteViews", "CC0 1.0");
        assertThat(robot.lookup("#aboutText").queryAs(TextArea.class).isEditable()).isFalse();
        robot.clickOn("#closeButton");
        waitUntil(() -> robot.lookup("#aboutText").tryQuery().isEmpty());
    }
}
