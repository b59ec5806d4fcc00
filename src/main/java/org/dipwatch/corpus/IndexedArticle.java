package org.dipwatch.corpus;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of the index's article table: what the index knows of an article in {@code seeds/}.
 * Fields up to {@code characters} are derived from the text file; the rest record where and
 * when it came from.
 */
public record IndexedArticle(
        long seq,
        String fileName,
        String articleId,
        String title,
        LocalDate published,
        String contentHash,
        int paragraphs,
        int characters,
        String source,
        String origin,
        String url,
        String urlHash,
        String verdict,
        Instant receivedAt,
        Instant storedAt,
        boolean fileMissing) {

    /** The same article with the derived fields of another reading of its file, keeping where it came from. */
    IndexedArticle withDerived(IndexedArticle derived) {
        return new IndexedArticle(seq, fileName, derived.articleId, derived.title, derived.published,
                derived.contentHash, derived.paragraphs, derived.characters, source, origin, url, urlHash,
                verdict, receivedAt, storedAt, false);
    }
}
