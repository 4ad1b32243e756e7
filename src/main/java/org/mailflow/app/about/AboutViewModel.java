package org.mailflow.app.about;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.mailflow.ui.I18n;
import org.mailflow.ui.TaskRunner;
import org.mailflow.cache.Cache;
import org.mailflow.log.AppLog;
import org.mailflow.model.BuildInfo;
import org.mailflow.geo.DatabaseInfo;
import org.mailflow.geo.GeoKind;

/**
 * The About dialog: the app's version, the Java and JavaFX it runs on, the cache's schema version and
 * the geolocation databases in use with their dates, licences and sources (SPEC 2.6), with the
 * attribution their licences ask for. All of it is one text, so that it can be selected and pasted
 * into a ticket.
 */
public final class AboutViewModel {
    private static final String POM_PROPERTIES = "/META-INF/maven/org.mailflow/mailflow-insights/pom.properties";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AboutViewModel.class);
    private final I18n i18n;
    private final TaskRunner runner;
    private final Supplier<List<DatabaseInfo>> databases;
    private final Path cacheFile;
    private final SchemaReader schema;
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    /** The open cache's schema version once read; the build's until then. */
    private int schemaVersion = Cache.SCHEMA_VERSION;

    /** Reads the open cache's schema version (on a worker). */
    @FunctionalInterface
    public interface SchemaReader {
        int read() throws Exception;
    }

    /**
     * @param databases the databases in use ({@code GeoLookup.databases()}), asked on a worker: the first
     *        call may open them
     * @param cacheFile the open cache, null when none
     */
    public AboutViewModel(I18n i18n, TaskRunner runner, Supplier<List<DatabaseInfo>> databases, Path cacheFile) {
        this(i18n, runner, databases, cacheFile, null);
    }

    /** @param schema reads the open cache's schema version; null when no cache is open */
    public AboutViewModel(I18n i18n, TaskRunner runner, Supplier<List<DatabaseInfo>> databases, Path cacheFile, SchemaReader schema) {
        this.i18n = i18n;
        this.runner = runner;
        this.databases = databases;
        this.cacheFile = cacheFile;
        this.schema = schema;
        version.set(i18n.format("about.version", appVersion().orElse(i18n.get("about.devVersion"))));
        text.set(text(null));
    }

    /** Reads the open cache's schema version and the databases in use on a worker; the text says so until they are known. */
    public void load() {
        if (schema != null) {
            runner.run("about: schema", p -> schema.read(), v -> {
                schemaVersion = v;
                text.set(text(lastDatabases));
            }, e -> LOG.warn("cannot read the cache's schema version: {}", e.toString()));
        }
        runner.run("about: databases", p -> databases.get(), list -> {
            lastDatabases = list;
            text.set(text(list));
        }, e -> text.set(text(List.of()) + "\n" + i18n.format("about.geo.failed", String.valueOf(e.getMessage()))));
    }

    private List<DatabaseInfo> lastDatabases;

    /** The folder of the log, null when this process writes none (the development runs and tests). */
    public Path logFolder() {
        return AppLog.status().folder();
    }

    /** "Version 0.1.0". */
    public ReadOnlyStringProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** Everything the dialog says, as selectable text. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** The jar's manifest version, else the version Maven wrote beside the classes; empty in a development build. */
    static java.util.Optional<String> appVersion() {
        if (!BuildInfo.buildDate().isEmpty()) {
            return java.util.Optional.of(BuildInfo.version()); // built by Maven: what --version says
        }
        String v = AboutViewModel.class.getPackage().getImplementationVersion();
        if (v != null && !v.isBlank()) {
            return java.util.Optional.of(v);
        }
        try (InputStream in = AboutViewModel.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String pom = p.getProperty("version", "");
                if (!pom.isBlank()) {
                    return java.util.Optional.of(pom);
                }
            }
        } catch (IOException e) {
            // no version to show: the development build's text stands in
            LOG.debug("cannot read {}", POM_PROPERTIES, e);
        }
        return java.util.Optional.empty();
    }

    /** The dialog's text; {@code dbs} null while the databases are being read. */
    String text(List<DatabaseInfo> dbs) {
        List<String> lines = new ArrayList<>();
        lines.add("Mailflow Insights " + appVersion().orElse(i18n.get("about.devVersion")));
        if (!BuildInfo.buildDate().isEmpty()) {
            lines.add(i18n.format("about.buildDate", BuildInfo.buildDate()));
        }
        lines.add(i18n.format("about.runtime", property("java.version"), property("java.vendor"), javafxVersion()));
        lines.add(i18n.format("about.schema", schemaVersion));
        lines.add(cacheFile == null ? i18n.get("about.noCache") : i18n.format("about.cache", cacheFile.toString()));
        AppLog.Status log = AppLog.status();
        lines.add(log.writesFile() ? i18n.format("about.log", log.file().toString())
                : log.folder() == null ? i18n.get("about.noLog") : i18n.format("about.logStopped", log.folder().toString(), i18n.text(log.problem())));
        lines.add("");
        lines.add(i18n.get("about.geo.title"));
        if (dbs == null) {
            lines.add(i18n.get("about.geo.loading"));
        } else if (dbs.isEmpty()) {
            lines.add(i18n.get("about.geo.none"));
        } else {
            for (DatabaseInfo db : dbs) {
                lines.add(i18n.format("about.geo.line", kindName(db.kind()), db.description(),
                        i18n.get(db.bundled() ? "about.geo.bundled" : "about.geo.user"),
                        db.built() == null ? "?" : db.built().toString()));
                lines.add("    " + i18n.format("about.geo.licence", licence(db)));
                lines.add("    " + i18n.format("about.geo.source", db.source()));
            }
            boolean bundledAsn = dbs.stream().anyMatch(d -> d.bundled() && d.kind() == GeoKind.ASN);
            boolean bundledCountry = dbs.stream().anyMatch(d -> d.bundled() && d.kind() == GeoKind.COUNTRY);
            if (bundledAsn || bundledCountry) {
                lines.add("");
                lines.add(i18n.get("about.attribution.title"));
            }
            if (bundledAsn) {
                lines.add(i18n.get("about.attribution.asn"));
            }
            if (bundledCountry) {
                if (bundledAsn) {
                    lines.add("");
                }
                lines.add(i18n.get("about.attribution.country"));
            }
        }
        lines.add("");
        lines.add(i18n.get("about.offline"));
        return String.join("\n", lines);
    }

    private String licence(DatabaseInfo db) {
        return DatabaseInfo.USER_LICENCE.equals(db.licence()) ? i18n.get("about.geo.userLicence") : db.licence();
    }

    private String kindName(GeoKind kind) {
        return i18n.get("settings.geo.kind." + kind.name().toLowerCase(Locale.ROOT));
    }

    /**
     * JavaFX sets it when its toolkit starts (so always in the app). Not {@code com.sun.javafx.runtime.VersionInfo}:
     * javafx.base does not export it when JavaFX runs as named modules (the installed app).
     */
    private String javafxVersion() {
        return property("javafx.runtime.version");
    }

    private String property(String name) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? "?" : v;
    }
}
