package io.islands.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.engine.game.Coordinate;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two players of one table of the cluster chaos, played by one thread: games one after
 * another ({@code t3}, {@code t3-1}, ...), each player on a socket to a random node. A player
 * whose node dies, hangs or refuses reconnects to another random node and rejoins with its seat
 * token; a guess whose outcome is unknown (no answer, the socket closed, a refusal other than the
 * rules') is settled by the player's view after the rejoin: applied, or sent again.
 *
 * <p>What it records for the final check ({@link Played}): per game and player, every cell sent,
 * the cells acknowledged (the pusher got its own {@code player_guessed_coordinate} broadcast),
 * and the cells found applied in a view after an unknown outcome. Each player guesses a seeded
 * shuffle of the 100 cells, so no cell is sent twice except as the retry of the same move.
 *
 * <p>Design note: everything here belongs to the thread that runs {@link #run}, except the
 * shared {@link Tally} (atomics) and {@code stop} (volatile, set by the chaos driver). The
 * driver reads {@link #played()} only after that thread ended (join: happens-before).
 */
final class ClusterPlayers implements Runnable {
    /** A move's answer: the call timeout of a node (3 s) plus forwarding and a takeover. */
    private static final Duration ANSWER = Duration.ofSeconds(8);
    private static final Duration CONNECT = Duration.ofSeconds(3);
    /** Reconnect attempts before a game is given up (each waits 0.2-0.5 s, then up to ANSWER). */
    private static final int ATTEMPTS = 30;
    private static final Object[][] PLACEMENT = {{"atoll", 1, 1}, {"dot", 1, 5}, {"l_shape", 1, 7}, {"s_shape", 5, 1},
        {"square", 5, 5}};

    /** Counters the progress line and the summary read while tables play. */
    static final class Tally {
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong unknown = new AtomicLong();
        final AtomicLong foundApplied = new AtomicLong();
        final AtomicLong reconnects = new AtomicLong();
        final AtomicLong started = new AtomicLong();
        final AtomicLong finished = new AtomicLong();
        final AtomicLong abandoned = new AtomicLong();
        /** The games a node owned when it was SIGKILLed, and when: set by the driver before the kill. */
        volatile Set<String> killedOwned = Set.of();
        volatile long killedAt;
        /**
         * Only a move pushed at or after this (System.nanoTime) counts as its game's first after the
         * fault: the bench sets it once a SIGSTOP took effect, so that a move the node answered
         * just before it stopped does not count; 0 (the chaos): any move acknowledged after the kill.
         */
        volatile long pushedAfter;
        /** Game → nanoseconds from the kill to its first acknowledged guess after it (for the games in killedOwned). */
        final java.util.concurrent.ConcurrentHashMap<String, Long> failovers = new java.util.concurrent.ConcurrentHashMap<>();

        void acknowledged(String game, long pushedAt) {
            acknowledged.incrementAndGet();
            if (killedOwned.contains(game) && (pushedAfter == 0 || pushedAt - pushedAfter >= 0)) {
                failovers.putIfAbsent(game, System.nanoTime() - killedAt);
            }
        }

        /**
         * Told of each acknowledged guess (the bench's timings): the game, the index of the node the
         * pusher's socket is on, and push → own broadcast in nanoseconds; null: nobody is told.
         */
        volatile MoveTimer timer;
        /** The games the tables are setting up or playing now (a game leaves it when it ends or is given up). */
        final Set<String> playing = java.util.concurrent.ConcurrentHashMap.newKeySet();

        /** Why the first games were given up (at most 5). */
        final List<String> whyAbandoned = java.util.Collections.synchronizedList(new ArrayList<>());

        void abandoned(String game, IOException why) {
            abandoned.incrementAndGet();
            synchronized (whyAbandoned) {
                if (whyAbandoned.size() < 5) {
                    whyAbandoned.add(game + ": " + why.getMessage());
                }
            }
        }
    }

    /** Receives {@link Tally#timer}'s calls, from the tables' threads at the same time. */
    interface MoveTimer {
        void acknowledged(String game, int node, long nanos);
    }

    /** One player's moves in one game. */
    static final class Moves {
        final List<Coordinate> sent = new ArrayList<>();
        final Set<Coordinate> acknowledged = new HashSet<>();
        final Set<Coordinate> foundApplied = new HashSet<>();
    }

    /** One game as its players saw it. {@code started}: its new_game was answered ok. */
    record Played(String game, boolean started, Moves player1, Moves player2) {}

    /** A player's seat: its socket (null while it has none), its join and token. */
    private final class Seat {
        final String screenName;
        final String role;
        final Moves moves = new Moves();
        PhoenixSocket socket;
        /** The index of the node {@link #socket} is on. */
        int node;
        String joinRef;
        String token;
        JsonNode lastView;

        Seat(String screenName, String role) {
            this.screenName = screenName;
            this.role = role;
        }

        /** Connects to a random node and joins (with the token once it has one). @throws IOException if refused or gone */
        void join() throws IOException, InterruptedException {
            drop();
            int up = randomNode();
            if (up < 0) {
                throw new IOException("no node up");
            }
            node = up;
            socket = PhoenixSocket.connect(http, nodes.port(up), CONNECT);
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("screen_name", screenName);
            if (token != null) {
                params.put("token", token);
            }
            joinRef = socket.send(null, topic, "phx_join", params);
            JsonNode r = socket.reply(joinRef, ANSWER);
            if (!r.path("status").asText().equals("ok")) {
                drop();
                throw new IOException("join refused: " + r);
            }
            token = r.path("response").path("token").asText(token);
            lastView = r.path("response").path("view");
        }

        void drop() {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }

        String push(String event, Object payload) throws IOException {
            if (socket == null || socket.closed()) {
                throw new IOException("no socket");
            }
            return socket.send(joinRef, topic, event, payload);
        }

        /** @return the reply's payload to a push */
        JsonNode call(String event, Object payload) throws IOException, InterruptedException {
            return socket.reply(push(event, payload), ANSWER);
        }

        /** Reads this player's view, rejoining on another node until it can (bounded). */
        JsonNode view() throws IOException, InterruptedException {
            for (int attempt = 0; ; attempt++) {
                if (stop && attempt > 2) {
                    throw new IOException("stopping");
                }
                try {
                    if (socket == null || socket.closed()) {
                        tally.reconnects.incrementAndGet();
                        join();
                        return lastView;
                    }
                    JsonNode r = call("view", Map.of());
                    if (r.path("status").asText().equals("ok")) {
                        return r.path("response").path("view");
                    }
                    drop(); // refused (the game is moving): try through another node
                } catch (IOException e) {
                    drop();
                }
                if (attempt >= ATTEMPTS) {
                    throw new IOException(screenName + ": no view after " + ATTEMPTS + " attempts");
                }
                Thread.sleep(200 + random.nextInt(300));
            }
        }
    }

    private final int table;
    private final ClusterNodes nodes;
    private final HttpClient http;
    private final SplittableRandom random;
    private final Tally tally;
    private final List<Played> played = new ArrayList<>();
    private volatile boolean stop;
    private String topic;
    private boolean started;
    /** When the last guess was pushed (System.nanoTime). */
    private long lastPush;

    ClusterPlayers(int table, ClusterNodes nodes, HttpClient http, SplittableRandom random, Tally tally) {
        this.table = table;
        this.nodes = nodes;
        this.http = http;
        this.random = random;
        this.tally = tally;
    }

    /** Asks the thread to finish its current move and end. */
    void stop() {
        stop = true;
    }

    /** @return the games played; read after the thread ended */
    List<Played> played() {
        return played;
    }

    /** @return the index of a random node that is up, -1 if none is */
    private int randomNode() {
        int n = nodes.size();
        int first = random.nextInt(n);
        for (int k = 0; k < n; k++) {
            if (nodes.port((first + k) % n) != 0) {
                return (first + k) % n;
            }
        }
        return -1;
    }

    @Override
    public void run() {
        for (int round = 0; !stop && round < 10_000; round++) {
            String game = "t" + table + (round == 0 ? "" : "-" + round);
            topic = "game:" + game;
            Seat p1 = new Seat(game, "player1");
            Seat p2 = new Seat("u" + table + "r" + round, "player2");
            started = false;
            tally.playing.add(game);
            try {
                setUp(p1, p2);
                play(p1, p2);
            } catch (IOException e) {
                if (!stop) {
                    tally.abandoned(game, e); // no view for 30 attempts, or a setup that failed
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
            } finally {
                tally.playing.remove(game);
                p1.drop();
                p2.drop();
                played.add(new Played(game, started, p1.moves, p2.moves));
            }
        }
    }

    /**
     * Starts the game and sets both fleets. Any trouble in setup (no move of it is checked) gives
     * the game up: guesses are played only from a clean start. Sets {@link #started} once
     * new_game was answered ok. @throws IOException on any trouble
     */
    private void setUp(Seat p1, Seat p2) throws IOException, InterruptedException {
        p1.join();
        ok(p1, "new_game", Map.of());
        started = true;
        tally.started.incrementAndGet();
        p2.join();
        String ref = p2.push("add_player", p2.screenName);
        JsonNode f = p2.socket.await(x -> (x.get(3).asText().equals("phx_reply") && ref.equals(x.get(1).asText()))
                || (x.get(0).isNull() && x.get(3).asText().equals("player_added")), ANSWER);
        if (f.get(3).asText().equals("phx_reply")) {
            throw new IOException("add_player refused: " + f);
        }
        for (Seat s : List.of(p1, p2)) {
            for (Object[] island : PLACEMENT) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("player", s.role);
                m.put("island", island[0]);
                m.put("row", island[1]);
                m.put("col", island[2]);
                ok(s, "position_island", m);
            }
            ok(s, "set_islands", s.role);
        }
    }

    private static void ok(Seat s, String event, Object payload) throws IOException, InterruptedException {
        JsonNode r = s.call(event, payload);
        if (!r.path("status").asText().equals("ok")) {
            throw new IOException(s.role + " " + event + " refused: " + r);
        }
    }

    private enum Outcome { APPLIED, WON, REFUSED_TURN, UNKNOWN }

    private void play(Seat p1, Seat p2) throws IOException, InterruptedException {
        Map<Seat, List<Coordinate>> cells = Map.of(p1, shuffledCells(), p2, shuffledCells());
        Seat turn = p1;
        for (int moves = 0; !stop && moves < 400; moves++) {
            List<Coordinate> mine = cells.get(turn);
            if (mine.isEmpty()) {
                return;
            }
            Coordinate c = mine.getFirst();
            turn.moves.sent.add(c);
            Outcome o = guess(turn, c);
            switch (o) {
                case APPLIED, WON -> {
                    tally.acknowledged(topic.substring("game:".length()), lastPush);
                    turn.moves.acknowledged.add(c);
                    mine.removeFirst();
                    if (o == Outcome.WON) {
                        tally.finished.incrementAndGet();
                        return;
                    }
                    turn = turn == p1 ? p2 : p1;
                }
                case REFUSED_TURN, UNKNOWN -> {
                    if (o == Outcome.UNKNOWN) {
                        tally.unknown.incrementAndGet();
                    }
                    JsonNode view = turn.view(); // rejoins elsewhere if it must
                    if (guessed(view, c)) {
                        tally.foundApplied.incrementAndGet();
                        turn.moves.foundApplied.add(c);
                        mine.removeFirst();
                    }
                    String state = view.path("state").asText();
                    if (state.equals("game_over")) {
                        tally.finished.incrementAndGet();
                        return;
                    }
                    turn = state.equals("player2_turn") ? p2 : p1;
                }
            }
        }
    }

    /** Pushes one guess and waits for its broadcast (applied) or its reply (refused). */
    private Outcome guess(Seat s, Coordinate c) throws InterruptedException {
        try {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("player", s.role);
            m.put("row", c.row());
            m.put("col", c.col());
            long t0 = System.nanoTime();
            lastPush = t0;
            String ref = s.push("guess_coordinate", m);
            JsonNode f = s.socket.await(x -> (x.get(3).asText().equals("phx_reply") && ref.equals(x.get(1).asText()))
                    || (x.get(0).isNull() && x.get(3).asText().equals("player_guessed_coordinate")
                            && x.get(4).path("player").asText().equals(s.role)
                            && x.get(4).path("row").asInt() == c.row() && x.get(4).path("col").asInt() == c.col()), ANSWER);
            if (f.get(3).asText().equals("phx_reply")) {
                String reason = f.get(4).path("response").path("reason").asText();
                if (reason.equals("Not your turn.")) {
                    return Outcome.REFUSED_TURN;
                }
                s.drop(); // unavailable here (elsewhere, timeout, store): another node may serve it
                return Outcome.UNKNOWN;
            }
            MoveTimer timer = tally.timer;
            if (timer != null) {
                timer.acknowledged(topic.substring("game:".length()), s.node, System.nanoTime() - t0);
            }
            return f.get(4).path("result").path("win").asText().equals("win") ? Outcome.WON : Outcome.APPLIED;
        } catch (IOException e) {
            s.drop();
            return Outcome.UNKNOWN;
        }
    }

    private static boolean guessed(JsonNode view, Coordinate c) {
        for (String kind : List.of("hits", "misses")) {
            for (JsonNode g : view.path("guesses").path(kind)) {
                if (g.path("row").asInt() == c.row() && g.path("col").asInt() == c.col()) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<Coordinate> shuffledCells() {
        List<Coordinate> all = new ArrayList<>();
        for (int r = 1; r <= 10; r++) {
            for (int col = 1; col <= 10; col++) {
                all.add(new Coordinate(r, col));
            }
        }
        for (int i = all.size() - 1; i > 0; i--) {
            Collections.swap(all, i, random.nextInt(i + 1));
        }
        return all;
    }
}
