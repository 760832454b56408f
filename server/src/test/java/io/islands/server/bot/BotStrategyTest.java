package io.islands.server.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.engine.game.Board;
import io.islands.engine.game.Coordinate;
import io.islands.engine.game.GameState;
import io.islands.engine.game.Guesses;
import io.islands.engine.game.Moves;
import io.islands.engine.game.Outcome;
import io.islands.engine.game.Player;
import io.islands.engine.game.RulesState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The computer's strategy against a player who guesses at random, through the engine's pure
 * moves: every move it makes is accepted, it never guesses a cell twice, and it wins most games
 * although the random player shoots first. Seeded: rerun one with {@code -Dislands.seed=N}.
 */
class BotStrategyTest {
    private static final int GAMES = 200;

    @Test
    void botPlaysLegalMovesAndBeatsARandomPlayerInMostOf200SeededGames() {
        long seed = Long.getLong("islands.seed", System.nanoTime());
        System.out.println("BotStrategyTest seed " + seed + " (rerun with -Dislands.seed=" + seed + ")");
        SplittableRandom games = new SplittableRandom(seed);
        int botWins = 0;
        for (int i = 0; i < GAMES; i++) {
            long gameSeed = games.nextLong();
            Player winner = play(gameSeed);
            if (winner == Player.PLAYER2) {
                botWins++;
            }
        }
        System.out.println("BotStrategyTest: the bot won " + botWins + " of " + GAMES + " games, moving second");
        assertThat(botWins).as("bot wins of %d (seed %d)", GAMES, seed).isGreaterThanOrEqualTo(GAMES * 8 / 10);
    }

    @Test
    void placementsAreLegalAndCompleteTheBoardFromAnyStart() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 500; i++) {
            Board board = place(Board.empty(), BotStrategy.placements(Board.empty(), random));
            assertThat(board.allIslandsPositioned()).isTrue();
            // from a board with some islands already: only the missing ones, still legal
            Board partial = Board.empty();
            List<BotStrategy.Placement> all = BotStrategy.placements(partial, random);
            partial = place(partial, all.subList(0, i % 5));
            List<BotStrategy.Placement> rest = BotStrategy.placements(partial, random);
            assertThat(rest).hasSize(5 - i % 5);
            assertThat(place(partial, rest).allIslandsPositioned()).isTrue();
        }
    }

    @Test
    void afterAHitTheBotSearchesTheNeighbouringCells() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            Coordinate hit = new Coordinate(5, 5);
            Coordinate next = BotStrategy.guess(java.util.Set.of(hit), java.util.Set.of(), random).orElseThrow();
            assertThat(Math.abs(next.row() - 5) + Math.abs(next.col() - 5)).isEqualTo(1);
            // two hits in a row: the line goes on
            Coordinate line = BotStrategy.guess(java.util.Set.of(hit, new Coordinate(5, 6)),
                    java.util.Set.of(new Coordinate(4, 5), new Coordinate(6, 5), new Coordinate(4, 6), new Coordinate(6, 6)),
                    random).orElseThrow();
            assertThat(line).isIn(new Coordinate(5, 4), new Coordinate(5, 7));
        }
    }

    private static Board place(Board board, List<BotStrategy.Placement> placements) {
        for (BotStrategy.Placement p : placements) {
            board = ((io.islands.engine.game.Checked.Ok<Board>) io.islands.engine.game.Island.create(p.type(),
                    new Coordinate(p.row(), p.col())).flatMap(board::positionIsland)).value();
        }
        return board;
    }

    /** One game: a random player 1, the bot as player 2; @return the winner */
    private static Player play(long gameSeed) {
        SplittableRandom human = new SplittableRandom(gameSeed);
        GameState g = ok(Moves.addPlayer(GameState.fresh("human"), "computer"));
        for (BotStrategy.Placement p : BotStrategy.placements(Board.empty(), human)) {
            g = ok(Moves.positionIsland(g, Player.PLAYER1, p.type().wire(), p.row(), p.col()));
        }
        for (BotStrategy.Placement p : BotStrategy.placements(g.player2().board(), new SplittableRandom(gameSeed ^ 0x5DEECE66DL))) {
            g = ok(Moves.positionIsland(g, Player.PLAYER2, p.type().wire(), p.row(), p.col()));
        }
        g = ok(Moves.setIslands(g, Player.PLAYER1));
        g = ok(Moves.setIslands(g, Player.PLAYER2));
        for (int turn = 0; turn < 200 && g.rules().state() != RulesState.GAME_OVER; turn++) {
            Player p = g.rules().state() == RulesState.PLAYER1_TURN ? Player.PLAYER1 : Player.PLAYER2;
            Guesses mine = g.player(p).guesses();
            Coordinate c = p == Player.PLAYER1 ? randomOpen(mine, human)
                    : BotStrategy.guess(mine.hits(), mine.misses(),
                            new SplittableRandom(gameSeed * 31 + mine.hits().size() + mine.misses().size())).orElseThrow();
            assertThat(mine.hits()).doesNotContain(c);
            assertThat(mine.misses()).doesNotContain(c);
            g = ok(Moves.guessCoordinate(g, p, c.row(), c.col()));
        }
        assertThat(g.rules().state()).isEqualTo(RulesState.GAME_OVER);
        // the winner made the last guess: the turn did not pass
        return g.player1().guesses().hits().size() == 18 ? Player.PLAYER1 : Player.PLAYER2;
    }

    private static Coordinate randomOpen(Guesses g, SplittableRandom random) {
        List<Coordinate> open = new ArrayList<>();
        for (int r = 1; r <= 10; r++) {
            for (int c = 1; c <= 10; c++) {
                Coordinate x = new Coordinate(r, c);
                if (!g.hits().contains(x) && !g.misses().contains(x)) {
                    open.add(x);
                }
            }
        }
        return open.get(random.nextInt(open.size()));
    }

    private static <R> GameState ok(Outcome<R> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        return ((Outcome.Ok<R>) outcome).state();
    }
}
