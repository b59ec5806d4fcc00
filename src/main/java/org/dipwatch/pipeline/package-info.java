/**
 * The one path every article takes, whatever brought it (a feed item, a web page, a file dropped
 * into {@code inbox/}, the {@code ingest} command, {@code POST /api/articles}), in this order:
 * <ol>
 *   <li><b>read</b> the document ({@code org.dipwatch.ingest}: HTML, feeds, mail, office files);</li>
 *   <li><b>normalize</b> it into the seed format ({@code org.dipwatch.normalize});</li>
 *   <li><b>classify</b> its actors, regions, speaker and kind ({@code org.dipwatch.classify});</li>
 *   <li><b>dedup</b>: the same URL or text, a near-copy, the same story ({@code org.dipwatch.dedup});</li>
 *   <li><b>store</b> it in {@code seeds/} and the index ({@code org.dipwatch.corpus}), with the
 *       alerts it owes written to the outbox ({@code org.dipwatch.alert}) in the same transaction;</li>
 *   <li><b>search</b>: once the batch has committed, its articles are added to the full-text index
 *       ({@code org.dipwatch.search}) on a thread of its own, one Lucene commit a batch
 *       ({@link org.dipwatch.pipeline.SearchFeed}).</li>
 * </ol>
 * Steps 1–3 and the text features run in parallel on {@code dipwatch.pipeline.workers} threads
 * ({@link org.dipwatch.pipeline.IntakeQueue}); judging and storing run on one thread in arrival
 * order, in batches ({@link org.dipwatch.pipeline.Pipeline}). {@link org.dipwatch.pipeline.Stages}
 * builds the stages from a home's settings. Before the first judgement the pipeline warms up once
 * ({@link org.dipwatch.pipeline.WarmUp}: {@code seeds/} checked against the index, the story memory
 * loaded, articles without a story judged); the daemon does it behind {@code /health}, and what is
 * handed over meanwhile waits. This is the only place the order is stated; the other packages'
 * docs link here.
 */
package org.dipwatch.pipeline;
