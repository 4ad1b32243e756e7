package org.mailflow.app;

import org.mailflow.ui.I18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every text the user sees exists in English and Traditional Chinese, and every pattern formats. */
class ResourceBundlesTest {
    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ResourceBundlesTest.class.getResourceAsStream("/org/mailflow/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        assertThat(new TreeSet<>(load("messages_zh_TW.properties").stringPropertyNames()))
                .isEqualTo(new TreeSet<>(load("messages.properties").stringPropertyNames()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages.properties", "messages_zh_TW.properties"})
    void everyPatternFormatsWithSampleArguments(String bundle) throws IOException {
        Properties p = load(bundle);
        Locale locale = bundle.contains("zh") ? I18n.ZH_TW : Locale.ENGLISH;
        for (String key : p.stringPropertyNames()) {
            String text = new MessageFormat(p.getProperty(key), locale).format(new Object[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
            assertThat(text).as(key).isNotBlank();
            new MessageFormat(p.getProperty(key), locale).format(new Object[] {12, 1, 1234, 5678, 90, 12345, 7, "x", "y", "z"});
        }
    }

    @Test
    void everyKeyTheViewsUseExists() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        Pattern p = Pattern.compile("\"%([a-zA-Z.]+)\"");
        try (Stream<Path> files = Files.list(Path.of("fxml"))) {
            for (Path f : files.toList()) {
                Matcher m = p.matcher(Files.readString(f));
                while (m.find()) {
                    assertThat(keys).as(f + " uses %" + m.group(1)).contains(m.group(1));
                }
            }
        }
    }

    @Test
    void chineseLocalesOfTaiwanHongKongAndTraditionalScriptReadZhTw() {
        assertThat(I18n.supported(Locale.forLanguageTag("zh-TW"))).isEqualTo(I18n.ZH_TW);
        assertThat(I18n.supported(Locale.forLanguageTag("zh-Hant-HK"))).isEqualTo(I18n.ZH_TW);
        assertThat(I18n.supported(Locale.forLanguageTag("zh-CN"))).isEqualTo(Locale.ENGLISH);
        assertThat(I18n.supported(Locale.GERMANY)).isEqualTo(Locale.ENGLISH);
        assertThat(new I18n(Locale.forLanguageTag("zh-TW")).get("nav.bulk")).isNotEqualTo(new I18n(Locale.ENGLISH).get("nav.bulk"));
    }
}
