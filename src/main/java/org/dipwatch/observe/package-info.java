/**
 * Observe: what an operator sees of the running daemon. {@code Metrics} names every metric and
 * builds the Prometheus registry that Camel shares; {@code Health} answers {@code /health} from
 * Camel's health checks, the index, the sources, the alerts waiting, whether anything can be
 * recorded and the configuration's problems (DOWN before DEGRADED before UP); both are served on
 * {@code dipwatch.http.port}, by the HTTP server whose socket {@code HttpListener} makes of the
 * bound address's family.
 */
package org.dipwatch.observe;
