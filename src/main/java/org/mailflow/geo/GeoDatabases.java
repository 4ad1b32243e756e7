package org.mailflow.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.InvalidDatabaseException;
import com.maxmind.db.InvalidNetworkException;
import com.maxmind.db.Metadata;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Opening and checking MaxMind DB files: the bundled country and ASN databases (class path resources, held in
 * memory, loaded once per JVM) and the user's own GeoLite2/GeoIP2 files.
 *
 * <p>A user's file is read whole into memory, so replacing or deleting it later cannot break lookups. Its kind comes
 * from the metadata {@code database_type} ("GeoLite2-Country", "GeoIP2-City", "GeoLite2-ASN", "DBIP-City-Lite", …:
 * it names City, Country or ASN) and, when that names none or several, from the layout of its first records:
 * {@code city}/{@code location} make a City database, {@code country}/{@code country_code} a Country database,
 * {@code autonomous_system_number} an ASN database. Kinds are strict: a City database is refused where a Country
 * database is asked for, although a City database in use also answers for the country.
 */
public final class GeoDatabases {
    private static final int NODE_CACHE = 16_384;
    private static final String[] PROBES = {"8.8.8.8", "1.1.1.1", "193.0.6.139"};

    private GeoDatabases() {}

    /**
     * Opens and checks a user's file: it exists, is a MaxMind DB and is of the expected kind.
     *
     * @return what it is, for Settings and the About dialog
     * @throws GeoFileException why it is refused (the caller keeps its previous choice)
     */
    public static DatabaseInfo check(Path file, GeoKind expected) throws GeoFileException {
        Source source = openUser(file, expected);
        try {
            source.close();
        } catch (IOException ignored) {
            // read into memory: nothing to release but the buffer
        }
        return source.info();
    }

