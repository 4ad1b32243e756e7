package org.mailflow.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What this build is: its version and the day it was built, as Maven wrote them into
 * {@code org/mailflow/build.properties} (resource filtering). A run from classes that were not built
 * by Maven reads "development build" and no date.
 */
public final class BuildInfo {
    private static final String RESOURCE = "/org/mailflow/build.properties";
    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    /** "0.1.0", or "development build" when the classes did not come from Maven. */
    public static String version() {
        String v = PROPERTIES.getProperty("version", "");
        return v.isBlank() || v.startsWith("${") ? "development build" : v;
    }

    /** The build's date and time in UTC, ISO 8601 ("2026-12-03T21:50:00Z"), or empty when unknown. */
    public static String buildDate() {
        String d = PROPERTIES.getProperty("buildDate", "");
        return d.startsWith("${") ? "" : d;
    }

    /**
     * The JVM options of a command-line run, as the build set them (pom.xml {@code mf.cliJavaOptions}):
     * the installed command {@code mailflow-insights} starts with them, and {@code bench import} starts its
     * child imports with them, so the bench times what an installed user gets. Empty for a development build.
     */
    public static java.util.List<String> commandLineJavaOptions() {
        String o = PROPERTIES.getProperty("cliJavaOptions", "").strip();
        return o.isEmpty() || o.startsWith("${") ? java.util.List.of() : java.util.List.of(o.split("\\s+"));
    }

    /** The Java runtime this process runs on: "17.0.15 (Debian)". */
    public static String javaRuntime() {
        String vendor = System.getProperty("java.vendor", "");
        return System.getProperty("java.runtime.version", System.getProperty("java.version", "?"))
                + (vendor.isBlank() ? "" : " (" + vendor + ")");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Unreadable resource inside our own jar: the build is broken; report it as a development build.
            System.getLogger(BuildInfo.class.getName()).log(System.Logger.Level.WARNING, "cannot read " + RESOURCE, e);
        }
        return p;
    }
}
