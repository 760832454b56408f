package io.islands.server.game;

import static io.islands.server.game.Demo.guess;
import static io.islands.server.game.Demo.position;
import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The events of docs/protocol.md §4 between two real sockets: moon (player 1) and diva. */
class PlayTest {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();
    String game;
    GameClient moon;
    GameClient diva;

    @BeforeEach
    void join() throws Exception {
        game = server.newGameName();
        moon = GameClient.joined(server.port(), game, game, null);
        diva = GameClient.joined(server.port(), game, "diva", null);
    }

    @AfterEach
    void leave() {
        moon.close();
        diva.close();
    }

    static JsonNode reason(String reason) {
        return json("{'reason':'" + reason + "'}");
    }

    void startWithBothPlayers() throws Exception {
        moon.ok("new_game", Map.of());
        diva.noReply("add_player", "diva");
        moon.event("player_added");
        diva.event("player_added");
    }

    @Test
    void newGame_onceOnly_andOnlyByPlayer1() throws Exception {
        assertThat(diva.error("new_game", Map.of())).isEqualTo(reason("unauthorized"));
        assertThat(moon.ok("new_game", Map.of())).isEqualTo(json("{}"));
        JsonNode started = json("{'game':'" + game + "'}");
        assertThat(moon.event("game_started")).isEqualTo(started);
        assertThat(diva.event("game_started")).as("told without asking").isEqualTo(started);
        assertThat(moon.error("new_game", Map.of())).isEqualTo(reason("already_started"));
        JsonNode view = diva.view();
        assertThat(view.get("started").asBoolean()).isTrue();
        assertThat(view.get("role").isNull()).isTrue();
    }

    @Test
    void addPlayer_broadcastsAndGivesDivaHerRole() throws Exception {
        assertThat(diva.error("add_player", "diva")).as("before new_game").isEqualTo(reason("not_started"));
        moon.ok("new_game", Map.of());
        assertThat(moon.error("add_player", game)).as("player 1 has a role").isEqualTo(reason("unauthorized"));
        assertThat(diva.error("add_player", "someone")).as("not her name").isEqualTo(reason("unauthorized"));
        diva.noReply("add_player", "diva");
        JsonNode added = json("{'message':'New player just joined: diva'}");
        assertThat(moon.event("player_added")).isEqualTo(added);
        assertThat(diva.event("player_added")).isEqualTo(added);
        assertThat(diva.view().get("role").asText()).isEqualTo("player2");
        assertThat(moon.view().get("players")).isEqualTo(json("{'player1':'" + game + "','player2':'diva'}"));
        assertThat(diva.error("add_player", "diva")).as("already added").isEqualTo(reason("unauthorized"));
    }

    @Test
    void positionIsland_okAndEachErrorReason() throws Exception {
        assertThat(moon.error("position_island", position("player1", "dot", 1, 1))).as("before new_game").isEqualTo(reason("not_started"));
        assertThat(moon.error("set_islands", "player1")).as("before new_game").isEqualTo(reason("not_started"));
        assertThat(diva.error("position_island", position("player2", "dot", 1, 1))).as("no role yet").isEqualTo(reason("unauthorized"));
        moon.ok("new_game", Map.of());
        assertThat(moon.error("position_island", position("player1", "dot", 1, 1))).as("no player 2 yet").isEqualTo(reason("no_opponent_yet"));
        assertThat(moon.error("set_islands", "player1")).as("no player 2 yet").isEqualTo(reason("no_opponent_yet"));
        diva.noReply("add_player", "diva");

        assertThat(moon.ok("position_island", position("player1", "atoll", 1, 1))).isEqualTo(json("{}"));
        assertThat(moon.error("position_island", position("player2", "dot", 9, 9))).isEqualTo(reason("unauthorized"));
        assertThat(moon.error("position_island", position("player1", "dot", 1, 1))).isEqualTo(reason("overlapping_island"));
        assertThat(moon.error("position_island", position("player1", "atoll", 9, 9))).isEqualTo(reason("invalid_coordinate"));
        assertThat(moon.error("position_island", position("player1", "dot", 11, 1))).isEqualTo(reason("invalid_coordinate"));
        assertThat(moon.error("position_island", position("player1", "dot", "x", 1))).isEqualTo(reason("invalid_coordinate"));
        assertThat(moon.error("position_island", position("player1", "dot", 1.5, 1))).isEqualTo(reason("invalid_coordinate"));
        assertThat(moon.error("position_island", Map.of("player", "player1", "island", "dot"))).isEqualTo(reason("invalid_coordinate"));
        assertThat(moon.error("position_island", position("player1", "boat", 1, 1))).isEqualTo(reason("invalid_island_type"));
        assertThat(moon.error("position_island", position("player1", 7, 1, 1))).isEqualTo(reason("invalid_island_type"));
        assertThat(moon.error("position_island", position("player3", "dot", 1, 1))).isEqualTo(reason("unauthorized"));
        assertThat(moon.error("position_island", "player1")).isEqualTo(reason("unauthorized"));
        assertThat(moon.ok("position_island", position("player1", "atoll", 4, 4))).as("moves it").isEqualTo(json("{}"));
    }

