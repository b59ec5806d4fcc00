package org.dipwatch.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The query loops every table's owner needs, written once: run a query with its parameters, read
 * each row into a value, and turn a database error into the owner's own exception with its own
 * words ({@code "alert: cannot read the outbox: …"}); and the end of a transaction or connection
 * whose work is over, on a connection that may have broken meanwhile. The SQL stays with the class
 * that owns the table; only the loop is shared.
 */
public final class Rows {

    /** Reads the current row of a result set into a value. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Takes in the current row of a result set (a scan too large to hold as a list). */
    @FunctionalInterface
    public interface Row {
        void take(ResultSet rs) throws SQLException;
    }

    /** Work on a connection that may throw what JDBC throws. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    private Rows() {
    }

    /**
     * Runs a scan of many rows (every article at a start) with H2's lazy query execution on this
     * connection: without it H2 computes the whole result before the first row and, past 40,000
     * rows, writes it to a temporary file and reads it back (the light rows of 100,000 articles: 1.2-1.4 s
     * and a gigabyte of buffers, against 0.3-0.5 s). Other databases stream as they are (PostgreSQL
     * with a fetch size in a transaction); the connection is left as it was found.
     */
    public static <T> T lazily(Connection c, Work<T> work) throws SQLException {
        if (!c.getMetaData().getDatabaseProductName().startsWith("H2")) {
            return work.run();
        }
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("SET LAZY_QUERY_EXECUTION TRUE");
        }
        try {
            return work.run();
        } finally {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET LAZY_QUERY_EXECUTION FALSE");
            }
        }
    }

    /**
     * The rows of a query on a connection of its own, read in order.
     *
     * @param maxRows at most this many rows, 0 for all
     * @param failure what a database error becomes
     * @param params  the query's parameters, in order ({@code setObject}: strings, numbers, timestamps)
     */
    public static <T> List<T> list(DataSource ds, String sql, int maxRows, Function<SQLException, RuntimeException> failure,
                                   Reader<T> row, Object... params) {
        try (Connection c = ds.getConnection()) {
            return list(c, sql, maxRows, row, params);
        } catch (SQLException e) {
            throw failure.apply(e);
        }
    }

    /** The rows of a query on the caller's connection (in its transaction), read in order. */
    public static <T> List<T> list(Connection c, String sql, int maxRows, Reader<T> row, Object... params) throws SQLException {
        List<T> out = new ArrayList<>();
        each(c, sql, maxRows, rs -> out.add(row.read(rs)), params);
        return out;
    }

    /**
     * Every row of a scan of many (every article at a start), handed over one at a time as the
     * database computes them ({@link #lazily}), on a connection of its own.
     */
    public static void eachLazily(DataSource ds, String sql, Function<SQLException, RuntimeException> failure, Row row,
                                  Object... params) {
        try (Connection c = ds.getConnection()) {
            lazily(c, () -> {
                each(c, sql, 0, row, params);
                return null;
            });
        } catch (SQLException e) {
            throw failure.apply(e);
        }
    }

    /**
     * The rows of a query on the caller's connection, handed over in order, fetched a thousand at a
     * time where the driver streams (PostgreSQL in a transaction).
     */
    public static void each(Connection c, String sql, int maxRows, Row row, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] == null) {
                    ps.setNull(i + 1, java.sql.Types.NULL); // of no type: PostgreSQL refuses a NULL typed otherwise than its column
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            if (maxRows > 0) {
                ps.setMaxRows(maxRows);
            } else {
                ps.setFetchSize(1000);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.take(rs);
                }
            }
        }
    }

    /** The first row of a query, if any. */
    public static <T> Optional<T> first(DataSource ds, String sql, Function<SQLException, RuntimeException> failure,
                                        Reader<T> row, Object... params) {
        return list(ds, sql, 1, failure, row, params).stream().findFirst();
    }

    /**
     * A query of two columns, a key and a value, as a map in the rows' order (a later row of the
     * same key replaces an earlier one): counts by status, file states, languages by file.
     */
    public static <K, V> Map<K, V> map(DataSource ds, String sql, Function<SQLException, RuntimeException> failure,
                                       Reader<K> key, Reader<V> value, Object... params) {
        Map<K, V> out = new LinkedHashMap<>();
        for (Map.Entry<K, V> e : list(ds, sql, 0, failure, rs -> new java.util.AbstractMap.SimpleImmutableEntry<>(key.read(rs), value.read(rs)), params)) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** {@code SELECT key, COUNT(*) … GROUP BY key}: the counts by key, in the rows' order. */
    public static Map<String, Long> counts(DataSource ds, String sql, Function<SQLException, RuntimeException> failure,
                                           Object... params) {
        return map(ds, sql, failure, rs -> rs.getString(1), rs -> rs.getLong(2), params);
    }

    /**
     * Ends a transaction that will not commit: rolls it back, then closes its connection. Neither
     * step fails in a way the caller could act on: a connection that broke took its transaction (and
     * the locks it held) with it, so such a failure is passed over.
     */
    public static void abandon(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone, and the transaction with it
        } finally {
            release(c);
        }
    }

    /** Closes a connection whose work is over; one that broke or closed already has nothing more to undo. */
    public static void release(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a broken connection: nothing more to undo
        }
    }
}
