/**
 * Observe: what an operator sees of the running daemon. {@code Metrics} names every metric and
 * builds the Prometheus registry that Camel shares; {@code Health} answers {@code /health} from
 * Camel's health checks and the index; both are served on {@code dipwatch.http.port}.
 */
package org.dipwatch.observe;
