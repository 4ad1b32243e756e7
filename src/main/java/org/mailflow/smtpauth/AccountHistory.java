package org.mailflow.smtpauth;

import java.time.LocalDate;
import java.util.List;
import org.mailflow.model.DayWindow;

/**
 * One account in a window, for the sender panel: its submissions per day and per TLS version (over
 * all its sender domains), when it was first and last seen in the cache, and its flags with their evidence.
 */
public record AccountHistory(String address, DayWindow window, long[] perDay, long[] perTls, LocalDate firstSeen,
                             LocalDate lastSeen, List<UnusualActivity.Finding> findings) {

    public static AccountHistory of(SmtpDataset d, int account, DayWindow window) {
        long[] perDay = new long[window.days()];
        long[] perTls = new long[TlsVersion.values().length];
        int end = d.entryFrom(window.lastEpochDay() + 1);
        for (int i = d.entryFrom(window.firstEpochDay()); i < end; i++) {
            if (d.eAccount[i] == account) {
                perDay[(int) (d.eDay[i] - window.firstEpochDay())] += d.eCount[i];
                perTls[d.eTls[i]] += d.eCount[i];
            }
        }
        int first = d.firstDay(account);
        int last = d.lastDay(account);
        return new AccountHistory(d.account(account), window, perDay, perTls,
                first == Integer.MAX_VALUE ? null : LocalDate.ofEpochDay(first),
                last == Integer.MIN_VALUE ? null : LocalDate.ofEpochDay(last),
                UnusualActivity.findings(d, account, window));
    }

    public long total() {
        long sum = 0;
        for (long n : perTls) {
            sum += n;
        }
        return sum;
    }
}
