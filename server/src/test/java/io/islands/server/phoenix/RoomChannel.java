package io.islands.server.phoenix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A test channel that uses presence as the book's GameChannel does: at most two distinct names
 * per topic, tracking after the join reply (a message to itself), and a "show_subscribers"
 * event that broadcasts the presence list.
 */
final class RoomChannel implements ChannelHandler {
    private record AfterJoin(String name) {}

    @Override
    public JoinResult join(String topic, JsonNode params, ChannelContext ctx) {
        String name = params.path("name").asText();
        Map<String, Presence.Entry> present = ctx.presence().list(topic);
        if (present.size() >= 2 || present.containsKey(name)) {
            return JoinResult.refused("unauthorized");
        }
        io.islands.runtime.Proc.send(ctx.pid(), new AfterJoin(name));
        return JoinResult.ok();
    }

    @Override
    public PushResult handleIn(String event, JsonNode payload, ChannelContext ctx) throws Exception {
        return switch (event) {
            case "show_subscribers" -> {
                ctx.broadcast("subscribers", ctx.presence().list(ctx.topic()));
                yield PushResult.noReply();
            }
            case "untrack" -> {
                ctx.presence().untrack(ctx, payload.asText());
                yield PushResult.ok();
            }
            default -> ChannelHandler.super.handleIn(event, payload, ctx);
        };
    }

    @Override
    public void handleInfo(Object message, ChannelContext ctx) {
        if (message instanceof AfterJoin(String name)) {
            ctx.presence().track(ctx, name, Map.of("online_at", "1518912345"));
        }
    }
}
