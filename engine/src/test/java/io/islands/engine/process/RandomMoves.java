package io.islands.engine.process;

import io.islands.engine.game.GameState;
import io.islands.engine.game.Player;
import io.islands.engine.game.RulesState;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Seeded random requests for a game: mostly legal moves for the phase it is in, some illegal
 * ones (wrong player, bad coordinates, unknown islands), so that errors are exercised too.
 */
final class RandomMoves {
    private static final List<String> TYPES = List.of("atoll", "dot", "l_shape", "s_shape", "square");

    private RandomMoves() {}

    static GameRequest<?> next(RandomGenerator r, GameState game) {
        Player p = r.nextBoolean() ? Player.PLAYER1 : Player.PLAYER2;
        if (r.nextInt(10) == 0) {
            return switch (r.nextInt(3)) {
                case 0 -> new GameRequest.PositionIsland(p, "boat", 1, 1);
                case 1 -> new GameRequest.GuessCoordinate(p, 0, 11);
                default -> new GameRequest.AddPlayer("late");
            };
        }
        RulesState state = game.rules().state();
        return switch (state) {
            case INITIALIZED -> new GameRequest.AddPlayer("p2");
            case PLAYERS_SET -> game.player(p).board().allIslandsPositioned() && r.nextInt(3) == 0
                    ? new GameRequest.SetIslands(p)
                    : new GameRequest.PositionIsland(p, TYPES.get(r.nextInt(TYPES.size())), 1 + r.nextInt(9), 1 + r.nextInt(9));
            case PLAYER1_TURN, PLAYER2_TURN -> new GameRequest.GuessCoordinate(
                    state == RulesState.PLAYER1_TURN ? Player.PLAYER1 : Player.PLAYER2, 1 + r.nextInt(10), 1 + r.nextInt(10));
            case GAME_OVER -> new GameRequest.View(p);
        };
    }
}
