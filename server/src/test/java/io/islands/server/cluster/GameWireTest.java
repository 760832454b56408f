package io.islands.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.engine.game.GameState;
import io.islands.engine.game.Player;
import io.islands.engine.process.GameRequest;
import io.islands.engine.process.Games;
import io.islands.runtime.checkpoint.MemoryStateStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The wire form of game calls between nodes: every request and every reply of a real game (an
 * engine on a memory store, played from the start to a win) comes back equal after encoding,
 * bytes and decoding; what is not one of the closed set of shapes is refused.
 */
class GameWireTest {

    /** Sends {@code request} to the game, and checks that it and its reply survive the wire. */
    private static <R> R roundTrip(Games games, String game, GameRequest<R> request) {
        GameRequest<?> back = GameWire.request(GameWire.parse(GameWire.bytes(GameWire.request(request))));
        assertThat(back).isEqualTo(request);
        R reply = games.call(game, request);
        JsonNode wire = GameWire.parse(GameWire.bytes(GameWire.MAPPER.createObjectNode().set("r", GameWire.reply(request, reply))))
                .get("r");
        assertThat(GameWire.reply(request, wire)).as("%s -> %s", request, wire).isEqualTo(reply);
        return reply;
    }

    @Test
    void everyRequestAndReplyOfAWholeGameSurvivesTheWire() {
        try (Games games = Games.start(Games.Config.defaults(new MemoryStateStore<GameState>(3)))) {
            games.startGame("moon");
            List<GameRequest<?>> requests = new ArrayList<>(List.of(
                    new GameRequest.AddPlayer("diva"), new GameRequest.AddPlayer("again"),
                    new GameRequest.PositionIsland(Player.PLAYER1, "nope", 1, 1),
                    new GameRequest.PositionIsland(Player.PLAYER1, "atoll", 11, 1)));
            String[][] fleet = {{"atoll", "1", "1"}, {"dot", "1", "5"}, {"l_shape", "1", "7"}, {"s_shape", "5", "1"}, {"square", "5", "5"}};
            for (Player p : Player.values()) {
                for (String[] island : fleet) {
                    requests.add(new GameRequest.PositionIsland(p, island[0], Integer.parseInt(island[1]), Integer.parseInt(island[2])));
                }
                requests.add(new GameRequest.SetIslands(p));
            }
            int[][] cells = {{1, 1}, {1, 2}, {2, 2}, {3, 1}, {3, 2}, {1, 5}, {1, 7}, {2, 7}, {3, 7}, {3, 8},
                {5, 2}, {5, 3}, {6, 1}, {6, 2}, {5, 5}, {5, 6}, {6, 5}, {6, 6}};
            for (int i = 0; i < cells.length; i++) {
                requests.add(new GameRequest.GuessCoordinate(Player.PLAYER1, cells[i][0], cells[i][1]));
                requests.add(new GameRequest.View(Player.PLAYER1));
                if (i < cells.length - 1) {
                    requests.add(new GameRequest.GuessCoordinate(Player.PLAYER2, 10, 1 + i % 10));
                    requests.add(new GameRequest.GuessCoordinate(Player.PLAYER2, 10, 1 + i % 10)); // not its turn: failed
                }
            }
            requests.addAll(List.of(new GameRequest.View(Player.PLAYER2), new GameRequest.ViewByName(Optional.of("diva")),
                    new GameRequest.ViewByName(Optional.empty()), GameRequest.State.INSTANCE));
            for (GameRequest<?> r : requests) {
                roundTrip(games, "moon", r);
            }
            assertThat(games.view("moon", Player.PLAYER1).winner()).contains(Player.PLAYER1);
        }
    }

    @Test
    void whatIsNotOneOfTheShapesIsRefused() {
        for (String body : List.of(
                "{\"type\": \"java.lang.ProcessBuilder\", \"name\": \"x\"}",
                "{\"@class\": \"java.lang.Runtime\", \"type\": \"nope\"}",
                "{\"type\": \"guess_coordinate\", \"player\": \"PLAYER3\", \"row\": 1, \"col\": 1}",
                "{\"type\": \"guess_coordinate\", \"player\": \"PLAYER1\", \"row\": \"1\", \"col\": 1}",
                "{\"type\": \"add_player\"}",
                "[1, 2]",
                "{\"type\": \"state\"} {}",
                "{\"type\": \"state\", \"type\": \"view\"}",
                "[".repeat(100) + "]".repeat(100))) {
            assertThatThrownBy(() -> GameWire.request(GameWire.parse(body.getBytes(StandardCharsets.UTF_8))))
                    .as(body).isInstanceOf(IllegalArgumentException.class);
        }
        // a board whose cells do not form the island's shape is refused by the engine's own records
        JsonNode misshapen = GameWire.parse("{\"ATOLL\": {\"cells\": [[1, 1]], \"hits\": []}}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> GameWire.board(misshapen)).isInstanceOf(IllegalArgumentException.class);
    }
}
