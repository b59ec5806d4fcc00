/**
 * The daemon's wiring, the only Camel-aware part besides the routes' beans: {@link
 * org.dipwatch.daemon.Daemon} runs Camel Main with the YAML routes of {@code routes/}, binds the
 * pipeline ({@code org.dipwatch.pipeline}), the sources' poller, the outbox's deliverers, health and
 * metrics, and stops them in order; {@link org.dipwatch.daemon.SourceRoutes} turns {@code
 * sources.yaml} into routes from the source template; {@link org.dipwatch.daemon.RunningDaemon} is
 * the {@code data/daemon.run} file by which the CLI finds a running daemon and asks it ({@link
 * org.dipwatch.daemon.CliCommands}, supplied by the CLI); {@link org.dipwatch.daemon.CamelChannels}
 * sends the Slack, Telegram and camel channels' alerts through the daemon's CamelContext. Depends
 * on every stage; no stage depends on it.
 */
package org.dipwatch.daemon;
