package io.islands.engine.game;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Random games played through {@link Moves}, so every state they produce is reachable. Moves are
 * drawn at random, including invalid ones (which change nothing); guesses aim at land half the
 * time, so many games end.
 */
final class RandomGames {

    private static final List<String> NAMES = List.of("bob", "Zoë", "\"quoted\" \\ name", "", "line\nbreak", "😀 ü 中");
    private static final List<String> TYPES = List.of("atoll", "dot", "l_shape", "s_shape", "square", "boat");

    private RandomGames() {}

    /** The states a random game of {@code moves} attempted moves passes through, from the fresh one. */
    static List<GameState> trajectory(RandomGenerator random, int moves) {
        GameState game = GameState.fresh(pick(random, NAMES) + random.nextInt(100));
        List<GameState> states = new ArrayList<>(List.of(game));
        for (int i = 0; i < moves; i++) {
            if (randomMove(random, game) instanceof Outcome.Ok<?> ok) {
                game = ok.state();
                states.add(game);
            }
        }
        return states;
    }

    private static Outcome<?> randomMove(RandomGenerator random, GameState game) {
        Player player = random.nextBoolean() ? Player.PLAYER1 : Player.PLAYER2;
        int kind = random.nextInt(100);
        if (kind < 5) {
            return Moves.addPlayer(game, pick(random, NAMES));
        }
        if (kind < 45) {
            return Moves.positionIsland(game, player, pick(random, TYPES), cell(random), cell(random));
        }
        if (kind < 55) {
            return Moves.setIslands(game, player);
        }
        Player guesser = random.nextInt(10) == 0 ? player : game.rules().state().turn().orElse(player);
        List<Coordinate> land = unhitLand(game.player(guesser.opponent()).board());
        if (random.nextBoolean() && !land.isEmpty()) {
            Coordinate target = pick(random, land);
            return Moves.guessCoordinate(game, guesser, target.row(), target.col());
        }
        return Moves.guessCoordinate(game, guesser, cell(random), cell(random));
    }

    private static List<Coordinate> unhitLand(Board board) {
        List<Coordinate> land = new ArrayList<>();
        for (IslandType type : IslandType.values()) {
            Island island = board.islands().get(type);
            if (island != null) {
                island.coordinates().stream().sorted().filter(c -> !island.hitCoordinates().contains(c)).forEach(land::add);
            }
        }
        return land;
    }

    /** A row or column, now and then just off the board. */
    private static int cell(RandomGenerator random) {
        return random.nextInt(20) == 0 ? random.nextInt(-1, 13) : random.nextInt(1, 11);
    }

    private static <T> T pick(RandomGenerator random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
