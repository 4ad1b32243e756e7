package org.mailflow.ingest;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mailflow.model.UserText;

/**
 * The formats of SPEC 5 that this version imports. {@link #token()} is the {@code --format} value.
 * The CSV formats are told apart by their header; column names are matched without regard to case
 * or blanks ({@link #columnKey}), so Microsoft's {@code senderName} is {@code sendername} and the
 * portal's {@code Sender Address} is the cmdlet's {@code SenderAddress}. Logs and mailboxes
 * ({@link Kind#LOG}, {@link Kind#MAILBOX}) are recognised by their first lines ({@link SourceSniffer}).
 */
public enum ImportFormat {
    BULK("bulk", List.of("timestamp", "sender", "bcl", "delivery"), List.of("count", "recipient")),
    EVENTS("events", List.of("timestamp", "sender", "event"), List.of("count")),
    ALLOW_BLOCK("allow-block", List.of("sender", "action"), List.of()),
    POLICIES("policies", List.of("name", "bulk_threshold"), List.of()),
    /**
     * Canonical SMTP AUTH submissions: one row per submission, or per group of them with {@code count};
     * {@code recipients} is their recipients in all, where the source logs them.
     */
    SMTP_AUTH("smtp-auth", List.of("timestamp", "sender", "tls_version", "client_ip", "auth_method"),
            List.of("count", "domain", "tls_cipher", "server", "message_id", "recipients")),
    /**
     * Microsoft's downloadable SMTP AUTH clients report (SPEC 2.4), which is also what "Request report"
     * writes. Only the columns without which a row means nothing are required, so that a report
     * trimmed in a spreadsheet still imports; the rest default to unknown.
     */
    SMTP_CS_REPORT("smtpcsreport", List.of("date", "senderName", "tls_version", "message_count"),
            List.of("senderDomain", "authMethod", "original_client_ip", "tls_cipher", "message_id")),
    /** Canonical failed SMTP AUTH authentications: per account (empty when the source named none) and client IP. */
    AUTH_FAILURES("auth-failures", List.of("timestamp", "account", "client_ip"), List.of("count")),
    /**
     * A Defender Advanced hunting {@code EmailEvents} result exported to CSV: one row per message and
     * recipient (SPEC 5, "Microsoft 365 exports"). The required columns are the ones without which a
     * row is no bulk message; {@code NetworkMessageId} with {@code RecipientEmailAddress} is the
     * message's identity, which makes overlapping exports count each message once.
     */
    EMAIL_EVENTS("emailevents", List.of("Timestamp", "SenderFromAddress", "BulkComplaintLevel"),
            List.of("EmailDirection", "LatestDeliveryLocation", "DeliveryLocation", "RecipientEmailAddress", "NetworkMessageId"),
            List.of("networkmessageid", "recipientemailaddress"),
            List.of("networkmessageid", "internetmessageid", "senderfromaddress", "sendermailfromaddress", "emaildirection",
                    "deliverylocation", "latestdeliverylocation", "recipientemailaddress")),
    /**
     * {@code Get-MailDetailATPReport | Export-Csv}, with the cmdlet's property names ({@code SenderAddress})
     * or the display names the portal and scripts write ({@code Sender Address}), which are the same
     * columns once blanks are ignored. {@code Message ID} with the recipient is the message's identity.
     */
    MAIL_DETAIL_ATP("maildetailatp", List.of("Date", "SenderAddress", "BulkComplaintLevel"),
            List.of("RecipientAddress", "Direction", "MessageId", "EventType", "Action"),
            List.of("messageid", "recipientaddress"),
            List.of("senderaddress", "recipientaddress", "messagetraceid", "eventtype", "verdictsource")),
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
    private final List<String> identity;
    private final List<String> signature;

    ImportFormat(String token, Kind kind) {
        this.token = token;
        this.kind = kind;
        this.displayRequired = List.of();
        this.displayOptional = List.of();
        this.required = List.of();
        this.identity = List.of();
        this.signature = List.of();
    }

    ImportFormat(String token, List<String> required, List<String> optional) {
        this(token, required, optional, List.of(), List.of());
    }

    ImportFormat(String token, List<String> required, List<String> optional, List<String> identity, List<String> signature) {
        this.token = token;
        this.kind = Kind.CSV;
        this.displayRequired = required;
        this.displayOptional = optional;
        this.required = required.stream().map(ImportFormat::columnKey).toList();
        this.identity = identity;
        this.signature = signature;
    }

    /**
     * A header name as it is matched: lower-cased and without blanks (or a stray byte order mark), so
     * that {@code Bulk complaint level}, {@code BulkComplaintLevel} and {@code bulkcomplaintlevel} are one column.
     */
    public static String columnKey(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.toLowerCase(Locale.ROOT).codePoints()
                .filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && cp != '\uFEFF')
                .forEach(sb::appendCodePoint);
        return sb.toString();
    }

    public String token() {
        return token;
    }

    public Kind kind() {
        return kind;
    }

    /** The required columns, as {@link #columnKey} gives them. */
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
     * True for the Microsoft 365 exports whose rows are single messages with an identity: a message
     * seen by an earlier import, or earlier in the same file, is not counted again, so files that
     * overlap in time are read rather than refused (SPEC 5).
     */
    public boolean messageExport() {
        return !identity.isEmpty();
    }

    /** The columns ({@link #columnKey} form) that together identify one message and recipient; empty for other formats. */
    public List<String> identityColumns() {
        return identity;
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
        return tokensText().toString();
    }

    /** {@link #tokens()} to translate where it is shown (the "or" is the reader's). */
    public static UserText tokensText() {
        List<String> all = Arrays.stream(values()).map(ImportFormat::token).toList();
        return UserText.of("input.list.or", String.join(", ", all.subList(0, all.size() - 1)), all.get(all.size() - 1));
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

    /**
     * The Microsoft export that a header which matched no format clearly comes from, by a column only
     * that export has ({@code NetworkMessageId}, {@code MessageTraceId}…), so that a message can name
     * the required column it lacks instead of calling the header unknown.
     */
    public static Optional<ImportFormat> resembles(Set<String> header) {
        ImportFormat best = null;
        long bestCount = 0;
        for (ImportFormat f : values()) {
            long n = f.signature.stream().filter(header::contains).count();
            if (n > bestCount) {
                best = f;
                bestCount = n;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The required columns, as documented, that {@code header} ({@link #columnKey} form) lacks. */
    public List<String> missingFrom(Set<String> header) {
        return displayRequired.stream().filter(column -> !header.contains(columnKey(column))).toList();
    }

    /**
     * Every CSV format's header, for "unknown header" messages: {@code bulk (timestamp,…), … or
     * smtpcsreport (…)}, the last joined in the reader's language ({@code input.list.or}).
     */
    public static UserText expectedHeadersText() {
        List<String> all = Arrays.stream(values()).filter(f -> f.kind == Kind.CSV)
                .map(f -> f.token + " (" + f.headerDescription() + ")").toList();
        return UserText.of("input.list.or", String.join(", ", all.subList(0, all.size() - 1)), all.get(all.size() - 1));
    }

    /** {@link #expectedHeadersText()} in the environment's language. */
    public static String expectedHeaders() {
        return expectedHeadersText().toString();
    }

    /**
     * {@link #headerDescription()} to show: for a log or a mailbox what it is, in the reader's language;
     * for a CSV its header (column names are not translated).
     */
    public UserText describedHeader() {
        return switch (this) {
            case POSTFIX, EXIM, MBOX, MESSAGE -> UserText.of("input.format." + token);
            default -> UserText.of("input.bad.plain", headerDescription());
        };
    }
}
