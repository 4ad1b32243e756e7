package org.mailflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import javafx.scene.Parent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.testing.Fixtures;
import org.mailflow.testing.UiFixture;
import org.mailflow.ui.View;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every FXML view of the {@link View} registry loads with the app's own controller factory on an open
 * cache (each gets its controller and its fields injected), and every FXML file of {@code fxml/} is in
 * the registry, so a view cannot be added without being loaded here.
 */
@ExtendWith(ApplicationExtension.class)
class EveryViewLoadsTest {
    @TempDir
    static Path dir;

    private Cache cache;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        Path here = Files.createTempDirectory(dir, "case");
        cache = Fixtures.smallBulkCache(here);
        context = UiFixture.context(cache, here, false);
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    @Test
    void everyViewOfTheRegistryLoadsWithItsController() throws Exception {
        Map<View, AppContext.Loaded> loaded = new EnumMap<>(View.class);
        WaitForAsyncUtils.asyncFx(() -> {
            for (View v : View.values()) {
                loaded.put(v, context.loadWithController(v));
            }
        }).get();
        assertThat(loaded.keySet()).containsExactly(View.values());
        assertThat(loaded.values()).allSatisfy(l -> {
            assertThat(l.root()).isInstanceOf(Parent.class);
            assertThat(l.controller()).isNotNull();
        });
        assertThat(loaded.get(View.SMTP_IP_PANEL).controller()).isInstanceOf(org.mailflow.smtpauth.ui.SmtpIpPanelController.class);
    }

    @Test
    void everyFxmlFileIsInTheRegistry() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("fxml"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".fxml")).sorted().toList())
                    .containsExactlyInAnyOrderElementsOf(Stream.of(View.values()).map(v -> {
                        String u = v.url().toString();
                        return u.substring(u.lastIndexOf('/') + 1);
                    }).toList());
        }
    }
}
