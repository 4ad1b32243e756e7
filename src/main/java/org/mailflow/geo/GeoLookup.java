package org.mailflow.geo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mailflow.model.UserText;

/**
 * Looks client IPs up in local MaxMind DB files only: nothing is sent anywhere. Thread-safe; each distinct IP text is
 * looked up once and its {@link Place} kept (up to {@value #CACHE_LIMIT} of them, then the cache starts afresh).
 *
 * <p>Country: a user's City database (the country of the city record), else a user's Country database, else the
 * bundled one, each asked in turn until one knows the address. AS number and organisation: a user's ASN database,
 * else the bundled one. City and coordinates only from a user's City database. A database that fails at a lookup
 * (damaged) is skipped for that address and noted once in {@link #problems()}.
 */
public final class GeoLookup implements AutoCloseable {
    static final int CACHE_LIMIT = 1 << 20;

    private static final class SharedBundled {
        static final GeoLookup INSTANCE = new GeoLookup(null, null, GeoDatabases.bundledCountry(), null,
                GeoDatabases.bundledAsn(), List.of(), List.of());
    }

    private static final GeoLookup NONE = new GeoLookup(null, null, null, null, null, List.of(), List.of());

    private final Source city;
    private final Source userCountry;
    private final Source bundledCountry;
    private final Source userAsn;
    private final Source bundledAsn;
    private final List<Source> owned;
    private final List<UserText> problems;
    private final Set<Source> failed = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Place> cache = new ConcurrentHashMap<>();
    /** About how many places {@link #cache} holds (exact but for a clear racing an insert). */
    private final java.util.concurrent.atomic.AtomicInteger cached = new java.util.concurrent.atomic.AtomicInteger();

    private GeoLookup(Source city, Source userCountry, Source bundledCountry, Source userAsn, Source bundledAsn,
                      List<Source> owned, List<UserText> problems) {
        this.city = city;
        this.userCountry = userCountry;
        this.bundledCountry = bundledCountry;
        this.userAsn = userAsn;
        this.bundledAsn = bundledAsn;
        this.owned = List.copyOf(owned);
        this.problems = new CopyOnWriteArrayList<>(problems);
    }

    /** The shipped country and ASN databases, loaded once per JVM and shared; {@link #close()} leaves them open. */
    public static GeoLookup bundled() {
        return SharedBundled.INSTANCE;
    }

