/**
 * The JDBC query loop shared by the classes that own tables ({@code corpus.CorpusIndex},
 * {@code corpus.StoryTables}, {@code alert.Outbox}, {@code source.SourceStates}): {@link
 * org.dipwatch.sql.Rows}. Each table's statements stay with its owner (named in the owner's
 * package docs); this package holds no SQL and depends on nothing of dipwatch.
 */
package org.dipwatch.sql;
