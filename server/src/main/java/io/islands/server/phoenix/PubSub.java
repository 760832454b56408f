package io.islands.server.phoenix;

import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Registry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Topic subscriptions of joined channels, on a duplicate-key {@link Registry}: the key is the
 * topic, the entry's process is the channel and its value the channel's socket process. A
 * broadcast is encoded once and handed to each subscriber's socket process, which writes it
 * (Phoenix's fastlane). Entries vanish when their channel exits.
 */
final class PubSub {
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final Registry registry = Registry.duplicate("phoenix.pubsub." + INSTANCES.incrementAndGet());
    private final Mailboxes mailboxes;
    private final BroadcastRelay relay;

    PubSub(Mailboxes mailboxes, BroadcastRelay relay) {
        this.mailboxes = mailboxes;
        this.relay = relay;
    }

    /** Subscribes the calling channel process; {@code socket} gets the frames. */
    void subscribe(String topic, Pid socket) {
        registry.register(topic, socket);
    }

    /**
     * Sends {@code [null, null, topic, event, payload]} to every subscriber except the channel
     * {@code except} (null: to all), then hands the frame to the relay (the other servers of a
     * cluster, whose subscribers all get it). Any thread.
     */
    void broadcast(String topic, String event, Object payload, Pid except) {
        String text = Frame.encode(null, null, topic, event, payload);
        deliver(topic, text, except);
        relay.published(topic, text);
    }

    /** Sends an encoded broadcast frame to this server's subscribers of {@code topic} except {@code except}. */
    void deliver(String topic, String text, Pid except) {
        SocketProcess.Outbound frame = new SocketProcess.Outbound(text);
        registry.dispatch(topic, (channel, socket) -> {
            if (!channel.equals(except)) {
                mailboxes.outbound((Pid) socket, frame);
            }
        });
    }

    /** Sends {@code message} to every channel process subscribed to {@code topic}. Any thread. */
    void tellChannels(String topic, Object message) {
        registry.dispatch(topic, (channel, socket) -> Proc.send(channel, message));
    }

    /** @return the number of subscriptions (for tests and leak checks) */
    int count() {
        return registry.count();
    }
}
