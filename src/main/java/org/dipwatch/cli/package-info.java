/**
 * The commands of the {@code dipwatch} command line, one class each: {@code run},
 * {@code ingest}, {@code reindex}, {@code check-config}. Each loads the settings of the home,
 * does its work through the same pipeline as the daemon, prints JSON or one line on stdout and
 * keeps logs on stderr.
 */
package org.dipwatch.cli;
