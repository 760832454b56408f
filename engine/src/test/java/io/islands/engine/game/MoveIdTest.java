package io.islands.engine.game;

import static io.islands.engine.game.TestGames.error;
import static io.islands.engine.game.TestGames.ok;
import static io.islands.engine.game.TestGames.playing;
import static io.islands.engine.game.TestGames.placedDemo;
import static io.islands.engine.game.TestGames.withPlayers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A move carrying a client's move id is applied at most once: the same id again replays its reply. */
class MoveIdTest {
    private static final Optional<String> M1 = Optional.of("m-1");
    private static final Optional<String> M2 = Optional.of("m-2");

    @Test
    void aGuessSentTwiceWithTheSameId_isAppliedOnce_andTheSecondGetsTheStoredReply() {
        GameState game = playing();
        Outcome.Ok<GuessReply> first = ok(Moves.guessCoordinate(game, Player.PLAYER1, 1, 1, M1));
        assertThat(first.replayed()).isFalse();
        assertThat(first.state().player1().lastMove()).contains(new AppliedMove("m-1", first.reply()));

        Outcome.Ok<GuessReply> again = ok(Moves.guessCoordinate(first.state(), Player.PLAYER1, 1, 1, M1));
        assertThat(again.replayed()).isTrue();
        assertThat(again.reply()).isEqualTo(first.reply());
        assertThat(again.state()).isSameAs(first.state()); // nothing changed: nothing to save
        // applied twice it would have failed: it is player 2's turn
        assertThat(error(Moves.guessCoordinate(first.state(), Player.PLAYER1, 1, 1, M2))).isEqualTo(GameError.RULES);
    }

    @Test
    void positionAndSetIslands_replayTheirOwnReplies_evenAfterTheOpponentMoved() {
        GameState game = withPlayers();
        Outcome.Ok<Ack> placed = ok(Moves.positionIsland(game, Player.PLAYER1, "dot", 1, 1, M1));
        GameState moved = ok(Moves.positionIsland(placed.state(), Player.PLAYER2, "dot", 3, 3, M1)).state();
        Outcome.Ok<Ack> retried = ok(Moves.positionIsland(moved, Player.PLAYER1, "dot", 1, 1, M1));
        assertThat(retried.replayed()).isTrue();
        assertThat(retried.state()).isSameAs(moved);

        GameState ready = placedDemo(placedDemo(withPlayers(), Player.PLAYER1), Player.PLAYER2);
        Outcome.Ok<Board> set = ok(Moves.setIslands(ready, Player.PLAYER1, M2));
        Outcome.Ok<Board> setAgain = ok(Moves.setIslands(set.state(), Player.PLAYER1, M2));
        assertThat(setAgain.replayed()).isTrue();
        assertThat(setAgain.reply()).isEqualTo(set.reply());
    }

    @Test
    void aFailedMoveRemembersNothing_andAMoveWithoutAnIdClearsTheLastOne() {
        GameState game = withPlayers();
        assertThat(error(Moves.positionIsland(game, Player.PLAYER1, "dot", 0, 0, M1))).isEqualTo(GameError.INVALID_COORDINATE);
        GameState placed = ok(Moves.positionIsland(game, Player.PLAYER1, "dot", 1, 1, M1)).state();
        assertThat(placed.player1().lastMove()).isPresent();
        GameState withoutId = ok(Moves.positionIsland(placed, Player.PLAYER1, "dot", 2, 2, Optional.empty())).state();
        assertThat(withoutId.player1().lastMove()).isEmpty();
        Outcome.Ok<Ack> sameIdAgain = ok(Moves.positionIsland(withoutId, Player.PLAYER1, "dot", 1, 1, M1));
        assertThat(sameIdAgain.replayed()).as("not the last applied id any more: applied").isFalse();
    }

    @Test
    void anIdOfAnotherKindOfMove_isAppliedAsANewMove_andBadIdsAreRefused() {
        GameState ready = placedDemo(placedDemo(withPlayers(), Player.PLAYER1), Player.PLAYER2);
        GameState placed = ok(Moves.positionIsland(ready, Player.PLAYER1, "dot", 1, 5, M1)).state();
        assertThat(ok(Moves.setIslands(placed, Player.PLAYER1, M1)).replayed()).isFalse();
        for (String bad : new String[] {"", "a b", "x".repeat(AppliedMove.MAX_ID_CHARS + 1), "é"}) {
            assertThat(AppliedMove.isValidId(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> Moves.setIslands(placed, Player.PLAYER1, Optional.of(bad)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(AppliedMove.isValidId("x".repeat(AppliedMove.MAX_ID_CHARS))).isTrue();
    }

    @Test
    void lastMovesSurviveTheJsonRoundTrip_andAVersion3StateLoadsWithNone() {
        GameState game = playing();
        game = ok(Moves.guessCoordinate(game, Player.PLAYER1, 1, 1, M1)).state();  // a hit
        game = ok(Moves.guessCoordinate(game, Player.PLAYER2, 10, 10, M2)).state(); // a miss
        GameState ready = placedDemo(placedDemo(withPlayers(), Player.PLAYER1), Player.PLAYER2);
        GameState set = ok(Moves.setIslands(ready, Player.PLAYER2, M2)).state();
        GameState placed = ok(Moves.positionIsland(withPlayers(), Player.PLAYER1, "dot", 1, 1, M1)).state();
        for (GameState state : new GameState[] {game, set, placed}) {
            assertThat(GameStateJson.decode(GameStateJson.encode(state))).isEqualTo(state);
        }

        var v3 = GameStateJson.encode(withPlayers());
        v3.put("schema_version", 3);
        ((com.fasterxml.jackson.databind.node.ObjectNode) v3.get("player1")).remove("last_move");
        ((com.fasterxml.jackson.databind.node.ObjectNode) v3.get("player2")).remove("last_move");
        assertThat(GameStateJson.decode(v3)).isEqualTo(withPlayers());
    }
}
