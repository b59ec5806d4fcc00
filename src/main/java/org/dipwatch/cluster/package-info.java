/**
 * The nodes of a cluster: several daemons sharing one PostgreSQL database and one home on a shared
 * volume ({@code dipwatch.index.url=jdbc:postgresql://…}). Each node has a stable id
 * ({@code dipwatch.node.id}, default the host name), shown in {@code /health} and as the metrics'
 * {@code node} tag, and writes a heartbeat every {@code dipwatch.cluster.checkin-ms}
 * ({@link org.dipwatch.cluster.ClusterNodes}); a node silent for three check-ins is gone, and what it had
 * claimed (inbox files) is taken by another. The rest of the cluster's work is done by the engines
 * where it belongs, in this order of an article's way: Quartz's clustered JDBC job store fires each
 * source's poll on one node; an inbox file is claimed in the database by one node
 * ({@code org.dipwatch.ingest.InboxClaims}); the judge-and-store step takes a PostgreSQL advisory lock,
 * so batches are judged one at a time across the cluster, against everything committed before
 * ({@code org.dipwatch.corpus.Corpus#batch}); an alert lane is delivered by the one node that holds its
 * row locked ({@code org.dipwatch.alert.Outbox#lockLane}).
 */
package org.dipwatch.cluster;
