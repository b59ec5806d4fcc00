package org.dipwatch.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.dipwatch.sql.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the sources' state, seen items and failed article fetches in the index (tables
 * {@code source_state} and {@code source_item}, migration V4; {@code source_item_failure}, V6).
 *
 * <p>A source's row is read once and then kept in memory. What every poll changes (the validators,
 * the last poll and success, failures and backoff, the items counted) is written behind, by
 * {@link #flush()} (the route {@code source-state-flush}, every {@code dipwatch.sources.state-flush-ms},
 * and once more when the daemon stops), for all sources in one transaction: a commit per poll made the
 * embedded database write a new chunk a poll, 100 a second for 200 sources polled every 2 s, each
 * rewriting the pages a batch of articles being judged had touched. A crash loses at most the last
 * interval's poll times and validators: the next poll asks for the feed in full and its seen items
 * (written with each article's verdict, not behind) keep it from being taken twice. What must not
 * be forgotten (a new or changed source, the health episode subscribers were told of, a removal)
 * is written at once.
 */
public final class SourceStates {

    private static final Logger LOG = LoggerFactory.getLogger(SourceStates.class);

    private final DataSource dataSource;
    /** Every source's state as this process knows it: read once, then kept current by every change. */
    private final Map<String, SourceState> known = new ConcurrentHashMap<>();
    /** Sources whose polled state changed since the last {@link #flush()}. */
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private volatile boolean loaded;

    /** The states in the index behind this data source. */
    public SourceStates(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The state of a source, creating it on first sight; a changed URL forgets the old validators,
     * and a source polled again is no longer removed.
     */
    public SourceState register(String name, String kind, String url) {
        load();
        SourceState state = known.get(name);
        if (state == null || !state.url().equals(url) || !state.kind().equals(kind) || state.removed()) {
            flush(); // what polls changed is in the row before it is changed and read back
            // the CASEs see the row's old url and kind
            int updated = update("UPDATE source_state SET removed_at = NULL, "
                    + "etag = CASE WHEN url = ? AND kind = ? THEN etag ELSE NULL END, "
                    + "last_modified = CASE WHEN url = ? AND kind = ? THEN last_modified ELSE NULL END, "
                    + "kind = ?, url = ? WHERE name = ?", url, kind, url, kind, kind, url, name);
            if (updated == 0) {
                update("INSERT INTO source_state (name, kind, url) VALUES (?, ?, ?)", name, kind, url);
            }
            state = query("SELECT * FROM source_state WHERE name = ?", name).get(0);
            known.put(name, state);
        }
        return state;
    }

    /** A source's consecutive failed polls as last recorded by this process (0 when unknown), without a query. */
    public int consecutiveFailures(String name) {
        load();
        SourceState s = known.get(name);
        return s == null ? 0 : s.consecutiveFailures();
    }

    /** The state of a source, if it was ever polled. */
    public Optional<SourceState> get(String name) {
        load();
        return Optional.ofNullable(known.get(name));
    }

    /** Every source's state, by name. */
    public List<SourceState> all() {
        load();
        return known.values().stream().sorted(java.util.Comparator.comparing(SourceState::name)).toList();
    }

    /**
     * The summary of every source still declared, by name, as {@code /api/sources} shows each: what
     * {@code /health} reports of the sources (one removed from {@code routes/} is no longer polled, and
     * its health says nothing of the daemon's).
     */
    public List<Map<String, Object>> activeSummaries() {
        return all().stream().filter(s -> !s.removed()).map(SourceState::summary).toList();
    }

    /** Records a successful poll: the validators to send next, and how many items were new. */
    public void success(String name, String etag, String lastModified, int newItems, Instant now) {
        change(name, s -> new SourceState(s.name(), s.kind(), s.url(), etag, lastModified, now, now, s.lastError(), s.lastErrorAt(), 0,
                null, s.itemsSeen() + newItems, newItems > 0 ? now : s.lastNewItemAt(), s.alertState(), s.removedAt()));
    }

    /** Records a failed poll and when the source may be tried again. */
    public void failure(String name, String error, Instant nextAttempt, Instant now) {
        String e = error.length() > 4000 ? error.substring(0, 4000) : error;
        change(name, s -> new SourceState(s.name(), s.kind(), s.url(), s.etag(), s.lastModified(), now, s.lastSuccessAt(), e, now,
                s.consecutiveFailures() + 1, nextAttempt, s.itemsSeen(), s.lastNewItemAt(), s.alertState(), s.removedAt()));
    }

    /**
     * Marks a source whose templatedRoute left {@code routes/} as removed (once: the first removal
     * time stays); its row and seen items are kept for when it comes back.
     */
    public void removed(String name, Instant now) {
        load();
        update("UPDATE source_state SET removed_at = ? WHERE name = ? AND removed_at IS NULL", ts(now), name);
        known.computeIfPresent(name, (k, s) -> s.removed() ? s : withRemoved(s, now));
    }

    /** Marks a source declared in {@code routes/} again as active, with the state it had. */
    public void restored(String name) {
        load();
        update("UPDATE source_state SET removed_at = NULL WHERE name = ? AND removed_at IS NOT NULL", name);
        known.computeIfPresent(name, (k, s) -> withRemoved(s, null));
    }

    /** Remembers which health episode subscribers were told of ({@code ok}, {@code failing}, {@code silent}). */
    public void alertState(String name, String state) {
        load();
        update("UPDATE source_state SET alert_state = ? WHERE name = ?", state, name);
        known.computeIfPresent(name, (k, s) -> new SourceState(s.name(), s.kind(), s.url(), s.etag(), s.lastModified(), s.lastPollAt(),
                s.lastSuccessAt(), s.lastError(), s.lastErrorAt(), s.consecutiveFailures(), s.nextAttemptAt(), s.itemsSeen(),
                s.lastNewItemAt(), state, s.removedAt()));
    }

    /**
     * Writes the polled state of every source changed since the last flush, in one transaction;
     * on failure they stay to be written at the next. Returns how many were written.
     */
    public synchronized int flush() {
        if (dirty.isEmpty()) {
            return 0;
        }
        List<String> names = new ArrayList<>(dirty);
        names.forEach(dirty::remove);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE source_state SET etag = ?, last_modified = ?, last_poll_at = ?, "
                     + "last_success_at = ?, last_error = ?, last_error_at = ?, consecutive_failures = ?, next_attempt_at = ?, "
                     + "items_seen = ?, last_new_item_at = ? WHERE name = ?")) {
            c.setAutoCommit(false);
            try {
                for (String name : names) {
                    SourceState s = known.get(name);
                    if (s == null) {
                        continue;
                    }
                    bind(ps, new Object[] {s.etag(), s.lastModified(), ts(s.lastPollAt()), ts(s.lastSuccessAt()), s.lastError(),
                            ts(s.lastErrorAt()), s.consecutiveFailures(), ts(s.nextAttemptAt()), s.itemsSeen(),
                            ts(s.lastNewItemAt()), name});
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return names.size();
        } catch (SQLException e) {
            dirty.addAll(names);
            LOG.warn("sources: the state of {} sources could not be written ({}); tried again at the next flush", names.size(),
                    e.getMessage());
            return 0;
        }
    }

    /** Applies a change to a known source's polled state, to be written by the next {@link #flush()}. */
    private void change(String name, java.util.function.UnaryOperator<SourceState> how) {
        load();
        if (known.computeIfPresent(name, (k, s) -> how.apply(s)) != null) {
            dirty.add(name);
        }
    }

    private static SourceState withRemoved(SourceState s, Instant removedAt) {
        return new SourceState(s.name(), s.kind(), s.url(), s.etag(), s.lastModified(), s.lastPollAt(), s.lastSuccessAt(),
                s.lastError(), s.lastErrorAt(), s.consecutiveFailures(), s.nextAttemptAt(), s.itemsSeen(), s.lastNewItemAt(),
                s.alertState(), removedAt);
    }

    /** Reads every source's row once, the first time any is asked for. */
    private void load() {
        if (loaded) {
            return;
        }
        synchronized (known) {
            if (!loaded) {
                for (SourceState s : query("SELECT * FROM source_state ORDER BY name")) {
                    known.putIfAbsent(s.name(), s);
                }
                loaded = true;
            }
        }
    }

    /** The content hashes recorded for those of these items a source listed before, by item key: one query per poll. */
    public Map<String, String> seenContents(String source, Collection<String> itemKeys) {
        Map<String, String> out = new HashMap<>();
        forItems("SELECT item_key, content_hash FROM source_item", source, itemKeys, "seen items",
                rs -> out.put(rs.getString("item_key"), rs.getString("content_hash")));
        return out;
    }

    /**
     * Records an item (or a new version of it) as seen, in the transaction that records its verdict;
     * returns whether the item itself was new. The source's own row is not touched here (see
     * {@link #itemsAdded}): the transaction may hold a batch of many articles, and a poll of the same
     * source must not wait for it.
     */
    public boolean markSeen(Connection c, String source, String itemKey, String contentHash, String itemId, Instant now)
            throws SQLException {
        if (update(c, "UPDATE source_item SET content_hash = ?, last_changed = ?, versions = versions + 1 "
                + "WHERE source = ? AND item_key = ?", contentHash, ts(now), source, itemKey) > 0) {
            return false;
        }
        update(c, "INSERT INTO source_item (source, item_key, content_hash, item_id, first_seen, last_changed) VALUES (?, ?, ?, ?, ?, ?)",
                source, itemKey, contentHash, itemId != null && itemId.length() > 4000 ? itemId.substring(0, 4000) : itemId,
                ts(now), ts(now));
        return true;
    }

    /** Counts items a source listed for the first time, once they were judged: its {@code itemsSeen} and last new item. */
    public void itemsAdded(String source, int items, Instant now) {
        if (items > 0) {
            change(source, s -> new SourceState(s.name(), s.kind(), s.url(), s.etag(), s.lastModified(), s.lastPollAt(),
                    s.lastSuccessAt(), s.lastError(), s.lastErrorAt(), s.consecutiveFailures(), s.nextAttemptAt(),
                    s.itemsSeen() + items, now, s.alertState(), s.removedAt()));
        }
    }

    /** {@link #markSeen(Connection, String, String, String, String, Instant)} in a transaction of its own, counted. */
    public boolean markSeen(String source, String itemKey, String contentHash, String itemId, Instant now) {
        boolean added;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            added = markSeen(c, source, itemKey, contentHash, itemId, now);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("sources: cannot write the source state: " + e.getMessage(), e);
        }
        itemsAdded(source, added ? 1 : 0, now);
        return added;
    }

    /**
     * An article fetch of a source that failed: how often, the last error, how many more polls pass
     * it by before the next attempt, and whether it was given up.
     */
    public record ItemFailure(String source, String itemKey, String link, int attempts, String lastError,
                              Instant lastAttemptAt, int pollsToSkip, boolean gaveUp) {
    }

    /** The failed fetches recorded for those of these items of a source that have any, by item key: one query per poll. */
    public Map<String, ItemFailure> itemFailures(String source, Collection<String> itemKeys) {
        Map<String, ItemFailure> out = new HashMap<>();
        forItems("SELECT * FROM source_item_failure", source, itemKeys, "failed items",
                rs -> out.put(rs.getString("item_key"), itemFailure(rs)));
        return out;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Reads the rows of {@code select} for a source's items among {@code itemKeys}, in one query. */
    private void forItems(String select, String source, Collection<String> itemKeys, String what, RowReader reader) {
        if (itemKeys.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(select + " WHERE source = ? AND item_key = ANY(?)")) {
            ps.setString(1, source);
            ps.setArray(2, c.createArrayOf("VARCHAR", itemKeys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sources: cannot read the " + what + " of " + source + ": " + e.getMessage(), e);
        }
    }

    /** Every failed fetch recorded for a source, given up or not, in the order they first failed. */
    public List<ItemFailure> itemFailures(String source) {
        return Rows.list(dataSource, "SELECT * FROM source_item_failure WHERE source = ? ORDER BY last_attempt_at", 0,
                e -> new IllegalStateException("sources: cannot read the failed items of " + source + ": " + e.getMessage(), e),
                SourceStates::itemFailure, source);
    }

    /**
     * Records one more failed fetch of an item, after its {@code previous} failures ({@code null}: none):
     * after the n-th, the next 2^(n-1) - 1 polls pass it by; at {@code maxAttempts} it is given up.
     * Returns the failure as recorded.
     */
    public ItemFailure itemFailed(String source, String itemKey, String link, String error, ItemFailure previous, int maxAttempts,
                                  Instant now) {
        int attempts = (previous == null ? 0 : previous.attempts()) + 1;
        int skip = (int) Math.min(Integer.MAX_VALUE, (1L << Math.min(attempts - 1, 30)) - 1);
        boolean gaveUp = attempts >= maxAttempts;
        String e = error != null && error.length() > 4000 ? error.substring(0, 4000) : error;
        String l = link != null && link.length() > 4000 ? link.substring(0, 4000) : link;
        if (update("UPDATE source_item_failure SET attempts = ?, last_error = ?, last_attempt_at = ?, polls_to_skip = ?, "
                + "gave_up = ? WHERE source = ? AND item_key = ?", attempts, e, ts(now), skip, gaveUp, source, itemKey) == 0) {
            update("INSERT INTO source_item_failure (source, item_key, link, attempts, last_error, last_attempt_at, polls_to_skip, "
                    + "gave_up) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", source, itemKey, l, attempts, e, ts(now), skip, gaveUp);
        }
        return new ItemFailure(source, itemKey, previous == null ? l : previous.link(), attempts, e, now, skip, gaveUp);
    }

    /** Counts one poll that passed a failed item by. */
    public void itemPassedBy(String source, String itemKey) {
        update("UPDATE source_item_failure SET polls_to_skip = polls_to_skip - 1 WHERE source = ? AND item_key = ? "
                + "AND polls_to_skip > 0", source, itemKey);
    }

    /** Forgets the failed fetches of an item that has now been fetched. */
    public void itemRecovered(String source, String itemKey) {
        update("DELETE FROM source_item_failure WHERE source = ? AND item_key = ?", source, itemKey);
    }

    private static ItemFailure itemFailure(ResultSet rs) throws SQLException {
        return new ItemFailure(rs.getString("source"), rs.getString("item_key"), rs.getString("link"), rs.getInt("attempts"),
                rs.getString("last_error"), instant(rs, "last_attempt_at"), rs.getInt("polls_to_skip"), rs.getBoolean("gave_up"));
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            return update(c, sql, args);
        } catch (SQLException e) {
            throw new IllegalStateException("sources: cannot write the source state: " + e.getMessage(), e);
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private List<SourceState> query(String sql, Object... args) {
        return Rows.list(dataSource, sql, 0,
                e -> new IllegalStateException("sources: cannot read the source state: " + e.getMessage(), e),
                rs -> new SourceState(rs.getString("name"), rs.getString("kind"), rs.getString("url"), rs.getString("etag"),
                        rs.getString("last_modified"), instant(rs, "last_poll_at"), instant(rs, "last_success_at"),
                        rs.getString("last_error"), instant(rs, "last_error_at"), rs.getInt("consecutive_failures"),
                        instant(rs, "next_attempt_at"), rs.getLong("items_seen"), instant(rs, "last_new_item_at"),
                        rs.getString("alert_state"), instant(rs, "removed_at")), args);
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Timestamp t) {
                ps.setTimestamp(i + 1, t);
            } else if (args[i] == null) {
                // a NULL of no stated type: PostgreSQL refuses a VARCHAR NULL for a TIMESTAMP column (H2 takes either)
                ps.setNull(i + 1, java.sql.Types.NULL);
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
