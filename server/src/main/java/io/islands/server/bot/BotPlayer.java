package io.islands.server.bot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.islands.engine.game.Board;
import io.islands.engine.game.Checked;
import io.islands.engine.game.Coordinate;
import io.islands.engine.game.Island;
import io.islands.engine.game.IslandType;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.IdleTimeout;
import io.islands.runtime.InitResult;
import io.islands.runtime.Next;
import io.islands.runtime.Proc;
import io.islands.runtime.Result;
import io.islands.runtime.internal.ProcessHooks;
import io.islands.server.phoenix.LocalSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One computer player: a process that plays seat 2 of one game through a {@link LocalSocket},
 * the channel API a browser uses (join, pushes, replies, broadcasts of docs/protocol.md), never
 * the engine. It decides from its player view alone ({@code view} replies), so a restarted bot
 * carries on where the game's saved state is: it rejoins with the seat token its {@link Bots}
 * entry keeps and asks for its view.
 *
 * <p>Pace: each move waits {@link Bots.Config#moveDelay()} after the view that called for it,
 * on the process's timeout (the runtime's timer wheel), not a sleep; a heartbeat goes every
 * {@link #HEARTBEAT} as phoenix.js sends one (more often if the server's idle timeout is short),
 * with a view that catches a broadcast it missed.
 *
 * <p>It stops (normal exit, not restarted) when the game is over (counted won or lost), when the
 * server closes the game's topic, when its join is refused, after {@link #MAX_ERRORS} error
 * replies in a row, or when the game had no move for {@link Bots.Config#abandoned()}. Any other failure (its socket closed, a crash) is an abnormal exit: its
 * supervisor starts it again. Its state is confined to its process.
 */
final class BotPlayer implements GenServer<BotPlayer.BotState> {
    private static final Logger LOG = LoggerFactory.getLogger(BotPlayer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration HEARTBEAT = Duration.ofSeconds(30);
    /** Error replies in a row after which the bot gives up its game. */
    static final int MAX_ERRORS = 20;
    private static final Set<String> GAME_EVENTS = Set.of(
            "player_added", "game_started", "player_set_islands", "player_guessed_coordinate");

    /** A move waiting for its time: the event and its payload. */
    record Move(String event, JsonNode payload) {}

    /** Confined to the bot's process. */
    static final class BotState {
        LocalSocket socket;
        String joinRef;
        long ref;
        /** The ref of the last move sent: a view asked for before it is stale. */
        long moveRef;
        Move pending;
        long pendingAt;
        long heartbeatAt;
        /** When the game last moved (a broadcast of a move, or the join). */
        long movedAt;
        int errors;
    }

    private final Bots bots;
    private final Bots.BotSeat entry;
    private final String topic;

    BotPlayer(Bots bots, Bots.BotSeat entry) {
        this.bots = bots;
        this.entry = entry;
        this.topic = "game:" + entry.game();
    }

    @Override
    public InitResult<BotState> init() {
        BotState s = new BotState();
        Optional<LocalSocket> socket = bots.connect(Proc.self(), entry.game());
        if (socket.isEmpty()) {
            return InitResult.stop(ExitReason.other("bot_socket_refused"));
        }
        s.socket = socket.get();
        LocalSocket opened = s.socket;
        ProcessHooks.addExitHook(Proc.self(), (pid, reason) -> opened.close());
        join(s);
        s.heartbeatAt = System.nanoTime() + bots.heartbeat().toNanos();
        s.movedAt = System.nanoTime();
        return InitResult.ok(s, next(s));
    }

    @Override
    public Result<BotState> handleInfo(Object message, BotState s) {
        switch (message) {
            case LocalSocket.Received r when r.socket() == s.socket -> {
                Optional<ExitReason> stop = received(r.text(), s);
                if (stop.isPresent()) {
                    return Result.stop(stop.get(), s);
                }
            }
            case LocalSocket.Closed c when c.socket() == s.socket ->
                    // the server closed the bot's socket: a new bot process rejoins on a new one
                    throw new IllegalStateException("bot socket closed by the server: " + c.code());
            case IdleTimeout t -> {
                if (System.nanoTime() - s.movedAt >= bots.config().abandoned().toNanos()) {
                    return Result.stop(giveUp("abandoned"), s);
                }
                timers(s);
            }
            default -> { } // a frame of an old socket
        }
        return Result.noReply(s, next(s));
    }

    @Override
    public void terminate(ExitReason reason, BotState s) {
        if (s.socket != null) {
            s.socket.close();
        }
        if (reason.isNormalExit()) {
            bots.stopped(entry);
        }
    }

    // ---- frames in ---------------------------------------------------------------------------

    private Optional<ExitReason> received(String text, BotState s) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable frame from the server", e);
        }
        if (!topic.equals(frame.path(2).asText())) {
            return Optional.empty(); // the heartbeat's reply
        }
        String event = frame.path(3).asText();
        JsonNode payload = frame.path(4);
        return switch (event) {
            case "phx_reply" -> reply(frame.path(1).asText(), payload, s);
            case "phx_error" -> { // the channel crashed: rejoin, as phoenix.js does
                if (++s.errors > MAX_ERRORS) {
                    yield Optional.of(giveUp("channel_errors"));
                }
                join(s);
                yield Optional.empty();
            }
            case "phx_close" -> Optional.of(giveUp("topic_closed"));
            default -> {
                if (GAME_EVENTS.contains(event)) {
                    s.movedAt = System.nanoTime();
                    requestView(s);
                }
                yield Optional.empty();
            }
        };
    }

    private Optional<ExitReason> reply(String ref, JsonNode payload, BotState s) {
        boolean ok = "ok".equals(payload.path("status").asText());
        JsonNode response = payload.path("response");
        if (ref.equals(s.joinRef)) {
            if (!ok) {
                return Optional.of(giveUp("join_refused:" + response.path("reason").asText()));
            }
            entry.token(response.path("token").asText(null));
            return act(response.path("view"), Long.parseLong(ref), s);
        }
        if (!ok) {
            if (++s.errors > MAX_ERRORS) {
                return Optional.of(giveUp("errors"));
            }
            requestView(s);
            return Optional.empty();
        }
        s.errors = 0;
        if (response.has("view")) {
            return act(response.get("view"), Long.parseLong(ref), s);
        }
        requestView(s); // a move's reply: see what it changed
        return Optional.empty();
    }

    // ---- deciding --------------------------------------------------------------------------

    /** Decides the next move from {@code view}, the reply to the push with ref {@code ref}. */
    private Optional<ExitReason> act(JsonNode view, long ref, BotState s) {
        if (ref < s.moveRef || !view.isObject()) {
            return Optional.empty(); // asked for before the last move: that move's view follows
        }
        String state = view.path("state").asText();
        String role = view.path("role").asText(null);
        if ("game_over".equals(state)) {
            bots.finished(entry, role != null && role.equals(view.path("winner").asText(null)));
            return Optional.of(ExitReason.normal());
        }
        Move move = null;
        if (role == null) {
            JsonNode player2 = view.path("players").path("player2");
            if (view.path("started").asBoolean() && player2.isNull()) {
                move = new Move("add_player", JsonNodeFactory.instance.textNode(entry.name()));
            } else if (!player2.isMissingNode() && !player2.isNull()) {
                return Optional.of(giveUp("seat_taken")); // someone else took seat 2
            }
        } else if (!view.path("islands_set").path(role).asBoolean()) {
            move = placing(view.path("board"), role);
        } else if (state.equals(role + "_turn")) {
            move = guessing(view.path("guesses"), role);
        }
        schedule(move, s);
        return Optional.empty();
    }

    private Move placing(JsonNode boardJson, String role) {
        Board board = Board.empty();
        for (IslandType type : IslandType.values()) {
            JsonNode cells = boardJson.path(type.wire()).path("coordinates");
            if (cells.isArray() && !cells.isEmpty()) {
                int row = Integer.MAX_VALUE;
                int col = Integer.MAX_VALUE;
                for (JsonNode c : cells) {
                    row = Math.min(row, c.path("row").asInt());
                    col = Math.min(col, c.path("col").asInt());
                }
                if (Coordinate.isValid(row, col)
                        && Island.create(type, new Coordinate(row, col)) instanceof Checked.Ok<Island>(Island island)
                        && board.positionIsland(island) instanceof Checked.Ok<Board>(Board next)) {
                    board = next;
                }
            }
        }
        List<BotStrategy.Placement> left = BotStrategy.placements(board,
                new SplittableRandom(entry.seed() + board.islands().size()));
        if (left.isEmpty()) {
            return new Move("set_islands", JsonNodeFactory.instance.textNode(role));
        }
        BotStrategy.Placement p = left.get(0);
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("player", role).put("island", p.type().wire()).put("row", p.row()).put("col", p.col());
        return new Move("position_island", payload);
    }

    private Move guessing(JsonNode guesses, String role) {
        Set<Coordinate> hits = cells(guesses.path("hits"));
        Set<Coordinate> misses = cells(guesses.path("misses"));
        // seeded by how far the game is: a restarted bot picks what it would have picked
        Optional<Coordinate> cell = BotStrategy.guess(hits, misses,
                new SplittableRandom(entry.seed() * 31 + hits.size() + misses.size()));
        if (cell.isEmpty()) {
            return null;
        }
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("player", role).put("row", cell.get().row()).put("col", cell.get().col());
        return new Move("guess_coordinate", payload);
    }

    private static Set<Coordinate> cells(JsonNode list) {
        Set<Coordinate> out = new HashSet<>();
        for (JsonNode c : list) {
            int row = c.path("row").asInt();
            int col = c.path("col").asInt();
            if (Coordinate.isValid(row, col)) {
                out.add(new Coordinate(row, col));
            }
        }
        return out;
    }

    /** The next move waits its delay from the first view that called for it. */
    private void schedule(Move move, BotState s) {
        if (move == null) {
            s.pending = null;
        } else if (!move.equals(s.pending)) {
            s.pending = move;
            long delay = move.event().equals("add_player") ? 0 : bots.config().moveDelay().toNanos();
            s.pendingAt = System.nanoTime() + delay;
        }
    }

    // ---- frames out and timers ---------------------------------------------------------------

    private void timers(BotState s) {
        long now = System.nanoTime();
        if (s.pending != null && now - s.pendingAt >= 0) {
            Move move = s.pending;
            s.pending = null;
            s.moveRef = push(s, move.event(), move.payload());
        }
        if (now - s.heartbeatAt >= 0) {
            s.heartbeatAt = now + bots.heartbeat().toNanos();
            send(s, null, ++s.ref, "phoenix", "heartbeat", JsonNodeFactory.instance.objectNode());
            requestView(s);
        }
    }

    private Next next(BotState s) {
        long at = s.pending != null && s.pendingAt - s.heartbeatAt < 0 ? s.pendingAt : s.heartbeatAt;
        long abandonAt = s.movedAt + bots.config().abandoned().toNanos();
        at = abandonAt - at < 0 ? abandonAt : at;
        return Next.timeout(Duration.ofNanos(Math.max(0, at - System.nanoTime())));
    }

    private void join(BotState s) {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        params.put("screen_name", entry.name());
        if (entry.token() != null) {
            params.put("token", entry.token());
        } else if (entry.invitation() != null) {
            params.put("invitation", entry.invitation());
        }
        long ref = ++s.ref;
        s.joinRef = Long.toString(ref);
        send(s, s.joinRef, ref, topic, "phx_join", params);
    }

    private void requestView(BotState s) {
        push(s, "view", JsonNodeFactory.instance.objectNode());
    }

    private long push(BotState s, String event, JsonNode payload) {
        long ref = ++s.ref;
        send(s, s.joinRef, ref, topic, event, payload);
        return ref;
    }

    private static void send(BotState s, String joinRef, long ref, String topic, String event, JsonNode payload) {
        ArrayNode frame = JsonNodeFactory.instance.arrayNode();
        frame.add(joinRef).add(Long.toString(ref)).add(topic).add(event).add(payload);
        s.socket.send(frame.toString());
    }

    private ExitReason giveUp(String why) {
        LOG.info("bot of game {} stops: {}", entry.game(), why);
        return ExitReason.normal();
    }
}
