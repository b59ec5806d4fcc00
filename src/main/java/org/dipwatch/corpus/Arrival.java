package org.dipwatch.corpus;

import java.time.Instant;
import org.dipwatch.model.Verdict;

/**
 * One document that arrived and what became of it, as the index records it.
 *
 * @param intakeKey   identifies the exact arrival (a dropped file: path, size, time and bytes), or {@code null}
 * @param source      where it came from ({@code inbox}, {@code cli}, a feed's name, …)
 * @param origin      the file name or URL it arrived as
 * @param verdict     what became of it: any {@link Verdict}
 * @param articleFile the corpus file it became or duplicates, or {@code null}
 * @param reason      why it failed, or {@code null}
 * @param contentHash the fingerprint of its text, or {@code null}
 * @param url         the article URL it named, or {@code null}
 * @param receivedAt  when it arrived
 * @param processedAt when the verdict was made
 * @param similarity  similarity with {@code articleFile} (near-duplicate, same story), or {@code null}
 * @param story       the story it belongs to, or {@code null}
 */
public record Arrival(
        String intakeKey,
        String source,
        String origin,
        Verdict verdict,
        String articleFile,
        String reason,
        String contentHash,
        String url,
        Instant receivedAt,
        Instant processedAt,
        Double similarity,
        String story) {

    /** A document that could not be read: nothing stored, the reason kept (the file went to {@code failed/}). */
    public static Arrival failed(String intakeKey, String source, String origin, String reason, Instant receivedAt) {
        return new Arrival(intakeKey, source, origin, Verdict.FAILED, null, reason, null, null, receivedAt, Instant.now(),
                null, null);
    }

    /** The same URL or text as the corpus article {@code copyOf}: recorded, not stored. */
    public static Arrival duplicate(String intakeKey, String source, String origin, String copyOf, String contentHash,
                                    String url, Instant receivedAt) {
        return new Arrival(intakeKey, source, origin, Verdict.DUPLICATE, copyOf, null, contentHash, url, receivedAt,
                Instant.now(), null, null);
    }

    /**
     * An article the story judgement decided: a near-duplicate of {@code articleFile}, or a new
     * article or report of a story whose own file {@link #withArticle} names once it is stored.
     */
    public static Arrival judged(String intakeKey, String source, String origin, Verdict verdict, String articleFile,
                                 String contentHash, String url, Instant receivedAt, Double similarity, String story) {
        return new Arrival(intakeKey, source, origin, verdict, articleFile, null, contentHash, url, receivedAt, Instant.now(),
                similarity, story);
    }

    /** The same arrival, now that it is stored as this corpus file. */
    public Arrival withArticle(String file) {
        return new Arrival(intakeKey, source, origin, verdict, file, reason, contentHash, url, receivedAt, processedAt,
                similarity, story);
    }
}
