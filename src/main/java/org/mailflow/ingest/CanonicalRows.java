package org.mailflow.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import org.mailflow.bulk.AdminSetting;
import org.mailflow.bulk.Delivery;
import org.mailflow.bulk.FeedbackEvent;
import org.mailflow.bulk.Policy;
import org.mailflow.cache.AllowBlockStore;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.PolicyStore;
import org.mailflow.cache.SmtpStore;
import org.mailflow.model.UserText;
import org.mailflow.smtpauth.SenderDomains;
import org.mailflow.smtpauth.TlsVersion;

/**
 * Turns the rows of a canonical CSV into cache writes, checking every value (SPEC 5). A row that
 * breaks its format throws {@link BadRowException} with what was expected; nothing of it is written,
 * because every value is checked before the first write (a sender id, too, is a write).
 */
final class CanonicalRows {
    private CanonicalRows() {
    }

    /** One data row: values by lower-case column name, already known to have the header's width. */
    record Row(Map<String, Integer> columns, String[] values) {
        /** The stripped value, or null when the file has no such column. */
        String get(String column) {
            Integer i = columns.get(column);
            return i == null ? null : values[i].strip();
        }
    }

    /** Receives the rows of one file inside the import's transaction. */
    interface Sink {
        void accept(Row row) throws BadRowException, SQLException;

        /** Writes what is still buffered; called once, after the last row. */
        default void finish() throws SQLException {
        }

        /** Rows accepted without being counted because they are not relevant (outbound mail, no BCL). */
        default long passedOver() {
            return 0;
        }

        /** Rows accepted without being counted because an earlier import, or an earlier row, counted the message. */
        default long alreadyCounted() {
            return 0;
        }
    }

    static Sink sink(ImportFormat format, Connection c, BulkStore.Writer bulk, SmtpStore.Writer smtp) {
        return switch (format) {
            case BULK -> row -> {
                String sender = sender(row);
                long day = day(row);
                int bcl = bcl(row);
                int delivery = delivery(row);
                long count = count(row);
                bulk.addMessages(bulk.senderId(sender), day, bcl, delivery, count);
            };
            case EVENTS -> row -> {
                String sender = sender(row);
                long day = day(row);
                FeedbackEvent event = event(row);
                long count = count(row);
                bulk.addEvent(bulk.senderId(sender), day, event, count);
            };
            case ALLOW_BLOCK -> row -> AllowBlockStore.put(c, sender(row), action(row));
            case POLICIES -> row -> {
                String name = row.get("name");
                UserText problem = Policy.nameProblemText(name);
                if (problem != null) {
                    throw new BadRowException(problem);
                }
                PolicyStore.upsert(c, name, threshold(row));
            };
            case SMTP_AUTH -> row -> {
                String sender = smtpSender(row, "sender");
                Timestamps.Moment when = moment(row, "timestamp", Timestamps.EXPECTED);
                TlsVersion tls = tls(row);
                long count = count(row);
                long recipients = recipients(row);
                smtp.addSubmission(when.epochDay(), when.epochSecond(), sender, SenderDomains.domainOf(sender, text(row, "domain")),
                        text(row, "auth_method"), text(row, "client_ip"), tls, text(row, "tls_cipher"), text(row, "server"),
                        text(row, "message_id"), count, recipients);
            };
            case SMTP_CS_REPORT -> row -> {
                String sender = smtpSender(row, "sendername");
                // The report gives dates only; a time of day, if a tool wrote one, is not kept either,
                // so that every row of the format means the same.
                long day = moment(row, "date", DATE_EXPECTED).epochDay();
                TlsVersion tls = tls(row);
                long count = wholeNumber(row, "message_count");
                // the report has no recipients: 0, "not logged"
                smtp.addSubmission(day, null, sender, SenderDomains.domainOf(sender, text(row, "senderdomain")),
                        text(row, "authmethod"), text(row, "original_client_ip"), tls, text(row, "tls_cipher"), null,
                        text(row, "message_id"), count, 0);
            };
            case AUTH_FAILURES -> row -> {
                String account = row.get("account").isEmpty() ? "" : smtpSender(row, "account"); // empty: the source named none
                long day = day(row);
                String ip = clientIp(row);
                long count = count(row);
                smtp.addFailures(day, account, ip, count);
            };
            case EMAIL_EVENTS, MAIL_DETAIL_ATP -> throw new IllegalArgumentException(format + " is read by MicrosoftExports");
            case POSTFIX, EXIM, MBOX, MESSAGE -> throw new IllegalArgumentException(format + " is not a CSV format");
        };
    }

