package org.dipwatch.model;

import java.util.Locale;

/** What the pipeline decided about one incoming document. */
public enum Verdict {
    /** Not in the corpus before: written to {@code seeds/}. */
    NEW,
    /** The same URL or the same normalized text is already in the corpus: recorded, not written. */
    DUPLICATE,
    /** The document could not be read; the reason says what to do about it. */
    FAILED;

    /** The lower-case name used in JSON, logs, metrics and the index ({@code new}, {@code duplicate}, …). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
