package io.islands.server.observer;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.engine.process.GameInfo;
import io.islands.engine.process.GameUnavailableException;
import io.islands.engine.process.Games;
import io.islands.server.cluster.GameRouter;
import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Name;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.checkpoint.StoreException;
import io.islands.runtime.observe.Inspect;
import io.islands.runtime.observe.ProcessInfo;
import io.islands.runtime.observe.RuntimeGauges;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.server.ops.Metrics;
import io.islands.storage.KeySpace;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The observer: its page at {@code /observer} (class-path folder {@code /observer}, served by
 * Javalin's static files) and its JSON API under {@code /api} (docs/operations.md, "Observer").
 * A before-handler on {@code /api/*} checks the admin token and answers 401
 * {@code {"error":"unauthorized"}} without running the route when it is missing or wrong; the
 * page itself holds no data and asks for the token. Errors are {@link ApiError}s, mapped by
 * Javalin's exception mapping to {@code {"error": ...}} with their status; bodies are written
 * and read by Javalin's JSON mapper (the server's one Jackson mapper).
 *
 * <p>{@code GET /api/events} streams server-sent events from the {@link LiveFeed} (at most
 * {@link #MAX_WATCHERS} pages at once, each dropped when it reads too slowly). The other routes
 * are stateless: each request reads the live system through {@link Inspect} and {@link Games},
 * on the request's own (virtual) thread; the actions send an exit signal or call the games API.
 */
public final class ObserverRoutes {
    /** Rows listed at most per list (processes, games). */
    static final int MAX_ROWS = 500;
    /**
     * Children listed at most per supervisor in the tree, beside its count: the sockets, channels
     * and games supervisors hold thousands, which the page shows as the first few and "… N more".
     */
    static final int TREE_CHILDREN = 50;
    static final Duration SUPERVISOR_TIMEOUT = Duration.ofSeconds(1);
    static final int MAX_NAME = 200;
    /** Pages watching {@code /api/events} at most. */
    static final int MAX_WATCHERS = 8;
    /** Events queued at most for one page before it is dropped as too slow. */
    static final int WATCHER_QUEUE = 32;
    /** Time between two reads of the system while someone watches. */
    static final Duration TICK = Duration.ofSeconds(1);
    /** Load samples kept: five minutes at one a second. */
    static final int HISTORY = 300;
    /** A comment on an idle stream this often keeps proxies and Jetty's idle timeout from closing it. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final String EVENT_STREAM = "text/event-stream";
    /** The request attribute that carries a stream's watcher from its before-handler to its handler. */
    private static final String WATCHER = "islands.observer.watcher";

    private final Games games;
    /** Where a game is stopped and which node runs it: set by a cluster node ({@link #routeThrough}). */
    private volatile GameRouter router;
    /** This node's name in a cluster, or null. */
    private volatile String node;
    /** The cluster's nodes ({@code GET /api/nodes}'s body): none on a single node. */
    private volatile Supplier<Map<String, Object>> nodes = () -> Map.of("self", "", "view", List.of(), "nodes", List.of());
    private final AdminToken token;
    private final Consumer<String> afterStop;
    private final Supplier<Metrics.Totals> totals;
    private final LiveFeed feed;

    private ObserverRoutes(Games games, AdminToken token, Consumer<String> afterStop, Supplier<Metrics.Totals> totals,
            Name feedName) {
        this.games = games;
        this.token = token;
        this.afterStop = afterStop;
        this.totals = totals;
        this.feed = new LiveFeed(new LiveFeed.Source() {
            @Override
            public Object read(String section) {
                return section(section);
            }

            @Override
            public LoadHistory.Reading load() {
                return reading();
            }
        }, TICK, MAX_WATCHERS, WATCHER_QUEUE, HISTORY, feedName);
    }

    /**
     * The observer of {@code games}, guarded by {@code token}: {@link #install} declares its
     * routes, {@link #feedSpec} is its event streams' feed process, for the server's tree.
     *
     * @param afterStop runs with the game's name after the API stopped a game (the server deletes
     *                  its seats there)
     * @param totals the moves, restarts and crashes so far, for the load charts
     * @param feedName the name the feed process is registered under
     */
    /**
     * Stops games through {@code gameRouter} (on the node that runs each), shows the node of each
     * game (a cluster node's {@code "node"} in {@code /api/games} and {@code /api/games/{name}}) and
     * the cluster's nodes ({@code clusterNodes}, {@code GET /api/nodes}'s body) in the event stream.
     */
    public void routeThrough(GameRouter gameRouter, String nodeName, Supplier<Map<String, Object>> clusterNodes) {
        this.router = java.util.Objects.requireNonNull(gameRouter);
        this.node = nodeName;
        this.nodes = java.util.Objects.requireNonNull(clusterNodes);
    }

    /** @return {@code GET /api/nodes}'s body: the cluster's nodes, or none on a single node */
    public Map<String, Object> nodes() {
        return nodes.get();
    }

    public static ObserverRoutes create(Games games, AdminToken token, Consumer<String> afterStop,
            Supplier<Metrics.Totals> totals, Name feedName) {
        return new ObserverRoutes(Objects.requireNonNull(games), Objects.requireNonNull(token),
                Objects.requireNonNull(afterStop), Objects.requireNonNull(totals), Objects.requireNonNull(feedName));
    }

    /**
     * @param id the child's id in its supervisor
     * @return the spec of the feed process that reads the system for {@code /api/events}: a
     *     permanent worker, registered under the feed's name; it ticks only while a page watches
     */
    public ChildSpec feedSpec(Object id) {
        return feed.childSpec(id);
    }

    /** Declares the page, the API routes, their guard and their error mapping on {@code cfg}. */
    public void install(JavalinConfig cfg) {
        cfg.staticFiles.add(sf -> {
            sf.hostedPath = "/observer";
            sf.directory = "/observer";
            sf.location = Location.CLASSPATH;
            sf.headers = Map.of(Header.CACHE_CONTROL, "no-cache");
        });
        cfg.routes.before("/api/*", ctx -> {
            ctx.header(Header.CACHE_CONTROL, "no-store");
            if (!token.accepts(ctx.header(Header.AUTHORIZATION))) {
                ctx.header(Header.WWW_AUTHENTICATE, "Bearer");
                throw new ApiError(401, "unauthorized");
            }
        });
        cfg.routes.beforeMatched("/api/events", this::beforeEvents);
        cfg.routes.afterMatched("/api/events", this::afterEvents);
        cfg.routes.exception(ApiError.class, (e, ctx) -> ctx.status(e.status).json(Map.of("error", e.getMessage())));
        cfg.routes.sse("/api/events", this::events);
        cfg.routes.get("/api/processes", ctx -> ctx.json(processes(sort(ctx.queryParam("sort")), limit(ctx))));
        cfg.routes.get("/api/processes/{pid}", this::process);
        cfg.routes.post("/api/processes/{pid}/kill", this::kill);
        cfg.routes.get("/api/supervisors", ctx -> ctx.json(supervisors()));
        cfg.routes.get("/api/tables", ctx -> ctx.json(tables()));
        cfg.routes.get("/api/games", ctx -> ctx.json(gameList()));
        cfg.routes.get("/api/games/{name}", this::game);
        cfg.routes.post("/api/games/{name}/stop", this::stopGame);
        cfg.routes.post("/api/games/{name}/release", this::release);
        cfg.events.serverStopping(feed::close);
    }

    // ---- live events -----------------------------------------------------------------------

    /**
     * Validates a stream's request and takes its place among the watchers before Javalin's SSE
     * handler answers 200: the status a page gets says whether it watches (a place taken after
     * the 200 would let two pages race for the last one, and the loser get a 200 with no stream).
     */
    private void beforeEvents(Context ctx) {
        sort(ctx.queryParam("sort"));
        String accept = ctx.header(Header.ACCEPT);
        if (accept == null || !accept.contains(EVENT_STREAM)) { // as Javalin's SSE handler asks
            throw new ApiError(406, "ask for " + EVENT_STREAM + " (Accept: " + EVENT_STREAM + ")");
        }
        LiveFeed.Watcher w = feed.subscribe(Optional.ofNullable(ctx.queryParam("sort")).orElse("pid"))
                .orElseThrow(() -> new ApiError(503, "too many observers: " + MAX_WATCHERS + " pages watch already"));
        ctx.attribute(WATCHER, w);
    }

    /** Gives the place back if the stream did not run to its end (the response failed before it began). */
    private void afterEvents(Context ctx) {
        LiveFeed.Watcher w = ctx.attribute(WATCHER);
        if (w != null) {
            feed.unsubscribe(w);
        }
    }

    /**
     * One page's stream, on its own request thread: what the feed queued for it, a comment when
     * nothing came for {@link #KEEP_ALIVE}, until the page goes, the feed drops it, or the server stops.
     */
    private void events(SseClient client) {
        LiveFeed.Watcher w = client.ctx().attribute(WATCHER);
        client.onClose(w::close);
        try {
            while (true) {
                LiveFeed.Event e = w.next(KEEP_ALIVE);
                if (e == LiveFeed.CLOSE) {
                    return;
                }
                if (e == null) {
                    client.sendComment("keep-alive");
                } else {
                    client.sendEvent(e.name(), e.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException gone) {
            // Javalin's "SseClient has been terminated": the page went while we wrote
        } finally {
            feed.unsubscribe(w);
        }
    }

    private Object section(String section) {
        return switch (section) {
            case "games" -> gameList();
            case "supervisors" -> supervisors();
            case "tables" -> tables();
            case "nodes" -> nodes.get();
            default -> processes(sort(section.substring(section.indexOf(':') + 1)), MAX_ROWS);
        };
    }

    private LoadHistory.Reading reading() {
        Metrics.Totals t = totals.get();
        return new LoadHistory.Reading(System.currentTimeMillis(), RuntimeGauges.processesAlive(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), t.moves(), t.restarts(), t.crashes());
    }

    // ---- processes -------------------------------------------------------------------------

    /** @return the order of {@code ?sort=pid|mailbox} (null: pid) */
    private static Comparator<ProcessInfo> sort(String sort) {
        return switch (sort == null ? "pid" : sort) {
            case "pid" -> Comparator.comparing(ProcessInfo::pid);
            case "mailbox" -> Comparator.comparingInt(ProcessInfo::mailboxSize).reversed()
                    .thenComparing(ProcessInfo::pid);
            default -> throw new ApiError(400, "sort must be pid or mailbox, not " + sort);
        };
    }

    /** {@code ?limit=N} (1..500, default 500). */
    private static int limit(Context ctx) {
        String v = ctx.queryParam("limit");
        if (v == null) {
            return MAX_ROWS;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= MAX_ROWS) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ApiError(400, "limit must be a number in 1.." + MAX_ROWS + ", not " + v);
    }

    private Map<String, Object> processes(Comparator<ProcessInfo> order, int limit) {
        List<ProcessInfo> all = Inspect.processes();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", all.size());
        body.put("processes", all.stream().sorted(order).limit(limit).map(Views::process).toList());
        return body;
    }

    private void process(Context ctx) {
        Pid pid = livePid(ctx);
        ctx.json(Views.process(Inspect.process(pid).orElseThrow(() -> noProcess(ctx))));
    }

    /** Body {@code {"reason": "normal" | "shutdown" | "kill" | any other text}}. */
    private void kill(Context ctx) {
        ExitReason reason = reason(ctx);
        Pid pid = livePid(ctx);
        Proc.exit(pid, reason);
        feed.poke();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pid", pid.toString());
        body.put("reason", reason.toString());
        ctx.json(body);
    }

    private static ExitReason reason(Context ctx) {
        String body = ctx.body();
        JsonNode json;
        try {
            json = body.isBlank() ? null : ctx.jsonMapper().fromJsonString(body, JsonNode.class);
        } catch (Exception e) { // Jackson's, thrown through the mapper undeclared
            throw new ApiError(400, "the body is not JSON");
        }
        JsonNode r = json == null ? null : json.get("reason");
        if (r == null || !r.isTextual() || r.asText().isBlank() || r.asText().length() > MAX_NAME) {
            throw new ApiError(400, "the body must be {\"reason\": \"normal\" | \"shutdown\" | \"kill\" | a text"
                    + " of 1.." + MAX_NAME + " characters}");
        }
        return switch (r.asText()) {
            case "normal" -> ExitReason.normal();
            case "shutdown" -> ExitReason.shutdown();
            case "kill" -> ExitReason.kill();
            default -> ExitReason.other(r.asText());
        };
    }

    /** Accepts {@code 12} or {@code <0.12.0>}. */
    private static Pid livePid(Context ctx) {
        String text = ctx.pathParam("pid");
        String digits = text.startsWith("<0.") && text.endsWith(".0>") ? text.substring(3, text.length() - 3) : text;
        long id;
        try {
            id = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "a pid is a number or <0.N.0>, not " + text);
        }
        return Inspect.find(id).orElseThrow(() -> noProcess(ctx));
    }

    private static ApiError noProcess(Context ctx) {
        return new ApiError(404, "no such process: " + ctx.pathParam("pid"));
    }

    // ---- supervisors and tables ------------------------------------------------------------

    /** @return every supervision tree that {@link Inspect} reports, whatever its shape */
    private Map<String, Object> supervisors() {
        return Map.of("roots", Inspect.supervisionTree(TREE_CHILDREN, SUPERVISOR_TIMEOUT).stream()
                .map(Views::supervisor).toList());
    }

    private Map<String, Object> tables() {
        return Map.of("tables", Inspect.tables().stream().map(Views::table).toList());
    }

    // ---- games -----------------------------------------------------------------------------

    /**
     * The games the game supervisor holds (a game restarting after a kill stays listed, its pid
     * null) in one batched store read ({@link Games#infos}), and the quarantined ones.
     */
    private Map<String, Object> gameList() {
        List<String> names;
        try {
            names = games.runningNames();
        } catch (ExitException e) {
            throw new ApiError(503, "the game supervisor did not answer: " + e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("running", names.size());
        try {
            String here = node; // the games running here are this node's
            body.put("games", games.infos(names.subList(0, Math.min(MAX_ROWS, names.size()))).stream()
                    .map(g -> Views.game(g, here)).toList());
            body.put("quarantined", games.quarantined().stream().limit(MAX_ROWS).map(games::quarantineRecord)
                    .flatMap(Optional::stream).map(Views::quarantined).toList());
        } catch (StoreException e) {
            throw new ApiError(503, "the game store cannot be read: " + e.getMessage());
        }
        return body;
    }

    private void game(Context ctx) {
        String name = gameName(ctx);
        Optional<GameInfo> info = games.info(name);
        if (info.isPresent()) {
            GameRouter r = router;
            ctx.json(Views.game(info.get(), r == null ? null : r.nodeOf(name).orElse(null)));
            return;
        }
        ctx.json(Map.of("quarantined", Views.quarantined(games.quarantineRecord(name)
                .orElseThrow(() -> new ApiError(404, "no such game: " + name)))));
    }

    private void stopGame(Context ctx) {
        String name = gameName(ctx);
        try {
            GameRouter r = router;
            if (r != null) {
                r.stopGame(name); // on the node that runs it
            } else {
                games.stopGame(name);
            }
        } catch (GameUnavailableException e) {
            throw new ApiError(e.why() == GameUnavailableException.Why.NOT_FOUND ? 404 : 409, e.getMessage());
        } catch (ExitException e) {
            throw new ApiError(409, "the game did not stop: " + e.getMessage());
        }
        afterStop.accept(name);
        feed.poke();
        ctx.json(Map.of("stopped", name));
    }

    private void release(Context ctx) {
        String name = gameName(ctx);
        if (!games.release(name)) {
            throw new ApiError(404, "no quarantined game named " + name);
        }
        feed.poke();
        ctx.json(Map.of("released", name));
    }

    private static String gameName(Context ctx) {
        String name = ctx.pathParam("name");
        if (name.isBlank() || name.length() > MAX_NAME) {
            throw new ApiError(400, "a game name has 1.." + MAX_NAME + " characters");
        }
        if (!KeySpace.accepts(name)) {
            throw new ApiError(400, "not a game name: '" + KeySpace.SEPARATOR + "' belongs to the server's own key spaces");
        }
        return name;
    }

    /** An answer other than 200, with its message as {@code {"error": ...}} (Javalin's exception mapping). */
    static final class ApiError extends RuntimeException {
        final int status;

        ApiError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
