package io.islands.server.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.server.IslandsServer;
import io.islands.server.ServerConfig;
import io.islands.server.bot.Bots;
import io.islands.server.phoenix.NodeJs;
import io.islands.server.phoenix.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Games against the computer on the real server: the phoenix JS client plays one to the end, a
 * person's client plays one while the bot is killed mid-game (its restarted process carries on
 * from the game's saved state), and only player 1 of a started game with a free seat may ask.
 */
class BotGameTest {
    private static final long SEED = 19;
    private static IslandsServer server;

    @BeforeAll
    static void start() {
        server = IslandsServer.start(ServerConfig.loopback("memory:").toBuilder()
                .bots(new Bots.Config(10, Duration.ofMillis(20), SEED)).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void phoenixJsClient_playsAWholeGameAgainstTheComputer() throws Exception {
        assumeTrue(NodeJs.available(), "node and npm are not both on the PATH: skipping the phoenix JS client bot game");
        Path work = Path.of("target/bot-game-js");
        NodeJs.prepare(work, "bot-game.js");
        NodeJs.Result node = NodeJs.run(work, 60, "node", "bot-game.js", "ws://127.0.0.1:" + server.port() + "/socket", "jsbot");
        assertThat(node.exit()).as("node bot-game.js:%n%s", node.output()).isZero();
        assertThat(node.output()).contains("{\"step\":\"computer_joined\",\"data\":{\"message\":\"New player just joined: computer\"}}",
                "{\"step\":\"computer_set_islands\"", "{\"step\":\"over\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> botProcesses("jsbot").isEmpty());
    }

    @Test
    void aBotKilledMidGameComesBackAndFinishesTheGame() throws Exception {
        String game = "sun";
        try (GameClient human = GameClient.joined(server.port(), game, game, null)) {
            human.ok("new_game", Map.of());
            human.ok("play_computer", Map.of());
            assertThat(human.event("player_added").get("message").asText()).endsWith("computer");
            for (Object[] island : List.of(new Object[] {"atoll", 1, 1}, new Object[] {"dot", 1, 5},
                    new Object[] {"l_shape", 1, 7}, new Object[] {"s_shape", 5, 1}, new Object[] {"square", 5, 5})) {
                human.ok("position_island", Map.of("player", "player1", "island", island[0], "row", island[1], "col", island[2]));
            }
            human.ok("set_islands", "player1");
            assertThat(get("/replays/" + game).statusCode()).as("no replay of a game in play").isEqualTo(404);
            await().atMost(Duration.ofSeconds(10)).until(() -> human.view().path("state").asText().equals("player1_turn"));

            Set<String> botShots = new HashSet<>();
            Pid first = botProcesses(game).getFirst();
            Pid killed = null;
            String winner = null;
            for (int cell = 0; cell < 100 && winner == null; cell++) {
                human.push("guess_coordinate", Map.of("player", "player1", "row", cell / 10 + 1, "col", cell % 10 + 1));
                JsonNode mine = human.event("player_guessed_coordinate");
                assertThat(mine.get("player").asText()).isEqualTo("player1");
                if (mine.at("/result/win").asText().equals("win")) {
                    winner = "player1";
                    break;
                }
                if (cell == 3) { // the bot's move is due in its delay: kill it now
                    killed = first;
                    Proc.exit(killed, ExitReason.kill());
                }
                JsonNode its = human.event("player_guessed_coordinate");
                assertThat(its.get("player").asText()).isEqualTo("player2");
                assertThat(botShots.add(its.get("row") + "," + its.get("col"))).as("a fresh cell: %s", its).isTrue();
                if (its.at("/result/win").asText().equals("win")) {
                    winner = "player2";
                }
            }
            assertThat(killed).as("the game lasted past the kill").isNotNull();
            assertThat(winner).isNotNull();
            assertThat(human.view().path("winner").asText()).isEqualTo(winner);
            Pid restarted = killed;
            await().atMost(Duration.ofSeconds(10)).until(() -> botProcesses(game).stream().noneMatch(restarted::equals));
            await().atMost(Duration.ofSeconds(10)).until(() -> botProcesses(game).isEmpty());
            // the replay, move by move, from the game's saves: the bot's crash lost none of them
            HttpResponse<String> replay = get("/replays/" + game);
            assertThat(replay.statusCode()).isEqualTo(200);
            JsonNode steps = WsClient.json(replay.body()).get("steps");
            int botGuesses = 0;
            for (JsonNode step : steps) {
                botGuesses += step.get("move").asText().equals("guess") && step.get("player").asText().equals("player2") ? 1 : 0;
            }
            assertThat(botGuesses).isEqualTo(botShots.size());
            assertThat(steps.get(steps.size() - 1).get("win").asBoolean()).isTrue();
            assertThat(WsClient.json(replay.body()).get("winner").asText()).isEqualTo(winner);
            String metrics = get("/metrics").body();
            assertThat(metrics).contains("islands_replays_served_total 1.0").containsPattern("islands_bots_(won|lost)_total [1-9]")
                    .contains("islands_bots_running");
        }
    }

    @Test
    void playComputerIsPlayer1sAndBoundedAndValidated() throws Exception {
        try (GameClient p1 = GameClient.joined(server.port(), "moon", "moon", null);
             GameClient other = GameClient.joined(server.port(), "moon", "diva", null)) {
            assertThat(p1.error("play_computer", Map.of()).get("reason").asText()).isEqualTo("not_started");
            p1.ok("new_game", Map.of());
            assertThat(other.error("play_computer", Map.of()).get("reason").asText()).isEqualTo("unauthorized");
            assertThat(p1.error("play_computer", Map.of("invitation", "x".repeat(500))).get("reason").asText())
                    .isEqualTo("invalid_params");
            assertThat(p1.error("play_computer", Map.of("invitation", 7)).get("reason").asText()).isEqualTo("invalid_params");
            other.noReply("add_player", "diva");
            assertThat(p1.error("play_computer", Map.of()).get("reason").asText()).isEqualTo("seat_taken");
        }
    }

    @Test
    void whenTheBotsSupervisorIsKilledItsBotsComeBackWithIt() throws Exception {
        try (GameClient human = GameClient.joined(server.port(), "star", "star", null)) {
            human.ok("new_game", Map.of());
            human.ok("play_computer", Map.of());
            human.event("player_added");
            Pid bot = botProcesses("star").getFirst();
            // the observer shows the bots' supervisor and the bot of this game in the tree
            String tree = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/api/supervisors")).header("Authorization", "Bearer " + server.adminToken()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(tree).contains(".bots\"", "{\"id\":\"star\",\"pid\":\"" + bot + "\"");
            Pid sup = Proc.all().stream().filter(p -> Optional.ofNullable(Proc.label(p)).orElse("").endsWith(".bots"))
                    .findFirst().orElseThrow();
            Proc.exit(sup, ExitReason.kill());
            await().atMost(Duration.ofSeconds(10)).until(() -> botProcesses("star").stream().anyMatch(p -> !p.equals(bot)));
            await().atMost(Duration.ofSeconds(10)).until(() -> human.view().at("/islands_set/player2").asBoolean());
        }
    }

    @Test
    void aBotsHeartbeatKeepsItsSocketOpenUnderAShortIdleTimeout() throws Exception {
        try (IslandsServer quick = IslandsServer.start(ServerConfig.loopback("memory:").toBuilder()
                .idleTimeout(Duration.ofMillis(400)).bots(new Bots.Config(1, Duration.ZERO, SEED)).build());
             GameClient a = GameClient.joined(quick.port(), "tide", "tide", null)) {
            a.ok("new_game", Map.of());
            a.ok("play_computer", Map.of());
            a.event("player_added");
            Pid bot = botProcesses("tide").getFirst();
            // three idle timeouts pass: the same bot plays on (a closed socket would restart it)
            await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(5))
                    .until(() -> botProcesses("tide").equals(List.of(bot)));
        }
    }

    @Test
    void aBotLeftAloneGivesItsGameUpAndFreesItsPlace() throws Exception {
        try (IslandsServer small = IslandsServer.start(ServerConfig.loopback("memory:").toBuilder()
                .bots(new Bots.Config(1, Duration.ZERO, SEED, Duration.ofMillis(300))).build());
             GameClient a = GameClient.joined(small.port(), "left", "left", null);
             GameClient b = GameClient.joined(small.port(), "other", "other", null)) {
            a.ok("new_game", Map.of());
            b.ok("new_game", Map.of());
            a.ok("play_computer", Map.of());
            assertThat(b.error("play_computer", Map.of()).get("reason").asText()).isEqualTo("bots_busy");
            // the person never places: the bot places, waits, and gives up; its place is free again
            await().atMost(Duration.ofSeconds(10)).until(() -> botProcesses("left").isEmpty());
            b.ok("play_computer", Map.of());
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** @return the processes playing {@code game} for the computer (labelled {@code bot <game>}) */
    private static List<Pid> botProcesses(String game) {
        return Proc.all().stream().filter(p -> Optional.ofNullable(Proc.label(p)).orElse("").equals("bot " + game)).toList();
    }
}
