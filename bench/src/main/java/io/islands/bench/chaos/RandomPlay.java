package io.islands.bench.chaos;

import io.islands.engine.game.Coordinate;
import io.islands.engine.game.GameState;
import io.islands.engine.game.IslandsStatus;
import io.islands.engine.game.IslandType;
import io.islands.engine.game.Outcome;
import io.islands.engine.game.Player;
import io.islands.engine.game.RulesState;
import io.islands.engine.process.GameRequest;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Seeded random moves that play a game by the engine's rules to its end: player 2 joins,
 * islands go to random legal places (tried against the rules, without the process), both
 * players set them, then the player whose turn it is guesses a random cell it has not guessed.
 * About one move in twenty is illegal on purpose (wrong player, taken place, off the board), so
 * that error answers are checked too.
 */
final class RandomPlay {
    private static final List<IslandType> TYPES = List.of(IslandType.values());

    private RandomPlay() {}

    /** @return the next move for {@code game}; never called for a game that is over */
    static GameRequest<?> next(RandomGenerator r, GameState game) {
        RulesState state = game.rules().state();
        if (r.nextInt(20) == 0) {
            Player p = r.nextBoolean() ? Player.PLAYER1 : Player.PLAYER2;
            return switch (r.nextInt(3)) {
                case 0 -> new GameRequest.GuessCoordinate(p, 1 + r.nextInt(10), 1 + r.nextInt(10));
                case 1 -> new GameRequest.PositionIsland(p, "dot", 0, 11);
                default -> new GameRequest.AddPlayer("late");
            };
        }
        return switch (state) {
            case INITIALIZED -> new GameRequest.AddPlayer("p2");
            case PLAYERS_SET -> placement(r, game);
            case PLAYER1_TURN, PLAYER2_TURN -> guess(r, game, state == RulesState.PLAYER1_TURN ? Player.PLAYER1 : Player.PLAYER2);
            case GAME_OVER -> throw new IllegalStateException("the game is over");
        };
    }

    private static GameRequest<?> placement(RandomGenerator r, GameState game) {
        Player p = r.nextBoolean() ? Player.PLAYER1 : Player.PLAYER2;
        if (game.rules().islands(p) == IslandsStatus.ISLANDS_SET) {
            p = p.opponent();
        }
        var board = game.player(p).board();
        if (board.allIslandsPositioned()) {
            return new GameRequest.SetIslands(p);
        }
        List<IslandType> missing = TYPES.stream().filter(t -> !board.islands().containsKey(t)).toList();
        IslandType type = missing.get(r.nextInt(missing.size()));
        GameRequest.PositionIsland move = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            move = new GameRequest.PositionIsland(p, type.wire(), 1 + r.nextInt(10), 1 + r.nextInt(10));
            if (NodeProtocol.apply(game, move) instanceof Outcome.Ok<?>) {
                break;
            }
        }
        return move; // after 50 misses an illegal one: answered "failed", and the game goes on
    }

    private static GameRequest<?> guess(RandomGenerator r, GameState game, Player p) {
        var guesses = game.player(p).guesses();
        for (int attempt = 0; attempt < 200; attempt++) {
            int row = 1 + r.nextInt(10);
            int col = 1 + r.nextInt(10);
            Coordinate c = new Coordinate(row, col);
            if (!guesses.hits().contains(c) && !guesses.misses().contains(c)) {
                return new GameRequest.GuessCoordinate(p, row, col);
            }
        }
        return new GameRequest.GuessCoordinate(p, 1 + r.nextInt(10), 1 + r.nextInt(10));
    }
}
