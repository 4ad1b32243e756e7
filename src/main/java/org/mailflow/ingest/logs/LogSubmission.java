package org.mailflow.ingest.logs;

import org.mailflow.smtpauth.TlsVersion;

/**
 * One SMTP AUTH submission found in a mail log (SPEC 2): one message accepted from a client that
 * authenticated.
 *
 * @param lineNumber     the line of the {@code client=} line, for messages and ordering
 * @param epochSecond    UTC time of the {@code client=} line
 * @param sender         the SASL user name, trimmed and lower-cased
 * @param domain         lower-case domain by the SPEC 2 rule (the sender's, else the envelope
 *                       sender's); empty when neither gives one
 * @param clientIp       the client address ({@code unknown[…]} names are dropped, only the address is kept)
 * @param authMethod     the SASL mechanism, upper-cased ({@code PLAIN}, {@code LOGIN}, …)
 * @param tls            the TLS version of the connection; {@link TlsVersion#NONE} when it had no TLS
 * @param tlsCipher      the cipher, or null when none
 * @param server         the syslog host that logged the line
 * @param messageId      the message-id without angle brackets, or null when not seen
 * @param envelopeSender the qmgr {@code from=} address without angle brackets ({@code ""} for the
 *                       null sender), or null when not seen
 */
public record LogSubmission(
        long lineNumber,
        long epochSecond,
        String sender,
        String domain,
        String clientIp,
        String authMethod,
        TlsVersion tls,
        String tlsCipher,
        String server,
        String messageId,
        String envelopeSender) {
}
