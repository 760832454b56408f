package io.islands.server.phoenix;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Name;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.DynamicSupervisor;
import io.islands.runtime.supervisor.Shutdown;
import io.islands.runtime.supervisor.Supervisor;
import io.islands.runtime.supervisor.SupervisorFlags;
import io.islands.server.logging.LogLimiter;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import io.javalin.http.staticfiles.Location;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Phoenix Channels server: Javalin 7 on virtual threads, the WebSocket endpoint
 * {@code /socket/websocket} (vsn 2.0.0, V2 JSON frames), static files from the class path at
 * {@code /}, one process per socket and per joined channel, pub/sub and presence.
 *
 * <pre>{@code
 * PhoenixServer server = PhoenixServer.builder()
 *         .host("0.0.0.0").port(4000)
 *         .channel("game:*", () -> new GameChannel(engine))
 *         .start();
 * ...
 * server.stop();
 * }</pre>
 * See docs/protocol-server.md for the wire behaviour and limits.
 *
 * <h2>Supervision</h2>
 * Like Phoenix's endpoint, the server is a supervisor with four children, each registered by
 * name: {@code presence} (the presence tracker), {@code channels} and {@code sockets} (dynamic
 * supervisors of the channel and socket processes: temporary children, never restarted, as a
 * dead socket is its client's to reconnect), and {@code http} (the process that owns the Javalin
 * listener: its init binds the port, its terminate stops every socket and then Javalin). Each
 * socket process is a child of {@code sockets}, started from Jetty's connect event; each channel
 * a child of {@code channels}, started by its socket and linked to it, so that either one's
 * exit ends the other as when the socket started it linked (both trap exits).
 * {@link Builder#build()} makes the server without starting anything: put {@link #childSpec}
 * into a supervision tree (the Islands server does). {@link Builder#start()} starts that supervisor
 * on its own, unlinked, and {@link #stop()} stops it. A killed listener is restarted on the same
 * port (the first one bound, when asked for port 0); its restart first stops the listener the
 * killed process left behind. A killed presence tracker is restarted empty.
 *
 * <p>Design note: the parts every socket and channel share ({@link Endpoint}, the route, pub/sub)
 * are built once, final, and outlive restarts; the listener is an {@link AtomicReference} written
 * only by the {@code http} process, the bound port a volatile written once.
 */
public final class PhoenixServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PhoenixServer.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_CHANNELS_PER_SOCKET = 20;
    public static final int DEFAULT_FRAMES_PER_SECOND = 100;
    public static final int DEFAULT_MAX_SOCKETS_PER_ADDRESS = 50;
    public static final int DEFAULT_MAILBOX_MESSAGES = 1_000;
    public static final long DEFAULT_MAILBOX_CHARS = 8L << 20;
    /** The limits counted by {@link #limitHits}: the {@code limit} label of {@code islands_limits_hit_total}. */
    public static final List<String> LIMITS = ChannelCounters.LIMITS;
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Socket and channel processes idle this long hibernate (Phoenix's {@code hibernate_after}
     * default): each then keeps a parked stack sized for its wait, not for the deepest call it
     * made (docs/benchmarks.md, "Heap per player").
     */
    static final Duration HIBERNATE_AFTER = Duration.ofSeconds(15);
    /** Jetty's per-connection input buffer: a move's frame is ~100 bytes, a join's a few hundred. */
    static final int INPUT_BUFFER_BYTES = 1024;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Warnings about clients' bad input: at most this many per {@link #WARNINGS_INTERVAL}, the rest counted. */
    static final int WARNINGS_PER_INTERVAL = 20;
    static final Duration WARNINGS_INTERVAL = Duration.ofSeconds(10);

    private final Builder settings;
    private final String staticDir;
    private final Endpoint endpoint;
    private final WebSocketRoute route;
    private final Name presenceName;
    private final Name socketsName;
    private final Name channelsName;
    private final Name httpName;
    /** The running listener; written only by the {@code http} process. */
    private final AtomicReference<Javalin> app = new AtomicReference<>();
    /** The port bound first (0 until then): a restarted listener binds it again. */
    private volatile int boundPort;
    /** The supervisor {@link Builder#start()} started, or null inside a caller's tree. */
    private volatile Pid root;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private PhoenixServer(Builder b) {
        this.settings = b;
        String prefix = "phoenix." + INSTANCES.incrementAndGet() + ".";
        presenceName = Name.local(prefix + "presence");
        httpName = Name.local(prefix + "http");
        socketsName = Name.local(prefix + "sockets");
        channelsName = Name.local(prefix + "channels");
        ChannelCounters counters = new ChannelCounters();
        Mailboxes mailboxes = new Mailboxes(b.mailboxMessages, b.mailboxChars, counters);
        PubSub pubSub = new PubSub(mailboxes, b.relay);
        endpoint = new Endpoint(new ChannelRoutes(b.routes), pubSub, new Presence(presenceName, b.relay),
                b.idleTimeout, b.maxFrameBytes, JOIN_TIMEOUT, counters,
                new LogLimiter(WARNINGS_PER_INTERVAL, WARNINGS_INTERVAL), mailboxes, b.maxChannelsPerSocket,
                b.framesPerSecond, socketsName, channelsName);
        route = new WebSocketRoute(endpoint, b.connector, b.maxSocketsPerAddress, new OriginPolicy(b.allowedOrigins));
        staticDir = b.staticDir != null && PhoenixServer.class.getResource(b.staticDir) != null ? b.staticDir : null;
        if (b.staticDir != null && staticDir == null) {
            LOG.warn("no {} on the class path: serving no static files", b.staticDir);
        }
    }

    /**
     * @param id the child's id in its parent
     * @return the spec of this server's supervisor (one_for_one: {@code presence}, {@code channels},
     *     {@code sockets}, then {@code http}; stopped in the reverse order)
     */
    public ChildSpec childSpec(Object id) {
        return Supervisor.childSpec(id, SupervisorFlags.oneForOne(), children());
    }

    private List<ChildSpec> children() {
        PubSub pubSub = endpoint.pubSub();
        return List.of(
                ChildSpec.worker("presence", () -> GenServer.startLink(new PresenceTracker(pubSub),
                        GenServer.StartOptions.named(presenceName))),
                DynamicSupervisor.childSpec("channels", DynamicSupervisor.Options.defaults().withName(channelsName)),
                DynamicSupervisor.childSpec("sockets", DynamicSupervisor.Options.defaults().withName(socketsName)),
                ChildSpec.worker("http", () -> GenServer.startLink(new Listener(), GenServer.StartOptions.named(httpName)))
                        .withShutdown(Shutdown.timeout(STOP_TIMEOUT.plusSeconds(5))));
    }

    /** Starts this server's supervisor alone (not linked to the caller). */
    private PhoenixServer startAlone() {
        StartResult started = Supervisor.start(SupervisorFlags.oneForOne(), children());
        if (started instanceof StartResult.Ok ok) {
            root = ok.pid();
            return this;
        }
        throw startFailure(started);
    }

    /**
     * @return the exception that stopped a start: the listener's own (a port in use, say) when
     *     a start function threw it, else one that names the start's result
     */
    public static RuntimeException startFailure(Object result) {
        Object reason = result instanceof StartResult.Error e ? e.reason() : result;
        for (int depth = 0; depth < 8; depth++) {
            if (reason instanceof io.islands.runtime.ExitException e) {
                reason = e.reason();
            } else if (reason instanceof ExitReason.Shutdown(io.islands.runtime.supervisor.FailedToStartChild f)) {
                reason = f.reason();
            } else if (reason instanceof ExitReason.Crash(RuntimeException error)) {
                return error;
            } else {
                break;
            }
        }
        return new IllegalStateException("the server did not start: " + result);
    }

    /**
     * The {@code http} process: binds the listener in init, stops sockets and listener in
     * terminate (it traps exits, so its supervisor's shutdown runs it). State: the listener.
     */
    private final class Listener implements GenServer<Javalin> {
        @Override
        public InitResult<Javalin> init() {
            Proc.trapExit(true);
            Javalin orphan = app.getAndSet(null);
            if (orphan != null) { // left by a killed predecessor, whose terminate did not run
                LOG.warn("the listener process was killed: stopping its listener before binding again");
                stopListening(orphan, Duration.ZERO);
            }
            route.refuseUpgrades(false);
            Javalin started = newApp();
            int port = boundPort != 0 ? boundPort : settings.port;
            try {
                started.start(settings.host, port);
            } catch (RuntimeException e) {
                started.stop(); // releases what the failed start made; the exception ends the init
                throw e;
            }
            boundPort = started.port();
            app.set(started);
            LOG.info("Phoenix channels on ws://{}:{}{}", settings.host, started.port(), WebSocketRoute.PATH);
            return InitResult.ok(started);
        }

        @Override
        public void terminate(ExitReason reason, Javalin listener) {
            app.compareAndSet(listener, null);
            // the tree's stop spreads the sockets' closes (Builder#closeSpread); a crash closes them at once
            stopListening(listener, reason.isNormalExit() ? settings.closeSpread : Duration.ZERO);
        }
    }

    /**
     * Stops every socket (each stops its channels, then closes 1001), then the listener. With a
     * {@code spread}, upgrades are refused from now on (the route's; a new listener's init
     * accepts them again) and the sockets are stopped one after another in a random order, the
     * k-th of n at k × spread / n; a socket not yet stopped serves its player as before. An
     * interrupt stops the sockets left at once.
     */
    private void stopListening(Javalin listener, Duration spread) {
        List<Pid> sockets = new ArrayList<>(route.sockets());
        long step = 0;
        if (spread.isPositive() && !sockets.isEmpty()) {
            route.refuseUpgrades(true);
            Collections.shuffle(sockets);
            step = spread.toNanos() / sockets.size();
            LOG.info("closing {} sockets over {} ms", sockets.size(), spread.toMillis());
        }
        try (var stoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int k = 0; k < sockets.size(); k++) {
                Pid socket = sockets.get(k);
                long delay = step * (k + 1);
                stoppers.submit(() -> {
                    if (delay > 0) {
                        try {
                            Thread.sleep(Duration.ofNanos(delay));
                        } catch (InterruptedException e) {
                            // the stop is cut short: this socket stops now
                        }
                    }
                    ProcessStop.stop(socket, SocketProcess.SERVER_STOP, STOP_TIMEOUT);
                });
            }
        }
        int port = listener.port();
        listener.stop();
        LOG.info("Phoenix channels on port {} stopped", port);
    }

    private Javalin newApp() {
        Builder b = settings;
        return Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, true)); // one mapper for HTTP bodies and frames
            // WebSocket routes added through http(...) get the socket route's settings (WebSocketRoute.customize)
            cfg.jetty.modifyWebSocketServletFactory(this::webSocketSettings);
            // the socket route is a servlet of its own on Jetty's WebSocket core, not a Javalin ws
            // route (WebSocketRoute's note says why)
            cfg.jetty.modifyServletContextHandler(h -> {
                h.addServlet(new ServletHolder(new SocketServlet(route)), WebSocketRoute.PATH);
                b.echoes.forEach((path, answer) -> h.addServlet(new ServletHolder(new SocketServlet(
                        new EchoRoute(answer, b.maxFrameBytes, b.idleTimeout))), path));
            });
            if (staticDir != null) {
                cfg.staticFiles.add(sf -> {
                    sf.hostedPath = "/";
                    sf.directory = staticDir;
                    sf.location = Location.CLASSPATH;
                });
            }
            b.http.forEach(extra -> extra.accept(cfg));
        });
    }

    /** The limits of {@link WebSocketRoute#customize}, for the Javalin WebSocket routes of {@link Builder#http}. */
    private void webSocketSettings(JettyWebSocketServletFactory f) {
        f.setMaxTextMessageSize(settings.maxFrameBytes);
        f.setMaxFrameSize(settings.maxFrameBytes);
        f.setIdleTimeout(settings.idleTimeout.plusSeconds(30));
        f.setInputBufferSize(INPUT_BUFFER_BYTES);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the port listened on (the one chosen by the system when built with port 0); 0 before it is bound */
    public int port() {
        return boundPort;
    }

    /**
     * Opens a socket inside the JVM for a client process ({@link LocalSocket}): the connector is
     * asked as for a WebSocket (with {@code params} as its query parameters), then a socket process
     * like a connection's is started. Not counted per address or in {@link #openSockets()}: the
     * caller bounds how many it opens.
     *
     * @param owner the process the server's frames are sent to
     * @param label names the socket in logs and the observer (not client text)
     * @return the socket, or empty if the connector refused it
     */
    public Optional<LocalSocket> connectLocal(Pid owner, Map<String, String> params, String label) {
        return settings.connector.connect(Map.copyOf(params))
                .map(assigns -> LocalSocket.open(endpoint, owner, label, assigns));
    }

    /**
     * Opens a WebSocket of this server to its own port on loopback ({@link LoopbackSocket}), for a
     * warm-up that plays through the endpoint as a player would. Call once the server is bound.
     *
     * @throws java.io.IOException if it is not open within {@link LoopbackSocket#STEP}
     */
    public LoopbackSocket loopback(java.net.http.HttpClient http) throws java.io.IOException, InterruptedException {
        return LoopbackSocket.open(http, settings.host, boundPort);
    }

    /**
     * Connects to this server's own port {@code connections} times on loopback, each connection
     * joining {@code topic} with {@code joinParams} and leaving it as a player's socket would, one
     * after another (see {@link WarmUp}); the join may be refused (a join that reads nothing keeps
     * the warm-up cheap: its channel's code runs all the same). So that the first players a server
     * that just started serves (a cluster node's, after another node's stop) do not wait for the
     * JVM to load and first run the code of their connection. Call once the server is bound and before it is reported ready. Logs
     * what it did; a step that fails or gives no answer within 5 s ends it, logged as a warning,
     * and the server serves all the same.
     *
     * @return the connections that completed
     */
    public int warmUp(String topic, Map<String, Object> joinParams, int connections) {
        WarmUp.WarmedUp done = WarmUp.run(settings.host, boundPort, topic, joinParams, connections);
        if (done.failure() != null) {
            LOG.warn("warm-up stopped after {} of {} connections ({}); the server serves all the same",
                    done.connections(), connections, done.failure());
        } else {
            LOG.info("warm-up: {} connections to itself, the first in {} ms, the last in {} ms",
                    done.connections(), done.firstMillis(), done.lastMillis());
        }
        return done.connections();
    }

    /** @return WebSocket connections open now (each has its socket process) */
    public int openSockets() {
        return route.openSockets();
    }

    /** @return channels that exited abnormally (clients got phx_error) since the start */
    public long channelErrors() {
        return endpoint.counters().channelErrors();
    }

    /** @return inbound frames dropped as unreadable or refused as too large since the start */
    public long framesRefused() {
        return endpoint.counters().framesRefused();
    }

    /**
     * @param limit one of {@link #LIMITS}
     * @return how many times that limit refused something since the start
     */
    public long limitHits(String limit) {
        return endpoint.counters().limitHits(limit);
    }

    /** @return the presence tracker (also reachable from channels as {@link ChannelContext#presence()}) */
    public Presence presence() {
        return endpoint.presence();
    }

    /**
     * Sends {@code [null, null, topic, event, payload]} to every channel joined to {@code topic}:
     * Phoenix's {@code Endpoint.broadcast}. Any thread.
     */
    public void broadcast(String topic, String event, Object payload) {
        endpoint.pubSub().broadcast(topic, event, payload, null);
    }

    /**
     * Delivers a broadcast frame that another server of the cluster published ({@link
     * BroadcastRelay#published}) to this server's subscribers of {@code topic}; it is not relayed
     * again. Any thread.
     */
    public void deliver(String topic, String frame) {
        endpoint.pubSub().deliver(topic, frame, null);
    }

    /**
     * Closes every channel joined to {@code topic}: each stops with {@code {shutdown, topic_closed}}
     * (its handler's terminate runs) and its client gets {@code phx_close}, as after a leave. Any
     * thread; returns at once.
     */
    public void closeTopic(String topic) {
        endpoint.pubSub().tellChannels(topic, ChannelProcess.CloseTopic.INSTANCE);
    }

    /**
     * Stops a server started by {@link Builder#start()}: every socket stops its channels (their
     * handlers' terminate runs) and closes its connection with 1001 "server shutting down"; then
     * Javalin and the presence tracker stop. Idempotent; waits up to about 10 s for slow sockets.
     * A server built into a caller's tree is stopped by that tree: this does nothing then.
     */
    public void stop() {
        Pid sup = root;
        if (sup == null || !stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            Supervisor.stop(sup, ExitReason.shutdown(), null);
        } catch (io.islands.runtime.ExitException alreadyDown) {
            // noproc: it gave up on its own
        }
    }

    @Override
    public void close() {
        stop();
    }

    int subscriptions() {
        return endpoint.pubSub().count();
    }

    /** @return the names of the {@code sockets} and {@code channels} supervisors (for tests) */
    List<Name> connectionSupervisors() {
        return List.of(socketsName, channelsName);
    }

    /** @return the socket processes of the open connections now (for tests) */
    List<Pid> socketProcesses() {
        return route.sockets();
    }

    /** Settings of a server; {@link #start()} builds and starts it. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 4000;
        private final List<ChannelRoutes.Route> routes = new ArrayList<>();
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private SocketConnector connector = SocketConnector.ACCEPT_ALL;
        private int maxChannelsPerSocket = DEFAULT_MAX_CHANNELS_PER_SOCKET;
        private int framesPerSecond = DEFAULT_FRAMES_PER_SECOND;
        private int maxSocketsPerAddress = DEFAULT_MAX_SOCKETS_PER_ADDRESS;
        private int mailboxMessages = DEFAULT_MAILBOX_MESSAGES;
        private long mailboxChars = DEFAULT_MAILBOX_CHARS;
        private List<String> allowedOrigins = List.of();
        private String staticDir = "/public";
        private BroadcastRelay relay = BroadcastRelay.NONE;
        private Duration closeSpread = Duration.ZERO;
        private final List<Consumer<JavalinConfig>> http = new ArrayList<>();
        private final Map<String, String> echoes = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds a bare echo at {@code path}: the socket's own transport (the same Jetty WebSocket
         * core route and session limits) without any process, answering every text message with
         * {@code answer}. The transport's floor for benchmarks ({@code ./islands bench web}); not
         * for players.
         *
         * @throws IllegalArgumentException if the path does not start with {@code /} or is the socket's
         */
        public Builder echo(String path, String answer) {
            if (!path.startsWith("/") || path.equals(WebSocketRoute.PATH)) {
                throw new IllegalArgumentException("an echo path starts with / and is not " + WebSocketRoute.PATH + ": " + path);
            }
            echoes.put(path, Objects.requireNonNull(answer));
            return this;
        }

        /**
         * Adds HTTP routes or settings beside the socket and the static files, for example
         * {@code b.http(cfg -> cfg.routes.get("/health", ctx -> ...))}. Applied in the order
         * added, after the socket route.
         */
        public Builder http(Consumer<JavalinConfig> extra) {
            http.add(Objects.requireNonNull(extra));
            return this;
        }

        /** Default 127.0.0.1; "0.0.0.0" for every interface. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Default 4000 (Phoenix's); 0 for any free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Routes topics matching {@code pattern} (a topic, or a prefix ending with {@code *}, as
         * {@code "game:*"}) to handlers made by {@code factory}, one per joined channel. The
         * first matching route wins.
         */
        public Builder channel(String pattern, Supplier<? extends ChannelHandler> factory) {
            routes.add(new ChannelRoutes.Route(pattern, factory));
            return this;
        }

        /** Sockets with no inbound frame for this long are closed (1001). Default 60 s. */
        public Builder idleTimeout(Duration idleTimeout) {
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idle timeout must be positive: " + idleTimeout);
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** Inbound frames above this many UTF-8 bytes are refused. Default 64 KiB. */
        public Builder maxFrameBytes(int maxFrameBytes) {
            if (maxFrameBytes < 256) {
                throw new IllegalArgumentException("max frame size below 256 bytes: " + maxFrameBytes);
            }
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        /** A join beyond this many channels joined on one socket is refused {@code too_many_channels}. Default 20. */
        public Builder maxChannelsPerSocket(int max) {
            this.maxChannelsPerSocket = atLeastOne("maxChannelsPerSocket", max);
            return this;
        }

        /**
         * Inbound frames one socket may send per second, twice that in a burst; a socket past it is
         * closed 1008 "too many frames". Default 100.
         */
        public Builder framesPerSecond(int rate) {
            this.framesPerSecond = atLeastOne("framesPerSecond", rate);
            return this;
        }

        /** Connections open at once from one remote address; one more is closed 1013. Default 50. */
        public Builder maxSocketsPerAddress(int max) {
            this.maxSocketsPerAddress = atLeastOne("maxSocketsPerAddress", max);
            return this;
        }

        /**
         * The bound of each socket process's mailbox: frames waiting and their characters. Over it
         * the connection is closed, 1008 (client sends too fast) or 1013 (client reads too slowly).
         * Default 1,000 frames, 8 Mi characters.
         */
        public Builder mailbox(int messages, long chars) {
            this.mailboxMessages = atLeastOne("mailbox messages", messages);
            if (chars < 1) {
                throw new IllegalArgumentException("mailbox characters needs at least 1: " + chars);
            }
            this.mailboxChars = chars;
            return this;
        }

        /**
         * The pages allowed to open a WebSocket, by {@code Origin}: full origins
         * ({@code https://islands.example}), bare hosts, or {@code *}. Empty (the default): the
         * server's own host (the request's {@code Host}) and loopback. A request without
         * {@code Origin} is always allowed. Others get 403 on the upgrade.
         */
        public Builder allowedOrigins(List<String> origins) {
            this.allowedOrigins = List.copyOf(origins);
            return this;
        }

        private static int atLeastOne(String what, int n) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " needs at least 1: " + n);
            }
            return n;
        }

        /** Decides on each connection and gives its assigns. Default: accept all, no assigns. */
        public Builder connector(SocketConnector connector) {
            this.connector = Objects.requireNonNull(connector);
            return this;
        }

        /**
         * The class-path folder served at {@code /} (default {@code /public}); null serves none.
         * A folder that is not on the class path is skipped with a warning.
         */
        public Builder staticFiles(String classpathDir) {
            this.staticDir = classpathDir;
            return this;
        }

        /** Sends this server's broadcasts to, and lists presences of, the other servers of a cluster. Default none. */
        public Builder relay(BroadcastRelay relay) {
            this.relay = Objects.requireNonNull(relay);
            return this;
        }

        /**
         * How an orderly stop closes the sockets (default 0: all at once): over this long, one
         * after another at even intervals in a random order, the last at {@code spread}. Until its
         * turn a socket serves its player as before, and new WebSocket upgrades are refused with
         * 503 from the stop's start. A cluster node's players then reconnect to the other nodes a
         * few at a time, after those have taken its games over, instead of all at once while they
         * do (docs/cluster.md, SIGTERM). The stop takes that much longer.
         *
         * @throws IllegalArgumentException if negative or over {@link #MAX_CLOSE_SPREAD}
         */
        public Builder closeSpread(Duration spread) {
            if (spread.isNegative() || spread.compareTo(MAX_CLOSE_SPREAD) > 0) {
                throw new IllegalArgumentException("closeSpread must be in 0.." + MAX_CLOSE_SPREAD.toSeconds() + " s: " + spread);
            }
            this.closeSpread = spread;
            return this;
        }

        /** The longest {@link #closeSpread}: it must end well within the {@code http} process's shutdown time. */
        public static final Duration MAX_CLOSE_SPREAD = Duration.ofSeconds(5);

        /** @return the server, not started: put its {@link PhoenixServer#childSpec} into a supervision tree */
        public PhoenixServer build() {
            return new PhoenixServer(this);
        }

        /**
         * @return the started server, under a supervisor of its own; {@link PhoenixServer#stop()} stops it
         * @throws RuntimeException the listener's own exception when it cannot bind (see {@link #startFailure})
         */
        public PhoenixServer start() {
            return new PhoenixServer(this).startAlone();
        }
    }
}
