package org.mailflow.ui;

import java.util.Locale;
import java.util.Optional;

/**
 * The app's colour theme as chosen in View ▸ Theme or Settings: follow the operating system (the
 * default), or always AtlantaFX Primer Light or Primer Dark. Stored in {@code settings.properties} as
 * {@code theme=system|light|dark}.
 */
public enum Theme {
    SYSTEM, LIGHT, DARK;

    /** The word stored in the settings file. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Theme> ofToken(String token) {
        for (Theme t : values()) {
            if (t.token().equals(token == null ? "" : token.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Whether this choice shows the dark theme, given what the operating system prefers. */
    public boolean isDark(boolean osPrefersDark) {
        return this == DARK || (this == SYSTEM && osPrefersDark);
    }
}
