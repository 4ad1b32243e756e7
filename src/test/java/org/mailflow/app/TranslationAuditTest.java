package org.mailflow.app;

import org.mailflow.ui.I18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mailflow.model.UserText;

/**
 * Issue 14, item 6: every text of the Traditional Chinese bundle is translated (a value that is the
 * same as the English one may only hold proper nouns such as SMTP AUTH, TLS, BCL, OAuth, IP or CSV),
 * and no text the app shows names a command-line option ({@code --format}, {@code --cache}, …):
 * a key with one is either the command line's alone or has an app wording ({@link UserText#APP_SUFFIX}).
 */
class TranslationAuditTest {
    /** Names that stay as they are in Chinese: protocols, products, formats. */
    static final List<String> PROPER_NOUNS = List.of("Mailflow Insights", "SMTP AUTH", "SMTP", "TLS", "BCL", "OAuth", "IP", "CSV",
            "Postfix", "Exim", "Microsoft 365", "Exchange Online", "PowerShell", "MaxMind", "ASN", "SQLite", "Java", "JavaFX");

    /**
     * Keys with command-line options that only the command line shows: the command's own texts
     * ({@code cli.*}), Help ▸ Command line (which explains the command line), and the import
     * command's --wait.
     */
    static final Set<String> COMMAND_LINE_ONLY = Set.of("help.cli.text", "cache.lock.badWait");

    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z]");
    /** Where the app's own code lives (the engine's texts reach it as UserText, which the audit follows by key). */
    private static final List<Path> UI_SOURCES = List.of(Path.of("src/main/java/org/mailflow/app"),
            Path.of("src/main/java/org/mailflow/bulk/ui"), Path.of("src/main/java/org/mailflow/smtpauth/ui"), Path.of("fxml"));

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = TranslationAuditTest.class.getResourceAsStream("/org/mailflow/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    /** What is left of a text without its arguments, proper nouns, digits, punctuation and spaces. */
    static String words(String value) {
        String s = value.replaceAll("\\{[^}]*}", " ");
        for (String noun : PROPER_NOUNS) {
            s = s.replace(noun, " ");
        }
        return s.replaceAll("[^\\p{L}]+", " ").strip();
    }

    @Test
    void everyChineseTextIsTranslatedExceptProperNouns() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh_TW.properties");
        List<String> untranslated = new ArrayList<>();
        for (String key : en.stringPropertyNames()) {
            String english = en.getProperty(key);
            if (english.equals(zh.getProperty(key)) && !words(english).isEmpty()) {
                untranslated.add(key + "=" + english);
            }
        }
        assertThat(untranslated).as("zh-TW values still in English").isEmpty();
    }

    @Test
    void theAuditSeesAnEnglishValueAndLetsProperNounsThrough() {
        assertThat(words("Import files…")).isNotEmpty();
        assertThat(words("{0} SMTP AUTH, TLS {1} — OAuth %")).isEmpty();
    }

    @Test
    void noTextTheAppShowsNamesACommandLineOption() throws IOException {
        for (String bundle : List.of("messages.properties", "messages_zh_TW.properties")) {
            Properties p = load(bundle);
            List<String> offending = new ArrayList<>();
            for (String key : p.stringPropertyNames()) {
                if (!OPTION.matcher(p.getProperty(key)).find() || key.startsWith("cli.") || COMMAND_LINE_ONLY.contains(key)) {
                    continue;
                }
                String app = p.getProperty(key + UserText.APP_SUFFIX);
                if (app == null || OPTION.matcher(app).find()) {
                    offending.add(key + "=" + p.getProperty(key));
                }
            }
            assertThat(offending).as(bundle + ": texts with command-line options and no app wording").isEmpty();
        }
    }

    @Test
    void theCommandLineOnlyTextsAreNotUsedByTheApp() throws IOException {
        List<String> uses = new ArrayList<>();
        for (Path root : UI_SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(f);
                    if (text.contains("\"cli.")) {
                        uses.add(f + " uses a cli.* key");
                    }
                    COMMAND_LINE_ONLY.stream().filter(k -> !k.equals("help.cli.text") && text.contains("\"" + k + "\""))
                            .forEach(k -> uses.add(f + " uses " + k));
                }
            }
        }
        assertThat(uses).isEmpty();
    }

    @Test
    void theAppShowsItsOwnWordingWhereTheCommandLineNamesAnOption() {
        UserText stopped = UserText.of("input.bad.atLine", "a.csv", 3L, UserText.of("row.stopped", "bad date"));
        for (I18n i18n : List.of(new I18n(I18n.ZH_TW), new I18n(java.util.Locale.ENGLISH))) {
            assertThat(stopped.in(i18n.locale())).contains("--skip-bad-rows");
            assertThat(i18n.text(stopped)).doesNotContain("--").contains("a.csv").contains("bad date");
        }
        assertThat(new I18n(I18n.ZH_TW).text(UserText.of("input.binaryForced", "Postfix"))).contains("從內容偵測").doesNotContain("--");
        assertThat(new I18n(I18n.ZH_TW).text(UserText.of("log.reason.other", "x"))).isEqualTo("x");
    }
}
