package org.mailflow.smtpauth.ui;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.function.ToLongFunction;
import org.mailflow.smtpauth.SenderTotals;

/**
 * How the SMTP AUTH report's tables sort, apart from the nodes that show them (SenderTable, IpTable
 * only hand these to their columns): shares by share then count, flags by how many then which,
 * IPv4 addresses by their numbers, empty texts last, senders that never used Basic first.
 */
final class TableOrder {
    private TableOrder() {
    }

    /**
     * A share column: the share of the row's messages that {@code count} counts (a row without messages
     * has share 0), then the count, so that 50 % of 10 sorts after 50 % of 2.
     */
    static Comparator<SenderTotals> byShare(ToLongFunction<SenderTotals> count) {
        return Comparator.comparingDouble((SenderTotals r) -> r.total() == 0 ? 0 : (double) count.applyAsLong(r) / r.total())
                .thenComparingLong(count);
    }

    /** The flags column's sort key: more flags above fewer, then by which flags (their bits). */
    static int flagsKey(int flags) {
        return Integer.bitCount(flags) * 1024 + flags;
    }

    /** "Last Basic use": senders that never used Basic (no day) first, then by day. */
    static Comparator<LocalDate> lastBasicUse() {
        return Comparator.nullsFirst(Comparator.naturalOrder());
    }

    /** A text column whose empty value shows as "—": empty after the others, the others without regard to case. */
    static Comparator<String> emptyLast() {
        return Comparator.comparing(String::isEmpty).thenComparing(String.CASE_INSENSITIVE_ORDER);
    }

    /**
     * Sorts IPv4 addresses by their numbers (10.0.0.9 before 10.0.0.10) and puts them before IPv6 and
     * the unknown IP; other texts compare as text.
     */
    static String ipKey(String shown) {
        String[] parts = shown.split("\\.");
        if (parts.length == 4) {
            StringBuilder key = new StringBuilder("4");
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                    return "6" + shown;
                }
                key.append("000".substring(p.length())).append(p);
            }
            return key.toString();
        }
        return (shown.contains(":") ? "6" : "9") + shown;
    }
}
