package org.mailflow.smtpauth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailflow.geo.CountryCentroids;
import org.mailflow.geo.Distances;
import org.mailflow.geo.Place;

/**
 * Where the client IPs of a {@link SmtpDataset} are (SPEC 2.6), and what the place flags of SPEC 2.5
 * need from that: per account, the first day it was seen in each country, and its impossible journeys.
 *
 * <p><b>Journeys.</b> The cache keeps, per day and client IP (and method, TLS…), the time of the
 * first and the last submission, not every submission; the journeys are read from those times: per
 * account, every known first and last time with its place, in time order, and each two consecutive
 * ones from different places compared. Two submissions from different places at the same second
 * (or with overlapping spans) are an infinite speed. A place is the city's coordinates when a city
 * database answers for the IP, else the country's centroid; two places in the same country are
 * never compared on centroids (SPEC 2.5); an IP without a country, a private address or an
 * unreadable one has no place and is skipped.
 */
public final class Places {
    /** No places known: every IP of an unknown country. */
    static final Places NONE = new Places(new Place[0], new String[0], new double[0], new double[0], new boolean[0],
            new int[] {0}, new String[0], new int[0], new int[0], Map.of());

    private final Place[] byIp;
    private final String[] country;
    private final double[] latitude;
    private final double[] longitude;
    private final boolean[] cityPrecision;
    // Per account: the countries it was seen in, each with its first day and the IP of that day.
    private final int[] acStart;
    private final String[] acCountry;
    private final int[] acFirstDay;
    private final int[] acFirstIp;
    private final Map<Integer, List<Journey>> journeys;

    /**
     * An impossible journey between two consecutive submissions of one account: from one IP and
     * time to another, {@code km} apart at {@code kmPerHour} (infinite when the times are equal).
     * {@code fromSecond} and {@code toSecond} are epoch seconds.
     */
    public record Journey(int fromIp, long fromSecond, int toIp, long toSecond, double km, double kmPerHour, boolean centroids) {
        public int day() {
            return (int) Math.floorDiv(toSecond, 86_400L);
        }
    }

    private Places(Place[] byIp, String[] country, double[] latitude, double[] longitude, boolean[] cityPrecision, int[] acStart,
                   String[] acCountry, int[] acFirstDay, int[] acFirstIp, Map<Integer, List<Journey>> journeys) {
        this.byIp = byIp;
        this.country = country;
        this.latitude = latitude;
        this.longitude = longitude;
        this.cityPrecision = cityPrecision;
        this.acStart = acStart;
        this.acCountry = acCountry;
        this.acFirstDay = acFirstDay;
        this.acFirstIp = acFirstIp;
        this.journeys = journeys;
    }

    /** The place of an IP of the dataset; unknown when the data was never located. */
    public Place place(SmtpDataset d, int ip) {
        return ip < byIp.length ? byIp[ip] : Place.unknown(d.ip(ip));
    }

    /** The ISO country code of an IP of the dataset, {@code ""} when unknown or private. */
    public String country(int ip) {
        return ip < country.length ? country[ip] : "";
    }

    /** The countries an account was seen in, in no particular order, with the first day and its IP. */
    List<int[]> countriesOf(int account) {
        List<int[]> out = new ArrayList<>();
        if (account + 1 < acStart.length) {
            for (int k = acStart[account]; k < acStart[account + 1]; k++) {
                out.add(new int[] {k, acFirstDay[k], acFirstIp[k]});
            }
        }
        return out;
    }

    String countryAt(int k) {
        return acCountry[k];
    }

    /** The account's impossible journeys, in time order. */
    List<Journey> journeys(int account) {
        return journeys.getOrDefault(account, List.of());
    }

