package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Quartz's tables for its clustered JDBC job store (issue #13), made by the script the packaged
 * Quartz ships for the database in use ({@code org/quartz/impl/jdbcjobstore/tables_h2.sql} on H2,
 * {@code tables_postgres.sql} on PostgreSQL), so that they are the vendor's own for the Quartz version
 * that uses them. With the index on PostgreSQL each source's poll fires on one node, and a node that
 * stops checking in has its triggers taken over by another within {@code dipwatch.cluster.checkin-ms};
 * H2 homes get the tables too and leave them empty (one node, Quartz in memory). The script's
 * {@code DROP}s (a migrated index has nothing to drop) and its {@code COMMIT} (Flyway commits the
 * migration) are left out.
 */
public final class V12_1__QuartzTables extends BaseJavaMigration {

    /** Where Quartz keeps its scripts, one a database, in its jar. */
    static final String SCRIPTS = "org/quartz/impl/jdbcjobstore/";

    @Override
    public void migrate(Context context) throws SQLException, IOException {
        Connection c = context.getConnection();
        String script = script(c.getMetaData().getDatabaseProductName());
        try (Statement st = c.createStatement()) {
            for (String sql : statements(read(script))) {
                st.execute(sql);
            }
        }
    }

    /** Quartz's script for a database, by the product name its JDBC driver gives: H2's for H2, else PostgreSQL's. */
    static String script(String product) {
        return SCRIPTS + ("H2".equals(product) ? "tables_h2.sql" : "tables_postgres.sql");
    }

    /**
     * The statements of a Quartz script that make its tables, constraints and indexes: the script
     * cut at each {@code ;}, without its comment lines, {@code DROP}s and {@code COMMIT}.
     */
    static List<String> statements(String script) {
        StringBuilder code = new StringBuilder();
        script.lines().filter(line -> !line.strip().startsWith("--")).forEach(line -> code.append(line).append('\n'));
        List<String> out = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            String sql = statement.strip();
            String upper = sql.toUpperCase(Locale.ROOT);
            if (!sql.isEmpty() && !upper.startsWith("DROP ") && !upper.equals("COMMIT")) {
                out.add(sql);
            }
        }
        return out;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = V12_1__QuartzTables.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("index: Quartz's script " + resource + " is not on the class path (the quartz jar is "
                        + "packaged with dipwatch: a build without it cannot make the cluster's tables)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
