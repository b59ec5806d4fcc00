/**
 * The corpus over HTTP. {@link org.dipwatch.api.CorpusQuery} is the query layer, plain Java over
 * the index, the search index and {@code seeds/}: articles found by filters and words, an article
 * with its text, stories with their reports, the alerts' delivery log, each a page. {@link
 * org.dipwatch.api.CorpusApi} answers the REST API with it ({@code routes/api-corpus.camel.yaml}, Camel's
 * REST DSL, whose OpenAPI 3 document is served at {@code /api/openapi.json}), in this order: the
 * token, the parameters or body (a 4xx that says what is wrong), then the query or the pipeline.
 * An article posted goes through the very pipeline an inbox file does.
 */
package org.dipwatch.api;
