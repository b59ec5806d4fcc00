package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dipwatch.TestPostgres;
import org.dipwatch.corpus.CorpusIndex;
import org.junit.jupiter.api.Test;

/**
 * Quartz's tables are what its own script for the database makes: every table and index of
 * {@code tables_postgres.sql} on PostgreSQL, every table and key of {@code tables_h2.sql} on H2, and
 * nothing of the scripts' DROPs and COMMIT.
 */
class V12_1__QuartzTablesTest {

    /** The eleven tables of Quartz's JDBC job store. */
    private static final List<String> TABLES = List.of("qrtz_blob_triggers", "qrtz_calendars", "qrtz_cron_triggers",
            "qrtz_fired_triggers", "qrtz_job_details", "qrtz_locks", "qrtz_paused_trigger_grps", "qrtz_scheduler_state",
            "qrtz_simple_triggers", "qrtz_simprop_triggers", "qrtz_triggers");

    @Test
    void eachScriptIsCutIntoItsCreatingStatementsAlone() throws IOException {
        List<String> postgres = V12_1__QuartzTables.statements(read(V12_1__QuartzTables.script("PostgreSQL")));
        assertThat(postgres).filteredOn(s -> s.startsWith("CREATE TABLE")).hasSize(11);
        assertThat(postgres).filteredOn(s -> s.startsWith("CREATE INDEX")).hasSize(20);
        assertThat(postgres).hasSize(31);
        List<String> h2 = V12_1__QuartzTables.statements(read(V12_1__QuartzTables.script("H2")));
        assertThat(h2).filteredOn(s -> s.startsWith("CREATE TABLE")).hasSize(11);
        assertThat(h2).filteredOn(s -> s.startsWith("ALTER TABLE")).hasSize(14);
        assertThat(h2).hasSize(25);
        assertThat(postgres).as("nothing but the statements that make tables, keys and indexes")
                .allMatch(s -> s.startsWith("CREATE ") || s.startsWith("ALTER "));
        assertThat(h2).allMatch(s -> s.startsWith("CREATE ") || s.startsWith("ALTER "));
    }

    @Test
    void anH2IndexHasQuartzsTablesWithTheirKeys() throws SQLException {
        try (CorpusIndex index = CorpusIndex.open("jdbc:h2:mem:quartz" + System.nanoTime(), "sa", "", 2);
             Connection c = index.dataSource().getConnection()) {
            assertThat(names(c, "SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'QRTZ%'"))
                    .containsExactlyElementsOf(TABLES);
            assertThat(names(c, "SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS "
                    + "WHERE CONSTRAINT_TYPE = 'PRIMARY KEY' AND TABLE_NAME LIKE 'QRTZ%'")).hasSize(10);
            assertThat(names(c, "SELECT LOWER(CONSTRAINT_NAME) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS "
                    + "WHERE CONSTRAINT_TYPE = 'FOREIGN KEY' AND TABLE_NAME LIKE 'QRTZ%'"))
                    .containsExactly("fk_qrtz_cron_triggers_qrtz_triggers", "fk_qrtz_simple_triggers_qrtz_triggers",
                            "fk_qrtz_simprop_triggers_qrtz_triggers", "fk_qrtz_triggers_qrtz_job_details");
            assertThat(names(c, "SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) "
                    + "IN ('cluster_node', 'inbox_claim', 'alert_lane')")).as("V12's own tables").hasSize(3);
        }
    }

    @Test
    void aPostgresqlIndexHasQuartzsTablesAndIndexes() throws SQLException {
        try (TestPostgres postgres = TestPostgres.start();
             CorpusIndex index = CorpusIndex.open(postgres.newDatabase(), TestPostgres.USER, "", 2);
             Connection c = index.dataSource().getConnection()) {
            assertThat(names(c, "SELECT tablename FROM pg_tables WHERE tablename LIKE 'qrtz%'")).containsExactlyElementsOf(TABLES);
            assertThat(names(c, "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'idx_qrtz%'")).hasSize(20);
            assertThat(names(c, "SELECT indexname FROM pg_indexes WHERE tablename LIKE 'qrtz%' AND indexname LIKE '%pkey'"))
                    .hasSize(11);
        }
    }

    private static List<String> names(Connection c, String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query + " ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = V12_1__QuartzTables.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
