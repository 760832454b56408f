package io.islands.server.phoenix;

import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import io.islands.server.logging.LogLimiter;
import io.islands.server.logging.LogText;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsMessageContext;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin side of {@code /socket/websocket}: on connect it checks the protocol version and
 * the {@link SocketConnector}, then starts a {@link SocketProcess} as a temporary child of the
 * endpoint's {@code sockets} supervisor; afterwards it only hands
 * Jetty's events (text frames, close) to that process. Runs on Jetty's (virtual) threads.
 */
final class WebSocketRoute {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketRoute.class);
    static final String PATH = "/socket/websocket";
    /** Phoenix accepts {@code ~> 2.0.0}: any 2.0.x. */
    private static final Pattern V2 = Pattern.compile("2\\.0\\.\\d+");

    /** One open connection: its socket process, its remote address and its mailbox count. */
    private record Conn(Pid pid, String address, Mailboxes.Load load) {}

    private final Endpoint endpoint;
    private final SocketConnector connector;
    private final int maxSocketsPerAddress;
    private final Map<String, Conn> sockets = new ConcurrentHashMap<>();
    /** Open connections per remote address; an entry goes when its count reaches 0. */
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();

    private final OriginPolicy origins;

    WebSocketRoute(Endpoint endpoint, SocketConnector connector, int maxSocketsPerAddress, OriginPolicy origins) {
        this.endpoint = endpoint;
        this.connector = connector;
        this.maxSocketsPerAddress = maxSocketsPerAddress;
        this.origins = origins;
    }

    /** Before the upgrade: a page from an origin not allowed gets 403 and no WebSocket. */
    void checkOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (!origins.allows(origin, ctx.header("Host"))) {
            endpoint.counters().limitHit(ChannelCounters.ORIGIN);
            long leftOut = endpoint.warnings().allow();
            if (leftOut >= 0) {
                LOG.warn("upgrade from {} refused: origin {} not allowed{}", ctx.ip(), LogText.clean(origin, 100),
                        LogLimiter.leftOut(leftOut));
            }
            throw new ForbiddenResponse("origin not allowed");
        }
    }

    void configure(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onMessage(this::message);
        ws.onBinaryMessage(ctx -> {
            long leftOut = endpoint.warnings().allow();
            if (leftOut >= 0) {
                LOG.warn("socket {} dropped a binary frame: only V2 JSON text frames are spoken here{}",
                        ctx.session.getRemoteSocketAddress(), LogLimiter.leftOut(leftOut));
            }
        });
        ws.onClose(this::closed);
        ws.onError(ctx -> LOG.debug("socket {} transport error: {}", ctx.session.getRemoteSocketAddress(), String.valueOf(ctx.error())));
    }

    private void connected(WsConnectContext ctx) {
        String vsn = ctx.queryParam("vsn");
        if (vsn == null || !V2.matcher(vsn).matches()) {
            String shown = vsn == null ? "none" : LogText.clean(vsn, 16);
            LOG.info("socket {} refused: vsn={}", ctx.session.getRemoteSocketAddress(), shown);
            ctx.closeSession(1008, "unsupported vsn=" + shown + "; this server speaks vsn=2.0.0 (V2 JSON)");
            return;
        }
        Map<String, String> params = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> {
            if (!k.equals("vsn") && !v.isEmpty()) {
                params.put(k, v.get(0));
            }
        });
        Optional<Map<String, Object>> assigns = connector.connect(Map.copyOf(params));
        if (assigns.isEmpty()) {
            ctx.closeSession(1008, "unauthorized");
            return;
        }
        String address = address(ctx);
        int open = perAddress.merge(address, 1, Integer::sum);
        if (open > maxSocketsPerAddress) {
            release(address);
            endpoint.counters().limitHit(ChannelCounters.SOCKETS_PER_ADDRESS);
            long leftOut = endpoint.warnings().allow();
            if (leftOut >= 0) {
                LOG.warn("socket {} refused: {} connections open from that address already{}",
                        ctx.session.getRemoteSocketAddress(), maxSocketsPerAddress, LogLimiter.leftOut(leftOut));
            }
            ctx.closeSession(1013, "too many connections from your address");
            return;
        }
        Transport transport = new Transport(ctx.session);
        Mailboxes.Load load = new Mailboxes.Load(transport);
        String label = "socket " + transport.remote();
        StartResult started = Endpoint.startTemporary(endpoint.sockets(), label, SocketProcess.SHUTDOWN,
                () -> GenServer.startLink(new SocketProcess(transport, assigns.get(), endpoint, load),
                        GenServer.StartOptions.DEFAULT.withLabel(label)));
        if (!(started instanceof StartResult.Ok(Pid pid))) { // the supervisor is restarting, or the server stopping
            release(address);
            LOG.info("socket {} refused: its process did not start: {}", transport.remote(), started);
            ctx.closeSession(1013, "server unavailable, try again");
            return;
        }
        endpoint.mailboxes().register(pid, load); // before any frame can be sent to it
        sockets.put(ctx.sessionId(), new Conn(pid, address, load));
    }

    private void message(WsMessageContext ctx) {
        Conn c = sockets.get(ctx.sessionId());
        if (c != null) {
            endpoint.mailboxes().inbound(c.pid(), c.load(), ctx.message());
        }
    }

    private void closed(WsCloseContext ctx) {
        Conn c = sockets.remove(ctx.sessionId());
        if (c != null) {
            release(c.address());
            endpoint.mailboxes().close(c.pid());
            Proc.send(c.pid(), new SocketProcess.TransportClosed(ctx.status(), ctx.reason()));
        }
    }

    private void release(String address) {
        perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    private static String address(WsConnectContext ctx) {
        return ctx.session.getRemoteSocketAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.session.getRemoteSocketAddress());
    }

    /** @return how many connections are open now */
    int openSockets() {
        return sockets.size();
    }

    /** @return the socket processes of open connections now */
    List<Pid> sockets() {
        return sockets.values().stream().map(Conn::pid).toList();
    }
}
