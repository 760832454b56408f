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

    /**
     * Places a game that is to be activated from its saved state. A placement that {@link
     * #checksSaved} answers {@link Placement.Unsaved}, and claims nothing, when the game has no
     * saved state (a cluster node's claim reads that in the same round trip); the default is
     * {@link #place}.
     *
     * @return as {@link #place}, or {@link Placement.Unsaved}
     */
    default Placement placeSaved(String game) {
        return place(game);
    }

    /**
     * @return whether {@link #placeSaved} tells a game without a saved state ({@link
     *     Placement.Unsaved}), so that an activation need not read the store before it; false by default
     */
    default boolean checksSaved() {
        return false;
    }

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

        /** The game has no saved state: nothing to activate ({@link #placeSaved} only). */
        enum Unsaved implements Placement { INSTANCE }
    }
}
