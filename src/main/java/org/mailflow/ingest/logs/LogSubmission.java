package org.mailflow.ingest.logs;

import org.mailflow.smtpauth.TlsVersion;

/**
 * One SMTP AUTH submission found in a mail log (SPEC 2): one message accepted from a client that
 * authenticated. Postfix and Exim give the same record to the same {@link LogSink}.
 *
 * @param lineNumber       the line of the {@code client=} (Postfix) or {@code <=} (Exim) line, for messages and ordering
 * @param epochSecond      UTC time of that line
 * @param sender           the SASL user name (Postfix) or authenticated id (Exim), trimmed and lower-cased
 * @param domain           lower-case domain by the SPEC 2 rule (the sender's, else the envelope
 *                         sender's); empty when neither gives one
 * @param clientIp         the client address (names and ports dropped, only the address is kept); empty when unknown
 * @param authMethod       the SASL mechanism, upper-cased ({@code PLAIN}, {@code LOGIN}, …)
 * @param tls              the TLS version of the connection (SPEC 5); {@link TlsVersion#UNKNOWN} while
 *                         {@code undecidedService} is set
 * @param tlsCipher        the cipher, or null when none is known
 * @param server           the host that logged the line, or null when the log does not say (Exim's own file)
 * @param messageId        the message-id without angle brackets, or null when not seen
 * @param envelopeSender   the envelope sender without angle brackets ({@code ""} for the null sender),
 *                         or null when not seen
 * @param recipients       the message's recipients where the source logs them (Postfix: the {@code nrcpt=}
 *                         of the first qmgr {@code from=} line of its queue id; Exim: the addresses of
 *                         the {@code for} list that {@code +received_recipients} appends), else 0
 * @param undecidedService for a Postfix submission whose connection did not decide its TLS, the smtpd
 *                         service (host and {@code syslog_name}) whose handshake logging decides it at
 *                         the end of the import ({@link HandshakeServices#decide}); null when decided
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
        String envelopeSender,
        int recipients,
        String undecidedService) {
}
