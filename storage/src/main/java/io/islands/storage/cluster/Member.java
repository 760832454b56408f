package io.islands.storage.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * A node of the cluster as the database sees it. Immutable.
 *
 * @param node its name
 * @param epoch its current start
 * @param address where other nodes reach it
 * @param startedAt when this epoch joined
 * @param leaseAge how long ago the lease was last renewed (database clock)
 * @param gamesOwned how many games it owns
 * @param live whether its lease runs and its advisory lock is held
 */
public record Member(String node, long epoch, String address, Instant startedAt, Duration leaseAge, int gamesOwned,
        boolean live) {}
