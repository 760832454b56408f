package io.islands.engine.game;

import static io.islands.engine.game.Player.PLAYER1;
import static io.islands.engine.game.TestGames.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact JSON written, version 0, 1 and 2 documents, and the book's board JSON. */
class GameStateJsonFormatTest {

    private static GameState smallGame() {
        GameState game = state(Moves.addPlayer(GameState.fresh("alice"), "bob"));
        game = state(Moves.positionIsland(game, PLAYER1, "square", 2, 3));
        return state(Moves.positionIsland(game, PLAYER1, "dot", 1, 1));
    }

    @Test
    void writesVersionFourDeterministically() {
        assertThat(GameStateJson.toJson(smallGame())).isEqualTo("""
                {"schema_version":4,\
                "player1":{"name":"alice","board":{\
                "dot":{"coordinates":"A1","hit_coordinates":""},\
                "square":{"coordinates":"B3 B4 C3 C4","hit_coordinates":""}},\
                "guesses":{"hits":"","misses":""},"last_move":null},\
                "player2":{"name":"bob","board":{},"guesses":{"hits":"","misses":""},"last_move":null},\
                "rules":{"state":"PLAYERS_SET","player1":"ISLANDS_NOT_SET","player2":"ISLANDS_NOT_SET"}}""");
        assertThat(GameStateJson.SCHEMA_VERSION).isEqualTo(4);
    }

    @Test
    void writesALastMoveWithItsIdAndReply() {
        GameState game = state(Moves.guessCoordinate(TestGames.playing(), PLAYER1, 1, 5, java.util.Optional.of("m-9")));
        assertThat(GameStateJson.encode(game).get("player1").get("last_move").toString())
                .isEqualTo("{\"id\":\"m-9\",\"guess\":{\"hit\":true,\"forested\":\"dot\",\"win\":false}}");
        assertThat(GameStateJson.encode(game).get("player2").get("last_move").isNull()).isTrue();
    }

    @Test
    void upgradesAHandWrittenVersionTwoDocument() {
        String v2 = """
                {"schema_version":2,\
                "player1":{"name":"alice","board":{\
                "dot":{"coordinates":[[1,1]],"hit_coordinates":[]},\
                "square":{"coordinates":[[3,4],[2,3],[2,4],[3,3]],"hit_coordinates":[]}},\
                "guesses":{"hits":[],"misses":[]}},\
                "player2":{"name":"bob","board":{},"guesses":{"hits":[],"misses":[]}},\
                "rules":{"state":"PLAYERS_SET","player1":"ISLANDS_NOT_SET","player2":"ISLANDS_NOT_SET"}}""";
        assertThat(GameStateJson.fromJson(v2)).isEqualTo(smallGame());
    }

    @Test
    void upgradesVersionTwoInEveryPhase() {
        GameState game = state(Moves.guessCoordinate(TestGames.playing(), PLAYER1, 1, 5));
        ObjectNode v2 = JsonDocs.toVersion2(GameStateJson.encode(game));
        assertThat(v2.at("/player2/board/dot/hit_coordinates/0/0").intValue()).isEqualTo(1);
        assertThat(GameStateJson.decode(v2)).isEqualTo(game);
    }

    @Test
    void aGameInPlayWithSixtyGuessesIsAFifthSmallerThanAsVersionTwo() {
        GameState game = TestGames.playing();
        for (int row = 8; row <= 10; row++) { // rows 7 to 10 are water on the test boards
            for (int col = 1; col <= 10; col++) {
                game = state(Moves.guessCoordinate(game, PLAYER1, row, col));
                game = state(Moves.guessCoordinate(game, Player.PLAYER2, row - 1, col));
            }
        }
        int v3 = GameStateJson.toJson(game).length();
        int v2 = JsonDocs.toVersion2(GameStateJson.encode(game)).toString().length();
        System.out.println("GameStateJsonFormatTest: 60 guesses, version 2 " + v2 + " bytes, version 3 " + v3);
        assertThat(v3).as("version 3 bytes against version 2's %d", v2).isLessThan(v2 * 4 / 5);
    }

