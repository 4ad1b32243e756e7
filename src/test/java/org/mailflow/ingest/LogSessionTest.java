package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.cache.SmtpStore;
import org.mailflow.ingest.logs.LogSubmission;
import org.mailflow.smtpauth.TlsVersion;

/**
 * Submissions whose TLS only the whole import decides wait in the import's LogSession, at most a
 * bounded number: the rest are decided with what is known when they come, so memory stays bounded
 * on a Postfix 2.x log without statistics.
 */
class LogSessionTest {
    @TempDir
    Path dir;

    private static LogSubmission undecided(int n, String service) {
        return new LogSubmission(n, 1_794_000_000L + n, "u" + n + "@x.example", "x.example", "10.0.0.1", "PLAIN", TlsVersion.UNKNOWN,
                null, "mx", "m" + n + "@x.example", "u" + n + "@x.example", n, service);
    }

    private static List<String> tls(Cache cache) throws Exception {
        return cache.read(c -> {
            List<String> out = new ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT message_id, tls FROM smtp_message ORDER BY message_id")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "=" + TlsVersion.ofCode(rs.getInt(2)).token());
                }
            }
            return out;
        });
    }

    private static long recipients(Cache cache) throws Exception {
        return cache.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT sum(recipients) FROM smtp_detail")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void submissionsBeyondTheLimitAreDecidedWhenTheyComeAndTheHeldOnesAtTheEnd() throws Exception {
        try (Cache cache = Cache.open(dir.resolve("c.db"))) {
            cache.write(c -> {
                try (SmtpStore.Writer w = new SmtpStore.Writer(c)) {
                    LogSession session = new LogSession(2);
                    session.defer(undecided(1, "mx postfix/smtpd"), w);
                    session.defer(undecided(2, "mx postfix/smtpd"), w);
                    session.defer(undecided(3, "mx postfix/smtpd"), w); // beyond the limit: decided now, unknown
                    session.handshakes().add("mx postfix/smtpd");      // the service logs handshakes after all
                    session.defer(undecided(4, "mx postfix/smtpd"), w); // decided now: none
                    session.finish(w);                                  // the two held: none
                    w.flush();
                    assertThat(session.submissions()).isEqualTo(4);
                    assertThat(session.versionUnknown()).isEqualTo(1);
                }
                return null;
            });
            assertThat(tls(cache)).containsExactly("m1@x.example=none", "m2@x.example=none", "m3@x.example=unknown", "m4@x.example=none");
            assertThat(recipients(cache)).as("the recipients of each (1 + 2 + 3 + 4) survive the wait").isEqualTo(10);
        }
    }
}
