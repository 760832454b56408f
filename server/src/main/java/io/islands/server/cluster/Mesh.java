package io.islands.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.islands.engine.process.GameElsewhereException;
import io.islands.engine.process.GamePlacement;
import io.islands.engine.process.GameRequest;
import io.islands.engine.process.GameUnavailableException;
import io.islands.engine.process.Games;
import io.islands.runtime.ExitException;
import io.islands.runtime.Proc;
import io.islands.server.phoenix.BroadcastRelay;
import io.islands.server.phoenix.PhoenixServer;
import io.islands.server.phoenix.Presence;
import io.islands.storage.KeySpace;
import io.islands.storage.cluster.ClusterStore;
import io.islands.storage.cluster.Owner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's side of the server: routes game calls to their owners ({@link GameRouter}), serves
 * the calls other nodes forward here, relays broadcasts and presence lists ({@link BroadcastRelay}),
 * and hears the group's views ({@link ClusterNode.InboundHandler}).
 *
 * <p>Node-to-node requests (JSON, {@link GameWire}'s shapes inside):
 * <pre>{@code
 * {"op": "call", "game": G, "request": REQUEST}  -> {"reply": REPLY}
 * {"op": "start", "game": G}                     -> {"started": "OK" | "ALREADY_STARTED" | "QUARANTINED" | "CRASHED"}
 * {"op": "stop", "game": G}                      -> {"stopped": true}
 * {"op": "presence", "topic": T}                 -> {"presences": {KEY: {"metas": [...]}}}
 * any op may answer {"elsewhere": NODE} (the game runs there), {"leaving": true} (this node is stopping
 * and does not run the game: it has released it, claim it now) or {"unavailable": WHY, "message": M}
 * broadcast: {"topic": T, "frame": F}            -> F delivered to the subscribers of T on every other node
 * broadcast: {"left": true}                      -> the sender has left the cluster: it owns no game any more
 * }</pre>
 *
 * <p>A planned stop (SIGTERM, {@link #leaving}): the node goes on serving the calls of the games
 * still running here while the hand-off stops them, several at once; each game is released as soon
 * as its process has ended ({@link Cluster#handOff}). A call for a game not running here (any more)
 * is answered "leaving" (after the release: {@link ClusterPlacement#leaving}), and its caller claims
 * the game at once, without a pause and without waiting for a view; a call from a player on the
 * stopping node itself goes to the game's new owner, or to another member, which claims it.
 * Every field read from another node is checked (names by {@link KeySpace} and length, shapes by
 * {@link GameWire}); bodies are bounded by {@link ClusterNode#MAX_BODY}.
 *
 * <p>Design note: the only state is the cache of remote owners (a concurrent map, game → node,
 * written after an {@link GameElsewhereException} and removed when that node fails or declines a
 * call) and two references set once at wiring ({@code games}, {@code server}, volatile). Calls run
 * on their callers' threads; inbound requests each on a virtual thread of the node.
 */
final class Mesh implements ClusterNode.InboundHandler, BroadcastRelay {
    private static final Logger LOG = LoggerFactory.getLogger(Mesh.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** How long a call keeps trying to find a live owner (the database must see a dead one dead). */
    static final Duration FAILOVER_WAIT = Duration.ofSeconds(4);
    /** Between two tries of a call whose owner was unreachable. */
    static final Duration RETRY_PAUSE = Duration.ofMillis(50);
    /** Forwards of one call from node to node before it gives up (ownership moving meanwhile). */
    static final int MAX_HOPS = 4;
    static final Duration PRESENCE_TIMEOUT = Duration.ofSeconds(1);
    static final int MAX_NAME = 200;
    static final int MAX_PRESENCE_KEYS = 1_000;
    /** The topics whose broadcasts are relayed to the other nodes. */
    static final String GAME_TOPIC = "game:";

    private final ClusterNode node;
    private final ClusterStore store;
    private final ClusterPlacement placement;
    private final ClusterMetrics metrics;
    /** How long a forwarded call waits: the owner's game call timeout plus a margin. */
    private final Duration forwardTimeout;
    private final ConcurrentHashMap<String, String> owners = new ConcurrentHashMap<>();
    private volatile Games games;
    private volatile PhoenixServer server;
    /** Set when this node starts a planned stop: calls of games not running here are sent back to be claimed elsewhere. */
    private volatile boolean leaving;

    Mesh(ClusterNode node, ClusterStore store, ClusterPlacement placement, ClusterMetrics metrics, Duration callTimeout) {
        this.node = node;
        this.store = store;
        this.placement = placement;
        this.metrics = metrics;
        this.forwardTimeout = callTimeout.plusSeconds(1);
    }

    void games(Games localGames) {
        this.games = localGames;
    }

    void server(PhoenixServer phoenix) {
        this.server = phoenix;
    }

    String name() {
        return node.name();
    }

    /**
     * This node's lease was lost: its games stop here, their states kept ({@link Games#handOffAll}),
     * on a thread of their own (the lease's listener must not block); each is claimed again by its
     * next call, here once the node has rejoined, or on another node.
     */
    void lostLease() {
        owners.clear();
        Games local = games;
        if (local != null) {
            Thread.ofVirtual().name("cluster-hand-off").start(() -> {
                try {
                    List<String> stopped = local.handOffAll();
                    LOG.info("cluster: {} games stopped here after the lease was lost", stopped.size());
                } catch (RuntimeException e) {
                    LOG.warn("cluster: stopping the games after the lease was lost failed: {}", e.toString());
                }
            });
        }
    }

    /** This node was declared dead and has rejoined under a new epoch: its channel joins the group again ({@link ClusterNode#rejoin}). */
    void rejoinGroup(String why) {
        node.rejoin(why);
    }

    /**
     * A planned stop begins: from now on this node claims nothing, and a call of a game that does
     * not run here is answered "leaving" (the game released first), so its caller claims it at once.
     */
    void leaving() {
        placement.leaving(this::otherMembers);
        leaving = true;
    }

    /** This node has left the cluster (released every game): tells the others to forget it as an owner. */
    void left() {
        node.broadcast(GameWire.bytes(NODES.objectNode().put("left", true)));
    }

    private List<String> otherMembers() {
        List<String> others = new ArrayList<>(node.members());
        others.remove(node.name());
        return others;
    }

    // ---- outbound: calls routed to the owner ------------------------------------------------

    <R> R call(String game, GameRequest<R> request) {
        ObjectNode op = NODES.objectNode().put("op", "call").put("game", game);
        op.set("request", GameWire.request(request));
        return route(game, () -> games.call(game, request), op, reply -> GameWire.reply(request, GameWire.field(reply, "reply")));
    }

    GameRouter.Started startGame(String game) {
        return route(game, () -> GameRouter.startedOf(games.startGame(game)), NODES.objectNode().put("op", "start").put("game", game),
                reply -> GameRouter.Started.valueOf(GameWire.text(reply, "started")));
    }

    void stopGame(String game) {
        route(game, () -> {
            // the fenced store deletes a game only for its owner: claim it first (or learn who runs it)
            if (placement.place(game) instanceof GamePlacement.Placement.Elsewhere(String owner)) {
                throw new GameElsewhereException(game, owner);
            }
            games.stopGame(game);
            return true;
        }, NODES.objectNode().put("op", "stop").put("game", game), reply -> true);
    }

    Optional<String> ownerNode(String game) {
        return store.ownerOf(game).map(Owner::node);
    }

    /**
     * Runs {@code local} here, or forwards {@code op} to the game's owner; see {@link GameRouter}'s
     * failover paragraph for what is retried.
     */
    private <T> T route(String game, Supplier<T> local, ObjectNode op, Function<JsonNode, T> decode) {
        long deadline = System.nanoTime() + FAILOVER_WAIT.toNanos();
        String target = owners.get(game);
        String departing = null; // a node that answered "leaving": it does not run the game
        int hops = 0;
        for (;;) {
            if (target == null || target.equals(node.name())) {
                try {
                    T out = local.get();
                    owners.remove(game);
                    return out;
                } catch (GameElsewhereException e) {
                    if (e.node().equals(node.name())) {
                        throw new GameUnavailableException(game, GameUnavailableException.Why.STORE,
                                "this node owns the game but cannot run it");
                    }
                    if (e.node().equals(departing)) { // its release is not seen yet: claim again shortly
                        target = retryHere(game, departing, deadline);
                        continue;
                    }
                    target = e.node();
                    owners.put(game, target);
                }
            }
            if (++hops > MAX_HOPS) {
                throw new GameUnavailableException(game, GameUnavailableException.Why.STORE,
                        "the game's owner kept changing; try again");
            }
            long start = System.nanoTime();
            JsonNode reply;
            try {
                reply = GameWire.parse(node.request(target, GameWire.bytes(op), forwardTimeout));
            } catch (NodeUnavailableException e) {
                owners.remove(game, target);
                switch (e.why()) {
                    case UNREACHABLE -> { // not sent: try again here once the owner is seen dead
                        target = retryHere(game, target, deadline);
                        continue;
                    }
                    case TIMEOUT, LOST -> throw new GameUnavailableException(game, GameUnavailableException.Why.TIMEOUT,
                            "forwarded to " + target + ": " + e.getMessage() + " (outcome unknown)");
                    default -> throw new GameUnavailableException(game, GameUnavailableException.Why.CRASHED,
                            "forwarded to " + target + ": " + e.getMessage());
                }
            }
            metrics.forwarded(System.nanoTime() - start);
            if (reply.has("leaving")) { // not applied there, released: claim it here now
                String stopping = target;
                owners.values().removeIf(stopping::equals); // it will own none of its games
                departing = stopping;
                target = null;
                continue;
            }
            if (reply.has("elsewhere")) {
                String next = GameWire.text(reply, "elsewhere");
                owners.remove(game, target);
                target = next;
                continue;
            }
            if (reply.has("unavailable")) {
                throw new GameUnavailableException(game, GameUnavailableException.Why.valueOf(GameWire.text(reply, "unavailable")),
                        "on " + target + ": " + GameWire.text(reply, "message"));
            }
            return decode.apply(reply);
        }
    }

    /**
     * After a pause, the next try of a call whose owner could not take it runs here (where the
     * placement claims the game once the owner is dead or has released it).
     *
     * @return null: try here
     * @throws GameUnavailableException STORE once {@link #FAILOVER_WAIT} has passed
     */
    private static String retryHere(String game, String owner, long deadline) {
        if (System.nanoTime() - deadline > 0) {
            throw new GameUnavailableException(game, GameUnavailableException.Why.STORE,
                    "its owner " + owner + " cannot be reached, and still holds it");
        }
        pause(RETRY_PAUSE);
        return null;
    }

    /** Waits without holding a process past a safe point (a receive of nothing), or sleeps on a thread. */
    private static void pause(Duration d) {
        if (Proc.current().isPresent()) {
            Proc.receive(m -> false, d);
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- inbound: calls other nodes forward here ----------------------------------------------

    @Override
    public byte[] request(String from, byte[] body) {
        ObjectNode op = GameWire.parse(body);
        String kind = GameWire.text(op, "op");
        JsonNode answer;
        if (kind.equals("presence")) {
            answer = presences(topic(op));
        } else if (leaving && games.whereis(game(op)).isEmpty()) {
            try {
                placement.release(game(op)); // its process has ended: released, the caller claims it now
            } catch (RuntimeException e) { // the caller's claim waits for the leave's release instead
                LOG.debug("cluster: releasing {} failed: {}", game(op), e.toString());
            }
            answer = NODES.objectNode().put("leaving", true);
        } else {
            String game = game(op);
            try {
                answer = switch (kind) {
                    case "call" -> NODES.objectNode().set("reply", serve(game, GameWire.request(GameWire.field(op, "request"))));
                    case "start" -> NODES.objectNode().put("started", GameRouter.startedOf(games.startGame(game)).name());
                    case "stop" -> {
                        stopHere(game);
                        yield NODES.objectNode().put("stopped", true);
                    }
                    default -> throw new IllegalArgumentException("unknown op");
                };
            } catch (GameElsewhereException e) {
                // stopping: the game does not run here (any more) and is released; the caller claims it
                answer = leaving ? NODES.objectNode().put("leaving", true) : NODES.objectNode().put("elsewhere", e.node());
            } catch (GameUnavailableException e) {
                answer = NODES.objectNode().put("unavailable", e.why().name()).put("message", e.getMessage());
            } catch (ExitException e) {
                answer = NODES.objectNode().put("unavailable", GameUnavailableException.Why.CRASHED.name())
                        .put("message", String.valueOf(e.getMessage()));
            }
        }
        return GameWire.bytes(answer);
    }

    private void stopHere(String game) {
        if (placement.place(game) instanceof GamePlacement.Placement.Elsewhere(String owner)) {
            throw new GameElsewhereException(game, owner);
        }
        games.stopGame(game);
    }

    private <R> JsonNode serve(String game, GameRequest<R> request) {
        return GameWire.reply(request, games.call(game, request));
    }

    private JsonNode presences(String topic) {
        PhoenixServer phoenix = server;
        Map<String, Presence.Entry> local = phoenix == null ? Map.of() : phoenix.presence().local(topic);
        return NODES.objectNode().set("presences", GameWire.MAPPER.valueToTree(local));
    }

    @Override
    public void broadcast(String from, byte[] body) {
        ObjectNode b = GameWire.parse(body);
        if (b.has("left")) { // the sender left the cluster: none of its games are its own any more
            owners.values().removeIf(from::equals);
            return;
        }
        String topic = topic(b);
        String frame = GameWire.text(b, "frame");
        PhoenixServer phoenix = server;
        if (phoenix != null) {
            phoenix.deliver(topic, frame);
        }
    }

    @Override
    public void membersChanged(List<String> members, List<String> left) {
        metrics.members(members.size());
        if (!left.isEmpty()) {
            owners.values().removeAll(left);
            LOG.info("cluster: {} left the view; their games are claimed by the next node that calls them", left);
        }
    }

    // ---- BroadcastRelay ----------------------------------------------------------------------

    /**
     * Relays a game topic's broadcast (the topics of other channels, as the lobby's, are each
     * node's own: every node's lobby lists the shared seats by itself).
     */
    @Override
    public void published(String topic, String frame) {
        if (!topic.startsWith(GAME_TOPIC) || frame.length() > ClusterNode.MAX_BODY / 2) {
            return; // not a game's, or too large to relay (a game's broadcasts are far smaller)
        }
        node.broadcast(GameWire.bytes(NODES.objectNode().put("topic", topic).put("frame", frame)));
    }

    @Override
    public List<Map<String, Presence.Entry>> remotePresences(String topic) {
        List<Map<String, Presence.Entry>> out = new ArrayList<>();
        byte[] ask = GameWire.bytes(NODES.objectNode().put("op", "presence").put("topic", topic));
        for (String member : node.members()) {
            if (member.equals(node.name())) {
                continue;
            }
            try {
                out.add(presenceList(GameWire.field(GameWire.parse(node.request(member, ask, PRESENCE_TIMEOUT)), "presences")));
            } catch (RuntimeException e) {
                LOG.debug("no presences from {}: {}", member, e.toString());
            }
        }
        return out;
    }

    private static Map<String, Presence.Entry> presenceList(JsonNode node) {
        if (!node.isObject() || node.size() > MAX_PRESENCE_KEYS) {
            throw new IllegalArgumentException("presences: an object of at most " + MAX_PRESENCE_KEYS + " keys");
        }
        Map<String, Presence.Entry> out = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            List<Map<String, Object>> metas = new ArrayList<>();
            for (JsonNode meta : GameWire.field(e.getValue(), "metas")) {
                if (!meta.isObject()) {
                    throw new IllegalArgumentException("a meta is an object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = GameWire.MAPPER.convertValue(meta, LinkedHashMap.class);
                metas.add(m);
            }
            out.put(e.getKey(), new Presence.Entry(metas));
        });
        return out;
    }

    // ---- checks of what other nodes send ----------------------------------------------------

    private static String game(JsonNode op) {
        String game = GameWire.text(op, "game");
        if (game.isEmpty() || game.length() > MAX_NAME || !KeySpace.accepts(game)) {
            throw new IllegalArgumentException("not a game name");
        }
        return game;
    }

    private static String topic(JsonNode op) {
        String topic = GameWire.text(op, "topic");
        if (topic.isEmpty() || topic.length() > MAX_NAME + 16) {
            throw new IllegalArgumentException("not a topic");
        }
        return topic;
    }
}
