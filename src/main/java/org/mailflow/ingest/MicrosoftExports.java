package org.mailflow.ingest;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.mailflow.bulk.Delivery;
import org.mailflow.cache.BulkStore;

/**
 * Turns the rows of the Microsoft 365 exports (SPEC 5) into bulk messages: a Defender Advanced
 * hunting {@code EmailEvents} result ({@link ImportFormat#EMAIL_EVENTS}) and
 * {@code Get-MailDetailATPReport | Export-Csv} ({@link ImportFormat#MAIL_DETAIL_ATP}). Each row is one
 * message to one recipient. Rows that are not inbound mail with a BCL are passed over and counted;
 * a message already counted, by an earlier import or by an earlier row (an export that overlaps
 * another, or a report that lists one message under two detections), is not counted again. Every
 * value is checked before the first write, as in {@link CanonicalRows}.
 */
final class MicrosoftExports {
    private MicrosoftExports() {
    }

    /**
     * The sink of one file of {@code format}, whose header holds the columns {@code header}
     * ({@link ImportFormat#columnKey} form). {@code dateOrder} decides the day order of dates written
     * with slashes; it is asked at most once, on the first such date (it may read the whole file).
     */
    static CanonicalRows.Sink sink(ImportFormat format, Set<String> header, BulkStore.Writer bulk, Supplier<ExportTimes.DateOrder> dateOrder) {
        return switch (format) {
            case EMAIL_EVENTS -> new ExportSink(header, bulk, dateOrder, new Columns("Timestamp", "SenderFromAddress",
                    "RecipientEmailAddress", "EmailDirection", "NetworkMessageId", "emailevents", false));
            case MAIL_DETAIL_ATP -> new ExportSink(header, bulk, dateOrder, new Columns("Date", "SenderAddress",
                    "RecipientAddress", "Direction", "MessageId", "maildetailatp", true));
            default -> throw new IllegalArgumentException(format + " is no Microsoft 365 export");
        };
    }

    /**
     * The names of a format's columns as documented (for messages; {@link ImportFormat#columnKey} gives
     * the row's keys), and whether its delivery comes from detections ({@code Action}, {@code Event Type})
     * rather than from a delivery location.
     */
    private record Columns(String time, String sender, String recipient, String direction, String id, String kind,
                           boolean detections) {
    }

    /**
     * Where a message ended up, from {@code EmailEvents}' {@code LatestDeliveryLocation} (or
     * {@code DeliveryLocation}): {@code Inbox/folder}, {@code Junk folder}, {@code Quarantine},
     * {@code Deleted items}; anything else ({@code On-premises/external}, {@code Failed},
     * {@code Dropped}, empty) is unknown.
     */
    static Delivery location(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return switch (v) {
            case "inbox/folder", "inbox" -> Delivery.INBOX;
            case "junk folder", "junk" -> Delivery.JUNK;
            case "quarantine" -> Delivery.QUARANTINE;
            case "deleted items", "deleted" -> Delivery.DELETED;
            default -> Delivery.UNKNOWN;
        };
    }

    /**
     * Where a message ended up, from {@code Get-MailDetailATPReport}'s {@code Action} and
     * {@code Event Type}, where they say so (a quarantine, a move to Junk Email, a deletion, the
     * inbox); otherwise unknown, since a detection alone does not say where the message went.
     */
    static Delivery action(String action, String eventType) {
        String v = ((action == null ? "" : action) + " " + (eventType == null ? "" : eventType)).toLowerCase(Locale.ROOT);
        if (v.contains("quarantin")) {
            return Delivery.QUARANTINE;
        }
        if (v.contains("junk")) {
            return Delivery.JUNK;
        }
        if (v.contains("delet")) {
            return Delivery.DELETED;
        }
        return v.contains("inbox") ? Delivery.INBOX : Delivery.UNKNOWN;
    }

    private static final class ExportSink implements CanonicalRows.Sink {
        private final BulkStore.Writer bulk;
        private final Supplier<ExportTimes.DateOrder> dateOrder;
        private final Columns columns;
        private final boolean hasDirection;
        private final boolean identified;
        private ExportTimes.DateOrder order;
        private long passedOver;
        private long alreadyCounted;

        ExportSink(Set<String> header, BulkStore.Writer bulk, Supplier<ExportTimes.DateOrder> dateOrder, Columns columns) {
            this.bulk = bulk;
            this.dateOrder = dateOrder;
            this.columns = columns;
            this.hasDirection = header.contains(key(columns.direction()));
            // Without both columns, rows of one message to several recipients could not be told from
            // a message listed twice; such a file is protected by its fingerprint alone (ImportJob).
            this.identified = header.contains(key(columns.id())) && header.contains(key(columns.recipient()));
        }

        @Override
        public void accept(CanonicalRows.Row row) throws BadRowException, SQLException {
            if (hasDirection && !row.get(key(columns.direction())).equalsIgnoreCase("Inbound")) {
                passedOver++; // outbound and intra-org mail is no bulk mail received
                return;
            }
            String level = row.get("bulkcomplaintlevel");
            if (level.isEmpty()) {
                passedOver++; // not scanned for bulk (SPEC 5: counted, never guessed)
                return;
            }
            long day = day(row);
            String sender = CanonicalRows.address(row, key(columns.sender()), columns.sender(), true);
            String recipient = CanonicalRows.address(row, key(columns.recipient()), columns.recipient(), false);
            int bcl = CanonicalRows.bcl("BulkComplaintLevel", level);
            Delivery delivery = columns.detections() ? action(row.get("action"), row.get("eventtype"))
                    : location(firstNonEmpty(row.get("latestdeliverylocation"), row.get("deliverylocation")));
            String id = identified ? CanonicalRows.text(row, key(columns.id())) : null;
            if (id != null && !id.isEmpty() && !bulk.firstSighting(identity(id, recipient))) {
                alreadyCounted++;
                return;
            }
            bulk.addMessages(bulk.senderId(sender), day, bcl, delivery.ordinal(), 1);
        }

        /** The message's identity: the format, its id without angle brackets and the recipient, lower-cased. */
        private String identity(String id, String recipient) {
            String v = id.strip();
            if (v.length() >= 2 && v.charAt(0) == '<' && v.charAt(v.length() - 1) == '>') {
                v = v.substring(1, v.length() - 1).strip();
            }
            return (columns.kind() + '\u0000' + v + '\u0000' + recipient).toLowerCase(Locale.ROOT);
        }

        private long day(CanonicalRows.Row row) throws BadRowException {
            String text = row.get(key(columns.time()));
            if (order == null && ExportTimes.needsOrder(text)) {
                order = dateOrder.get();
            }
            Timestamps.Moment m = ExportTimes.parse(text, order == null ? ExportTimes.DateOrder.MONTH_FIRST : order);
            return CanonicalRows.inYears(columns.time(), text, m, ExportTimes.EXPECTED).epochDay();
        }

        @Override
        public long passedOver() {
            return passedOver;
        }

        @Override
        public long alreadyCounted() {
            return alreadyCounted;
        }
    }

    private static String key(String documented) {
        return ImportFormat.columnKey(documented);
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }
}
