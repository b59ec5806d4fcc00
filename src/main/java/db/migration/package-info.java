/**
 * The index's migrations written in Java, beside the SQL ones in the same folder
 * ({@code db/migration}, where Flyway finds both, in version order; opened by
 * {@link org.dipwatch.corpus.CorpusIndex}): a migration is Java when it runs a script it does not
 * own, such as the tables Quartz ships for each database.
 */
package db.migration;