    /**
     * The user's files where given (they take precedence per kind), the bundled data for the rest. A file that cannot
     * be opened (gone, damaged, of another kind) is skipped, noted in {@link #problems()}, and the bundled data
     * answers; this never throws for that.
     */
    public static GeoLookup open(Map<GeoKind, Path> userFiles) {
        if (userFiles == null || userFiles.values().stream().allMatch(p -> p == null)) return bundled();
        Map<GeoKind, Source> opened = new EnumMap<>(GeoKind.class);
        List<UserText> problems = new ArrayList<>();
        for (Map.Entry<GeoKind, Path> e : userFiles.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) continue;
            try {
                opened.put(e.getKey(), GeoDatabases.openUser(e.getValue(), e.getKey()));
            } catch (GeoFileException refused) {
                problems.add(UserText.of("geo.problem.refused", refused.userText(),
                        UserText.of("geo.kind." + e.getKey().name().toLowerCase(Locale.ROOT))));
            }
        }
        return new GeoLookup(opened.get(GeoKind.CITY), opened.get(GeoKind.COUNTRY), GeoDatabases.bundledCountry(),
                opened.get(GeoKind.ASN), GeoDatabases.bundledAsn(), List.copyOf(opened.values()), problems);
    }

    /**
     * The same databases with an empty per-IP cache: what the lookups of a page cost the first time
     * (benchmarks). Closing it leaves the databases open.
     */
    public GeoLookup fresh() {
        return new GeoLookup(city, userCountry, bundledCountry, userAsn, bundledAsn, List.of(), problems);
    }

    /** No databases at all: every public address is unknown (for tests). */
    public static GeoLookup none() {
        return NONE;
    }

    /** What this IP is; never throws. Malformed text is {@link Place.Kind#INVALID}, kept as given. */
    public Place lookup(String ip) {
        if (ip == null) return Place.invalid("");
        Place known = cache.get(ip);
        if (known != null) return known;
        Place place = find(ip);
        if (cached.get() >= CACHE_LIMIT) { // a counter: ConcurrentHashMap.size() adds up its cells, costly on every miss
            cache.clear();
            cached.set(0);
        }
        Place raced = cache.putIfAbsent(ip, place);
        if (raced == null) {
            cached.incrementAndGet();
        }
        return raced != null ? raced : place;
    }

    private Place find(String ip) {
        byte[] raw = IpLiteral.parse(ip);
        if (raw == null) return Place.invalid(ip);
        if (IpLiteral.isPrivate(raw)) return Place.privateNetwork(ip);
        if (IpLiteral.isDocumentation(raw)) return Place.unknown(ip);
        InetAddress address;
        try {
            address = InetAddress.getByAddress(raw); // bytes only: no name lookup
        } catch (UnknownHostException impossible) {
            return Place.invalid(ip);
        }
        String country = "";
        String cityName = "";
        double latitude = Double.NaN;
        double longitude = Double.NaN;
        Map<String, Object> cityRecord = record(city, address);
        if (cityRecord != null) {
            country = countryOf(cityRecord);
            cityName = cityNameOf(cityRecord);
            Object location = cityRecord.get("location");
            Map<?, ?> where = location instanceof Map<?, ?> m ? m : cityRecord;
            double lat = number(where.get("latitude")), lon = number(where.get("longitude"));
            if (!Double.isNaN(lat) && !Double.isNaN(lon)) {
                latitude = lat;
                longitude = lon;
            }
        }
        if (country.isEmpty()) country = countryOf(record(userCountry, address));
        if (country.isEmpty()) country = countryOf(record(bundledCountry, address));
        Map<String, Object> as = record(userAsn, address);
        long asn = asnOf(as);
        if (asn == 0) {
            as = record(bundledAsn, address);
            asn = asnOf(as);
        }
        String organisation = asn == 0 ? "" : text(as.get("autonomous_system_organization"));
        return new Place(ip, Place.Kind.PUBLIC, country, cityName, latitude, longitude, asn, organisation);
    }

    private Map<String, Object> record(Source source, InetAddress address) {
        if (source == null) return null;
        try {
            return source.get(address);
        } catch (IOException | RuntimeException e) {
            if (failed.add(source)) {
                org.slf4j.LoggerFactory.getLogger(GeoLookup.class).warn("the database {} failed at a lookup and is skipped", source.info().source(), e);
                problems.add(UserText.of("geo.problem.lookup", UserText.of("geo.kind."
                        + source.info().kind().name().toLowerCase(Locale.ROOT)), source.info().source(), String.valueOf(e.getMessage())));
            }
            return null;
        }
    }

    /** GeoLite2/GeoIP2 {@code country.iso_code}, ip-location-db {@code country_code}, else {@code registered_country}. */
    static String countryOf(Map<String, Object> record) {
        if (record == null) return "";
        String code = isoCode(record.get("country"));
        if (code.isEmpty()) code = iso(record.get("country_code"));
        if (code.isEmpty()) code = isoCode(record.get("registered_country"));
        return code;
    }

    private static String isoCode(Object country) {
        return country instanceof Map<?, ?> m ? iso(m.get("iso_code")) : "";
    }

    private static String iso(Object value) {
        if (!(value instanceof String s) || s.length() != 2) return "";
        String upper = s.toUpperCase(Locale.ROOT);
        return upper.chars().allMatch(c -> c >= 'A' && c <= 'Z') ? upper : "";
    }

    /** GeoIP2 {@code city.names.en}; a plain {@code city} string in flat layouts (ip-location-db, DB-IP). */
    private static String cityNameOf(Map<String, Object> record) {
        Object city = record.get("city");
        if (city instanceof Map<?, ?> m && m.get("names") instanceof Map<?, ?> names) return text(names.get("en"));
        return text(city);
    }

    private static long asnOf(Map<String, Object> record) {
        if (record == null) return 0;
        Object n = record.get("autonomous_system_number");
        return n instanceof Number num && num.longValue() > 0 ? num.longValue() : 0;
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : "";
    }

    /** Whether a user's City database is in use (places have coordinates). */
    public boolean hasCityDatabase() {
        return city != null;
    }

    /** The databases in use, in order of precedence: for the About dialog and the README. */
    public List<DatabaseInfo> databases() {
        List<DatabaseInfo> list = new ArrayList<>();
        for (Source s : new Source[] {city, userCountry, bundledCountry, userAsn, bundledAsn}) {
            if (s != null) list.add(s.info());
        }
        return List.copyOf(list);
    }

    /** User files that could not be opened (or failed at a lookup), in English, for a log or a notice. */
    public List<String> problems() {
        return problems.stream().map(UserText::toString).toList();
    }

    /** {@link #problems()} to translate where they are shown. */
    public List<UserText> problemTexts() {
        return List.copyOf(problems);
    }

    /** Closes the user's databases; the bundled ones stay open for the rest of the JVM. */
    @Override
    public void close() {
        for (Source s : owned) {
            try {
                s.close();
            } catch (IOException ignored) {
                // held in memory: nothing left to release
            }
        }
    }
}
