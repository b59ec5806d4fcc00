package org.dipwatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.dipwatch.sql.Rows;
import org.dipwatch.model.Classification;

/**
 * The alert outbox in the index: alerts are written in the transaction that stores their article
 * and stay {@code pending} until delivered; then {@code delivered}, or {@code dead} after too
 * many attempts. Only the oldest pending alert of a subscription and channel (a {@link Lane}) is
 * ever due, so alerts arrive in order even across retries. Every attempt is logged.
 */
public final class Outbox {

    /** Channels an alert goes out on. */
    public static final String WEBHOOK = "webhook";
    public static final String EMAIL = "email";
    public static final String SLACK = "slack";
    public static final String TELEGRAM = "telegram";
    public static final String NTFY = "ntfy";
    public static final String CAMEL = "camel";

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final DataSource dataSource;
    /** Whether several nodes deliver from this outbox (a PostgreSQL index): then a lane is served under its row's lock. */
    private final boolean shared;
    /**
     * An article's paragraphs by its corpus file ({@code seeds/}), read back at delivery, or {@code null}:
     * each alert keeps its own copy of its article's text.
     */
    private final ArticleText articleText;

    /** Reads an article's paragraphs (title excluded) from its corpus file; empty when the file is gone. */
    @FunctionalInterface
    public interface ArticleText {
        List<String> paragraphs(String articleFile);
    }

    /** The outbox in the index behind this data source, which this process alone delivers from; each alert keeps its text. */
    public Outbox(DataSource dataSource) {
        this(dataSource, false, null);
    }

    /**
     * The outbox in the index behind this data source; {@code shared}: several nodes deliver from it
     * (PostgreSQL), and {@link #lockLane} makes one of them at a time serve a lane. With {@code
     * articleText}, an article's alert is kept without the article's text, which is read back from
     * its corpus file at delivery: written once per subscription, the text was most of what a batch
     * of a first poll wrote, on the judge's one thread, and most of the outbox's size.
     */
    public Outbox(DataSource dataSource, boolean shared, ArticleText articleText) {
        this.dataSource = dataSource;
        this.shared = shared;
        this.articleText = articleText;
    }

    /** A lane held by this node until closed; closing it lets another node serve the lane. */
    public interface LaneLock extends AutoCloseable {
        @Override
        void close();
    }

    private static final LaneLock NO_LOCK = () -> { };

