package io.islands.server.phoenix;

import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import io.islands.server.logging.LogLimiter;
import io.islands.server.logging.LogText;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.messages.MessageSink;
import org.eclipse.jetty.websocket.core.messages.StringMessageSink;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty side of {@code /socket/websocket}: the upgrade's negotiator (the origin check, 403
 * before any WebSocket; the session's limits) and each connection's frame handler. On open the
 * handler checks the protocol version and the {@link SocketConnector}, then starts a
 * {@link SocketProcess} as a temporary child of the endpoint's {@code sockets} supervisor;
 * afterwards it only hands Jetty's events (text messages, close) to that process. Runs on
 * Jetty's (virtual) threads.
 *
 * <p>Design note: the route is Jetty's WebSocket core ({@link SocketServlet} upgrades with this
 * negotiator), neither a Javalin {@code ws} route nor Jetty's WebSocket API: Javalin's connection
 * keeps its upgrade context for the connection's life and makes an HTTP session per socket, and
 * Jetty's API session keeps the upgrade response, whose header view holds the whole HTTP
 * exchange (servlet request and response, the HTTP connection and its parser, seven locks):
 * about 8 KB per idle player together (docs/benchmarks.md, "Heap per player"). Here a
 * connection keeps Jetty's core session and this handler (its query parameters until open, then
 * its socket process, address, mailbox count and text aggregator). The open handlers are a
 * concurrent set; a handler's fields are written on open, before it is in the set, and read by
 * Jetty's later events of the same connection, which Jetty serializes.
 */
