package org.mailflow.app;

import org.mailflow.ui.Settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** Issue 14, item 1: the first window fits the screen it opens on; remembered bounds only when they still fit. */
class WindowPlacementTest {
    private static final Rectangle2D SMALL = new Rectangle2D(0, 0, 1366, 728); // 1366 × 768 less a 40 px task bar
    private static final Rectangle2D LARGE = new Rectangle2D(0, 0, 2560, 1400);

    private static WindowPlacement.Placement place(Rectangle2D primary, List<Rectangle2D> screens, Settings.WindowBounds remembered) {
        return WindowPlacement.place(1360, 860, 1024, 680, primary, screens, Optional.ofNullable(remembered));
    }

    @Test
    void aFirstWindowOnASmallScreenTakesItsVisualBoundsWithTheStatusBarOnScreen() {
        WindowPlacement.Placement p = place(SMALL, List.of(SMALL), null);
        assertThat(p.bounds()).isEqualTo(new Rectangle2D(0, 0, 1366, 728));
        assertThat(SMALL.contains(p.bounds())).isTrue();
        assertThat(p.maximized()).isFalse();
    }

    @Test
    void aFirstWindowOnALargeScreenHasThePreferredSizeCentred() {
        WindowPlacement.Placement p = place(LARGE, List.of(LARGE), null);
        assertThat(p.bounds()).isEqualTo(new Rectangle2D(600, 270, 1360, 860));
    }

    @Test
    void rememberedBoundsAreKeptWhenTheyFitAScreen() {
        Rectangle2D second = new Rectangle2D(2560, 0, 1920, 1040);
        Settings.WindowBounds onSecond = new Settings.WindowBounds(2600, 40, 1500, 900, false);
        assertThat(place(LARGE, List.of(LARGE, second), onSecond).bounds()).isEqualTo(new Rectangle2D(2600, 40, 1500, 900));
    }

    @Test
    void rememberedBoundsFromALargerOrMissingScreenGiveWayToTheDefault() {
        Settings.WindowBounds fromMonitor = new Settings.WindowBounds(100, 80, 1800, 1000, false);
        assertThat(place(SMALL, List.of(SMALL), fromMonitor).bounds()).isEqualTo(new Rectangle2D(0, 0, 1366, 728));
        Settings.WindowBounds offScreen = new Settings.WindowBounds(3000, 50, 1200, 800, true);
        WindowPlacement.Placement p = place(LARGE, List.of(LARGE), offScreen);
        assertThat(LARGE.contains(p.bounds())).isTrue();
        assertThat(p.maximized()).as("a window closed maximized opens maximized").isTrue();
    }

    @Test
    void aScreenSmallerThanTheMinimumSizeStillHoldsTheWholeWindow() {
        Rectangle2D tiny = new Rectangle2D(0, 0, 1000, 600);
        assertThat(tiny.contains(place(tiny, List.of(tiny), null).bounds())).isTrue();
    }
}
