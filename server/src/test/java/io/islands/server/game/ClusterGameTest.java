package io.islands.server.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.server.cluster.ClusterPostgres;
import io.islands.server.phoenix.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cluster nodes as real JVMs ({@code serve --cluster}) on one real PostgreSQL, all on 127.0.0.1,
 * played through the Phoenix protocol: players on different nodes share one game (joins and pushes
 * forwarded to the owner, replies relayed, broadcasts and presence on every node, seat tokens valid
 * everywhere), and a SIGKILLed owner's game resumes on another node with no acknowledged move lost.
 */
class ClusterGameTest {
    private static final int HALF = Demo.CELLS.size() / 2;

    @Test
    void playersOnTwoNodesPlayOneGame_forwardedToItsOwner_broadcastsAndPresenceOnBoth() throws Exception {
        String store = ClusterPostgres.freshJdbcUrl();
        try (ServerJvm a = ServerJvm.clusterNode("a", store); ServerJvm b = ServerJvm.clusterNode("b", store)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.get("/api/nodes").contains("\"view\":[\"a\",\"b\"]"));
            try (GameClient moon = GameClient.joined(a.port(), "moon", "moon", null);
                    GameClient diva = GameClient.joined(b.port(), "moon", "diva", null)) {
                // presence across nodes: moon (on a) sees diva (on b) join
                JsonNode diff = moon.event("presence_diff");
                while (!diff.get("joins").has("diva")) {
                    diff = moon.event("presence_diff");
                }
                Demo.start(moon, diva, "diva"); // new_game on a (a owns it); add_player, islands from b forwarded
                assertThat(a.get("/api/games/moon")).contains("\"node\":\"a\"");
                JsonNode nodes = WsClient.json(b.get("/api/nodes"));
                assertThat(nodes.get("self").asText()).isEqualTo("b");
                assertThat(nodes.get("nodes")).hasSize(2);
                for (JsonNode n : nodes.get("nodes")) {
                    assertThat(n.get("live").asBoolean() && n.get("in_view").asBoolean()).as("%s", n).isTrue();
                    assertThat(n.get("games_owned").asInt()).as("%s", n).isEqualTo(n.get("node").asText().equals("a") ? 1 : 0);
                }
                for (int i = 0; i < Demo.CELLS.size(); i++) {
                    Demo.round(moon, diva, i); // each guess's broadcast reaches the other node's player
                }
                assertThat(diva.view().get("winner").asText()).isEqualTo("player1");
                diva.push("show_subscribers", Map.of());
                JsonNode subscribers = moon.event("subscribers");
                assertThat(subscribers.has("moon") && subscribers.has("diva")).as("%s", subscribers).isTrue();
                measure(moon, diva);
            }
        }
    }

    /** Prints the median of 200 view calls on the owner's node (local) and on the other (forwarded). */
    private static void measure(GameClient local, GameClient forwarded) throws Exception {
        for (int i = 0; i < 50; i++) { // warm-up
            local.view();
            forwarded.view();
        }
        long[] l = new long[200];
        long[] f = new long[200];
        for (int i = 0; i < l.length; i++) {
            long t0 = System.nanoTime();
            local.view();
            long t1 = System.nanoTime();
            forwarded.view();
            long t2 = System.nanoTime();
            l[i] = t1 - t0;
            f[i] = t2 - t1;
        }
        java.util.Arrays.sort(l);
        java.util.Arrays.sort(f);
        System.out.printf("cluster latency, view round trip through the socket: local median %.3f ms p90 %.3f ms,"
                        + " forwarded median %.3f ms p90 %.3f ms (200 each)%n",
                l[100] / 1e6, l[180] / 1e6, f[100] / 1e6, f[180] / 1e6);
    }

    @Test
    void theOwnerIsKilled_itsGameResumesOnAnotherNode_noAcknowledgedMoveLost() throws Exception {
        String store = ClusterPostgres.freshJdbcUrl();
        try (ServerJvm owner = ServerJvm.clusterNode("owner", store); ServerJvm b = ServerJvm.clusterNode("b", store);
                ServerJvm c = ServerJvm.clusterNode("c", store)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> b.get("/api/nodes").contains("\"view\":[\"owner\",\"b\",\"c\"]"));
            // the players' sockets are on b and c; the game runs on "owner"
            GameClient[] players = halfPlayedOn(owner, "sun", b, c);
            try (GameClient moon = players[0]; GameClient diva = players[1]) {

                owner.kill();
                List<String> refusals = resumeAfterOwnerStopped(moon, diva, "SIGKILL");
                assertThat(refusals).as("at most the move in flight when the owner died").hasSizeLessThanOrEqualTo(1);
                assertThat(b.get("/api/games/sun")).containsAnyOf("\"node\":\"b\"", "\"node\":\"c\"");
            }
        }
    }

    @Test
    void theOwnerHangs_itsGameResumesElsewhere_andTheOwnerWhenItWakesChangesNothing() throws Exception {
        String store = ClusterPostgres.freshJdbcUrl();
        try (ServerJvm owner = ServerJvm.clusterNode("owner", store); ServerJvm b = ServerJvm.clusterNode("b", store)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> b.get("/api/nodes").contains("\"view\":[\"owner\",\"b\"]"));
            GameClient[] players = halfPlayedOn(owner, "moon", b, b);
            try (GameClient moon = players[0]; GameClient diva = players[1]) {
                owner.signal("STOP"); // a hung JVM: its sockets stay open, it answers nothing
                try {
                    List<String> refusals = resumeAfterOwnerStopped(moon, diva, "SIGSTOP");
                    assertThat(refusals).as("calls to the hung owner time out until its lease ends")
                            .allMatch(r -> r.contains("timeout") || r.contains("store"));
                    assertThat(b.get("/api/games/moon")).contains("\"node\":\"b\"");
                } finally {
                    owner.signal("CONT");
                }
                // the old owner wakes up: it finds its lease lost, and the game stays b's, finished
                await().atMost(Duration.ofSeconds(30)).until(() -> b.get("/api/nodes").contains("\"view\":[\"b\",\"owner\"]")
                        || b.get("/api/nodes").contains("\"view\":[\"owner\",\"b\"]"));
                assertThat(diva.view().get("winner").asText()).isEqualTo("player1");
                assertThat(b.get("/api/games/moon")).contains("\"node\":\"b\"");
            }
        }
    }

    @Test
    void theOwnerIsStoppedWithSigterm_itHandsItsGameOff_theNextMoveIsAppliedElsewhere() throws Exception {
        String store = ClusterPostgres.freshJdbcUrl();
        try (ServerJvm owner = ServerJvm.clusterNode("owner", store); ServerJvm b = ServerJvm.clusterNode("b", store)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> b.get("/api/nodes").contains("\"view\":[\"owner\",\"b\"]"));
            GameClient[] players = halfPlayedOn(owner, "star", b, b);
            try (GameClient moon = players[0]; GameClient diva = players[1]) {
                owner.term();
                List<String> refusals = resumeAfterOwnerStopped(moon, diva, "SIGTERM");
                assertThat(refusals).as("a planned stop: the game was handed off").isEmpty();
                assertThat(b.get("/api/games/star")).contains("\"node\":\"b\"");
            }
        }
    }

    /**
     * Starts {@code game} on {@code owner} (the node it starts on owns it), then seats player 1 on
     * {@code node1} by its token (valid on every node) and player 2 on {@code node2}, and plays
     * {@link #HALF} rounds of the demo battle, every move forwarded to the owner.
     *
     * @return player 1's and player 2's clients
     */
    private static GameClient[] halfPlayedOn(ServerJvm owner, String game, ServerJvm node1, ServerJvm node2) throws Exception {
        String token;
        try (GameClient p1 = GameClient.joined(owner.port(), game, game, null)) {
            p1.ok("new_game", Map.of());
            token = p1.token();
        }
        GameClient moon = GameClient.joined(node1.port(), game, game, token);
        GameClient diva = GameClient.joined(node2.port(), game, "diva", null);
        assertThat(moon.token()).as("the seat token is valid on another node").isEqualTo(token);
        diva.noReply("add_player", "diva");
        Demo.placeAndSet(moon, "player1");
        Demo.placeAndSet(diva, "player2");
        for (int i = 0; i < HALF; i++) {
            Demo.round(moon, diva, i);
        }
        assertThat(node1.get("/api/games/" + game)).contains("\"node\":\"" + owner.name + "\"");
        return new GameClient[] {moon, diva};
    }

    /**
     * After the owner of the game of {@code moon} and {@code diva} stopped (in the middle of the
     * demo battle, {@link #HALF} rounds played), tries player 1's next guess again (as a client
     * does) until it is applied, checks that every acknowledged move is there and none twice, and
     * finishes the game.
     *
     * @return the refusals of that guess before it was applied
     */
    static List<String> resumeAfterOwnerStopped(GameClient moon, GameClient diva, String how) throws Exception {
        long stopped = System.nanoTime();
        int[] cell = Demo.CELLS.get(HALF);
        List<String> refusals = new ArrayList<>();
        JsonNode applied = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode f = moon.pushUntil("guess_coordinate", Demo.guess("player1", cell[0], cell[1]), "player_guessed_coordinate");
            if (f.get(3).asText().equals("phx_reply")) {
                refusals.add(f.get(4).toString());
                return null;
            }
            return f.get(4);
        }, r -> r != null);
        System.out.printf("cluster failover (%s): the first move after the owner stopped was applied after %d ms"
                + " (%d refusals before: %s)%n", how, (System.nanoTime() - stopped) / 1_000_000, refusals.size(), refusals);
        assertThat(applied.get("result").get("hit").asBoolean()).isTrue();
        assertThat(diva.event("player_guessed_coordinate")).isEqualTo(applied);

        // every acknowledged move is there, none twice: HALF + 1 hits, HALF misses
        JsonNode view = moon.view();
        assertThat(view.get("guesses").get("hits").size()).isEqualTo(HALF + 1);
        assertThat(view.get("opponent_guesses").get("misses").size()).isEqualTo(HALF);
        int row = 9 + HALF / 10;
        int col = 1 + HALF % 10;
        diva.noReply("guess_coordinate", Demo.guess("player2", row, col));
        moon.event("player_guessed_coordinate");
        diva.event("player_guessed_coordinate");
        for (int i = HALF + 1; i < Demo.CELLS.size(); i++) {
            Demo.round(moon, diva, i);
        }
        assertThat(diva.view().get("winner").asText()).isEqualTo("player1");
        assertThat(moon.view().get("guesses").get("hits").size()).isEqualTo(Demo.CELLS.size());
        return refusals;
    }
}
