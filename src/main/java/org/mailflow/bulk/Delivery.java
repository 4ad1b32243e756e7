package org.mailflow.bulk;

import java.util.Locale;
import java.util.Optional;

/** Where a bulk message ended up. The token is the canonical CSV spelling. */
public enum Delivery {
    INBOX("inbox"), JUNK("junk"), QUARANTINE("quarantine"), DELETED("deleted"), UNKNOWN("unknown");

    private final String token;

    Delivery(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /** Parses a canonical token, ignoring case and surrounding blanks. */
    public static Optional<Delivery> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Delivery d : values()) {
            if (d.token.equals(t)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
