/**
 * dipwatch: a daemon that watches diplomatic statements. This package holds no classes; where
 * things are:
 * <ul>
 *   <li>{@code cli}: the command line ({@code App} and one class per command);</li>
 *   <li>{@code daemon}: Camel Main, the routes' wiring, start and stop;</li>
 *   <li>{@code pipeline}: the path every article takes and its order (stated there once);</li>
 *   <li>the stages, one package each: {@code source} (schedules, polls, seen items), {@code ingest}
 *       (reading documents, feeds, pages), {@code normalize}, {@code classify}, {@code dedup},
 *       {@code corpus} ({@code seeds/} and the index), {@code alert} (subscriptions, outbox,
 *       delivery), {@code search} (the full-text index);</li>
 *   <li>{@code api}: the corpus over HTTP, the query layer ({@code CorpusQuery}) and the REST API;</li>
 *   <li>{@code model} (the records passed between stages), {@code config} (settings and their
 *       checks), {@code observe} (health, metrics, the HTTP listener).</li>
 * </ul>
 */
package org.dipwatch;
