package org.mailflow.ingest.logs;

import org.mailflow.smtpauth.TlsVersion;

/**
 * One message an Exim server accepted from a client that authenticated with SMTP AUTH (SPEC 2, 5):
 * a {@code <=} line of the main log that carries {@code A=}.
 *
 * @param lineNumber  the line of the log it came from, for reports
 * @param epochSecond the time of the line, UTC (a line without an offset is taken as UTC)
 * @param sender      the authenticated id of {@code A=}, else the envelope sender; trimmed, lower-cased
 * @param domain      the sender's domain, or the envelope sender's for a bare user name; may be empty
 * @param clientIp    the client address of {@code H=} (IPv4 or IPv6, no brackets or port); empty when
 *                    the line has no {@code H=} (a local submission)
 * @param authMethod  the SASL mechanism (see {@link EximParser#authMethodOf(String)})
 * @param tls         the TLS version of {@code X=}, {@link TlsVersion#NONE} without one
 * @param tlsCipher   the cipher of {@code X=}, empty without one
 * @param messageId   the {@code id=} message-id in angle brackets, or null when the line has none
 * @param queueId     Exim's own message id ({@code 1tABCD-000123-AB}), to tie later lines to this one
 */
public record EximSubmission(long lineNumber, long epochSecond, String sender, String domain, String clientIp,
                             String authMethod, TlsVersion tls, String tlsCipher, String messageId, String queueId) {
}
