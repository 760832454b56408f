package io.islands.storage.cluster;

import java.util.OptionalLong;

/**
 * A node's membership, from {@link ClusterStore#join} until {@link ClusterStore#leave}: the
 * node's name, its current epoch and the fences of the games it claimed under that epoch. When
 * the lease is lost (renewals failing for longer than {@code lease - margin}, or the epoch
 * declared dead) its fences are dropped at once, and the handle keeps trying to join again
 * under a new epoch ({@link LeaseEvent.Rejoined}); the same object then stands for the new epoch.
 * Thread-safe.
 */
public interface NodeLease {
    /** @return the node's name */
    String node();

    /** @return the epoch of the current (or last) membership; epochs only grow */
    long epoch();

    /** @return whether the lease is live now by this node's clock: joined, renewed in time, not left */
    boolean live();

    /** @return the fence this node holds for {@code game} under its current epoch, if it claimed it */
    OptionalLong fenceOf(String game);
}
