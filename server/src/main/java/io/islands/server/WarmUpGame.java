package io.islands.server;

import io.islands.engine.game.Player;
import io.islands.engine.process.DemoFleet;
import io.islands.engine.process.Games;
import io.islands.server.cluster.Cluster;
import io.islands.server.cluster.GameRouter;
import io.islands.server.game.Seats;
import io.islands.server.phoenix.LoopbackSocket;
import io.islands.server.phoenix.PhoenixServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The game part of {@link IslandsServer#warmUp}: {@link #playThroughEndpoint}, a game played as
 * two players' pages would, through the server's own WebSocket endpoint, channel, seats, game
 * process and store (on a cluster node: its claims, fenced saves and release), with the rejoins
 * and re-activations a takeover brings. So the first players a server that just started serves,
 * or takes over from a stopping node, do not wait for the JVM to load and first run that code
 * (docs/cluster.md, SIGTERM). Called on one thread; stateless.
 */
final class WarmUpGame {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUpGame.class);
    /** The game of the topic the warm-up's connections join without a screen name, refused ({@link PhoenixServer#warmUp}). */
    static final String NAME = "warm-up";

    /** Rounds of the endpoint game: each a guess of each player, on the water of rows 7 to 10. */
    static final int ROUNDS = 40;
    /** Every this many rounds, the game's process is stopped (state kept) and player 1 rejoins with its token. */
    static final int REJOIN_EVERY = 10;
    /** The endpoint game's names: this prefix and random hex digits, at least {@value #MIN_HEX} of them. */
    static final String PREFIX = "wu-";
    private static final int MIN_HEX = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WarmUpGame() {}

    /**
     * Plays one game through the server's own endpoint, as two players' pages would, so that the
     * first players a server that just started serves do not run that code first: on a cluster
     * node started ~10 s before, the rejoins and takeovers of another node's planned stop loaded
     * 117–130 classes and compiled 580–650 methods within that second (docs/cluster.md). Two
     * loopback sockets join a game of a random name ({@value #PREFIX} and 8 to 16 hex digits,
     * within the server's name length), start it, set both fleets and play {@value #ROUNDS}
     * rounds of misses with move ids and views; every {@value #REJOIN_EVERY} rounds the game's
     * process is stopped with its state kept ({@link Games#handOff}), and player 1 rejoins on a
     * new socket with its token, so the next move activates the game again (on a cluster node:
     * a claim, a load). Then the game is stopped (its state deleted, wherever it runs), its
     * seats released and, on a cluster node, its ownership released (its row in the owners table
     * stays, without an owner or a state), whether the play went through or not, once it was
     * started. A failure is logged; the server serves all the same.
     *
     * @param maxNameLength the server's longest name: under {@value #PREFIX} plus {@value #MIN_HEX}, nothing is played
     * @return the guesses answered ({@code 2 * ROUNDS} when it went through), or -1 when it failed (logged)
     */
    static int playThroughEndpoint(PhoenixServer server, GameRouter router, Games games, Seats seats, Cluster cluster,
            int maxNameLength) {
        int hex = Math.min(16, maxNameLength - PREFIX.length());
        if (hex < MIN_HEX) {
            LOG.info("warm-up: no game through the endpoint (names of at most {} characters)", maxNameLength);
            return 0;
        }
        String game = PREFIX + randomHex(hex);
        String other = PREFIX + randomHex(hex);
        String topic = "game:" + game;
        HttpClient http = HttpClient.newBuilder().connectTimeout(LoopbackSocket.STEP).build();
        boolean started = false;
        int guesses = 0;
        long t0 = System.nanoTime();
        LoopbackSocket p1 = null;
        LoopbackSocket p2 = null;
        try {
            p1 = server.loopback(http);
            LoopbackSocket.Answer joined = ok(p1.request("1", topic, "phx_join", Map.of("screen_name", game)), "join");
            String token = joined.payload().path("response").path("token").asText();
            ok(p1.request("1", topic, "new_game", Map.of()), "new_game");
            started = true;
            p2 = server.loopback(http);
            ok(p2.request("1", topic, "phx_join", Map.of("screen_name", other)), "join");
            LoopbackSocket.Answer added = p2.request("1", topic, "add_player", other, r -> r.event().equals("player_added"));
            if (!added.event().equals("player_added")) {
                throw new IOException("add_player refused: " + added.payload());
            }
            int moves = 0;
            for (Player p : Player.values()) {
                LoopbackSocket s = p == Player.PLAYER1 ? p1 : p2;
                for (DemoFleet.Placed island : DemoFleet.ISLANDS) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("player", p.wire());
                    m.put("island", island.island());
                    m.put("row", island.row());
                    m.put("col", island.col());
                    m.put("move_id", "w" + ++moves);
                    ok(s.request("1", topic, "position_island", m), "position_island");
                }
                ok(s.request("1", topic, "set_islands", Map.of("player", p.wire(), "move_id", "w" + ++moves)), "set_islands");
            }
            for (int i = 0; i < ROUNDS; i++) {
                if (i > 0 && i % REJOIN_EVERY == 0) { // as in a takeover: the game activated again, a player's rejoin
                    games.handOff(game);
                    p1.close();
                    p1 = server.loopback(http);
                    ok(p1.request("1", topic, "phx_join", Map.of("screen_name", game, "token", token)), "rejoin");
                    ok(p2.request("1", topic, "view", Map.of()), "view");
                }
                int row = 7 + (i / 10) % 4; // rows 7 to 10 are water on the demo board
                int col = 1 + i % 10;
                for (Player p : Player.values()) {
                    guess(p == Player.PLAYER1 ? p1 : p2, topic, p.wire(), row, col, "w" + ++moves);
                    guesses++;
                }
            }
            LOG.info("warm-up: a game of {} guesses through the endpoint in {} ms", guesses, (System.nanoTime() - t0) / 1_000_000);
            return guesses;
        } catch (IOException | RuntimeException e) {
            LOG.warn("warm-up: the game through the endpoint stopped after {} guesses ({}); the server serves all the same",
                    guesses, e.getMessage() != null ? e.getMessage() : e.toString());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            closeQuietly(p1);
            closeQuietly(p2);
            http.shutdownNow();
            if (started) {
                try {
                    router.stopGame(game);
                    seats.release(game);
                    if (cluster != null) {
                        cluster.release(game); // owned by nobody, as every stopped game should be: not in this node's games_owned
                    }
                } catch (RuntimeException e) {
                    LOG.warn("warm-up: its game {} could not be stopped ({})", game, e.toString());
                }
            }
        }
    }

    private static void guess(LoopbackSocket s, String topic, String role, int row, int col, String moveId)
            throws IOException, InterruptedException {
        LoopbackSocket.Answer r = s.request("1", topic, "guess_coordinate",
                Map.of("player", role, "row", row, "col", col, "move_id", moveId),
                x -> x.event().equals("player_guessed_coordinate") && x.payload().path("player").asText().equals(role));
        if (!r.event().equals("player_guessed_coordinate")) {
            throw new IOException("guess refused: " + r.payload());
        }
    }

    private static LoopbackSocket.Answer ok(LoopbackSocket.Answer r, String what) throws IOException {
        if (!r.ok()) {
            throw new IOException(what + " refused: " + r.payload());
        }
        return r;
    }

    private static void closeQuietly(LoopbackSocket s) {
        if (s != null) {
            try {
                s.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String randomHex(int digits) {
        byte[] bytes = new byte[(digits + 1) / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, digits);
    }
}
