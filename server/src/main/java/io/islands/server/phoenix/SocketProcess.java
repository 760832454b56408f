package io.islands.server.phoenix;

import io.islands.runtime.Exit;
import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.IdleTimeout;
import io.islands.runtime.InitResult;
import io.islands.runtime.Next;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Result;
import io.islands.runtime.StartResult;
import io.islands.runtime.internal.ProcessHooks;
import io.islands.server.logging.LogLimiter;
import io.islands.server.logging.LogText;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection: Phoenix's socket transport process. It alone writes to the
 * connection ({@link Transport}); it decodes inbound frames, answers heartbeats, starts and
 * stops channel processes (one per joined topic, children of the endpoint's {@code channels}
 * supervisor, each linking itself to this socket) and routes pushes to them. It traps
 * exits: a channel's abnormal exit becomes {@code phx_error} for that topic, a normal one
 * {@code phx_close}; the socket lives on.
 *
 * <table>
 *   <caption>Messages</caption>
 *   <tr><th>message</th><th>from</th><th>does</th></tr>
 *   <tr><td>{@link Inbound}</td><td>Jetty</td><td>decodes and handles a frame; restarts the idle clock</td></tr>
 *   <tr><td>{@link Outbound}</td><td>channels, pub/sub</td><td>writes the frame</td></tr>
 *   <tr><td>{@link TransportClosed}</td><td>Jetty</td><td>stops with {@code shutdown(closed)}</td></tr>
 *   <tr><td>{@link Exit} of a channel</td><td>runtime</td><td>phx_close or phx_error for its topic</td></tr>
 *   <tr><td>{@link IdleTimeout}</td><td>runtime</td><td>after the idle time with no inbound frame: closes 1001</td></tr>
 * </table>
 * Stopping runs {@code terminate}: each channel is stopped (its handler's terminate runs), then
 * the connection is closed with a code that fits the reason; on a server stop the replies of the
 * pushes in hand are written while the channels stop, and the connection closes (1001) once they
 * have, or after {@link #DRAIN} even while a channel still waits for a game call, so that the
 * client reconnects soon. The process is a temporary child of
 * the endpoint's {@code sockets} supervisor: a {@code shutdown} from it closes 1001, as a server stop.
 */
final class SocketProcess implements GenServer<SocketProcess.SocketState> {
    private static final Logger LOG = LoggerFactory.getLogger(SocketProcess.class);

    /** A text frame from the client; {@code toString} redacts secrets (a join carries a seat token). */
    record Inbound(String text) {
        @Override
        public String toString() {
            return "Inbound[" + LogText.safe(text) + "]";
        }
    }

    /** A frame to write; {@code toString} redacts secrets (a join reply carries a seat token). */
    record Outbound(String text) {
        @Override
        public String toString() {
            return "Outbound[" + LogText.safe(text) + "]";
        }
    }

    record TransportClosed(int code, String reason) {}

    static final ExitReason CLOSED = ExitReason.shutdown("closed");
    static final ExitReason IDLE = ExitReason.shutdown("idle_timeout");
    static final ExitReason SERVER_STOP = ExitReason.shutdown("server_stop");
    private static final ExitReason DUPLICATE_JOIN = ExitReason.shutdown("duplicate_join");
    private static final Duration CHANNEL_STOP_TIMEOUT = Duration.ofSeconds(5);
    /** How long a socket of a stopping server waits for its channels' pushes in hand to be answered ({@link #drainThenClose}). */
    static final Duration DRAIN = Duration.ofMillis(250);
    /** How long the {@code sockets} supervisor waits for a socket to stop its channels and close. */
    static final Duration SHUTDOWN = Duration.ofSeconds(10);
    static final String UNMATCHED_TOPIC = "unmatched topic";

    private record Joined(Pid pid, String joinRef) {}

    static final ExitReason TOO_MANY_FRAMES = ExitReason.shutdown("too_many_frames");
    static final String TOO_MANY_CHANNELS = "too_many_channels";

    /** Confined to the socket's process. */
    static final class SocketState {
        final Map<String, Joined> channels = new HashMap<>();
        RateLimit frames;
        long lastInbound = System.nanoTime();
        boolean broken; // a write failed: the connection is gone
    }

    private final Transport transport;
    private final Map<String, Object> assigns;
    private final Endpoint endpoint;
    private final Mailboxes.Load load;

    /** @param load this socket's mailbox count; null when not counted */
    SocketProcess(Transport transport, Map<String, Object> assigns, Endpoint endpoint, Mailboxes.Load load) {
        this.transport = transport;
        this.assigns = Map.copyOf(assigns);
        this.endpoint = endpoint;
        this.load = load;
    }

    @Override
    public InitResult<SocketState> init() {
        Proc.trapExit(true);
        ProcessHooks.addExitHook(Proc.self(), (pid, reason) -> transport.closeSoon(1011, "server error"));
        SocketState s = new SocketState();
        s.frames = new RateLimit(endpoint.framesPerSecond(), Duration.ofSeconds(1), 2 * endpoint.framesPerSecond());
        return InitResult.ok(s, idleNext(s));
    }

    @Override
    public Result<SocketState> handleInfo(Object message, SocketState s) {
        switch (message) {
            case Inbound in -> {
                Mailboxes.handled(load, in.text());
                s.lastInbound = System.nanoTime();
                if (!s.frames.tryTake()) {
                    endpoint.counters().limitHit(ChannelCounters.FRAME_RATE);
                    long leftOut = endpoint.warnings().allow();
                    if (leftOut >= 0) {
                        LOG.warn("socket {} sent more than {} frames per second; closing{}", transport.remote(),
                                endpoint.framesPerSecond(), LogLimiter.leftOut(leftOut));
                    }
                    return Result.stop(TOO_MANY_FRAMES, s);
                }
                handleFrame(in.text(), s);
            }
            case Outbound out -> {
                Mailboxes.handled(load, out.text());
                write(out.text(), s);
            }
            case Exit e -> channelExited(e, s);
            case TransportClosed c -> {
                LOG.debug("socket {} closed by the client: {} {}", transport.remote(), c.code(), c.reason());
                return Result.stop(CLOSED, s);
            }
            case IdleTimeout t -> {
                if (idleLeft(s) <= 0) {
                    LOG.info("socket {}: no inbound frame for {}; closing", transport.remote(), endpoint.idleTimeout());
                    return Result.stop(IDLE, s);
                }
            }
            default -> LOG.warn("socket {} ignored message {}", transport.remote(), LogText.clean(String.valueOf(message)));
        }
        return s.broken ? Result.stop(CLOSED, s) : Result.noReply(s, idleNext(s));
    }

    @Override
    public void terminate(ExitReason reason, SocketState s) {
        if (reason.equals(SERVER_STOP) || reason.equals(ExitReason.shutdown())) {
            drainThenClose(reason, s);
            return;
        }
        for (Joined j : s.channels.values()) {
            ProcessStop.stop(j.pid(), reason.isNormalExit() ? reason : CLOSED, CHANNEL_STOP_TIMEOUT);
        }
        s.channels.clear();
        if (reason.equals(IDLE)) {
            transport.close(1001, "idle timeout");
        } else if (reason.equals(TOO_MANY_FRAMES)) {
            transport.close(1008, "too many frames");
        } else if (!reason.isNormalExit()) {
            transport.close(1011, "server error");
        }
    }

    /** Its channels have stopped: sent to the socket process by the thread that stops them ({@link #drainThenClose}). */
    private enum ChannelsStopped { INSTANCE }

    /**
     * A server stop: the channels stop, each after the push it is handling (in a cluster's
     * hand-off, a move forwarded to the game's new node), and the replies they send meanwhile are
     * written, for up to {@link #DRAIN}; then the connection closes 1001, at {@link #DRAIN} at the
     * latest even while a channel still waits: the client must not be kept on a socket that
     * answers nothing (a regression of 2026-12-03, {@code ConnectionTest}), and it reconnects to
     * another node at once. Frames that arrive meanwhile are not read: a push sent now is lost with
     * the socket and sent again by the client after it reconnects (move ids make that safe). Before
     * 2026-12-04 evening the socket closed first, so the answer of a move in hand was lost too and
     * the client paid a reconnect before it learnt it (docs/cluster.md, SIGTERM). Returns once the
     * channels have stopped (each within {@code CHANNEL_STOP_TIMEOUT}, else it is killed).
     */
    private void drainThenClose(ExitReason reason, SocketState s) {
        Pid self = Proc.self();
        List<Pid> channels = s.channels.values().stream().map(Joined::pid).toList();
        s.channels.clear();
        Thread.ofVirtual().name("socket-stop").start(() -> {
            try {
                for (Pid channel : channels) {
                    ProcessStop.stop(channel, reason, CHANNEL_STOP_TIMEOUT);
                }
            } finally {
                Proc.send(self, ChannelsStopped.INSTANCE);
            }
        });
        long deadline = System.nanoTime() + DRAIN.toNanos();
        boolean stopped = false;
        for (long left; !stopped && (left = deadline - System.nanoTime()) > 0; ) {
            Optional<Object> m = Proc.receive(x -> x instanceof Outbound || x == ChannelsStopped.INSTANCE,
                    Duration.ofNanos(left));
            if (m.isEmpty()) {
                break;
            }
            if (m.get() instanceof Outbound out) {
                Mailboxes.handled(load, out.text());
                write(out.text(), s);
            } else {
                stopped = true;
            }
        }
        transport.close(1001, "server shutting down");
        if (!stopped) {
            Proc.receive(x -> x == ChannelsStopped.INSTANCE, CHANNEL_STOP_TIMEOUT.multipliedBy(channels.size() + 1L));
        }
    }

    // ---- inbound ---------------------------------------------------------------------------

    private void handleFrame(String text, SocketState s) {
        switch (FrameDecoder.decode(text, endpoint.maxFrameBytes())) {
            case FrameDecoder.Invalid bad -> {
                endpoint.counters().frameRefused();
                long leftOut = endpoint.warnings().allow();
                if (leftOut >= 0) {
                    LOG.warn("socket {} dropped a frame ({}): {}{}", transport.remote(), bad.why(),
                            LogText.safe(text), LogLimiter.leftOut(leftOut));
                }
            }
            case FrameDecoder.TooLarge big -> { // a backstop: Jetty closes 1009 first (its limit is the same)
                endpoint.counters().frameRefused();
                Frame h = big.header();
                long leftOut = endpoint.warnings().allow();
                if (leftOut >= 0) {
                    LOG.warn("socket {} refused a frame over the limit of {} bytes, topic {}{}", transport.remote(),
                            endpoint.maxFrameBytes(), h == null ? "unreadable: dropped" : LogText.clean(h.topic()),
                            LogLimiter.leftOut(leftOut));
                }
                if (h != null) {
                    write(Frame.errorReply(h.joinRef(), h.ref(), h.topic(), "frame_too_large"), s);
                }
            }
            case FrameDecoder.Ok ok -> route(ok.frame(), text.length(), s);
        }
    }

    private void route(Frame f, int size, SocketState s) {
        if (Frame.PHOENIX_TOPIC.equals(f.topic()) && Frame.HEARTBEAT.equals(f.event())) {
            write(Frame.reply(f.joinRef(), f.ref(), f.topic(), "ok", null), s);
        } else if (Frame.JOIN.equals(f.event())) {
            join(f, s);
        } else {
            Joined j = s.channels.get(f.topic());
            if (j != null) {
                if (Frame.LEAVE.equals(f.event())) {
                    Proc.send(j.pid(), new ChannelProcess.Leave(f.ref()));
                } else if (endpoint.mailboxes().admitPush(load, size)) {
                    Proc.send(j.pid(), new ChannelProcess.In(f.event(), f.payload(), f.ref(), size, load));
                }
            } else if (Frame.LEAVE.equals(f.event())) {
                write(Frame.reply(f.joinRef(), f.ref(), f.topic(), "ok", null), s); // already gone: leaving is idempotent
            } else {
                write(Frame.errorReply(f.joinRef(), f.ref(), f.topic(), UNMATCHED_TOPIC), s);
            }
        }
    }

    private void join(Frame f, SocketState s) {
        Joined old = s.channels.remove(f.topic());
        if (old != null) {
            ProcessStop.stop(old.pid(), DUPLICATE_JOIN, CHANNEL_STOP_TIMEOUT);
        }
        if (s.channels.size() >= endpoint.maxChannelsPerSocket()) {
            endpoint.counters().limitHit(ChannelCounters.CHANNELS_PER_SOCKET);
            write(Frame.errorReply(f.joinRef(), f.ref(), f.topic(), TOO_MANY_CHANNELS), s);
            return;
        }
        Optional<Supplier<? extends ChannelHandler>> factory = endpoint.routes().match(f.topic());
        if (factory.isEmpty()) {
            write(Frame.errorReply(f.joinRef(), f.ref(), f.topic(), UNMATCHED_TOPIC), s);
            return;
        }
        ChannelProcess channel = new ChannelProcess(f.topic(), f.joinRef(), factory.get(), Proc.self(), assigns, endpoint);
        String label = "channel " + LogText.clean(f.topic(), 100);
        StartResult started = Endpoint.startTemporary(endpoint.channels(), label, CHANNEL_STOP_TIMEOUT,
                () -> GenServer.startLink(channel,
                        StartOptions.DEFAULT.withLabel(label).withHibernateAfter(PhoenixServer.HIBERNATE_AFTER)));
        if (!(started instanceof StartResult.Ok(Pid pid))) {
            LOG.warn("socket {}: channel {} failed to start: {}", transport.remote(), LogText.clean(f.topic()), started);
            write(Frame.errorReply(f.joinRef(), f.ref(), f.topic(), "join crashed"), s);
            return;
        }
        Object result;
        try {
            result = GenServer.call(pid, new ChannelProcess.Join(f.payload()), endpoint.joinTimeout());
        } catch (ExitException e) {
            if (e.reason() instanceof ExitReason.Timeout) {
                LOG.warn("socket {}: join of {} took longer than {}; killing the channel",
                        transport.remote(), LogText.clean(f.topic()), endpoint.joinTimeout());
                Proc.exit(pid, ExitReason.kill());
            }
            write(Frame.errorReply(f.joinRef(), f.ref(), f.topic(), "join crashed"), s);
            return;
        }
        switch ((JoinResult) result) {
            case JoinResult.Ok ok -> {
                s.channels.put(f.topic(), new Joined(pid, f.joinRef()));
                write(Frame.reply(f.joinRef(), f.ref(), f.topic(), "ok", ok.response()), s);
            }
            case JoinResult.Error error -> write(Frame.reply(f.joinRef(), f.ref(), f.topic(), "error", error.reason()), s);
        }
    }

    // ---- channels --------------------------------------------------------------------------

    private void channelExited(Exit e, SocketState s) {
        for (Map.Entry<String, Joined> entry : s.channels.entrySet()) {
            Joined j = entry.getValue();
            if (j.pid().equals(e.from())) {
                s.channels.remove(entry.getKey());
                String event = e.reason().isNormalExit() ? Frame.CLOSE : Frame.ERROR;
                if (!e.reason().isNormalExit()) {
                    endpoint.counters().channelError();
                }
                write(Frame.channelEvent(j.joinRef(), entry.getKey(), event), s);
                return;
            }
        }
        // a channel that failed to join, was replaced by a rejoin, or a stranger: nothing to tell
    }

    // ---- outbound and idle -----------------------------------------------------------------

    private void write(String frame, SocketState s) {
        if (!s.broken && !transport.send(frame)) {
            s.broken = true;
        }
    }

    private long idleLeft(SocketState s) {
        return s.lastInbound + endpoint.idleTimeout().toNanos() - System.nanoTime();
    }

    private Next idleNext(SocketState s) {
        return Next.timeout(Duration.ofNanos(Math.max(0, idleLeft(s))));
    }
}
