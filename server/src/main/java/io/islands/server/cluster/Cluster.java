package io.islands.server.cluster;

import io.islands.engine.process.Games;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Name;
import io.islands.runtime.Proc;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.Shutdown;
import io.islands.runtime.supervisor.Supervisor;
import io.islands.runtime.supervisor.SupervisorFlags;
import io.islands.server.phoenix.BroadcastRelay;
import io.islands.server.phoenix.PhoenixServer;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.PostgresTarget;
import io.islands.storage.StateCodec;
import io.islands.storage.cluster.ClusterOptions;
import io.islands.storage.cluster.ClusterStore;
import io.islands.storage.cluster.LeaseEvent;
import io.islands.storage.cluster.Member;
import io.islands.storage.cluster.NodeLease;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's membership of a cluster ({@code islands serve --cluster}, docs/cluster.md): the
 * PostgreSQL half ({@link ClusterStore}: the node's lease, game ownership, the fenced game store)
 * and the JGroups half ({@link ClusterNode}: views, node-to-node calls, broadcasts), with what the
 * server plugs in: the game store, the games' placement, the router of game calls, the broadcast
 * relay, the meters, and a supervised subtree.
 *
 * <p>Life cycle: {@link #join} opens the cluster store and joins under a new epoch before the
 * server's tree starts (the fenced game store needs the lease); {@link #childSpec} is put into
 * the tree before the games, so that it stops after them: its {@code membership} process leaves
 * the cluster (releases every game this node owns) and closes the store when the tree stops; its
 * {@code node} process owns the JGroups channel. {@link #handOffSpec} is put last into the tree,
 * so that it stops first: a planned stop (SIGTERM, whose JVM hook stops the tree; or the server's
 * close) hands the games off before anything else stops, the endpoint included.
 */
public final class Cluster {
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    /** The JGroups group's name. */
    static final String GROUP = "islands";

    /**
     * What {@code serve --cluster} asks for.
     *
     * @param node this node's name (null: the bind address, {@code host:port})
     * @param bindHost the JGroups listener's address (default 127.0.0.1)
     * @param bindPort its port (0: a free one)
     */
    public record Settings(String node, String bindHost, int bindPort) {
        public Settings {
            Objects.requireNonNull(bindHost, "bindHost");
            if (bindPort < 0 || bindPort > 65535) {
                throw new IllegalArgumentException("the cluster bind port needs 0..65535, not " + bindPort);
            }
            if (node != null && (node.isBlank() || node.length() > 200 || !node.matches("[A-Za-z0-9_.:-]+"))) {
                throw new IllegalArgumentException("a node name has 1..200 letters, digits, _ . : -, not '" + node + "'");
            }
        }

        /** A node on 127.0.0.1 and a free port, named by it. */
        public static Settings loopback() {
            return new Settings(null, "127.0.0.1", 0);
        }
    }

    private final ClusterStore store;
    private final NodeLease lease;
    private final ClusterNode node;
    private final ClusterMetrics metrics;
    private final ClusterPlacement placement;
    private final Mesh mesh;
    private final Name membershipName;
    private final Name handOffName;
    /** Whether this node has left the cluster (set once, by {@link #leave}). */
    private final java.util.concurrent.atomic.AtomicBoolean left = new java.util.concurrent.atomic.AtomicBoolean();

    private Cluster(ClusterStore store, NodeLease lease, ClusterNode node, ClusterMetrics metrics, ClusterPlacement placement,
            Mesh mesh, String prefix) {
        this.store = store;
        this.lease = lease;
        this.node = node;
        this.metrics = metrics;
        this.placement = placement;
        this.mesh = mesh;
        this.membershipName = Name.local(prefix + "cluster.membership");
        this.handOffName = Name.local(prefix + "cluster.hand_off");
    }

    /**
     * Opens the cluster tables of {@code storeUrl} and joins as this node under a new epoch.
     *
     * @param prefix the server's name prefix ({@code islands.<n>.}): the processes are {@code <prefix>cluster.*}
     * @param callTimeout the games' call timeout (a forwarded call waits a second more)
     * @throws IllegalArgumentException if {@code storeUrl} is not a PostgreSQL store
     * @throws RuntimeException if the database cannot be reached
     */
    public static Cluster join(String storeUrl, Settings settings, String prefix, Duration callTimeout) {
        PostgresTarget db = PostgresTarget.of(storeUrl).orElseThrow(() -> new IllegalArgumentException(
                "--cluster needs a PostgreSQL store (--store postgresql://...), not " + storeKind(storeUrl)));
        int port;
        try {
            port = ClusterNode.freePort(settings.bindHost(), settings.bindPort());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot bind the cluster address " + settings.bindHost() + ": " + e.getMessage(), e);
        }
        String name = settings.node() != null ? settings.node() : settings.bindHost() + ":" + port;
        ClusterStore store = ClusterStore.open(storeUrl, ClusterOptions.defaults());
        ClusterMetrics metrics = new ClusterMetrics(store::counters);
        Mesh[] meshOf = new Mesh[1]; // the lease's listener hands the games off through the mesh made below
        NodeLease lease;
        try {
            lease = store.join(name, settings.bindHost() + ":" + port, event -> leaseChanged(event, metrics, meshOf[0]));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        ClusterNode node = new ClusterNode(new ClusterNode.StackSettings(GROUP, name, settings.bindHost(), port, db.jdbcUrl(),
                db.user(), db.password()), Name.local(prefix + "cluster.node"));
        ClusterPlacement placement = new ClusterPlacement(store, lease);
        Mesh mesh = new Mesh(node, store, placement, metrics, callTimeout);
        meshOf[0] = mesh;
        node.inbound(mesh);
        LOG.info("cluster: joined as {} (epoch {}), JGroups on {}:{}", name, lease.epoch(), settings.bindHost(), port);
        return new Cluster(store, lease, node, metrics, placement, mesh, prefix);
    }

    private static String storeKind(String url) {
        int colon = url == null ? -1 : url.indexOf(':');
        return colon < 0 ? "'" + url + "'" : url.substring(0, colon + 1);
    }

    private static void leaseChanged(LeaseEvent event, ClusterMetrics metrics, Mesh mesh) {
        switch (event) {
            case LeaseEvent.Lost lost -> {
                metrics.leaseLost();
                LOG.warn("cluster: lease of epoch {} lost ({}: {}); this node's games stop here (their saves are refused)"
                        + " and are claimed again by the next call", lost.epoch(), lost.why(), lost.detail());
                if (mesh != null) {
                    mesh.lostLease();
                }
            }
            case LeaseEvent.Rejoined r -> {
                LOG.info("cluster: rejoined under epoch {} (was {})", r.epoch(), r.previousEpoch());
                if (mesh != null) { // the others dropped it from their view meanwhile: join their group again now
                    mesh.rejoinGroup("its lease of epoch " + r.previousEpoch() + " was lost; it rejoined under epoch " + r.epoch());
                }
            }
        }
    }

    /** @return this node's name */
    public String name() {
        return node.name();
    }

    /** @return the fenced store of this node's games (same database as the state store) */
    public <S> CloseableStateStore<S> gameStore(StateCodec<S> codec, int historyDepth) {
        return store.gameStore(codec, historyDepth);
    }

    /** @return {@code config} with games placed by this cluster (claimed here, or forwarded to their owner) */
    public Games.Config placed(Games.Config config) {
        return config.withPlacement(placement);
    }

    /** @return the router of game calls over {@code games} (this node's, built from {@link #placed}) */
    public GameRouter router(Games games) {
        mesh.games(games);
        return new GameRouter(games, mesh);
    }

    /** @return the relay of broadcasts and presences to the other nodes */
    public BroadcastRelay relay() {
        return mesh;
    }

    /** Lets broadcasts and presence requests from other nodes reach {@code server}'s subscribers. */
    public void attach(PhoenixServer server) {
        mesh.server(server);
    }

    /** @return the cluster's meters */
    public MeterBinder meters() {
        return metrics;
    }

    /**
     * @return {@code GET /api/nodes}: this node, its view, and every member the database knows
     *     (name, epoch, live, games owned, lease age in ms, in the view or not)
     */
    public Map<String, Object> nodes() {
        List<String> view = node.members();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("self", node.name());
        out.put("epoch", lease.epoch());
        out.put("view", view);
        out.put("nodes", store.members().stream().map(m -> member(m, view)).toList());
        return out;
    }

    private static Map<String, Object> member(Member m, List<String> view) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", m.node());
        out.put("epoch", m.epoch());
        out.put("address", m.address());
        out.put("live", m.live());
        out.put("in_view", view.contains(m.node()));
        out.put("games_owned", m.gamesOwned());
        out.put("lease_age_ms", m.leaseAge().toMillis());
        out.put("started_at", m.startedAt() == null ? null : m.startedAt().toString());
        return out;
    }

    /** Chaos hook: cuts this node off the others' JGroups messages, or connects it again ({@link ClusterNode#cutOff}). */
    public boolean cutOff(boolean on) {
        return node.cutOff(on);
    }

    /** @return the node that owns {@code game} now, if a live one does */
    public Optional<String> ownerOf(String game) {
        return mesh.ownerNode(game);
    }

    /**
     * @return the spec of the cluster's subtree (a one_for_one supervisor): {@code node}, the
     *     JGroups channel's owner, then {@code membership}, which leaves the cluster (releasing this
     *     node's games) and closes its store when the tree stops
     */
    public ChildSpec childSpec(Object id) {
        // node first: on a stop the membership leaves (releasing the games) before the channel closes
        return Supervisor.childSpec(id, SupervisorFlags.oneForOne(), List.of(
                node.childSpec("node"),
                ChildSpec.worker("membership", () -> GenServer.startLink(new Membership(),
                        GenServer.StartOptions.named(membershipName))).withShutdown(Shutdown.timeout(Duration.ofSeconds(10)))));
    }

    /**
     * @return the spec of the hand-off process, {@code cluster.hand_off} (a worker that does nothing
     *     until the tree stops): put it last into the tree, so that it stops first. On an orderly
     *     stop its terminate hands this node's games off ({@link #handOff}) while the endpoint and
     *     everything else still run; a crash or a kill of it hands nothing off
     */
    public ChildSpec handOffSpec(Object id, Games games) {
        return ChildSpec.worker(id, () -> GenServer.startLink(new HandOff(games), GenServer.StartOptions.named(handOffName)))
                .withShutdown(Shutdown.timeout(HAND_OFF_LIMIT));
    }

    /**
     * How long a stopping node takes to close its players' sockets after the hand-off, one after
     * another ({@link io.islands.server.phoenix.PhoenixServer.Builder#closeSpread}): until its turn
     * a socket's moves are forwarded to its game's new node, and the players reconnect to the
     * other nodes a few at a time once those have taken the games over (docs/cluster.md, SIGTERM).
     */
    public static final Duration SOCKET_CLOSE_SPREAD = Duration.ofSeconds(2);

    /** How long the hand-off may take before its process is killed (the leave then releases what is left). */
    static final Duration HAND_OFF_LIMIT = Duration.ofSeconds(30);

    /**
     * Starts a planned stop: from now on this node claims no game; the games running here go on
     * serving their calls until {@link #handOff} stops them, and a call of any other game, from a
     * player here or forwarded by another node, goes to a node that claims it at once
     * (docs/cluster.md, "What each failure does").
     */
    private void beginLeaving() {
        mesh.leaving();
    }

    /**
     * The hand-off of a planned stop, before the tree stops: stops the games running here,
     * {@link Games#HAND_OFF_PARALLELISM} at once (each after the move it is handling, saved), and
     * releases each in PostgreSQL as soon as its process has ended (its fence raised: this node
     * never saves it again), so another node claims it on its very next call while the rest are
     * still stopping; then leaves the cluster (releasing whatever is left, as a game that did not
     * stop in time) and tells the other nodes. Before, the games were stopped one after another
     * and released only by the leave at the end (docs/benchmarks.md, Cluster: SIGTERM p99
     * 3.5 s). Runs after {@link #beginLeaving} and after {@code games} refuses new starts; the
     * {@code membership} process's own leave is then a no-op.
     *
     * @return the games handed off
     * @throws io.islands.runtime.ExitException as {@link Games#handOffAll(java.util.function.Consumer)}
     *     (a game that did not stop in time); the node has left all the same
     */
    private List<String> handOff(Games games) {
        long start = System.nanoTime();
        try {
            List<String> stopped = games.handOffAll(this::release);
            LOG.info("cluster: {} handed {} games off in {} ms", node.name(), stopped.size(),
                    (System.nanoTime() - start) / 1_000_000);
            return stopped;
        } finally {
            leave();
            mesh.left();
        }
    }

    /**
     * Releases one game this node owns whose process here has ended (a hand-off's, or the
     * warm-up's game once stopped): its owner cleared, its fence raised. A failure is logged (the
     * leave releases it).
     */
    public void release(String game) {
        try {
            store.release(lease, game);
        } catch (RuntimeException e) {
            LOG.debug("cluster: releasing {} failed ({}); the leave releases it", game, e.toString());
        }
    }

    /**
     * Leaves the cluster once (releasing every game this node owns): by the hand-off of a planned
     * stop, else by {@code membership}'s orderly stop. A failed leave is logged: the lease then
     * ends by itself.
     */
    private void leave() {
        if (left.getAndSet(true)) {
            return;
        }
        try {
            store.leave(lease);
            LOG.info("cluster: {} left, its games released", node.name());
        } catch (RuntimeException e) {
            LOG.warn("cluster: leaving failed ({}); the lease ends by itself", e.toString());
        }
    }

    /** Leaves and closes the cluster store if the tree never started (a failed start). Idempotent. */
    public void close() {
        store.close();
    }

    /**
     * The process whose orderly stop hands the games off (see {@link #handOffSpec}). State: the
     * games.
     */
    private final class HandOff implements GenServer<Games> {
        private final Games games;

        HandOff(Games games) {
            this.games = games;
        }

        @Override
        public InitResult<Games> init() {
            Proc.trapExit(true);
            return InitResult.ok(games);
        }

        @Override
        public void terminate(ExitReason reason, Games held) {
            if (reason.isNormalExit()) {
                LOG.info("cluster: {} stops: its games are handed off", node.name());
                beginLeaving();
                held.close(); // from now on a game start fails at once instead of waiting for a restart
                try {
                    handOff(held);
                } catch (RuntimeException e) {
                    LOG.warn("cluster: the hand-off failed ({}); the leave released the games left", e.toString());
                }
            }
        }
    }

    /**
     * The process that holds the node's membership: on an orderly stop it leaves the cluster
     * (every game this node owns is released, so the next call of each claims it on a live node)
     * and closes the store; a crash or a kill keeps the membership (the next one takes it over).
     */
    private final class Membership implements GenServer<ClusterStore> {
        @Override
        public InitResult<ClusterStore> init() {
            Proc.trapExit(true);
            return InitResult.ok(store);
        }

        @Override
        public void terminate(ExitReason reason, ClusterStore s) {
            if (reason.isNormalExit()) {
                leave();
                s.close();
            }
        }
    }
}
