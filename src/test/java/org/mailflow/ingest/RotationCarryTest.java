package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.smtpauth.TlsVersion;

/**
 * A connection that spans a log rotation keeps its TLS (issue 15): its handshake is the last line of
 * {@code mail.log.1}, its submission the first lines of {@code mail.log}. Imported together, in the
 * series' order, the submission gets the version and cipher of the handshake; the connections carried
 * are only those of the file just before in the same series.
 */
class RotationCarryTest {
    @TempDir
    Path dir;

    private static final String HANDSHAKE = "Nov 12 23:59:59 mx1 postfix/submission/smtpd[100]: Anonymous TLS connection established "
            + "from laptop[192.0.2.10]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)";

    /** The end of the older file: the connection opens and negotiates TLS 1.3 just before the rotation. */
    private static final String OLDER = String.join("\n",
            "Nov 12 23:59:58 mx1 postfix/submission/smtpd[100]: connect from laptop[192.0.2.10]",
            HANDSHAKE,
            "");

    /**
     * The start of the newer file: the submission of that connection, with Postfix 2.x's disconnect
     * (no statistics), so nothing in this file decides its TLS.
     */
    private static final String NEWER = String.join("\n",
            "Nov 13 00:00:01 mx1 postfix/submission/smtpd[100]: 4A1B2C3D4E: client=laptop[192.0.2.10], sasl_method=PLAIN, "
                    + "sasl_username=alice@example.com",
            "Nov 13 00:00:01 mx1 postfix/cleanup[200]: 4A1B2C3D4E: message-id=<m1@example.com>",
            "Nov 13 00:00:01 mx1 postfix/qmgr[300]: 4A1B2C3D4E: from=<alice@example.com>, size=1200, nrcpt=1 (queue active)",
            "Nov 13 00:00:02 mx1 postfix/submission/smtpd[100]: disconnect from laptop[192.0.2.10]",
            "");

    private static ImportSummary run(Cache cache, Path... paths) throws Exception {
        return new ImportJob(cache, new ImportOptions(Optional.empty(), false, OptionalInt.of(2026)))
                .run(List.of(paths), ImportProgress.NONE, () -> false);
    }

    private static List<String> tls(Cache cache) throws Exception {
        return cache.read(c -> {
            List<String> out = new ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery(
                    "SELECT m.message_id, m.tls, coalesce(n.value, '') FROM smtp_message m LEFT JOIN smtp_name n ON n.id = m.cipher_id "
                            + "ORDER BY m.message_id")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + TlsVersion.ofCode(rs.getInt(2)).token() + " " + rs.getString(3));
                }
            }
            return out;
        });
    }

    @Test
    void aSubmissionAfterTheRotationKeepsTheHandshakeLoggedBeforeIt() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        write(logs, "mail.log.1", OLDER);
        write(logs, "mail.log", NEWER);
        try (Cache cache = Cache.open(dir.resolve("c.db"))) {
            ImportSummary s = run(cache, logs);
            assertThat(s.files()).extracting(f -> f.file().getFileName().toString()).containsExactly("mail.log.1", "mail.log");
            assertThat(tls(cache)).containsExactly("m1@example.com TLS1.3 TLS_AES_256_GCM_SHA384");
        }
    }

    @Test
    void filesNamedNewestFirstCarryNothingBackwards() throws Exception {
        // mail.log ends with a connection of process 100 open on TLS 1.3; mail.log.1 (older) starts with a
        // submission of another connection of process 100, whose handshake was in mail.log.2 (not imported)
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path newer = write(logs, "mail.log", OLDER.replace("Nov 12", "Nov 14"));
        Path older = write(logs, "mail.log.1", NEWER);
        try (Cache cache = Cache.open(dir.resolve("c.db"))) {
            run(cache, newer, older); // as the shell expands mail.log*: newest first
            assertThat(tls(cache)).as("not the TLS of a later connection").containsExactly("m1@example.com none ");
        }
    }

    @Test
    void withoutItsOlderFileTheSubmissionsTlsIsUnknownAsBefore() throws Exception {
        Path newer = write(dir, "mail.log", NEWER);
        try (Cache cache = Cache.open(dir.resolve("c.db"))) {
            run(cache, newer);
            assertThat(tls(cache)).containsExactly("m1@example.com unknown ");
        }
    }

    @Test
    void connectionsAreNotCarriedIntoAnotherSeriesNorPastAFilePassedOver() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Path older = write(a, "mail.log.1", OLDER);
        Path otherSeries = write(b, "mail.log", NEWER);
        try (Cache cache = Cache.open(dir.resolve("c.db"))) {
            run(cache, older, otherSeries); // another folder: another server's series
            // not the carried TLS 1.3: none, because the service logs its handshakes elsewhere in the import (SPEC 5, step 4)
            assertThat(tls(cache)).containsExactly("m1@example.com none ");
        }
        Path c = Files.createDirectories(dir.resolve("c"));
        Path older2 = write(c, "mail.log.2", OLDER);
        Path between = write(c, "mail.log.1", "Nov 13 00:00:00 mx1 postfix/anvil[9]: statistics: max connection rate 1/60s\n");
        Path newer2 = write(c, "mail.log", NEWER);
        try (Cache cache = Cache.open(dir.resolve("c2.db"))) {
            run(cache, between); // imported before: passed over in the next import, so its end is not known
            run(cache, older2, between, newer2);
            assertThat(tls(cache)).containsExactly("m1@example.com none ");
        }
        try (Cache cache = Cache.open(dir.resolve("c3.db"))) {
            run(cache, older2, between, newer2); // read, the file in between does not end the connection
            assertThat(tls(cache)).containsExactly("m1@example.com TLS1.3 TLS_AES_256_GCM_SHA384");
        }
    }
}
