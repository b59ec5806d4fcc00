package org.dipwatch.corpus;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the index holds of one stored article for a reader of the corpus (the API, the status
 * page): where it came from, how it was judged, its story and its classification.
 *
 * @param seq                its sequence number
 * @param file               its file in {@code seeds/}
 * @param title              its headline, or {@code null}
 * @param published          its date, or {@code null}
 * @param source             where it came from ({@code seeds}, {@code inbox}, a feed's name, {@code api})
 * @param url                the URL it was published at, or {@code null}
 * @param verdict            how it was judged: {@code new}, {@code same_story} or {@code near_duplicate}
 * @param story              its story, or {@code null} before it was judged
 * @param similarity         its score against the report it was matched to, or {@code null}
 * @param duplicateOf        the article it nearly copies (near-duplicate), or {@code null}
 * @param storedAt           when it was stored
 * @param classificationJson its classification as stored (JSON), or {@code null}
 */
public record StoredArticle(long seq, String file, String title, LocalDate published, String source, String url, String verdict,
                            String story, Double similarity, String duplicateOf, Instant storedAt, String classificationJson) {
}
