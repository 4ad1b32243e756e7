package org.mailflow.app;

import org.mailflow.ui.Settings;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;

/**
 * Where the main window opens: the remembered bounds when they still fit one of the current screens
 * (a laptop taken off its large monitor must not open the window half off-screen), otherwise the
 * preferred size when it leaves a margin ({@value #SCREEN_SHARE} of the primary screen's visual bounds,
 * the screen without task bar and menu bar), otherwise the visual bounds themselves, centred. So the
 * first window on a 1366 × 768 screen fills it above the task bar, and its status bar is visible.
 */
public final class WindowPlacement {
    /** The share of the primary screen's visual bounds a first window takes at most. */
    public static final double SCREEN_SHARE = 0.9;

    private WindowPlacement() {
    }

    /** Window bounds and whether the window is maximized. */
    public record Placement(Rectangle2D bounds, boolean maximized) {
    }

    /**
     * @param preferredWidth  the window's preferred width (the layout's comfortable size)
     * @param primary         the primary screen's visual bounds
     * @param screens         the visual bounds of every screen
     * @param remembered      the bounds saved at the last close, if any
     */
    public static Placement place(double preferredWidth, double preferredHeight, double minWidth, double minHeight,
            Rectangle2D primary, List<Rectangle2D> screens, Optional<Settings.WindowBounds> remembered) {
        if (remembered.isPresent()) {
            Settings.WindowBounds b = remembered.get();
            if (fits(b, screens)) {
                return new Placement(new Rectangle2D(b.x(), b.y(), b.width(), b.height()), b.maximized());
            }
        }
        // A screen with room to spare gets the preferred size; a smaller one (1366 × 768) gets all
        // of its visual bounds rather than a share, since every pixel of height shows a table row.
        double w = preferredWidth <= primary.getWidth() * SCREEN_SHARE ? preferredWidth : primary.getWidth();
        double h = preferredHeight <= primary.getHeight() * SCREEN_SHARE ? preferredHeight : primary.getHeight();
        // The minimum size wins over the share, but never over the screen itself.
        w = Math.min(Math.max(w, minWidth), primary.getWidth());
        h = Math.min(Math.max(h, minHeight), primary.getHeight());
        double x = primary.getMinX() + Math.floor((primary.getWidth() - w) / 2);
        double y = primary.getMinY() + Math.floor((primary.getHeight() - h) / 2);
        boolean maximized = remembered.map(Settings.WindowBounds::maximized).orElse(false);
        return new Placement(new Rectangle2D(x, y, w, h), maximized);
    }

    /** True when the whole of {@code b} lies on one screen. */
    static boolean fits(Settings.WindowBounds b, List<Rectangle2D> screens) {
        if (!(Double.isFinite(b.x()) && Double.isFinite(b.y()) && b.width() > 0 && b.height() > 0)) {
            return false;
        }
        for (Rectangle2D s : screens) {
            if (b.x() >= s.getMinX() && b.y() >= s.getMinY() && b.x() + b.width() <= s.getMaxX()
                    && b.y() + b.height() <= s.getMaxY()) {
                return true;
            }
        }
        return false;
    }
}
