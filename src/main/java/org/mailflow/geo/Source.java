package org.mailflow.geo;

import com.maxmind.db.Reader;
import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Map;

/** One open MaxMind DB and what it is. Thread-safe: the reader is. */
final class Source implements Closeable {
    private final Reader reader;
    private final DatabaseInfo info;
    private final boolean ipv6;

    Source(Reader reader, DatabaseInfo info) {
        this.reader = reader;
        this.info = info;
        this.ipv6 = reader.getMetadata().getIpVersion() == 6;
    }

    DatabaseInfo info() {
        return info;
    }

    /** The record for an address, null when none (or when an IPv4-only database is asked about IPv6). */
    @SuppressWarnings("unchecked")
    Map<String, Object> get(InetAddress address) throws IOException {
        if (!ipv6 && address instanceof Inet6Address) return null;
        return reader.get(address, Map.class);
    }

    Reader reader() {
        return reader;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
