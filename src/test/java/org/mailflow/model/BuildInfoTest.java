package org.mailflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The command line's JVM options that the build writes for the installed command and for
 * {@code bench import}'s children: present, and accepted by this Java (a typo in the pom would make
 * every installed command fail to start).
 */
class BuildInfoTest {
    @Test
    void theCommandLinesJvmOptionsAreTheSerialCollectorAndStartAJvm() throws Exception {
        List<String> options = BuildInfo.commandLineJavaOptions();
        assertThat(options).contains("-XX:+UseSerialGC").allMatch(o -> o.startsWith("-"));

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options);
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
