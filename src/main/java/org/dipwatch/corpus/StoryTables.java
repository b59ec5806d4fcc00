package org.dipwatch.corpus;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ObjLongConsumer;
import javax.sql.DataSource;
import org.dipwatch.dedup.MinHash;
import org.dipwatch.dedup.StoryStore;
import org.dipwatch.dedup.TextFeatures;
import org.dipwatch.dedup.Who;

/**
 * The near-duplicate and story tables of the index ({@code V5__stories.sql}): each stored
 * article's signature, terms, quotations and story, the terms' document frequencies and the
 * paragraphs each outlet repeats.
 */
public final class StoryTables implements StoryStore {

    private static final String COLUMNS = "s.seq, s.file_name, s.title, s.outlet, s.published, s.signature, s.shingles, "
            + "s.terms, s.quotes, s.story";
    private static final String FROM = " FROM article_story s JOIN article a ON a.seq = s.seq AND NOT a.file_missing";

    private final DataSource db;

    /** The tables in the index behind {@code db}. */
    public StoryTables(DataSource db) {
        this.db = db;
    }

    @Override
    public Set<Long> repeatedParagraphs(String outlet, long[] hashes, int minArticles) {
        if (hashes.length == 0) {
            return Set.of();
        }
        Set<Long> out = new java.util.HashSet<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT paragraph FROM outlet_paragraph WHERE outlet = ? AND articles >= ? "
                     + "AND paragraph IN (" + marks(hashes.length) + ")")) {
            ps.setString(1, outlet);
            ps.setInt(2, minArticles);
            for (int i = 0; i < hashes.length; i++) {
                ps.setLong(3 + i, hashes[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IndexException("index: cannot read the paragraphs of " + outlet + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public List<Stored> byActors(Set<String> actors, LocalDate from, LocalDate to, int limit) {
        if (actors.isEmpty()) {
            return List.of();
        }
        String hasActor = " AND EXISTS (SELECT 1 FROM article_tag t WHERE t.file_name = s.file_name AND t.dimension = 'actor' "
                + "AND t.tag_id IN (" + marks(actors.size()) + "))";
        Map<Long, Stored> out = new java.util.TreeMap<>(Collections.reverseOrder());
        try (Connection c = db.getConnection()) {
            // the bound of the latest RECENT articles, read once for both queries
            String recent = "s.seq > " + (latestSeq(c) - RECENT);
            List<String> where = new ArrayList<>();
            if (from != null) {
                where.add("s.published BETWEEN ? AND ?");
                where.add("s.published IS NULL AND " + recent);
            } else {
                where.add(recent);
            }
            for (String w : where) {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE " + w + hasActor
                        + " ORDER BY s.seq DESC LIMIT " + Math.max(1, limit))) {
                    int i = 1;
                    if (w.startsWith("s.published BETWEEN")) {
                        ps.setDate(i++, Date.valueOf(from));
                        ps.setDate(i++, Date.valueOf(to));
                    }
                    for (String a : actors) {
                        ps.setString(i++, a);
                    }
                    for (Stored s : read(c, ps)) {
                        out.put(s.seq(), s);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IndexException("index: cannot look up articles by actor: " + e.getMessage(), e);
        }
        return out.values().stream().limit(limit).toList();
    }

    /** The highest sequence number with stored features, 0 when none. */
    private static long latestSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM article_story");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public List<Stored> bySeq(long[] seqs) {
        if (seqs.length == 0) {
            return List.of();
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE s.seq IN (" + marks(seqs.length) + ")")) {
            for (int i = 0; i < seqs.length; i++) {
                ps.setLong(i + 1, seqs[i]);
            }
            return read(c, ps);
        } catch (SQLException e) {
            throw new IndexException("index: cannot read near-duplicate candidates: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Stored> story(String story) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE s.story = ? ORDER BY s.seq")) {
            ps.setString(1, story);
            return read(c, ps);
        } catch (SQLException e) {
            throw new IndexException("index: cannot read story " + story + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long articles() {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + FROM);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IndexException("index: cannot count stored features: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<Long, Integer> documentFrequencies(long[] terms) {
        Map<Long, Integer> out = new HashMap<>();
        try (Connection c = db.getConnection()) {
            for (int from = 0; from < terms.length; from += 500) {
                int n = Math.min(500, terms.length - from);
                try (PreparedStatement ps = c.prepareStatement("SELECT term, articles FROM term_frequency WHERE term IN ("
                        + marks(n) + ")")) {
                    for (int i = 0; i < n; i++) {
                        ps.setLong(i + 1, terms[from + i]);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getLong(1), rs.getInt(2));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IndexException("index: cannot read term frequencies: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void save(Connection c, Stored a, long[] paragraphs, String verdict, String duplicateOf, Double similarity)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO article_story (seq, file_name, story, outlet, published, title, "
                + "signature, shingles, terms, quotes, verdict, duplicate_of, similarity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, a.seq());
            ps.setString(2, a.file());
            ps.setString(3, a.story());
            ps.setString(4, CorpusIndex.clip(a.outlet(), 200));
            CorpusIndex.setDate(ps, 5, a.published());
            ps.setString(6, CorpusIndex.clip(a.title(), 4000));
            ps.setBytes(7, MinHash.toBytes(a.features().signature()));
            ps.setInt(8, a.features().shingles());
            ps.setBytes(9, MinHash.longsToBytes(a.features().terms()));
            ps.setBytes(10, MinHash.longsToBytes(a.features().quoteGrams()));
            ps.setString(11, verdict);
            ps.setString(12, duplicateOf);
            if (similarity == null) {
                ps.setNull(13, Types.DOUBLE);
            } else {
                ps.setDouble(13, similarity);
            }
            ps.executeUpdate();
        }
        count(c, "UPDATE term_frequency SET articles = articles + 1 WHERE term = ?",
                "INSERT INTO term_frequency (term, articles) VALUES (?, 1)", null, a.features().terms());
        long[] distinct = java.util.Arrays.stream(paragraphs).distinct().toArray();
        count(c, "UPDATE outlet_paragraph SET articles = articles + 1 WHERE outlet = ? AND paragraph = ?",
                "INSERT INTO outlet_paragraph (outlet, paragraph, articles) VALUES (?, ?, 1)", CorpusIndex.clip(a.outlet(), 200), distinct);
    }

    /** Adds one to the count of each key, inserting the keys not counted yet. */
    private static void count(Connection c, String update, String insert, String outlet, long[] keys) throws SQLException {
        if (keys.length == 0) {
            return;
        }
        int[] updated;
        try (PreparedStatement ps = c.prepareStatement(update)) {
            for (long k : keys) {
                int i = 1;
                if (outlet != null) {
                    ps.setString(i++, outlet);
                }
                ps.setLong(i, k);
                ps.addBatch();
            }
            updated = ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            boolean any = false;
            for (int j = 0; j < keys.length; j++) {
                if (updated[j] == 0) {
                    int i = 1;
                    if (outlet != null) {
                        ps.setString(i++, outlet);
                    }
                    ps.setLong(i, keys[j]);
                    ps.addBatch();
                    any = true;
                }
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }

    @Override
    public void clear() {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            for (String table : List.of("article_story", "term_frequency", "outlet_paragraph")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table)) {
                    ps.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IndexException("index: cannot clear the story tables: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Map.Entry<Long, String>> withoutFeatures() {
        List<Map.Entry<Long, String>> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT a.seq, a.file_name FROM article a LEFT JOIN article_story s "
                     + "ON s.seq = a.seq WHERE s.seq IS NULL AND NOT a.file_missing ORDER BY a.seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new AbstractMap.SimpleImmutableEntry<>(rs.getLong(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new IndexException("index: cannot list articles without features: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void forEachAfter(long seq, ObjLongConsumer<int[]> each) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT s.seq, s.signature" + FROM + " WHERE s.seq > ? ORDER BY s.seq")) {
            ps.setLong(1, seq);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(MinHash.fromBytes(rs.getBytes(2)), rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IndexException("index: cannot read the signatures after article " + seq + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void forEach(ObjLongConsumer<int[]> each) {
        forEachAfter(-1, each);
    }

    private static List<Stored> read(Connection c, PreparedStatement ps) throws SQLException {
        List<Stored> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Date published = rs.getDate(5);
                rows.add(new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        published == null ? null : published.toLocalDate(),
                        new TextFeatures(MinHash.fromBytes(rs.getBytes(6)), rs.getInt(7), MinHash.longsFromBytes(rs.getBytes(8)),
                                MinHash.longsFromBytes(rs.getBytes(9)), new long[0]), null, rs.getString(10)));
            }
        }
        // who each article involves, read for all rows in one query
        Map<String, List<String>> tags = tags(c, rows.stream().map(Stored::file).toList());
        return rows.stream().map(r -> new Stored(r.seq(), r.file(), r.title(), r.outlet(), r.published(), r.features(),
                Who.ofTags(tags.getOrDefault(r.file(), List.of())), r.story())).toList();
    }

    private static Map<String, List<String>> tags(Connection c, Collection<String> files) throws SQLException {
        if (files.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, List<String>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT file_name, dimension, tag_id FROM article_tag WHERE file_name IN ("
                + marks(files.size()) + ") AND dimension IN ('actor', 'speaker')")) {
            int i = 1;
            for (String f : files) {
                ps.setString(i++, f);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2) + ":" + rs.getString(3));
                }
            }
        }
        return out;
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
