package io.islands.engine.process;

import io.islands.engine.game.Ack;
import io.islands.engine.game.Board;
import io.islands.engine.game.GameState;
import io.islands.engine.game.GuessReply;
import io.islands.engine.game.Outcome;
import io.islands.engine.game.Player;
import io.islands.engine.game.PlayerView;
import java.util.Objects;
import java.util.Optional;

/**
 * The calls a game process answers: the book's Game API (§4.3) plus read-only views. Immutable.
 *
 * @param <R> the type of the reply: {@link Games#call(String, GameRequest)} returns an {@code R},
 *     so no caller casts; {@link GameBehaviour} answers each request with its {@code R}
 */
public sealed interface GameRequest<R> {

    /** Adds player 2. */
    record AddPlayer(String name) implements GameRequest<Outcome<Ack>> {
        public AddPlayer {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Positions an island by its wire name at an upper-left cell. With a move id, applied at most
     * once per id ({@link io.islands.engine.game.AppliedMove}); the same for the two moves below.
     */
    record PositionIsland(Player player, String island, int row, int col, Optional<String> moveId)
            implements GameRequest<Outcome<Ack>> {
        public PositionIsland {
            Objects.requireNonNull(player, "player");
            Objects.requireNonNull(island, "island");
            Objects.requireNonNull(moveId, "moveId");
        }

        public PositionIsland(Player player, String island, int row, int col) {
            this(player, island, row, col, Optional.empty());
        }
    }

    /** Sets the player's islands. */
    record SetIslands(Player player, Optional<String> moveId) implements GameRequest<Outcome<Board>> {
        public SetIslands {
            Objects.requireNonNull(player, "player");
            Objects.requireNonNull(moveId, "moveId");
        }

        public SetIslands(Player player) {
            this(player, Optional.empty());
        }
    }

    /** Guesses a cell of the opponent's board. */
    record GuessCoordinate(Player player, int row, int col, Optional<String> moveId)
            implements GameRequest<Outcome<GuessReply>> {
        public GuessCoordinate {
            Objects.requireNonNull(player, "player");
            Objects.requireNonNull(moveId, "moveId");
        }

        public GuessCoordinate(Player player, int row, int col) {
            this(player, row, col, Optional.empty());
        }
    }

    /** What one player may see. Changes nothing. */
    record View(Player player) implements GameRequest<PlayerView> {
        public View {
            Objects.requireNonNull(player, "player");
        }
    }

    /**
     * What the holder of {@code screenName} may see: the view of the player of that name, or a
     * spectator's view when it names no player (or is empty). Changes nothing.
     */
    record ViewByName(Optional<String> screenName) implements GameRequest<PlayerView> {
        public ViewByName {
            Objects.requireNonNull(screenName, "screenName");
        }
    }

    /** The whole state, for tools and tests. */
    enum State implements GameRequest<GameState> {
        INSTANCE
    }
}
