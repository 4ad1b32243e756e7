package org.mailflow.smtpauth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mailflow.model.DayWindow;

/**
 * The unusual-activity rules of SPEC 2.5, per account and window. Flags describe the account, so
 * they look at all its submissions whatever "Show data for" is set to.
 */
public final class UnusualActivity {
    /** A spike is more than max(SPIKE_FLOOR, SPIKE_FACTOR × median of the previous 14 days). */
    public static final long SPIKE_FLOOR = 50;
    public static final int SPIKE_FACTOR = 5;
    public static final int SPIKE_HISTORY_DAYS = 14;
    /** New when the first submission ever seen is in the last NEW_SENDER_DAYS days of the window. */
    public static final int NEW_SENDER_DAYS = 7;
    /** More than this many distinct client IPs on one day. */
    public static final int MANY_IPS = 10;
    /** More than this many failed authentications on one day. */
    public static final long AUTH_FAILURES = 20;

    /** Why a flag is raised: the first day it applies, the figure that day and what it was compared with. */
    public record Finding(SmtpFlag flag, LocalDate day, long value, double reference) {
    }

    private UnusualActivity() {
    }

    /** The flags of {@code account} in {@code window} as a bit mask ({@link SmtpFlag#bit()}). */
    public static int flags(SmtpDataset d, int account, DayWindow window, long legacySubmissions) {
        int mask = 0;
        if (legacySubmissions > 0) {
            mask |= SmtpFlag.LEGACY_TLS.bit();
        }
        if (firstSpike(d, account, window) != null) {
            mask |= SmtpFlag.VOLUME_SPIKE.bit();
        }
        if (isNew(d, account, window)) {
            mask |= SmtpFlag.NEW_SENDER.bit();
        }
        if (firstManyIps(d, account, window) >= 0) {
            mask |= SmtpFlag.MANY_IPS.bit();
        }
        if (firstFailures(d, account, window) >= 0) {
            mask |= SmtpFlag.AUTH_FAILURES.bit();
        }
        return mask;
    }

    /** Every raised flag with its evidence, for the sender panel. */
    public static List<Finding> findings(SmtpDataset d, int account, DayWindow window) {
        List<Finding> out = new ArrayList<>();
        long legacy = 0;
        long total = 0;
        int firstLegacyDay = Integer.MAX_VALUE;
        for (int i = d.entryFrom(window.firstEpochDay()); i < d.eDay.length && d.eDay[i] <= window.lastEpochDay(); i++) {
            if (d.eAccount[i] == account) {
                total += d.eCount[i];
                if (TlsVersion.ofCode(d.eTls[i]).legacy()) {
                    legacy += d.eCount[i];
                    firstLegacyDay = Math.min(firstLegacyDay, d.eDay[i]);
                }
            }
        }
        if (legacy > 0) {
            out.add(new Finding(SmtpFlag.LEGACY_TLS, LocalDate.ofEpochDay(firstLegacyDay), legacy, total));
        }
        Finding spike = firstSpike(d, account, window);
        if (spike != null) {
            out.add(spike);
        }
        if (isNew(d, account, window)) {
            out.add(new Finding(SmtpFlag.NEW_SENDER, LocalDate.ofEpochDay(d.firstDay[account]), 0, 0));
        }
        int ips = firstManyIps(d, account, window);
        if (ips >= 0) {
            out.add(new Finding(SmtpFlag.MANY_IPS, LocalDate.ofEpochDay(d.adDay[ips]), d.adIps[ips], MANY_IPS));
        }
        int failures = firstFailures(d, account, window);
        if (failures >= 0) {
            out.add(new Finding(SmtpFlag.AUTH_FAILURES, LocalDate.ofEpochDay(d.fDay[failures]), d.fCount[failures], AUTH_FAILURES));
        }
        return out;
    }

    /** First seen inside the window and within its last {@link #NEW_SENDER_DAYS} days (all of a shorter window). */
    static boolean isNew(SmtpDataset d, int account, DayWindow window) {
        int first = d.firstDay[account];
        return window.contains(first) && first > window.lastEpochDay() - NEW_SENDER_DAYS;
    }

    /** The first day in the window whose submissions exceed the spike threshold, or null. */
    static Finding firstSpike(SmtpDataset d, int account, DayWindow window) {
        int end = d.adStart[account + 1];
        long[] history = new long[SPIKE_HISTORY_DAYS];
        for (int i = d.accountDayFrom(account, window.firstEpochDay()); i < end && d.adDay[i] <= window.lastEpochDay(); i++) {
            long count = d.adTotal[i];
            if (count <= SPIKE_FLOOR) {
                continue; // cannot exceed max(50, …); skips the median for almost every day
            }
            int day = d.adDay[i];
            Arrays.fill(history, 0);
            for (int j = i - 1; j >= d.adStart[account] && d.adDay[j] >= day - SPIKE_HISTORY_DAYS; j--) {
                history[day - d.adDay[j] - 1] = d.adTotal[j];
            }
            double median = median(history);
            if (count > Math.max(SPIKE_FLOOR, SPIKE_FACTOR * median)) {
                return new Finding(SmtpFlag.VOLUME_SPIKE, LocalDate.ofEpochDay(day), count, median);
            }
        }
        return null;
    }

    /** The median of the values (the mean of the middle two for an even count); sorts the array. */
    static double median(long[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
    }

    private static int firstManyIps(SmtpDataset d, int account, DayWindow window) {
        int end = d.adStart[account + 1];
        for (int i = d.accountDayFrom(account, window.firstEpochDay()); i < end && d.adDay[i] <= window.lastEpochDay(); i++) {
            if (d.adIps[i] > MANY_IPS) {
                return i;
            }
        }
        return -1;
    }

    private static int firstFailures(SmtpDataset d, int account, DayWindow window) {
        for (int i = d.fStart[account]; i < d.fStart[account + 1]; i++) {
            if (window.contains(d.fDay[i]) && d.fCount[i] > AUTH_FAILURES) {
                return i;
            }
        }
        return -1;
    }
}