    /**
     * The places of {@code d}'s client IPs and the place flags' inputs. For the data of a window's load
     * ({@link SmtpDataset#loadedWindow()}), the history sightings (entries before the loaded rows,
     * without times: client IPs an account used before them, on its first day there; the load reads
     * every one only for the accounts with a row first seen in the window, see SmtpStore.History) count only
     * for the accounts that have a country first seen, among the loaded rows, on a day of the window:
     * only there can new-country fire, and only there must it know whether the country was seen
     * before. The other accounts' sightings are neither looked up nor counted, which changes no flag:
     * a country first seen in the rows before the window cannot be first seen in it. Without
     * sightings, every IP is looked up, as before.
     */
    /**
     * The client IPs that {@link #of} looks up: every one in a dataset of the whole cache; in a window's
     * load, those of the window's rows and of earlier sightings that new-country needs.
     */
    static int[] needed(SmtpDataset d) {
        boolean[] wanted = new boolean[d.ipCount()];
        if (d.historyBefore == Integer.MIN_VALUE) {
            Arrays.fill(wanted, true);
        } else {
            for (int e = 0; e < d.eDay.length; e++) {
                if (!d.sighting(e)) {
                    wanted[d.eIp[e]] = true;
                }
            }
            for (int ip : d.xIp) {
                wanted[ip] = true;
            }
        }
        return java.util.stream.IntStream.range(0, wanted.length).filter(i -> wanted[i]).toArray();
    }