    @Test
    void setIslands_broadcastsThenRepliesWithTheBoard() throws Exception {
        startWithBothPlayers();
        moon.ok("position_island", position("player1", "dot", 1, 5));
        assertThat(moon.error("set_islands", "player1")).isEqualTo(reason("not_all_islands_positioned"));
        assertThat(diva.error("set_islands", "player1")).isEqualTo(reason("unauthorized"));
        assertThat(diva.error("set_islands", Map.of())).isEqualTo(reason("unauthorized"));
        for (var e : Demo.PLACEMENT.entrySet()) {
            moon.ok("position_island", position("player1", e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        JsonNode board = moon.ok("set_islands", "player1").get("board");
        assertThat(board.size()).isEqualTo(5);
        assertThat(board.get("dot")).isEqualTo(json("{'coordinates':[{'row':1,'col':5}],'hit_coordinates':[]}"));
        assertThat(moon.event("player_set_islands")).isEqualTo(json("{'player':'player1'}"));
        assertThat(diva.event("player_set_islands")).isEqualTo(json("{'player':'player1'}"));
        assertThat(moon.error("position_island", position("player1", "dot", 10, 10))).as("islands set").isEqualTo(reason("islands_already_set"));
        assertThat(moon.view().get("islands_set")).isEqualTo(json("{'player1':true,'player2':false}"));
    }

    @Test
    void aWholeGameToAWin() throws Exception {
        startWithBothPlayers();
        Demo.placeAndSet(moon, "player1");
        Demo.placeAndSet(diva, "player2");
        assertThat(moon.view().get("state").asText()).isEqualTo("player1_turn");
        assertThat(diva.error("guess_coordinate", guess("player2", 1, 1)))
                .isEqualTo(json("{'player':'player2','reason':'Not your turn.'}"));
        assertThat(moon.error("guess_coordinate", guess("player1", 0, 1)))
                .isEqualTo(json("{'player':'player1','reason':'invalid_coordinate'}"));
        for (int i = 0; i < Demo.CELLS.size(); i++) {
            JsonNode hit = Demo.round(moon, diva, i);
            if (i == 5) {
                assertThat(hit.get("result").get("island").asText()).isEqualTo("dot");
            }
        }
        JsonNode view = moon.view();
        assertThat(view.get("state").asText()).isEqualTo("game_over");
        assertThat(view.get("winner").asText()).isEqualTo("player1");
        assertThat(view.get("forested").size()).isEqualTo(5);
        assertThat(view.get("guesses").get("hits").size()).isEqualTo(18);
        assertThat(view.get("opponent_guesses").get("misses").size()).isEqualTo(17);
        assertThat(diva.view().get("opponent_guesses").get("hits").size()).isEqualTo(18);
        assertThat(diva.view().get("board").get("dot").get("hit_coordinates").size()).isEqualTo(1);
        assertThat(diva.error("guess_coordinate", guess("player2", 10, 10)))
                .isEqualTo(json("{'player':'player2','reason':'Not your turn.'}"));
    }

    @Test
    void impersonationIsUnauthorized() throws Exception {
        startWithBothPlayers();
        assertThat(diva.error("position_island", position("player1", "dot", 1, 1))).isEqualTo(reason("unauthorized"));
        assertThat(diva.error("set_islands", "player1")).isEqualTo(reason("unauthorized"));
        assertThat(moon.error("set_islands", "player2")).isEqualTo(reason("unauthorized"));
        assertThat(moon.error("guess_coordinate", guess("player2", 1, 1))).isEqualTo(reason("unauthorized"));
        assertThat(diva.error("guess_coordinate", guess("player1", 1, 1))).isEqualTo(reason("unauthorized"));
        assertThat(diva.error("guess_coordinate", Map.of("row", 1, "col", 1))).isEqualTo(reason("unauthorized"));
    }

    @Test
    void badInputKeepsTheChannelAlive() throws Exception {
        assertThat(moon.error("fly", Map.of())).isEqualTo(reason("unknown_event"));
        assertThat(moon.error("guess_coordinate", guess("player1", "a", null)))
                .isEqualTo(json("{'player':'player1','reason':'Not your turn.'}"));
        startWithBothPlayers();
        Demo.placeAndSet(moon, "player1");
        Demo.placeAndSet(diva, "player2");
        assertThat(moon.error("guess_coordinate", guess("player1", "a", null)))
                .isEqualTo(json("{'player':'player1','reason':'invalid_coordinate'}"));
        assertThat(moon.error("guess_coordinate", guess("player1", 99999999999L, 1)))
                .isEqualTo(json("{'player':'player1','reason':'invalid_coordinate'}"));
        assertThat(moon.error("guess_coordinate", 42)).isEqualTo(reason("unauthorized"));
        assertThat(moon.error("set_islands", json("[1]"))).isEqualTo(reason("unauthorized"));
        assertThat(moon.error("add_player", Map.of())).isEqualTo(reason("unauthorized"));
        moon.noReply("guess_coordinate", guess("player1", 1, 1));
        assertThat(moon.event("player_guessed_coordinate").get("result").get("hit").asBoolean()).isTrue();
        assertThat(moon.ws.hasPending()).isFalse();
    }
}
