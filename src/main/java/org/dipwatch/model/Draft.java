package org.dipwatch.model;

import java.time.LocalDate;
import java.util.List;

/**
 * What a reader extracted from one incoming document (a dropped file, a feed item, a web page),
 * before normalization: the title and publication date where the document states them, the
 * paragraphs in reading order, and the canonical URL of the article where it has one.
 *
 * @param title      the headline, or {@code null} when the document has none
 * @param published  the publication date the document states, or {@code null}; never the fetch date
 * @param paragraphs the article's paragraphs in order, not yet cleaned of stray white space
 * @param url        the article's own URL (canonical link, feed item link), or {@code null}
 */
public record Draft(String title, LocalDate published, List<String> paragraphs, String url) {

    public Draft {
        paragraphs = List.copyOf(paragraphs);
    }

    /** The same draft with another URL (a feed or an HTTP post knows the URL better than the page). */
    public Draft withUrl(String otherUrl) {
        return new Draft(title, published, paragraphs, otherUrl);
    }
}
