/**
 * Observe: what an operator sees of the running daemon. {@code Metrics} names every metric and
 * builds the Prometheus registry that Camel shares; {@code Health} answers {@code /health} from
 * Camel's health checks, the index and the configuration's problems (DOWN before DEGRADED before
 * UP); both are served on {@code dipwatch.http.port}.
 */
package org.dipwatch.observe;
