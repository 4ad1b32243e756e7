package org.mailflow.ingest.logs;

import java.util.HashSet;
import java.util.Set;
import org.mailflow.smtpauth.TlsVersion;

/**
 * The Postfix smtpd services that logged a TLS handshake somewhere in one import, and the last step
 * of the TLS rule of SPEC 5 that depends on them.
 *
 * <p>A service is a host and a {@code syslog_name}: {@code mx1} and {@code postfix/submission/smtpd}.
 * A service that logs handshakes ({@code smtpd_tls_loglevel ≥ 1}) logs one for every encrypted
 * connection, so a connection of it without one was not encrypted ({@code none}); a service that
 * never logs one (the default level 0) says nothing about encryption ({@code unknown}). A connection
 * whose own lines do not decide (no handshake line, no {@code disconnect} statistics, not an
 * {@code smtps} service) is therefore decided only when the whole import has been read: its
 * submissions come out of the parser with {@link LogSubmission#undecidedService()} set and go
 * through {@link #decide(LogSubmission)} at the end. One instance per import, shared by the parsers
 * of all its Postfix files. Not thread-safe.
 */
public final class HandshakeServices {
    private final Set<String> services = new HashSet<>();

    /** Records that {@code service} logged a TLS handshake. */
    public void add(String service) {
        services.add(service);
    }

    /** True when {@code service} logged a TLS handshake in the import so far. */
    public boolean logsHandshakes(String service) {
        return services.contains(service);
    }

    /**
     * {@code s} with its TLS decided, for a submission whose connection alone did not decide it:
     * {@code none} when its service logs handshakes, else {@code unknown}. A decided submission is
     * returned as it is.
     */
    public LogSubmission decide(LogSubmission s) {
        if (s.undecidedService() == null) {
            return s;
        }
        TlsVersion tls = logsHandshakes(s.undecidedService()) ? TlsVersion.NONE : TlsVersion.UNKNOWN;
        return new LogSubmission(s.lineNumber(), s.epochSecond(), s.sender(), s.domain(), s.clientIp(), s.authMethod(), tls,
                null, s.server(), s.messageId(), s.envelopeSender(), s.recipients(), null);
    }
}
