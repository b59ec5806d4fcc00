package org.dipwatch.ingest;

import java.time.LocalDate;

/**
 * One item of a news feed (RSS, Atom or JSON Feed), reduced to what dipwatch needs and free of
 * feed-library types.
 *
 * <p>Identity rule for {@link #id()}: the item's own identifier when it has one (RSS {@code guid},
 * Atom {@code id}, JSON Feed {@code id}, RSS 1.0 {@code rdf:about}); else its link; else
 * {@code "sha256:"} followed by the lower-case hex SHA-256 of title, summary and content (each
 * {@code null} taken as empty, joined by a line feed). The same item fetched twice thus keeps its id,
 * and two items without identifier or link differ when their text differs.
 *
 * @param id        the identity described above, never {@code null}
 * @param link      the item's link (its article's address), or {@code null}
 * @param title     the headline as plain text, or {@code null}
 * @param published the publication date (else the date of the last update) in the offset the feed
 *                  wrote it with, or {@code null} when the item states neither
 * @param summary   the summary or description as plain text, paragraphs separated by a blank line, or {@code null}
 * @param content   the full content as plain text, paragraphs separated by a blank line, or {@code null}
 */
public record FeedItem(String id, String link, String title, LocalDate published, String summary, String content) {
}
