package org.mailflow.bulk;

import java.util.List;
import java.util.Locale;
import org.mailflow.model.UserText;

/**
 * An anti-spam policy's bulk threshold: messages with BCL &ge; threshold are identified as bulk
 * ("blocked"). The three built-in policies are read-only and always present.
 */
public record Policy(String name, int threshold, boolean builtIn) {
    public static final int MIN_THRESHOLD = 1;
    public static final int MAX_THRESHOLD = 9;
    /** Longest policy name accepted (Exchange Online allows 64 characters). */
    public static final int MAX_NAME_LENGTH = 64;

    public static final Policy DEFAULT = new Policy("Default", 7, true);
    public static final Policy STANDARD = new Policy("Standard preset", 6, true);
    public static final Policy STRICT = new Policy("Strict preset", 5, true);
    public static final List<Policy> BUILT_IN = List.of(DEFAULT, STANDARD, STRICT);

    public Policy {
        if (threshold < MIN_THRESHOLD || threshold > MAX_THRESHOLD) {
            throw new IllegalArgumentException("bulk threshold must be 1-9: " + threshold);
        }
    }

    public static Policy custom(String name, int threshold) {
        return new Policy(name, threshold, false);
    }

    /** True when {@code name} is taken by a built-in policy (names compare without case). */
    public static boolean isBuiltInName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return BUILT_IN.stream().anyMatch(p -> p.name.toLowerCase(Locale.ROOT).equals(n));
    }

    /**
     * Why {@code name} cannot name a custom policy, or null when it can. Uniqueness against existing
     * custom policies is the store's business.
     */
    public static String nameProblem(String name) {
        UserText problem = nameProblemText(name);
        return problem == null ? null : problem.toString();
    }

    /** {@link #nameProblem} as a message to translate where it is shown; null when the name can be used. */
    public static UserText nameProblemText(String name) {
        if (name == null || name.isBlank()) {
            return UserText.of("policy.name.empty");
        }
        if (name.strip().length() > MAX_NAME_LENGTH) {
            return UserText.of("policy.name.long", MAX_NAME_LENGTH);
        }
        if (isBuiltInName(name)) {
            return UserText.of("policy.name.builtIn", name.strip());
        }
        if (name.chars().anyMatch(ch -> ch < 0x20 || ch == '"')) {
            return UserText.of("policy.name.characters");
        }
        return null;
    }

    /**
     * The Exchange Online PowerShell line that applies this policy's threshold. A backtick or a
     * dollar sign in the name is escaped with a backtick, so PowerShell does not expand it inside the
     * double quotes.
     */
    public String powerShell() {
        String escaped = name.replace("`", "``").replace("$", "`$");
        return "Set-HostedContentFilterPolicy -Identity \"" + escaped + "\" -BulkThreshold " + threshold;
    }
}