    /**
     * Takes a lane for one delivery run: on a shared outbox, its {@code alert_lane} row locked with
     * {@code SELECT ... FOR UPDATE SKIP LOCKED} in a transaction held until the lock is closed (a node
     * that dies drops its connection, and the lock with it); {@code null} when another node serves the
     * lane now. On an outbox of one process, a lock that holds nothing (the deliverer's own runs are
     * already one per lane).
     */
    LaneLock lockLane(Lane lane) {
        if (!shared) {
            return NO_LOCK;
        }
        Connection c = null;
        try {
            c = dataSource.getConnection();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_lane (subscription_id, channel) VALUES (?, ?) "
                    + "ON CONFLICT DO NOTHING")) {
                ps.setString(1, lane.subscriptionId());
                ps.setString(2, lane.channel());
                ps.executeUpdate();
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT subscription_id FROM alert_lane WHERE subscription_id = ? "
                    + "AND channel = ? FOR UPDATE SKIP LOCKED")) {
                ps.setString(1, lane.subscriptionId());
                ps.setString(2, lane.channel());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        c.close();
                        return null; // another node serves it
                    }
                }
            }
            Connection held = c;
            return () -> Rows.abandon(held);
        } catch (SQLException e) {
            if (c != null) {
                Rows.release(c);
            }
            throw new IllegalStateException("alert: cannot lock the lane " + lane.subscriptionId() + " (" + lane.channel() + "): "
                    + e.getMessage(), e);
        }
    }

    /** An alert about to be written: for which subscription, on which channel, saying what, and when it may go out. */
    public record Pending(String subscriptionId, String channel, AlertContent content, Instant notBefore) {
    }

    /** One outbox row. */
    public record Row(long id, String messageId, String subscriptionId, String channel, String articleFile,
                      AlertContent content, String status, int attempts, Instant nextAttemptAt, Instant createdAt,
                      Instant deliveredAt, String lastError) {

        /** The row as the CLI and the API show it: without the alert's content. */
        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("messageId", messageId);
            m.put("subscription", subscriptionId);
            m.put("channel", channel);
            m.put("article", articleFile);
            m.put("status", status);
            m.put("attempts", attempts);
            m.put("createdAt", createdAt.toString());
            m.put("lastError", lastError);
            return m;
        }
    }

    /** One logged delivery attempt. */
    public record Attempt(long outboxId, String subscriptionId, String channel, int attempt, Instant at, String outcome,
                          Integer statusCode, long latencyMs, String error) {
    }

    /** Writes alerts within the caller's transaction (the one that stores the article). */
    public void enqueue(Connection c, List<Pending> alerts) throws SQLException {
        if (alerts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_outbox (message_id, subscription_id, channel, "
                + "article_file, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)");
             PreparedStatement pc = c.prepareStatement("INSERT INTO alert_content (message_id, content) VALUES (?, ?)")) {
            for (Pending p : alerts) {
                ps.setString(1, p.content().messageId());
                ps.setString(2, p.subscriptionId());
                ps.setString(3, p.channel());
                ps.setString(4, p.content().articleFile());
                ps.setTimestamp(5, Timestamp.from(p.notBefore()));
                ps.setTimestamp(6, Timestamp.from(p.content().createdAt()));
                ps.addBatch();
                pc.setString(1, p.content().messageId());
                // an article's classification is in its row, written in this transaction: read from there at delivery
                pc.setString(2, write(kept(p.content())));
                pc.addBatch();
            }
            ps.executeBatch();
            pc.executeBatch();
        }
    }

    /**
     * A lane: the alerts of one subscription on one channel, delivered one after the other in the
     * order they were written; {@code headId} is its oldest pending alert.
     */
    public record Lane(String subscriptionId, String channel, long headId) {
    }

    /**
     * The lanes whose oldest pending alert is due now, oldest head first: one statement, whatever
     * the backlog's size, and a lane whose head waits (a retry's backoff, quiet hours, a digest's
     * time) is not among them, so nothing behind it overtakes it.
     */
    public List<Lane> dueLanes(Instant now) {
        return Rows.list(dataSource, "SELECT o.subscription_id, o.channel, o.id FROM alert_outbox o JOIN "
                + "(SELECT MIN(id) AS id FROM alert_outbox WHERE status = 'pending' GROUP BY subscription_id, channel) h "
                + "ON o.id = h.id WHERE o.next_attempt_at <= ? ORDER BY o.id", 0, Outbox::unreadable,
                rs -> new Lane(rs.getString(1), rs.getString(2), rs.getLong(3)), Timestamp.from(now));
    }

    /**
     * {@link #dueLanes(Instant)} among these lanes (subscription id and channel, {@code headId}
     * ignored): one index seek each, so the cost is the lanes', not the backlog's. The delivery
     * timer asks this several times a second; the full look-up, which also finds the lanes of
     * subscriptions no longer in the file, runs now and then.
     */
    public List<Lane> dueLanes(Instant now, Collection<Lane> lanes) {
        List<Lane> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, next_attempt_at FROM alert_outbox WHERE status = 'pending' "
                     + "AND subscription_id = ? AND channel = ? ORDER BY status, subscription_id, channel, id LIMIT 1")) {
            for (Lane lane : lanes) {
                ps.setString(1, lane.subscriptionId());
                ps.setString(2, lane.channel());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && !rs.getTimestamp(2).toInstant().isAfter(now)) {
                        out.add(new Lane(lane.subscriptionId(), lane.channel(), rs.getLong(1)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("alert: cannot read the outbox: " + e.getMessage(), e);
        }
        out.sort(java.util.Comparator.comparingLong(Lane::headId));
        return out;
    }

    /**
     * The pending alerts of a lane from {@code fromId} on, oldest first, due or not: a run of the
     * lane reads its backlog a page at a time with this (a range of the subscription index, not a
     * scan of everything delivered before).
     */
    public List<Row> pending(Lane lane, long fromId, int limit) {
        return query(WITH_CONTENT + "WHERE o.status = 'pending' AND o.subscription_id = ? AND o.channel = ? AND o.id >= ? "
                + "ORDER BY o.status, o.subscription_id, o.channel, o.id", limit, lane.subscriptionId(), lane.channel(), fromId);
    }

    /** Every pending alert of a subscription and channel whose time has come, oldest first: what one digest mail carries. */
    public List<Row> dueBatch(String subscriptionId, String channel, Instant now, int limit) {
        return query(WITH_CONTENT + "WHERE o.status = 'pending' AND o.subscription_id = ? AND o.channel = ? "
                + "AND o.next_attempt_at <= ? ORDER BY o.id", limit, subscriptionId, channel, Timestamp.from(now));
    }

    /** Dead letters, newest first. */
    public List<Row> dead(int limit) {
        return query(WITH_CONTENT + "WHERE o.status = 'dead' ORDER BY o.id DESC", limit);
    }

    /** Every alert of a subscription, newest first. */
    public List<Row> ofSubscription(String subscriptionId, int limit) {
        return query(WITH_CONTENT + "WHERE o.subscription_id = ? ORDER BY o.id DESC", limit, subscriptionId);
    }

    /**
     * What waits in one lane (a subscription's channel): how many alerts, since when, and how its
     * oldest one, which goes first, has fared: a lane whose head was tried and failed is failing
     * (its endpoint down, slow or answering garbage), and is retried with backoff until it answers.
     *
     * @param subscriptionId the subscription
     * @param channel        {@code webhook}, {@code email}, {@code slack}, {@code telegram}, {@code ntfy} or {@code camel}
     * @param pending        alerts waiting in the lane
     * @param oldest         when the oldest of them was queued
     * @param attempts       failed attempts at the oldest
     * @param nextAttemptAt  when the oldest is tried next
     * @param lastError      why its last attempt failed, or {@code null}
     */
    public record Backlog(String subscriptionId, String channel, long pending, Instant oldest, int attempts, Instant nextAttemptAt,
                          String lastError) {

        /** Whether the lane's oldest alert was tried and failed. */
        public boolean failing() {
            return attempts > 0 && lastError != null;
        }

        /** The lane as {@code /health} shows it. */
        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subscription", subscriptionId);
            m.put("channel", channel);
            m.put("pending", pending);
            m.put("oldest", oldest.toString());
            m.put("failing", failing());
            if (failing()) {
                m.put("attempts", attempts);
                m.put("nextAttempt", nextAttemptAt.toString());
                m.put("lastError", lastError);
            }
            return m;
        }
    }

    /** Every lane with alerts waiting, oldest first: one statement, whatever the backlog's size. */
    public List<Backlog> backlog() {
        return Rows.list(dataSource, "SELECT o.subscription_id, o.channel, h.n, o.created_at, o.attempts, "
                + "o.next_attempt_at, o.last_error FROM alert_outbox o JOIN (SELECT MIN(id) AS id, COUNT(*) AS n FROM alert_outbox "
                + "WHERE status = 'pending' GROUP BY subscription_id, channel) h ON o.id = h.id ORDER BY o.id", 0,
                e -> new IllegalStateException("alert: cannot read the outbox's backlog: " + e.getMessage(), e),
                rs -> new Backlog(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getTimestamp(4).toInstant(), rs.getInt(5),
                        rs.getTimestamp(6).toInstant(), rs.getString(7)));
    }

    /** Counts by status ({@code pending}, {@code delivered}, {@code dead}). */
    public Map<String, Long> counts() {
        return Rows.counts(dataSource, "SELECT status, COUNT(*) FROM alert_outbox GROUP BY status ORDER BY status",
                e -> new IllegalStateException("alert: cannot count the outbox: " + e.getMessage(), e));
    }

    /** A delivery to record: the alert, the HTTP status (none for e-mail), how long it took, and when it was taken. */
    record Delivery(Row row, Integer statusCode, long latencyMs, Instant at) {
    }

    /** Records a delivered alert and its attempt. */
    void delivered(Row row, Integer statusCode, long latencyMs) {
        delivered(List.of(new Delivery(row, statusCode, latencyMs, Instant.now())));
    }

    /**
     * Records delivered alerts and their attempts in one transaction of two batched statements,
     * however many there are (a run of mails, a digest).
     */
    void delivered(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert_outbox SET status = 'delivered', attempts = ?, "
                    + "delivered_at = ?, last_error = NULL WHERE id = ?")) {
                for (Delivery d : deliveries) {
                    ps.setInt(1, d.row().attempts() + 1);
                    ps.setTimestamp(2, Timestamp.from(d.at()));
                    ps.setLong(3, d.row().id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_ATTEMPT)) {
                for (Delivery d : deliveries) {
                    attempt(ps, d.row(), d.at(), "delivered", d.statusCode(), d.latencyMs(), null);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("alert: cannot record the delivery of " + deliveries.size() + " alerts from "
                    + deliveries.get(0).row().messageId() + " on: " + e.getMessage(), e);
        }
    }

    /** Records a failed attempt and when to try again. */
    void retry(Row row, Integer statusCode, long latencyMs, String error, Instant next) {
        finish(row, "retrying", "UPDATE alert_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                next, statusCode, latencyMs, error);
    }

    /** Records a failed attempt after which the alert goes to the dead letters. */
    void dead(Row row, Integer statusCode, long latencyMs, String error) {
        finish(row, "dead", "UPDATE alert_outbox SET status = 'dead', attempts = ?, last_error = ? WHERE id = ?", null,
                statusCode, latencyMs, error);
    }

    /** Puts a dead letter back in the queue, as if new; {@code false} when there is no dead letter with this id. */
    public boolean replay(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE alert_outbox SET status = 'pending', attempts = 0, "
                     + "next_attempt_at = ?, last_error = NULL WHERE id = ? AND status = 'dead'")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("alert: cannot replay " + id + ": " + e.getMessage(), e);
        }
    }

    /** The delivery log of a subscription, newest first. */
    public List<Attempt> log(String subscriptionId, int limit) {
        return Rows.list(dataSource, "SELECT outbox_id, subscription_id, channel, attempt, at, outcome, "
                + "status_code, latency_ms, error FROM alert_delivery WHERE subscription_id = ? ORDER BY id DESC", limit,
                e -> new IllegalStateException("alert: cannot read the delivery log: " + e.getMessage(), e), rs -> {
                    int code = rs.getInt(7);
                    return new Attempt(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getTimestamp(5).toInstant(), rs.getString(6), rs.wasNull() ? null : code, rs.getLong(8),
                            rs.getString(9));
                }, subscriptionId);
    }

    /**
     * One line of the delivery log across subscriptions ({@code GET /api/alerts}): an attempt and
     * the alert it was for.
     *
     * @param outboxId     the alert's id in the outbox (a dead letter's id for replay)
     * @param messageId    the alert's message id (the webhook-id)
     * @param subscription the subscription it was for
     * @param channel      {@code webhook}, {@code email}, …
     * @param article      the article it was about ({@code seeds/} file), or {@code null} (a digest, a source notice)
     * @param attempt      which attempt this was
     * @param at           when it was made
     * @param outcome      {@code delivered}, {@code retrying} or {@code dead}
     * @param statusCode   the HTTP status a webhook answered, or {@code null}
     * @param latencyMs    how long it took
     * @param error        why it failed, or {@code null}
     */
    public record LogEntry(long outboxId, String messageId, String subscription, String channel, String article, int attempt,
                           Instant at, String outcome, Integer statusCode, long latencyMs, String error) {
    }

    /**
     * The delivery log of every subscription, newest first, one page of it; {@code subscription}
     * and {@code outcome}, when not {@code null}, narrow it. Also counts the lines that match.
     */
    public List<LogEntry> log(String subscription, String outcome, int offset, int limit) {
        List<LogEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT d.outbox_id, o.message_id, d.subscription_id, d.channel, "
                     + "o.article_file, d.attempt, d.at, d.outcome, d.status_code, d.latency_ms, d.error FROM alert_delivery d "
                     + "LEFT JOIN alert_outbox o ON o.id = d.outbox_id" + logWhere(subscription, outcome)
                     + " ORDER BY d.id DESC LIMIT ? OFFSET ?")) {
            int i = logParameters(ps, subscription, outcome);
            ps.setInt(i++, limit);
            ps.setInt(i, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int code = rs.getInt(9);
                    boolean noCode = rs.wasNull();
                    out.add(new LogEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getInt(6), rs.getTimestamp(7).toInstant(), rs.getString(8), noCode ? null : code, rs.getLong(10),
                            rs.getString(11)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("alert: cannot read the delivery log: " + e.getMessage(), e);
        }
        return out;
    }

    /** How many lines of the delivery log {@link #log(String, String, int, int)} would page through. */
    public long logSize(String subscription, String outcome) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alert_delivery d" + logWhere(subscription, outcome))) {
            logParameters(ps, subscription, outcome);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("alert: cannot count the delivery log: " + e.getMessage(), e);
        }
    }

    private static String logWhere(String subscription, String outcome) {
        List<String> where = new ArrayList<>();
        if (subscription != null) {
            where.add("d.subscription_id = ?");
        }
        if (outcome != null) {
            where.add("d.outcome = ?");
        }
        return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    }

    private static int logParameters(PreparedStatement ps, String subscription, String outcome) throws SQLException {
        int i = 1;
        if (subscription != null) {
            ps.setString(i++, subscription);
        }
        if (outcome != null) {
            ps.setString(i++, outcome);
        }
        return i;
    }

    private static final String INSERT_ATTEMPT = "INSERT INTO alert_delivery (outbox_id, subscription_id, channel, "
            + "attempt, at, outcome, status_code, latency_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static void attempt(PreparedStatement ps, Row row, Instant at, String outcome, Integer statusCode, long latencyMs,
                                String error) throws SQLException {
        ps.setLong(1, row.id());
        ps.setString(2, row.subscriptionId());
        ps.setString(3, row.channel());
        ps.setInt(4, row.attempts() + 1);
        ps.setTimestamp(5, Timestamp.from(at));
        ps.setString(6, outcome);
        if (statusCode == null) {
            ps.setNull(7, java.sql.Types.INTEGER);
        } else {
            ps.setInt(7, statusCode);
        }
        ps.setLong(8, latencyMs);
        ps.setString(9, clip(error));
    }

    private void finish(Row row, String outcome, String update, Instant next, Integer statusCode, long latencyMs, String error) {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(update)) {
                int i = 1;
                ps.setInt(i++, row.attempts() + 1);
                if (next != null) {
                    ps.setTimestamp(i++, Timestamp.from(next));
                }
                ps.setString(i++, clip(error));
                ps.setLong(i, row.id());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_ATTEMPT)) {
                attempt(ps, row, now, outcome, statusCode, latencyMs, error);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("alert: cannot record the delivery of " + row.messageId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * An outbox row with its content: the content lives apart, written once, so that marking a
     * row delivered or retrying rewrites a few small columns only.
     */
    private static final String WITH_CONTENT = "SELECT o.*, c.content, a.classification AS article_tags FROM alert_outbox o "
            + "JOIN alert_content c ON c.message_id = o.message_id LEFT JOIN article a ON a.file_name = o.article_file ";

    private List<Row> query(String sql, int limit, Object... params) {
        return Rows.list(dataSource, sql, limit, Outbox::unreadable, rs -> {
            Timestamp delivered = rs.getTimestamp("delivered_at");
            return new Row(rs.getLong("id"), rs.getString("message_id"), rs.getString("subscription_id"),
                    rs.getString("channel"), rs.getString("article_file"),
                    withText(read(rs.getString("content"), rs.getString("article_tags"))),
                    rs.getString("status"), rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant(),
                    rs.getTimestamp("created_at").toInstant(), delivered == null ? null : delivered.toInstant(),
                    rs.getString("last_error"));
        }, params);
    }

    private static RuntimeException unreadable(SQLException e) {
        return new IllegalStateException("alert: cannot read the outbox: " + e.getMessage(), e);
    }

    /**
     * What the outbox keeps of an article's alert: its classification is in the article's row, written
     * in the same transaction, and its text in the article's corpus file when this outbox reads it back.
     */
    private AlertContent kept(AlertContent content) {
        if (content.articleFile() == null) {
            return content;
        }
        AlertContent kept = content.withTags(null);
        return articleText == null ? kept : kept.withParagraphs(List.of());
    }

    /** An alert as it was written, with the text it was kept without read back from its article's file. */
    private AlertContent withText(AlertContent content) {
        if (articleText == null || content.articleFile() == null || !content.paragraphs().isEmpty()) {
            return content;
        }
        return content.withParagraphs(articleText.paragraphs(content.articleFile()));
    }

    static String write(AlertContent content) {
        try {
            return JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert: an alert cannot be written as JSON", e);
        }
    }

    static AlertContent read(String json) {
        try {
            return JSON.readValue(json, AlertContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert: an outbox row cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * An alert as the outbox keeps it, with its article's classification as the article's row keeps it
     * (empty fields left out) when the alert does not carry one of its own: the classification was most
     * of an alert's 7 KB, written a second time for every alert of an article on the judge's one thread.
     */
    static AlertContent read(String json, String articleTags) {
        AlertContent content = read(json);
        if (content.tags() != null || articleTags == null) {
            return content;
        }
        try {
            return content.withTags(TAGS.readValue(articleTags, Classification.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert: the classification of " + content.articleFile() + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** Reads a classification written without its empty fields (the model's records take an absent list as empty). */
    private static final ObjectMapper TAGS = JsonMapper.builder().build();

    private static String clip(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