    static final UserText DATE_EXPECTED = UserText.of("row.expected.date");

    /** What an address column holds, for messages; constants, so that a good row allocates no message. */
    private static final UserText EXPECTED_ADDRESS = UserText.of("row.expected.address");
    private static final UserText EXPECTED_USER = UserText.of("row.expected.user");

    /**
     * The SMTP AUTH sender of a row, trimmed and lower-cased: an address, or a bare SASL user name
     * (SPEC 2), so it is not checked for an {@code @}.
     */
    static String smtpSender(Row row, String column) throws BadRowException {
        String s = row.get(column);
        if (s.isEmpty()) {
            throw new BadRowException(UserText.of("row.smtpSender.empty", documented(column)));
        }
        if (s.length() > SenderDomains.MAX_LENGTH) {
            throw new BadRowException(UserText.of("row.smtpSender.long", documented(column), s.length(), SenderDomains.MAX_LENGTH));
        }
        noControls(documented(column), s, EXPECTED_USER);
        return SenderDomains.normalise(s);
    }

    /**
     * An address column (a sender or recipient of the Microsoft exports): stripped, at most 320
     * characters and free of control characters; empty when the column is absent or empty, unless
     * {@code required}. {@code shown} is the column's name in messages.
     */
    static String address(Row row, String column, String shown, boolean required) throws BadRowException {
        String s = row.get(column);
        if (s == null || s.isEmpty()) {
            if (required) {
                throw new BadRowException(UserText.of("row.address.empty", shown));
            }
            return "";
        }
        if (s.length() > 320) {
            throw new BadRowException(UserText.of("row.address.long", shown, s.length(), 320));
        }
        noControls(shown, s, EXPECTED_ADDRESS);
        return s;
    }

