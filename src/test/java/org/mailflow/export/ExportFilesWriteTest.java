package org.mailflow.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export as… and {@code --out}: a regular file is replaced whole with its mode kept; a symbolic link,
 * a FIFO (and so a device such as {@code /dev/null}) is written through and stays what it was.
 */
class ExportFilesWriteTest {
    private static final String CSV = "sender,count\r\nnews@shop.example,3\r\n";

    @TempDir
    Path dir;

    private static void csv(java.io.Writer w) throws IOException {
        w.write(CSV);
    }

    private static BasicFileAttributes node(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void anExistingFileIsReplacedAndKeepsItsMode() throws Exception {
        Path file = Files.writeString(dir.resolve("out.csv"), "old, and longer than the new content, much longer than it\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        ExportFiles.write(file, ExportFilesWriteTest::csv);
        assertThat(Files.readString(file)).isEqualTo(CSV);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aNewFileTakesTheUmasksMode() throws Exception {
        Path reference = Files.createFile(dir.resolve("reference"));
        Path file = dir.resolve("new.csv");
        ExportFiles.write(file, ExportFilesWriteTest::csv);
        assertThat(Files.readString(file)).isEqualTo(CSV);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(reference));
    }

    @Test
    void aFailedExportLeavesTheOldFileAndNoTemporaryOne() throws Exception {
        Path file = Files.writeString(dir.resolve("out.csv"), "old\n");
        assertThatThrownBy(() -> ExportFiles.write(file, w -> {
            w.write("half");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo("old\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStaysALink() throws Exception {
        Path target = Files.writeString(dir.resolve("target.csv"), "old\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), target.getFileName());
        ExportFiles.write(link, ExportFilesWriteTest::csv);
        assertThat(node(link).isSymbolicLink()).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(target.getFileName());
        assertThat(Files.readString(target)).isEqualTo(CSV);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), Path.of("made-by-export.csv"));
        ExportFiles.write(dangling, ExportFilesWriteTest::csv);
        assertThat(node(dangling).isSymbolicLink()).isTrue();
        assertThat(Files.readString(dir.resolve("made-by-export.csv"))).isEqualTo(CSV);
    }

    @Test
    void aFifoIsWrittenToAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo is not available");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(Files.readAllBytes(fifo), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ExportFiles.write(fifo, ExportFilesWriteTest::csv);
        assertThat(reader.get(20, TimeUnit.SECONDS)).isEqualTo(CSV);
        assertThat(node(fifo).isOther()).as("still a FIFO, not a regular file").isTrue();
    }

    @Test
    void aFolderIsRefused() {
        assertThatThrownBy(() -> ExportFiles.write(dir, ExportFilesWriteTest::csv)).isInstanceOf(IOException.class)
                .hasMessageContaining("is a folder");
    }
}
