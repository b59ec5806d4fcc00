package org.dipwatch.dedup;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the story judgement persists what it keeps in memory: one row per stored article (its
 * features, who it involves, its story and verdict), written in the transaction that stores the
 * article and read back in sequence order when the matcher (re)loads. Nothing is read per
 * judged article. Implemented over the index database by the corpus.
 */
public interface StoryStore extends NearDuplicateIndex.SignatureSource {

    /**
     * One stored article as the judgements see it.
     *
     * @param seq       the article's sequence number
     * @param file      its file in {@code seeds/}
     * @param title     its title, or {@code null}
     * @param outlet    who published it: the URL's host, else the source it came from
     * @param published its publication date, or {@code null}
     * @param features  its text features (in a light row: signature, shingles and paragraphs only)
     * @param who       its actors and speakers (empty in a light row)
     * @param story     the story it belongs to
     */
    record Stored(long seq, String file, String title, String outlet, LocalDate published, TextFeatures features, Who who,
                  String story) {
    }

    /**
     * Records an article's row in the transaction that stores it: one statement, whatever the
     * article's length or the corpus' size.
     */
    void save(Connection c, Stored article, String verdict, String duplicateOf, Double similarity) throws SQLException;

    /**
     * Calls {@code each} with the light row of every article stored after {@code seq}, in sequence
     * order: what the matcher keeps of every article (signature, shingles, paragraph hashes, story,
     * file, title, outlet, date).
     */
    void forEachLight(long seq, Consumer<Stored> each);

    /** Calls {@code each} with the full row of every article stored after {@code seq}, in sequence order. */
    void forEachFull(long seq, Consumer<Stored> each);

    /** The full rows of these sequence numbers (unknown ones left out), in sequence order. */
    List<Stored> bySeq(long[] seqs);

    /** The sequence numbers of a story's reports (file present), in order; empty for an unknown story. */
    List<Long> reports(String story);

    /**
     * The highest sequence number of a row, or -1 when there is none: what the memory is sized for
     * before it reads the rows.
     */
    long lastSeq();

    /**
     * Whether another process can store articles in the same database while this one runs (an H2
     * server mode or a database server): then each judgement first reads what was stored after the
     * last article it knows, with one indexed statement.
     */
    boolean othersMayWrite();

    /** Forgets every article's row (before a rebuild). */
    void clear();

    /** The sequence numbers and files of indexed articles (file present) without a row, in sequence order. */
    List<Map.Entry<Long, String>> withoutFeatures();
}
