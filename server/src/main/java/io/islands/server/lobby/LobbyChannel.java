package io.islands.server.lobby;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.runtime.ExitReason;
import io.islands.server.game.GameChannel;
import io.islands.server.game.Names;
import io.islands.server.game.Payloads;
import io.islands.server.phoenix.ChannelContext;
import io.islands.server.phoenix.ChannelHandler;
import io.islands.server.phoenix.JoinResult;
import io.islands.server.phoenix.PushResult;
import io.islands.server.phoenix.RateLimit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The channel on topic {@code lobby} (docs/protocol.md §9): its join reply and its {@code games}
 * broadcasts list the open games ({@link Lobby}); its pushes ask for a quick match and cancel it
 * ({@link Matchmaker}). One instance per joined channel; every callback runs in the channel's
 * process. Bad input is an error reply, never a crash; names pass the one name rule
 * ({@link Payloads#name}); each quick match takes one game from the socket's games quota.
 */
public final class LobbyChannel implements ChannelHandler {
    private final Lobby lobby;
    private final Matchmaker matchmaker;
    private final Names names;
    private final GameChannel.EventTiming timing;
    /** The name this channel waits as, or null when it does not wait. */
    private String waiting;

    /** @param timing told of each refusal by the games quota (metrics) */
    public LobbyChannel(Lobby lobby, Matchmaker matchmaker, Names names, GameChannel.EventTiming timing) {
        this.lobby = lobby;
        this.matchmaker = matchmaker;
        this.names = names;
        this.timing = timing;
    }

    @Override
    public JoinResult join(String topic, JsonNode params, ChannelContext ctx) {
        return JoinResult.ok(lobby.watch());
    }

    @Override
    public PushResult handleIn(String event, JsonNode payload, ChannelContext ctx) {
        return switch (event) {
            case "quick_match" -> quickMatch(payload, ctx);
            case "cancel_match" -> cancel(ctx);
            default -> refused("unknown_event");
        };
    }

    private PushResult quickMatch(JsonNode payload, ChannelContext ctx) {
        Optional<String> name = Payloads.name(payload, "screen_name", names);
        if (name.isEmpty()) {
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("reason", "invalid_name");
            reply.put("field", "screen_name");
            reply.put("rule", names.rule());
            return PushResult.error(reply);
        }
        if (waiting != null && matchmaker.waits(waiting, ctx.pid())) {
            return refused("already_waiting");
        }
        if (ctx.assigns().get(GameChannel.GAMES_QUOTA) instanceof RateLimit quota && !quota.tryTake()) {
            timing.limited("games_per_minute");
            return refused("rate_limited");
        }
        Optional<String> refusal = matchmaker.enqueue(name.get(), ctx.pid());
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        waiting = name.get();
        return PushResult.ok(Map.of("status", "waiting"));
    }

    private PushResult cancel(ChannelContext ctx) {
        if (waiting == null) {
            return PushResult.ok(Map.of("status", "not_waiting"));
        }
        if (!matchmaker.cancel(waiting, ctx.pid())) {
            // being paired right now: the matched push follows
            return matchmaker.waits(waiting, ctx.pid()) ? refused("already_matched") : PushResult.ok(Map.of("status", "not_waiting"));
        }
        waiting = null;
        return PushResult.ok(Map.of("status", "cancelled"));
    }

    @Override
    public void handleInfo(Object message, ChannelContext ctx) throws Exception {
        switch (message) {
            case Matchmaker.Matched m -> {
                if (waiting != null) {
                    matchmaker.gone(waiting, ctx.pid());
                }
                waiting = null;
                Map<String, Object> push = new LinkedHashMap<>();
                push.put("game", m.game());
                push.put("role", m.role());
                push.put("token", m.token());
                push.put("opponent", m.opponent());
                ctx.push("matched", push);
            }
            case Matchmaker.NotMatched n -> {
                waiting = null;
                ctx.push("match_failed", Map.of("reason", n.reason()));
            }
            default -> ChannelHandler.super.handleInfo(message, ctx);
        }
    }

    @Override
    public void terminate(ExitReason reason, ChannelContext ctx) {
        if (waiting != null) {
            matchmaker.gone(waiting, ctx.pid());
        }
    }

    private static PushResult refused(String reason) {
        return PushResult.error(Map.of("reason", reason));
    }
}
