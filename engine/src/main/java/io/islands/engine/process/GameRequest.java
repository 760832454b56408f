package io.islands.engine.process;

import io.islands.engine.game.Player;
import java.util.Objects;

/**
 * The calls a game process answers: the book's Game API (§4.3) plus read-only views. Each is
 * answered with an {@link io.islands.engine.game.Outcome} (moves) or a value (views).
 */
public sealed interface GameRequest {

    /** Adds player 2. Reply: {@code Outcome<Ack>}. */
    record AddPlayer(String name) implements GameRequest {
        public AddPlayer {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Positions an island by its wire name at an upper-left cell. Reply: {@code Outcome<Ack>}. */
    record PositionIsland(Player player, String island, int row, int col) implements GameRequest {
        public PositionIsland {
            Objects.requireNonNull(player, "player");
            Objects.requireNonNull(island, "island");
        }
    }

    /** Sets the player's islands. Reply: {@code Outcome<Board>}. */
    record SetIslands(Player player) implements GameRequest {
        public SetIslands {
            Objects.requireNonNull(player, "player");
        }
    }

    /** Guesses a cell of the opponent's board. Reply: {@code Outcome<GuessReply>}. */
    record GuessCoordinate(Player player, int row, int col) implements GameRequest {
        public GuessCoordinate {
            Objects.requireNonNull(player, "player");
        }
    }

    /** What one player may see. Reply: {@link io.islands.engine.game.PlayerView}. Changes nothing. */
    record View(Player player) implements GameRequest {
        public View {
            Objects.requireNonNull(player, "player");
        }
    }

    /** The whole state, for tools and tests. Reply: {@link io.islands.engine.game.GameState}. */
    enum State implements GameRequest {
        INSTANCE
    }
}
