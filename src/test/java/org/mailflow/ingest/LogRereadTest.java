package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;

/**
 * Re-reading a log: a grown log lists the bad lines of its new part; a log whose year guess missed a
 * rollover is read again, and a submission whose TLS waits for the end of the import is written once.
 */
class LogRereadTest {
    @TempDir
    Path dir;

    private Path dated(Path f) throws Exception {
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-11-30T00:00:00Z")));
        return f;
    }

    /** SPEC 5: malformed relevant lines are reported with their line numbers; a grown log reports those of its new lines. */
    @Test
    void aGrownLogListsTheBadLinesOfItsNewPart() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add("Nov 12 08:30:0" + (i % 10) + " mx postfix/smtpd[1]: 4A1B2C3D" + (10 + i) + ": client=a[192.0.2.1], sasl_method=PLAIN");
        }
        Path f = dated(write(dir, "mail.log", String.join("\n", lines) + "\n"));
        try (Cache cache = Cache.open(dir.resolve("cache.db"))) {
            ImportSummary first = run(cache, f);
            assertThat(first.files().get(0).badRowCount()).isEqualTo(12);
            Files.writeString(f, "Nov 12 09:00:00 mx postfix/smtpd[2]: 5A1B2C3D99: client=b[192.0.2.2], sasl_method=PLAIN\n",
                    StandardOpenOption.APPEND);
            dated(f);
            ImportSummary second = run(cache, f);
            ImportSummary.FileResult r = second.files().get(0);
            assertThat(r.badRowCount()).isEqualTo(1);
            assertThat(r.badRows()).as("the one bad line of the new part, line 13").hasSize(1);
        }
    }

    private Path file(int at) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("Dec 10 08:00:00 mx postfix/submission/smtpd[100]: connect from a[192.0.2.1]");
        lines.add("Dec 10 08:00:01 mx postfix/submission/smtpd[100]: 4A1B2C3D4E: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=old2x@x.example");
        lines.add("Dec 10 08:00:01 mx postfix/cleanup[200]: 4A1B2C3D4E: message-id=<m1@x.example>");
        lines.add("Dec 10 08:00:02 mx postfix/submission/smtpd[100]: disconnect from a[192.0.2.1]");
        for (int i = 0; i < 300; i++) {
            lines.add(i == at ? "Nov 30 23:59:59 mx postfix/anvil[9]: statistics: out of order line ...................."
                    : "Dec 10 09:" + String.format("%02d", i % 60) + ":00 mx postfix/anvil[9]: statistics: max connection rate 1/60s");
        }
        Path f = write(dir, "mail-" + at + ".log", String.join("\n", lines) + "\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-12-31T00:00:00Z")));
        return f;
    }

    @Test
    void aWrongYearGuessIsReadAgainAndWritesEachSubmissionOnce() throws Exception {
        Path chosen = null;
        for (int at = 1; at < 299 && chosen == null; at++) {
            Path f = file(at);
            byte[] head = Files.readAllBytes(f);
            if (LogImporter.guessRollovers(ContentSource.open(f), head, Math.min(head.length, 65536)) == 0) {
                chosen = f;
            } else {
                Files.delete(f);
            }
        }
        assertThat(chosen).as("a file whose guess misses the rollover").isNotNull();
        try (Cache cache = Cache.open(dir.resolve("cache.db"))) {
            ImportSummary s = run(cache, chosen);
            assertThat(s.submissions()).isEqualTo(1);
            List<String> rows = cache.read(c -> {
                List<String> out = new ArrayList<>();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT day, tls, count FROM smtp_detail")) {
                    while (rs.next()) {
                        out.add(java.time.LocalDate.ofEpochDay(rs.getLong(1)) + "|" + rs.getInt(2) + "|" + rs.getLong(3));
                    }
                }
                return out;
            });
            assertThat(rows).containsExactly("2025-12-10|6|1");
        }
    }
}
