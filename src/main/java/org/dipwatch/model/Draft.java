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
 * @param language   the ISO 639-1 language its source declares (a source's {@code language}
 *                   parameter), or {@code null} to detect it from the text
 */
public record Draft(String title, LocalDate published, List<String> paragraphs, String url, String language) {

    public Draft {
        paragraphs = List.copyOf(paragraphs);
    }

    /** A draft whose language is detected from its text. */
    public Draft(String title, LocalDate published, List<String> paragraphs, String url) {
        this(title, published, paragraphs, url, null);
    }

    /** The same draft with another URL (a feed or an HTTP post knows the URL better than the page). */
    public Draft withUrl(String otherUrl) {
        return new Draft(title, published, paragraphs, otherUrl, language);
    }

    /** The same draft in the language its source declares ({@code null}: detect it). */
    public Draft withLanguage(String declared) {
        return new Draft(title, published, paragraphs, url, declared);
    }
}
