package org.mailflow.app.settings;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.mailflow.ui.I18n;
import org.mailflow.ui.Settings;
import org.mailflow.ui.TaskRunner;
import org.mailflow.geo.DatabaseInfo;
import org.mailflow.geo.GeoFileException;
import org.mailflow.geo.GeoKind;

/**
 * The Settings dialog: language, theme and the page the app opens on ("General", the same settings as
 * View ▸ Language and View ▸ Theme), and "Where clients are" (SPEC 2.6), the user's own MaxMind DB files per kind over the
 * bundled databases. A file is checked on a worker before it becomes the pending choice; a refused
 * file leaves the previous choice as it was and says why. {@link #apply()} writes the pending choices
 * to {@link Settings} and runs the app's reaction (save, reopen the databases, rebuild the pages; show
 * the theme; the language is the caller's, as it rebuilds the main window).
 */
public final class SettingsViewModel {
    /** Opens and checks a user's file: {@code GeoDatabases::check} in the app, a fake in tests. */
    @FunctionalInterface
    public interface GeoChecker {
        DatabaseInfo check(Path file, GeoKind expected) throws GeoFileException;
    }

    private final Settings settings;
    private final TaskRunner runner;
    private final I18n i18n;
    private final GeoChecker checker;
    private final Supplier<List<DatabaseInfo>> bundled;
    private final Runnable applied;
    private final Map<GeoKind, Choice> choices = new EnumMap<>(GeoKind.class);
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private List<DatabaseInfo> bundledInfo = List.of();
    private final javafx.beans.property.ObjectProperty<Language> language = new javafx.beans.property.SimpleObjectProperty<>();
    private final javafx.beans.property.ObjectProperty<org.mailflow.ui.Theme> theme = new javafx.beans.property.SimpleObjectProperty<>();
    private final javafx.beans.property.StringProperty startPage = new javafx.beans.property.SimpleStringProperty();
    private java.util.function.Consumer<org.mailflow.ui.Theme> themeApplied = t -> { };
    private Runnable save = () -> { };

    /** The languages offered, as in View ▸ Language. */
    public enum Language {
        SYSTEM, ENGLISH, CHINESE;

        /** The locale chosen, or empty to follow the operating system. */
        public Optional<java.util.Locale> locale() {
            return switch (this) {
                case SYSTEM -> Optional.empty();
                case ENGLISH -> Optional.of(java.util.Locale.ENGLISH);
                case CHINESE -> Optional.of(I18n.ZH_TW);
            };
        }

        public static Language of(Optional<java.util.Locale> locale) {
            if (locale.isEmpty()) {
                return SYSTEM;
            }
            return I18n.ZH_TW.equals(I18n.supported(locale.get())) ? CHINESE : ENGLISH;
        }
    }

    /** The choices of "Open on": the pages' tokens, then {@link Settings#LAST_PAGE}. */
    public static List<String> startPageChoices() {
        List<String> out = new java.util.ArrayList<>();
        for (org.mailflow.ui.Page p : org.mailflow.ui.Page.values()) {
            out.add(p.token());
        }
        out.add(Settings.LAST_PAGE);
        return out;
    }

    /**
     * @param bundled the databases that ship with the app (asked on a worker: it may read them)
     * @param applied what follows a change of files: saving the settings, reopening the databases
     */
    public SettingsViewModel(Settings settings, TaskRunner runner, I18n i18n, GeoChecker checker,
                             Supplier<List<DatabaseInfo>> bundled, Runnable applied) {
        this.settings = settings;
        this.runner = runner;
        this.i18n = i18n;
        this.checker = checker;
        this.bundled = bundled;
        this.applied = applied;
        Map<GeoKind, Path> saved = settings.geoFiles();
        for (GeoKind kind : GeoKind.values()) {
            choices.put(kind, new Choice(kind, saved.get(kind)));
        }
        language.set(Language.of(settings.language()));
        theme.set(settings.theme());
        startPage.set(settings.startPageChoice());
        language.addListener((obs, old, now) -> updateDirty());
        theme.addListener((obs, old, now) -> updateDirty());
        startPage.addListener((obs, old, now) -> updateDirty());
    }

