package org.dipwatch.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RowsTest {

    private final JdbcDataSource ds = new JdbcDataSource();

    @BeforeEach
    void table() throws Exception {
        ds.setURL("jdbc:h2:mem:rows" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (name VARCHAR(20), status VARCHAR(20), at TIMESTAMP)");
            st.execute("INSERT INTO t VALUES ('a', 'pending', NULL), ('b', 'sent', NULL), ('c', 'pending', NULL)");
        }
    }

    @Test
    void rowsAreReadInOrderWithTheirParametersAndALimit() {
        assertThat(Rows.list(ds, "SELECT name FROM t WHERE status = ? ORDER BY name", 0, IllegalStateException::new,
                rs -> rs.getString(1), "pending")).containsExactly("a", "c");
        assertThat(Rows.list(ds, "SELECT name FROM t ORDER BY name", 2, IllegalStateException::new, rs -> rs.getString(1)))
                .containsExactly("a", "b");
        assertThat(Rows.list(ds, "SELECT name FROM t WHERE at IS NULL OR at = ? ORDER BY name", 0, IllegalStateException::new,
                rs -> rs.getString(1), (Object) null)).hasSize(3);
        assertThat(Rows.first(ds, "SELECT name FROM t WHERE name > ? ORDER BY name", IllegalStateException::new,
                rs -> rs.getString(1), "a")).contains("b");
        assertThat(Rows.counts(ds, "SELECT status, COUNT(*) FROM t GROUP BY status ORDER BY status", IllegalStateException::new))
                .containsExactly(java.util.Map.entry("pending", 2L), java.util.Map.entry("sent", 1L));
    }

    @Test
    void aDatabaseErrorBecomesTheOwnersExceptionWithItsWords() {
        assertThatThrownBy(() -> Rows.list(ds, "SELECT nothing FROM nowhere", 0,
                e -> new IllegalStateException("alert: cannot read the outbox: " + e.getMessage(), e), rs -> 1))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("alert: cannot read the outbox: ")
                .hasCauseInstanceOf(java.sql.SQLException.class);
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aLazyScanHandsOverItsFirstRowBeforeTheRestIsComputed() throws Exception {
        // two billion rows: computed before the first is handed over, they would not come within the timeout
        try (Connection c = ds.getConnection()) {
            long first = Rows.lazily(c, () -> {
                try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT X FROM SYSTEM_RANGE(1, 2000000000)")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(first).isEqualTo(1);
        }
    }

    @Test
    void aLazyScanSeesEveryRowInOrderAndTheConnectionServesOtherQueriesAfterIt() throws Exception {
        try (Connection c = ds.getConnection()) {
            java.util.List<String> names = Rows.lazily(c, () -> Rows.list(c, "SELECT name FROM t ORDER BY name", 0, rs -> rs.getString(1)));
            assertThat(names).containsExactly("a", "b", "c");
            assertThat(Rows.list(c, "SELECT COUNT(*) FROM t WHERE status = ?", 0, rs -> rs.getInt(1), "pending")).containsExactly(2);
            assertThatThrownBy(() -> Rows.lazily(c, () -> Rows.list(c, "SELECT nothing FROM nowhere", 0, rs -> 1)))
                    .isInstanceOf(java.sql.SQLException.class);
            assertThat(Rows.list(c, "SELECT name FROM t WHERE name = ?", 0, rs -> rs.getString(1), "b")).containsExactly("b");
        }
    }

    @Test
    void anAbandonedTransactionLeavesNoRowAndItsConnectionClosed() throws Exception {
        Connection c = ds.getConnection();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO t VALUES ('d', 'pending', NULL)");
        }
        Rows.abandon(c);
        assertThat(c.isClosed()).isTrue();
        assertThat(Rows.list(ds, "SELECT name FROM t ORDER BY name", 0, IllegalStateException::new, rs -> rs.getString(1)))
                .containsExactly("a", "b", "c");
    }

    @Test
    void aConnectionThatClosedAlreadyIsAbandonedAndReleasedWithoutAnError() throws Exception {
        Connection c = ds.getConnection();
        c.setAutoCommit(false);
        c.close(); // as a connection the database dropped: rollback and close both fail on it
        assertThatThrownBy(c::rollback).isInstanceOf(java.sql.SQLException.class);
        Rows.abandon(c);
        Rows.release(c);
        assertThat(c.isClosed()).isTrue();
    }
}
