/**
 * Dedup: decides whether an incoming article is already in the corpus, and at which level.
 * Rules apply in this order: (1) an exact copy, by canonical URL (tracking parameters stripped)
 * and then by the fingerprint of the folded text, is {@code duplicate}; (2) the same text with
 * small edits is {@code near_duplicate} of the article it copies: MinHash (128 functions) over
 * 3-word shingles of the text without boilerplate (credits from {@code dedup/boilerplate.txt},
 * paragraphs the outlet repeats), Jaccard at least {@code dipwatch.dedup.near-threshold} or the
 * shorter text nearly contained in the longer, candidates from an LSH index in memory (10 bands
 * of 2 values, at most 64 bytes per article) and from the articles sharing an actor; (3) another
 * write-up of an event the corpus holds is {@code same_story}: a shared actor and dates within the
 * story window (or, when a date is unknown, a shared quotation) and then a score of shared
 * quotations, shared rare terms, shared actors, the same speaker and date proximity; (4) anything
 * else is {@code new} and starts a story. Copies and near-duplicates are recorded in the index
 * against the article they copy and (by default) never written to {@code seeds/}.
 */
package org.dipwatch.dedup;
