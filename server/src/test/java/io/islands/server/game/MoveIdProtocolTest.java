package io.islands.server.game;

import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/protocol.md §4.1 {@code move_id}, through the real protocol: a move retried with its id
 * after the client reconnected and the game process was killed is answered from the saved state,
 * not applied twice, saved nothing and broadcast nothing again; bad ids are refused.
 */
class MoveIdProtocolTest {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();

    private static Map<String, Object> withId(Map<String, Object> payload, Object moveId) {
        Map<String, Object> m = new LinkedHashMap<>(payload);
        m.put("move_id", moveId);
        return m;
    }

    private long revision(String game) {
        return server.server().games().store().versions(game).get(0).revision();
    }

    @Test
    void aGuessRetriedWithItsIdAfterAReconnectAndAKilledGame_isNotAppliedTwice() throws Exception {
        String game = server.newGameName();
        String token;
        try (GameClient moon = GameClient.joined(server.port(), game, game, null);
                GameClient diva = GameClient.joined(server.port(), game, "diva", null)) {
            Demo.start(moon, diva, "diva");
            token = moon.token();
            moon.noReply("guess_coordinate", withId(Demo.guess("player1", 1, 1), "shot-1"));
            assertThat(diva.event("player_guessed_coordinate").get("result").get("hit").asBoolean()).isTrue();
            long saved = revision(game);

            moon.close(); // the reply (here: the broadcast) may have been lost; the client retries
            Pid before = server.server().games().whereis(game).orElseThrow();
            Proc.exit(before, ExitReason.kill());
            await().atMost(Duration.ofSeconds(5)).until(() -> !before.isAlive());

            try (GameClient again = GameClient.joined(server.port(), game, game, token)) {
                JsonAssert.ok(again.ok("guess_coordinate", withId(Demo.guess("player1", 1, 1), "shot-1")),
                        "{'replayed':true,'result':{'hit':true,'island':'none','win':'no_win'}}");
                assertThat(revision(game)).as("a replay saves nothing").isEqualTo(saved);
                assertThat(again.view().get("state").asText()).as("still player 2's turn").isEqualTo("player2_turn");

                // the next broadcast diva sees is her own guess: the replay broadcast nothing
                diva.noReply("guess_coordinate", withId(Demo.guess("player2", 10, 10), "shot-1"));
                assertThat(diva.event("player_guessed_coordinate").get("player").asText()).isEqualTo("player2");
                assertThat(revision(game)).isEqualTo(saved + 1);
            }
        }
    }

    @Test
    void setIslandsTakesAnObjectWithItsId_andBadIdsAreRefusedBeforeTheGameSeesThem() throws Exception {
        String game = server.newGameName();
        try (GameClient sun = GameClient.joined(server.port(), game, game, null);
                GameClient diva = GameClient.joined(server.port(), game, "diva", null)) {
            sun.ok("new_game", Map.of());
            diva.noReply("add_player", "diva");
            for (Object bad : new Object[] {"", "a b", "x".repeat(65), 7, Map.of()}) {
                assertThat(sun.error("position_island", withId(Demo.position("player1", "dot", 1, 1), bad)))
                        .as("%s", bad).isEqualTo(json("{'reason':'invalid_move_id'}"));
            }
            for (var e : Demo.PLACEMENT.entrySet()) {
                sun.ok("position_island", withId(Demo.position("player1", e.getKey(), e.getValue()[0], e.getValue()[1]),
                        "place-" + e.getKey()));
            }
            Map<String, Object> set = withId(Map.of("player", "player1"), "set-1");
            var board = sun.ok("set_islands", set);
            assertThat(sun.event("player_set_islands").get("player").asText()).isEqualTo("player1");
            long saved = revision(game);
            assertThat(sun.ok("set_islands", set)).as("the stored reply").isEqualTo(board);
            assertThat(revision(game)).isEqualTo(saved);
            assertThat(sun.error("set_islands", Map.of("player", "player2"))).isEqualTo(json("{'reason':'unauthorized'}"));
        }
    }

    /** Compares a response with lenient JSON. */
    private static final class JsonAssert {
        static void ok(com.fasterxml.jackson.databind.JsonNode response, String expected) {
            assertThat(response).isEqualTo(json(expected));
        }
    }
}
