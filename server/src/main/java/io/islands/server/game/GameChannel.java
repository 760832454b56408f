package io.islands.server.game;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.engine.game.Ack;
import io.islands.engine.game.Board;
import io.islands.engine.game.GameStateJson;
import io.islands.engine.game.GuessReply;
import io.islands.engine.game.IslandType;
import io.islands.engine.game.Outcome;
import io.islands.engine.game.Player;
import io.islands.engine.game.PlayerView;
import io.islands.engine.process.GameRequest;
import io.islands.engine.process.GameUnavailableException;
import io.islands.server.cluster.GameRouter;
import io.islands.runtime.Proc;
import io.islands.server.phoenix.ChannelContext;
import io.islands.server.phoenix.ChannelHandler;
import io.islands.server.phoenix.JoinResult;
import io.islands.server.phoenix.PushResult;
import io.islands.server.phoenix.RateLimit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The book's GameChannel on topic {@code game:<name>}, with the seats, roles, named errors and
 * views of docs/protocol.md. One instance per joined channel; all callbacks run in the channel's
 * process. Bad input is always an error reply, never a crash. It reads a game only through the
 * engine's {@link PlayerView} ({@link GameRouter#viewByName}) and {@link GameRouter#started}: what a viewer
 * sees and who won are decided there, once; {@link ViewJson} only writes the view out.
 */
public final class GameChannel implements ChannelHandler {
    private static final String TOPIC_PREFIX = "game:";

    private record AfterJoin() {}

    /** Told how long each pushed event took to handle, for metrics. Called in the channel's process. */
    @FunctionalInterface
    public interface EventTiming {
        EventTiming NONE = (event, nanos) -> { };

        /**
         * @param event one of the events of docs/protocol.md, or {@code other} for an unknown one
         * @param nanos from the event reaching the channel to its reply being ready (the game's
         *     call and save included)
         */
        void handled(String event, long nanos);

        /** @param limit the limit that refused an event ({@code games_per_minute}) */
        default void limited(String limit) {
        }
    }

    /**
     * The key of the socket's assigns holding its {@link RateLimit} of games created (the server's
     * connector gives each socket its own); without it, games are not limited.
     */
    public static final String GAMES_QUOTA = "islands.games_quota";

    private static final Set<String> EVENTS = Set.of(
            "view", "new_game", "add_player", "position_island", "set_islands", "guess_coordinate", "show_subscribers",
            "rematch", "play_computer");

    // ---- lobby and rematch (issue 19; docs/protocol.md §9, §10) ----------------------------
    /**
     * What the lobby and rematches need from a game channel. Called in the channel's process.
     * {@link #NONE}: no lobby, no rematch (a server built without them).
     */
    public interface Lobbying {
        Lobbying NONE = new Lobbying() {
            @Override
            public void touched(String game) {
            }

            @Override
            public PushResult rematch(String game, Optional<Player> role, PlayerView view, ChannelContext ctx) {
                return PushResult.error(Map.of("reason", "unknown_event"));
            }

            @Override
            public boolean deliver(Object message, ChannelContext ctx) {
                return false;
            }
        };

        /** A game's seats or start changed (never called per move): the lobby may list or unlist it. */
        void touched(String game);

        /** The {@code rematch} push of a channel whose role is {@code role} (empty: none) in {@code game} as {@code view} shows it. */
        PushResult rematch(String game, Optional<Player> role, PlayerView view, ChannelContext ctx);

        /** @return whether {@code message} (sent to the channel's process) was the lobby's and is handled */
        boolean deliver(Object message, ChannelContext ctx);
    }

    private Lobbying lobbying = Lobbying.NONE;

    /** Lets this channel tell the lobby of new games and take rematch offers; call before the join. */
    public GameChannel withLobby(Lobbying lobbying) {
        this.lobbying = java.util.Objects.requireNonNull(lobbying);
        return this;
    }
    // ---- end of lobby and rematch ----------------------------------------------------------

    /** The moves that may carry a client's {@code move_id}, applied at most once per id (docs/protocol.md §4.1). */
    private static final Set<String> MOVES_WITH_IDS = Set.of("position_island", "set_islands", "guess_coordinate");

    /** Where the games are called: here, or on the node that owns each ({@link GameRouter}). */
    private final GameRouter games;
    private final Seats seats;
    private final Names names;
    private final EventTiming timing;
    private String game;
    private String screenName;
    /** The token of this channel's seat: every push checks the seat record still holds it. */
    private String seatToken;
    /** The game has named this channel's screen name its player 2 (kept: see {@link #authorized}). */
    private boolean namedPlayer2;

    public GameChannel(GameRouter games, Seats seats, Names names) {
        this(games, seats, names, EventTiming.NONE);
    }

