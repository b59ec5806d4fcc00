package org.dipwatch.corpus;

import java.time.Instant;

/**
 * One document that arrived and what became of it, as the index records it.
 *
 * @param intakeKey   identifies the exact arrival (a dropped file: path, size, time and bytes), or {@code null}
 * @param source      where it came from ({@code inbox}, {@code cli}, a feed's name, …)
 * @param origin      the file name or URL it arrived as
 * @param verdict     {@code new}, {@code duplicate} or {@code failed}
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
        String verdict,
        String articleFile,
        String reason,
        String contentHash,
        String url,
        Instant receivedAt,
        Instant processedAt,
        Double similarity,
        String story) {

    /** An arrival without similarity or story (a duplicate, a failure). */
    public Arrival(String intakeKey, String source, String origin, String verdict, String articleFile, String reason,
                   String contentHash, String url, Instant receivedAt, Instant processedAt) {
        this(intakeKey, source, origin, verdict, articleFile, reason, contentHash, url, receivedAt, processedAt, null, null);
    }
}
