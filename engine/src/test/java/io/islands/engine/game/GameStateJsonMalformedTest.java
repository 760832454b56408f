package io.islands.engine.game;

import static io.islands.engine.game.JsonDocs.objectAt;
import static io.islands.engine.game.TestGames.state;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Documents that are not game states fail with a message that says what is wrong and where. */
class GameStateJsonMalformedTest {

    /** Player 1's turn after player 1 forested player 2's dot and player 2 missed. */
    private static ObjectNode validDocument() {
        GameState game = state(Moves.guessCoordinate(TestGames.playing(), Player.PLAYER1, 1, 5));
        return GameStateJson.encode(state(Moves.guessCoordinate(game, Player.PLAYER2, 10, 10)));
    }

    /** The same as version 1 (coordinates as objects): the upgrade checks them as strictly as version 1 was read. */
    private static ObjectNode validVersion1Document() {
        return JsonDocs.toVersion1(validDocument());
    }

    private static Arguments edit(String description, Consumer<ObjectNode> edit, String message) {
        return Arguments.of(description, edit, message);
    }

    private static final String CELLS = "expected cell names such as \"A1 J10\" (row A-J, column 1-10) separated by single spaces, got ";

    /** Edits of a version 3 document: coordinates as cell names. */
    static Stream<Arguments> brokenCells() {
        return Stream.of(
                edit("row off board", d -> objectAt(d, "/player2/board/dot").put("coordinates", "K5"),
                        "$.player2.board.dot.coordinates: " + CELLS + "\"K5\""),
                edit("column off board", d -> objectAt(d, "/player2/board/dot").put("coordinates", "A11"),
                        "$.player2.board.dot.coordinates: " + CELLS + "\"A11\""),
                edit("lower case", d -> objectAt(d, "/player1/guesses").put("hits", "a5"),
                        "$.player1.guesses.hits: " + CELLS + "\"a5\""),
                edit("two spaces", d -> objectAt(d, "/player2/guesses").put("misses", "A1  J10"),
                        "$.player2.guesses.misses: " + CELLS + "\"\""),
                edit("cells an array", d -> objectAt(d, "/player1/guesses").putArray("hits").addArray().add(1).add(5),
                        "$.player1.guesses.hits: expected a string, got array"),
                edit("duplicate cell", d -> objectAt(d, "/player1/guesses").put("hits", "A5 A5"),
                        "$.player1.guesses.hits: duplicate cell A5"),
                edit("hit cell on water", d -> objectAt(d, "/player1/board/dot").put("hit_coordinates", "B5"),
                        "$.player1.board.dot: hit cells [Coordinate[row=2, col=5]] are not all cells of the dot"),
                edit("future version", d -> d.put("schema_version", 5),
                        "$.schema_version: version 5 is newer than this build reads (up to 4)"),
                edit("last move with two replies", d -> objectAt(d, "/player1").putObject("last_move").put("id", "m1")
                        .put("ack", "ok").putObject("guess"), "$.player1.last_move: expected an id and one of ack, board, guess; got [id, ack, guess]"),
                edit("last move with a bad id", d -> objectAt(d, "/player1").putObject("last_move").put("id", "a b").put("ack", "ok"),
                        "$.player1.last_move: a move id has 1 to 64 of A-Z a-z 0-9 _ -"),
                edit("last move ack not ok", d -> objectAt(d, "/player1").putObject("last_move").put("id", "m1").put("ack", "yes"),
                        "$.player1.last_move.ack: expected \"ok\""),
                edit("last move missing", d -> objectAt(d, "/player2").remove("last_move"), "$.player2: missing field \"last_move\""),
                edit("version 2 with cells", d -> d.put("schema_version", 2),
                        "$.player1.board.atoll.coordinates: expected an array, got string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCells")
    void brokenCellsSayWhatIsWrong(String description, Consumer<ObjectNode> edit, String message) {
        assertRefused(validDocument(), edit, message);
    }

    /** Edits of a version 2 document (coordinates as pairs), read through the upgrade to version 3. */
    static Stream<Arguments> brokenPairs() {
        return Stream.of(
                edit("pair off board", d -> ((ArrayNode) d.at("/player2/board/dot/coordinates/0")).set(0, 11),
                        "$.player2.board.dot.coordinates[0]: invalid coordinate (11, 5)"),
                edit("pair of three", d -> ((ArrayNode) d.at("/player1/guesses/hits/0")).add(1),
                        "$.player1.guesses.hits[0]: expected a pair [row, col], got 3 element(s)"),
                edit("pair a string", d -> ((ArrayNode) d.at("/player2/guesses/misses/0")).set(1, "10"),
                        "$.player2.guesses.misses[0][1]: expected an integer, got string \"10\""),
                edit("pair an object", d -> ((ArrayNode) d.at("/player1/guesses/hits")).set(0, d.objectNode().put("row", 1).put("col", 5)),
                        "$.player1.guesses.hits[0]: expected an array, got object"),
                edit("duplicate pair", d -> ((ArrayNode) d.at("/player1/guesses/hits")).addArray().add(1).add(5),
                        "$.player1.guesses.hits[1]: duplicate coordinate (1, 5)"),
                edit("hit pair on water", d -> objectAt(d, "/player1/board/dot").putArray("hit_coordinates").addArray().add(2).add(5),
                        "$.player1.board.dot: hit cells [Coordinate[row=2, col=5]] are not all cells of the dot"),
                edit("version 1 with pairs", d -> d.put("schema_version", 1),
                        "$.player1.board.atoll.coordinates[0]: expected an object, got array"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPairs")
    void brokenPairsSayWhatIsWrong(String description, Consumer<ObjectNode> edit, String message) {
        assertRefused(JsonDocs.toVersion2(validDocument()), edit, message);
    }

    /** Edits of a version 1 document (coordinates as objects), read through the upgrades to version 3. */
    static Stream<Arguments> brokenDocuments() {
        return Stream.of(
                edit("no rules", d -> d.remove("rules"), "$: missing field \"rules\""),
                edit("extra field", d -> objectAt(d, "/player2").put("color", "red"), "$.player2: unexpected field \"color\""),
                edit("name a number", d -> objectAt(d, "/player1").put("name", 5), "$.player1.name: expected a string, got number 5"),
                edit("no game name", d -> objectAt(d, "/player1").putNull("name"), "$: player 1 has no name"),
                edit("board an array", d -> objectAt(d, "/player1").putArray("board"), "$.player1.board: expected an object, got array []"),
                edit("unknown island", d -> objectAt(d, "/player1/board").set("boat", d.at("/player1/board/dot")),
                        "$.player1.board.boat: unknown island type \"boat\""),
                edit("row off board", d -> objectAt(d, "/player2/board/dot/coordinates/0").put("row", 11),
                        "$.player2.board.dot.coordinates[0]: invalid coordinate (11, 5)"),
                edit("row a string", d -> objectAt(d, "/player2/board/dot/coordinates/0").put("row", "1"),
                        "$.player2.board.dot.coordinates[0].row: expected an integer, got string \"1\""),
                edit("row a float", d -> objectAt(d, "/player1/guesses/hits/0").put("row", 1.0),
                        "$.player1.guesses.hits[0].row: expected an integer, got number 1.0"),
                edit("no col", d -> objectAt(d, "/player1/guesses/hits/0").remove("col"),
                        "$.player1.guesses.hits[0]: missing field \"col\""),
                edit("duplicate guess", d -> ((ArrayNode) d.at("/player1/guesses/hits"))
                        .addObject().put("row", 1).put("col", 5), "$.player1.guesses.hits[1]: duplicate coordinate (1, 5)"),
                edit("misses an object", d -> objectAt(d, "/player1/guesses").putObject("misses"),
                        "$.player1.guesses.misses: expected an array, got object {}"),
                edit("hit on water", d -> objectAt(d, "/player1/board/dot").putArray("hit_coordinates").addObject().put("row", 2).put("col", 5),
                        "$.player1.board.dot: hit cells [Coordinate[row=2, col=5]] are not all cells of the dot"),
                edit("misshapen island", d -> objectAt(d, "/player1/board/square").putArray("coordinates").addObject().put("row", 5).put("col", 5),
                        "$.player1.board.square: cells [Coordinate[row=5, col=5]] do not form the shape square"),
                edit("overlapping islands", d -> objectAt(d, "/player1/board/dot").putArray("coordinates").addObject().put("row", 5).put("col", 5),
                        "$.player1.board: dot overlaps square"),
                edit("book spelling in version 1", d -> objectAt(d, "/rules").put("state", "player1_turn"),
                        "$.rules.state: unknown value \"player1_turn\", expected one of [INITIALIZED, PLAYERS_SET, PLAYER1_TURN, PLAYER2_TURN, GAME_OVER]"),
                edit("status null", d -> objectAt(d, "/rules").putNull("player2"), "$.rules.player2: expected a string, got null"),
                edit("future version", d -> d.put("schema_version", 5),
                        "$.schema_version: version 5 is newer than this build reads (up to 4)"),
                edit("version zero spelled out", d -> d.put("schema_version", 0),
                        "$.schema_version: expected a version from 1 to 4 (a version 0 document has no schema_version), got 0"),
                edit("version a string", d -> d.put("schema_version", "1"), "$.schema_version: expected an integer, got string \"1\""),
                edit("version 0 with Java spelling", d -> d.remove("schema_version"),
                        "$.rules.state: unknown version 0 value \"PLAYER1_TURN\""),
                edit("version 0 without rules", d -> { d.remove("schema_version"); d.remove("rules"); },
                        "$: missing field \"rules\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDocuments")
    void brokenDocumentsSayWhatIsWrong(String description, Consumer<ObjectNode> edit, String message) {
        assertRefused(validVersion1Document(), edit, message);
    }

    /** {@code doc} decodes; after {@code edit} it is refused with {@code message}. */
    private static void assertRefused(ObjectNode doc, Consumer<ObjectNode> edit, String message) {
        GameStateJson.decode(doc);
        edit.accept(doc);
        assertThatThrownBy(() -> GameStateJson.decode(doc))
                .isInstanceOf(GameStateFormatException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''                      | $: expected an object, got nothing",
        "'   '                   | $: expected an object, got nothing",
        "null                    | $: expected an object, got null",
        "'[1, 2]'                | $: expected an object, got array [1,2]",
        "'\"game\"'              | $: expected an object, got string \"game\"",
        "'{'                     | $: not valid JSON: ",
        "'{} {}'                 | $: not valid JSON: ",
        "'{\"a\": 1, \"a\": 2}'  | $: not valid JSON: Duplicate field 'a'",
        "'{\"schema_version\": 1}' | $: missing field \"player1\""})
    void brokenTextSaysWhatIsWrong(String json, String message) {
        assertThatThrownBy(() -> GameStateJson.fromJson(json))
                .isInstanceOf(GameStateFormatException.class)
                .hasMessageStartingWith(message);
    }
}
