package org.dipwatch.dedup;

import java.util.Optional;

/** What dedup needs to know of the corpus: which article file, if any, has a given URL or text. */
public interface CorpusLookup {

    /** The corpus file whose canonical URL has this SHA-256, if any. */
    Optional<String> articleWithUrlHash(String urlHash);

    /** The corpus file whose folded text has this SHA-256 fingerprint, if any. */
    Optional<String> articleWithContentHash(String contentHash);
}
