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
 * One account in a window, for the sender panel (SPEC 2.2): its submissions (and recipients, where
 * logged) per day, per TLS version and per authentication protocol, over all its sender domains;
 * its auth methods and client IPs with their counts (IPs with their places, most used first), the
 * countries it sent from (for the map), when it was first and last seen in the cache, and its flags
 * with their evidence.
 */
public record AccountHistory(String address, DayWindow window, long[] perDay, long[] recipientsPerDay, long[] perTls,
                             long[] perProtocol, List<Count> methods, List<IpCount> clientIps, List<Count> countries,
                             LocalDate firstSeen, LocalDate lastSeen, List<UnusualActivity.Finding> findings) {

    /** A method or country with its submissions. */
    public record Count(String value, long count) {
    }

    /** A client IP with its submissions and place. */
    public record IpCount(String ip, Place place, long count) {
    }

    public static AccountHistory of(SmtpDataset d, int account, DayWindow window) {
        long[] perDay = new long[window.days()];
        long[] recipients = new long[window.days()];
        long[] perTls = new long[TlsVersion.values().length];
        long[] perProtocol = new long[AuthProtocol.values().length];
        Map<Integer, long[]> methods = new HashMap<>();
        Map<Integer, long[]> ips = new HashMap<>();
        Places places = d.places();
        for (int k = d.accountEntryFrom(account, window.firstEpochDay()); k < d.aeStart[account + 1]; k++) {
            int i = d.aeEntry[k];
            if (d.eDay[i] > window.lastEpochDay()) {
                break;
            }
            long c = d.eCount[i];
            int day = (int) (d.eDay[i] - window.firstEpochDay());
            perDay[day] += c;
            recipients[day] += d.eRecipients[i];
            perTls[d.eTls[i]] += c;
            perProtocol[d.methodProtocol[d.eMethod[i]]] += c;
            methods.computeIfAbsent(d.eMethod[i], m -> new long[1])[0] += c;
            ips.computeIfAbsent(d.eIp[i], m -> new long[1])[0] += c;
        }
        List<Count> methodCounts = new ArrayList<>();
        methods.forEach((m, n) -> methodCounts.add(new Count(d.method(m), n[0])));
        methodCounts.sort(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::value));
        List<IpCount> ipCounts = new ArrayList<>();
        Map<String, long[]> countries = new HashMap<>();
        ips.forEach((ip, n) -> {
            ipCounts.add(new IpCount(d.ip(ip), places.place(d, ip), n[0]));
            String country = places.country(ip);
            if (!country.isEmpty()) {
                countries.computeIfAbsent(country, x -> new long[1])[0] += n[0];
            }
        });
        ipCounts.sort(Comparator.comparingLong(IpCount::count).reversed().thenComparing(IpCount::ip));
        List<Count> countryCounts = new ArrayList<>();
        countries.forEach((c, n) -> countryCounts.add(new Count(c, n[0])));
        countryCounts.sort(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::value));
        int first = d.firstDay(account);
        int last = d.lastDay(account);
        return new AccountHistory(d.account(account), window, perDay, recipients, perTls, perProtocol, List.copyOf(methodCounts),
                List.copyOf(ipCounts), List.copyOf(countryCounts),
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

    /** Whether any submission of the window carries recipients (the source logs them). */
    public boolean hasRecipients() {
        for (long n : recipientsPerDay) {
            if (n > 0) {
                return true;
            }
        }
        return false;
    }

    /** The {@code limit} most used client IPs. */
    public List<IpCount> topIps(int limit) {
        return clientIps.subList(0, Math.min(limit, clientIps.size()));
    }
}
