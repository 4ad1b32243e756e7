package org.mailflow.ingest.logs;

/**
 * A failed SMTP AUTH attempt of an Exim log ({@code … authenticator failed for … (set_id=…)}): counted
 * per account for the {@code auth-failures} flag of SPEC 2.5, never a submission.
 *
 * @param lineNumber    the line of the log it came from
 * @param epochSecond   the time of the line, UTC
 * @param account       the {@code set_id} the client tried, trimmed and lower-cased
 * @param clientIp      the client address, empty when the line does not give one
 * @param authenticator the Exim authenticator name as written ({@code dovecot_plain})
 */
public record EximAuthFailure(long lineNumber, long epochSecond, String account, String clientIp,
                              String authenticator) {
}
