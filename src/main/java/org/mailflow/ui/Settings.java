package org.mailflow.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import java.util.Properties;

/**
 * The app's own settings ({@code settings.properties} in the app folder): window bounds, language,
 * theme ({@code theme=system|light|dark}), the page the app opens on ({@code page.start=dashboard|smtp-auth|
 * bulk|policies|last}, and {@code page.last}), the last cache and the recent caches. Read once at start and written when something changes; a
 * damaged or missing file simply means defaults.
 */
public final class Settings {
    private static final int MAX_RECENT = 8;

    private final Path file;
    private final Properties props = new Properties();

    private Settings(Path file) {
        this.file = file;
    }

    public static Settings load(Path file) {
        Settings s = new Settings(file);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                s.props.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LoggerFactory.getLogger(Settings.class).warn("cannot read the settings {}; starting with the defaults: {}", file, e.toString());
                s.props.clear();
            }
        }
        return s;
    }

    /** Settings that are never written (tests). */
    public static Settings inMemory() {
        return new Settings(null);
    }

    /** Writes the file; synchronized because the app saves from a worker while the FX thread may change values. */
    public synchronized void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, "Mailflow Insights settings");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Settings are a convenience: failing to save them must not disturb the user's work.
            LoggerFactory.getLogger(Settings.class).warn("cannot save the settings {}: {}", file, e.toString());
        }
    }

    /** Window bounds; NaN where unknown. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    public Optional<WindowBounds> windowBounds() {
        try {
            double w = Double.parseDouble(props.getProperty("window.width", "NaN"));
            double h = Double.parseDouble(props.getProperty("window.height", "NaN"));
            if (Double.isNaN(w) || Double.isNaN(h)) {
                return Optional.empty();
            }
            return Optional.of(new WindowBounds(Double.parseDouble(props.getProperty("window.x", "NaN")),
                    Double.parseDouble(props.getProperty("window.y", "NaN")), w, h,
                    Boolean.parseBoolean(props.getProperty("window.maximized", "false"))));
        } catch (NumberFormatException e) {
            LoggerFactory.getLogger(Settings.class).debug("window bounds unreadable: {}", e.toString());
            return Optional.empty();
        }
    }

    public synchronized void setWindowBounds(WindowBounds b) {
        props.setProperty("window.x", Double.toString(b.x()));
        props.setProperty("window.y", Double.toString(b.y()));
        props.setProperty("window.width", Double.toString(b.width()));
        props.setProperty("window.height", Double.toString(b.height()));
        props.setProperty("window.maximized", Boolean.toString(b.maximized()));
    }

    /** The user's own MaxMind DB files (Settings), by kind; empty when the bundled databases are used. */
    public synchronized java.util.Map<org.mailflow.geo.GeoKind, Path> geoFiles() {
        return org.mailflow.geo.GeoFiles.of(props);
    }

    /** Chooses a file for a kind of database, or none (the bundled one) when empty. */
    public synchronized void setGeoFile(org.mailflow.geo.GeoKind kind, Optional<Path> file) {
        String key = org.mailflow.geo.GeoFiles.key(kind);
        if (file.isEmpty()) {
            props.remove(key);
        } else {
            props.setProperty(key, file.get().toAbsolutePath().toString());
        }
    }

    /** The chosen language, or empty to follow the operating system. */
    public Optional<Locale> language() {
        String tag = props.getProperty("language", "");
        return tag.isEmpty() ? Optional.empty() : Optional.of(Locale.forLanguageTag(tag));
    }

    public synchronized void setLanguage(Optional<Locale> locale) {
        if (locale.isEmpty()) {
            props.remove("language");
        } else {
            props.setProperty("language", locale.get().toLanguageTag());
        }
    }

    public Optional<Path> lastCache() {
        String p = props.getProperty("cache.last", "");
        return p.isEmpty() ? Optional.empty() : Optional.of(Path.of(p));
    }

    public List<Path> recentCaches() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String p = props.getProperty("cache.recent." + i);
            if (p != null && !p.isEmpty()) {
                out.add(Path.of(p));
            }
        }
        return out;
    }

    /** Records {@code cache} as the last one opened and moves it to the top of the recent list. */
    public synchronized void rememberCache(Path cache) {
        Path abs = cache.toAbsolutePath().normalize();
        props.setProperty("cache.last", abs.toString());
        List<Path> recent = recentCaches();
        recent.remove(abs);
        recent.add(0, abs);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < recent.size()) {
                props.setProperty("cache.recent." + i, recent.get(i).toString());
            } else {
                props.remove("cache.recent." + i);
            }
        }
    }

    /** The colour theme; {@link Theme#SYSTEM} (follow the operating system) when unset or unreadable. */
    public synchronized Theme theme() {
        return Theme.ofToken(props.getProperty("theme", "")).orElse(Theme.SYSTEM);
    }

    public synchronized void setTheme(Theme theme) {
        if (theme == Theme.SYSTEM) {
            props.remove("theme");
        } else {
            props.setProperty("theme", theme.token());
        }
    }

    /** The token for "open on the page shown last" in {@link #startPageChoice()}. */
    public static final String LAST_PAGE = "last";

    /**
     * What the app opens on when {@code gui --page} names none: a page's token ({@link Page#token()}) or
     * {@link #LAST_PAGE}; {@code dashboard} when unset or unknown.
     */
    public synchronized String startPageChoice() {
        String v = props.getProperty("page.start", "");
        return LAST_PAGE.equals(v) || Page.ofToken(v).isPresent() ? v : Page.DASHBOARD.token();
    }

    public synchronized void setStartPageChoice(String choice) {
        if (!LAST_PAGE.equals(choice) && Page.ofToken(choice).isEmpty()) {
            throw new IllegalArgumentException("not a page: " + choice);
        }
        props.setProperty("page.start", choice);
    }

    /** The page to open on: the chosen one, or the page shown last (the Dashboard before any). */
    public synchronized Page startPage() {
        String choice = startPageChoice();
        if (LAST_PAGE.equals(choice)) {
            return Page.ofToken(props.getProperty("page.last", "")).orElse(Page.DASHBOARD);
        }
        return Page.ofToken(choice).orElse(Page.DASHBOARD);
    }

    /** Remembers the page shown (for "open on the last page"); written with the other settings. */
    public synchronized void setLastPage(Page page) {
        props.setProperty("page.last", page.token());
    }

    /** A remembered layout value ({@link LayoutMemory}: column widths, dividers, open sections); {@code key} starts with "layout.". */
    public synchronized java.util.OptionalDouble layoutValue(String key) {
        String v = props.getProperty(key);
        if (v == null) {
            return java.util.OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? java.util.OptionalDouble.of(d) : java.util.OptionalDouble.empty();
        } catch (NumberFormatException e) {
            LoggerFactory.getLogger(Settings.class).debug("layout value {} unreadable: {}", key, v);
            return java.util.OptionalDouble.empty();
        }
    }

    public synchronized void setLayoutValue(String key, double value) {
        if (!key.startsWith("layout.")) {
            throw new IllegalArgumentException("not a layout key: " + key);
        }
        props.setProperty(key, Double.toString(Math.round(value * 1000) / 1000.0));
    }
}
