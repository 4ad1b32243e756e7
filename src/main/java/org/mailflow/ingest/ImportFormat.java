package org.mailflow.ingest;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The formats of SPEC 5 that this version imports. {@link #token()} is the {@code --format} value.
 * The CSV formats are told apart by their header; column names are matched without regard to case
 * (the header is lower-cased on reading), so Microsoft's {@code senderName} is {@code sendername}.
 * Logs and mailboxes ({@link Kind#LOG}, {@link Kind#MAILBOX}) are recognised by their first lines
 * ({@link SourceSniffer}).
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
            List.of("senderDomain", "authMethod", "original_client_ip", "tls_cipher", "message_id")),
    /** Canonical failed SMTP AUTH authentications: per account (empty when the source named none) and client IP. */
    AUTH_FAILURES("auth-failures", List.of("timestamp", "account", "client_ip"), List.of("count")),
    /** A Postfix maillog: SMTP AUTH submissions and failed authentications. */
    POSTFIX("postfix", Kind.LOG),
    /** An Exim main log: SMTP AUTH submissions and failed authentications. */
    EXIM("exim", Kind.LOG),
    /** An mbox file of messages with Exchange Online Protection headers: bulk messages. */
    MBOX("mbox", Kind.MAILBOX),
    /** One message file ({@code .eml}, or a file of a Maildir folder): a bulk message. */
    MESSAGE("eml", Kind.MAILBOX);

    /** What a format holds, which decides how it is read. */
    public enum Kind {
        /** A CSV with a header row. */
        CSV,
        /** A mail server's log, read line by line. */
        LOG,
        /** Messages, of which only the headers are read. */
        MAILBOX
    }

    /**
     * Detection tries the formats with the most required columns first, so that a header holding the
     * columns of two formats goes to the more specific one (bulk before events, which it may contain).
     */
    private static final List<ImportFormat> DETECTION_ORDER = Arrays.stream(values()).filter(f -> f.kind == Kind.CSV)
            .sorted(Comparator.comparingInt((ImportFormat f) -> -f.required.size())).toList();

    private final String token;
    private final List<String> displayRequired;
    private final List<String> displayOptional;
    private final List<String> required;
    private final Kind kind;

    ImportFormat(String token, Kind kind) {
        this.token = token;
        this.kind = kind;
        this.displayRequired = List.of();
        this.displayOptional = List.of();
        this.required = List.of();
    }

    ImportFormat(String token, List<String> required, List<String> optional) {
        this.token = token;
        this.kind = Kind.CSV;
        this.displayRequired = required;
        this.displayOptional = optional;
        this.required = required.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    }

    public String token() {
        return token;
    }

    public Kind kind() {
        return kind;
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

    /** True for the SMTP AUTH formats (SPEC 2): submissions, and failed authentications. */
    public boolean smtpAuth() {
        return this == SMTP_AUTH || this == SMTP_CS_REPORT || this == AUTH_FAILURES || kind == Kind.LOG;
    }

    /**
     * The header as documented, optional columns in brackets: {@code timestamp,sender,bcl,delivery[,count][,recipient]};
     * for logs and mailboxes, what they are ({@code Postfix maillog}).
     */
    public String headerDescription() {
        switch (this) {
            case POSTFIX:
                return "Postfix maillog, plain or .gz";
            case EXIM:
                return "Exim main log, plain or .gz";
            case MBOX:
                return "mbox file with Exchange Online Protection headers";
            case MESSAGE:
                return "message file (.eml or Maildir) with Exchange Online Protection headers";
            default:
                break;
        }
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

    /** A sentence listing every CSV format's header, for "unknown header" messages. */
    public static String expectedHeaders() {
        StringBuilder sb = new StringBuilder();
        ImportFormat[] all = Arrays.stream(values()).filter(f -> f.kind == Kind.CSV).toArray(ImportFormat[]::new);
        for (int i = 0; i < all.length; i++) {
            if (i > 0) {
                sb.append(i == all.length - 1 ? " or " : ", ");
            }
            sb.append(all[i].token).append(" (").append(all[i].headerDescription()).append(')');
        }
        return sb.toString();
    }
}
