package org.dipwatch.corpus;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import javax.sql.DataSource;
import org.dipwatch.sql.Rows;
import org.dipwatch.dedup.MinHash;
import org.dipwatch.dedup.StoryStore;
import org.dipwatch.dedup.TextFeatures;
import org.dipwatch.dedup.Who;

/**
 * The story table of the index ({@code V7__story_memory.sql}): each stored article's features,
 * who it involves, its story and verdict, one row an article. The story matcher writes a row
 * when it stores an article and reads the rows back in sequence order when it (re)loads its
 * memory; the judgement itself reads nothing here.
 */
public final class StoryTables implements StoryStore {

    private static final String LIGHT = "s.seq, s.file_name, s.title, s.outlet, s.published, s.story, s.signature, s.shingles, "
            + "s.paragraphs";
    private static final String FULL = LIGHT + ", s.terms, s.quotes, s.title_terms, s.lead_terms, s.numbers, s.words, s.who, s.compounds";
    private static final String FROM = " FROM article_story s JOIN article a ON a.seq = s.seq AND NOT a.file_missing";
    private static final long[] NONE = new long[0];

    private final DataSource db;
    private final CorpusIndex index;

    /** The table in this index. */
    public StoryTables(CorpusIndex index) {
        this.db = index.dataSource();
        this.index = index;
    }

