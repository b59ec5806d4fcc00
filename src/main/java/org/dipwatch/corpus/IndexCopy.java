package org.dipwatch.corpus;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Copies the rows of every dipwatch table from one index to another whose schema the same
 * migrations made (H2 to PostgreSQL for {@code migrate-store}, either to an H2 file for
 * {@code backup}, that file back for {@code restore}). The source is read in one snapshot
 * transaction (PostgreSQL's repeatable read, H2's snapshot isolation), so a daemon may keep storing
 * while it is read; the target is written in one transaction, so a failed copy leaves it as it was.
 * Identity columns of the target continue after the highest copied id.
 *
 * <p>Not copied: Flyway's history (each database has its own, written by the migrations), and the
 * state of the nodes running on a database (Quartz's tables, {@code cluster_node}, {@code inbox_claim}):
 * nodes write those again when they start.
 */
public final class IndexCopy {

    /** Tables that belong to the database or to the nodes running on it, not to the corpus. */
    private static final Set<String> LEFT_OUT = Set.of("flyway_schema_history", "cluster_node", "inbox_claim");
    private static final int BATCH = 500;
    /** H2's snapshot isolation level ({@code org.h2.engine.Constants.TRANSACTION_SNAPSHOT}): all tables as of the first read. */
    private static final int H2_SNAPSHOT = 6;

    private IndexCopy() {
    }

    /**
     * Copies every table of {@code from} into {@code to} and returns the rows copied per table (in
     * the source's table order). A target that holds rows in any of them is refused unless
     * {@code replace}, which deletes the target's rows first (in the same transaction).
     */
    public static Map<String, Long> copy(DataSource from, DataSource to, boolean replace) {
        try (Connection source = from.getConnection(); Connection target = to.getConnection()) {
            source.setAutoCommit(false);
            source.setTransactionIsolation(isH2(source) ? H2_SNAPSHOT : Connection.TRANSACTION_REPEATABLE_READ);
            source.setReadOnly(true);
            target.setAutoCommit(false);
            try {
                List<String> tables = tables(source);
                List<String> holding = new ArrayList<>();
                for (String table : tables) {
                    if (hasRows(target, table)) {
                        holding.add(table);
                    }
                }
                if (!holding.isEmpty() && !replace) {
                    throw new IndexException("index: the target already holds rows in " + String.join(", ", holding)
                            + "; copy into an empty database, or empty these tables first (--replace)", null);
                }
                Map<String, Long> copied = new LinkedHashMap<>();
                for (String table : tables) {
                    if (replace) {
                        try (Statement st = target.createStatement()) {
                            st.executeUpdate("DELETE FROM " + table);
                        }
                    }
                    copied.put(table, copyTable(source, target, table));
                    continueIdentities(target, table);
                }
                target.commit();
                return copied;
            } catch (SQLException | RuntimeException e) {
                target.rollback();
                throw e;
            } finally {
                source.rollback();
                source.setReadOnly(false);
            }
        } catch (SQLException e) {
            throw new IndexException("index: copy failed, the target is left as it was: " + e.getMessage(), e);
        }
    }

    /** The source's dipwatch tables, lower case, sorted by name. */
    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!LEFT_OUT.contains(name) && !name.startsWith("qrtz_")) {
                    tables.add(name);
                }
            }
        }
        tables.sort(null);
        return tables;
    }

    private static boolean hasRows(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
            return rs.next();
        }
    }

    private static long copyTable(Connection source, Connection target, String table) throws SQLException {
        long rows = 0;
        try (Statement read = source.createStatement()) {
            read.setFetchSize(BATCH);
            try (ResultSet rs = read.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
                }
                String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
                try (PreparedStatement write = target.prepareStatement(insert)) {
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            Object value = value(rs, meta, i);
                            if (value == null) {
                                write.setNull(i, meta.getColumnType(i));
                            } else {
                                write.setObject(i, value);
                            }
                        }
                        write.addBatch();
                        if (++rows % BATCH == 0) {
                            write.executeBatch();
                        }
                    }
                    write.executeBatch();
                }
            }
        }
        return rows;
    }

    /** A column's value in a type both drivers write alike: the instant of a timestamp with its zone, a date as a date. */
    private static Object value(ResultSet rs, ResultSetMetaData meta, int i) throws SQLException {
        int type = meta.getColumnType(i);
        String typeName = meta.getColumnTypeName(i).toLowerCase(Locale.ROOT);
        if (type == Types.TIMESTAMP_WITH_TIMEZONE || typeName.equals("timestamptz")) {
            return rs.getObject(i, OffsetDateTime.class);
        }
        if (type == Types.DATE) {
            return rs.getObject(i, LocalDate.class);
        }
        if (type == Types.CLOB || type == Types.NCLOB || type == Types.LONGVARCHAR) {
            return rs.getString(i);
        }
        if (type == Types.BLOB || type == Types.LONGVARBINARY) {
            return rs.getBytes(i);
        }
        return rs.getObject(i);
    }

    /** Makes each identity column of a copied table give out ids above the highest copied one. */
    private static void continueIdentities(Connection c, String table) throws SQLException {
        List<String> identities = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns "
                + "WHERE LOWER(table_schema) = LOWER(CURRENT_SCHEMA) AND LOWER(table_name) = ? AND is_identity = 'YES'")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    identities.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        for (String column : identities) {
            long next;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(" + column + "), 0) + 1 FROM " + table)) {
                rs.next();
                next = rs.getLong(1);
            }
            try (Statement st = c.createStatement()) {
                // the same statement on PostgreSQL and H2
                st.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART WITH " + next);
            }
        }
    }

    private static boolean isH2(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toUpperCase(Locale.ROOT).startsWith("H2");
    }
}
