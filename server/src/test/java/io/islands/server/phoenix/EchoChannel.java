package io.islands.server.phoenix;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Proc;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The test channel: each event name exercises one part of the handler API. Lifecycle events
 * ("join topic", "terminate topic reason") go to {@code events}.
 */
final class EchoChannel implements ChannelHandler {
    /** The join response: {@code {"topic": ..., "params": ...}}, in that order. */
    record Joined(String topic, JsonNode params) {}

    private final Consumer<String> events;
    /** What a "hold" push waits for (a test completes it). */
    static volatile java.util.concurrent.CompletableFuture<Void> HOLD = new java.util.concurrent.CompletableFuture<>();
    /** The channel process that is waiting in a "hold" push, once one is. */
    static volatile io.islands.runtime.Pid HOLDING;

    EchoChannel(Consumer<String> events) {
        this.events = events;
    }

    @Override
    public JoinResult join(String topic, JsonNode params, ChannelContext ctx) {
        if (params.has("reject")) {
            return JoinResult.refused(params.get("reject").asText());
        }
        if (params.has("crash")) {
            throw new IllegalStateException("join crash requested");
        }
        events.accept("join " + topic);
        return JoinResult.ok(new Joined(topic, params));
    }

    @Override
    public PushResult handleIn(String event, JsonNode payload, ChannelContext ctx) throws Exception {
        return switch (event) {
            case "echo" -> PushResult.ok(payload);
            case "fail" -> PushResult.error(payload);
            case "silent" -> PushResult.noReply();
            case "push" -> {
                ctx.push("pushed", payload);
                yield PushResult.noReply();
            }
            case "shout" -> {
                ctx.broadcast("shout", payload);
                yield PushResult.noReply();
            }
            case "shout_others" -> {
                ctx.broadcastFrom("shout", payload);
                yield PushResult.ok();
            }
            case "assigns" -> PushResult.ok(ctx.assigns());
            case "to_self" -> {
                Proc.send(ctx.pid(), payload.asText());
                yield PushResult.noReply();
            }
            case "crash" -> throw new IllegalStateException("crash requested");
            case "hold" -> { // busy until the test lets go (a channel waiting for a slow game call)
                HOLDING = ctx.pid();
                HOLD.get(30, java.util.concurrent.TimeUnit.SECONDS);
                yield PushResult.ok();
            }
            default -> ChannelHandler.super.handleIn(event, payload, ctx);
        };
    }

    @Override
    public void handleInfo(Object message, ChannelContext ctx) {
        ctx.push("info", Map.of("message", String.valueOf(message)));
    }

    @Override
    public void terminate(ExitReason reason, ChannelContext ctx) {
        events.accept("terminate " + ctx.topic() + " " + reason);
    }
}
