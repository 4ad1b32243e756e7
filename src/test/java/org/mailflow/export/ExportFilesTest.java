package org.mailflow.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export file naming and placement (SPEC 3.7) and formula-safe cells (SPEC 6). */
class ExportFilesTest {
    @TempDir
    Path dir;

    @Test
    void exportsNeverOverwriteAndNumberFromOne() throws IOException {
        Path first = ExportFiles.writeNew(dir, "Bulk sender insights", w -> w.write("a"));
        Path second = ExportFiles.writeNew(dir, "Bulk sender insights", w -> w.write("b"));
        Files.writeString(dir.resolve("Bulk sender insights (3).csv"), "kept");
        Path third = ExportFiles.writeNew(dir, "Bulk sender insights", w -> w.write("c"));
        Path fourth = ExportFiles.writeNew(dir, "Bulk sender insights", w -> w.write("d"));
        assertThat(first.getFileName()).hasToString("Bulk sender insights.csv");
        assertThat(second.getFileName()).hasToString("Bulk sender insights (1).csv");
        assertThat(third.getFileName()).hasToString("Bulk sender insights (2).csv");
        assertThat(fourth.getFileName()).hasToString("Bulk sender insights (4).csv");
        assertThat(Files.readString(first)).isEqualTo("a");
        assertThat(Files.readString(dir.resolve("Bulk sender insights (3).csv"))).isEqualTo("kept");
    }

    @Test
    void aFailedExportLeavesNoFileBehind() {
        try {
            ExportFiles.writeNew(dir, "Broken", w -> {
                w.write("half");
                throw new IOException("disk full");
            });
        } catch (IOException expected) {
            assertThat(expected).hasMessage("disk full");
        }
        assertThat(dir.resolve("Broken.csv")).doesNotExist();
        assertThat(dir.toFile().list()).as("no temporary file either").isEmpty();
    }

    @Test
    void aNewExportIsNeverSeenHalfWrittenUnderItsName() throws IOException {
        Path[] seen = new Path[1];
        Path written = ExportFiles.writeNew(dir, "Whole", w -> {
            w.write("first half");
            w.flush();
            seen[0] = dir.resolve("Whole.csv");
            assertThat(seen[0]).as("the name is taken only once the content is complete").doesNotExist();
            w.write(", second half");
        });
        assertThat(written).isEqualTo(seen[0]);
        assertThat(Files.readString(written)).isEqualTo("first half, second half");
        assertThat(dir.toFile().list()).containsExactly("Whole.csv");
    }

    @Test
    void exportAsReplacesTheChosenFileWhole() throws IOException {
        Path target = Files.writeString(dir.resolve("mine.csv"), "old content that is longer");
        ExportFiles.write(target, w -> w.write("new"));
        assertThat(Files.readString(target)).isEqualTo("new");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void downloadsFolderFollowsXdgThenDownloadsThenHome() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        assertThat(ExportFiles.downloadsFolder(home, Map.of())).isEqualTo(home);
        Path downloads = Files.createDirectories(home.resolve("Downloads"));
        assertThat(ExportFiles.downloadsFolder(home, Map.of())).isEqualTo(downloads);
        Path xdg = Files.createDirectories(home.resolve("Téléchargements"));
        Files.createDirectories(home.resolve(".config"));
        Files.writeString(home.resolve(".config/user-dirs.dirs"), "# comment\nXDG_DOWNLOAD_DIR=\"$HOME/Téléchargements\"\n",
                StandardCharsets.UTF_8);
        assertThat(ExportFiles.downloadsFolder(home, Map.of())).isEqualTo(xdg);
    }

    @Test
    void cellsThatASpreadsheetWouldRunAreNeutralised() {
        assertThat(SafeCsv.neutralise("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(SafeCsv.neutralise("+1")).isEqualTo("'+1");
        assertThat(SafeCsv.neutralise("-2")).isEqualTo("'-2");
        assertThat(SafeCsv.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SafeCsv.neutralise("\tx")).isEqualTo("'\tx");
        assertThat(SafeCsv.neutralise("\rx")).isEqualTo("'\rx");
        assertThat(SafeCsv.neutralise("news@x.example")).isEqualTo("news@x.example");
        assertThat(SafeCsv.neutralise("")).isEmpty();
    }
}
