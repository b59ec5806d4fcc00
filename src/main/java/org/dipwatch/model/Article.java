package org.dipwatch.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An article in the corpus' normalized shape (SEED-FORMAT.md): clean paragraphs, the title as a
 * separate field, the publication date when known, and the URL it was published at when known.
 * Built by {@code normalize.Normalizer}; {@link #text()} is exactly what its seed file holds.
 *
 * @param title      the headline, or {@code null}
 * @param published  the publication date, or {@code null}
 * @param paragraphs the body paragraphs (without the title), each non-empty and white-space folded
 * @param url        the canonical source URL, or {@code null}
 */
public record Article(String title, LocalDate published, List<String> paragraphs, String url) {

    public Article {
        paragraphs = List.copyOf(paragraphs);
        if (title == null && paragraphs.isEmpty()) {
            throw new IllegalArgumentException("an article needs a title or at least one paragraph");
        }
    }

    /**
     * The seed-file text: {@code " date YYYY-MM-DD "} when the date is known, then the title as the
     * first paragraph, then the paragraphs, one blank line between them, one final newline.
     */
    public String text() {
        StringBuilder out = new StringBuilder();
        if (published != null) {
            out.append(" date ").append(published).append(' ');
        }
        boolean first = true;
        if (title != null) {
            out.append(title);
            first = false;
        }
        for (String paragraph : paragraphs) {
            if (!first) {
                out.append("\n\n");
            }
            out.append(paragraph);
            first = false;
        }
        return out.append('\n').toString();
    }

    /** Title and paragraphs in reading order: the words a reader sees, without the date header. */
    public List<String> body() {
        if (title == null) {
            return paragraphs;
        }
        var all = new java.util.ArrayList<String>(paragraphs.size() + 1);
        all.add(title);
        all.addAll(paragraphs);
        return all;
    }

    @Override
    public String toString() {
        return "Article[" + Objects.requireNonNullElse(title, body().get(0)) + "]";
    }
}
