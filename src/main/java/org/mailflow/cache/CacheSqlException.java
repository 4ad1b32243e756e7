package org.mailflow.cache;

/**
 * Unchecked wrapper for an SQL failure inside a store. {@link Cache} turns it into a
 * {@link CacheException} with a user-facing message at its boundary.
 */
public final class CacheSqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CacheSqlException(java.sql.SQLException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized java.sql.SQLException getCause() {
        return (java.sql.SQLException) super.getCause();
    }
}
