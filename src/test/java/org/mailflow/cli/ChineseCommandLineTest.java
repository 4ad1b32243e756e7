package org.mailflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a zh-TW user runs it: a JVM of its own started with {@code LANG=zh_TW.UTF-8}
 * (and the locale properties, since a system without the zh_TW locale installed gives the JVM
 * English whatever LANG says) writes its errors and its summary in Traditional Chinese, while the
 * exit codes stay those of SPEC 7.
 */
class ChineseCommandLineTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private Run launch(String lang, List<String> localeProperties, String cache, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(localeProperties);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.mailflow.Launcher");
        command.add("--cache");
        command.add(dir.resolve(cache).toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LANG", lang);
        pb.environment().remove("LC_ALL");
        pb.environment().remove("LC_MESSAGES");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the command finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aBadFileIsRefusedInChineseAndAGoodOneSummarisedInChinese() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "timestamp,sender,bcl,delivery,count\n"
                + "2026-11-12T08:30:00Z,a@x.example,5,inbox,1\n2026-11-12T08:30:00Z,b@x.example,12,inbox,1\n");
        List<String> zhTw = List.of("-Duser.language=zh", "-Duser.country=TW");

        Run refused = launch("zh_TW.UTF-8", zhTw, "zh.db", "import", bad.toString());
        assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("mailflow-insights: " + bad + "，第 3 行：BCL 12 不在 0 到 9 之間"
                + "（使用 --skip-bad-rows 可只匯入正確的資料列）").contains("未變更任何資料。").doesNotContain("\tat ");

        Run skipped = launch("zh_TW.UTF-8", zhTw, "zh.db", "import", "--skip-bad-rows", bad.toString());
        assertThat(skipped.code()).isEqualTo(ExitCodes.OK);
        assertThat(skipped.out()).contains(bad + "：已匯入 1 列（bulk）", "第 3 行：BCL 12 不在 0 到 9 之間", "總計：已匯入 1 列");

        Run usage = launch("zh_TW.UTF-8", zhTw, "zh.db", "bulk", "table", "--days", "0");
        assertThat(usage.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err()).contains("--days 必須介於 1 到 366 之間，而不是 0");

        Run english = launch("en_US.UTF-8", List.of("-Duser.language=en", "-Duser.country=US"), "en.db", "import", bad.toString());
        assertThat(english.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(english.err()).contains(bad + ", line 3: BCL 12 is outside 0-9").contains("Nothing was changed.");
    }
}
