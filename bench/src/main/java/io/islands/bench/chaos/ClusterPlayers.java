package io.islands.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.engine.game.Coordinate;
import io.islands.engine.process.DemoFleet;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The two players of one table of the cluster chaos and the cluster bench, played by one thread:
 * games one after another ({@code t3}, {@code t3-1}, ...), each player on a socket to a random node
 * that is up. They react as the page does (docs/protocol.md §4.1), only faster:
 *
 * <ul>
 *   <li>every move ({@code position_island}, {@code set_islands}, {@code guess_coordinate}) carries a
 *       fresh {@code move_id};
 *   <li>a player whose socket closes rejoins on another node that is up, with its seat token, when
 *       it sends its next step (so a thinking player's rejoin counts in its next move's wait, where
 *       phoenix.js would rejoin 10 ms after the close: one thread plays both seats, and a rejoin
 *       made while thinking would hold up the other player's move, measured worse on 2026-12-05),
 *       and sends its unanswered step again (a move with the same id, which the game applies at
 *       most once: a retry of an applied move is answered {@code "replayed"});
 *   <li>a player whose node hangs notices it by its heartbeat: while it waits for an answer and
 *       hears nothing for 250 ms it sends one, and when nothing comes within {@link #SILENCE} (1 s)
 *       it leaves that node the same way ({@link PhoenixSocket#await(java.util.function.Predicate, Duration, Duration)});
 *       a node that answers its heartbeats is given {@link #ANSWER} (8 s) to answer the move itself,
 *       so the failover it waits for is the cluster's, not the client's;
 *   <li>a refusal because the game is unavailable ({@code timeout}, {@code store}, {@code crashed},
 *       a channel gone) is treated as a closed socket: rejoin elsewhere, send again;
 *   <li>retries after the first pause as phoenix.js's reconnect (10 ms, growing to 0.5 s); a step not
 *       answered within {@link #GIVE_UP} gives its game up (the next game starts).
 * </ul>
 * Setup steps without a move id are settled by the rejoin's view (started, player 2 named,
 * islands set) before they are sent again.
 *
 * <p>What it records for the final check ({@link Played}): per game and player, every cell sent,
 * the cells acknowledged (the pusher got its own {@code player_guessed_coordinate} broadcast),
 * and the cells found applied (a retry answered {@code replayed}, or a view after a refusal).
 * Each player guesses a seeded shuffle of the 100 cells, so no cell is sent twice except as the
 * retry of the same move.
 *
 * <p>Design note: everything here belongs to the thread that runs {@link #run}, except the
 * shared {@link Tally} (atomics, concurrent maps, volatiles) and {@code stop} (volatile, set by
 * the driver). The driver reads {@link #played()} only after that thread ended (join: happens-before).
 */
final class ClusterPlayers implements Runnable {
    /**
     * An answer from a node that answers its heartbeats: its own bounds are a game call's 3 s, a
     * forwarded call's 4 s and a failover's wait; past this the step is sent again elsewhere.
     */
    static final Duration ANSWER = Duration.ofSeconds(8);
    /** Nothing at all from a node (its heartbeat unanswered) for this long: it hangs. */
    static final Duration SILENCE = Duration.ofSeconds(1);
    /** A join's reply (the node answers no heartbeat while a channel joins). */
    private static final Duration JOIN = Duration.ofSeconds(8);
    private static final Duration CONNECT = Duration.ofSeconds(3);
    /** A step (a move, a setup step, a view) not answered within this gives its game up. */
    static final Duration GIVE_UP = Duration.ofSeconds(60);
    private static final int MAX_ATTEMPTS = 200;
    /** Pauses before the 2nd, 3rd, ... try of a step, in ms (phoenix.js's reconnect steps, capped at 0.5 s). */
    private static final int[] BACKOFF_MS = {0, 10, 50, 100, 150, 200, 250, 500};
    /** Refusals that say the game could not take the step now (not the rules'): rejoin elsewhere and send again. */
    /**
     * After a fault, the moves begun within this long count for {@link Tally#longestWaits}: 4 s
     * since 2026-12-06 (2 s before), so that a stopping node's sockets, closed one after another
     * up to 2 s after its hand-off (the server's {@code Cluster.SOCKET_CLOSE_SPREAD}), have their
     * players' reconnects counted.
     */
    static final Duration WAIT_WINDOW = Duration.ofSeconds(4);
    /** A step of a watched game answered this long after it began is noted in its trail. */
    private static final Duration SLOW_STEP = Duration.ofMillis(50);
    /** The moves of a game's setup: answered ok, each shows the game up after a fault, as a guess does. */
    private static final Set<String> SETUP_MOVES = Set.of("position_island", "set_islands");
    private static final Set<String> UNAVAILABLE = Set.of("timeout", "store", "crashed", "unmatched topic", "join crashed");

    /** Tables think {@code minMs..maxMs} (uniform) before each guess; null in the tally: closed loop. */
    record Think(int minMs, int maxMs) {
        Think {
            if (minMs < 0 || maxMs < minMs || maxMs > 60_000) {
                throw new IllegalArgumentException("think " + minMs + ".." + maxMs + " ms");
            }
        }
    }

    /** Counters the progress line and the summary read while tables play. */
    static final class Tally {
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong unknown = new AtomicLong();
        final AtomicLong foundApplied = new AtomicLong();
        final AtomicLong reconnects = new AtomicLong();
        /** Sockets left because their node answered nothing, not even a heartbeat, for {@link #SILENCE}. */
        final AtomicLong hungSockets = new AtomicLong();
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
        /** Game → nanoseconds from the kill to its first move answered after it ({@link #answered}; for the games in killedOwned). */
        final ConcurrentHashMap<String, Long> failovers = new ConcurrentHashMap<>();
        /**
         * Game → the longest wait of a move of it begun (or still waiting) in the {@link
         * #WAIT_WINDOW} after the fault, from the later of the fault and the move's first try to its
         * answer (for the games in killedOwned): the gap its player saw, where {@link #failovers}
         * has only the first move answered after the fault.
         */
        final ConcurrentHashMap<String, Long> longestWaits = new ConcurrentHashMap<>();
        /** Of the games in killedOwned: how each ended, if it did ({@code won}, {@code given up: why}, ...). */
        final ConcurrentHashMap<String, String> endings = new ConcurrentHashMap<>();
        /** Of the games in killedOwned: what their players ran into and did since the fault (the last few steps). */
        final ConcurrentHashMap<String, Trail> trails = new ConcurrentHashMap<>();
        /** Non-null: tables think between guesses (a paced window); null: closed loop. */
        volatile Think think;

        /** A guess acknowledged (its own broadcast came back), pushed at {@code pushedAt}, its step begun at {@code stepStart}. */
        void acknowledged(String game, long pushedAt, long stepStart) {
            acknowledged.incrementAndGet();
            answered(game, pushedAt, stepStart);
        }

        /**
     * The game answered a move pushed at {@code pushedAt} (a guess applied now or a retry replayed,
     * or a setup move answered ok): it is up. A fault's time for a game ends at its first such
     * answer; before 2026-12-03 (evening) only a guess counted, so a game still in its setup at the
     * fault counted its remaining setup round trips as unavailability.
     */
        void answered(String game, long pushedAt, long stepStart) {
            if (!killedOwned.contains(game)) {
                return;
            }
            long now = System.nanoTime();
            if (pushedAfter == 0 || pushedAt - pushedAfter >= 0) {
                failovers.putIfAbsent(game, now - killedAt);
            }
            long waitFrom = stepStart - killedAt > 0 ? stepStart : killedAt;
            if (waitFrom - killedAt <= WAIT_WINDOW.toNanos()) {
                longestWaits.merge(game, now - waitFrom, Math::max);
            }
        }

        /** Watches {@code owned} from now on (the bench's fault): clears the last fault's timings, endings and trails. */
        void watch(Set<String> owned) {
            killedOwned = Set.of();
            failovers.clear();
            longestWaits.clear();
            endings.clear();
            trails.clear();
            killedAt = System.nanoTime();
            pushedAfter = killedAt;
            killedOwned = owned;
        }

        void note(String game, String what) {
            if (killedOwned.contains(game)) {
                trails.computeIfAbsent(game, g -> new Trail()).add(System.nanoTime() - killedAt, what);
            }
        }

        void doing(String game, String what) {
            if (killedOwned.contains(game)) {
                trails.computeIfAbsent(game, g -> new Trail()).doing(System.nanoTime() - killedAt, what);
            }
        }

        void ended(String game, String how) {
            if (killedOwned.contains(game)) {
                endings.putIfAbsent(game, how);
            }
        }

        /**
         * Told of each acknowledged guess (the bench's timings): the game, the index of the node the
         * pusher's socket is on, and push → own broadcast in nanoseconds; null: nobody is told.
         */
        volatile MoveTimer timer;
        /** The games the tables are setting up or playing now (a game leaves it when it ends or is given up). */
        final Set<String> playing = ConcurrentHashMap.newKeySet();

        /** Why the first games were given up (at most 5). */
        final List<String> whyAbandoned = java.util.Collections.synchronizedList(new ArrayList<>());

        void abandoned(String game, IOException why) {
            abandoned.incrementAndGet();
            ended(game, "given up: " + why.getMessage());
            synchronized (whyAbandoned) {
                if (whyAbandoned.size() < 5) {
                    whyAbandoned.add(game + ": " + why.getMessage());
                }
            }
        }
    }

    /** What a watched game's players ran into since the fault: the last {@link #KEEP} events and the step they are on. */
    static final class Trail {
        private static final int KEEP = 10;
        private final ArrayDeque<String> events = new ArrayDeque<>();
        private String doing = "";

        synchronized void add(long sinceFault, String what) {
            if (events.size() == KEEP) {
                events.removeFirst();
            }
            events.addLast(at(sinceFault) + " " + what);
        }

        synchronized void doing(long sinceFault, String what) {
            doing = at(sinceFault) + " " + what;
        }

        private static String at(long nanos) {
            return String.format(Locale.ROOT, "+%d ms", nanos / 1_000_000);
        }

        @Override
        public synchronized String toString() {
            return "last: " + String.join("; ", events) + (doing.isEmpty() ? "" : "; now: " + doing);
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

    /**
     * One step to send until the game answers it.
     *
     * @param what for notes and errors
     * @param answers whether a frame answers the push of the given ref (its reply, or a broadcast)
     * @param doneInView null, or whether a rejoin's view shows the step already done (then it is not sent again)
     */
    private record Step(String what, String event, Object payload, BiPredicate<JsonNode, String> answers,
            Predicate<JsonNode> doneInView) {
        static BiPredicate<JsonNode, String> reply() {
            return (f, ref) -> f.get(3).asText().equals("phx_reply") && ref.equals(f.get(1).asText());
        }
    }

    /** A player's seat: its socket (null while it has none), its join and token. */
    private final class Seat {
        final String screenName;
        final String role;
        final String label;
        final Moves moves = new Moves();
        PhoenixSocket socket;
        /** The index of the node {@link #socket} is on. */
        int node = -1;
        String joinRef;
        /**
         * The seat's token, proposed by the first join (docs/protocol.md §2.1): a first join whose
         * reply is lost (its node killed after the seat was saved) is retried with it and gets the
         * seat back, where a join without it would be refused {@code unauthorized} for good.
         */
        String token = newToken();
        /** How long the last {@link #join}'s WebSocket connect took (its upgrade included), in ns. */
        long connectNanos;
        /** A join of this seat was answered ok: a join from now on is a rejoin. */
        boolean joined;
        JsonNode lastView;
        private int moveIds;

        Seat(String screenName, String role) {
            this.screenName = screenName;
            this.role = role;
            this.label = role.equals("player1") ? "p1" : "p2";
        }

        /** @return a fresh move id (the game keeps each player's last one: a retry with it is applied once) */
        String moveId() {
            return "m" + ++moveIds;
        }

        /**
         * Connects to a random node that is up, another than {@code avoid} if one is, and joins (with
         * the token once it has one). @throws IOException if refused or gone
         */
        void join(int avoid) throws IOException, InterruptedException {
            drop();
            int up = randomNode(avoid);
            if (up < 0) {
                throw new IOException("no node up");
            }
            node = up;
            doing(this, "connecting");
            long connecting = System.nanoTime();
            socket = PhoenixSocket.connect(http, nodes.port(up), CONNECT);
            connectNanos = System.nanoTime() - connecting;
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("screen_name", screenName);
            params.put("token", token);
            joinRef = socket.send(null, topic, "phx_join", params);
            doing(this, "joining");
            JsonNode r = socket.reply(joinRef, JOIN);
            if (!r.path("status").asText().equals("ok")) {
                throw new Refused(r.path("response").path("reason").asText("?"), "join refused: " + r.path("response"));
            }
            token = r.path("response").path("token").asText(token);
            joined = true;
            lastView = r.path("response").path("view");
        }

        void drop() {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }

        String where() {
            return label + "@" + (node < 0 ? "-" : nodes.name(node));
        }
    }

    private static final java.security.SecureRandom TOKENS = new java.security.SecureRandom();

    /** @return a new seat token to propose: 24 random bytes, URL-safe Base64 (as the server's own) */
    private static String newToken() {
        byte[] bytes = new byte[24];
        TOKENS.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A refusal by the server, with its reason. */
    private static final class Refused extends IOException {
        final String reason;

        Refused(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    private final int table;
    private final ClusterNodes nodes;
    private final HttpClient http;
    private final SplittableRandom random;
    private final Tally tally;
    private final List<Played> played = new ArrayList<>();
    private volatile boolean stop;
    private String game;
    private String topic;
    private boolean started;
    /** When the step was last pushed (System.nanoTime; a retry's own push). */
    private long lastPush;
    /** When the step last sent began (System.nanoTime): before its first try, its joins and retries included. */
    private long stepStart;
    /** How many tries the last {@link #send} took. */
    private int tries;

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

    /** @return the index of a random node that is up, another than {@code avoid} if one is; -1 if none is */
    private int randomNode(int avoid) {
        int n = nodes.size();
        int first = random.nextInt(n);
        int fallback = -1;
        for (int k = 0; k < n; k++) {
            int i = (first + k) % n;
            if (nodes.port(i) != 0) {
                if (i != avoid) {
                    return i;
                }
                fallback = i;
            }
        }
        return fallback;
    }

    /** Notes what {@code s} ran into, if its game is watched (the text is built only then). */
    private void note(Seat s, String what) {
        if (tally.killedOwned.contains(game)) {
            tally.note(game, s.where() + ": " + what);
        }
    }

    private void doing(Seat s, String what) {
        if (tally.killedOwned.contains(game)) {
            tally.doing(game, s.where() + ": " + what);
        }
    }

    @Override
    public void run() {
        for (int round = 0; !stop && round < 10_000; round++) {
            game = "t" + table + (round == 0 ? "" : "-" + round);
            topic = "game:" + game;
            Seat p1 = new Seat(game, "player1");
            Seat p2 = new Seat("u" + table + "r" + round, "player2");
            started = false;
            tally.playing.add(game);
            String how = "stopped";
            try {
                setUp(p1, p2);
                how = play(p1, p2);
            } catch (IOException e) {
                if (!stop) {
                    tally.abandoned(game, e); // a step not answered within GIVE_UP, or refused by the rules
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
            } finally {
                tally.ended(game, how);
                tally.playing.remove(game);
                p1.drop();
                p2.drop();
                played.add(new Played(game, started, p1.moves, p2.moves));
            }
        }
    }

    /**
     * Sends {@code step} from {@code s} until the game answers it (see the class comment): joins
     * first if the seat has no socket; after a closed socket, a silent node, no answer or a refusal
     * by an unavailable game, rejoins on another node and sends it again, the same payload (so the
     * same move id).
     *
     * @return the answering frame, or null if a rejoin's view showed the step done
     * @throws IOException if it is not answered within {@link #GIVE_UP} (or the players stop); a
     *     {@link Refused} if a join is refused for a reason other than an unavailable game
     */
    private JsonNode send(Seat s, Step step) throws IOException, InterruptedException {
        stepStart = System.nanoTime();
        long giveUp = stepStart + GIVE_UP.toNanos();
        int avoid = -1;
        String last = "";
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                if (stop && attempt > 2) {
                    throw new IOException("stopping");
                }
                if (attempt >= MAX_ATTEMPTS || System.nanoTime() - giveUp > 0) {
                    throw new IOException(s.role + " " + step.what() + ": no answer after " + attempt + " tries in "
                            + GIVE_UP.toSeconds() + " s; last: " + last);
                }
                Thread.sleep(BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)]);
            }
            try {
                if (s.socket == null || s.socket.closed()) {
                    boolean again = s.joined;
                    if (s.socket != null && s.socket.closedAt() != 0 && tally.killedOwned.contains(game)) {
                        note(s, "its socket was closed (" + s.socket.closeCode() + ") at +"
                                + (s.socket.closedAt() - tally.killedAt) / 1_000_000 + " ms");
                    }
                    long joinStart = System.nanoTime();
                    s.join(avoid);
                    if (again) {
                        tally.reconnects.incrementAndGet();
                        note(s, "rejoined in " + (System.nanoTime() - joinStart) / 1_000_000 + " ms (connect "
                                + s.connectNanos / 1_000_000 + " ms)");
                    }
                    if (step.doneInView() != null && step.doneInView().test(s.lastView)) {
                        note(s, step.what() + ": done, as the view shows");
                        tries = attempt + 1;
                        return null;
                    }
                }
                if (attempt > 0) {
                    note(s, "sends " + step.what() + " again (try " + (attempt + 1) + ")");
                }
                if (tally.killedOwned.contains(game)) {
                    doing(s, "awaiting " + step.what() + " (try " + (attempt + 1) + ")");
                }
                lastPush = System.nanoTime();
                String ref = s.socket.send(s.joinRef, topic, step.event(), step.payload());
                JsonNode f = s.socket.await(x -> step.answers().test(x, ref), ANSWER, SILENCE);
                String reason = f.get(3).asText().equals("phx_reply") && !f.get(4).path("status").asText().equals("ok")
                        ? f.get(4).path("response").path("reason").asText("") : null;
                if (reason == null || !UNAVAILABLE.contains(reason)) {
                    tries = attempt + 1;
                    long took = System.nanoTime() - stepStart;
                    if (took > SLOW_STEP.toNanos()) {
                        note(s, step.what() + " answered " + took / 1_000_000 + " ms after its step began ("
                                + (System.nanoTime() - lastPush) / 1_000_000 + " ms after its last push)");
                    }
                    if (SETUP_MOVES.contains(step.event()) && ok(f)) {
                        tally.answered(game, lastPush, stepStart); // the game took a move: it is up (a guess is timed by its broadcast)
                    }
                    return f;
                }
                last = step.what() + " refused " + reason;
            } catch (PhoenixSocket.NodeSilentException e) {
                tally.hungSockets.incrementAndGet();
                last = step.what() + ": " + e.getMessage();
            } catch (Refused e) {
                if (!UNAVAILABLE.contains(e.reason)) {
                    throw e;
                }
                last = e.getMessage();
            } catch (IOException e) {
                last = step.what() + ": " + e.getMessage();
            }
            note(s, last);
            avoid = s.node;
            s.drop();
        }
    }

    /** @return whether {@code f} is an ok reply */
    private static boolean ok(JsonNode f) {
        return f.get(3).asText().equals("phx_reply") && f.get(4).path("status").asText().equals("ok");
    }

    private static String reason(JsonNode f) {
        return f.get(4).path("response").path("reason").asText("");
    }

    /**
     * Starts the game and sets both fleets, each step until the game answers it. Sets
     * {@link #started} once the game is started. @throws IOException if a step is refused by the
     * rules or not answered within {@link #GIVE_UP}
     */
    private void setUp(Seat p1, Seat p2) throws IOException, InterruptedException {
        JsonNode f = send(p1, new Step("new_game", "new_game", Map.of(), Step.reply(), v -> v.path("started").asBoolean()));
        if (f != null && !ok(f) && !reason(f).equals("already_started")) { // already_started: a retry of an applied one
            throw new IOException("new_game refused: " + f.get(4));
        }
        started = true;
        tally.started.incrementAndGet();
        f = send(p2, new Step("add_player", "add_player", p2.screenName,
                (x, ref) -> Step.reply().test(x, ref) || (x.get(0).isNull() && x.get(3).asText().equals("player_added")
                        && x.get(4).path("message").asText().endsWith(": " + p2.screenName)),
                v -> v.path("role").asText().equals("player2")));
        if (f != null && f.get(3).asText().equals("phx_reply")) { // refused: a retry of an applied one names us player 2
            JsonNode v = view(p2);
            if (!v.path("role").asText().equals("player2")) {
                throw new IOException("add_player refused: " + f.get(4));
            }
        }
        for (Seat s : List.of(p1, p2)) {
            for (DemoFleet.Placed island : DemoFleet.ISLANDS) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("player", s.role);
                m.put("island", island.island());
                m.put("row", island.row());
                m.put("col", island.col());
                m.put("move_id", s.moveId());
                expectOk(s, send(s, new Step("position_island " + island.island(), "position_island", m, Step.reply(), null)));
            }
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("player", s.role);
            set.put("move_id", s.moveId());
            expectOk(s, send(s, new Step("set_islands", "set_islands", set, Step.reply(),
                    v -> v.path("islands_set").path(s.role).asBoolean())));
        }
    }

    private static void expectOk(Seat s, JsonNode f) throws IOException {
        if (f != null && !ok(f)) {
            throw new IOException(s.role + " refused: " + f.get(4));
        }
    }

    /** @return the seat's view, read through a node that answers (rejoining if it must) */
    private JsonNode view(Seat s) throws IOException, InterruptedException {
        JsonNode f = send(s, new Step("view", "view", Map.of(), Step.reply(), v -> true));
        if (f == null) {
            return s.lastView;
        }
        if (!ok(f)) {
            throw new IOException(s.role + " view refused: " + f.get(4));
        }
        return f.get(4).path("response").path("view");
    }

    private enum Outcome { APPLIED, REPLAYED, REFUSED }

    /** @return how the game ended: {@code won}, {@code stopped} or {@code 400 moves} */
    private String play(Seat p1, Seat p2) throws IOException, InterruptedException {
        Map<Seat, List<Coordinate>> cells = Map.of(p1, shuffledCells(), p2, shuffledCells());
        Seat turn = p1;
        for (int moves = 0; moves < 400; moves++) {
            if (stop) {
                return "stopped";
            }
            List<Coordinate> mine = cells.get(turn);
            if (mine.isEmpty()) {
                return "out of cells";
            }
            Think think = tally.think;
            if (think != null) {
                Thread.sleep(think.minMs() + ThreadLocalRandom.current().nextInt(think.maxMs() - think.minMs() + 1));
            }
            Coordinate c = mine.getFirst();
            turn.moves.sent.add(c);
            JsonNode result = null;
            switch (guess(turn, c)) {
                case APPLIED -> {
                    tally.acknowledged(game, lastPush, stepStart);
                    turn.moves.acknowledged.add(c);
                    mine.removeFirst();
                    result = lastAnswer.get(4).path("result");
                }
                case REPLAYED -> { // a retry of a move the game had applied: known, not acknowledged by its broadcast
                    tally.foundApplied.incrementAndGet();
                    tally.answered(game, lastPush, stepStart);
                    turn.moves.foundApplied.add(c);
                    mine.removeFirst();
                    result = lastAnswer.get(4).path("response").path("result");
                }
                case REFUSED -> {
                    JsonNode view = view(turn);
                    if (guessed(view, c)) {
                        tally.foundApplied.incrementAndGet();
                        turn.moves.foundApplied.add(c);
                        mine.removeFirst();
                    }
                    String state = view.path("state").asText();
                    if (state.equals("game_over")) {
                        tally.finished.incrementAndGet();
                        return "won";
                    }
                    turn = state.equals("player2_turn") ? p2 : p1;
                    continue;
                }
            }
            if (result.path("win").asText().equals("win")) {
                tally.finished.incrementAndGet();
                return "won";
            }
            turn = turn == p1 ? p2 : p1;
        }
        return "400 moves";
    }

    /** The frame that answered the last guess. */
    private JsonNode lastAnswer;

    /**
     * Sends one guess, with a fresh move id, until the game answers it: its own broadcast
     * (applied), an ok reply (a retry of an applied move: replayed) or a refusal by the rules.
     */
    private Outcome guess(Seat s, Coordinate c) throws IOException, InterruptedException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("player", s.role);
        m.put("row", c.row());
        m.put("col", c.col());
        m.put("move_id", s.moveId());
        JsonNode f = send(s, new Step("guess " + c.row() + "," + c.col(), "guess_coordinate", m,
                (x, ref) -> Step.reply().test(x, ref) || (x.get(0).isNull() && x.get(3).asText().equals("player_guessed_coordinate")
                        && x.get(4).path("player").asText().equals(s.role)
                        && x.get(4).path("row").asInt() == c.row() && x.get(4).path("col").asInt() == c.col()), null));
        long answeredAt = System.nanoTime();
        lastAnswer = f;
        boolean retried = tries > 1;
        if (retried) {
            tally.unknown.incrementAndGet(); // its first try went unanswered (or was refused as unavailable)
        }
        if (!f.get(3).asText().equals("phx_reply")) {
            MoveTimer timer = tally.timer;
            if (timer != null && !retried) {
                timer.acknowledged(game, s.node, answeredAt - lastPush);
            }
            return Outcome.APPLIED;
        }
        return ok(f) && f.get(4).path("response").path("replayed").asBoolean() ? Outcome.REPLAYED : Outcome.REFUSED;
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
