package org.mailflow.fleet;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The main class of {@code target/fleet/mailflow-insights-fleet-local.jar}, which runs the job on this
 * machine without a Spark installation: its manifest puts {@code lib/} (Spark) on the class path and
 * opens the JDK packages Spark needs ({@code Add-Opens}, from Spark's own {@code JavaModuleOptions});
 * this class sets the system property those options also carry, keeps Spark's INFO lines (which go
 * through SLF4J to java.util.logging here) out of the job's output, and runs {@link FleetImport}.
 */
public final class LocalLauncher {
    /** Held so that the levels stay set (java.util.logging keeps loggers weakly). */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.apache"), Logger.getLogger("org.sparkproject"));

    private LocalLauncher() {
    }

    public static void main(String[] args) {
        System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        for (Logger l : QUIET) {
            l.setLevel(Level.WARNING);
        }
        FleetImport.main(args);
    }
}
