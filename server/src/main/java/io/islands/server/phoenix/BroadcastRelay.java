package io.islands.server.phoenix;

import java.util.List;
import java.util.Map;

/**
 * Carries this server's broadcasts to the other servers of a cluster, and their presences here
 * (Phoenix's PubSub adapter and its distributed Presence, reduced to what a cluster needs). Set
 * with {@link PhoenixServer.Builder#relay}; the other side hands what it receives to {@link
 * PhoenixServer#deliver}.
 */
public interface BroadcastRelay {
    /** No cluster: broadcasts stay on this server. */
    BroadcastRelay NONE = new BroadcastRelay() {
        @Override
        public void published(String topic, String frame) {
        }

        @Override
        public List<Map<String, Presence.Entry>> remotePresences(String topic) {
            return List.of();
        }
    };

    /**
     * A broadcast was delivered to this server's subscribers of {@code topic}; send it on. Called on
     * the broadcasting thread: do not block.
     *
     * @param frame the encoded frame, {@code [null, null, topic, event, payload]}
     */
    void published(String topic, String frame);

    /** @return the presences on {@code topic} tracked by the other servers, each server's list by key */
    List<Map<String, Presence.Entry>> remotePresences(String topic);
}
