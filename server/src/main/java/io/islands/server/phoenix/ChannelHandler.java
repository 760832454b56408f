package io.islands.server.phoenix;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.runtime.ExitReason;
import org.slf4j.LoggerFactory;

/**
 * The callbacks of one channel: Java's {@code Phoenix.Channel}. A factory registered for a
 * topic pattern makes one handler per joined channel, and every callback of that handler runs
 * in the channel's own process, one at a time: fields of the handler need no locking.
 *
 * <table>
 *   <caption>Callbacks</caption>
 *   <tr><th>callback</th><th>called</th><th>the client sees</th></tr>
 *   <tr><td>{@link #join}</td><td>on phx_join, before the channel is subscribed to its topic</td>
 *       <td>phx_reply ok with the response, or error with the reason payload</td></tr>
 *   <tr><td>{@link #handleIn}</td><td>for each other event pushed on the topic</td>
 *       <td>phx_reply ok/error with the payload, or nothing for {@link PushResult#noReply()}</td></tr>
 *   <tr><td>{@link #handleInfo}</td><td>for any other message sent to {@link ChannelContext#pid()}
 *       (the channel traps exits: exit signals of linked processes arrive here as
 *       {@link io.islands.runtime.Exit})</td><td>nothing</td></tr>
 *   <tr><td>{@link #terminate}</td><td>after a successful join, when the channel ends: leave
 *       ({@code shutdown(left)}), disconnect ({@code shutdown(closed)}), rejoin of the topic
 *       ({@code shutdown(duplicate_join)}), server stop, or a throw from a callback
 *       ({@code crash})</td><td>-</td></tr>
 * </table>
 *
 * A callback that throws ends the channel: a throw from {@link #join} gives the client the
 * error {@code {"reason":"join crashed"}}; later throws give it {@code phx_error}. The socket
 * and its other channels live on.
 */
public interface ChannelHandler {

    /**
     * @param topic the topic joined, e.g. {@code game:moon}
     * @param params the join payload the client sent
     * @return {@link JoinResult#ok}, or {@link JoinResult#error} to refuse the join
     */
    JoinResult join(String topic, JsonNode params, ChannelContext ctx) throws Exception;

    /**
     * An event the client pushed. The default throws, which crashes the channel, as a Phoenix
     * channel without a matching {@code handle_in} clause does.
     *
     * @param payload the pushed payload: an object, or a bare string, number, ...
     */
    default PushResult handleIn(String event, JsonNode payload, ChannelContext ctx) throws Exception {
        throw new UnsupportedOperationException("no handleIn for event " + event + " on " + ctx.topic());
    }

    /** Any other message sent to the channel's process. The default logs and ignores it. */
    default void handleInfo(Object message, ChannelContext ctx) throws Exception {
        LoggerFactory.getLogger(ChannelHandler.class).warn("channel {} ignored message {}", ctx.topic(), message);
    }

    /** The channel is ending with {@code reason}. Must be quick; a throw is logged. */
    default void terminate(ExitReason reason, ChannelContext ctx) throws Exception {}
}
