package org.mailflow.ingest.mailbox;

import java.util.OptionalInt;
import java.util.function.LongSupplier;
import org.mailflow.model.UserText;
import org.mailflow.bulk.Delivery;
import org.mailflow.bulk.FeedbackEvent;

/**
 * What the bulk import takes from one mailbox message, or why it takes nothing.
 *
 * @param status       whether the message counts
 * @param sender       the {@code From:} address ({@link FromAddress}), lower-cased; null unless {@link Status#BULK}
 * @param bcl          0-9; -1 unless {@link Status#BULK}
 * @param delivery     see {@link MailboxDelivery#delivery}; null unless {@link Status#BULK}
 * @param epochSecond  the time the message counts at ({@link MessageDay}), UTC; 0 unless {@link Status#BULK}
 * @param dateSetAside true when its {@code Date:} was implausible or unreadable and the time came from elsewhere
 * @param feedback     the feedback its headers carry ({@link #feedbackOf}); null when none or not {@link Status#BULK}
 * @param reasonText   why a {@link Status#MALFORMED} message was refused; null otherwise
 */
public record MailboxMessage(Status status, String sender, int bcl, Delivery delivery, long epochSecond, boolean dateSetAside,
                             FeedbackEvent feedback, UserText reasonText) {
    /** Why a {@link Status#MALFORMED} message was refused, in the environment's language; null otherwise. */
    public String reason() {
        return reasonText == null ? null : reasonText.toString();
    }

    /** The outcome of one message. */
    public enum Status {
        /** A message with a BCL: imported. */
        BULK,
        /** No BCL header: counted as skipped, never guessed (SPEC 5). */
        SKIPPED,
        /** A BCL header that cannot be read, no sender, or a header section too long to be one: reported. */
        MALFORMED
    }

    /**
     * Reads one message found in {@code folderName}, in a file last modified at {@code fileTime}
     * (epoch second); {@code separatorTime} gives the date of its mbox separator line, or
     * {@link MessageDay#NONE}, and is asked only when the headers give no time. A message whose
     * header section was cut ({@link MessageHeaders#cutAtLine}) is {@link Status#MALFORMED}; one
     * without a BCL is {@link Status#SKIPPED}; one whose BCL is not 0-9 or that has no sender
     * ({@link FromAddress}) is {@link Status#MALFORMED}.
     */
    public static MailboxMessage of(String folderName, MessageHeaders headers, long fileTime, LongSupplier separatorTime) {
        if (headers.cutAtLine() > 0) {
            return cut(headers.cutAtLine());
        }
        if (!headers.hasBcl()) {
            return new MailboxMessage(Status.SKIPPED, null, -1, null, 0, false, null, null);
        }
        OptionalInt bcl = headers.bcl();
        if (bcl.isEmpty()) {
            return malformed(UserText.of("mailbox.bcl"));
        }
        FromAddress.Result from = headers.from();
        if (!from.ok()) {
            return malformed(from.problemText());
        }
        MessageDay day = MessageDay.of(headers, fileTime, separatorTime);
        return new MailboxMessage(Status.BULK, from.address(), bcl.getAsInt(), MailboxDelivery.delivery(folderName, headers),
                day.epochSecond(), day.dateSetAside(), feedbackOf(headers), null);
    }

    /**
     * The user feedback a message's headers carry (SPEC 5): {@code SFV:SFE} — the sender is on the
     * recipient's safe senders list — is a {@link FeedbackEvent#USER_ALLOWED}, {@code SFV:BLK} — on
     * the blocked senders list — a {@link FeedbackEvent#USER_BLOCKED}; null for any other verdict.
     */
    public static FeedbackEvent feedbackOf(MessageHeaders headers) {
        String sfv = headers.sfv().orElse("");
        return sfv.equals("SFE") ? FeedbackEvent.USER_ALLOWED : sfv.equals("BLK") ? FeedbackEvent.USER_BLOCKED : null;
    }

    /** A message whose header section passed {@link MessageHeaders#MAX_HEADER_BYTES} at line {@code line} of its file. */
    public static MailboxMessage cut(long line) {
        return malformed(UserText.of("mailbox.headersTooLong", MessageHeaders.MAX_HEADER_BYTES, line));
    }

    private static MailboxMessage malformed(UserText reason) {
        return new MailboxMessage(Status.MALFORMED, null, -1, null, 0, false, null, reason);
    }
}