    /** What applying a new theme does (show it in every window), and how the settings are saved when no database changed. */
    public void onGeneralApplied(java.util.function.Consumer<org.mailflow.ui.Theme> showTheme, Runnable saveSettings) {
        this.themeApplied = showTheme;
        this.save = saveSettings;
    }

    /** The language chosen in the dialog (pending until applied). */
    public javafx.beans.property.ObjectProperty<Language> languageProperty() {
        return language;
    }

    public javafx.beans.property.ObjectProperty<org.mailflow.ui.Theme> themeProperty() {
        return theme;
    }

    /** "Open on": a page's token or {@link Settings#LAST_PAGE}. */
    public javafx.beans.property.StringProperty startPageProperty() {
        return startPage;
    }

    /** True when the pending language differs from the saved one (the caller rebuilds the main window after {@link #apply()}). */
    public boolean languageChanged() {
        return language.get() != Language.of(settings.language());
    }

    /** True when a pending database file differs from the saved settings. */
    public boolean geoChanged() {
        Map<GeoKind, Path> saved = settings.geoFiles();
        return choices.values().stream().anyMatch(c -> !Objects.equals(c.file.get(), saved.get(c.kind)));
    }

    private boolean generalChanged() {
        return languageChanged() || theme.get() != settings.theme() || !Objects.equals(startPage.get(), settings.startPageChoice());
    }

    /** One kind of database: the pending file (null: the bundled one, or none for City) and what is shown of it. */
    public final class Choice {
        private final GeoKind kind;
        private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
        private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
        private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
        private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
        private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(false);
        private int generation;

        private Choice(GeoKind kind, Path saved) {
            this.kind = kind;
            file.set(saved);
            describe(null);
        }

        public GeoKind kind() {
            return kind;
        }

        /** The chosen file, null for the bundled database (or none, for City). */
        public ReadOnlyObjectProperty<Path> fileProperty() {
            return file.getReadOnlyProperty();
        }

        /** The path of the chosen file, "Bundled: …" or "None". */
        public ReadOnlyStringProperty titleProperty() {
            return title.getReadOnlyProperty();
        }

        /** What the file is and its date, once checked; the bundled database's date and licence. */
        public ReadOnlyStringProperty detailsProperty() {
            return details.getReadOnlyProperty();
        }

        /** Why the last file chosen was refused; "" when it was not. */
        public ReadOnlyStringProperty errorProperty() {
            return error.getReadOnlyProperty();
        }

        public ReadOnlyBooleanProperty checkingProperty() {
            return checking.getReadOnlyProperty();
        }

        private void describe(DatabaseInfo info) {
            Path f = file.get();
            if (f != null) {
                title.set(f.toString());
                details.set(info == null ? "" : i18n.format("settings.geo.userDetails", info.description(), date(info)));
                return;
            }
            Optional<DatabaseInfo> shipped = bundledInfo.stream().filter(i -> i.kind() == kind).findFirst();
            if (shipped.isPresent()) {
                title.set(i18n.format("settings.geo.bundled", shipped.get().description()));
                details.set(i18n.format("settings.geo.bundledDetails", date(shipped.get()), shipped.get().licence()));
            } else {
                title.set(i18n.get(kind == GeoKind.CITY ? "settings.geo.none" : "settings.geo.bundledUnnamed"));
                details.set(kind == GeoKind.CITY ? i18n.get("settings.geo.noneDetails") : "");
            }
        }
    }

    public Choice choice(GeoKind kind) {
        return choices.get(kind);
    }

    /** True when a pending choice differs from the saved settings. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** Reads what the bundled databases are and checks the files already chosen, on a worker. */
    public void load() {
        runner.run("settings: bundled databases", p -> bundled.get(), infos -> {
            bundledInfo = List.copyOf(infos);
            choices.values().stream().filter(c -> c.file.get() == null).forEach(c -> c.describe(null));
        }, e -> { });
        for (Choice c : choices.values()) {
            if (c.file.get() != null) {
                check(c, c.file.get(), true);
            }
        }
    }

    /** Checks {@code file} on a worker; it becomes the pending choice only if it is a MaxMind DB of this kind. */
    public void choose(GeoKind kind, Path file) {
        check(choices.get(kind), file, false);
    }

