package org.mailflow.ingest.mailbox;

import java.util.function.LongSupplier;

/**
 * The time a bulk message counts at (SPEC 5, "Mailboxes": its day is the UTC day of this time), and
 * whether its {@code Date:} was set aside. Spam forges {@code Date:} (a date years ahead keeps a
 * message at the top of a mailbox sorted by date; 1970 is what a broken client writes), while the
 * {@code Received:} stamps at the top of a message are written by the receiving servers, so:
 * <ol>
 * <li>the {@code Date:}, unless it is implausible: unreadable, before 1990, after the year 2999, or
 *     more than {@value #SLACK_DAYS} days after the message's newest {@code Received:} stamp or,
 *     when it has none, after the file's modification time (a message cannot have been written days
 *     after it arrived, or after the file holding it was last written);</li>
 * <li>else the newest {@code Received:} stamp (only stamps from 1990 to 2999 are read as stamps);</li>
 * <li>else the date of the mbox {@code From } separator line;</li>
 * <li>else the file's modification time.</li>
 * </ol>
 * A message without a {@code Date:} takes the same fallbacks; it does not count as set aside.
 *
 * @param epochSecond  the time, UTC
 * @param dateSetAside true when the message had a {@code Date:} that was implausible or unreadable
 */
public record MessageDay(long epochSecond, boolean dateSetAside) {
    /** Days a {@code Date:} may run ahead of the newest {@code Received:} stamp (clock skew, queues). */
    public static final int SLACK_DAYS = 2;
    /** 1990-01-01T00:00:00Z: no real message is older; a client that lost its clock writes 1970 or 1980. */
    static final long EARLIEST = 631_152_000L;
    /** 3000-01-01T00:00:00Z. */
    static final long LATEST_EXCLUSIVE = 32_503_680_000L;
    private static final long SLACK = SLACK_DAYS * 86_400L;

    /** What {@code separatorTime} returns when the message has no dated separator line. */
    public static final long NONE = Long.MIN_VALUE;

    /**
     * The time of the message whose headers are {@code headers}, found in a file last modified at
     * {@code fileTime} (epoch second); {@code separatorTime} gives the date of its mbox separator line
     * or {@link #NONE}, and is asked only when needed.
     */
    public static MessageDay of(MessageHeaders headers, long fileTime, LongSupplier separatorTime) {
        long received = headers.newestReceivedEpochSecond();
        boolean hasDate = headers.first("Date").isPresent();
        if (hasDate) {
            long date = headers.dateEpochSecond().orElse(Rfc5322Date.UNREADABLE);
            long bound = (received != Rfc5322Date.UNREADABLE ? received : fileTime) + SLACK;
            if (plausible(date) && date <= bound) {
                return new MessageDay(date, false);
            }
        }
        if (received != Rfc5322Date.UNREADABLE) {
            return new MessageDay(received, hasDate);
        }
        long separator = separatorTime.getAsLong();
        return new MessageDay(separator != NONE ? separator : fileTime, hasDate);
    }

    /** A time from 1990 to the end of 2999. */
    static boolean plausible(long epochSecond) {
        return epochSecond != Rfc5322Date.UNREADABLE && epochSecond >= EARLIEST && epochSecond < LATEST_EXCLUSIVE;
    }
}
