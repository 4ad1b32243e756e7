package org.mailflow.ingest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.mailflow.cache.SmtpStore;
import org.mailflow.ingest.logs.HandshakeServices;
import org.mailflow.ingest.logs.LogSubmission;

/**
 * What the logs of one import share: the Postfix services that logged a TLS handshake, and the
 * submissions whose TLS only the whole import can decide (SPEC 5, step 4: "a service that logs
 * handshakes elsewhere in the import"). Those are held here and written by {@link #finish} when
 * every file has been read; on the usual log (Postfix 3.x statistics, or a service whose handshakes
 * came first) there are none or a few. A Postfix 2.x log at the default {@code smtpd_tls_loglevel = 0}
 * has no statistics at all, and then every submission of it waits here until the end.
 */
final class LogSession {
    private final HandshakeServices handshakes = new HandshakeServices();
    private final List<Deferred> deferred = new ArrayList<>();
    private long submissions;
    private long versionUnknown;

    private record Deferred(LogSubmission submission, LogImporter.Counter counter) {
    }

    HandshakeServices handshakes() {
        return handshakes;
    }

    /** Holds a submission whose TLS is decided at the end of the import; {@code counter} is its file's. */
    void defer(LogSubmission s, LogImporter.Counter counter) {
        deferred.add(new Deferred(s, counter));
    }

    /** Counts a submission of a log written to the cache, for {@link #versionUnknown()}. */
    void written(LogSubmission s) {
        submissions++;
        if (!s.tls().versionKnown()) {
            versionUnknown++;
        }
    }

    /** A point to come back to when a file is read again ({@link #rollBackTo}). */
    long[] mark() {
        return new long[] {deferred.size(), submissions, versionUnknown};
    }

    /** Forgets what was held or counted since {@code mark}. */
    void rollBackTo(long[] mark) {
        deferred.subList((int) mark[0], deferred.size()).clear();
        submissions = mark[1];
        versionUnknown = mark[2];
    }

    /** Writes the held submissions with their TLS decided; called once, after the last file. */
    void finish(SmtpStore.Writer smtp) throws SQLException {
        for (Deferred d : deferred) {
            LogSubmission decided = handshakes.decide(d.submission());
            LogImporter.write(smtp, decided);
            written(decided);
        }
        deferred.clear();
    }

    /** Submissions read from logs in this import. */
    long submissions() {
        return submissions;
    }

    /** Of {@link #submissions()}, those whose TLS version the log did not give ({@code TLS} or {@code unknown}). */
    long versionUnknown() {
        return versionUnknown;
    }
}
