package io.islands.storage.cluster;

/**
 * What a node's {@link ClusterStore} did so far. Immutable.
 *
 * @param claims claims that returned {@link Claim.Claimed} (a game claimed, or found owned already)
 * @param takeovers claims that took a game from an owner that was not live any more
 * @param fencedOut saves and deletes of its game stores refused by their fence
 */
public record ClusterCounters(long claims, long takeovers, long fencedOut) {}