final class WebSocketRoute implements WebSocketNegotiator {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketRoute.class);
    static final String PATH = "/socket/websocket";
    /** Phoenix accepts {@code ~> 2.0.0}: any 2.0.x. */
    private static final Pattern V2 = Pattern.compile("2\\.0\\.\\d+");

    private final Endpoint endpoint;
    private final SocketConnector connector;
    private final int maxSocketsPerAddress;
    private final Set<Conn> open = ConcurrentHashMap.newKeySet();
    /** Open connections per remote address; an entry goes when its count reaches 0. */
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();

    private final OriginPolicy origins;
    /** Set while a stop closes the sockets one after another ({@link PhoenixServer.Builder#closeSpread}). */
    private volatile boolean refusing;

    WebSocketRoute(Endpoint endpoint, SocketConnector connector, int maxSocketsPerAddress, OriginPolicy origins) {
        this.endpoint = endpoint;
        this.connector = connector;
        this.maxSocketsPerAddress = maxSocketsPerAddress;
        this.origins = origins;
    }

    /**
     * The upgrade: refused with 503 while a stop closes the sockets, and with 403 for a page
     * from an origin not allowed (null: the response written, no WebSocket). Otherwise the
     * connection's handler, holding its query parameters until it opens.
     */
    @Override
    public FrameHandler negotiate(ServerUpgradeRequest req, ServerUpgradeResponse resp, Callback callback) {
        if (refusing) { // a load balancer tries the next node (docs/cluster.md: proxy_next_upstream http_503)
            Response.writeError(req, resp, callback, 503, "server stopping");
            return null;
        }
        String origin = req.getHeaders().get(HttpHeader.ORIGIN);
        if (!origins.allows(origin, req.getHeaders().get(HttpHeader.HOST))) {
            endpoint.counters().limitHit(ChannelCounters.ORIGIN);
            long leftOut = endpoint.warnings().allow();
            if (leftOut >= 0) {
                LOG.warn("upgrade from {} refused: origin {} not allowed{}", Request.getRemoteAddr(req),
                        LogText.clean(origin, 100), LogLimiter.leftOut(leftOut));
            }
            Response.writeError(req, resp, callback, 403, "origin not allowed");
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (Fields.Field f : Request.extractQueryParameters(req)) {
            if (f.getValue() != null) {
                params.put(f.getName(), f.getValue());
            }
        }
        return new Conn(this, params);
    }

    /** From now on upgrades are refused with 503 ({@code true}: a stop is closing the sockets) or accepted. */
    void refuseUpgrades(boolean refuse) {
        refusing = refuse;
    }

    /** The limits of every socket's Jetty session (the same as {@link PhoenixServer}'s other WebSocket routes). */
    @Override
    public void customize(Configuration c) {
        limits(c, endpoint.maxFrameBytes(), endpoint.idleTimeout());
    }

    /** Sets a Jetty session's limits as every socket's: the frame limit, the idle time's backstop, the input buffer. */
    static void limits(Configuration c, int maxFrameBytes, Duration idleTimeout) {
        // Jetty's message limit is the frame limit, so an oversize frame is never buffered
        // whole: Jetty closes the connection 1009 as soon as it reads past it. Our idle
        // time (inbound frames only) comes first; Jetty's is the backstop behind it.
        c.setMaxTextMessageSize(maxFrameBytes);
        c.setMaxFrameSize(maxFrameBytes);
        c.setIdleTimeout(idleTimeout.plusSeconds(30));
        // Jetty sizes each inbound text message's string builder (and its read buffer) by
        // this: its default 4 KiB made the largest allocation site of a move, for ~100-byte
        // frames (docs/benchmarks.md, "Web path (issue 18)"). Larger frames still arrive whole.
        c.setInputBufferSize(PhoenixServer.INPUT_BUFFER_BYTES);
    }

    /**
     * One connection: Jetty's handler of its frames. Text messages are put together by Jetty's
     * {@link StringMessageSink} (which enforces the message limit, closing 1009); pings are
     * answered; binary messages are dropped with a warning; close frames are Jetty's to answer.
     */
    private static final class Conn implements FrameHandler {
        private final WebSocketRoute route;
        /** The query parameters, until open. */
        private Map<String, String> params;
        private MessageSink text;
        /** The opcode of the data message in progress (its continuation frames carry none). */
        private byte dataType;
        private CoreSession session;
        private Pid pid;
        private String address;
        private Mailboxes.Load load;

        Conn(WebSocketRoute route, Map<String, String> params) {
            this.route = route;
            this.params = params;
        }

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            session = coreSession;
            text = new StringMessageSink(coreSession, args -> {
                onText((String) args[0]);
                return null;
            }, true);
            Map<String, String> query = params;
            params = null;
            route.connected(this, coreSession, query);
            callback.succeeded();
            coreSession.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            byte op = frame.getOpCode();
            if (op == OpCode.TEXT || op == OpCode.BINARY) {
                dataType = op;
            }
            switch (frame.isDataFrame() ? dataType : op) {
                case OpCode.TEXT -> text.accept(frame, callback); // demands the next frame itself
                case OpCode.BINARY -> {
                    if (op == OpCode.BINARY) {
                        long leftOut = route.endpoint.warnings().allow();
                        if (leftOut >= 0) {
                            LOG.warn("socket {} dropped a binary frame: only V2 JSON text frames are spoken here{}",
                                    session.getRemoteAddress(), LogLimiter.leftOut(leftOut));
                        }
                    }
                    succeedAndDemand(callback);
                }
                case OpCode.PING -> {
                    ByteBuffer payload = BufferUtil.copy(frame.getPayload());
                    session.sendFrame(new Frame(OpCode.PONG).setPayload(payload),
                            Callback.from(() -> succeedAndDemand(callback), callback::failed), false);
                }
                case OpCode.CLOSE -> callback.succeeded(); // Jetty answers it, then onClosed
                default -> succeedAndDemand(callback); // pong
            }
        }

        private void succeedAndDemand(Callback callback) {
            callback.succeeded();
            session.demand();
        }

        private void onText(String message) {
            if (pid != null) {
                route.endpoint.mailboxes().inbound(pid, load, message);
            }
        }

        @Override
        public void onError(Throwable error, Callback callback) {
            LOG.debug("socket {} transport error: {}", session == null ? "?" : session.getRemoteAddress(),
                    String.valueOf(error));
            if (text != null) {
                text.fail(error);
            }
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus status, Callback callback) {
            if (pid != null && route.open.remove(this)) {
                route.release(address);
                route.endpoint.mailboxes().close(pid);
                Proc.send(pid, new SocketProcess.TransportClosed(status.getCode(), status.getReason()));
            }
            callback.succeeded();
        }
    }

    private void connected(Conn conn, CoreSession session, Map<String, String> query) {
        String vsn = query.remove("vsn");
        if (vsn == null || !V2.matcher(vsn).matches()) {
            String shown = vsn == null ? "none" : LogText.clean(vsn, 16);
            LOG.info("socket {} refused: vsn={}", session.getRemoteAddress(), shown);
            session.close(1008, "unsupported vsn=" + shown + "; this server speaks vsn=2.0.0 (V2 JSON)", Callback.NOOP);
            return;
        }
        Optional<Map<String, Object>> assigns = connector.connect(Map.copyOf(query));
        if (assigns.isEmpty()) {
            session.close(1008, "unauthorized", Callback.NOOP);
            return;
        }
        String address = address(session);
        int count = perAddress.merge(address, 1, Integer::sum);
        if (count > maxSocketsPerAddress) {
            release(address);
            endpoint.counters().limitHit(ChannelCounters.SOCKETS_PER_ADDRESS);
            long leftOut = endpoint.warnings().allow();
            if (leftOut >= 0) {
                LOG.warn("socket {} refused: {} connections open from that address already{}",
                        session.getRemoteAddress(), maxSocketsPerAddress, LogLimiter.leftOut(leftOut));
            }
            session.close(1013, "too many connections from your address", Callback.NOOP);
            return;
        }
        Transport transport = new Transport(session);
        Mailboxes.Load load = new Mailboxes.Load(transport);
        String label = "socket " + transport.remote();
        StartResult started = Endpoint.startTemporary(endpoint.sockets(), label, SocketProcess.SHUTDOWN,
                () -> GenServer.startLink(new SocketProcess(transport, assigns.get(), endpoint, load),
                        GenServer.StartOptions.DEFAULT.withLabel(label).withHibernateAfter(PhoenixServer.HIBERNATE_AFTER)));
        if (!(started instanceof StartResult.Ok(Pid pid))) { // the supervisor is restarting, or the server stopping
            release(address);
            LOG.info("socket {} refused: its process did not start: {}", transport.remote(), started);
            session.close(1013, "server unavailable, try again", Callback.NOOP);
            return;
        }
        endpoint.mailboxes().register(pid, load); // before any frame can be sent to it
        conn.pid = pid;
        conn.address = address;
        conn.load = load;
        open.add(conn);
    }

    private void release(String address) {
        perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    private static String address(CoreSession session) {
        SocketAddress remote = session.getRemoteAddress();
        return remote instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(remote);
    }

    /** @return how many connections are open now */
    int openSockets() {
        return open.size();
    }

    /** @return the socket processes of open connections now */
    List<Pid> sockets() {
        return open.stream().map(c -> c.pid).toList();
    }
}
