package org.mailflow.bulk;

import java.util.Arrays;

/**
 * The sender panel of SPEC 3.6 for one sender and window: the sixteen fields, the messages per BCL
 * and the quality breakdown. {@code Messages} counts every message in the window (BCL 0 included);
 * deliveries to {@code deleted} and {@code unknown} count only there.
 */
public record SenderDetails(BulkDataset dataset, int sender) {

    /** The panel's fields in display order; {@link #label()} is the exact English label of the CLI. */
    public enum Field {
        SENDER("Sender"),
        MESSAGES("Messages"),
        MESSAGES_IN_INBOX("Messages in Inbox"),
        MESSAGES_IN_QUARANTINE_OR_JUNK("Messages in quarantine or Junk Email"),
        ADMIN_SETTING("Admin setting"),
        USER_ALLOWED("User allowed messages"),
        USER_BLOCKED("User blocked messages"),
        FALSE_POSITIVE_SUBMISSIONS("False positive submissions"),
        FALSE_NEGATIVE_SUBMISSIONS("False negative submissions"),
        USER_MOVED_JUNK_TO_INBOX("User moved from Junk Email to Inbox"),
        USER_MOVED_INBOX_TO_JUNK("User moved from Inbox to Junk Email"),
        USER_DELETED("User deleted messages"),
        ADMIN_QUARANTINED("Admin quarantined messages"),
        ADMIN_MOVED_INBOX_TO_JUNK("Admin moved from Inbox to Junk Email"),
        ADMIN_DELETED("Admin deleted messages"),
        SENDER_QUALITY("Sender quality");

        private final String label;

        Field(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public String address() {
        return dataset.address(sender);
    }

    /** The field's count, for the numeric fields (all but Sender and Admin setting). */
    public long number(Field field) {
        if (field == Field.SENDER || field == Field.ADMIN_SETTING) {
            throw new IllegalArgumentException(field + " is not a number");
        }
        return Long.parseLong(value(field));
    }

    public static boolean isNumeric(Field field) {
        return field != Field.SENDER && field != Field.ADMIN_SETTING;
    }

    /** The field's value as shown and printed: a number, an address or Allow/Block/None. */
    public String value(Field field) {
        BulkDataset d = dataset;
        int s = sender;
        return switch (field) {
            case SENDER -> d.address(s);
            case MESSAGES -> Long.toString(d.messages(s));
            case MESSAGES_IN_INBOX -> Long.toString(d.delivered(s, Delivery.INBOX));
            case MESSAGES_IN_QUARANTINE_OR_JUNK ->
                    Long.toString(d.delivered(s, Delivery.QUARANTINE) + d.delivered(s, Delivery.JUNK));
            case ADMIN_SETTING -> d.admin(s).label();
            case USER_ALLOWED -> Long.toString(d.event(s, FeedbackEvent.USER_ALLOWED));
            case USER_BLOCKED -> Long.toString(d.event(s, FeedbackEvent.USER_BLOCKED));
            case FALSE_POSITIVE_SUBMISSIONS -> Long.toString(d.event(s, FeedbackEvent.FP_SUBMISSION));
            case FALSE_NEGATIVE_SUBMISSIONS -> Long.toString(d.event(s, FeedbackEvent.FN_SUBMISSION));
            case USER_MOVED_JUNK_TO_INBOX -> Long.toString(d.event(s, FeedbackEvent.USER_MOVED_JUNK_TO_INBOX));
            case USER_MOVED_INBOX_TO_JUNK -> Long.toString(d.event(s, FeedbackEvent.USER_MOVED_INBOX_TO_JUNK));
            case USER_DELETED -> Long.toString(d.event(s, FeedbackEvent.USER_DELETED));
            case ADMIN_QUARANTINED -> Long.toString(d.event(s, FeedbackEvent.ADMIN_QUARANTINED));
            case ADMIN_MOVED_INBOX_TO_JUNK -> Long.toString(d.event(s, FeedbackEvent.ADMIN_MOVED_INBOX_TO_JUNK));
            case ADMIN_DELETED -> Long.toString(d.event(s, FeedbackEvent.ADMIN_DELETED));
            case SENDER_QUALITY -> Integer.toString(d.quality(s));
        };
    }

    /** Messages per BCL, indexed 0-9. */
    public long[] messagesPerBcl() {
        long[] out = new long[10];
        Arrays.setAll(out, level -> dataset.bclCount(sender, level));
        return out;
    }

    public QualityScore.Breakdown breakdown() {
        return dataset.breakdown(sender);
    }
}
