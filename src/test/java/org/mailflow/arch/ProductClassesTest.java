package org.mailflow.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mailflow.Launcher;

/**
 * The product jar is the product: the classes Maven compiles from {@code src/main} (what the shade
 * plugin packs into {@code mailflow-insights.jar}) hold no benchmark, no benchmark generator, and a
 * launcher without the benchmarks' heap hook, and no part of the fleet job. The benchmarks live in
 * {@code src/bench/java}, the fleet job in {@code src/fleet/java}; the jars themselves are checked
 * after they are built (the {@code jar-contents} execution in the POM: no Spark in the desktop jar, no
 * JavaFX in the fleet jar).
 */
class ProductClassesTest {
    private static Path mainClasses() throws Exception {
        return Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void theMainClassesHoldNoBenchmarkNorGenerator() throws Exception {
        Path root = mainClasses();
        assertThat(root.resolve("org/mailflow/Launcher.class")).as("main classes found at " + root).isRegularFile();
        List<String> classes;
        try (Stream<Path> files = Files.walk(root)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).map(f -> root.relativize(f).toString().replace('\\', '/')).toList();
        }
        assertThat(classes).hasSizeGreaterThan(100)
                .noneMatch(c -> c.startsWith("org/mailflow/bench/"))
                .noneMatch(c -> c.startsWith("org/mailflow/fleet/")) // the Spark job: target/fleet, never the desktop jar
                .noneMatch(c -> c.matches(".*/(PostfixLogGenerator|MboxGenerator|ImportBench|BenchCommand|MeasuredLauncher)(\\$.*)?\\.class"))
                .contains("org/mailflow/demo/DemoGenerator.class", "org/mailflow/demo/SmtpDemo.class");
    }

    @Test
    void theLauncherHasNoHeapHook() throws Exception {
        String launcher = new String(Files.readAllBytes(mainClasses().resolve("org/mailflow/Launcher.class")), StandardCharsets.ISO_8859_1);
        assertThat(launcher).doesNotContain("peakHeap", "peak heap", "java/lang/management");
    }
}
