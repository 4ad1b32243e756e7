package org.mailflow.smtpauth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailflow.geo.Place;
import org.mailflow.model.DayWindow;

/**
 * One client IP in a window, for the IP panel of the Client IPs pivot (SPEC 2.2): its place, its
 * submissions and failed authentications per day, and its accounts — those that submitted from it
 * and those that failed from it — each with its submissions, failures, active days (first and last
 * day in the window with either) and flags, most submissions first.
 */
public record IpHistory(String ip, Place place, DayWindow window, long[] messagesPerDay, long[] failuresPerDay,
                        List<AccountRow> accounts, List<LocalDate> sprayDays) {

    /** An account seen from the IP; {@code flags} as {@link SmtpFlag#bit()}, 0 for an account that only failed. */
    public record AccountRow(String address, long messages, long failures, int days, LocalDate firstDay, LocalDate lastDay,
                             int flags) {
    }

    /** The IP's history; an IP the data does not know gives an empty one. */
    public static IpHistory of(SmtpDataset d, String address, DayWindow window) {
        int ip = d.ipIndex(address);
        long[] messages = new long[window.days()];
        long[] failures = new long[window.days()];
        Map<Integer, long[]> perAccount = new HashMap<>(); // messages, failures, first day, last day
        Map<Integer, java.util.BitSet> days = new HashMap<>();
        List<LocalDate> sprayDays = new ArrayList<>();
        if (ip < 0) {
            return new IpHistory(address, Place.unknown(address), window, messages, failures, List.of(), sprayDays);
        }
        int end = d.entryFrom(window.lastEpochDay() + 1);
        for (int i = d.entryFrom(window.firstEpochDay()); i < end; i++) {
            if (d.eIp[i] == ip) {
                int day = (int) (d.eDay[i] - window.firstEpochDay());
                messages[day] += d.eCount[i];
                perAccount.computeIfAbsent(d.eAccount[i], a -> new long[2])[0] += d.eCount[i];
                days.computeIfAbsent(d.eAccount[i], a -> new java.util.BitSet()).set(day);
            }
        }
        for (int i = d.failureFrom(window.firstEpochDay()); i < d.xDay.length && d.xDay[i] <= window.lastEpochDay(); i++) {
            if (d.xIp[i] == ip) {
                int day = (int) (d.xDay[i] - window.firstEpochDay());
                failures[day] += d.xCount[i];
                perAccount.computeIfAbsent(d.xAccount[i], a -> new long[2])[1] += d.xCount[i];
                days.computeIfAbsent(d.xAccount[i], a -> new java.util.BitSet()).set(day);
            }
        }
        for (long key : d.sprayed) {
            if ((int) key == ip && window.contains((int) (key >>> 32))) {
                sprayDays.add(LocalDate.ofEpochDay(key >>> 32));
            }
        }
        List<AccountRow> rows = new ArrayList<>();
        perAccount.forEach((a, n) -> {
            java.util.BitSet b = days.get(a);
            int flags = n[0] > 0 ? UnusualActivity.flags(d, a, window, legacy(d, a, window)) : 0;
            rows.add(new AccountRow(d.account(a), n[0], n[1], b.cardinality(), window.first().plusDays(b.nextSetBit(0)),
                    window.first().plusDays(b.length() - 1), flags));
        });
        rows.sort(Comparator.comparingLong(AccountRow::messages).reversed()
                .thenComparing(Comparator.comparingLong(AccountRow::failures).reversed()).thenComparing(AccountRow::address));
        return new IpHistory(address, d.places().place(d, ip), window, messages, failures, List.copyOf(rows), sprayDays);
    }

    private static long legacy(SmtpDataset d, int account, DayWindow window) {
        long legacy = 0;
        for (int k = d.accountEntryFrom(account, window.firstEpochDay()); k < d.aeStart[account + 1]; k++) {
            int i = d.aeEntry[k];
            if (d.eDay[i] > window.lastEpochDay()) {
                break;
            }
            if (TlsVersion.ofCode(d.eTls[i]).legacy()) {
                legacy += d.eCount[i];
            }
        }
        return legacy;
    }

    public long messages() {
        long sum = 0;
        for (long n : messagesPerDay) {
            sum += n;
        }
        return sum;
    }

    public long failures() {
        long sum = 0;
        for (long n : failuresPerDay) {
            sum += n;
        }
        return sum;
    }
}
