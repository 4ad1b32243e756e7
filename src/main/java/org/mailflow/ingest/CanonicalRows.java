package org.mailflow.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.mailflow.bulk.AdminSetting;
import org.mailflow.bulk.Delivery;
import org.mailflow.bulk.FeedbackEvent;
import org.mailflow.bulk.Policy;
import org.mailflow.cache.AllowBlockStore;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.PolicyStore;

/**
 * Turns the rows of a canonical CSV into cache writes, checking every value (SPEC 5). A row that
 * breaks its format throws {@link BadRowException} with what was expected; nothing of it is written.
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
    }

    static Sink sink(ImportFormat format, Connection c, BulkStore.Writer bulk) {
        return switch (format) {
            case BULK -> row -> bulk.addMessages(bulk.senderId(sender(row)), day(row), bcl(row), delivery(row), count(row));
            case EVENTS -> row -> bulk.addEvent(bulk.senderId(sender(row)), day(row), event(row), count(row));
            case ALLOW_BLOCK -> row -> AllowBlockStore.put(c, sender(row), action(row));
            case POLICIES -> row -> {
                String name = row.get("name");
                String problem = Policy.nameProblem(name);
                if (problem != null) {
                    throw new BadRowException(problem);
                }
                PolicyStore.upsert(c, name, threshold(row));
            };
        };
    }

    static String sender(Row row) throws BadRowException {
        String s = row.get("sender");
        if (s.isEmpty()) {
            throw new BadRowException("sender is empty; expected an email address");
        }
        if (s.length() > 320) {
            throw new BadRowException("sender has " + s.length() + " characters; expected an email address of at most 320");
        }
        return s;
    }

    static long day(Row row) throws BadRowException {
        String t = row.get("timestamp");
        OptionalLong day = Timestamps.epochDay(t);
        if (day.isEmpty()) {
            throw new BadRowException("timestamp \"" + clip(t) + "\" is not a date and time; " + Timestamps.EXPECTED);
        }
        if (day.getAsLong() < Timestamps.FIRST_DAY || day.getAsLong() > Timestamps.LAST_DAY) {
            throw new BadRowException("timestamp \"" + clip(t) + "\" is outside the years 1970 to 2999");
        }
        return day.getAsLong();
    }

    static int bcl(Row row) throws BadRowException {
        String t = row.get("bcl");
        int bcl;
        try {
            bcl = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new BadRowException("BCL \"" + clip(t) + "\" is not a whole number; expected 0 to 9");
        }
        if (bcl < 0 || bcl > 9) {
            throw new BadRowException("BCL " + bcl + " is outside 0-9");
        }
        return bcl;
    }

    static int delivery(Row row) throws BadRowException {
        String t = row.get("delivery");
        return Delivery.parse(t).orElseThrow(() -> new BadRowException(
                "delivery \"" + clip(t) + "\" is unknown; expected inbox, junk, quarantine, deleted or unknown")).ordinal();
    }

    static FeedbackEvent event(Row row) throws BadRowException {
        String t = row.get("event");
        return FeedbackEvent.parse(t).orElseThrow(() -> new BadRowException(
                "event \"" + clip(t) + "\" is unknown; expected one of " + eventList()));
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
            default -> throw new BadRowException("action \"" + clip(t) + "\" is unknown; expected allow or block");
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
        throw new BadRowException("bulk_threshold \"" + clip(t) + "\" is not a whole number from 1 to 9");
    }

    /** The count column: absent or empty means 1; otherwise a whole number of at least 0. */
    static long count(Row row) throws BadRowException {
        String t = row.get("count");
        if (t == null || t.isEmpty()) {
            return 1;
        }
        try {
            long v = Long.parseLong(t);
            if (v >= 0 && v <= 1_000_000_000_000L) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRowException("count \"" + clip(t) + "\" is not a whole number from 0 to 10^12");
    }

    /** A value as quoted in a message: at most 40 characters. */
    static String clip(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= 40 ? value : value.substring(0, 37) + "…";
    }
}
