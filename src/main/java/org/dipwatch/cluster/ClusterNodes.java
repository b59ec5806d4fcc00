package org.dipwatch.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's heartbeat in the shared database (table {@code cluster_node}), and who else is there:
 * a row per node, its {@code last_seen} written by the database's clock every check-in, so that the
 * nodes' own clocks do not matter. A node not seen for {@value #MISSED_CHECKINS} check-ins is gone.
 */
public final class ClusterNodes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNodes.class);

    /** Check-ins a node may miss before the others count it gone. */
    public static final int MISSED_CHECKINS = 3;

    private final DataSource dataSource;
    private final String nodeId;
    private final Duration checkin;
    private final ScheduledExecutorService beat;

    /** The heartbeat of {@code nodeId} in the database behind {@code dataSource}, every {@code checkin}; not started yet. */
    public ClusterNodes(DataSource dataSource, String nodeId, Duration checkin) {
        this.dataSource = dataSource;
        this.nodeId = nodeId;
        this.checkin = checkin;
        this.beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cluster-checkin");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A node's id: {@code configured} ({@code dipwatch.node.id}) when set, else this machine's host
     * name (a container's is its id unless compose names it), else {@code localhost}.
     */
    public static String nodeId(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** This node's id. */
    public String nodeId() {
        return nodeId;
    }

    /** The database the nodes share. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Writes the first heartbeat now (a failure stops the start), then one every check-in. */
    public void start() {
        checkIn();
        long ms = Math.max(100, checkin.toMillis());
        beat.scheduleWithFixedDelay(() -> {
            try {
                checkIn();
            } catch (RuntimeException e) {
                LOG.warn("cluster: node {} cannot check in ({}); after {} missed check-ins the others take its inbox files",
                        nodeId, e.getMessage(), MISSED_CHECKINS);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} after every check-in from now on (a failure is logged, the next check-in runs it again); call after {@link #start()}. */
    public void alsoEachCheckIn(String what, Runnable task) {
        long ms = Math.max(100, checkin.toMillis());
        beat.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("cluster: {} failed on node {} ({}); tried again at the next check-in", what, nodeId, e.getMessage());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Records that this node is alive now. */
    public void checkIn() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_node (node_id, started_at, last_seen) "
                     + "VALUES (?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) ON CONFLICT (node_id) DO UPDATE SET last_seen = CURRENT_TIMESTAMP")) {
            ps.setString(1, nodeId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cluster: node " + nodeId + " cannot write its check-in: " + e.getMessage(), e);
        }
    }

    /** Every node that ever checked in: its id, when it was last seen, and whether it counts as alive; as {@code /health} shows them. */
    public List<Map<String, Object>> members() {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT node_id, last_seen, last_seen > CURRENT_TIMESTAMP - ? * INTERVAL "
                     + "'1 millisecond' FROM cluster_node ORDER BY node_id")) {
            ps.setLong(1, goneAfter().toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("node", rs.getString(1));
                    m.put("lastSeen", rs.getTimestamp(2).toInstant().toString());
                    m.put("alive", rs.getBoolean(3));
                    out.add(m);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cluster: cannot read the nodes: " + e.getMessage(), e);
        }
        return out;
    }

    /** How long a node may stay silent before it counts as gone. */
    public Duration goneAfter() {
        return checkin.multipliedBy(MISSED_CHECKINS);
    }

    /** Stops the heartbeat and removes this node's row: a node that stopped is gone at once, not after three check-ins. */
    @Override
    public void close() {
        beat.shutdownNow();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM cluster_node WHERE node_id = ?")) {
            ps.setString(1, nodeId);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("cluster: node {} could not remove its row ({}); the others count it gone after {} s", nodeId, e.getMessage(),
                    goneAfter().toSeconds());
        }
    }
}
