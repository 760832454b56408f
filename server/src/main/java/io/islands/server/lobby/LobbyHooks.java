package io.islands.server.lobby;

import io.islands.engine.game.Player;
import io.islands.engine.game.PlayerView;
import io.islands.engine.game.RulesState;
import io.islands.server.game.GameChannel;
import io.islands.server.phoenix.ChannelContext;
import io.islands.server.phoenix.PushResult;
import io.islands.server.phoenix.RateLimit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The game channel's side of the lobby and of rematches (docs/protocol.md §9, §10): tells the
 * {@link Lobby} when a game's seats change, takes the {@code rematch} push to the
 * {@link Matchmaker}, and pushes the new game to each player. Immutable; called in game channel
 * processes.
 */
public final class LobbyHooks implements GameChannel.Lobbying {
    private final Lobby lobby;
    private final Matchmaker matchmaker;
    private final GameChannel.EventTiming timing;

    /** @param timing told of each refusal by the games quota (metrics) */
    public LobbyHooks(Lobby lobby, Matchmaker matchmaker, GameChannel.EventTiming timing) {
        this.lobby = lobby;
        this.matchmaker = matchmaker;
        this.timing = timing;
    }

    @Override
    public void touched(String game) {
        lobby.touched(game);
    }

    /**
     * Checks in this order: a role ({@code unauthorized}), the game over ({@code not_over}), the
     * socket's games quota ({@code rate_limited}); then offers. The first offer is broadcast on
     * the old game's topic as {@code rematch_offered}.
     */
    @Override
    public PushResult rematch(String game, Optional<Player> role, PlayerView view, ChannelContext ctx) {
        if (role.isEmpty() || view.player2Name().isEmpty()) {
            return refused("unauthorized");
        }
        if (view.state() != RulesState.GAME_OVER) {
            return refused("not_over");
        }
        if (ctx.assigns().get(GameChannel.GAMES_QUOTA) instanceof RateLimit quota && !quota.tryTake()) {
            timing.limited("games_per_minute");
            return refused("rate_limited");
        }
        Matchmaker.Offer offer = matchmaker.offerRematch(game, role.get(), view.player1Name(), view.player2Name().get(),
                ctx.pid());
        return switch (offer) {
            case Matchmaker.Offer.Offered o -> {
                ctx.broadcast("rematch_offered", Map.of("player", role.get().wire()));
                yield PushResult.ok(Map.of("status", "offered"));
            }
            case Matchmaker.Offer.Started s -> {
                Map<String, Object> reply = new LinkedHashMap<>();
                reply.put("status", "started");
                reply.put("game", s.game());
                yield PushResult.ok(reply);
            }
            case Matchmaker.Offer.Refused r -> refused(r.reason());
        };
    }

    @Override
    public boolean deliver(Object message, ChannelContext ctx) {
        switch (message) {
            case Matchmaker.RematchStarted r -> {
                Map<String, Object> push = new LinkedHashMap<>();
                push.put("game", r.game());
                push.put("role", r.role());
                push.put("token", r.token());
                push.put("opponent", r.opponent());
                ctx.push("rematch_started", push);
                return true;
            }
            case Matchmaker.RematchFailed f -> {
                ctx.push("rematch_failed", Map.of("reason", f.reason()));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static PushResult refused(String reason) {
        return PushResult.error(Map.of("reason", reason));
    }
}