    private void check(Choice c, Path file, boolean saved) {
        int generation = ++c.generation;
        c.checking.set(true);
        c.error.set("");
        runner.run("settings: check " + file, p -> checker.check(file, c.kind), info -> {
            if (generation != c.generation) {
                return;
            }
            c.checking.set(false);
            c.file.set(file);
            c.describe(info);
            updateDirty();
        }, e -> {
            if (generation != c.generation) {
                return;
            }
            c.checking.set(false);
            // A refused new file changes nothing; a saved file that no longer passes is said so, and stays
            // chosen until the user clears it (the lookup skips it and answers from the bundled data).
            c.error.set(e instanceof GeoFileException g ? refusal(i18n, g.reason(), file, c.kind, g.actualType())
                    : refusal(i18n, GeoFileException.Reason.UNREADABLE, file, c.kind, ""));
            if (saved) {
                c.details.set("");
            }
        });
    }

    /** Back to the bundled database (none for City). */
    public void clear(GeoKind kind) {
        Choice c = choices.get(kind);
        c.generation++;
        c.checking.set(false);
        c.error.set("");
        c.file.set(null);
        c.describe(null);
        updateDirty();
    }

    private void updateDirty() {
        dirty.set(geoChanged() || generalChanged());
    }

    /**
     * Writes the pending choices, shows a new theme and lets the app reopen the databases (when they
     * changed) and save; false (and nothing done) when none changed.
     */
    public boolean apply() {
        if (!dirty.get()) {
            return false;
        }
        boolean geo = geoChanged();
        boolean newTheme = theme.get() != settings.theme();
        for (Choice c : choices.values()) {
            settings.setGeoFile(c.kind, Optional.ofNullable(c.file.get()));
        }
        settings.setLanguage(language.get().locale());
        settings.setTheme(theme.get());
        settings.setStartPageChoice(startPage.get());
        dirty.set(false);
        if (newTheme) {
            themeApplied.accept(theme.get());
        }
        if (geo) {
            applied.run();
        } else {
            save.run();
        }
        return true;
    }

    /** ISO dates: a database's build date is copied into tickets and compared with release notes. */
    private static String date(DatabaseInfo info) {
        return info.built() == null ? "?" : info.built().toString();
    }

    /** The kind's name as the dialog shows it: Country, City, Network (ASN). */
    public static String kindName(I18n i18n, GeoKind kind) {
        return i18n.get("settings.geo.kind." + kind.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Why a file was refused, naming it (by its file name) and what was expected: "GeoLite2-ASN.mmdb is an
     * ASN database, not a Country database. The previous choice is kept."
     */
    public static String refusal(I18n i18n, GeoFileException.Reason reason, Path file, GeoKind expected, String actualType) {
        String name = file == null || file.getFileName() == null ? String.valueOf(file) : file.getFileName().toString();
        String wanted = i18n.get("settings.geo.isA." + expected.name().toLowerCase(java.util.Locale.ROOT));
        String why = switch (reason) {
            case MISSING -> i18n.format("settings.geo.missing", name);
            case NOT_MMDB -> i18n.format("settings.geo.notMmdb", name, wanted);
            case UNREADABLE -> i18n.format("settings.geo.unreadable", name);
            case WRONG_KIND -> i18n.format("settings.geo.wrongKind", name, actualKind(i18n, actualType), wanted);
        };
        return i18n.format("settings.geo.refused", why, i18n.get("settings.geo.kept"));
    }

    /** "an ASN database" from a {@code database_type} such as GeoLite2-ASN; the type itself when it names no kind. */
    static String actualKind(I18n i18n, String actualType) {
        String t = actualType == null ? "" : actualType.toLowerCase(java.util.Locale.ROOT);
        if (t.contains("asn")) {
            return i18n.get("settings.geo.isA.asn");
        }
        if (t.contains("city")) {
            return i18n.get("settings.geo.isA.city");
        }
        if (t.contains("country")) {
            return i18n.get("settings.geo.isA.country");
        }
        return t.isEmpty() ? i18n.get("settings.geo.isA.other") : i18n.format("settings.geo.isA.type", actualType);
    }
}
