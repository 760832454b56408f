package io.islands.server.observer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.islands.engine.game.GameState;
import io.islands.engine.process.Games;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Pid;
import io.islands.runtime.StartResult;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.DynamicSupervisor;
import io.islands.runtime.supervisor.Supervisor;
import io.islands.runtime.Proc;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.table.Access;
import io.islands.runtime.table.TableOptions;
import io.islands.runtime.table.Tables;
import io.islands.server.observer.ObserverServer.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every endpoint of the observer API on the real server: answers, errors, and 401s that change nothing. */
class ObserverApiTest {
    @RegisterExtension
    static final ObserverServer server = new ObserverServer();

    private String runningGame() {
        String name = server.newGameName();
        server.games().startGame(name);
        server.games().addPlayer(name, "diva");
        return name;
    }

    private String quarantinedGame() {
        String name = server.newGameName();
        server.games().store().save(name, new Saved<>(1, GameState.fresh(name)));
        server.games().store().quarantine(name, "poisoned by the test");
        return name;
    }

    private Pid pidOf(String game) {
        return server.games().whereis(game).orElseThrow();
    }

    /** @return the supervisors given and every supervisor nested in their children, depth first */
    private static List<JsonNode> supervisors(List<JsonNode> roots) {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode s : roots) {
            out.add(s);
            List<JsonNode> nested = list(s.path("children")).stream()
                    .filter(c -> c.hasNonNull("supervisor")).map(c -> c.get("supervisor")).toList();
            out.addAll(supervisors(nested));
        }
        return out;
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Test
    void withoutTheTokenEveryEndpointAnswers401AndChangesNothing() throws Exception {
        String game = runningGame();
        Pid pid = pidOf(game);
        String quarantined = quarantinedGame();
        List<String[]> calls = List.of(
                new String[] {"GET", "/api/processes"}, new String[] {"GET", "/api/processes/" + pid.id()},
                new String[] {"GET", "/api/supervisors"}, new String[] {"GET", "/api/tables"},
                new String[] {"GET", "/api/events"},
                new String[] {"GET", "/api/games"}, new String[] {"GET", "/api/games/" + game},
                new String[] {"POST", "/api/processes/" + pid.id() + "/kill"},
                new String[] {"POST", "/api/games/" + game + "/stop"},
                new String[] {"POST", "/api/games/" + quarantined + "/release"},
                new String[] {"POST", "/api/nodes/cut-off?on=true"});
        List<String> wrong = new ArrayList<>();
        wrong.add(null);
        wrong.add("Bearer wrong-token");
        wrong.add("Bearer " + ObserverServer.TOKEN + "x");
        wrong.add(ObserverServer.TOKEN);
        wrong.add("Basic " + ObserverServer.TOKEN);
        for (String[] call : calls) {
            for (String authorization : wrong) {
                Reply r = server.send(call[1], call[0], "{\"reason\":\"kill\"}", authorization);
                assertThat(r.status()).as(call[0] + " " + call[1] + " with " + authorization).isEqualTo(401);
                assertThat(r.body().toString()).isEqualTo("{\"error\":\"unauthorized\"}");
            }
        }
        assertThat(pid.isAlive()).as("not killed").isTrue();
        assertThat(server.games().whereis(game)).as("not stopped").contains(pid);
        assertThat(server.games().info(game)).isPresent();
        assertThat(server.games().quarantineRecord(quarantined)).as("not released").isPresent();
    }

    @Test
    void thePageIsServedWithoutTheTokenButHoldsNoData() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url("/observer"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("id=\"token\"", "/observer/observer.js").doesNotContain("<0.");
    }

    @Test
    void processesListTheGameProcessAndCanBeSortedAndLimited() throws Exception {
        String game = runningGame();
        Pid pid = pidOf(game);
        Reply all = server.get("/api/processes");
        assertThat(all.status()).isEqualTo(200);
        JsonNode row = list(all.body().get("processes")).stream()
                .filter(p -> p.get("pid").asText().equals(pid.toString())).findFirst().orElseThrow();
        assertThat(row.get("name").asText()).as("its registered name").matches("\\{via, games-\\d+, " + game + "}");
        assertThat(row.get("id").asLong()).isEqualTo(pid.id());
        assertThat(row.get("status").asText()).isIn("waiting", "running");
        assertThat(row.get("mailbox").asInt()).isZero();
        assertThat(all.body().get("total").asInt()).isGreaterThan(1);

        Reply one = server.get("/api/processes?sort=mailbox&limit=1");
        assertThat(one.body().get("processes")).hasSize(1);
        assertThat(server.get("/api/processes?limit=0").status()).isEqualTo(400);
        assertThat(server.get("/api/processes?limit=x").body().get("error").asText()).contains("limit");
        assertThat(server.get("/api/processes?sort=name").status()).isEqualTo(400);

        for (String form : List.of(String.valueOf(pid.id()), "%3C0." + pid.id() + ".0%3E")) {
            Reply p = server.get("/api/processes/" + form);
            assertThat(p.status()).as(form).isEqualTo(200);
            assertThat(p.body().get("name").asText()).endsWith(", " + game + "}");
            assertThat(p.body().get("parent").asText()).isEqualTo(server.games().supervisor().orElseThrow().toString());
        }
        assertThat(server.get("/api/processes/999999999").status()).isEqualTo(404);
        assertThat(server.get("/api/processes/abc").status()).isEqualTo(400);
    }

