package io.islands.engine.process;

/**
 * The game runs on another node of the cluster ({@link GamePlacement}): this node neither
 * started nor changed it, so the request was not applied here. The server forwards the call to
 * {@link #node()} (or tells the client where the game went). Also thrown when a game running here
 * was taken over by another node: its save was refused by its fence, it stopped, and the
 * request was not applied.
 */
public final class GameElsewhereException extends GameUnavailableException {
    private final String node;

    public GameElsewhereException(String game, String node) {
        super(game, Why.ELSEWHERE, "runs on node '" + node + "'");
        this.node = node;
    }

    /** @return the name of the node that owns the game */
    public String node() {
        return node;
    }
}
