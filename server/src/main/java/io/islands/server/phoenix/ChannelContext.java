package io.islands.server.phoenix;

import io.islands.runtime.Pid;
import java.util.Map;

/**
 * What a {@link ChannelHandler} knows of its channel and can do with it: Phoenix's channel
 * {@code socket}. {@link #assigns()} is confined to the channel's process; the sending
 * functions may be called from any thread.
 */
public interface ChannelContext {
    /** @return the topic, e.g. {@code game:moon} */
    String topic();

    /**
     * @return this channel's assigns: a mutable map, filled at the start with the socket's
     *     assigns (what the {@link SocketConnector} returned). Use it only in the callbacks.
     */
    Map<String, Object> assigns();

    /** Sends {@code [join_ref, null, topic, event, payload]} to this channel's client. */
    void push(String event, Object payload);

    /** Sends {@code [null, null, topic, event, payload]} to every subscriber of the topic, this client included. */
    void broadcast(String event, Object payload);

    /** Like {@link #broadcast}, to every subscriber but this channel. */
    void broadcastFrom(String event, Object payload);

    /** @return the channel's process: send it messages to reach {@link ChannelHandler#handleInfo} */
    Pid pid();

    /** @return the presence tracker of this server (track with this context) */
    Presence presence();
}
