package org.mailflow.ingest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.mailflow.cache.SmtpStore;
import org.mailflow.ingest.logs.HandshakeServices;
import org.mailflow.ingest.logs.LogSubmission;
import org.mailflow.ingest.logs.PostfixParser;

/**
 * What the logs of one import share: the Postfix services that logged a TLS handshake, and the
 * submissions whose TLS only the whole import can decide (SPEC 5, step 4: "a service that logs
 * handshakes elsewhere in the import"). Those are held here and written by {@link #finish} when
 * every file has been read; on the usual log (Postfix 3.x statistics, or a service whose handshakes
 * came first) there are none or a few. A Postfix 2.x log at the default {@code smtpd_tls_loglevel = 0}
 * has no statistics at all, and its submissions would all wait here: so that memory stays bounded,
 * at most {@value #MAX_HELD} wait; later ones are decided at once with what is known then ({@code none}
 * if their service has logged a handshake by then, else {@code unknown}) and written.
 */
final class LogSession {
    /** Submissions held at most; about 40 MB. */
    static final int MAX_HELD = 100_000;

    private final HandshakeServices handshakes = new HandshakeServices();
    private final List<LogSubmission> deferred = new ArrayList<>();
    private final int maxHeld;

    LogSession() {
        this(MAX_HELD);
    }

    /** A session that holds at most {@code maxHeld} submissions (tests use a small one). */
    LogSession(int maxHeld) {
        this.maxHeld = maxHeld;
    }
    private long submissions;
    private long versionUnknown;

    HandshakeServices handshakes() {
        return handshakes;
    }

    /** Files begun so far ({@link #nextFile}); the carry below holds the number of the file that made it. */
    private long files;
    private String carrySeries;
    private java.nio.file.Path carryPath;
    private long carryFile = -1;
    private PostfixParser.Carry carry = PostfixParser.Carry.NONE;

    /** Called before each file of the import, in the import's order, whatever it turns out to be. */
    void nextFile() {
        files++;
    }

    /**
     * The open connections that the file just before the current one left, when that file was a
     * Postfix log of the same rotated series ({@link ImportInputs#seriesOf}), older than {@code file}
     * in the rotation ({@link ImportInputs#compareNames}), that was read; otherwise nothing: the first
     * file of a series, one after a file that was passed over as imported before (whose end is not
     * known), or files named newest first ({@code import /var/log/mail.log*} expands to
     * {@code mail.log mail.log.1 …}), whose connections never continue backwards.
     */
    PostfixParser.Carry carryFor(String series, java.nio.file.Path file) {
        return carryFile == files - 1 && series.equals(carrySeries) && ImportInputs.compareNames(carryPath, file) < 0
                ? carry : PostfixParser.Carry.NONE;
    }

    /** Keeps what the current file, a Postfix log of {@code series}, ended with, for the next file. */
    void endFile(String series, java.nio.file.Path file, PostfixParser.Carry endedWith) {
        carrySeries = series;
        carryPath = file;
        carryFile = files;
        carry = endedWith;
    }

    /**
     * Holds a submission whose TLS is decided at the end of the import, or, when {@value #MAX_HELD} are
     * held already, decides it with what is known now and writes it.
     */
    void defer(LogSubmission s, SmtpStore.Writer smtp) throws SQLException {
        if (deferred.size() < maxHeld) {
            deferred.add(s);
            return;
        }
        LogSubmission decided = handshakes.decide(s);
        LogImporter.write(smtp, decided);
        written(decided);
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

    /** Forgets what was held or counted since {@code mark} (what was written since, the caller's savepoint takes back). */
    void rollBackTo(long[] mark) {
        deferred.subList((int) mark[0], deferred.size()).clear();
        submissions = mark[1];
        versionUnknown = mark[2];
    }

    /** Writes the held submissions with their TLS decided; called once, after the last file. */
    void finish(SmtpStore.Writer smtp) throws SQLException {
        for (LogSubmission held : deferred) {
            LogSubmission decided = handshakes.decide(held);
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