    /**
     * Refuses a value holding a control character (C0, DEL or C1): no address, name or id has one, so
     * the row is damaged (a binary file read as text, a cut record), and the value would be stored and
     * shown as it is. Blanks around the value were stripped before, so a tab there is harmless.
     */
    static void noControls(String column, String value, UserText expected) throws BadRowException {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (Character.isISOControl(ch)) {
                throw new BadRowException(UserText.of("row.control", column, String.format(Locale.ROOT, "%04X", (int) ch), i + 1,
                        expected));
            }
        }
    }

    /** The client IP of a row: an IPv4 or IPv6 address, or empty when the source gave none. */
    static String clientIp(Row row) throws BadRowException {
        String ip = row.get("client_ip");
        if (ip.isEmpty() || IpText.isAddress(ip)) {
            return ip;
        }
        throw new BadRowException(UserText.of("row.clientIp", clip(ip)));
    }

    /** The longest line RFC 5322 allows: no method, address, cipher or message-id is longer. */
    static final int MAX_TEXT = SenderDomains.MAX_LENGTH;

    /** An optional text column (null when absent), refused when longer than a mail header line can be. */
    static String text(Row row, String column) throws BadRowException {
        String v = row.get(column);
        if (v != null && v.length() > MAX_TEXT) {
            throw new BadRowException(UserText.of("row.text.long", documented(column), v.length(), MAX_TEXT));
        }
        return v;
    }

    static TlsVersion tls(Row row) throws BadRowException {
        String t = row.get("tls_version");
        return TlsVersion.parse(t).orElseThrow(() -> new BadRowException(
                UserText.of("row.tls", clip(t), TlsVersion.EXPECTED)));
    }

    /** The day and time in {@code column}, within the years the cache holds. */
    static Timestamps.Moment moment(Row row, String column, UserText expected) throws BadRowException {
        String t = row.get(column);
        return inYears(column, t, Timestamps.parse(t), expected);
    }

    /**
     * {@code parsed}, the reading of the value {@code text} of {@code column}, when it is a moment in
     * the years the cache holds; otherwise the bad row, saying what was expected.
     */
    static Timestamps.Moment inYears(String column, String text, Timestamps.Moment parsed, UserText expected) throws BadRowException {
        if (parsed == null) {
            throw new BadRowException(UserText.of(column.equalsIgnoreCase("date") ? "row.notADate" : "row.notATime", column, clip(text),
                    expected));
        }
        if (parsed.epochDay() < Timestamps.FIRST_DAY || parsed.epochDay() > Timestamps.LAST_DAY) {
            throw new BadRowException(UserText.of("row.years", column, clip(text)));
        }
        return parsed;
    }

    /** Microsoft's column names as the report spells them, for messages (the row holds them lower-cased). */
    private static String documented(String lowerCase) {
        return switch (lowerCase) {
            case "sendername" -> "senderName";
            case "senderdomain" -> "senderDomain";
            case "authmethod" -> "authMethod";
            default -> lowerCase;
        };
    }

    static String sender(Row row) throws BadRowException {
        String s = row.get("sender");
        if (s.isEmpty()) {
            throw new BadRowException(UserText.of("row.address.empty", "sender"));
        }
        if (s.length() > SenderDomains.MAX_LENGTH) {
            throw new BadRowException(UserText.of("row.address.long", "sender", s.length(), SenderDomains.MAX_LENGTH));
        }
        noControls("sender", s, EXPECTED_ADDRESS);
        return s;
    }

    static long day(Row row) throws BadRowException {
        return moment(row, "timestamp", Timestamps.EXPECTED).epochDay();
    }

    static int bcl(Row row) throws BadRowException {
        return bcl("BCL", row.get("bcl"));
    }

    /** A BCL, 0 to 9, in the column named {@code column} in messages. */
    static int bcl(String column, String t) throws BadRowException {
        int bcl;
        try {
            bcl = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new BadRowException(UserText.of("row.bcl.number", column, clip(t)));
        }
        if (bcl < 0 || bcl > 9) {
            throw new BadRowException(UserText.of("row.bcl.range", column, bcl));
        }
        return bcl;
    }

    static int delivery(Row row) throws BadRowException {
        String t = row.get("delivery");
        return Delivery.parse(t).orElseThrow(() -> new BadRowException(
                UserText.of("row.delivery", clip(t)))).ordinal();
    }

    static FeedbackEvent event(Row row) throws BadRowException {
        String t = row.get("event");
        return FeedbackEvent.parse(t).orElseThrow(() -> new BadRowException(
                UserText.of("row.event", clip(t), eventList())));
    }

    private static String eventList() {
        StringBuilder sb = new StringBuilder();
        for (FeedbackEvent e : FeedbackEvent.values()) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(e.token());
        }
        return sb.toString();
    }

    static AdminSetting action(Row row) throws BadRowException {
        String t = row.get("action").toLowerCase(Locale.ROOT);
        return switch (t) {
            case "allow" -> AdminSetting.ALLOW;
            case "block" -> AdminSetting.BLOCK;
            default -> throw new BadRowException(UserText.of("row.action", clip(t)));
        };
    }

    static int threshold(Row row) throws BadRowException {
        String t = row.get("bulk_threshold");
        try {
            int v = Integer.parseInt(t);
            if (v >= Policy.MIN_THRESHOLD && v <= Policy.MAX_THRESHOLD) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRowException(UserText.of("row.threshold", clip(t)));
    }

    /** The count column: absent or empty means 1; otherwise a whole number of at least 0. */
    static long count(Row row) throws BadRowException {
        String t = row.get("count");
        if (t == null || t.isEmpty()) {
            return 1;
        }
        return wholeNumber(row, "count");
    }

    /**
     * The optional {@code recipients} column of an {@code smtp-auth} row: the recipients of the row's
     * {@code count} submissions in all; absent or empty means 0, "not logged".
     */
    static long recipients(Row row) throws BadRowException {
        String t = row.get("recipients");
        if (t == null || t.isEmpty()) {
            return 0;
        }
        return wholeNumber(row, "recipients");
    }

    /** A required count: a whole number from 0 to 10^12 (larger is no real mail, and sums must not overflow). */
    static long wholeNumber(Row row, String column) throws BadRowException {
        String t = row.get(column);
        try {
            long v = Long.parseLong(t);
            if (v >= 0 && v <= 1_000_000_000_000L) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRowException(UserText.of("row.wholeNumber", column, clip(t)));
    }

    /** A value as quoted in a message: at most 40 characters. */
    static String clip(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= 40 ? value : value.substring(0, 37) + "…";
    }
}