    @Override
    public void save(Connection c, Stored a, String verdict, String duplicateOf, Double similarity) throws SQLException {
        TextFeatures f = a.features();
        byte[] paragraphs = MinHash.longsToBytes(Arrays.stream(f.paragraphs()).distinct().toArray());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO article_story (" + LIGHT_COLUMNS + ", terms, quotes, title_terms, "
                + "lead_terms, numbers, words, who, verdict, duplicate_of, similarity, compounds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = setLight(ps, a, paragraphs);
            ps.setBytes(++n, MinHash.longsToBytes(f.terms()));
            ps.setBytes(++n, MinHash.longsToBytes(f.quoteGrams()));
            ps.setBytes(++n, MinHash.longsToBytes(f.title()));
            ps.setBytes(++n, MinHash.longsToBytes(f.lead()));
            ps.setBytes(++n, MinHash.longsToBytes(f.numbers()));
            ps.setInt(++n, f.words());
            ps.setString(++n, CorpusIndex.clip(who(a.who()), 4000));
            ps.setString(++n, verdict);
            ps.setString(++n, duplicateOf);
            if (similarity == null) {
                ps.setNull(++n, Types.DOUBLE);
            } else {
                ps.setDouble(++n, similarity);
            }
            ps.setBytes(++n, MinHash.longsToBytes(f.compounds()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO article_light (" + LIGHT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            setLight(ps, a, paragraphs);
            ps.executeUpdate();
        }
    }

    /** The columns both tables hold, in this order: what a start reads of every article. */
    private static final String LIGHT_COLUMNS = "seq, file_name, story, outlet, published, title, signature, shingles, paragraphs";

    /** Sets the {@link #LIGHT_COLUMNS} of an insert; returns the last parameter set. */
    private static int setLight(PreparedStatement ps, Stored a, byte[] paragraphs) throws SQLException {
        ps.setLong(1, a.seq());
        ps.setString(2, a.file());
        ps.setString(3, a.story());
        ps.setString(4, CorpusIndex.clip(a.outlet(), 200));
        CorpusIndex.setDate(ps, 5, a.published());
        ps.setString(6, CorpusIndex.clip(a.title(), 4000));
        ps.setBytes(7, MinHash.toBytes(a.features().signature()));
        ps.setInt(8, a.features().shingles());
        ps.setBytes(9, paragraphs);
        return 9;
    }

    private static String who(Who who) {
        List<String> tags = new ArrayList<>();
        who.actors().stream().sorted().forEach(t -> tags.add("actor:" + t));
        who.speakers().stream().sorted().forEach(t -> tags.add("speaker:" + t));
        who.places().stream().sorted().forEach(t -> tags.add("place:" + t));
        if (who.kind() != null) {
            tags.add("kind:" + who.kind());
        }
        if (who.language() != null) {
            tags.add("language:" + who.language());
        }
        return String.join(";", tags);
    }

    @Override
    public void forEachLight(long seq, Consumer<Stored> each) {
        // the narrow table alone, in its key's order
        scan("SELECT " + LIGHT.replace("s.", "l.") + " FROM article_light l WHERE l.seq > ? ORDER BY l.seq", seq, false, each);
    }

    @Override
    public void forEachFull(long seq, Consumer<Stored> each) {
        scan("SELECT " + FULL + " FROM article_story s WHERE s.seq > ? ORDER BY s.seq", seq, true, each);
    }

    /**
     * Reads the rows of one table in its key's order, lazily; the rows of missing files (few, usually
     * none) are passed over by their numbers: a join with {@code article} would read every article's
     * row, text and all (twice the time of the story rows alone).
     */
    private void scan(String sql, long seq, boolean full, Consumer<Stored> each) {
        Set<Long> skipped = new HashSet<>(Rows.list(db, "SELECT seq FROM article WHERE file_missing AND seq > ?", 0,
                e -> new IndexException("index: cannot list the missing articles: " + e.getMessage(), e), rs -> rs.getLong(1), seq));
        Rows.eachLazily(db, sql, e -> new IndexException("index: cannot read the stories after article " + seq + ": " + e.getMessage(), e),
                rs -> {
                    if (skipped.isEmpty() || !skipped.contains(rs.getLong(1))) {
                        each.accept(row(rs, full));
                    }
                }, seq);
    }

    @Override
    public List<Stored> bySeq(long[] seqs) {
        if (seqs.length == 0) {
            return List.of();
        }
        return Rows.list(db, "SELECT " + FULL + FROM + " WHERE s.seq IN ("
                + String.join(", ", Collections.nCopies(seqs.length, "?")) + ") ORDER BY s.seq", 0,
                e -> new IndexException("index: cannot read the stories of " + seqs.length + " articles: " + e.getMessage(), e),
                rs -> row(rs, true), java.util.Arrays.stream(seqs).boxed().toArray());
    }

    private static Stored row(ResultSet rs, boolean full) throws SQLException {
        Date published = rs.getDate(5);
        int[] signature = MinHash.fromBytes(rs.getBytes(7));
        long[] paragraphs = MinHash.longsFromBytes(rs.getBytes(9));
        TextFeatures f;
        Who who = null;
        if (full) {
            f = new TextFeatures(signature, rs.getInt(8), MinHash.longsFromBytes(rs.getBytes(10)),
                    MinHash.longsFromBytes(rs.getBytes(11)), paragraphs, MinHash.longsFromBytes(rs.getBytes(12)),
                    MinHash.longsFromBytes(rs.getBytes(13)), MinHash.longsFromBytes(rs.getBytes(14)), compounds(rs.getBytes(17)), rs.getInt(15), NONE);
            String tags = rs.getString(16);
            who = Who.ofTags(tags.isEmpty() ? List.of() : Arrays.asList(tags.split(";")));
        } else {
            f = new TextFeatures(signature, rs.getInt(8), NONE, NONE, paragraphs, NONE, NONE, NONE, NONE, 0, NONE);
        }
        return new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                published == null ? null : published.toLocalDate(), f, who, rs.getString(6));
    }

    /** The compounds of a row; none for a row stored before they were kept ({@code V15__story_compounds.sql}). */
    private static long[] compounds(byte[] column) {
        return column == null ? NONE : MinHash.longsFromBytes(column);
    }

    @Override
    public boolean othersMayWrite() {
        // asked at every judgement: the daemon starts serving the CLI after its first judgements
        return index.othersMayWrite();
    }

    @Override
    public void clear() {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM article_light");
            st.executeUpdate("DELETE FROM article_story");
        } catch (SQLException e) {
            throw new IndexException("index: cannot clear the story table: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Map.Entry<Long, String>> withoutFeatures() {
        // Each start but a first, a reindex or a restore finds a row for every article: the rows are
        // only written in the article's transaction and only deleted all together (clear). Two counts
        // H2 keeps say so at once; the anti-join reads every article row (1.3 s of a 100k home's start).
        long articles = count("SELECT COUNT(*) FROM article");
        if (articles == 0 || articles <= count("SELECT COUNT(*) FROM article_light")) {
            return List.of();
        }
        return Rows.list(db, "SELECT a.seq, a.file_name FROM article a LEFT JOIN article_light s "
                + "ON s.seq = a.seq WHERE s.seq IS NULL AND NOT a.file_missing ORDER BY a.seq", 0,
                e -> new IndexException("index: cannot list articles without features: " + e.getMessage(), e),
                rs -> new AbstractMap.SimpleImmutableEntry<>(rs.getLong(1), rs.getString(2)));
    }

    /**
     * A story as the API lists it.
     *
     * @param story     its id
     * @param reports   how many stored articles report it
     * @param leadSeq   the sequence number of its first report
     * @param latestSeq the sequence number of its latest report
     */
    public record Summary(String story, int reports, long leadSeq, long latestSeq) {
    }

    /** Stories with at least {@code minReports} reports, the one with the latest report first: one page of them. */
    public List<Summary> recent(int minReports, int offset, int limit) {
        List<Summary> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT s.story, COUNT(*), MIN(s.seq), MAX(s.seq)" + FROM
                     + " GROUP BY s.story HAVING COUNT(*) >= ? ORDER BY MAX(s.seq) DESC LIMIT ? OFFSET ?")) {
            ps.setInt(1, minReports);
            ps.setInt(2, limit);
            ps.setInt(3, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Summary(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw new IndexException("index: cannot list stories: " + e.getMessage(), e);
        }
        return out;
    }

    /** How many stories have at least {@code minReports} reports. */
    public long count(int minReports) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT s.story" + FROM
                     + " GROUP BY s.story HAVING COUNT(*) >= ?) t")) {
            ps.setInt(1, minReports);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IndexException("index: cannot count stories: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Long> reports(String story) {
        List<Long> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT s.seq" + FROM + " WHERE s.story = ? ORDER BY s.seq")) {
            ps.setString(1, story);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IndexException("index: cannot read story " + story + ": " + e.getMessage(), e);
        }
        return out;
    }

    private long count(String sql) {
        return Rows.first(db, sql, e -> new IndexException("index: cannot count the story rows: " + e.getMessage(), e),
                rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public long lastSeq() {
        return Rows.first(db, "SELECT COALESCE(MAX(seq), -1) FROM article_story",
                e -> new IndexException("index: cannot read the last story row: " + e.getMessage(), e), rs -> rs.getLong(1))
                .orElse(-1L);
    }

    @Override
    public void forEach(ObjLongConsumer<int[]> each) {
        forEachLight(-1, s -> each.accept(s.features().signature(), s.seq()));
    }
}
