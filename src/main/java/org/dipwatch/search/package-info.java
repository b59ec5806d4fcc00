/**
 * Full-text search of the corpus: a Lucene index beside the database ({@code data/search} by
 * default), one document per stored article. The pipeline adds the articles of a batch once the
 * batch has committed to the database, on a thread of its own (one Lucene commit per batch); {@code reindex} rebuilds it, and
 * a start catches up with articles stored while it was behind (a crash between the two commits) or
 * rebuilds it when it is missing. A query applies its rules in this order: the filters (actor,
 * speaker, region with its hierarchy, source, language, verdict, story, date range) select, then
 * the words of {@code q} rank (BM25, the title counting twice), each article's text analysed in its
 * own language; without {@code q} the newest article comes first. Nothing here knows Camel, the
 * database or the files: {@link org.dipwatch.search.Searchable} is what it is given.
 */
package org.dipwatch.search;
