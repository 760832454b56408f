package io.islands.engine.process;

import io.islands.engine.game.GameState;
import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.StartResult;
import io.islands.runtime.checkpoint.CheckpointServer;
import io.islands.runtime.checkpoint.NotSaved;
import io.islands.runtime.checkpoint.Quarantined;
import io.islands.runtime.checkpoint.StoreException;
import java.util.Optional;

/**
 * Games' calls part: a {@link GameRequest} to a game's process, which is activated from its saved
 * state when it is not running, with the retries and the errors of {@link Games}' contract.
 * Stateless apart from its final collaborators; any thread.
 */
final class GameCalls {
    private final Games.Config config;
    private final GameSupervision supervision;

    GameCalls(Games.Config config, GameSupervision supervision) {
        this.config = config;
        this.supervision = supervision;
    }

    /**
     * Calls the game, activating it from the store if it is not running. Retries (up to 3 times)
     * when the process was gone or was ended by a signal before answering: the request was then
     * not applied. A crash of the game's own code on the request is not retried: retrying a
     * request that crashes the game would crash it again.
     *
     * @return the game's reply to {@code request}
     * @throws GameUnavailableException see {@link Games}' contract
     */
    <R> R call(String game, GameRequest<R> request) {
        // An activated game loads after its start; should it die before this call reaches it
        // (its load failed at once), the call learns only noproc. The next activation then loads
        // in the start, whose result says why (STORE, QUARANTINED) instead of a retry's CRASHED.
        boolean loadInStart = false;
        for (int attempt = 0; ; attempt++) {
            Optional<Pid> running = supervision.registry().whereis(game);
            boolean loadAfterStart = !loadInStart;
            Pid pid = running.orElseGet(() -> activate(game, loadAfterStart));
            try {
                Object reply = GenServer.call(pid, request, config.callTimeout());
                if (reply instanceof NotSaved ns && ns.fencedOut()) {
                    // Another node took the game over: this process stopped without applying the
                    // request. Ask the placement again (it names the new owner, or claims it back).
                    if (attempt >= 3) {
                        throw new GameUnavailableException(game, GameUnavailableException.Why.STORE,
                                "the move was not applied: " + ns.reason());
                    }
                    continue;
                }
                if (reply instanceof NotSaved ns) {
                    throw new GameUnavailableException(game, GameUnavailableException.Why.STORE,
                            "the move was not saved, so it was not applied: " + ns.reason());
                }
                return replyTo(request, reply);
            } catch (ExitException e) {
                ExitReason r = e.reason();
                if (r.equals(CheckpointServer.QUARANTINED) || CheckpointServer.isStoreUnavailable(r)) {
                    throw startError(game, r); // its load after an activation did not start it
                }
                // Any exit before the reply means the request was not applied: a game saves and
                // replies with no safe point in between, so no signal can fall between the two.
                // A crash of the game's own code (Crash) is not retried: it would crash again.
                if (r instanceof ExitReason.Timeout) {
                    throw new GameUnavailableException(game, GameUnavailableException.Why.TIMEOUT,
                            "no answer within " + config.callTimeout() + " (" + e.getMessage() + ")");
                }
                if (r instanceof ExitReason.Crash) {
                    throw new GameUnavailableException(game, GameUnavailableException.Why.CRASHED,
                            "the game crashed on this request (" + r + "); it restarts from its last saved state");
                }
                if (running.isEmpty()) {
                    loadInStart = true;
                }
                if (attempt >= 3) {
                    throw new GameUnavailableException(game, GameUnavailableException.Why.CRASHED,
                            "the game keeps stopping (" + r + ")");
                }
            }
        }
    }

    /**
     * The one unchecked step of a game call: {@link GameBehaviour} answers each {@code
     * GameRequest<R>} with an {@code R} (or {@link NotSaved}, handled before), which the
     * request's type states for the compiler.
     */
    @SuppressWarnings("unchecked")
    private static <R> R replyTo(GameRequest<R> request, Object reply) {
        return (R) reply;
    }

