package io.islands.server.game;

import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seats and tokens (docs/protocol.md §2.1), the join view (§3, §7.1), presence after join. */
class JoinTest {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();

    @Test
    void firstJoinIssuesATokenAndTheViewOfAnUnstartedGame() throws Exception {
        String game = server.newGameName();
        try (GameClient moon = GameClient.joined(server.port(), game, game, null)) {
            assertThat(moon.token()).matches("[A-Za-z0-9_-]{32}");
            assertThat(moon.joinReply.get("response").get("view")).isEqualTo(json("""
                    {'game':'%s','role':'player1','started':false,'state':'initialized',
                     'players':{'player1':'%s','player2':null},'islands_set':{'player1':false,'player2':false},
                     'board':{},'guesses':{'hits':[],'misses':[]},'opponent_guesses':{'hits':[],'misses':[]},
                     'forested':[],'winner':null}""".formatted(game, game)));
            assertThat(moon.event("presence_diff").get("joins").has(game)).isTrue();
        }
    }

    @Test
    void aSeatedNameNeedsItsToken() throws Exception {
        String game = server.newGameName();
        String token;
        try (GameClient moon = GameClient.joined(server.port(), game, game, null)) {
            token = moon.token();
            try (GameClient thief = GameClient.join(server.port(), game, game, null);
                    GameClient guesser = GameClient.join(server.port(), game, game, "wrong")) {
                assertThat(thief.joinReply).isEqualTo(json("{'status':'error','response':{'reason':'unauthorized'}}"));
                assertThat(guesser.joinReply).isEqualTo(json("{'status':'error','response':{'reason':'unauthorized'}}"));
            }
            try (GameClient tab2 = GameClient.joined(server.port(), game, game, token)) {
                assertThat(tab2.token()).isEqualTo(token);
                assertThat(tab2.joinReply.get("response").get("view").get("role").asText()).isEqualTo("player1");
            }
        }
        try (GameClient again = GameClient.joined(server.port(), game, game, token)) {
            assertThat(again.token()).isEqualTo(token);
        }
    }

    @Test
    void stoppingAGameFreesItsSeats() throws Exception {
        String game = server.newGameName();
        String token;
        try (GameClient moon = GameClient.joined(server.port(), game, game, null)) {
            token = moon.token();
            moon.ok("new_game", Map.of());
        }
        HttpResponse<String> stop = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/games/" + game + "/stop"))
                .header("Authorization", "Bearer " + server.adminToken())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
        try (GameClient fresh = GameClient.joined(server.port(), game, game, null)) {
            assertThat(fresh.token()).as("a new game of that name has free seats").isNotEqualTo(token);
            assertThat(fresh.joinReply.get("response").get("view").get("role").asText()).isEqualTo("player1");
        }
    }

    @Test
    void aThirdScreenNameIsRefused_andTheGameNameKeepsItsSeat() throws Exception {
        String game = server.newGameName();
        try (GameClient diva = GameClient.joined(server.port(), game, "diva", null);
                GameClient sun = GameClient.join(server.port(), game, "sun", null)) {
            assertThat(diva.joinReply.get("response").get("view").get("role").isNull()).isTrue();
            assertThat(sun.joinReply).isEqualTo(json("{'status':'error','response':{'reason':'unauthorized'}}"));
            try (GameClient moon = GameClient.joined(server.port(), game, game, null);
                    GameClient star = GameClient.join(server.port(), game, "star", null)) {
                assertThat(star.joinReply).isEqualTo(json("{'status':'error','response':{'reason':'unauthorized'}}"));
            }
        }
    }

    @Test
    void aJoinWithoutAScreenNameIsInvalidParams() throws Exception {
        String game = server.newGameName();
        for (Object params : new Object[] {null, ""}) {
            try (GameClient c = GameClient.join(server.port(), game, (String) params, null)) {
                assertThat(c.joinReply).isEqualTo(json("{'status':'error','response':{'reason':'invalid_params'}}"));
            }
        }
    }

    @Test
    void badGameAndScreenNamesAreInvalidName() throws Exception {
        String game = server.newGameName();
        String rule = "1 to 40 letters, digits, _ or -";
        String[] badNames = {"a".repeat(41), "x".repeat(30_000), "moon\nERROR forged", "a b", "seats:moon",
            "islands:ready-probe", "<script>", "caf\u00e9", "\u0000"};
        for (String bad : badNames) {
            try (GameClient c = GameClient.join(server.port(), game, bad, null)) {
                assertThat(c.joinReply).as(bad).isEqualTo(json(
                        "{'status':'error','response':{'reason':'invalid_name','field':'screen_name','rule':'" + rule + "'}}"));
            }
            try (GameClient c = GameClient.join(server.port(), bad, "diva", null)) {
                assertThat(c.joinReply).as(bad).isEqualTo(json(
                        "{'status':'error','response':{'reason':'invalid_name','field':'game','rule':'" + rule + "'}}"));
            }
        }
        String longest = "A-z_9".repeat(8);
        try (GameClient c = GameClient.joined(server.port(), longest, longest, null)) {
            assertThat(c.joinReply.get("response").get("view").get("role").asText()).isEqualTo("player1");
        }
    }

    @Test
    void showSubscribersBroadcastsThePresenceList() throws Exception {
        String game = server.newGameName();
        try (GameClient moon = GameClient.joined(server.port(), game, game, null)) {
            moon.event("presence_diff"); // moon is tracked
            GameClient diva = GameClient.joined(server.port(), game, "diva", null);
            diva.event("presence_diff");
            diva.noReply("show_subscribers", Map.of());
            for (GameClient c : new GameClient[] {moon, diva}) {
                var list = c.event("subscribers");
                assertThat(list.size()).as("%s", list).isEqualTo(2);
                assertThat(list.get("diva").get("metas").get(0).get("online_at").asText()).matches("[0-9]+");
            }
            diva.close();
        }
    }
}
