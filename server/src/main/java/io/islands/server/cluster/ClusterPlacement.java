package io.islands.server.cluster;

import io.islands.engine.process.GamePlacement;
import io.islands.runtime.checkpoint.StoreException;
import io.islands.storage.cluster.Claim;
import io.islands.storage.cluster.ClusterStore;
import io.islands.storage.cluster.NodeLease;
import io.islands.storage.cluster.Owner;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A cluster node's {@link GamePlacement}: a game that is not running here is claimed for this
 * node's lease (one transaction that raises the game's fence), unless a live node owns it, which
 * is then named. A game activated from its saved state is claimed only if it is saved, in the
 * same statement ({@link #placeSaved}).
 *
 * <p>A node that is stopping ({@link #leaving}) claims nothing: a game that is not running here
 * is released (if this node still owns it: its process has ended, so the release raises the
 * fence after its last save) and placed on its live owner, else on one of the other members,
 * which claims it. So a game whose process the hand-off has stopped is never started here again,
 * and its next call, from anywhere, is served at once elsewhere.
 *
 * <p>Thread-safe: one volatile field, set once by {@link #leaving}; any thread.
 */
final class ClusterPlacement implements GamePlacement {
    private final ClusterStore store;
    private final NodeLease lease;
    /** The other members of the view, once this node is stopping; null before. */
    private volatile Supplier<List<String>> others;

    ClusterPlacement(ClusterStore store, NodeLease lease) {
        this.store = store;
        this.lease = lease;
    }

    /** From now on this node claims nothing; games are placed on their owners or on one of {@code otherMembers}. */
    void leaving(Supplier<List<String>> otherMembers) {
        this.others = otherMembers;
    }

    /**
     * @throws StoreException if the claim could not be made (the database, or this node's lease is
     *     not live), or if this node is stopping and no other node is there to run the game
     */
    @Override
    public Placement place(String game) {
        return placed(game, false);
    }

    /**
     * As {@link #place}, with the claim only of a saved game ({@link ClusterStore#claimSaved}):
     * {@link Placement.Unsaved} for a game with no saved state and no live owner elsewhere.
     */
    @Override
    public Placement placeSaved(String game) {
        return placed(game, true);
    }

    /** @return true: {@link #placeSaved}'s claim reads whether the game is saved, in its one round trip */
    @Override
    public boolean checksSaved() {
        return true;
    }

    private Placement placed(String game, boolean saved) {
        Supplier<List<String>> stopping = others;
        if (stopping != null) {
            return elsewhere(game, stopping.get());
        }
        Claim claim;
        try {
            claim = saved ? store.claimSaved(lease, game) : store.claim(lease, game);
        } catch (IllegalStateException e) {
            throw new StoreException("this node's cluster lease is not live: " + e.getMessage(), e);
        }
        return switch (claim) {
            case Claim.Claimed c -> Placement.Here.INSTANCE;
            case Claim.OwnedBy o -> new Placement.Elsewhere(o.owner().node());
            case Claim.Unsaved u -> Placement.Unsaved.INSTANCE;
        };
    }

    /**
     * A stopping node gives {@code game} up, if it still owns it: call only when the game's
     * process here has ended (else its next save is refused by the fence). Nothing once it has left.
     *
     * @return whether this node held it
     * @throws StoreException if the database cannot be reached
     */
    boolean release(String game) {
        return lease.live() && store.release(lease, game);
    }

    /** The placement of a stopping node: released here, then on its live owner or another member. */
    private Placement elsewhere(String game, List<String> members) {
        if (lease.live()) { // once it has left, it owns nothing
            release(game);
            Optional<Owner> owner = store.ownerOf(game);
            if (owner.isPresent()) {
                return new Placement.Elsewhere(owner.get().node());
            }
        }
        if (members.isEmpty()) {
            throw new StoreException("this node is stopping, and no other node of the cluster is there to run " + game);
        }
        return new Placement.Elsewhere(members.get(Math.floorMod(game.hashCode(), members.size())));
    }
}
