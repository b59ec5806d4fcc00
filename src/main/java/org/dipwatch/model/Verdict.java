package org.dipwatch.model;

import java.util.Locale;

/** What the pipeline decided about one incoming document. */
public enum Verdict {
    /** A new story: its first article, written to {@code seeds/} with a new story id. */
    NEW,
    /** The same URL or the same normalized text is already in the corpus: recorded, not written. */
    DUPLICATE,
    /** The same text as a corpus article with small edits: recorded in the index, not written by default. */
    NEAR_DUPLICATE,
    /** Another write-up of an event the corpus already reports: written to {@code seeds/} and linked to its story. */
    SAME_STORY,
    /** The document could not be read; the reason says what to do about it. */
    FAILED;

    /** The lower-case name used in JSON, logs, metrics and the index ({@code new}, {@code duplicate}, …). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The verdict of a label ({@code near_duplicate} → {@link #NEAR_DUPLICATE}). */
    public static Verdict of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
