package org.dipwatch.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The sources' state and seen items in the index (tables {@code source_state} and
 * {@code source_item}, migration V4). Every method commits before it returns, so a restart finds
 * the validators, the backoff and the seen items as the last poll left them.
 */
public final class SourceStates {

    private final DataSource dataSource;

    /** The states in the index behind this data source. */
    public SourceStates(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The state of a source, creating it on first sight; a changed URL forgets the old validators. */
    public SourceState register(String name, String kind, String url) {
        Optional<SourceState> known = get(name);
        if (known.isEmpty()) {
            update("INSERT INTO source_state (name, kind, url) VALUES (?, ?, ?)", name, kind, url);
        } else if (!known.get().url().equals(url) || !known.get().kind().equals(kind)) {
            update("UPDATE source_state SET kind = ?, url = ?, etag = NULL, last_modified = NULL WHERE name = ?", kind, url, name);
        }
        return get(name).orElseThrow();
    }

    /** The state of a source, if it was ever polled. */
    public Optional<SourceState> get(String name) {
        List<SourceState> found = query("SELECT * FROM source_state WHERE name = ?", name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every source's state, by name. */
    public List<SourceState> all() {
        return query("SELECT * FROM source_state ORDER BY name");
    }

    /** Records a successful poll: the validators to send next, and how many items were new. */
    public void success(String name, String etag, String lastModified, int newItems, Instant now) {
        update("UPDATE source_state SET etag = ?, last_modified = ?, last_poll_at = ?, last_success_at = ?, "
                + "consecutive_failures = 0, next_attempt_at = NULL, items_seen = items_seen + ?, "
                + "last_new_item_at = CASE WHEN ? > 0 THEN ? ELSE last_new_item_at END WHERE name = ?",
                etag, lastModified, ts(now), ts(now), newItems, newItems, ts(now), name);
    }

    /** Records a failed poll and when the source may be tried again. */
    public void failure(String name, String error, Instant nextAttempt, Instant now) {
        update("UPDATE source_state SET last_poll_at = ?, last_error = ?, last_error_at = ?, "
                + "consecutive_failures = consecutive_failures + 1, next_attempt_at = ? WHERE name = ?",
                ts(now), error.length() > 4000 ? error.substring(0, 4000) : error, ts(now), ts(nextAttempt), name);
    }

    /** Remembers which health episode subscribers were told of ({@code ok}, {@code failing}, {@code silent}). */
    public void alertState(String name, String state) {
        update("UPDATE source_state SET alert_state = ? WHERE name = ?", state, name);
    }

    /** The content hash recorded for an item of a source, if the source listed it before. */
    public Optional<String> seenContent(String source, String itemKey) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT content_hash FROM source_item WHERE source = ? AND item_key = ?")) {
            ps.setString(1, source);
            ps.setString(2, itemKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sources: cannot read the seen items of " + source + ": " + e.getMessage(), e);
        }
    }

    /** Records an item (or a new version of it) as seen; returns whether the item itself was new. */
    public boolean markSeen(String source, String itemKey, String contentHash, String itemId, Instant now) {
        int changed = update("UPDATE source_item SET content_hash = ?, last_changed = ?, versions = versions + 1 "
                + "WHERE source = ? AND item_key = ?", contentHash, ts(now), source, itemKey);
        if (changed > 0) {
            return false;
        }
        update("INSERT INTO source_item (source, item_key, content_hash, item_id, first_seen, last_changed) VALUES (?, ?, ?, ?, ?, ?)",
                source, itemKey, contentHash, itemId != null && itemId.length() > 4000 ? itemId.substring(0, 4000) : itemId,
                ts(now), ts(now));
        return true;
    }

    /** How many items of a source are recorded. */
    public long itemCount(String source) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM source_item WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sources: cannot count the items of " + source + ": " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("sources: cannot write the source state: " + e.getMessage(), e);
        }
    }

    private List<SourceState> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<SourceState> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SourceState(rs.getString("name"), rs.getString("kind"), rs.getString("url"), rs.getString("etag"),
                            rs.getString("last_modified"), instant(rs, "last_poll_at"), instant(rs, "last_success_at"),
                            rs.getString("last_error"), instant(rs, "last_error_at"), rs.getInt("consecutive_failures"),
                            instant(rs, "next_attempt_at"), rs.getLong("items_seen"), instant(rs, "last_new_item_at"),
                            rs.getString("alert_state")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("sources: cannot read the source state: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Timestamp t) {
                ps.setTimestamp(i + 1, t);
            } else if (args[i] == null) {
                ps.setNull(i + 1, java.sql.Types.VARCHAR);
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
