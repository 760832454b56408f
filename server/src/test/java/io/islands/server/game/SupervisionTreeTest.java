package io.islands.server.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.supervisor.ChildInfo;
import io.islands.runtime.supervisor.Supervisor;
import io.islands.server.IslandsServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server is a supervision tree: each long-lived process, killed, is restarted by its own
 * supervisor, and the server keeps serving through the real Phoenix path (a player rejoins with
 * the token, a second player joins and is added, a fresh game starts).
 */
class SupervisionTreeTest {
    IslandsServer server;

    @BeforeEach
    void start() {
        server = IslandsServer.start("127.0.0.1", 0, "memory:");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** @return the pid of the child at {@code path} ("endpoint/presence"), if it runs now */
    Optional<Pid> child(String path) {
        Pid sup = server.application().supervisor();
        String[] ids = path.split("/");
        for (int i = 0; i < ids.length; i++) {
            String id = ids[i];
            Optional<Pid> pid = Supervisor.whichChildren(sup).stream().filter(c -> c.id().equals(id))
                    .findFirst().flatMap(ChildInfo::pid);
            if (pid.isEmpty() || i == ids.length - 1) {
                return pid;
            }
            sup = pid.get();
        }
        return Optional.empty();
    }

    @Test
    void theTreeHoldsEveryLongLivedProcess_inStartOrder() {
        List<Object> ids = Supervisor.whichChildren(server.application().supervisor()).stream().map(ChildInfo::id).toList();
        assertThat(ids).containsExactly("game_store", "seat_store", "replay_store", "seats", "games", "services", "play",
                "endpoint", "bots");
        for (String path : List.of("game_store", "seat_store", "replay_store", "seats", "games", "services/seat_sweeper",
                "services/observer_feed", "services/replay_sweeper", "play/lobby", "play/matchmaker", "endpoint/presence",
                "endpoint/channels", "endpoint/sockets", "endpoint/http", "bots")) {
            assertThat(child(path)).as(path).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        }
        assertThat(child("games")).isEqualTo(server.games().supervisor());
        // each is registered under a name: its label is that name
        assertThat(Proc.label(child("seats").orElseThrow())).endsWith(".seats");
        assertThat(Proc.label(child("endpoint/presence").orElseThrow())).endsWith(".presence");
        assertThat(Proc.label(child("endpoint/sockets").orElseThrow())).endsWith(".sockets");
        assertThat(Proc.label(child("endpoint/channels").orElseThrow())).endsWith(".channels");
        assertThat(Proc.label(child("services/seat_sweeper").orElseThrow())).endsWith(".seat_sweeper");
        assertThat(Proc.label(child("services/observer_feed").orElseThrow())).endsWith(".observer_feed");
        assertThat(Proc.label(child("play/lobby").orElseThrow())).endsWith(".lobby");
        assertThat(Proc.label(child("play/matchmaker").orElseThrow())).endsWith(".matchmaker");
        assertThat(Proc.label(child("services/replay_sweeper").orElseThrow())).endsWith(".replay_sweeper");
        assertThat(Proc.label(child("bots").orElseThrow())).endsWith(".bots");
    }

    @ParameterizedTest
    @ValueSource(strings = {"endpoint/presence", "seats", "games", "services/seat_sweeper", "services/observer_feed",
            "game_store", "endpoint/channels", "endpoint/sockets", "endpoint/http", "play/lobby", "play/matchmaker", "replay_store", "services/replay_sweeper", "bots"})
    void aKilledProcessIsRestartedByItsSupervisor_andTheServerKeepsServing(String path) throws Exception {
        String game = "moon";
        String token;
        try (GameClient moon = GameClient.joined(server.port(), game, game, null)) {
            moon.ok("new_game", Map.of());
            token = moon.token();
        }
        Pid killed = child(path).orElseThrow();
        Proc.exit(killed, ExitReason.kill());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> child(path).filter(p -> !p.equals(killed) && p.isAlive()).isPresent());

        try (GameClient moon = GameClient.joined(server.port(), game, game, token);
                GameClient diva = GameClient.joined(server.port(), game, "diva", null)) {
            diva.noReply("add_player", "diva");
            assertThat(moon.event("player_added").get("message").asText()).isEqualTo("New player just joined: diva");
            assertThat(diva.view().get("role").asText()).isEqualTo("player2");
            assertThat(moon.ok("position_island", Demo.position("player1", "dot", 1, 1))).isNotNull();
            // the presence tracker (new or not) tracks channels that join now
            diva.noReply("show_subscribers", Map.of());
            assertThat(moon.event("subscribers").has("diva")).isTrue();
        }
        try (GameClient sun = GameClient.joined(server.port(), "sun", "sun", null)) {
            sun.ok("new_game", Map.of());
            assertThat(sun.view().get("started").asBoolean()).isTrue();
        }
    }
}
