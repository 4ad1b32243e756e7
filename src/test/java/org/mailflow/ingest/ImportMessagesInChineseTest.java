package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mailflow.ingest.ImportTestKit.fails;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.write;
import static org.mailflow.ingest.ImportTestKit.writeBytes;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.cache.PolicyStore;
import org.mailflow.cli.MailflowCommand;
import org.mailflow.model.UserText;

/**
 * Every kind of message the engine builds for the user reads Traditional Chinese for a zh-TW user
 * (SPEC 6: error messages included), and the same message still reads English for everyone else.
 * Each message is read both ways: {@link UserText#in} for the app, and the environment's language
 * ({@link Locale#setDefault}, as {@code LANG=zh_TW.UTF-8} sets it) for the command line.
 */
class ImportMessagesInChineseTest {
    private static final Locale ZH = UserText.ZH_TW;
    private static final String GOOD = "2026-11-12T08:30:00Z,good@x.example,5,inbox,1";

    @TempDir
    Path dir;

    private Cache cache;
    private Locale before;

    @BeforeEach
    void open() throws Exception {
        before = Locale.getDefault();
        cache = Cache.open(dir.resolve("cache.db"));
    }

    @AfterEach
    void close() {
        Locale.setDefault(before);
        cache.close();
    }

    /** The text in zh-TW, checked to be that and not English or a missing key. */
    private static String chinese(UserText text) {
        String zh = text.in(ZH);
        assertThat(zh).as("a key is missing: " + zh).doesNotContain("!");
        assertThat(zh).isNotEqualTo(text.in(Locale.ENGLISH));
        assertThat(zh.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                .as("Chinese characters in " + zh).isTrue();
        return zh;
    }

    @Test
    void aBadCsvRowReadsChineseWithItsLineAndTheOptionThatSkipsIt() throws Exception {
        Path f = write(dir, "bad.csv", ImportTestKit.BULK_HEADER + "\n" + GOOD + "\n2026-11-12T08:30:00Z,,5,inbox,1\n");
        BadInputException e = fails(cache, f);

        assertThat(chinese(e.userText())).isEqualTo(f + "，第 3 行：sender 是空的；需要電子郵件地址（使用 --skip-bad-rows 可只匯入正確的資料列）");
        assertThat(e.userText().in(Locale.ENGLISH)).isEqualTo(f + ", line 3: sender is empty; expected an email address "
                + "(use --skip-bad-rows to import the good rows)");
        assertThat(e.getMessage()).as("the environment's language: English under the tests' locale").isEqualTo(e.userText().in(Locale.ENGLISH));
    }

    @Test
    void aBadBclReadsChinese() throws Exception {
        Path f = write(dir, "bcl.csv", ImportTestKit.BULK_HEADER + "\n2026-11-12T08:30:00Z,a@x.example,10,inbox,1\n");
        BadInputException e = fails(cache, f);

        assertThat(chinese(e.reasonText())).startsWith("BCL 10 不在 0 到 9 之間");
        assertThat(e.reason()).startsWith("BCL 10 is outside 0-9");
    }

    @Test
    void lineNumbersHaveNoGroupingSeparators() throws Exception {
        StringBuilder rows = new StringBuilder(ImportTestKit.BULK_HEADER).append('\n');
        for (int i = 0; i < 12_344; i++) {
            rows.append(GOOD).append('\n');
        }
        rows.append("2026-11-12T08:30:00Z,a@x.example,x,inbox,1\n");
        BadInputException e = fails(cache, write(dir, "long.csv", rows.toString()));

        assertThat(e.line()).isEqualTo(12_346);
        assertThat(e.userText().in(ZH)).contains("第 12346 行");
        assertThat(e.getMessage()).contains("line 12346:");
    }

    @Test
    void theImportSummaryWithBadRowsReadsChinese() throws Exception {
        Path f = write(dir, "rows.csv", ImportTestKit.BULK_HEADER + "\n" + GOOD + "\n2026-11-12T08:30:00Z,a@x.example,10,inbox,1\n"
                + GOOD + "\n");
        ImportSummary s = run(cache, true, f);

        assertThat(chinese(s.text(true))).isEqualTo("""
                rows.csv：已匯入 2 列（bulk）
                  已略過 1 個錯誤的資料列：
                    第 3 行：BCL 10 不在 0 到 9 之間
                總計：已匯入 2 列，已略過 1 個錯誤資料列
                """);
        assertThat(s.describe()).isEqualTo(s.text(false).in(Locale.ENGLISH)).isEqualTo(f + """
                : 2 rows imported (bulk)
                  1 bad row skipped:
                    line 3: BCL 10 is outside 0-9
                Total: 2 rows imported, 1 bad row skipped
                """);
    }

    @Test
    void aBadLogLineReadsChineseInTheSummary() throws Exception {
        Path log = write(dir, "mail.log", String.join("\n",
                "Nov 12 08:00:01 mx1 postfix/submission/smtpd[1]: 1A0000000A: client=a[192.0.2.1], sasl_method=PLAIN, "
                        + "sasl_username=ok@x.example",
                "Nov 31 08:00:03 mx1 postfix/submission/smtpd[1]: 3A0000000A: client=a[192.0.2.1], sasl_method=PLAIN, "
                        + "sasl_username=baddate@x.example",
                ""));
        ImportSummary s = new ImportJob(cache, new ImportOptions(Optional.empty(), false, OptionalInt.of(2026)))
                .run(List.of(log), ImportProgress.NONE, () -> false);

        String zh = chinese(s.text(true));
        assertThat(zh).contains("mail.log：已匯入 1 筆提交與 0 次驗證失敗（postfix，讀取 2 行")
                .contains("已略過 1 個錯誤的行：\n    第 2 行：client= 行的時間戳記無效\n")
                .contains("總計：已匯入 1 筆 SMTP AUTH 提交、0 次驗證失敗、0 封大量郵件，已略過 1 個錯誤的行、郵件或資料列");
        assertThat(s.describe()).contains("line 2: invalid timestamp on a client= line");
    }

    @Test
    void aFileOfUnknownKindReadsChinese() throws Exception {
        BadInputException e = fails(cache, write(dir, "what.csv", "colour,shape\nred,round\n"));

        assertThat(chinese(e.userText())).contains("無法辨識的標頭列「colour,shape」").contains("bulk (timestamp,sender,bcl,delivery")
                .contains(" 或 ");
        assertThat(e.getMessage()).contains("unknown header \"colour,shape\"");
    }

    @Test
    void aBinaryFileIsRefusedInChinese() throws Exception {
        BadInputException e = fails(cache, writeBytes(dir, "photo.csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2, 3, 0, 0}));

        assertThat(chinese(e.userText())).contains("photo.csv：不是文字檔（內含二進位資料）");
        assertThat(e.getMessage()).contains("is not a text file (it holds binary data)");
    }

    @Test
    void anExportWithoutARequiredColumnNamesItInChinese() throws Exception {
        Path f = write(dir, "atp.csv", "\"MessageTraceId\",\"Sender Address\",\"Recipient Address\",\"Event Type\"\n"
                + "\"g\",\"a@x.example\",\"b@y.example\",\"Bulk\"\n");
        BadInputException e = fails(cache, f);

        assertThat(chinese(e.userText())).contains("此標頭列屬於 Get-MailDetailATPReport 匯出檔（maildetailatp），但缺少欄位 Date, BulkComplaintLevel");
        assertThat(e.getMessage()).contains("but lacks the columns Date, BulkComplaintLevel");
    }

    @Test
    void aFolderWithNothingToImportAndAMissingFileReadChinese() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("empty"));
        assertThat(chinese(fails(cache, dir.resolve("empty")).userText())).contains("是資料夾，但其中沒有可匯入的檔案");
        assertThat(chinese(fails(cache, dir.resolve("gone.log")).userText())).endsWith("gone.log：不存在");
    }

    @Test
    void aPolicyErrorReadsChinese() throws Exception {
        PolicyStore store = new PolicyStore(cache);
        PolicyStore.PolicyException builtIn = catchThrowableOfType(PolicyStore.PolicyException.class, () -> store.create("Default", 5));
        assertThat(chinese(builtIn.userText())).isEqualTo("「Default」是內建原則，無法變更。");
        assertThat(builtIn.getMessage()).isEqualTo("\"Default\" is a built-in policy and cannot be changed.");

        PolicyStore.PolicyException threshold = catchThrowableOfType(PolicyStore.PolicyException.class, () -> store.create("Sales", 12));
        assertThat(chinese(threshold.userText())).isEqualTo("大量閾值必須是 1 到 9 的整數。");
    }

    @Test
    void underAChineseEnvironmentTheMessagesAndTheCommandLineReadChinese() throws Exception {
        Path f = write(dir, "bad.csv", ImportTestKit.BULK_HEADER + "\n2026-11-12T08:30:00Z,a@x.example,5,spam,1\n");
        Locale.setDefault(Locale.forLanguageTag("zh-TW"));
        try {
            BadInputException e = fails(cache, f);
            assertThat(e.getMessage()).contains("第 2 行：無法辨識的 delivery「spam」");
            assertThat(e.reason()).startsWith("無法辨識的 delivery「spam」");

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = MailflowCommand.run(new String[] {"--cache", cache.file().toString(), "bulk", "table", "--new", "12"},
                    new PrintWriter(out), new PrintWriter(err));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("--new 必須介於 1 到 9 之間，而不是 12");

            err.getBuffer().setLength(0);
            code = MailflowCommand.run(new String[] {"--cache", cache.file().toString(), "import", "--format", "csv", f.toString()},
                    new PrintWriter(out), new PrintWriter(err));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("無法辨識的 --format「csv」；需要 bulk, events");
        } finally {
            Locale.setDefault(before);
        }
        assertThat(fails(cache, f).getMessage()).contains("line 2: delivery \"spam\" is unknown");
    }

    @Test
    void hongKongAndTraditionalScriptReadChineseAndOtherLanguagesEnglish() {
        UserText t = UserText.of("cli.nothingChanged");
        assertThat(t.in(Locale.forLanguageTag("zh-HK"))).isEqualTo("未變更任何資料。");
        assertThat(t.in(Locale.forLanguageTag("zh-Hant"))).isEqualTo("未變更任何資料。");
        assertThat(t.in(Locale.forLanguageTag("zh-CN"))).isEqualTo("Nothing was changed.");
        assertThat(t.in(Locale.GERMANY)).isEqualTo("Nothing was changed.");
    }
}
