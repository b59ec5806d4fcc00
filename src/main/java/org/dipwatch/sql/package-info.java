/**
 * The JDBC query loop shared by the classes that own tables ({@code corpus.CorpusIndex},
 * {@code corpus.StoryTables}, {@code alert.Outbox}, {@code source.SourceStates}): {@link
 * org.dipwatch.sql.Rows}, which also ends a transaction that will not commit (a batch of the corpus
 * that failed, a lane lock of the outbox) on a connection that may have broken. Each table's
 * statements stay with its owner (named in the owner's package docs); this package holds no SQL and
 * depends on nothing of dipwatch.
 */
package org.dipwatch.sql;
