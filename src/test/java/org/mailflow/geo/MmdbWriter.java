package org.mailflow.geo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes MaxMind DB files (binary format 2.0, https://maxmind.github.io/MaxMind-DB/): the converter of the bundled
 * ASN database ({@link AsnDatabaseBuilder}) and the tests' small user files of every kind.
 *
 * <p>The search tree covers the 128-bit IPv6 space (ip_version 6) with IPv4 at {@code ::/96}, as MaxMind's own
 * databases do; an {@code ip_version 4} writer keeps a 32-bit tree. Inserting a network inside one that already
 * has data splits it, so the rest of the larger network keeps its data; inserting over a larger area replaces
 * whatever was below. At {@link #write} a node whose two halves are the same answer is folded into that answer,
 * records are stored once (equal values share one place in the data section), and strings that already occur in
 * it are written as pointers, so repeated map keys and organisation names cost a few bytes each.
 *
 * <p>Values: {@code String} (utf8_string), {@code Integer}/{@code Long} (uint32 when they fit, else uint64;
 * int32 when negative), {@code BigInteger} (uint128), {@code Double}, {@code Float}, {@code Boolean},
 * {@code byte[]}, {@code Map<String, ?>} (insertion order kept) and {@code List<?>}; {@link #uint16} and friends
 * pick an exact type.
 */
final class MmdbWriter {
    /** A value with an exact MaxMind DB type (see the type numbers of the specification). */
    record Typed(int type, Object value) {}

    static Typed uint16(int value) { return new Typed(T_UINT16, (long) value); }
    static Typed uint32(long value) { return new Typed(T_UINT32, value); }
    static Typed uint64(long value) { return new Typed(T_UINT64, value); }
    static Typed int32(int value) { return new Typed(T_INT32, value); }

    private static final int T_POINTER = 1, T_STRING = 2, T_DOUBLE = 3, T_BYTES = 4, T_UINT16 = 5, T_UINT32 = 6,
            T_MAP = 7, T_INT32 = 8, T_UINT64 = 9, T_UINT128 = 10, T_ARRAY = 11, T_BOOLEAN = 14, T_FLOAT = 15;
    private static final byte[] METADATA_MARKER = concat(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF},
            "MaxMind.com".getBytes(StandardCharsets.US_ASCII));

    private final int ipVersion;
    private final int bits;
    private String databaseType = "Test";
    private final Map<String, String> description = new LinkedHashMap<>();
    private List<String> languages = List.of("en");
    private long buildEpoch = 0;
    private int minimumRecordSize = 24;

    // The tree as two child arrays. A child is 0 (no data), n > 0 (node n) or -(id + 1) (record id); node 0 is the root.
    private int[] left = new int[1024];
    private int[] right = new int[1024];
    private int nodes = 1;
    private final List<Object> records = new ArrayList<>();
    private final Map<Object, Integer> recordIds = new HashMap<>();

    MmdbWriter(int ipVersion) {
        if (ipVersion != 4 && ipVersion != 6) throw new IllegalArgumentException("ip_version 4 or 6");
        this.ipVersion = ipVersion;
        this.bits = ipVersion == 6 ? 128 : 32;
    }

    MmdbWriter databaseType(String type) { this.databaseType = Objects.requireNonNull(type); return this; }
    MmdbWriter description(String language, String text) { description.put(language, text); return this; }
    MmdbWriter languages(List<String> list) { this.languages = List.copyOf(list); return this; }
    MmdbWriter buildEpoch(long secondsSince1970) { this.buildEpoch = secondsSince1970; return this; }

    /** Use at least this record size (24, 28 or 32) even where a smaller one would do: tests of the node layouts. */
    MmdbWriter minimumRecordSize(int bits) {
        if (bits != 24 && bits != 28 && bits != 32) throw new IllegalArgumentException("record size " + bits);
        this.minimumRecordSize = bits;
        return this;
    }

    /** Inserts a network in CIDR notation of literals only ("8.8.8.0/24", "2001:db8::/32"). */
    MmdbWriter insert(String cidr, Object data) {
        int slash = cidr.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("not a CIDR: " + cidr);
        return insert(literal(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)), data);
    }

    /** Inserts {@code address/prefixLength}; an IPv4 address in an IPv6 tree goes to {@code ::/96}. */
    MmdbWriter insert(InetAddress address, int prefixLength, Object data) {
        byte[] raw = address.getAddress();
        if (raw.length == 16 && ipVersion == 4) throw new IllegalArgumentException("IPv6 network in an IPv4 tree");
        byte[] key = raw;
        int prefix = prefixLength;
        if (raw.length == 4 && ipVersion == 6) {
            key = new byte[16];
            System.arraycopy(raw, 0, key, 12, 4);
            prefix += 96;
        }
        if (prefixLength < 1 || prefix > bits) throw new IllegalArgumentException("prefix length " + prefixLength);
        insertBits(key, prefix, -(recordId(data) + 1));
        return this;
    }

    /** Inserts the inclusive range {@code first..last} (same family) as the fewest CIDR blocks. */
    MmdbWriter insertRange(InetAddress first, InetAddress last, Object data) {
        byte[] a = first.getAddress(), b = last.getAddress();
        if (a.length != b.length) throw new IllegalArgumentException("mixed families: " + first + " " + last);
        int width = a.length * 8;
        BigInteger start = new BigInteger(1, a), end = new BigInteger(1, b);
        if (start.compareTo(end) > 0) throw new IllegalArgumentException("empty range: " + first + " " + last);
        while (start.compareTo(end) <= 0) {
            int size = start.signum() == 0 ? width : Math.min(width, start.getLowestSetBit());
            int fits = end.subtract(start).add(BigInteger.ONE).bitLength() - 1;
            size = Math.min(size, fits);
            insert(address(start, a.length), width - size, data);
            start = start.add(BigInteger.ONE.shiftLeft(size));
        }
        return this;
    }

    private int recordId(Object data) {
        Objects.requireNonNull(data, "data");
        Integer id = recordIds.get(data);
        if (id == null) {
            id = records.size();
            records.add(data);
            recordIds.put(data, id);
        }
        return id;
    }

    private void insertBits(byte[] key, int prefix, int value) {
        int node = 0;
        for (int bit = 0; bit < prefix - 1; bit++) {
            boolean one = bitAt(key, bit);
            int child = one ? right[node] : left[node];
            if (child <= 0) {
                int fresh = newNode();
                left[fresh] = child; // a leaf being split: both halves keep its answer
                right[fresh] = child;
                if (one) right[node] = fresh; else left[node] = fresh;
                child = fresh;
            }
            node = child;
        }
        if (bitAt(key, prefix - 1)) right[node] = value; else left[node] = value;
    }

    private int newNode() {
        if (nodes == left.length) {
            left = Arrays.copyOf(left, nodes * 2);
            right = Arrays.copyOf(right, nodes * 2);
        }
        return nodes++;
    }

    private static boolean bitAt(byte[] key, int bit) {
        return ((key[bit >> 3] >> (7 - (bit & 7))) & 1) != 0;
    }

    /** Writes the database; returns its node count. */
    int write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return write(out);
        }
    }

    int write(OutputStream out) throws IOException {
        // Fold nodes whose two halves give the same answer, bottom up (children always have larger indices).
        int[] folded = new int[nodes];
        for (int n = nodes - 1; n >= 0; n--) {
            int l = resolve(left[n], folded), r = resolve(right[n], folded);
            left[n] = l;
            right[n] = r;
            folded[n] = (n != 0 && l == r && l <= 0) ? l : n;
        }
        // Number the reachable nodes in depth-first order from the root (0).
        int[] number = new int[nodes];
        Arrays.fill(number, -1);
        int[] order = new int[nodes];
        int count = 0;
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        stack.push(0);
        while (!stack.isEmpty()) {
            int n = stack.pop();
            number[n] = count;
            order[count++] = n;
            if (right[n] > 0) stack.push(right[n]);
            if (left[n] > 0) stack.push(left[n]);
        }
        // The data section: each record used once, in the order the tree first reaches it.
        DataEncoder data = new DataEncoder(true);
        long[] recordOffset = new long[records.size()];
        Arrays.fill(recordOffset, -1);
        long[] values = new long[count * 2];
        long maxValue = count;
        for (int i = 0; i < count; i++) {
            int n = order[i];
            for (int side = 0; side < 2; side++) {
                int child = side == 0 ? left[n] : right[n];
                long v;
                if (child > 0) {
                    v = number[child];
                } else if (child == 0) {
                    v = count;
                } else {
                    int id = -child - 1;
                    if (recordOffset[id] < 0) recordOffset[id] = data.writeValue(records.get(id));
                    v = count + 16L + recordOffset[id];
                }
                values[i * 2 + side] = v;
                maxValue = Math.max(maxValue, v);
            }
        }
        int recordSize = Math.max(minimumRecordSize, maxValue < (1L << 24) ? 24 : maxValue < (1L << 28) ? 28 : 32);
        if (maxValue >= (1L << 32)) throw new IOException("database too large for 32-bit records");

        byte[] tree = new byte[count * recordSize / 4];
        for (int i = 0; i < count; i++) writeNode(tree, i, recordSize, values[i * 2], values[i * 2 + 1]);
        out.write(tree);
        out.write(new byte[16]);
        data.out.writeTo(out);
        out.write(METADATA_MARKER);
        DataEncoder meta = new DataEncoder(false);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("binary_format_major_version", uint16(2));
        metadata.put("binary_format_minor_version", uint16(0));
        metadata.put("build_epoch", uint64(buildEpoch));
        metadata.put("database_type", databaseType);
        metadata.put("description", new LinkedHashMap<>(description));
        metadata.put("ip_version", uint16(ipVersion));
        metadata.put("languages", languages);
        metadata.put("node_count", uint32(count));
        metadata.put("record_size", uint16(recordSize));
        meta.writeValue(metadata);
        meta.out.writeTo(out);
        return count;
    }

    private static int resolve(int child, int[] folded) {
        return child > 0 ? folded[child] : child;
    }

    private static void writeNode(byte[] tree, int index, int recordSize, long l, long r) {
        int at = index * recordSize / 4;
        switch (recordSize) {
            case 24 -> {
                put(tree, at, l, 3);
                put(tree, at + 3, r, 3);
            }
            case 28 -> {
                put(tree, at, l & 0xFFFFFF, 3);
                tree[at + 3] = (byte) (((l >>> 24) & 0x0F) << 4 | ((r >>> 24) & 0x0F));
                put(tree, at + 4, r & 0xFFFFFF, 3);
            }
            default -> {
                put(tree, at, l, 4);
                put(tree, at + 4, r, 4);
            }
        }
    }

    private static void put(byte[] target, int at, long value, int width) {
        for (int i = 0; i < width; i++) target[at + i] = (byte) (value >>> (8 * (width - 1 - i)));
    }

    private static InetAddress address(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A literal IPv4 or IPv6 address; names are refused, so nothing is ever resolved. */
    static InetAddress literal(String text) {
        byte[] raw = IpLiteral.parseRaw(text);
        if (raw == null) throw new IllegalArgumentException("not an IP literal: " + text);
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Encodes values of the data section (or the metadata, without pointers). */
    private static final class DataEncoder {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        private final boolean pointers;
        private final Map<String, Long> strings = new HashMap<>();

        DataEncoder(boolean pointers) {
            this.pointers = pointers;
        }

        /** Writes one value; returns its offset in this section. */
        long writeValue(Object value) {
            long at = out.size();
            write(value);
            return at;
        }

        private void write(Object value) {
            if (value instanceof Typed t) {
                writeTyped(t.type(), t.value());
            } else if (value instanceof String s) {
                writeString(s);
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                long v = ((Number) value).longValue();
                if (v < 0) {
                    if (v < Integer.MIN_VALUE) throw new IllegalArgumentException("no signed 64-bit type: " + v);
                    writeTyped(T_INT32, (int) v);
                } else {
                    writeTyped(v <= 0xFFFFFFFFL ? T_UINT32 : T_UINT64, v);
                }
            } else if (value instanceof BigInteger b) {
                if (b.signum() < 0 || b.bitLength() > 128) throw new IllegalArgumentException("uint128: " + b);
                writeUnsigned(T_UINT128, b.toByteArray(), 16);
            } else if (value instanceof Double d) {
                control(T_DOUBLE, 8);
                long v = Double.doubleToLongBits(d);
                for (int i = 7; i >= 0; i--) out.write((int) (v >>> (8 * i)));
            } else if (value instanceof Float f) {
                control(T_FLOAT, 4);
                int v = Float.floatToIntBits(f);
                for (int i = 3; i >= 0; i--) out.write(v >>> (8 * i));
            } else if (value instanceof Boolean b) {
                control(T_BOOLEAN, b ? 1 : 0);
            } else if (value instanceof byte[] bytes) {
                control(T_BYTES, bytes.length);
                out.writeBytes(bytes);
            } else if (value instanceof Map<?, ?> map) {
                control(T_MAP, map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) throw new IllegalArgumentException("map keys are strings");
                    writeString(key);
                    write(e.getValue());
                }
            } else if (value instanceof List<?> list) {
                control(T_ARRAY, list.size());
                for (Object o : list) write(o);
            } else {
                throw new IllegalArgumentException("no MaxMind DB type for " + value);
            }
        }

        private void writeTyped(int type, Object value) {
            switch (type) {
                case T_UINT16, T_UINT32, T_UINT64 -> {
                    long v = ((Number) value).longValue();
                    int width = type == T_UINT16 ? 2 : type == T_UINT32 ? 4 : 8;
                    if (v < 0 || (width < 8 && v >>> (8 * width) != 0)) {
                        throw new IllegalArgumentException(v + " does not fit type " + type);
                    }
                    writeUnsigned(type, BigInteger.valueOf(v).toByteArray(), width);
                }
                case T_INT32 -> {
                    int v = ((Number) value).intValue();
                    int size = v < 0 ? 4 : (32 - Integer.numberOfLeadingZeros(v) + 7) / 8;
                    control(T_INT32, size);
                    for (int i = size - 1; i >= 0; i--) out.write(v >>> (8 * i));
                }
                default -> write(value);
            }
        }

        /** Big-endian, without leading zero bytes (a value of 0 has size 0). */
        private void writeUnsigned(int type, byte[] twosComplement, int width) {
            int from = 0;
            while (from < twosComplement.length && twosComplement[from] == 0) from++;
            int size = twosComplement.length - from;
            if (size > width) throw new IllegalArgumentException("too wide for type " + type);
            control(type, size);
            out.write(twosComplement, from, size);
        }

        private void writeString(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            if (pointers) {
                Long earlier = strings.get(s);
                if (earlier != null && pointerSize(earlier) < controlSize(T_STRING, utf8.length) + utf8.length) {
                    pointer(earlier);
                    return;
                }
                if (earlier == null) strings.put(s, (long) out.size());
            }
            control(T_STRING, utf8.length);
            out.writeBytes(utf8);
        }

        private static int pointerSize(long target) {
            return target < 2048 ? 2 : target < 526_336 ? 3 : target < 134_744_064 ? 4 : 5;
        }

        private static int controlSize(int type, int size) {
            int n = type > 7 ? 2 : 1;
            return n + (size < 29 ? 0 : size < 285 ? 1 : size < 65_821 ? 2 : 3);
        }

        private void pointer(long target) {
            if (target < 2048) {
                out.write(T_POINTER << 5 | (int) (target >>> 8));
                out.write((int) target);
            } else if (target < 526_336) {
                long v = target - 2048;
                out.write(T_POINTER << 5 | 1 << 3 | (int) (v >>> 16));
                out.write((int) (v >>> 8));
                out.write((int) v);
            } else if (target < 134_744_064) {
                long v = target - 526_336;
                out.write(T_POINTER << 5 | 2 << 3 | (int) (v >>> 24));
                out.write((int) (v >>> 16));
                out.write((int) (v >>> 8));
                out.write((int) v);
            } else {
                out.write(T_POINTER << 5 | 3 << 3);
                for (int i = 3; i >= 0; i--) out.write((int) (target >>> (8 * i)));
            }
        }

        private void control(int type, int size) {
            int sizeBits;
            int extraBytes;
            int extra;
            if (size < 29) {
                sizeBits = size;
                extraBytes = 0;
                extra = 0;
            } else if (size < 285) {
                sizeBits = 29;
                extraBytes = 1;
                extra = size - 29;
            } else if (size < 65_821) {
                sizeBits = 30;
                extraBytes = 2;
                extra = size - 285;
            } else {
                sizeBits = 31;
                extraBytes = 3;
                extra = size - 65_821;
                if (extra >= (1 << 24)) throw new IllegalArgumentException("value too large: " + size);
            }
            out.write((type <= 7 ? type << 5 : 0) | sizeBits);
            if (type > 7) out.write(type - 7);
            for (int i = extraBytes - 1; i >= 0; i--) out.write(extra >>> (8 * i));
        }
    }
}
