package io.islands.server.cluster;

import io.islands.engine.game.PlayerView;
import io.islands.engine.process.GameElsewhereException;
import io.islands.engine.process.GameRequest;
import io.islands.engine.process.GameUnavailableException;
import io.islands.engine.process.Games;
import io.islands.runtime.StartResult;
import io.islands.runtime.checkpoint.CheckpointServer;
import java.util.Objects;
import java.util.Optional;

/**
 * The one way the server calls games (the game channel, the observer's admin calls): on a single
 * node straight to the local {@link Games}; in a cluster to the node that owns the game. A call
 * goes to the owner this router last heard of, else to the local games, whose placement claims the
 * game here or names its live owner ({@link GameElsewhereException}); the call is then forwarded to
 * that node, executed there through its own games, and its reply (or error) relayed, in the closed
 * wire form of {@link GameWire}. The operations of {@link Games} that reach a game, with its errors
 * (the book's moves are {@link #call}s of their {@link GameRequest}s).
 *
 * <p>Failover: a call whose owner is not reachable before the request was sent (not a member, or
 * gone from the view) is tried again here, where the placement claims the game as soon as the
 * database sees the owner dead (its advisory lock is released within a fraction of a second of a
 * kill; a hung owner's lease ends after 3 s); the router keeps trying for up to {@link
 * Mesh#FAILOVER_WAIT}. A call whose owner left after the request was sent has an unknown outcome:
 * it ends {@link GameUnavailableException.Why#TIMEOUT}, as a local call that timed out, and is not
 * retried here (the client's retry is, once its move ids make it idempotent).
 *
 * <p>Thread-safe; stateless apart from the cluster's cache of owners.
 */
public final class GameRouter {
    /** The result of {@link #startGame}, wherever the game started. */
    public enum Started {
        /** Started now. */
        OK,
        /** It runs already (here or on its owner). */
        ALREADY_STARTED,
        /** It is set aside for an operator. */
        QUARANTINED,
        /** Its start failed. */
        CRASHED
    }

    private final Games games;
    /** The cluster's side, or null on a single node. */
    private final Mesh mesh;

    GameRouter(Games games, Mesh mesh) {
        this.games = Objects.requireNonNull(games, "games");
        this.mesh = mesh;
    }

    /** @return a router that calls {@code games} only (a single node) */
    public static GameRouter local(Games games) {
        return new GameRouter(games, null);
    }

    /** @return the local games (for what is not routed: lists, store reads) */
    public Games local() {
        return games;
    }

    /**
     * Sends {@code request} to the game wherever it runs; see {@link Games#call}.
     *
     * @throws GameUnavailableException as {@link Games#call}; TIMEOUT also when the owner left
     *     before it answered; STORE when no node could be reached to run it
     */
    public <R> R call(String game, GameRequest<R> request) {
        return mesh == null ? games.call(game, request) : mesh.call(game, request);
    }

    /** See {@link Games#viewByName}: a game not started is seen as {@link PlayerView#unstarted}. */
    public PlayerView viewByName(String game, Optional<String> screenName) {
        return Games.viewOrUnstarted(game, screenName, request -> call(game, request));
    }

    /** @return whether the game is started (a process here, or a saved state in the shared store); see {@link Games#started} */
    public boolean started(String game) {
        return games.started(game);
    }

    /**
     * Starts the game here, or on the node that owns it.
     *
     * @throws io.islands.runtime.ExitException noproc as {@link Games#startGame}
     * @throws GameUnavailableException STORE, TIMEOUT when the owner could not be reached
     */
    public Started startGame(String game) {
        return mesh == null ? startedOf(games.startGame(game)) : mesh.startGame(game);
    }

    /**
     * Stops the game (its process, wherever it runs) and deletes its saved state; see {@link Games#stopGame}.
     *
     * @throws GameUnavailableException NOT_FOUND, or as {@link #call}
     */
    public void stopGame(String game) {
        if (mesh == null) {
            games.stopGame(game);
        } else {
            mesh.stopGame(game);
        }
    }

    /** @return the node that runs {@code game} now, if it is known (always empty on a single node) */
    public Optional<String> nodeOf(String game) {
        return mesh == null ? Optional.empty() : mesh.ownerNode(game);
    }

    static Started startedOf(StartResult result) {
        return switch (result) {
            case StartResult.Ok ok -> Started.OK;
            case StartResult.AlreadyStarted a -> Started.ALREADY_STARTED;
            case StartResult.Ignore i -> Started.ALREADY_STARTED;
            case StartResult.Error e -> e.reason().equals(CheckpointServer.QUARANTINED) ? Started.QUARANTINED : Started.CRASHED;
        };
    }
}
