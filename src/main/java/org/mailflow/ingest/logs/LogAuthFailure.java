package org.mailflow.ingest.logs;

/**
 * One failed SMTP AUTH attempt (SPEC 2.5): never a submission.
 *
 * @param lineNumber  the line it came from
 * @param epochSecond UTC time of the line
 * @param account     the attempted user name, trimmed and lower-cased; {@code ""} when the log does
 *                    not say it (older Postfix), so failures are still counted in the totals
 * @param clientIp    the client address
 * @param authMethod  the SASL mechanism, upper-cased
 * @param server      the syslog host that logged the line
 */
public record LogAuthFailure(
        long lineNumber,
        long epochSecond,
        String account,
        String clientIp,
        String authMethod,
        String server) {

    /** True when the log named the account. */
    public boolean hasAccount() {
        return !account.isEmpty();
    }
}