    @Test
    void killingAGameProcessRestartsItWithItsStateAndTheTreeShowsTheRestart() throws Exception {
        String game = runningGame();
        Pid before = pidOf(game);
        JsonNode state = server.get("/api/games/" + game).body();
        assertThat(state.get("player2").asText()).isEqualTo("diva");
        assertThat(state.get("rules").asText()).isEqualTo("players_set");
        assertThat(state.get("lastMove").asText()).isEqualTo("add_player diva");

        Reply kill = server.post("/api/processes/" + before.id() + "/kill", "{\"reason\":\"kill\"}");
        assertThat(kill.status()).isEqualTo(200);
        assertThat(kill.body().get("reason").asText()).isEqualTo("kill");
        await().until(() -> server.games().whereis(game).filter(p -> !p.equals(before)).isPresent());
        JsonNode after = server.get("/api/games/" + game).body();
        assertThat(after.get("pid").asText()).isNotEqualTo(before.toString());
        JsonNode afterWithoutPid = ((ObjectNode) after.deepCopy()).without("pid");
        assertThat(afterWithoutPid).isEqualTo(((ObjectNode) state.deepCopy()).without("pid"));

        JsonNode gamesSup = supervisors(list(server.get("/api/supervisors").body().get("roots"))).stream()
                .filter(s -> s.get("pid").asText().equals(server.games().supervisor().orElseThrow().toString())).findFirst().orElseThrow();
        assertThat(gamesSup.get("dynamic").asBoolean()).isTrue();
        assertThat(gamesSup.get("strategy").asText()).isEqualTo("one_for_one");
        assertThat(gamesSup.get("restarts").asLong()).isPositive();
        assertThat(list(gamesSup.get("recentRestarts")))
                .anySatisfy(r -> assertThat(r.get("child").asText() + " " + r.get("reason").asText()).isEqualTo(game + " killed"));
        assertThat(list(gamesSup.get("children"))).anySatisfy(c -> {
            assertThat(c.get("id").asText()).isEqualTo(game);
            assertThat(c.get("type").asText()).isEqualTo("worker");
            assertThat(c.get("restart").asText()).isEqualTo("transient");
        });

        Pid second = pidOf(game);
        assertThat(server.post("/api/processes/" + second.id() + "/kill", "{\"reason\":\"observer says so\"}").status())
                .isEqualTo(200);
        await().until(() -> server.games().whereis(game).filter(p -> !p.equals(second)).isPresent());
    }

    @Test
    void theClusterCutOffHookIs404OnASingleNode() throws Exception {
        for (String on : List.of("true", "false")) {
            Reply r = server.post("/api/nodes/cut-off?on=" + on, "");
            assertThat(r.status()).as(on).isEqualTo(404);
            assertThat(r.body().get("error").asText()).isEqualTo("no cluster");
        }
    }

    @Test
    void badKillsAre400AndUnknownPids404_andTheyKillNothing() throws Exception {
        Pid pid = pidOf(runningGame());
        for (String body : List.of("", "not json", "{}", "{\"reason\":3}", "{\"reason\":\"\"}",
                "{\"reason\":\"" + "x".repeat(201) + "\"}")) {
            Reply r = server.post("/api/processes/" + pid.id() + "/kill", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.body().get("error").asText()).as(body).isNotBlank();
        }
        assertThat(server.post("/api/processes/999999999/kill", "{\"reason\":\"kill\"}").status()).isEqualTo(404);
        assertThat(server.post("/api/processes/nope/kill", "{\"reason\":\"kill\"}").status()).isEqualTo(400);
        assertThat(pid.isAlive()).isTrue();
    }

