package org.mailflow.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.mailflow.bulk.AdminSetting;

/**
 * The tenant allow/block list. An entry is an address ({@code news@shop.example}) or a domain
 * ({@code shop.example} or {@code @shop.example}) that covers every sender of that domain; an address
 * entry wins over its domain's entry. A later entry for the same address or domain replaces the
 * earlier one.
 */
public final class AllowBlockStore {
    private final Cache cache;

    public AllowBlockStore(Cache cache) {
        this.cache = cache;
    }

    /** The key an entry is stored under: lower-cased, without blanks or a leading {@code @}. */
    public static String normalise(String entry) {
        String e = entry.strip().toLowerCase(Locale.ROOT);
        return e.startsWith("@") ? e.substring(1) : e;
    }

    public static void put(Connection c, String entry, AdminSetting action) throws SQLException {
        if (action == AdminSetting.NONE) {
            throw new IllegalArgumentException("an allow/block entry is allow or block");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO allow_block(entry, action) VALUES (?, ?) ON CONFLICT(entry) DO UPDATE SET action = excluded.action")) {
            ps.setString(1, normalise(entry));
            ps.setString(2, action == AdminSetting.ALLOW ? "allow" : "block");
            ps.executeUpdate();
        }
    }

    public Map<String, AdminSetting> all() throws CacheException {
        return cache.read(AllowBlockStore::loadAll);
    }

    static Map<String, AdminSetting> loadAll(Connection c) throws SQLException {
        Map<String, AdminSetting> m = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT entry, action FROM allow_block")) {
            while (rs.next()) {
                m.put(rs.getString(1), "allow".equals(rs.getString(2)) ? AdminSetting.ALLOW : AdminSetting.BLOCK);
            }
        }
        return m;
    }

    /** The setting that applies to {@code address}: its own entry, else its domain's, else None. */
    public static AdminSetting settingFor(Map<String, AdminSetting> entries, String address) {
        AdminSetting own = entries.get(address);
        if (own != null) {
            return own;
        }
        int at = address.lastIndexOf('@');
        if (at >= 0) {
            AdminSetting domain = entries.get(address.substring(at + 1));
            if (domain != null) {
                return domain;
            }
        }
        return AdminSetting.NONE;
    }
}
