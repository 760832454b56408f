package io.islands.engine.process;

import io.islands.engine.game.GameState;
import io.islands.engine.game.Moves;
import io.islands.engine.game.Outcome;
import io.islands.runtime.From;
import io.islands.runtime.Result;
import io.islands.runtime.checkpoint.Checkpointed;

/**
 * The behaviour of one game process (the book's {@code Game} GenServer, §4): it answers each
 * {@link GameRequest} with its reply type, applying moves with {@link Moves} in the book's order
 * of checks. A failed move returns the same state object, so nothing is written, and so does a
 * move replayed by its move id ({@link Outcome.Ok#replayed}); a successful one returns the new
 * state, which the process saves before the reply leaves.
 *
 * <p>Why this is not itself a {@link io.islands.runtime.GenServer}: the game process is one, a
 * {@link io.islands.runtime.checkpoint.CheckpointServer}{@code <GameState>}, and this class is
 * the part of it that is the game's own. A GenServer owns its {@code init} and its state; a game
 * does neither: its state comes from the store (fresh, restored, fallen back to an older version
 * or quarantined), and every change must be on disk before the reply leaves. CheckpointServer
 * does that once for any checkpointed server and calls these callbacks (GenServer's, minus init)
 * over the plain {@code GameState}, as OTP's behaviours call a callback module.
 */
final class GameBehaviour implements Checkpointed<GameState> {

    @Override
    public GameState fresh(String name) {
        return GameState.fresh(name);
    }

    /** A saved game must belong to this name; anything else is a poisoned state. */
    @Override
    public GameState restore(String name, GameState saved) {
        if (!saved.player1().name().equals(name)) {
            throw new IllegalStateException("saved state of game '" + saved.player1().name()
                    + "' found under the name '" + name + "'");
        }
        return saved;
    }

    @Override
    public Result<GameState> handleCall(Object request, From from, GameState game) {
        if (!(request instanceof GameRequest<?> r)) {
            throw new IllegalArgumentException("not a game request: " + request);
        }
        return switch (r) {
            case GameRequest.AddPlayer a -> apply(Moves.addPlayer(game, a.name()), game);
            case GameRequest.PositionIsland p -> apply(Moves.positionIsland(game, p.player(), p.island(), p.row(), p.col(),
                    p.moveId()), game);
            case GameRequest.SetIslands s -> apply(Moves.setIslands(game, s.player(), s.moveId()), game);
            case GameRequest.GuessCoordinate g -> apply(Moves.guessCoordinate(game, g.player(), g.row(), g.col(),
                    g.moveId()), game);
            case GameRequest.View v -> Result.reply(Moves.view(game, v.player()), game);
            case GameRequest.ViewByName v -> Result.reply(Moves.viewByName(game, v.screenName()), game);
            case GameRequest.State s -> Result.reply(game, game);
        };
    }

    private static Result<GameState> apply(Outcome<?> outcome, GameState game) {
        return switch (outcome) {
            case Outcome.Ok<?> ok -> Result.reply(outcome, ok.state());
            case Outcome.Failed<?> failed -> Result.reply(outcome, game);
        };
    }
}
