package io.islands.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.server.IslandsServer;
import io.islands.server.phoenix.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /health, /ready and /metrics of a real server on a memory store, before and after real failures. */
class OpsRoutesTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private IslandsServer server;

    @BeforeEach
    void start() {
        server = IslandsServer.start("127.0.0.1", 0, "memory:");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** @return the status of the reply to {@code ref}, skipping pushes (presence) before it */
    private static String replyTo(WsClient client, String ref) throws Exception {
        for (;;) {
            JsonNode frame = client.next();
            if (frame.get(3).asText().equals("phx_reply") && frame.get(1).asText().equals(ref)) {
                return frame.at("/4/status").asText();
            }
        }
    }

    private static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Test
    void healthAndReadyAreUpOnAFreshServer() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(WsClient.json(health.body()).get("status").asText()).isEqualTo("up");

        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode body = WsClient.json(ready.body());
        assertThat(body.get("status").asText()).isEqualTo("ready");
        assertThat(body.at("/checks/store/status").asText()).isEqualTo("up");
        assertThat(body.at("/checks/game_supervisor/status").asText()).isEqualTo("up");
    }

    @Test
    void theWarmUpOfServeConnectsThreeTimes_playsAGameThroughTheEndpoint_andLeavesNoGameAndNoSocketOpen() throws Exception {
        assertThat(server.warmUp()).isEqualTo(3);
        String scrape = get("/metrics").body();
        assertThat(sample(scrape, "islands_game_event_seconds_count{event=\"guess_coordinate\"}"))
                .as("every guess of the warm-up's game went through a game channel").isEqualTo(80.0); // WarmUpGame.ROUNDS (40) rounds of two guesses
        assertThat(sample(scrape, "islands_game_event_seconds_count{event=\"view\"}")).isPositive();
        assertThat(server.games().store().keys()).as("its game stopped and deleted").isEmpty();
        assertThat(server.games().runningNames()).isEmpty();
        assertThat(server.lobby().listed()).isZero();
        await().until(() -> sample(get("/metrics").body(), "islands_sockets_open") == 0);
        await().until(() -> server.lobby().watching() == 0);
    }

    @Test
    void aKilledGameSupervisorIsReplaced_andTheServerIsReadyAgain() throws Exception {
        Pid killed = server.games().supervisor().orElseThrow();
        Proc.exit(killed, ExitReason.kill());
        await().until(() -> server.games().supervisor().filter(p -> !p.equals(killed) && Proc.isAlive(p)).isPresent());

        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(WsClient.json(ready.body()).at("/checks/game_supervisor/status").asText()).isEqualTo("up");
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCountAKilledGamesRestart_andShowGamesSocketsStoreAndJvm() throws Exception {
        HttpResponse<String> first = get("/metrics");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        double restartsBefore = sample(first.body(), "islands_supervisor_restarts_total{reason=\"killed\"}");

        try (WsClient client = WsClient.connect(server.port())) {
            String joinRef = client.join("game:ops", Map.of("screen_name", "ops"));
            assertThat(replyTo(client, joinRef)).isEqualTo("ok");
            client.sendRaw("not a frame"); // handled before the next frame: counted once its reply is in
            assertThat(replyTo(client, client.send(joinRef, "game:ops", "new_game", Map.of()))).isEqualTo("ok");
            Pid game = server.games().whereis("ops").orElseThrow();

            Proc.exit(game, ExitReason.kill()); // the scripted crash: the supervisor restarts the game
            await().until(() -> server.games().whereis("ops").filter(p -> !p.equals(game)).isPresent());

            String scrape = get("/metrics").body();
            double restarts = sample(scrape, "islands_supervisor_restarts_total{reason=\"killed\"}");
            assertThat(Double.isNaN(restartsBefore) ? restarts : restarts - restartsBefore).isGreaterThanOrEqualTo(1);
            assertThat(sample(scrape, "islands_games_live")).isEqualTo(1);
            assertThat(sample(scrape, "islands_games_quarantined")).isZero();
            assertThat(sample(scrape, "islands_sockets_open")).isEqualTo(1);
            assertThat(sample(scrape, "islands_frames_refused_total")).isEqualTo(1);
            assertThat(sample(scrape, "islands_channel_errors_total")).isZero();
            assertThat(sample(scrape, "islands_game_event_seconds_count{event=\"new_game\"}")).isEqualTo(1);
            assertThat(sample(scrape, "islands_store_write_seconds_count{op=\"save\"}")).isGreaterThanOrEqualTo(1);
            assertThat(sample(scrape, "islands_processes_alive")).isPositive();
            assertThat(scrape).contains("islands_mailbox_messages ", "islands_mailbox_messages_max ",
                    "jvm_memory_used_bytes{", "jvm_threads_live_threads ", "jvm_classes_loaded_classes ",
                    "process_uptime_seconds ", "system_cpu_count ");
        }
    }
}
