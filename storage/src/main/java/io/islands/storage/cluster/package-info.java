/**
 * The cluster's PostgreSQL half: membership with leases and advisory locks, single ownership of
 * games, and fenced saves ({@link io.islands.storage.cluster.ClusterStore}; docs/cluster.md).
 */
package io.islands.storage.cluster;