    @Test
    void tablesShowTheirOwnerAndSize() throws Exception {
        CompletableFuture<Pid> owner = new CompletableFuture<>();
        Pid p = Proc.spawn(() -> {
            var t = Tables.<String, Integer>create(TableOptions.<String>defaults().withName("observer-api-table")
                    .withAccess(Access.PUBLIC));
            t.insert("a", 1);
            owner.complete(Proc.self());
            Proc.receive();
        });
        owner.join();
        try {
            JsonNode table = list(server.get("/api/tables").body().get("tables")).stream()
                    .filter(t -> t.get("name").asText().equals("observer-api-table")).findFirst().orElseThrow();
            assertThat(table.get("type").asText()).isEqualTo("set");
            assertThat(table.get("access").asText()).isEqualTo("public");
            assertThat(table.get("owner").asText()).isEqualTo(p.toString());
            assertThat(table.get("heir").isNull()).isTrue();
            assertThat(table.get("size").asLong()).isEqualTo(1);
            assertThat(table.get("memory").asLong()).isPositive();
        } finally {
            Proc.exit(p, io.islands.runtime.ExitReason.KILL);
        }
    }

    @Test
    void gamesListRunningAndQuarantinedOnes_stopAndReleaseWork_once() throws Exception {
        String game = runningGame();
        String quarantined = quarantinedGame();
        JsonNode games = server.get("/api/games").body();
        assertThat(games.get("running").asInt()).isEqualTo(server.games().running());
        assertThat(list(games.get("games"))).anySatisfy(g -> {
            assertThat(g.get("name").asText()).isEqualTo(game);
            assertThat(g.get("player1").asText()).isEqualTo(game);
            assertThat(g.get("revision").asLong()).isEqualTo(2);
        });
        assertThat(list(games.get("quarantined"))).anySatisfy(q -> {
            assertThat(q.get("name").asText()).isEqualTo(quarantined);
            assertThat(q.get("reason").asText()).isEqualTo("poisoned by the test");
        });
        assertThat(server.get("/api/games/" + quarantined).body().get("quarantined").get("reason").asText())
                .isEqualTo("poisoned by the test");
        assertThat(server.get("/api/games/no-such-game").status()).isEqualTo(404);

        Pid pid = pidOf(game);
        Reply stop = server.post("/api/games/" + game + "/stop", null);
        assertThat(stop.status()).isEqualTo(200);
        assertThat(stop.body().get("stopped").asText()).isEqualTo(game);
        assertThat(pid.isAlive()).isFalse();
        assertThat(server.get("/api/games/" + game).status()).isEqualTo(404);
        assertThat(server.post("/api/games/" + game + "/stop", null).status()).isEqualTo(404);

        Reply release = server.post("/api/games/" + quarantined + "/release", null);
        assertThat(release.status()).isEqualTo(200);
        assertThat(server.games().quarantineRecord(quarantined)).isEmpty();
        assertThat(server.get("/api/games/" + quarantined).body().get("revision").asLong()).isEqualTo(1);
        assertThat(server.post("/api/games/" + quarantined + "/release", null).status()).isEqualTo(404);
        assertThat(server.post("/api/games/" + "x".repeat(201) + "/stop", null).status()).isEqualTo(400);
    }

    @Test
    void theEventStreamPushesTheGamesTreeProcessesAndLoad_andTheChangeAfterAKill() throws Exception {
        String game = runningGame();
        Pid before = pidOf(game);
        try (ObserverServer.Events events = server.events("?sort=mailbox")) {
            assertThat(events.status).isEqualTo(200);
            events.next("games", d -> list(d.get("games")).stream().anyMatch(g ->
                    g.get("name").asText().equals(game) && g.get("pid").asText().equals(before.toString())));
            events.next("supervisors", d -> supervisors(list(d.get("roots"))).stream()
                    .anyMatch(s -> s.get("pid").asText().equals(server.games().supervisor().orElseThrow().toString())));
            // a new stream gets each section once, in this order (others are skipped by next)
            events.next("tables", d -> d.has("tables"));
            events.next("processes", d -> d.get("total").asInt() > 0 && list(d.get("processes")).stream()
                    .anyMatch(p -> p.get("pid").asText().equals(before.toString())));
            events.next("load", d -> d.get("reset").asBoolean());

            assertThat(server.post("/api/processes/" + before.id() + "/kill", "{\"reason\":\"kill\"}").status()).isEqualTo(200);
            events.next("games", d -> list(d.get("games")).stream().anyMatch(g -> g.get("name").asText().equals(game)
                    && !g.get("pid").isNull() && !g.get("pid").asText().equals(before.toString())));
            JsonNode sample = events.next("load", d -> !d.get("reset").asBoolean() && d.get("samples").size() == 1)
                    .data().get("samples").get(0);
            assertThat(sample.get("processes").asInt()).isPositive();
            assertThat(sample.get("memoryBytes").asLong()).isPositive();
            assertThat(sample.has("movesPerSecond") && sample.has("restarts") && sample.has("crashes")).isTrue();
        }
    }

