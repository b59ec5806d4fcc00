/**
 * Dedup: decides whether an incoming article is already in the corpus, and at which level.
 * Rules apply in this order: (1) an exact copy, by canonical URL (tracking parameters stripped)
 * and then by the fingerprint of the folded text, is {@code duplicate}; (2) the same text with
 * small edits is {@code near_duplicate} of the article it copies: MinHash (128 functions) over
 * 3-word shingles of the text without boilerplate (credits from {@code dedup/boilerplate.txt},
 * paragraphs the outlet repeats), Jaccard at least {@code dipwatch.dedup.near-threshold} or the
 * shorter text nearly contained in the longer, candidates from an LSH index in memory and the
 * reports of the candidate stories; (3) another write-up of an event the corpus holds is
 * {@code same_story}, judged against each candidate story as a whole: the article must match the
 * story's lead (first report), or be anchored to the lead and match one of its latest reports, or
 * match two of its reports (each pair: a shared actor, dates within the story window, in one
 * language shared rare terms or a quotation; then the fitted model's score of rare terms,
 * headlines, actors, places, the same numbers and names, the event's specific facts), so that
 * stories do not chain; candidates are the open stories found through an in-memory inverted
 * index of their headline, lead and quotation terms and the numbers and names they state; (4)
 * anything else is {@code new} and starts a story. Everything the judgement reads is in memory
 * ({@link org.dipwatch.dedup.StoryIndex}); storing an article writes one row, and the memory is
 * rebuilt from the rows on start. Copies and near-duplicates are recorded in the index against
 * the article they copy and (by default) never written to {@code seeds/}.
 */
package org.dipwatch.dedup;
