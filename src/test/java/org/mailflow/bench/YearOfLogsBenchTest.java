package org.mailflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The year of logs is what logrotate leaves: weekly files cut at the first line of a Sunday, older ones
 * gzip, each with its last line's time as modification time, and together exactly the generator's log.
 */
class YearOfLogsBenchTest {
    private static final long SIZE = 6L << 20;
    /** Four weeks or more in 6 MB (time-driven lines do not scale with the traffic): four rotations or more. */
    private static final double TRAFFIC = SIZE / 45.0 / (110.0 * (1 << 20));

    @TempDir
    Path dir;

    @Test
    void weeklyPartsCutOnSundaysHoldTheWholeLogWithTheirLastLinesTimes() throws Exception {
        List<Path> parts;
        try (YearOfLogsBench.Rotation rotation = new YearOfLogsBench.Rotation(dir)) {
            new PostfixLogGenerator(7, YearOfLogsBench.START).traffic(TRAFFIC).write(rotation, SIZE);
            rotation.finish();
            parts = rotation.parts();
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        new PostfixLogGenerator(7, YearOfLogsBench.START).traffic(TRAFFIC).write(whole, SIZE);

        assertThat(parts).hasSizeGreaterThanOrEqualTo(5);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        LocalDate previousLast = null;
        for (int i = 0; i < parts.size(); i++) {
            Path p = parts.get(i);
            boolean newestTwo = i >= parts.size() - 2;
            assertThat(p.getFileName().toString().endsWith(".gz")).as(p + " compressed").isEqualTo(!newestTwo);
            byte[] bytes;
            try (InputStream in = newestTwo ? Files.newInputStream(p) : new GZIPInputStream(Files.newInputStream(p))) {
                bytes = in.readAllBytes();
            }
            joined.write(bytes);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            String[] lines = text.split("\n");
            LocalDate first = day(lines[0]);
            LocalDate last = day(lines[lines.length - 1]);
            if (i > 0) {
                assertThat(first.getDayOfWeek()).as("first line of " + p).isEqualTo(DayOfWeek.SUNDAY);
                assertThat(first).isAfter(previousLast);
            }
            assertThat(last).isBefore(first.plusDays(7));
            Instant mtime = Files.getLastModifiedTime(p).toInstant();
            assertThat(mtime.atZone(ZoneOffset.UTC).toLocalDate()).as("modification time of " + p).isEqualTo(last);
            assertThat(mtime.atZone(ZoneOffset.UTC).toLocalTime().toString()).startsWith(lines[lines.length - 1].substring(7, 12));
            previousLast = last;
        }
        assertThat(joined.toByteArray()).isEqualTo(whole.toByteArray());
    }

    /** The date of a syslog line of the generated year (December 2025 to November 2026). */
    private static LocalDate day(String line) {
        String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        int m = List.of(months).indexOf(line.substring(0, 3)) + 1;
        int d = Integer.parseInt(line.substring(4, 6).trim());
        return LocalDate.of(m == 12 ? 2025 : 2026, m, d);
    }
}
