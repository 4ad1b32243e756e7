package org.mailflow.bulk;

/**
 * The three inputs of a simulation: the current threshold C (from the policy), the new threshold N
 * (1-9) and the sender quality threshold Q (0-100).
 */
public record SimulationParams(int current, int newThreshold, int quality) {
    public static final int MIN_QUALITY = 0;
    public static final int MAX_QUALITY = 100;
    public static final int DEFAULT_QUALITY = 50;

    public SimulationParams {
        checkThreshold("current", current);
        checkThreshold("new", newThreshold);
        if (quality < MIN_QUALITY || quality > MAX_QUALITY) {
            throw new IllegalArgumentException("sender quality threshold must be 0-100: " + quality);
        }
    }

    private static void checkThreshold(String which, int t) {
        if (t < Policy.MIN_THRESHOLD || t > Policy.MAX_THRESHOLD) {
            throw new IllegalArgumentException(which + " bulk threshold must be 1-9: " + t);
        }
    }

    /** The starting point of the page: N = C, Q = 50. */
    public static SimulationParams initial(int current) {
        return new SimulationParams(current, current, DEFAULT_QUALITY);
    }

    public Relation relation() {
        return Relation.of(current, newThreshold);
    }
}
