package org.dipwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.dipwatch.TestPostgres;
import org.dipwatch.cluster.ClusterNodes;
import org.dipwatch.corpus.CorpusIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Inbox claims on a real PostgreSQL: one node takes a file; another takes it only once the first is gone, or gave it back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxClaimsTest {

    private TestPostgres postgres;
    private CorpusIndex index;

    @BeforeAll
    void start() {
        postgres = TestPostgres.start();
        index = CorpusIndex.open(postgres.newDatabase(), TestPostgres.USER, "", 2);
    }

    @AfterAll
    void stop() {
        index.close();
        postgres.close();
    }

    @Test
    void aFileIsTakenByOneNodeUntilThatNodeIsGone() throws Exception {
        ClusterNodes a = new ClusterNodes(index.dataSource(), "a", Duration.ofMillis(200));
        a.checkIn();
        ClusterNodes b = new ClusterNodes(index.dataSource(), "b", Duration.ofMillis(200));
        b.checkIn();
        InboxClaims byA = new InboxClaims(a);
        InboxClaims byB = new InboxClaims(b);
        String key = InboxClaims.key("note.txt", new Inbox.Stamp(10, 1000, null));
        assertThat(byA.claim(key, "note.txt")).isTrue();
        assertThat(byB.claim(key, "note.txt")).isFalse();
        assertThat(byA.claim(key, "note.txt")).as("its own claim again").isTrue();
        assertThat(byB.claimedByGoneNodes()).isEmpty();
        // a stops checking in: after three check-ins b takes its claim over
        try (Connection c = index.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE cluster_node SET last_seen = last_seen - INTERVAL '1 second' WHERE node_id = 'a'");
        }
        assertThat(byB.claimedByGoneNodes()).as("what b frees of a's markers").containsExactly("note.txt");
        assertThat(byB.claim(key, "note.txt")).isTrue();
        assertThat(byA.claim(key, "note.txt")).isFalse();
        assertThat(byB.claimedByGoneNodes()).as("b's own now").isEmpty();
        byB.done(key);
        assertThat(byB.claim(key, "note.txt")).as("done: nobody takes it again").isFalse();

        String other = InboxClaims.key("other.txt", new Inbox.Stamp(10, 1000, null));
        assertThat(byB.claim(other, "other.txt")).isTrue();
        byB.release(other);
        a.checkIn();
        assertThat(byA.claim(other, "other.txt")).as("given back").isTrue();
    }
}
