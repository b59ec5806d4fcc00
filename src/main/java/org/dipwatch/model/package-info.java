/**
 * The immutable records that travel between the stages: a {@link org.dipwatch.model.Draft} leaves
 * ingest, an {@link org.dipwatch.model.Article} leaves normalize, and an
 * {@link org.dipwatch.model.IngestResult} tells the caller what became of a document. No stage
 * passes Camel, Rome or jsoup types to another.
 */
package org.dipwatch.model;