    /**
     * The places of {@code d}'s client IPs, {@code geo} giving the place of an IP by its index;
     * {@code needed} are the IPs looked up first, {@link #needed}'s (the rest only where an account's
     * earlier sightings count).
     */
    static Places of(SmtpDataset d, java.util.function.IntFunction<Place> geo, int[] needed) {
        int n = d.ipCount();
        Place[] byIp = new Place[n];
        String[] country = new String[n];
        double[] lat = new double[n];
        double[] lon = new double[n];
        boolean[] city = new boolean[n];
        Arrays.fill(lat, Double.NaN);
        Arrays.fill(lon, Double.NaN);
        Arrays.fill(country, "");
        // Countries as small numbers (0: none), so that each account's first sightings are marks in an array.
        Map<String, Integer> countryNumbers = new HashMap<>();
        int[] countryOf = new int[n];
        boolean windowed = d.historyBefore != Integer.MIN_VALUE;
        Locator locator = new Locator(d, geo, byIp, country, lat, lon, city, countryNumbers, countryOf, new HashMap<>());
        for (int ip : needed) {
            locator.locate(ip);
        }
        int windowFirst = windowed ? Math.toIntExact(d.loadedWindow.firstEpochDay()) : Integer.MIN_VALUE;
        int[] seenBy = new int[16];
        int accounts = d.accountCount();
        int[] acStart = new int[accounts + 1];
        // Each account's countries in first-seen order, with the day and IP of the first sighting; most accounts have one.
        String[] acCountry = new String[accounts + 16];
        int[] acFirstDay = new int[acCountry.length];
        int[] acFirstIp = new int[acCountry.length];
        int acSize = 0;
        Map<Integer, List<Journey>> journeys = new HashMap<>();
        long[] points = new long[64];
        int stamp = 0;
        for (int a = 0; a < accounts; a++) {
            int np = 0;
            int countries = 0;
            boolean cities = false;
            boolean withSightings = false;
            if (windowed) {
                // Is a country first seen, among the loaded rows, on a day of the window?
                stamp++;
                for (int k = d.aeStart[a]; k < d.aeStart[a + 1] && !withSightings; k++) {
                    int e = d.aeEntry[k];
                    if (d.sighting(e)) {
                        continue;
                    }
                    int c = countryOf[d.eIp[e]];
                    if (c != 0) {
                        seenBy = mark(seenBy, c);
                        if (seenBy[c] != stamp) {
                            seenBy[c] = stamp;
                            withSightings = d.eDay[e] >= windowFirst;
                        }
                    }
                }
            }
            stamp++;
            for (int k = d.aeStart[a]; k < d.aeStart[a + 1]; k++) {
                int e = d.aeEntry[k];
                if (windowed && d.sighting(e)) {
                    if (!withSightings) {
                        continue;
                    }
                    locator.locate(d.eIp[e]);
                }
                int ip = d.eIp[e];
                int c = countryOf[ip];
                cities |= city[ip];
                if (c != 0) {
                    seenBy = mark(seenBy, c);
                    if (seenBy[c] != stamp) {
                        seenBy[c] = stamp;
                        countries++;
                        if (acSize == acCountry.length) {
                            acCountry = Arrays.copyOf(acCountry, acSize * 2);
                            acFirstDay = Arrays.copyOf(acFirstDay, acSize * 2);
                            acFirstIp = Arrays.copyOf(acFirstIp, acSize * 2);
                        }
                        acCountry[acSize] = country[ip];
                        acFirstDay[acSize] = d.eDay[e];
                        acFirstIp[acSize] = ip;
                        acSize++;
                    }
                }
            }
            // On centroids, places of one country are never compared: most accounts need no journeys.
            for (int k = d.aeStart[a]; k < d.aeStart[a + 1] && (countries > 1 || cities); k++) {
                int e = d.aeEntry[k];
                int ip = d.eIp[e];
                if (!Double.isNaN(lat[ip]) && d.eFirst[e] >= 0) {
                    if (np + 2 > points.length) {
                        points = Arrays.copyOf(points, points.length * 2);
                    }
                    long base = (long) d.eDay[e] * 86_400L;
                    points[np++] = pack(base + d.eFirst[e], ip);
                    points[np++] = pack(base + d.eLast[e], ip);
                }
            }
            acStart[a + 1] = acSize;
            if (np > 1) {
                List<Journey> found = journeys(points, np, country, lat, lon, city);
                if (!found.isEmpty()) {
                    journeys.put(a, found);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (byIp[i] == null) {
                byIp[i] = Place.unknown(d.ip(i)); // a sighting's IP that was not needed: never shown
            }
        }
        return new Places(byIp, country, lat, lon, city, acStart, Arrays.copyOf(acCountry, acSize), Arrays.copyOf(acFirstDay, acSize),
                Arrays.copyOf(acFirstIp, acSize), journeys);
    }

    private static int[] mark(int[] seenBy, int c) {
        return c < seenBy.length ? seenBy : Arrays.copyOf(seenBy, Math.max(c + 1, seenBy.length * 2));
    }

    /** Looks IPs up once each, filling the arrays of {@link #of}. */
    private record Locator(SmtpDataset d, java.util.function.IntFunction<Place> geo, Place[] byIp, String[] country, double[] lat,
                           double[] lon, boolean[] city, Map<String, Integer> countryNumbers, int[] countryOf,
                           Map<String, double[]> centroids) {
        /** A country without a known centroid, in {@link #centroids}: one look-up per country, not per IP. */
        private static final double[] NO_CENTROID = new double[0];

        void locate(int i) {
            if (byIp[i] != null) {
                return;
            }
            Place p = geo.apply(i);
            byIp[i] = p;
            country[i] = p.kind() == Place.Kind.PUBLIC && p.countryCode() != null ? p.countryCode() : "";
            if (p.kind() == Place.Kind.PUBLIC && p.hasCity()) {
                lat[i] = p.latitude();
                lon[i] = p.longitude();
                city[i] = true;
            } else if (!country[i].isEmpty()) {
                double[] c = centroids.computeIfAbsent(country[i], k -> CountryCentroids.of(k).orElse(NO_CENTROID));
                if (c != NO_CENTROID) {
                    lat[i] = c[0];
                    lon[i] = c[1];
                }
            }
            countryOf[i] = country[i].isEmpty() ? 0 : countryNumbers.computeIfAbsent(country[i], c -> countryNumbers.size() + 1);
        }
    }

    /** A point is packed as its epoch second in the high 40 bits and its IP index in the low 24 (16.7 million distinct IPs). */
    private static final int IP_BITS = 24;

    private static long pack(long second, int ip) {
        return (second << IP_BITS) | (ip & ((1L << IP_BITS) - 1));
    }

    private static List<Journey> journeys(long[] points, int np, String[] country, double[] lat, double[] lon, boolean[] city) {
        Arrays.sort(points, 0, np);
        List<Journey> out = new ArrayList<>();
        for (int k = 1; k < np; k++) {
            int fromIp = (int) (points[k - 1] & ((1L << IP_BITS) - 1));
            int toIp = (int) (points[k] & ((1L << IP_BITS) - 1));
            if (fromIp == toIp) {
                continue;
            }
            boolean centroids = !city[fromIp] || !city[toIp];
            if (centroids && country[fromIp].equals(country[toIp])) {
                continue;
            }
            double km = Distances.km(lat[fromIp], lon[fromIp], lat[toIp], lon[toIp]);
            if (km <= UnusualActivity.TRAVEL_KM) {
                continue;
            }
            long from = points[k - 1] >> IP_BITS;
            long to = points[k] >> IP_BITS;
            double hours = (to - from) / 3600.0;
            double speed = hours <= 0 ? Double.POSITIVE_INFINITY : km / hours;
            if (speed > UnusualActivity.TRAVEL_KMH) {
                out.add(new Journey(fromIp, from, toIp, to, km, speed, centroids));
            }
        }
        return out;
    }
}
