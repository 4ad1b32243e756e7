package org.mailflow.bulk;

import java.util.Locale;
import java.util.Optional;

/**
 * User and admin feedback about a sender's messages (the {@code events} CSV). {@link #code()} is
 * the value stored in the cache and never changes; {@link #weight()} is the event's part in the
 * sender quality score (SPEC 3.4): +1 for pos, -1 for neg, and a quarter for user deletions.
 */
public enum FeedbackEvent {
    USER_ALLOWED(0, "user_allowed", Weight.POSITIVE),
    USER_BLOCKED(1, "user_blocked", Weight.NEGATIVE),
    FP_SUBMISSION(2, "fp_submission", Weight.POSITIVE),
    FN_SUBMISSION(3, "fn_submission", Weight.NEGATIVE),
    USER_MOVED_JUNK_TO_INBOX(4, "user_moved_junk_to_inbox", Weight.POSITIVE),
    USER_MOVED_INBOX_TO_JUNK(5, "user_moved_inbox_to_junk", Weight.NEGATIVE),
    USER_DELETED(6, "user_deleted", Weight.NEGATIVE_QUARTER),
    ADMIN_QUARANTINED(7, "admin_quarantined", Weight.NEGATIVE),
    ADMIN_MOVED_INBOX_TO_JUNK(8, "admin_moved_inbox_to_junk", Weight.NEGATIVE),
    ADMIN_DELETED(9, "admin_deleted", Weight.NEGATIVE);

    /** How an event counts in the quality score. */
    public enum Weight { POSITIVE, NEGATIVE, NEGATIVE_QUARTER }

    private static final FeedbackEvent[] BY_CODE = new FeedbackEvent[values().length];

    static {
        for (FeedbackEvent e : values()) {
            BY_CODE[e.code] = e;
        }
    }

    private final int code;
    private final String token;
    private final Weight weight;

    FeedbackEvent(int code, String token, Weight weight) {
        this.code = code;
        this.token = token;
        this.weight = weight;
    }

    public int code() {
        return code;
    }

    public String token() {
        return token;
    }

    public Weight weight() {
        return weight;
    }

    public static FeedbackEvent ofCode(int code) {
        return BY_CODE[code];
    }

    /** Parses a canonical token, ignoring case and surrounding blanks. */
    public static Optional<FeedbackEvent> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (FeedbackEvent e : values()) {
            if (e.token.equals(t)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
