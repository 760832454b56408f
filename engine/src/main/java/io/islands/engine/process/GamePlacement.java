package io.islands.engine.process;

import java.util.Objects;

/**
 * Where a game runs: asked by {@link Games} before it starts or activates a game that is not
 * running on this node. A single node runs every game itself ({@link #HERE}); a cluster node
 * claims the game (or learns its live owner) and answers accordingly. A game that is running
 * here is not asked about again: its saves are checked by the (fenced) store instead.
 *
 * <p>Called on the caller's thread, possibly from many at once; may block on the cluster's
 * store. An exception it throws reaches the caller of the move (a {@link
 * io.islands.runtime.checkpoint.StoreException} becomes {@link GameUnavailableException.Why#STORE}).
 */
@FunctionalInterface
public interface GamePlacement {

    /** Every game runs here: the single-node behaviour. */
    GamePlacement HERE = game -> Placement.Here.INSTANCE;

    /**
     * @return {@link Placement.Here} to start or activate the game on this node (a cluster node has
     *     claimed it by then), or {@link Placement.Elsewhere} naming the node that runs it
     */
    Placement place(String game);

    /** The answer of {@link #place}. Immutable. */
    sealed interface Placement {
        /** Run the game on this node. */
        enum Here implements Placement { INSTANCE }

        /** The game runs on {@code node}: calls go there ({@link GameElsewhereException}). */
        record Elsewhere(String node) implements Placement {
            public Elsewhere {
                Objects.requireNonNull(node, "node");
            }
        }
    }
}
