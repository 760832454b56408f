package io.islands.engine.process;

import io.islands.engine.game.GameState;
import io.islands.engine.game.Moves;
import io.islands.engine.game.Outcome;
import io.islands.runtime.From;
import io.islands.runtime.Result;
import io.islands.runtime.checkpoint.Checkpointed;

/**
 * The behaviour of one game process (the book's {@code Game} GenServer, §4): it applies
 * {@link GameRequest}s with {@link Moves}, in the book's order of checks. A failed move returns
 * the same state object, so nothing is written; a successful one returns the new state, which
 * {@link io.islands.runtime.checkpoint.CheckpointServer} saves before the reply leaves.
 */
final class GameServer implements Checkpointed<GameState> {

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
        if (!(request instanceof GameRequest r)) {
            throw new IllegalArgumentException("not a game request: " + request);
        }
        return switch (r) {
            case GameRequest.AddPlayer a -> apply(Moves.addPlayer(game, a.name()), game);
            case GameRequest.PositionIsland p -> apply(Moves.positionIsland(game, p.player(), p.island(), p.row(), p.col()), game);
            case GameRequest.SetIslands s -> apply(Moves.setIslands(game, s.player()), game);
            case GameRequest.GuessCoordinate g -> apply(Moves.guessCoordinate(game, g.player(), g.row(), g.col()), game);
            case GameRequest.View v -> Result.reply(Moves.view(game, v.player()), game);
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
