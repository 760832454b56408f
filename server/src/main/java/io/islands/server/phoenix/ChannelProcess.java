package io.islands.server.phoenix;

import com.fasterxml.jackson.databind.JsonNode;
import io.islands.runtime.Exit;
import io.islands.runtime.ExitReason;
import io.islands.runtime.From;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Result;
import io.islands.server.logging.LogText;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One joined channel: a process started by its socket process as a temporary child of the
 * endpoint's {@code channels} supervisor, running the {@link ChannelHandler}'s callbacks. Its
 * init links it to its socket and it traps exits, so its socket's exit stops it through
 * {@code terminate} with the socket's reason (a socket already gone: {@code noproc}), and its own
 * exit reaches the socket. Its replies and pushes go to the socket process as frames.
 *
 * <table>
 *   <caption>Messages</caption>
 *   <tr><th>message</th><th>from</th><th>does</th></tr>
 *   <tr><td>call {@link Join}</td><td>socket</td><td>handler.join; on ok subscribes to the topic and
 *       replies the result; on error replies it and exits normal</td></tr>
 *   <tr><td>{@link In}</td><td>socket</td><td>handler.handleIn, then the phx_reply if any</td></tr>
 *   <tr><td>{@link Leave}</td><td>socket</td><td>replies ok, then stops with {@code shutdown(left)}</td></tr>
 *   <tr><td>{@link Exit} of its socket</td><td>runtime</td><td>stops with the socket's reason</td></tr>
 *   <tr><td>anything else</td><td>anyone</td><td>handler.handleInfo</td></tr>
 * </table>
 */
final class ChannelProcess implements GenServer<ChannelProcess.Phase> {
    enum Phase { JOINING, JOINED }

    /** The join call; {@code toString} redacts secrets (the params carry a seat token). */
    record Join(JsonNode params) {
        @Override
        public String toString() {
            return "Join[" + LogText.safe(String.valueOf(params)) + "]";
        }
    }

    /**
     * A push; {@code toString} shows client text escaped and shortened, secrets redacted.
     *
     * @param size its frame's characters, counted in {@code load} until handled
     * @param load the socket's mailbox count, or null when not counted
     */
    record In(String event, JsonNode payload, String ref, int size, Mailboxes.Load load) {
        In(String event, JsonNode payload, String ref) {
            this(event, payload, ref, 0, null);
        }

        @Override
        public String toString() {
            return "In[event=" + LogText.clean(event, 40) + ", payload="
                    + LogText.safe(String.valueOf(payload)) + ", ref=" + LogText.clean(ref, 20) + "]";
        }
    }

    record Leave(String ref) {}

    static final ExitReason LEFT = ExitReason.shutdown("left");
    /** The server closed the channel's topic ({@link PhoenixServer#closeTopic}); the client gets phx_close. */
    static final ExitReason TOPIC_CLOSED = ExitReason.shutdown("topic_closed");

    /** Sent by {@link PhoenixServer#closeTopic}: stop with {@link #TOPIC_CLOSED}. */
    enum CloseTopic { INSTANCE }

    private final String topic;
    private final String joinRef;
    private final Supplier<? extends ChannelHandler> factory;
    private final Pid socket;
    private final Map<String, Object> socketAssigns;
    private final Endpoint endpoint;
    private ChannelHandler handler;
    private LiveChannelContext ctx;

    ChannelProcess(String topic, String joinRef, Supplier<? extends ChannelHandler> factory,
                   Pid socket, Map<String, Object> socketAssigns, Endpoint endpoint) {
        this.topic = topic;
        this.joinRef = joinRef;
        this.factory = factory;
        this.socket = socket;
        this.socketAssigns = socketAssigns;
        this.endpoint = endpoint;
    }

    @Override
    public InitResult<Phase> init() {
        Proc.trapExit(true);
        Proc.link(socket); // a dead socket: Exit(socket, noproc), handled below
        handler = factory.get();
        return InitResult.ok(Phase.JOINING);
    }

    @Override
    public Result<Phase> handleCall(Object request, From from, Phase phase) throws Exception {
        if (!(request instanceof Join join) || phase != Phase.JOINING) {
            throw new IllegalStateException("unexpected call " + request + " in phase " + phase);
        }
        ctx = new LiveChannelContext(topic, joinRef, socketAssigns, socket, endpoint); // the join's params go to join only
        JoinResult result = handler.join(topic, join.params(), ctx);
        return switch (result) {
            case JoinResult.Ok ok -> {
                endpoint.pubSub().subscribe(topic, socket);
                yield Result.reply(ok, Phase.JOINED);
            }
            case JoinResult.Error error -> Result.stopReply(ExitReason.normal(), error, phase);
            case null -> throw new IllegalStateException("join of " + topic + " returned null");
        };
    }

    @Override
    public Result<Phase> handleInfo(Object message, Phase phase) throws Exception {
        if (message instanceof Exit e && e.from().equals(socket)) {
            return Result.stop(e.reason(), phase); // the socket's exit ends its channels, in any phase
        }
        if (phase != Phase.JOINED) {
            return Result.noReply(phase); // only the socket talks to a joining channel, by call
        }
        switch (message) {
            case In in -> {
                Mailboxes.handled(in.load(), in.size());
                PushResult result = handler.handleIn(in.event(), in.payload(), ctx);
                switch (result) {
                    case PushResult.Reply r -> toSocket(Frame.reply(joinRef, in.ref(), topic, r.status(), r.response()));
                    case PushResult.NoReply n -> { }
                    case null -> throw new IllegalStateException("handleIn of " + in.event() + " returned null");
                }
            }
            case CloseTopic close -> {
                return Result.stop(TOPIC_CLOSED, phase);
            }
            case Leave leave -> {
                toSocket(Frame.reply(joinRef, leave.ref(), topic, "ok", null));
                return Result.stop(LEFT, phase);
            }
            default -> handler.handleInfo(message, ctx);
        }
        return Result.noReply(phase);
    }

    @Override
    public void terminate(ExitReason reason, Phase phase) throws Exception {
        if (phase == Phase.JOINED) {
            handler.terminate(reason, ctx);
        }
    }

    private void toSocket(String frame) {
        endpoint.mailboxes().outbound(socket, new SocketProcess.Outbound(frame));
    }
}
