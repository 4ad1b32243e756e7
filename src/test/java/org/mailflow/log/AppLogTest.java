package org.mailflow.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Handler;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rotating log: what the code logs through SLF4J lands in the file, files rotate, a folder that
 * cannot be written leaves the app running with the log on standard error, and the one JavaFX warning
 * of a class-path start stays off the console while every other warning shows.
 */
class AppLogTest {
    private static final Logger LOG = LoggerFactory.getLogger(AppLogTest.class);
    @TempDir Path home;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream realErr;

    @BeforeEach
    void captureConsole() {
        realErr = System.err;
        // ConsoleHandler takes System.err when it is made, i.e. in AppLog.start.
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        AppLog.stop();
        System.setErr(realErr);
    }

    private String consoleText() {
        for (Handler h : AppLog.handlers()) {
            h.flush();
        }
        return console.toString(StandardCharsets.UTF_8);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void anErrorLoggedThroughSlf4jLandsInTheFileWithItsStackTraceAndNotOnTheConsole() throws IOException {
        Path logs = home.resolve("logs");
        AppLog.Status status = AppLog.start(logs);

        LOG.error("import of {} failed", "mail.log", new IllegalStateException("boom"));
        LOG.debug("not written at INFO");

        assertThat(status.writesFile()).isTrue();
        assertThat(status.file()).isEqualTo(logs.resolve("mailflow-insights.0.log"));
        String text = read(status.file());
        assertThat(text).contains("SEVERE [main] org.mailflow.log.AppLogTest: import of mail.log failed",
                "java.lang.IllegalStateException: boom", "at org.mailflow.log.AppLogTest.");
        assertThat(text).doesNotContain("not written at INFO");
        assertThat(text.lines().findFirst().orElseThrow()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z SEVERE .*");
        assertThat(consoleText()).doesNotContain("boom");
    }

    @Test
    void debugIsWrittenWhenAsked() throws IOException {
        System.setProperty(AppLog.LEVEL_PROPERTY, "debug");
        try {
            AppLog.start(home.resolve("logs"));
            LOG.debug("a debug line");
            assertThat(read(AppLog.status().file())).contains("FINE [main] org.mailflow.log.AppLogTest: a debug line");
        } finally {
            System.clearProperty(AppLog.LEVEL_PROPERTY);
        }
    }

    @Test
    void filesRotateBySizeAndKeepTheNewestCount() throws IOException {
        Path logs = home.resolve("logs");
        AppLog.start(logs, 4_000, 3);
        for (int i = 0; i < 300; i++) {
            LOG.info("line {} of a log that grows past its limit", i);
        }
        AppLog.stop();

        List<String> names;
        try (Stream<Path> files = Files.list(logs)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names).containsExactly("mailflow-insights.0.log", "mailflow-insights.1.log", "mailflow-insights.2.log");
        for (String name : names) {
            assertThat(Files.size(logs.resolve(name))).isLessThanOrEqualTo(4_000 + 200);
        }
        assertThat(read(logs.resolve("mailflow-insights.0.log"))).contains("line 299 of");
        assertThat(read(logs.resolve("mailflow-insights.2.log"))).doesNotContain("line 0 of"); // fell off the end
    }

    @Test
    void aFolderThatCannotBeWrittenLeavesTheLogOnStandardError() throws IOException {
        Path notAFolder = Files.writeString(home.resolve("logs"), "a file where the folder should be");

        AppLog.Status status = AppLog.start(notAFolder);
        LOG.warn("after the failure");
        LOG.info("an info line");

        assertThat(status.writesFile()).isFalse();
        assertThat(status.failure()).isPresent();
        assertThat(status.problem()).isEqualTo(org.mailflow.model.UserText.of("log.reason.notFolder"));
        assertThat(status.problem().in(java.util.Locale.ENGLISH)).isEqualTo("a file of that name is in the way");
        assertThat(AppLog.status()).isEqualTo(status);
        String err = consoleText();
        assertThat(err).contains("WARNING [main] org.mailflow.log.AppLogTest: after the failure");
        assertThat(err).doesNotContain("an info line");
        assertThat(read(notAFolder)).isEqualTo("a file where the folder should be");
    }

    @Test
    void theClassPathWarningOfJavaFxGoesToTheFileOnlyAndOtherJavaFxWarningsStillShow() throws IOException {
        AppLog.start(home.resolve("logs"));
        System.Logger javafx = System.getLogger("javafx");

        javafx.log(System.Logger.Level.WARNING, "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @6e3c1e69'");
        javafx.log(System.Logger.Level.WARNING, "Loading FXML document with JavaFX API of version 99 by JavaFX runtime of version 21");
        System.getLogger("javafx.css").log(System.Logger.Level.WARNING, "Could not resolve 'x' while resolving lookups");

        String err = consoleText();
        assertThat(err).doesNotContain("Unsupported JavaFX configuration");
        assertThat(err).contains("WARNING [main] javafx: Loading FXML document", "WARNING [main] javafx.css: Could not resolve");
        String file = read(AppLog.status().file());
        assertThat(file).contains("INFO [main] javafx: Unsupported JavaFX configuration: classes were loaded from 'unnamed module @6e3c1e69'"
                + " (expected: this jar puts JavaFX on the class path)");
    }

    @Test
    void levelNames() {
        assertThat(AppLog.level("DEBUG", false)).isEqualTo(java.util.logging.Level.FINE);
        assertThat(AppLog.level("trace", false)).isEqualTo(java.util.logging.Level.FINEST);
        assertThat(AppLog.level("warn", false)).isEqualTo(java.util.logging.Level.WARNING);
        assertThat(AppLog.level(null, false)).isEqualTo(java.util.logging.Level.INFO);
        assertThat(AppLog.level(null, true)).isEqualTo(java.util.logging.Level.FINE);
        assertThat(AppLog.level("nonsense", false)).isEqualTo(java.util.logging.Level.INFO);
    }
}