    /** Regression: a section must be pushed only when it changed, not at every tick (the nested tree included). */
    @Test
    void anUnchangedSystemIsNotPushedAgain_onlyItsLoadSamples() throws Exception {
        runningGame();
        try (ObserverServer.Events events = server.events("")) {
            assertThat(events.namesThrough("load", 1)).contains("games", "supervisors", "tables", "processes");
            // three more ticks without a change: their load samples, nothing else of what this test controls
            // (the processes are left out: their status is a racy reading of live processes)
            assertThat(events.namesThrough("load", 3)).doesNotContain("games", "supervisors", "tables");
        }
    }

    @Test
    void theEventStreamIsBounded_andRefusesBadRequests() throws Exception {
        List<ObserverServer.Events> open = new ArrayList<>();
        try {
            await().until(() -> { // streams of other tests may still be closing: their slots free at the next write
                ObserverServer.Events e = server.events("");
                if (e.status == 200) {
                    open.add(e);
                } else {
                    assertThat(e.status).isEqualTo(503);
                    e.close();
                }
                return open.size() == ObserverRoutes.MAX_WATCHERS;
            });
            // a 200 means the stream already holds its place (taken before the answer): the ninth is refused
            try (ObserverServer.Events refused = server.events("")) {
                assertThat(refused.status).isEqualTo(503);
                assertThat(refused.error().get("error").asText()).contains("too many observers");
            }
            for (ObserverServer.Events e : open) {
                e.next("load", d -> d.get("reset").asBoolean()); // each of the eight is watching
            }
            open.remove(0).close();
            await().until(() -> {
                try (ObserverServer.Events again = server.events("")) {
                    return again.status == 200;
                }
            });
        } finally {
            for (ObserverServer.Events e : open) {
                e.close();
            }
        }
        Reply noAccept = server.get("/api/events");
        assertThat(noAccept.status()).isEqualTo(406);
        assertThat(noAccept.body().get("error").asText()).contains("text/event-stream");
        try (ObserverServer.Events badSort = server.events("?sort=name")) {
            assertThat(badSort.status).isEqualTo(400);
            assertThat(badSort.error().get("error").asText()).contains("sort");
        }
    }

    @Test
    void theTreeListsAFewChildrenPerSupervisor_andCountsTheRest() throws Exception {
        int many = ObserverRoutes.TREE_CHILDREN * 3; // stands for thousands of sockets or channels
        Pid sup = ((StartResult.Ok) DynamicSupervisor.start(DynamicSupervisor.Options.defaults())).pid();
        try {
            for (int i = 0; i < many; i++) {
                GenServer<Integer> idle = () -> InitResult.ok(0);
                assertThat(DynamicSupervisor.startChild(sup, ChildSpec.worker("idle-" + i,
                        () -> GenServer.startLink(idle, GenServer.StartOptions.DEFAULT)))).isInstanceOf(StartResult.Ok.class);
            }
            JsonNode shown = supervisors(list(server.get("/api/supervisors").body().get("roots"))).stream()
                    .filter(s -> s.get("pid").asText().equals(sup.toString())).findFirst().orElseThrow();
            assertThat(shown.get("childCount").asInt()).isEqualTo(many);
            assertThat(list(shown.get("children"))).hasSize(ObserverRoutes.TREE_CHILDREN);
        } finally {
            Supervisor.stop(sup, ExitReason.shutdown(), null);
        }
    }

    @Test
    void aTokenIsGeneratedWhenNoneIsConfigured_andABlankOneIsRefused() {
        AdminToken a = AdminToken.of(null);
        AdminToken b = AdminToken.of(null);
        assertThat(a.value()).hasSize(32).matches("[A-Za-z0-9_-]+").isNotEqualTo(b.value());
        assertThat(a.accepts("Bearer " + a.value())).isTrue();
        assertThat(a.accepts("Bearer " + b.value())).isFalse();
        assertThat(a.toString()).doesNotContain(a.value());
        assertThatThrownBy(() -> AdminToken.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdminToken.of("a b")).isInstanceOf(IllegalArgumentException.class);
    }
}
