package org.mailflow.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The canonical CSV formats of SPEC 5 that this version imports, told apart by their header.
 * {@link #token()} is the {@code --format} value.
 */
public enum ImportFormat {
    BULK("bulk", List.of("timestamp", "sender", "bcl", "delivery"), List.of("count", "recipient")),
    EVENTS("events", List.of("timestamp", "sender", "event"), List.of("count")),
    ALLOW_BLOCK("allow-block", List.of("sender", "action"), List.of()),
    POLICIES("policies", List.of("name", "bulk_threshold"), List.of());

    private final String token;
    private final List<String> required;
    private final List<String> optional;

    ImportFormat(String token, List<String> required, List<String> optional) {
        this.token = token;
        this.required = required;
        this.optional = optional;
    }

    public String token() {
        return token;
    }

    public List<String> required() {
        return required;
    }

    /**
     * True when rows add up (messages, events), so the same row imported twice counts twice; false
     * when a row replaces an earlier one (allow/block entries, policies), so re-importing is harmless.
     */
    public boolean additive() {
        return this == BULK || this == EVENTS;
    }

    /** The header as documented, optional columns in brackets: {@code timestamp,sender,bcl,delivery[,count][,recipient]}. */
    public String headerDescription() {
        StringBuilder sb = new StringBuilder(String.join(",", required));
        optional.forEach(o -> sb.append("[,").append(o).append(']'));
        return sb.toString();
    }

    public static Optional<ImportFormat> ofToken(String token) {
        String t = token.strip().toLowerCase(Locale.ROOT);
        for (ImportFormat f : values()) {
            if (f.token.equals(t)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The format whose required columns the header holds; checked from the most specific. */
    public static Optional<ImportFormat> detect(Set<String> header) {
        for (ImportFormat f : values()) {
            if (header.containsAll(f.required)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** A sentence listing every format's header, for "unknown header" messages. */
    public static String expectedHeaders() {
        StringBuilder sb = new StringBuilder();
        ImportFormat[] all = values();
        for (int i = 0; i < all.length; i++) {
            if (i > 0) {
                sb.append(i == all.length - 1 ? " or " : ", ");
            }
            sb.append(all[i].token).append(" (").append(all[i].headerDescription()).append(')');
        }
        return sb.toString();
    }
}
