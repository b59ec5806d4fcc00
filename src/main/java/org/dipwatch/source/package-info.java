/**
 * Sources: the ministry and agency feeds and list pages that dipwatch polls on a Quartz schedule,
 * one route per source made from the {@code feed} or {@code page} template. A poll goes in this
 * order: a source whose backoff has not ended is skipped; the feed or list page is fetched with
 * the validators of the last answer (a 304 ends the poll); it is read into items
 * ({@code FeedItem}s, or links of a list page); items whose identity and content were seen before
 * are dropped, and so are a list's articles whose earlier fetches failed and that wait their turn
 * (doubling gaps of polls) or were given up; at most {@code max-items-per-poll} of the rest are taken,
 * oldest first; for each of them the article page is fetched when the source asks for full
 * text (always for a list page) and extracted like a page in the inbox, falling back to the feed's
 * content or summary; each item goes to the pipeline with its identity and version as the intake
 * key, then is recorded as seen. A failed poll counts a consecutive failure and backs the source
 * off exponentially; the state of each source (validators, health, seen items) is kept in the
 * index by {@link org.dipwatch.source.SourceStates}, which owns the tables {@code source_state},
 * {@code source_item} and {@code source_item_failure}. Rome and jsoup types never reach this
 * package: it sees records. The wait after failures is {@code retry.Backoff}'s, as the alerts'.
 */
package org.dipwatch.source;
