package org.mailflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The app's style sheet names no colour in its rules (only in its -mf-* definitions, or theme colours),
 * and dark.css redefines every -mf-* colour, so nothing stays dark-on-dark in the dark theme.
 */
class ThemeCssTest {
    private static final Pattern DEFINITION = Pattern.compile("^\\s*(-mf-[a-z0-9-]+)\\s*:");
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{3,8}\\b|\\b(black|white)\\b");

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = ThemeCssTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static TreeSet<String> defined(List<String> lines) {
        TreeSet<String> out = new TreeSet<>();
        for (String l : lines) {
            Matcher m = DEFINITION.matcher(l);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    void everyAppColourHasADarkValue() throws IOException {
        TreeSet<String> light = defined(lines(MailflowApp.STYLESHEET));
        assertThat(light).hasSizeGreaterThan(40);
        assertThat(defined(lines(ThemeSwitcher.DARK_STYLESHEET))).isEqualTo(light);
    }

    @Test
    void rulesNameNoColourOfTheirOwn() throws IOException {
        List<String> offending = new ArrayList<>();
        for (String l : lines(MailflowApp.STYLESHEET)) {
            if (l.trim().startsWith("/*") || l.trim().startsWith("*") || DEFINITION.matcher(l).find()) {
                continue;
            }
            if (COLOUR.matcher(l).find()) {
                offending.add(l.trim());
            }
        }
        assertThat(offending).isEmpty();
    }
}