    @Test
    void upgradesAHandWrittenVersionOneDocument() {
        String v1 = """
                {"schema_version":1,
                 "player1":{"name":"alice","board":{"dot":{"coordinates":[{"row":1,"col":1}],"hit_coordinates":[]},
                  "square":{"coordinates":[{"col":4,"row":3},{"row":2,"col":3},{"row":2,"col":4},{"row":3,"col":3}],"hit_coordinates":[]}},
                  "guesses":{"hits":[],"misses":[]}},
                 "player2":{"name":"bob","board":{},"guesses":{"misses":[],"hits":[]}},
                 "rules":{"state":"PLAYERS_SET","player1":"ISLANDS_NOT_SET","player2":"ISLANDS_NOT_SET"}}""";
        assertThat(GameStateJson.fromJson(v1)).isEqualTo(smallGame());
    }

    @Test
    void upgradesVersionOneInEveryPhase() {
        GameState game = state(Moves.guessCoordinate(TestGames.playing(), PLAYER1, 1, 5));
        ObjectNode v1 = JsonDocs.toVersion1(GameStateJson.encode(game));
        assertThat(v1.at("/player2/board/dot/hit_coordinates/0/row").intValue()).isEqualTo(1);
        assertThat(GameStateJson.decode(v1)).isEqualTo(game);
    }

    @Test
    void freshGameHasANullPlayerTwoName() {
        ObjectNode doc = GameStateJson.encode(GameState.fresh("alice"));
        assertThat(doc.at("/player2/name").isNull()).isTrue();
        assertThat(GameStateJson.decode(doc)).isEqualTo(GameState.fresh("alice"));
    }

    @Test
    void upgradesAHandWrittenVersionZeroDocument() {
        String v0 = """
                {"player1":{"name":"alice","board":{"dot":{"coordinates":[{"row":1,"col":1}],"hit_coordinates":[]},
                  "square":{"coordinates":[{"col":4,"row":3},{"row":2,"col":3},{"row":2,"col":4},{"row":3,"col":3}],"hit_coordinates":[]}},
                  "guesses":{"hits":[],"misses":[]}},
                 "player2":{"name":"bob","board":{},"guesses":{"misses":[],"hits":[]}},
                 "rules":{"state":"players_set","player1":"islands_not_set","player2":"islands_not_set"}}""";
        assertThat(GameStateJson.fromJson(v0)).isEqualTo(smallGame());
    }

    @Test
    void upgradesVersionZeroInEveryPhase() {
        GameState game = TestGames.playing();
        game = state(Moves.guessCoordinate(game, PLAYER1, 1, 5));
        ObjectNode v0 = JsonDocs.toVersion0(GameStateJson.encode(game));
        assertThat(v0.at("/rules/state").textValue()).isEqualTo("player2_turn");
        assertThat(v0.at("/rules/player1").textValue()).isEqualTo("islands_set");
        assertThat(GameStateJson.decode(v0)).isEqualTo(game);
    }

    @Test
    void boardJsonIsThePoisonEraShape() {
        GameState game = state(Moves.guessCoordinate(TestGames.playing(), PLAYER1, 1, 5));
        ObjectNode board = GameStateJson.boardJson(game.player2().board());
        assertThat(board.properties().stream().map(Map.Entry::getKey)).containsExactly("atoll", "dot", "l_shape", "s_shape", "square");
        assertThat(board.get("dot").toString()).isEqualTo(
                "{\"coordinates\":[{\"row\":1,\"col\":5}],\"hit_coordinates\":[{\"row\":1,\"col\":5}]}");
        assertThat(board.get("atoll").toString()).isEqualTo("{\"coordinates\":[{\"row\":1,\"col\":1},{\"row\":1,\"col\":2},"
                + "{\"row\":2,\"col\":2},{\"row\":3,\"col\":1},{\"row\":3,\"col\":2}],\"hit_coordinates\":[]}");
        assertThat(GameStateJson.boardJson(Board.empty()).toString()).isEqualTo("{}");
        assertThat(GameStateJson.boardJson(game.player1().board()))
                .isEqualTo(JsonDocs.toVersion1(GameStateJson.encode(game)).at("/player1/board"));
    }

    @Test
    void nullsAreRefusedInTheCaller() {
        assertThatNullPointerException().isThrownBy(() -> GameStateJson.fromJson(null));
        assertThatNullPointerException().isThrownBy(() -> GameStateJson.decode(null));
    }
}
