package org.mailflow.cache;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection of the cache. */
@FunctionalInterface
public interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
}
