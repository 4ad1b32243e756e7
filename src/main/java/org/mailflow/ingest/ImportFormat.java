package org.mailflow.ingest;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The CSV formats of SPEC 5 that this version imports, told apart by their header.
 * {@link #token()} is the {@code --format} value. Column names are matched without regard to case
 * (the header is lower-cased on reading), so Microsoft's {@code senderName} is {@code sendername}.
 */
public enum ImportFormat {
    BULK("bulk", List.of("timestamp", "sender", "bcl", "delivery"), List.of("count", "recipient")),
    EVENTS("events", List.of("timestamp", "sender", "event"), List.of("count")),
    ALLOW_BLOCK("allow-block", List.of("sender", "action"), List.of()),
    POLICIES("policies", List.of("name", "bulk_threshold"), List.of()),
    /** Canonical SMTP AUTH submissions: one row per submission, or per group of them with {@code count}. */
    SMTP_AUTH("smtp-auth", List.of("timestamp", "sender", "tls_version", "client_ip", "auth_method"),
            List.of("count", "domain", "tls_cipher", "server", "message_id")),
    /**
     * Microsoft's downloadable SMTP AUTH clients report (SPEC 2.4), which is also what "Request report"
     * writes. Only the columns without which a row means nothing are required, so that a report
     * trimmed in a spreadsheet still imports; the rest default to unknown.
     */
    SMTP_CS_REPORT("smtpcsreport", List.of("date", "senderName", "tls_version", "message_count"),
            List.of("senderDomain", "authMethod", "original_client_ip", "tls_cipher", "message_id"));

    /**
     * Detection tries the formats with the most required columns first, so that a header holding the
     * columns of two formats goes to the more specific one (bulk before events, which it may contain).
     */
    private static final List<ImportFormat> DETECTION_ORDER = Arrays.stream(values())
            .sorted(Comparator.comparingInt((ImportFormat f) -> -f.required.size())).toList();

    private final String token;
    private final List<String> displayRequired;
    private final List<String> displayOptional;
    private final List<String> required;

    ImportFormat(String token, List<String> required, List<String> optional) {
        this.token = token;
        this.displayRequired = required;
        this.displayOptional = optional;
        this.required = required.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    }

    public String token() {
        return token;
    }

    /** The required columns, lower-cased as the header is when it is read. */
    public List<String> required() {
        return required;
    }

    /** The required columns as the format documents them ({@code senderName}), for messages. */
    public List<String> requiredAsDocumented() {
        return displayRequired;
    }

    /**
     * True when rows add up (messages, events, submissions), so the same row imported twice counts
     * twice; false when a row replaces an earlier one (allow/block entries, policies), so re-importing
     * is harmless.
     */
    public boolean additive() {
        return this != ALLOW_BLOCK && this != POLICIES;
    }

    /** True for the formats whose rows are SMTP AUTH submissions (SPEC 2). */
    public boolean smtpAuth() {
        return this == SMTP_AUTH || this == SMTP_CS_REPORT;
    }

    /** The header as documented, optional columns in brackets: {@code timestamp,sender,bcl,delivery[,count][,recipient]}. */
    public String headerDescription() {
        StringBuilder sb = new StringBuilder(String.join(",", displayRequired));
        displayOptional.forEach(o -> sb.append("[,").append(o).append(']'));
        return sb.toString();
    }

    /** The format of a {@code --format} value, whatever its case ({@code SmtpCSReport} is {@code smtpcsreport}). */
    public static Optional<ImportFormat> ofToken(String token) {
        String t = token.strip().toLowerCase(Locale.ROOT);
        for (ImportFormat f : values()) {
            if (f.token.equals(t)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Every token, for usage messages: {@code bulk, events, …, smtp-auth or smtpcsreport}. */
    public static String tokens() {
        List<String> all = Arrays.stream(values()).map(ImportFormat::token).toList();
        return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    }

    /** The format whose required columns the (lower-cased) header holds; checked from the most specific. */
    public static Optional<ImportFormat> detect(Set<String> header) {
        for (ImportFormat f : DETECTION_ORDER) {
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
