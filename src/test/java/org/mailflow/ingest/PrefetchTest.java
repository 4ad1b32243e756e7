package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is read ahead stays bounded by the content it holds, not by the size of the files on disk: small
 * {@code .gz} files that decompress to a megabyte each are held at most {@link Prefetch#MAX_BYTES_AHEAD}
 * bytes at a time; the others are read in their turn, and each file's content is the same either way.
 */
class PrefetchTest {
    @TempDir
    Path dir;

    @Test
    void contentHeldAheadStaysWithinTheBudgetAndEachFileReadsTheSame() throws Exception {
        byte[] content = new byte[1 << 20];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) ('a' + i % 26);
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(content);
        }
        List<ContentSource> sources = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Path f = Files.write(dir.resolve("f" + i + ".gz"), gz.toByteArray());
            sources.add(ContentSource.listed(f, Files.size(f))); // a few KB on disk, 1 MB of content
        }
        try (Prefetch prefetch = new Prefetch(sources, 2)) {
            prefetch.awaitTurn(0);
            Thread.sleep(500); // let the workers read as far ahead as they may
            long held = sources.stream().mapToLong(s -> Math.max(0, s.preloadedLength())).sum();
            assertThat(held).isPositive().isLessThanOrEqualTo(Prefetch.MAX_BYTES_AHEAD);
            for (int i = 0; i < sources.size(); i++) {
                prefetch.awaitTurn(i);
                ContentSource s = sources.get(i);
                s.ensureOpened();
                byte[] read;
                try (var in = s.content(n -> { })) {
                    read = in.readAllBytes();
                }
                assertThat(read).isEqualTo(content);
                prefetch.done(i);
                assertThat(s.preloadedLength()).isEqualTo(-1);
            }
        }
    }
}