    /** A user's file, checked, read into memory; the caller closes it. */
    static Source openUser(Path file, GeoKind expected) throws GeoFileException {
        Objects.requireNonNull(expected, "expected");
        if (file == null || !Files.exists(file)) throw refusal(GeoFileException.Reason.MISSING, file, expected, "", null, null);
        if (!Files.isRegularFile(file)) {
            throw refusal(GeoFileException.Reason.NOT_MMDB, file, expected, "", "not a regular file", null);
        }
        if (!Files.isReadable(file)) throw refusal(GeoFileException.Reason.UNREADABLE, file, expected, "", null, null);
        Reader reader;
        try {
            reader = new Reader(file.toFile(), Reader.FileMode.MEMORY, new CHMCache(NODE_CACHE));
        } catch (NoSuchFileException e) {
            throw refusal(GeoFileException.Reason.MISSING, file, expected, "", null, e);
        } catch (AccessDeniedException e) {
            throw refusal(GeoFileException.Reason.UNREADABLE, file, expected, "", null, e);
        } catch (InvalidDatabaseException | RuntimeException e) {
            throw refusal(GeoFileException.Reason.NOT_MMDB, file, expected, "", e.getMessage(), e);
        } catch (IOException e) {
            throw refusal(GeoFileException.Reason.UNREADABLE, file, expected, "", e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw refusal(GeoFileException.Reason.UNREADABLE, file, expected, "", "too large to read", null);
        }
        String type = "";
        try {
            Metadata metadata = reader.getMetadata();
            type = metadata.getDatabaseType() == null ? "" : metadata.getDatabaseType();
            if (metadata.getBinaryFormatMajorVersion() != 2) {
                throw new InvalidDatabaseException("binary format " + metadata.getBinaryFormatMajorVersion());
            }
            for (String probe : PROBES) reader.get(InetAddress.getByAddress(IpLiteral.parseRaw(probe)), Map.class);
            Set<GeoKind> kinds = kindsOf(reader);
            if (!kinds.contains(expected)) {
                closeQuietly(reader);
                throw refusal(GeoFileException.Reason.WRONG_KIND, file, expected, type, null, null);
            }
            DatabaseInfo info = new DatabaseInfo(expected, type.isEmpty() ? file.getFileName().toString() : type,
                    dateOf(metadata), DatabaseInfo.USER_LICENCE, file.toAbsolutePath().toString(), false);
            return new Source(reader, info);
        } catch (GeoFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(reader);
            throw refusal(GeoFileException.Reason.NOT_MMDB, file, expected, type, e.getMessage(), e);
        }
    }

    /** The kinds a database can serve as: by its type name, and by its records when the name is not decisive. */
    static Set<GeoKind> kindsOf(Reader reader) throws IOException {
        String type = String.valueOf(reader.getMetadata().getDatabaseType()).toLowerCase(Locale.ROOT);
        EnumSet<GeoKind> named = EnumSet.noneOf(GeoKind.class);
        if (type.contains("city")) named.add(GeoKind.CITY);
        else if (type.contains("country")) named.add(GeoKind.COUNTRY);
        if (type.contains("asn")) named.add(GeoKind.ASN);
        if (named.size() == 1) return named;
        EnumSet<GeoKind> probed = probeLayout(reader);
        if (named.isEmpty()) return probed;
        EnumSet<GeoKind> both = EnumSet.copyOf(named);
        both.retainAll(probed);
        return both.isEmpty() ? named : both;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static EnumSet<GeoKind> probeLayout(Reader reader) throws IOException {
        EnumSet<GeoKind> kinds = EnumSet.noneOf(GeoKind.class);
        Networks<Map> networks;
        try {
            networks = reader.networks(false, Map.class);
        } catch (InvalidNetworkException e) {
            throw new InvalidDatabaseException("cannot walk the search tree: " + e.getMessage());
        }
        for (int i = 0; i < 64 && networks.hasNext(); i++) {
            DatabaseRecord<Map> record = networks.next();
            if (record.getData() != null) kinds.addAll(layoutOf((Map<String, Object>) record.getData()));
        }
        return kinds;
    }

    /** CITY for city/location data, else COUNTRY for a country; ASN for an AS number. */
    static EnumSet<GeoKind> layoutOf(Map<String, Object> record) {
        EnumSet<GeoKind> kinds = EnumSet.noneOf(GeoKind.class);
        if (record.containsKey("city") || record.containsKey("location")
                || (record.containsKey("latitude") && record.containsKey("longitude"))) {
            kinds.add(GeoKind.CITY);
        } else if (record.containsKey("country") || record.containsKey("country_code")
                || record.containsKey("registered_country")) {
            kinds.add(GeoKind.COUNTRY);
        }
        if (record.containsKey("autonomous_system_number")) kinds.add(GeoKind.ASN);
        return kinds;
    }

    static LocalDate dateOf(Metadata metadata) {
        return metadata.getBuildDate().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static GeoFileException refusal(GeoFileException.Reason reason, Path file, GeoKind expected, String type,
                                            String detail, Throwable cause) {
        return new GeoFileException(reason, file, expected, type, detail, cause);
    }

    private static void closeQuietly(Reader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // in memory: nothing to release but the buffer
        }
    }

    /** The bundled country database, loaded on first use. */
    static Source bundledCountry() {
        return Bundled.COUNTRY;
    }

    /** The bundled ASN database, loaded on first use. */
    static Source bundledAsn() {
        return Bundled.ASN;
    }

    /** The shipped databases, described by {@code bundled.properties} beside them. */
    private static final class Bundled {
        static final Properties ABOUT = about();
        static final Source COUNTRY = load("country", GeoKind.COUNTRY);
        static final Source ASN = load("asn", GeoKind.ASN);

        private static Properties about() {
            Properties p = new Properties();
            try (InputStream in = GeoDatabases.class.getResourceAsStream("bundled.properties")) {
                if (in == null) throw new IllegalStateException("bundled.properties is missing from the build");
                p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p;
        }

        private static Source load(String name, GeoKind kind) {
            String file = ABOUT.getProperty(name + ".file");
            try (InputStream in = GeoDatabases.class.getResourceAsStream(file)) {
                if (in == null) throw new IllegalStateException(file + " is missing from the build");
                Reader reader = new Reader(in, new CHMCache(NODE_CACHE));
                DatabaseInfo info = new DatabaseInfo(kind, ABOUT.getProperty(name + ".description"),
                        dateOf(reader.getMetadata()), ABOUT.getProperty(name + ".licence"),
                        ABOUT.getProperty(name + ".source"), true);
                return new Source(reader, info);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled " + file, e);
            }
        }
    }
}
