package org.mailflow.geo;

import static org.assertj.core.api.Assertions.assertThat;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test-side MaxMind DB writer, checked with MaxMind's own reader. */
class MmdbWriterTest {
    @TempDir
    Path dir;

    @Test
    void everyValueTypeRoundTrips() throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("string", "Zürich");
        record.put("long_string", "x".repeat(300));
        record.put("longer_string", "y".repeat(70_000));
        record.put("uint16", MmdbWriter.uint16(65535));
        record.put("uint32", 4_294_967_295L);
        record.put("zero", 0);
        record.put("uint64", MmdbWriter.uint64(Long.MAX_VALUE));
        record.put("uint128", BigInteger.ONE.shiftLeft(127));
        record.put("int32", -42);
        record.put("double", 45.76);
        record.put("float", 1.5f);
        record.put("true", true);
        record.put("false", false);
        record.put("bytes", new byte[] {1, 2, 3});
        record.put("array", List.of("a", 1, List.of()));
        record.put("nested", Map.of("names", Map.of("en", "Lyon")));
        Path file = dir.resolve("types.mmdb");
        new MmdbWriter(6).databaseType("Types").insert("8.8.8.0/24", record).write(file);
        try (Reader reader = new Reader(file.toFile())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = reader.get(InetAddress.getByAddress(new byte[] {8, 8, 8, 8}), Map.class);
            assertThat(read.get("string")).isEqualTo("Zürich");
            assertThat(read.get("long_string")).isEqualTo("x".repeat(300));
            assertThat(read.get("longer_string")).isEqualTo("y".repeat(70_000));
            assertThat(read.get("uint16")).isEqualTo(65535);
            assertThat(read.get("uint32")).isEqualTo(4_294_967_295L);
            assertThat(read.get("zero")).isEqualTo(0L);
            assertThat(read.get("uint64")).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
            assertThat(read.get("uint128")).isEqualTo(BigInteger.ONE.shiftLeft(127));
            assertThat(read.get("int32")).isEqualTo(-42);
            assertThat(read.get("double")).isEqualTo(45.76);
            assertThat(read.get("float")).isEqualTo(1.5f);
            assertThat(read.get("true")).isEqualTo(true);
            assertThat(read.get("false")).isEqualTo(false);
            assertThat((byte[]) read.get("bytes")).containsExactly(1, 2, 3);
            assertThat(read.get("array")).isEqualTo(List.of("a", 1L, List.of()));
            assertThat(read.get("nested")).isEqualTo(Map.of("names", Map.of("en", "Lyon")));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 28, 32})
    void nestedNetworksRangesAndRecordSizes(int recordSize) throws IOException {
        Path file = dir.resolve("nets.mmdb");
        Map<String, Object> wide = Map.of("n", "wide"), narrow = Map.of("n", "narrow"), range = Map.of("n", "range");
        new MmdbWriter(6).minimumRecordSize(recordSize)
                .insert("10.0.0.0/8", wide)
                .insert("10.1.2.0/24", narrow) // splits the /8: the rest keeps "wide"
                .insertRange(MmdbWriter.literal("20.0.0.5"), MmdbWriter.literal("20.0.1.3"), range)
                .insert("2001:db8::/32", narrow)
                .write(file);
        try (Reader reader = new Reader(file.toFile())) {
            assertThat(reader.getMetadata().toString()).contains("recordSize=" + recordSize);
            assertThat(n(reader, "10.0.0.1")).isEqualTo("wide");
            assertThat(n(reader, "10.1.2.77")).isEqualTo("narrow");
            assertThat(n(reader, "10.1.3.0")).isEqualTo("wide");
            assertThat(n(reader, "10.255.255.255")).isEqualTo("wide");
            assertThat(n(reader, "11.0.0.0")).isNull();
            assertThat(n(reader, "20.0.0.4")).isNull();
            assertThat(n(reader, "20.0.0.5")).isEqualTo("range");
            assertThat(n(reader, "20.0.0.255")).isEqualTo("range");
            assertThat(n(reader, "20.0.1.3")).isEqualTo("range");
            assertThat(n(reader, "20.0.1.4")).isNull();
            assertThat(n(reader, "2001:db8:1::1")).isEqualTo("narrow");
            assertThat(n(reader, "2001:db9::1")).isNull();
            @SuppressWarnings("rawtypes")
            DatabaseRecord<Map> r = reader.getRecord(MmdbWriter.literal("20.0.0.9"), Map.class);
            assertThat(r.getNetwork().toString()).isEqualTo("20.0.0.8/29");
        }
    }

    @Test
    void ipv4OnlyTree() throws IOException {
        Path file = dir.resolve("v4.mmdb");
        new MmdbWriter(4).insert("8.8.8.0/24", Map.of("n", "v4")).write(file);
        try (Reader reader = new Reader(file.toFile())) {
            assertThat(reader.getMetadata().getIpVersion()).isEqualTo(4);
            assertThat(n(reader, "8.8.8.8")).isEqualTo("v4");
            assertThat(n(reader, "8.8.9.8")).isNull();
        }
    }

    @Test
    void equalRecordsAndRepeatedStringsAreStoredOnce() throws IOException {
        Path one = dir.resolve("one.mmdb"), many = dir.resolve("many.mmdb");
        String organisation = "A rather long organisation name, Inc.";
        new MmdbWriter(6).insert("1.0.0.0/24", MmdbFixtures.asn(1, organisation)).write(one);
        MmdbWriter writer = new MmdbWriter(6);
        for (int i = 0; i < 200; i++) writer.insert("1.0." + i + ".0/24", MmdbFixtures.asn(1 + i % 2, organisation));
        writer.write(many);
        long perExtraRecord = (Files.size(many) - Files.size(one)) / 200;
        assertThat(perExtraRecord).isLessThan(10); // tree nodes only: two records, one copy of each string
        try (Reader reader = new Reader(many.toFile())) {
            Object record = reader.get(MmdbWriter.literal("1.0.199.1"), Map.class);
            assertThat(record).isEqualTo(Map.of("autonomous_system_number", 2L, "autonomous_system_organization", organisation));
        }
    }

    @Test
    void buildEpochFromThePackageVersion() {
        assertThat(AsnDatabaseBuilder.epochOf("2.3.2026061719")).isEqualTo(1_781_722_800L); // 2026-06-17T19:00Z
    }

    private static Object n(Reader reader, String ip) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = reader.get(MmdbWriter.literal(ip), Map.class);
        return m == null ? null : m.get("n");
    }
}
