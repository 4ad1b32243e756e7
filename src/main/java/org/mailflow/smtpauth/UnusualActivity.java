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
    /** A recipient spike is more than max(RECIPIENT_SPIKE_FLOOR, SPIKE_FACTOR × median of the previous 14 days). */
    public static final long RECIPIENT_SPIKE_FLOOR = 500;
    /** new-country looks at the last NEW_COUNTRY_DAYS days of the window… */
    public static final int NEW_COUNTRY_DAYS = 7;
    /** …of accounts with at least this many days of history before the new country's day. */
    public static final int NEW_COUNTRY_HISTORY_DAYS = 14;
    /** impossible-travel: places more than TRAVEL_KM apart… */
    public static final double TRAVEL_KM = 500;
    /** …at an implied speed above TRAVEL_KMH. */
    public static final double TRAVEL_KMH = 1000;
    /** sprayed-ip: a client IP that failed authentication for at least this many distinct accounts on one day. */
    public static final int SPRAY_ACCOUNTS = 5;

    /**
     * Why a flag is raised: the first day it applies, the figure that day and what it was compared
     * with, and for some flags more evidence ({@link #evidence}, else null):
     * <ul>
     *   <li>{@code legacy-tls}, {@code basic-auth}: value = such submissions in the window, reference = all of them;</li>
     *   <li>{@code volume-spike}: value = submissions (or recipients, {@link Spike}) that day, reference = the median;</li>
     *   <li>{@code many-ips}, {@code auth-failures}: value = the day's figure, reference = the threshold;</li>
     *   <li>{@code new-country}: {@link NewCountry}; {@code impossible-travel}: {@link Travel};
     *       {@code sprayed-ip}: {@link Spray}.</li>
     * </ul>
     */
    public record Finding(SmtpFlag flag, LocalDate day, long value, double reference, Evidence evidence) {
        public Finding(SmtpFlag flag, LocalDate day, long value, double reference) {
            this(flag, day, value, reference, null);
        }
    }

    /** The extra evidence of a finding. */
    public sealed interface Evidence permits Spike, NewCountry, Travel, Spray {
    }

    /** A volume spike: whether it is of recipients rather than submissions. */
    public record Spike(boolean recipients) implements Evidence {
    }

    /** A country first seen for the account on the finding's day, from {@code ip}; {@code historyFrom} is the account's first day. */
    public record NewCountry(String countryCode, String ip, LocalDate historyFrom) implements Evidence {
    }

    /** Two consecutive submissions too far apart for the time between them. Seconds are epoch seconds. */
    public record Travel(String fromIp, String fromCountry, String fromCity, long fromSecond, String toIp, String toCountry,
                         String toCity, long toSecond, double km, double kmPerHour, boolean centroids) implements Evidence {
    }

    /** A submission from {@code ip}, which failed authentication for {@code failedAccounts} that day. */
    public record Spray(String ip, List<String> failedAccounts) implements Evidence {
    }

    private UnusualActivity() {
    }

    /** The flags of {@code account} in {@code window} as a bit mask ({@link SmtpFlag#bit()}). */
    public static int flags(SmtpDataset d, int account, DayWindow window, long legacySubmissions) {
        return flags(d, account, window, legacySubmissions, basicSubmissions(d, account, window));
    }

    /**
     * The flags of {@code account} in {@code window}, given its legacy-TLS and Basic submissions in
     * the window (the report counts them on its way), as a bit mask ({@link SmtpFlag#bit()}).
     */
    public static int flags(SmtpDataset d, int account, DayWindow window, long legacySubmissions, long basicSubmissions) {
        int mask = 0;
        if (legacySubmissions > 0) {
            mask |= SmtpFlag.LEGACY_TLS.bit();
        }
        if (basicSubmissions > 0) {
            mask |= SmtpFlag.BASIC_AUTH.bit();
        }
        if (firstNewCountry(d, account, window) != null) {
            mask |= SmtpFlag.NEW_COUNTRY.bit();
        }
        if (firstJourney(d, account, window) != null) {
            mask |= SmtpFlag.IMPOSSIBLE_TRAVEL.bit();
        }
        if (firstSprayedEntry(d, account, window) >= 0) {
            mask |= SmtpFlag.SPRAYED_IP.bit();
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
        long basic = 0;
        long total = 0;
        int firstLegacyDay = Integer.MAX_VALUE;
        int firstBasicDay = Integer.MAX_VALUE;
        for (int k = d.accountEntryFrom(account, window.firstEpochDay()); k < d.aeStart[account + 1]; k++) {
            int i = d.aeEntry[k];
            if (d.eDay[i] > window.lastEpochDay()) {
                break;
            }
            total += d.eCount[i];
            if (TlsVersion.ofCode(d.eTls[i]).legacy()) {
                legacy += d.eCount[i];
                firstLegacyDay = Math.min(firstLegacyDay, d.eDay[i]);
            }
            if (d.methodProtocol[d.eMethod[i]] == AuthProtocol.BASIC.ordinal()) {
                basic += d.eCount[i];
                firstBasicDay = Math.min(firstBasicDay, d.eDay[i]);
            }
        }
        if (legacy > 0) {
            out.add(new Finding(SmtpFlag.LEGACY_TLS, LocalDate.ofEpochDay(firstLegacyDay), legacy, total));
        }
        if (basic > 0) {
            out.add(new Finding(SmtpFlag.BASIC_AUTH, LocalDate.ofEpochDay(firstBasicDay), basic, total));
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
        Finding country = firstNewCountry(d, account, window);
        if (country != null) {
            out.add(country);
        }
        Places.Journey journey = firstJourney(d, account, window);
        if (journey != null) {
            Places p = d.places();
            var from = p.place(d, journey.fromIp());
            var to = p.place(d, journey.toIp());
            out.add(new Finding(SmtpFlag.IMPOSSIBLE_TRAVEL, LocalDate.ofEpochDay(journey.day()), Math.round(journey.km()), TRAVEL_KMH,
                    new Travel(d.ip(journey.fromIp()), p.country(journey.fromIp()), from.city(), journey.fromSecond(),
                            d.ip(journey.toIp()), p.country(journey.toIp()), to.city(), journey.toSecond(), journey.km(),
                            journey.kmPerHour(), journey.centroids())));
        }
        int sprayed = firstSprayedEntry(d, account, window);
        if (sprayed >= 0) {
            List<String> failed = d.failedAccounts(d.eDay[sprayed], d.eIp[sprayed]);
            out.add(new Finding(SmtpFlag.SPRAYED_IP, LocalDate.ofEpochDay(d.eDay[sprayed]), failed.size(), SPRAY_ACCOUNTS,
                    new Spray(d.ip(d.eIp[sprayed]), failed)));
        }
        return out;
    }

    /** The account's submissions with a Basic method in the window. */
    static long basicSubmissions(SmtpDataset d, int account, DayWindow window) {
        long basic = 0;
        for (int k = d.accountEntryFrom(account, window.firstEpochDay()); k < d.aeStart[account + 1]; k++) {
            int i = d.aeEntry[k];
            if (d.eDay[i] > window.lastEpochDay()) {
                break;
            }
            if (d.methodProtocol[d.eMethod[i]] == AuthProtocol.BASIC.ordinal()) {
                basic += d.eCount[i];
            }
        }
        return basic;
    }

    /**
     * new-country: the first country, in day order, first seen for the account on a day in the last
     * {@link #NEW_COUNTRY_DAYS} days of the window, when the account's first submission is at least
     * {@link #NEW_COUNTRY_HISTORY_DAYS} days before that day; null if none.
     */
    static Finding firstNewCountry(SmtpDataset d, int account, DayWindow window) {
        long from = Math.max(window.firstEpochDay(), window.lastEpochDay() - NEW_COUNTRY_DAYS + 1);
        Places p = d.places();
        int best = -1;
        int bestDay = Integer.MAX_VALUE;
        int bestIp = -1;
        for (int[] c : p.countriesOf(account)) {
            int day = c[1];
            if (day >= from && day <= window.lastEpochDay() && (long) d.firstDay[account] <= day - NEW_COUNTRY_HISTORY_DAYS
                    && (day < bestDay || day == bestDay && p.countryAt(c[0]).compareTo(p.countryAt(best)) < 0)) {
                best = c[0];
                bestDay = day;
                bestIp = c[2];
            }
        }
        if (best < 0) {
            return null;
        }
        return new Finding(SmtpFlag.NEW_COUNTRY, LocalDate.ofEpochDay(bestDay), 0, NEW_COUNTRY_HISTORY_DAYS,
                new NewCountry(p.countryAt(best), d.ip(bestIp), LocalDate.ofEpochDay(d.firstDay[account])));
    }

    /** The account's first impossible journey that ends in the window, or null. */
    static Places.Journey firstJourney(SmtpDataset d, int account, DayWindow window) {
        for (Places.Journey j : d.places().journeys(account)) {
            if (window.contains(j.day())) {
                return j;
            }
        }
        return null;
    }

    /** The account's first entry in the window from an IP that was a spraying source that day, or -1. */
    static int firstSprayedEntry(SmtpDataset d, int account, DayWindow window) {
        if (d.sprayed.length == 0) {
            return -1;
        }
        for (int k = d.accountEntryFrom(account, window.firstEpochDay()); k < d.aeStart[account + 1]; k++) {
            int i = d.aeEntry[k];
            if (d.eDay[i] > window.lastEpochDay()) {
                break;
            }
            if (d.sprayedOn(d.eDay[i], d.eIp[i])) {
                return i;
            }
        }
        return -1;
    }

    /** First seen inside the window and within its last {@link #NEW_SENDER_DAYS} days (all of a shorter window). */
    static boolean isNew(SmtpDataset d, int account, DayWindow window) {
        int first = d.firstDay[account];
        return window.contains(first) && first > window.lastEpochDay() - NEW_SENDER_DAYS;
    }

    /**
     * The first day in the window whose submissions exceed the spike threshold, or whose recipients
     * exceed theirs (where the source logs recipients), or null. On a day where both do, the
     * submissions are the evidence.
     */
    static Finding firstSpike(SmtpDataset d, int account, DayWindow window) {
        int end = d.adStart[account + 1];
        long[] history = new long[SPIKE_HISTORY_DAYS];
        for (int i = d.accountDayFrom(account, window.firstEpochDay()); i < end && d.adDay[i] <= window.lastEpochDay(); i++) {
            long count = d.adTotal[i];
            long recipients = d.adRecipients[i];
            // neither can exceed its floor: skips the medians for almost every day
            if (count > SPIKE_FLOOR) {
                double median = median(history(d, account, i, d.adTotal, history));
                if (count > Math.max(SPIKE_FLOOR, SPIKE_FACTOR * median)) {
                    return new Finding(SmtpFlag.VOLUME_SPIKE, LocalDate.ofEpochDay(d.adDay[i]), count, median, new Spike(false));
                }
            }
            if (recipients > RECIPIENT_SPIKE_FLOOR) {
                double median = median(history(d, account, i, d.adRecipients, history));
                if (recipients > Math.max(RECIPIENT_SPIKE_FLOOR, SPIKE_FACTOR * median)) {
                    return new Finding(SmtpFlag.VOLUME_SPIKE, LocalDate.ofEpochDay(d.adDay[i]), recipients, median, new Spike(true));
                }
            }
        }
        return null;
    }

    /** The values of the {@link #SPIKE_HISTORY_DAYS} days before account-day {@code i} (0 for days without submissions). */
    private static long[] history(SmtpDataset d, int account, int i, long[] perDay, long[] history) {
        int day = d.adDay[i];
        Arrays.fill(history, 0);
        for (int j = i - 1; j >= d.adStart[account] && d.adDay[j] >= day - SPIKE_HISTORY_DAYS; j--) {
            history[day - d.adDay[j] - 1] = perDay[j];
        }
        return history;
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
