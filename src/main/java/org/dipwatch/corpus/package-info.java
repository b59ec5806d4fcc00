/**
 * Corpus: the article files in {@code seeds/} and the index beside them. On open, interrupted
 * writes are finished or discarded, then files the index does not know are indexed. A new
 * article gets the next sequence number (numbers are never reused), is written to a hidden
 * temporary file, recorded in the index with its arrival in one transaction, and renamed into
 * place; a write that fails (a full disk) leaves no temporary file, and {@code StoreTrouble} tells
 * the pipeline to pause its intake until something is recorded again. {@code reindex} rereads
 * every file and keeps only where each article came from.
 */
package org.dipwatch.corpus;
