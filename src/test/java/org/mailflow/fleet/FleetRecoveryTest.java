package org.mailflow.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run that stopped half-way leaves, and what the next run makes of it ({@link FleetImport#recover}):
 * day files of a run whose manifest was written get their names, those of a run without one are
 * deleted (its logs are read again), working folders go.
 */
class FleetRecoveryTest {
    @TempDir
    Path out;

    @Test
    void partsOfARunWithAManifestArePublishedAndPartsOfOneWithoutAreDeleted() throws Exception {
        Path day = Files.createDirectories(out.resolve("2026-11-12"));
        Files.writeString(day.resolve(".smtp-auth-20261112-031500.csv.gz.part"), "done run");
        Files.writeString(day.resolve(".bulk-20261112-031500.csv.gz.part"), "done run");
        Files.writeString(day.resolve(".smtp-auth-20261113-031500.csv.gz.part"), "stopped run");
        Files.writeString(day.resolve("smtp-auth-20261111-031500.csv.gz"), "earlier run");
        Files.writeString(out.resolve(".fleet-manifest-20261112-031500.tsv"), "");
        Path work = Files.createDirectories(out.resolve(".fleet-work-20261113-031500"));
        Files.writeString(work.resolve(".s000001-2026-11-12-msg.gz"), "part of a series");

        FileSystem fs = FileSystem.getLocal(new Configuration());
        FleetImport.recover(fs, new org.apache.hadoop.fs.Path(out.toUri()), Set.of("20261112-031500"));

        try (var files = Files.list(day)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")))
                    .containsExactlyInAnyOrder("smtp-auth-20261112-031500.csv.gz", "bulk-20261112-031500.csv.gz",
                            "smtp-auth-20261111-031500.csv.gz");
        }
        assertThat(Files.readString(day.resolve("smtp-auth-20261112-031500.csv.gz"))).isEqualTo("done run");
        assertThat(work).doesNotExist();
    }
}
