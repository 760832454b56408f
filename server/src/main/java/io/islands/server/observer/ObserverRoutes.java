package io.islands.server.observer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.islands.engine.process.GameInfo;
import io.islands.engine.process.GameUnavailableException;
import io.islands.engine.process.Games;
import io.islands.storage.KeySpace;
import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.observe.Inspect;
import io.islands.runtime.observe.ProcessInfo;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The observer: its page at {@code /observer} and its JSON API under {@code /api}
 * (docs/operations.md, "Observer"). Every API route first checks the admin token and answers 401
 * {@code {"error":"unauthorized"}} without doing anything else when it is missing or wrong; the
 * page itself holds no data and asks for the token.
 *
 * <p>Stateless: each request reads the live system through {@link Inspect} and {@link Games},
 * on the request's own (virtual) thread; the actions send an exit signal or call the games API.
 */
public final class ObserverRoutes {
    /** Rows listed at most per list (processes, children per supervisor, games). */
    static final int MAX_ROWS = 500;
    static final Duration SUPERVISOR_TIMEOUT = Duration.ofSeconds(1);
    static final int MAX_NAME = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PAGE = Map.of(
            "/observer", "index.html", "/observer/observer.js", "observer.js", "/observer/observer.css", "observer.css");

    private final Games games;
    private final AdminToken token;
    private final Consumer<String> afterStop;

    private ObserverRoutes(Games games, AdminToken token, Consumer<String> afterStop) {
        this.games = games;
        this.token = token;
        this.afterStop = afterStop;
    }

    /**
     * Declares the page and the API routes on {@code cfg}, guarded by {@code token}.
     *
     * @param afterStop runs with the game's name after the API stopped a game (the server deletes
     *                  its seats there)
     */
    public static void install(JavalinConfig cfg, Games games, AdminToken token, Consumer<String> afterStop) {
        ObserverRoutes r = new ObserverRoutes(games, token, Objects.requireNonNull(afterStop));
        PAGE.forEach((path, file) -> cfg.routes.get(path, ctx -> page(ctx, file)));
        cfg.routes.get("/api/processes", r.guard(r::processes));
        cfg.routes.get("/api/processes/{pid}", r.guard(r::process));
        cfg.routes.post("/api/processes/{pid}/kill", r.guard(r::kill));
        cfg.routes.get("/api/supervisors", r.guard(r::supervisors));
        cfg.routes.get("/api/tables", r.guard(ctx -> ok(ctx, Map.of("tables",
                Inspect.tables().stream().map(Views::table).toList()))));
        cfg.routes.get("/api/games", r.guard(r::games));
        cfg.routes.get("/api/games/{name}", r.guard(r::game));
        cfg.routes.post("/api/games/{name}/stop", r.guard(r::stopGame));
        cfg.routes.post("/api/games/{name}/release", r.guard(r::release));
    }

    private Handler guard(Handler h) {
        return ctx -> {
            ctx.header("Cache-Control", "no-store");
            if (!token.accepts(ctx.header("Authorization"))) {
                ctx.header("WWW-Authenticate", "Bearer");
                reply(ctx, 401, Map.of("error", "unauthorized"));
                return;
            }
            try {
                h.handle(ctx);
            } catch (ApiError e) {
                reply(ctx, e.status, Map.of("error", e.getMessage()));
            }
        };
    }

    private static void page(Context ctx, String file) throws IOException {
        try (InputStream in = ObserverRoutes.class.getResourceAsStream("/observer/" + file)) {
            if (in == null) {
                reply(ctx, 404, Map.of("error", "the observer page is not on the class path"));
                return;
            }
            String type = file.endsWith(".html") ? "text/html; charset=utf-8"
                    : file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    // ---- processes -------------------------------------------------------------------------

    /** {@code ?sort=mailbox|pid} (default pid) and {@code ?limit=N} (1..500, default 500). */
    private void processes(Context ctx) {
        String sort = Optional.ofNullable(ctx.queryParam("sort")).orElse("pid");
        Comparator<ProcessInfo> order = switch (sort) {
            case "pid" -> Comparator.comparing(ProcessInfo::pid);
            case "mailbox" -> Comparator.comparingInt(ProcessInfo::mailboxSize).reversed()
                    .thenComparing(ProcessInfo::pid);
            default -> throw new ApiError(400, "sort must be pid or mailbox, not " + sort);
        };
        int limit = limit(ctx);
        List<ProcessInfo> all = Inspect.processes();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", all.size());
        body.put("processes", all.stream().sorted(order).limit(limit).map(Views::process).toList());
        ok(ctx, body);
    }

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

    private void process(Context ctx) {
        Pid pid = livePid(ctx);
        ok(ctx, Views.process(Inspect.process(pid).orElseThrow(() -> noProcess(ctx))));
    }

    /** Body {@code {"reason": "normal" | "shutdown" | "kill" | any other text}}. */
    private void kill(Context ctx) {
        ExitReason reason = reason(ctx.body());
        Pid pid = livePid(ctx);
        Proc.exit(pid, reason);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pid", pid.toString());
        body.put("reason", reason.toString());
        ok(ctx, body);
    }

    static ExitReason reason(String body) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "the body is not JSON: " + e.getOriginalMessage());
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

    // ---- supervisors -----------------------------------------------------------------------

    private void supervisors(Context ctx) {
        ok(ctx, Map.of("roots", Inspect.supervisionTree(MAX_ROWS, SUPERVISOR_TIMEOUT).stream()
                .map(Views::supervisor).toList()));
    }

    // ---- games -----------------------------------------------------------------------------

    private void games(Context ctx) {
        List<String> names = games.runningNames();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("running", names.size());
        body.put("games", names.stream().limit(MAX_ROWS).map(games::info)
                .flatMap(Optional::stream).map(Views::game).toList());
        body.put("quarantined", games.quarantined().stream().limit(MAX_ROWS).map(games::quarantineRecord)
                .flatMap(Optional::stream).map(Views::quarantined).toList());
        ok(ctx, body);
    }

    private void game(Context ctx) {
        String name = gameName(ctx);
        Optional<GameInfo> info = games.info(name);
        if (info.isPresent()) {
            ok(ctx, Views.game(info.get()));
            return;
        }
        ok(ctx, Map.of("quarantined", Views.quarantined(games.quarantineRecord(name)
                .orElseThrow(() -> new ApiError(404, "no such game: " + name)))));
    }

    private void stopGame(Context ctx) {
        String name = gameName(ctx);
        try {
            games.stopGame(name);
        } catch (GameUnavailableException e) {
            throw new ApiError(e.why() == GameUnavailableException.Why.NOT_FOUND ? 404 : 409, e.getMessage());
        } catch (ExitException e) {
            throw new ApiError(409, "the game did not stop: " + e.getMessage());
        }
        afterStop.accept(name);
        ok(ctx, Map.of("stopped", name));
    }

    private void release(Context ctx) {
        String name = gameName(ctx);
        if (!games.release(name)) {
            throw new ApiError(404, "no quarantined game named " + name);
        }
        ok(ctx, Map.of("released", name));
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

    // ---- replies ---------------------------------------------------------------------------

    private static void ok(Context ctx, Object body) {
        reply(ctx, 200, body);
    }

    private static void reply(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the observer's JSON", e);
        }
    }

    /** An answer other than 200, with its message as {@code {"error": ...}}. */
    static final class ApiError extends RuntimeException {
        final int status;

        ApiError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
