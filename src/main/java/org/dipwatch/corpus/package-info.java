/**
 * Corpus: the article files in {@code seeds/} and the index beside them. On open, interrupted
 * writes are finished or discarded, then files the index does not know are indexed. A new
 * article gets the next sequence number (numbers are never reused), is written to a hidden
 * temporary file, recorded in the index with its arrival in one transaction, and renamed into
 * place; a write that fails (a full disk) leaves no temporary file, and {@code StoreTrouble} tells
 * the pipeline to pause its intake until something is recorded again. {@code reindex} rereads
 * every file and keeps only where each article came from.
 *
 * <p>Tables and their owners (each table's statements live in the one class that owns it):
 * {@link org.dipwatch.corpus.CorpusIndex} owns {@code article} and {@code arrival} ({@link org.dipwatch.corpus.KnownKeys} reads
 * their keys for it at start; an article's tags are a column of its row since V14);
 * {@link org.dipwatch.corpus.StoryTables} owns {@code article_story} and {@code article_light} (the
 * narrow copy of the columns a start reads of every article). The outbox's tables are {@code alert.Outbox}'s, the sources' {@code source.SourceStates}'.
 */
package org.dipwatch.corpus;
