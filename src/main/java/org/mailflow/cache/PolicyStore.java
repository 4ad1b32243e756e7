package org.mailflow.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailflow.bulk.Policy;
import org.mailflow.model.UserText;

/**
 * Anti-spam policies: the three built-ins (never stored, never changed) followed by the custom ones
 * in name order. Names are unique without regard to case.
 */
public final class PolicyStore {
    private final Cache cache;

    public PolicyStore(Cache cache) {
        this.cache = cache;
    }

    /**
     * A change that the rules of policies do not allow; the message is for the user, translated where
     * it is shown ({@link #userText()}); {@link #getMessage()} is in the environment's language.
     */
    public static final class PolicyException extends Exception implements UserText.Carrier {
        private static final long serialVersionUID = 1L;

        private final transient UserText text;

        public PolicyException(UserText text) {
            super(text.toString());
            this.text = text;
        }

        @Override
        public UserText userText() {
            return text;
        }
    }

    public List<Policy> all() throws CacheException {
        return cache.read(c -> {
            List<Policy> out = new ArrayList<>(Policy.BUILT_IN);
            out.addAll(custom(c));
            return out;
        });
    }

    static List<Policy> custom(Connection c) throws SQLException {
        List<Policy> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, bulk_threshold FROM policy ORDER BY name COLLATE NOCASE");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(Policy.custom(rs.getString(1), rs.getInt(2)));
            }
        }
        return out;
    }

    /** The policy called {@code name} (any case), built-in or custom. */
    public Optional<Policy> find(String name) throws CacheException {
        return all().stream().filter(p -> p.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /** Creates a custom policy; the name must be new. */
    public Policy create(String name, int threshold) throws CacheException, PolicyException {
        check(name, threshold);
        String n = name.strip();
        return cache.write(c -> {
            if (exists(c, n)) {
                throw new PolicyException(UserText.of("policy.error.taken", n));
            }
            upsert(c, n, threshold);
            return Policy.custom(n, threshold);
        });
    }

    /** Sets the threshold of an existing custom policy. */
    public Policy setThreshold(String name, int threshold) throws CacheException, PolicyException {
        check(name, threshold);
        return cache.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE policy SET bulk_threshold = ? WHERE name = ?")) {
                ps.setInt(1, threshold);
                ps.setString(2, name.strip());
                if (ps.executeUpdate() == 0) {
                    throw new PolicyException(UserText.of("policy.error.unknown", name.strip()));
                }
            }
            return Policy.custom(canonicalName(c, name.strip()), threshold);
        });
    }

    /** Renames and re-thresholds a custom policy in one transaction: both change, or neither. */
    public Policy update(String from, String to, int threshold) throws CacheException, PolicyException {
        check(to, threshold);
        String target = to.strip();
        return cache.write(c -> {
            if (!from.strip().equalsIgnoreCase(target) && exists(c, target)) {
                throw new PolicyException(UserText.of("policy.error.taken", target));
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE policy SET name = ?, bulk_threshold = ? WHERE name = ?")) {
                ps.setString(1, target);
                ps.setInt(2, threshold);
                ps.setString(3, from.strip());
                if (ps.executeUpdate() == 0) {
                    throw new PolicyException(UserText.of("policy.error.unknown", from.strip()));
                }
            }
            return Policy.custom(target, threshold);
        });
    }

    public void delete(String name) throws CacheException, PolicyException {
        if (Policy.isBuiltInName(name)) {
            throw new PolicyException(UserText.of("policy.error.deleteBuiltIn", name.strip()));
        }
        cache.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM policy WHERE name = ?")) {
                ps.setString(1, name.strip());
                if (ps.executeUpdate() == 0) {
                    throw new PolicyException(UserText.of("policy.error.unknown", name.strip()));
                }
            }
            return null;
        });
    }

    /** Creates or replaces a custom policy inside an import's transaction. */
    public static void upsert(Connection c, String name, int threshold) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO policy(name, bulk_threshold) VALUES (?, ?) "
                        + "ON CONFLICT(name) DO UPDATE SET name = excluded.name, bulk_threshold = excluded.bulk_threshold")) {
            ps.setString(1, name);
            ps.setInt(2, threshold);
            ps.executeUpdate();
        }
    }

    private static void check(String name, int threshold) throws PolicyException {
        UserText problem = Policy.nameProblemText(name);
        if (problem != null) {
            // the same problem as a sentence: policy.name.empty is policy.error.empty
            throw new PolicyException(UserText.of(problem.key().replace("policy.name.", "policy.error."), problem.args()));
        }
        if (threshold < Policy.MIN_THRESHOLD || threshold > Policy.MAX_THRESHOLD) {
            throw new PolicyException(UserText.of("policy.error.threshold"));
        }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM policy WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String canonicalName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM policy WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : name;
            }
        }
    }

    private static int threshold(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT bulk_threshold FROM policy WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
