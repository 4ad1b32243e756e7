package org.mailflow.ingest.mailbox;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.mailflow.bulk.Delivery;

/**
 * What the bulk import takes from one mailbox message, or why it takes nothing.
 *
 * @param status      whether the message counts
 * @param sender      the {@code From:} address, lower-cased; null unless {@link Status#BULK}
 * @param bcl         0-9; -1 unless {@link Status#BULK}
 * @param delivery    see {@link MailboxDelivery#delivery}; null unless {@link Status#BULK}
 * @param epochSecond the {@code Date:}, UTC; null when the message has no readable one
 * @param reason      why a {@link Status#MALFORMED} message was refused; null otherwise
 */
public record MailboxMessage(Status status, String sender, int bcl, Delivery delivery, Long epochSecond,
                             String reason) {
    /** The outcome of one message. */
    public enum Status {
        /** A message with a BCL: imported. */
        BULK,
        /** No BCL header: counted as skipped, never guessed (SPEC 5). */
        SKIPPED,
        /** A BCL header that cannot be read, or no sender: reported. */
        MALFORMED
    }

    /**
     * Reads one message found in {@code folderName}. A message without a BCL is {@link Status#SKIPPED};
     * one whose BCL is not 0-9 or that has no {@code From:} address is {@link Status#MALFORMED}. The
     * date is left to the caller to require or to replace (by the mbox {@code From } line or the file
     * time), since sources differ in what they can offer.
     */
    public static MailboxMessage of(String folderName, MessageHeaders headers) {
        if (!headers.hasBcl()) {
            return new MailboxMessage(Status.SKIPPED, null, -1, null, null, null);
        }
        OptionalInt bcl = headers.bcl();
        if (bcl.isEmpty()) {
            return malformed("BCL is not a number 0-9");
        }
        String sender = headers.fromAddress().orElse(null);
        if (sender == null) {
            return malformed("no From: address");
        }
        if (sender.length() > org.mailflow.smtpauth.SenderDomains.MAX_LENGTH) {
            return malformed("From: address longer than " + org.mailflow.smtpauth.SenderDomains.MAX_LENGTH + " characters");
        }
        OptionalLong date = headers.dateEpochSecond();
        return new MailboxMessage(Status.BULK, sender, bcl.getAsInt(), MailboxDelivery.delivery(folderName, headers),
                date.isPresent() ? date.getAsLong() : null, null);
    }

    private static MailboxMessage malformed(String reason) {
        return new MailboxMessage(Status.MALFORMED, null, -1, null, null, reason);
    }
}
