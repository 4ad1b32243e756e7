/**
 * Where SMTP AUTH clients are, offline (SPEC 2.5, 2.6): client IPs looked up in local MaxMind DB ({@code .mmdb})
 * files only, when report pages are built. No JavaFX here.
 *
 * <ul>
 *   <li>{@link org.mailflow.geo.GeoLookup}: an IP text → {@link org.mailflow.geo.Place} (country, city and
 *       coordinates, AS number and organisation; private and malformed addresses are never looked up).</li>
 *   <li>{@link org.mailflow.geo.GeoDatabases#check}: Settings' test of a user's GeoLite2/GeoIP2 Country, City or
 *       ASN file ({@link org.mailflow.geo.GeoFileException} says why one is refused).</li>
 *   <li>{@link org.mailflow.geo.CountryCentroids} and {@link org.mailflow.geo.Distances}: impossible travel
 *       without a City database.</li>
 * </ul>
 *
 * <p>Bundled data ({@code src/main/resources/org/mailflow/geo/}, sources and licences in its {@code SOURCES.md}):
 * {@code country.mmdb} is ip-location-db's geo-whois-asn-country MaxMind DB as published on npm;
 * {@code asn.mmdb} is built from the CSV files of the npm package {@code @ip-location-db/asn} by
 * {@code AsnDatabaseBuilder} in the test sources (with the test-only {@code MmdbWriter}):
 * <pre>
 * npm pack @ip-location-db/asn@VERSION &amp;&amp; tar xzf ip-location-db-asn-VERSION.tgz
 * mvn -q -B test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.mailflow.geo.AsnDatabaseBuilder \
 *     -Dexec.args="package src/main/resources/org/mailflow/geo/asn.mmdb"
 * </pre>
 * then update the versions in {@code bundled.properties} and {@code SOURCES.md}. {@code country.mmdb} is replaced
 * by copying {@code geo-whois-asn-country.mmdb} from {@code npm pack @ip-location-db/geo-whois-asn-country-mmdb}.
 */
package org.mailflow.geo;
