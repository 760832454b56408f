package io.islands.server.cluster;

import io.islands.engine.process.GamePlacement;
import io.islands.runtime.checkpoint.StoreException;
import io.islands.storage.cluster.Claim;
import io.islands.storage.cluster.ClusterStore;
import io.islands.storage.cluster.NodeLease;

/**
 * A cluster node's {@link GamePlacement}: a game that is not running here is claimed for this
 * node's lease (one transaction that raises the game's fence), unless a live node owns it, which
 * is then named. Stateless; any thread.
 */
final class ClusterPlacement implements GamePlacement {
    private final ClusterStore store;
    private final NodeLease lease;

    ClusterPlacement(ClusterStore store, NodeLease lease) {
        this.store = store;
        this.lease = lease;
    }

    /** @throws StoreException if the claim could not be made (the database, or this node's lease is not live) */
    @Override
    public Placement place(String game) {
        Claim claim;
        try {
            claim = store.claim(lease, game);
        } catch (IllegalStateException e) {
            throw new StoreException("this node's cluster lease is not live: " + e.getMessage(), e);
        }
        return switch (claim) {
            case Claim.Claimed c -> Placement.Here.INSTANCE;
            case Claim.OwnedBy o -> new Placement.Elsewhere(o.owner().node());
        };
    }
}
