/**
 * The commands of the {@code dipwatch} command line, one class each: {@code run},
 * {@code ingest}, {@code similar}, {@code classify}, {@code reindex}, {@code alerts},
 * {@code check-config}, {@code backup}, {@code restore}, {@code migrate-store}. Each loads the
 * settings of the home and prints JSON or one line on stdout, logs on stderr; what they share of
 * the home (its settings, the daemon running on it, their own pipeline, the JSON output) is the
 * picocli mixin {@link org.dipwatch.cli.Home}. A command that uses the index first looks for a daemon running on the home
 * ({@link org.dipwatch.daemon.RunningDaemon}, {@code data/daemon.run}): while one runs it holds the
 * index, and the command asks it over its HTTP API ({@link org.dipwatch.cli.CommandApi}, which
 * runs the command's own code against the daemon's pipeline); otherwise the command opens the
 * index and runs the same pipeline as the daemon, alone.
 */
package org.dipwatch.cli;
