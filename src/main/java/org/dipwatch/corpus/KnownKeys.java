package org.dipwatch.corpus;

import java.sql.Connection;
import java.sql.SQLException;
import org.dipwatch.dedup.Hashing;
import org.dipwatch.dedup.LongIntMap;
import org.dipwatch.sql.Rows;

/**
 * Which URL hashes, text fingerprints and intake keys the index may hold, in memory: a filter that
 * answers "certainly not" without a query for the articles and arrivals nobody has seen (nearly
 * every one), and "maybe" for the rest, which the index then answers. 64-bit hashes of the keys,
 * about 18 bytes a key: 100,000 articles and their arrivals take about 5 MB.
 *
 * <p>It learns what this process writes as it writes it (a rolled-back write leaves a key that
 * only costs a query), and what another process wrote (the CLI beside the daemon) by reading the
 * rows after the last ones it saw: {@link #catchUp} before it is trusted. A row rewritten in
 * place (a reindex of an edited file) is not seen that way: {@link #reset} after a reindex.
 */
final class KnownKeys {

    private LongIntMap urls;
    private LongIntMap texts;
    private LongIntMap intakes;
    private long lastSeq = -1;
    private long lastArrival = -1;

    /** Reads the keys of the articles and arrivals written since the last call (all of them the first time). */
    synchronized void catchUp(Connection c) throws SQLException {
        if (urls == null) {
            urls = new LongIntMap(1024);
            texts = new LongIntMap(1024);
            intakes = new LongIntMap(1024);
        }
        Rows.lazily(c, () -> {
            Rows.each(c, "SELECT seq, url_hash, content_hash FROM article WHERE seq > ? ORDER BY seq", 0, rs -> {
                lastSeq = rs.getLong(1);
                article(rs.getString(2), rs.getString(3));
            }, lastSeq);
            Rows.each(c, "SELECT id, intake_key FROM arrival WHERE id > ? ORDER BY id", 0, rs -> {
                lastArrival = rs.getLong(1);
                arrival(rs.getString(2));
            }, lastArrival);
            return null;
        });
    }

    /** Whether {@link #catchUp} has read the index at least once since the last {@link #reset}. */
    synchronized boolean loaded() {
        return urls != null;
    }

    /** Forgets everything: the next {@link #catchUp} reads every row again. */
    synchronized void reset() {
        urls = null;
        texts = null;
        intakes = null;
        lastSeq = -1;
        lastArrival = -1;
    }

    /** Notes an article's keys as it is written. */
    synchronized void article(String urlHash, String contentHash) {
        if (urls != null) {
            add(urls, urlHash);
            add(texts, contentHash);
        }
    }

    /** Notes an arrival's intake key as it is written. */
    synchronized void arrival(String intakeKey) {
        if (intakes != null) {
            add(intakes, intakeKey);
        }
    }

    /** {@code false} when no article has this URL hash; {@code true} when one may have (or nothing is loaded). */
    synchronized boolean mayHaveUrl(String urlHash) {
        return urls == null || holds(urls, urlHash);
    }

    /** {@code false} when no article has this fingerprint; {@code true} when one may have (or nothing is loaded). */
    synchronized boolean mayHaveText(String contentHash) {
        return texts == null || holds(texts, contentHash);
    }

    /** {@code false} when no arrival has this intake key; {@code true} when one may have (or nothing is loaded). */
    synchronized boolean mayHaveArrival(String intakeKey) {
        return intakes == null || holds(intakes, intakeKey);
    }

    /** Bytes the filter takes. */
    synchronized long bytes() {
        return urls == null ? 0 : urls.bytes() + texts.bytes() + intakes.bytes();
    }

    private static void add(LongIntMap keys, String key) {
        if (key != null) {
            keys.put(Hashing.string(key), 1);
        }
    }

    private static boolean holds(LongIntMap keys, String key) {
        return key != null && keys.get(Hashing.string(key), 0) != 0;
    }
}
