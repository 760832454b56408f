package io.islands.server.phoenix;

import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import java.util.HashMap;
import java.util.Map;

/** The {@link ChannelContext} of one channel process. */
final class LiveChannelContext implements ChannelContext {
    private final String topic;
    private final String joinRef;
    private final Map<String, Object> assigns;
    private final Pid socket;
    private final Pid self;
    private final Endpoint endpoint;

    LiveChannelContext(String topic, String joinRef, Map<String, Object> socketAssigns, Pid socket, Endpoint endpoint) {
        this.topic = topic;
        this.joinRef = joinRef;
        this.assigns = new HashMap<>(socketAssigns);
        this.socket = socket;
        this.self = Proc.self();
        this.endpoint = endpoint;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public Map<String, Object> assigns() {
        return assigns;
    }

    @Override
    public void push(String event, Object payload) {
        endpoint.mailboxes().outbound(socket, new SocketProcess.Outbound(Frame.encode(joinRef, null, topic, event, payload)));
    }

    @Override
    public void broadcast(String event, Object payload) {
        endpoint.pubSub().broadcast(topic, event, payload, null);
    }

    @Override
    public void broadcastFrom(String event, Object payload) {
        endpoint.pubSub().broadcast(topic, event, payload, self);
    }

    @Override
    public Pid pid() {
        return self;
    }

    @Override
    public Presence presence() {
        return endpoint.presence();
    }

    @Override
    public String toString() {
        return "ChannelContext[" + topic + ", join_ref " + joinRef + ", " + self + "]";
    }
}
