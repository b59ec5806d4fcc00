package org.dipwatch.dedup;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the near-duplicate and story judgements need of the index: the stored features and story
 * of each article, document frequencies of terms, and how often a source has printed a
 * paragraph. Implemented over the index database by the corpus.
 */
public interface StoryStore extends NearDuplicateIndex.SignatureSource {

    /** How many of the latest articles an undated article, or undated candidates, are compared with. */
    int RECENT = 5000;

    /**
     * One article as the judgements see it.
     *
     * @param seq       the article's sequence number
     * @param file      its file in {@code seeds/}
     * @param title     its title, or {@code null}
     * @param outlet    who published it: the URL's host, else the source it came from
     * @param published its publication date, or {@code null}
     * @param features  its text features (paragraph hashes left empty)
     * @param who       its actors and speakers
     * @param story     the story it belongs to
     */
    record Stored(long seq, String file, String title, String outlet, LocalDate published, TextFeatures features, Who who,
                  String story) {
    }

    /** Which of these paragraph hashes the outlet has printed in at least {@code minArticles} stored articles. */
    Set<Long> repeatedParagraphs(String outlet, long[] hashes, int minArticles);

    /**
     * The most recent {@code limit} stored articles that name one of these actors and were
     * published between {@code from} and {@code to}, or are undated and among the latest
     * {@link #RECENT} articles; with {@code from == null} (an undated article), any of the latest
     * {@link #RECENT}. Either way the query is bounded by a date range or a sequence range, so it
     * costs what that range holds, not the corpus.
     */
    List<Stored> byActors(Set<String> actors, LocalDate from, LocalDate to, int limit);

    /** The stored articles with these sequence numbers (unknown ones left out). */
    List<Stored> bySeq(long[] seqs);

    /** The stored articles of a story, oldest first. */
    List<Stored> story(String story);

    /** How many articles have stored features: the N of the document frequencies. */
    long articles();

    /** The number of stored articles that hold each of these terms (absent: none). */
    Map<Long, Integer> documentFrequencies(long[] terms);

    /**
     * Records an article's features, story and verdict in the transaction that stores it, and
     * counts its terms and its paragraphs (for the outlet's boilerplate).
     */
    void save(Connection c, Stored article, long[] paragraphs, String verdict, String duplicateOf, Double similarity)
            throws SQLException;

    /**
     * Calls {@code each} with the signature and sequence number of every article stored after
     * {@code seq} (by another process: the CLI beside the daemon), in sequence order.
     */
    void forEachAfter(long seq, java.util.function.ObjLongConsumer<int[]> each);

    /** Forgets every article's features, frequencies and paragraph counts (before a rebuild). */
    void clear();

    /** The sequence numbers and files of indexed articles (file present) without features, in sequence order. */
    List<Map.Entry<Long, String>> withoutFeatures();
}