    public GameChannel(GameRouter games, Seats seats, Names names, EventTiming timing) {
        this.games = games;
        this.seats = seats;
        this.names = names;
        this.timing = timing;
    }

    @Override
    public JoinResult join(String topic, JsonNode params, ChannelContext ctx) {
        game = topic.substring(TOPIC_PREFIX.length());
        JsonNode name = params == null ? null : params.get("screen_name");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            return JoinResult.refused("invalid_params");
        }
        if (!names.valid(game)) {
            return invalidName("game");
        }
        if (!names.valid(name.asText())) {
            return invalidName("screen_name");
        }
        screenName = name.asText();
        Seats.Ask ask = new Seats.Ask(text(params, "token"), text(params, "invitation"), params.path("invite").asBoolean(false));
        Seats.Claim claim = seats.claimBeforeGameCall(game, screenName, ask); // the view below asks the game
        if (claim instanceof Seats.Claim.Refused(String why)) {
            return JoinResult.refused(why);
        }
        Seats.Claim.Seated seat = (Seats.Claim.Seated) claim;
        String seated = seat.token();
        seatToken = seated;
        if (!screenName.equals(game)) {
            lobbying.touched(game); // a second seat taken: the game leaves the lobby
        }
        try {
            PlayerView view = view(true); // seated just now: no need to read the seat again
            if (seat.gameUnchecked() && !view.started()) { // its game is gone: the record is stale, claim replaces it
                claim = seats.claim(game, screenName, ask);
                if (claim instanceof Seats.Claim.Refused(String why)) {
                    return JoinResult.refused(why);
                }
                seat = (Seats.Claim.Seated) claim;
                seated = seat.token();
                seatToken = seated;
                view = view(true);
            }
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("token", seated);
            if (seat.invitation() != null) {
                reply.put("invitation", seat.invitation());
            }
            reply.put("view", ViewJson.of(view));
            Proc.send(ctx.pid(), new AfterJoin());
            return JoinResult.ok(reply);
        } catch (GameUnavailableException e) {
            if (seat.taken()) { // a seat this join took: free again for the join's retry (with its token or not)
                giveBack(seated);
            }
            return JoinResult.refused(reason(e));
        }
    }

    /**
     * Frees the seat a refused join took, so that the join's retry can take it again (else the
     * seat would stay held by a token nobody knows). A store that cannot save leaves it held; the
     * join is refused either way.
     */
    private void giveBack(String token) {
        try {
            if (seats.giveBack(game, screenName, token)) {
                lobbying.touched(game);
            }
        } catch (RuntimeException e) {
            // the store is down too: the seat stays held until its record is stale (Seats' lifecycle)
        }
    }

    @Override
    public void handleInfo(Object message, ChannelContext ctx) throws Exception {
        if (message instanceof AfterJoin) {
            ctx.presence().track(ctx, screenName, Map.of("online_at", Long.toString(Instant.now().getEpochSecond())));
        } else if (!lobbying.deliver(message, ctx)) {
            ChannelHandler.super.handleInfo(message, ctx);
        }
    }

    @Override
    public PushResult handleIn(String event, JsonNode payload, ChannelContext ctx) {
        long start = System.nanoTime();
        try {
            return handle(event, payload, ctx);
        } finally {
            timing.handled(EVENTS.contains(event) ? event : "other", System.nanoTime() - start);
        }
    }

    private PushResult handle(String event, JsonNode payload, ChannelContext ctx) {
        if (MOVES_WITH_IDS.contains(event) && Payloads.badMoveId(payload)) {
            return refused("invalid_move_id");
        }
        try {
            return switch (event) {
                case "view" -> PushResult.ok(Map.of("view", view()));
                case "new_game" -> newGame(ctx);
                case "add_player" -> addPlayer(payload, ctx);
                case "position_island" -> positionIsland(payload);
                case "set_islands" -> setIslands(payload, ctx);
                case "guess_coordinate" -> guessCoordinate(payload, ctx);
                case "rematch" -> lobbying.rematch(game, role(), view(seats.holds(game, screenName, seatToken)), ctx);
                case "play_computer" -> playComputer(payload);
                case "show_subscribers" -> {
                    ctx.broadcast("subscribers", ctx.presence().list(ctx.topic()));
                    yield PushResult.noReply();
                }
                default -> refused("unknown_event");
            };
        } catch (GameUnavailableException e) {
            return refused(reason(e));
        } catch (SeatGoneException e) {
            return refused("unauthorized");
        }
    }

    private PushResult newGame(ChannelContext ctx) {
        if (!screenName.equals(game) || !seats.holds(game, screenName, seatToken)) {
            return refused("unauthorized");
        }
        if (games.started(game)) {
            return refused("already_started");
        }
        if (ctx.assigns().get(GAMES_QUOTA) instanceof RateLimit quota && !quota.tryTake()) {
            timing.limited("games_per_minute");
            return refused("rate_limited");
        }
        return switch (games.startGame(game)) {
            case OK -> {
                seats.markStarted(game);
                lobbying.touched(game);
                ctx.broadcast("game_started", Map.of("game", game));
                yield PushResult.ok();
            }
            case ALREADY_STARTED -> refused("already_started");
            case QUARANTINED -> refused("quarantined");
            case CRASHED -> refused("crashed");
        };
    }

    private PushResult addPlayer(JsonNode payload, ChannelContext ctx) {
        if (!seats.holds(game, screenName, seatToken) || role().isPresent()
                || !screenName.equals(Payloads.text(payload))) {
            return refused("unauthorized");
        }
        Outcome<Ack> outcome = orRulesRefusal(() -> games.call(game, new GameRequest.AddPlayer(screenName)));
        if (outcome instanceof Outcome.Failed<Ack> f) {
            return refused(RulesRefusal.reason(games, game, "add_player", Player.PLAYER2, f.error()));
        }
        ctx.broadcast("player_added", Map.of("message", "New player just joined: " + screenName));
        return PushResult.noReply();
    }

    private PushResult positionIsland(JsonNode payload) {
        Optional<Player> player = authorized(Payloads.playerField(payload));
        if (player.isEmpty()) {
            return refused("unauthorized");
        }
        Outcome<Ack> outcome = orRulesRefusal(() -> games.call(game, new GameRequest.PositionIsland(player.get(),
                Payloads.island(payload), Payloads.cell(payload, "row"), Payloads.cell(payload, "col"), Payloads.moveId(payload))));
        return outcome instanceof Outcome.Failed<Ack> f
                ? refused(RulesRefusal.reason(games, game, "position_island", player.get(), f.error()))
                : PushResult.ok();
    }

    private PushResult setIslands(JsonNode payload, ChannelContext ctx) {
        Optional<Player> player = authorized(Payloads.playerStringOrField(payload));
        if (player.isEmpty()) {
            return refused("unauthorized");
        }
        Outcome<Board> outcome = orRulesRefusal(() -> games.call(game, new GameRequest.SetIslands(player.get(),
                Payloads.moveId(payload))));
        return switch (outcome) {
            case Outcome.Failed<Board> f -> refused(RulesRefusal.reason(games, game, "set_islands", player.get(), f.error()));
            case Outcome.Ok<Board> ok -> {
                if (!ok.replayed()) { // a retried move id: broadcast once, when it was applied
                    ctx.broadcast("player_set_islands", Map.of("player", player.get().wire()));
                }
                yield PushResult.ok(Map.of("board", GameStateJson.boardJson(ok.reply())));
            }
        };
    }

    private PushResult guessCoordinate(JsonNode payload, ChannelContext ctx) {
        Optional<Player> player = authorized(Payloads.playerField(payload));
        if (player.isEmpty()) {
            return refused("unauthorized");
        }
        int row = Payloads.cell(payload, "row");
        int col = Payloads.cell(payload, "col");
        Outcome<GuessReply> outcome = orRulesRefusal(() -> games.call(game, new GameRequest.GuessCoordinate(player.get(),
                row, col, Payloads.moveId(payload))));
        return switch (outcome) {
            case Outcome.Failed<GuessReply> f -> PushResult.error(Map.of("player", player.get().wire(),
                    "reason", f.error().wire().equals("error") ? "Not your turn." : f.error().wire()));
            case Outcome.Ok<GuessReply> ok -> {
                GuessReply r = ok.reply();
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("hit", r.hit());
                result.put("island", r.forested().map(IslandType::wire).orElse("none"));
                result.put("win", r.win() ? "win" : "no_win");
                if (ok.replayed()) { // a retried move id: its broadcast went out when it was applied; tell the retrier
                    yield PushResult.ok(Map.of("replayed", true, "result", result));
                }
                Map<String, Object> broadcast = new LinkedHashMap<>();
                broadcast.put("player", player.get().wire());
                broadcast.put("row", row);
                broadcast.put("col", col);
                broadcast.put("result", result);
                ctx.broadcast("player_guessed_coordinate", broadcast);
                yield PushResult.noReply();
            }
        };
    }

    // ---- computer opponent (docs/protocol.md §11) ----------------------------------------------

    /** The computer players, or null: then {@code play_computer} is an unknown event. */
    private io.islands.server.bot.Bots bots;

    /** @return this channel, offering {@code play_computer} with {@code bots} */
    public GameChannel withBots(io.islands.server.bot.Bots bots) {
        this.bots = bots;
        return this;
    }

    /** Player 1 of a started game whose second seat is free asks for the computer as player 2. */
    private PushResult playComputer(JsonNode payload) {
        if (bots == null) {
            return refused("unknown_event");
        }
        Optional<String> invitation = Payloads.invitation(payload);
        if (invitation.isEmpty()) {
            return refused("invalid_params");
        }
        if (!screenName.equals(game) || !seats.holds(game, screenName, seatToken)) {
            return refused("unauthorized");
        }
        if (!games.started(game)) {
            return refused("not_started");
        }
        if (games.viewByName(game, Optional.of(screenName)).player2Name().isPresent()) {
            return refused("seat_taken");
        }
        String given = invitation.get();
        return bots.start(game, given.equals(Payloads.NO_INVITATION) ? null : given)
                .map(GameChannel::refused).orElseGet(PushResult::ok);
    }

    /**
     * The role a move names, if it is this channel's own role (checked before the rules): as
     * {@link #role}, with two savings that change no answer (docs/protocol.md §2.2). The seat is
     * read with {@link Seats#holdsToken}, which does not ask whether the game still exists: the
     * move's own call to the game does, and a move refused NOT_FOUND whose seat no longer {@link
     * Seats#holds} is refused {@code unauthorized} ({@link #orRulesRefusal}). And player 2's role,
     * once the game has named it, is kept: a game names its player 2 once for its whole life,
     * and a token that still matches is a seat of that same game or, if a new game of this name
     * took the seat under the token its client proposed (docs/protocol.md §2.1), the same
     * client's seat of it, whose moves the new game's rules then judge. In a cluster both save a
     * call or a read to another node per move.
     */
    private Optional<Player> authorized(Optional<Player> named) {
        if (named.isEmpty() || !seats.holdsToken(game, screenName, seatToken)) {
            return Optional.empty();
        }
        Optional<Player> own;
        if (screenName.equals(game)) {
            own = Optional.of(Player.PLAYER1);
        } else if (namedPlayer2) {
            own = Optional.of(Player.PLAYER2);
        } else {
            own = games.viewByName(game, Optional.of(screenName)).role();
            namedPlayer2 = own.equals(Optional.of(Player.PLAYER2));
        }
        return named.equals(own) ? named : Optional.empty();
    }

    /**
     * This channel's role (§2.2), read again on every push that asks it (a move reads it through
     * {@link #authorized}, which keeps player 2's once named): none unless the seat
     * record still holds this channel's name with its token (a game stopped and started again
     * under the same name has new seats); then player1 by the game name (the seat of the game's
     * own name is player 1's: no call to the game), else the role the game's {@link PlayerView}
     * gives that name (player2 once the game names it).
     */
    private Optional<Player> role() {
        if (!seats.holds(game, screenName, seatToken)) {
            return Optional.empty();
        }
        if (screenName.equals(game)) {
            return Optional.of(Player.PLAYER1);
        }
        return games.viewByName(game, Optional.of(screenName)).role();
    }

    /** The view of §3 for this channel: its seat holder's, or a spectator's once the seat is gone. */
    private Map<String, Object> view() {
        return ViewJson.of(view(seats.holds(game, screenName, seatToken)));
    }

    private PlayerView view(boolean seated) {
        return games.viewByName(game, seated ? Optional.of(screenName) : Optional.empty());
    }

    /**
     * A move on a game not started yet is refused by the rules (§7.5), as the engine would; a
     * move on a game that is gone, whose seat went with it, is refused {@code unauthorized} (the
     * seat check of {@link #authorized} left that to the move).
     *
     * @throws SeatGoneException the game is gone and so is this channel's seat
     */
    private <R> Outcome<R> orRulesRefusal(java.util.function.Supplier<Outcome<R>> move) {
        try {
            return move.get();
        } catch (GameUnavailableException e) {
            if (e.why() == GameUnavailableException.Why.NOT_FOUND) {
                if (!seats.holds(game, screenName, seatToken)) {
                    throw new SeatGoneException();
                }
                return Outcome.failed(io.islands.engine.game.GameError.RULES);
            }
            throw e;
        }
    }

    /** A move found this channel's game gone, and its seat with it: refused {@code unauthorized}. */
    private static final class SeatGoneException extends RuntimeException {
        SeatGoneException() {
            super("the seat is gone with its game", null, false, false);
        }
    }

    /** @return the string member {@code field} of {@code params}, or null */
    private static String text(JsonNode params, String field) {
        JsonNode n = params.get(field);
        return n != null && n.isTextual() ? n.textValue() : null;
    }

    /** {@code error {"reason": "invalid_name", "field": "game"|"screen_name", "rule": "..."}} */
    private JoinResult invalidName(String field) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("reason", "invalid_name");
        reply.put("field", field);
        reply.put("rule", names.rule());
        return JoinResult.error(reply);
    }

    private static String reason(GameUnavailableException e) {
        return e.why().name().toLowerCase(Locale.ROOT);
    }

    private static PushResult refused(String reason) {
        return PushResult.error(Map.of("reason", reason));
    }
}
