package org.mailflow.bulk;

import java.util.Optional;

/**
 * The conditional True/False columns of the sender table (SPEC 3.5). {@link #column()} is the
 * exact column name of the UI and of every export; {@link #token()} is the command line's
 * {@code --filter} value.
 */
public enum SenderFlag {
    POTENTIAL_FALSE_POSITIVE("Potential false positive", "potential-fp"),
    POTENTIAL_FALSE_NEGATIVE("Potential false negative", "potential-fn"),
    NEWLY_BLOCKED("Newly blocked sender", "newly-blocked"),
    NEWLY_ALLOWED("Newly allowed sender", "newly-allowed");

    private final String column;
    private final String token;

    SenderFlag(String column, String token) {
        this.column = column;
        this.token = token;
    }

    public String column() {
        return column;
    }

    public String token() {
        return token;
    }

    /** Bit of this flag in {@link SimulationResult#flags(int)}. */
    public int bit() {
        return 1 << ordinal();
    }

    public static Optional<SenderFlag> ofToken(String token) {
        for (SenderFlag f : values()) {
            if (f.token.equals(token)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