    /**
     * Starts a game that has a saved state; with {@code loadAfterStart} it loads in its own
     * process after the start (see {@link GameSupervision#startGame(String, boolean)}).
     *
     * @throws GameUnavailableException QUARANTINED, NOT_FOUND, STORE when the store cannot be read
     *         (nothing started), CRASHED when the game's start failed otherwise, ELSEWHERE ({@link
     *         GameElsewhereException}) when the placement says another node runs it
     */
    private Pid activate(String game, boolean loadAfterStart) {
        if (config.placement().checksSaved()) { // the claim tells whether it is saved: no read before it
            if (place(config, game, true) == GamePlacement.Placement.Unsaved.INSTANCE) {
                throw unsaved(game);
            }
        } else {
            boolean saved;
            try {
                saved = !config.store().versions(game).isEmpty();
            } catch (StoreException e) {
                throw unreadable(game, e);
            }
            if (!saved) {
                throw unsaved(game);
            }
            placeHere(config, game);
        }
        return switch (supervision.startGame(game, loadAfterStart)) {
            case StartResult.Ok ok -> ok.pid();
            case StartResult.AlreadyStarted a -> a.pid();
            case StartResult.Ignore i -> throw new GameUnavailableException(game,
                    GameUnavailableException.Why.NOT_FOUND, "the game did not start");
            case StartResult.Error e -> throw startError(game, e.reason());
        };
    }

    /**
     * Asks the placement where {@code game} runs before it is started or activated here.
     *
     * @throws GameElsewhereException if it runs on another node
     * @throws GameUnavailableException STORE if the placement could not read the cluster's store
     */
    static void placeHere(Games.Config config, String game) {
        place(config, game, false);
    }

    /**
     * @param saved whether the game is activated from its saved state ({@link GamePlacement#placeSaved})
     * @return {@link GamePlacement.Placement.Here}, or (with {@code saved}) {@link GamePlacement.Placement.Unsaved}
     * @throws GameElsewhereException if it runs on another node
     * @throws GameUnavailableException STORE if the placement could not read the cluster's store
     */
    private static GamePlacement.Placement place(Games.Config config, String game, boolean saved) {
        GamePlacement.Placement where;
        try {
            where = saved ? config.placement().placeSaved(game) : config.placement().place(game);
        } catch (StoreException e) {
            throw new GameUnavailableException(game, GameUnavailableException.Why.STORE,
                    "the cluster's store cannot be read, so the game was not started: " + e.getMessage());
        }
        if (where instanceof GamePlacement.Placement.Elsewhere(String node)) {
            throw new GameElsewhereException(game, node);
        }
        return where;
    }

    /**
     * The error for a game with no saved state: QUARANTINED if it was quarantined (a quarantined
     * game has no versions: its record is read only then), else NOT_FOUND; STORE if that read failed.
     */
    private GameUnavailableException unsaved(String game) {
        Optional<Quarantined<GameState>> quarantined;
        try {
            quarantined = config.store().quarantined(game);
        } catch (StoreException e) {
            return unreadable(game, e);
        }
        return quarantined.isPresent()
                ? new GameUnavailableException(game, GameUnavailableException.Why.QUARANTINED, "quarantined: " + quarantined.get().reason())
                : new GameUnavailableException(game, GameUnavailableException.Why.NOT_FOUND, "no such game");
    }

    /** The error for a game not started because its store could not be read: STORE. */
    private static GameUnavailableException unreadable(String game, StoreException e) {
        return new GameUnavailableException(game, GameUnavailableException.Why.STORE,
                "the store cannot be read, so the game was not started: " + e.getMessage());
    }

    /** The error for a game whose process did not start, by the reason its start gave. */
    private static GameUnavailableException startError(String game, ExitReason reason) {
        if (reason.equals(CheckpointServer.QUARANTINED)) {
            return new GameUnavailableException(game, GameUnavailableException.Why.QUARANTINED, "quarantined");
        }
        if (CheckpointServer.isStoreUnavailable(reason)) { // Other from a start, Shutdown from a load after it
            return new GameUnavailableException(game, GameUnavailableException.Why.STORE,
                    "the game could not be read from the store: " + reason);
        }
        return new GameUnavailableException(game, GameUnavailableException.Why.CRASHED,
                "the game could not start: " + reason);
    }
}
