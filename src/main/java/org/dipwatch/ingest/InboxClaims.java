package org.dipwatch.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node takes an inbox file when several watch one shared {@code inbox/} (table
 * {@code inbox_claim}, on PostgreSQL): the first node whose claim is inserted takes it; the others
 * pass it by. A claim is marked done once the file left {@code inbox/}, and released when the node
 * left it there (the queue was full, the daemon stopped), so that any node takes it again. The
 * claim of a node that is gone (no check-in for {@code goneAfter}) is taken over.
 */
public final class InboxClaims {

    private static final Logger LOG = LoggerFactory.getLogger(InboxClaims.class);
    /** Done claims older than this are deleted: a file is long gone from every node's listing by then. */
    private static final Duration KEEP_DONE = Duration.ofDays(1);

    /** This node: its id, the database the nodes share, when another node counts as gone. */
    private final org.dipwatch.cluster.ClusterNodes node;
    private volatile long prunedAt;

    /** The claims of this node, in the database it checks in to. */
    public InboxClaims(org.dipwatch.cluster.ClusterNodes node) {
        this.node = node;
    }

    /** The key of a drop: its place below the inbox, size and modification time, as found (before it is read). */
    public static String key(String relativeName, Inbox.Stamp stamp) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((relativeName + "\n" + stamp.size() + "\n" + stamp.modifiedMillis()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Claims a drop for this node: {@code true} when it is this node's to take (a new claim, its own
     * claim from before, or the claim of a node that is gone), {@code false} when another node has
     * it or it was done.
     */
    public boolean claim(String key, String relativeName) {
        pruneNowAndThen();
        try (Connection c = node.dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbox_claim (claim_key, file_name, node_id, claimed_at) "
                    + "VALUES (?, ?, ?, CURRENT_TIMESTAMP) ON CONFLICT (claim_key) DO NOTHING")) {
                ps.setString(1, key);
                ps.setString(2, clip(relativeName));
                ps.setString(3, node.nodeId());
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE inbox_claim SET node_id = ?, claimed_at = CURRENT_TIMESTAMP "
                    + "WHERE claim_key = ? AND NOT done AND (node_id = ? OR node_id NOT IN (SELECT node_id FROM cluster_node "
                    + "WHERE last_seen > CURRENT_TIMESTAMP - ? * INTERVAL '1 millisecond')) RETURNING node_id")) {
                ps.setString(1, node.nodeId());
                ps.setString(2, key);
                ps.setString(3, node.nodeId());
                ps.setLong(4, node.goneAfter().toMillis());
                if (ps.execute() && ps.getResultSet().next()) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            // without the database no node can record the file either: leave it for a later scan
            LOG.warn("inbox: {} cannot be claimed ({}); it stays in inbox/ for a later scan", relativeName, e.getMessage());
            return false;
        }
    }

    /**
     * The files (their places below the inbox) claimed, and not done, by nodes that are gone: no
     * check-in for {@code goneAfter}. Their claims are this node's to take over.
     */
    public java.util.List<String> claimedByGoneNodes() {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (Connection c = node.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT file_name FROM inbox_claim WHERE NOT done AND node_id <> ? AND node_id "
                     + "NOT IN (SELECT node_id FROM cluster_node WHERE last_seen > CURRENT_TIMESTAMP - ? * INTERVAL '1 millisecond')")) {
            ps.setString(1, node.nodeId());
            ps.setLong(2, node.goneAfter().toMillis());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            LOG.warn("inbox: the claims of gone nodes cannot be read ({}); they are looked for again at the next check-in", e.getMessage());
        }
        return names;
    }

    /** Marks a claimed drop done: it left {@code inbox/}, and no node takes it again. */
    public void done(String key) {
        update("UPDATE inbox_claim SET done = TRUE WHERE claim_key = ? AND node_id = ?", key);
    }

    /** Gives a claimed drop back: it stays in {@code inbox/}, and the next node to find it takes it. */
    public void release(String key) {
        update("DELETE FROM inbox_claim WHERE claim_key = ? AND node_id = ? AND NOT done", key);
    }

    private void update(String sql, String key) {
        try (Connection c = node.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.setString(2, node.nodeId());
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("inbox: the claim {} cannot be updated ({}); other nodes take the file once this one is gone", key,
                    e.getMessage());
        }
    }

    /** Deletes done claims older than a day, at most once an hour. */
    private void pruneNowAndThen() {
        long now = System.currentTimeMillis();
        if (now - prunedAt < Duration.ofHours(1).toMillis()) {
            return;
        }
        prunedAt = now;
        try (Connection c = node.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM inbox_claim WHERE done AND claimed_at < CURRENT_TIMESTAMP - "
                     + "? * INTERVAL '1 millisecond'")) {
            ps.setLong(1, KEEP_DONE.toMillis());
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.debug("inbox: old claims not pruned: {}", e.getMessage());
        }
    }

    private static String clip(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
