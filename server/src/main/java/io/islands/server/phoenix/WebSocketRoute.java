package io.islands.server.phoenix;

import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import io.islands.server.logging.LogLimiter;
import io.islands.server.logging.LogText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeResponse;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketCreator;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty side of {@code /socket/websocket}: Jetty's creator for the upgrade (the origin check,
 * 403 before any WebSocket) and the listener of each connection. On open the listener checks the
 * protocol version and the {@link SocketConnector}, then starts a {@link SocketProcess} as a
 * temporary child of the endpoint's {@code sockets} supervisor; afterwards it only hands
 * Jetty's events (text frames, close) to that process. Runs on Jetty's (virtual) threads.
 *
 * <p>Design note: the route is Jetty's own WebSocket servlet ({@link SocketServlet}), not a
 * Javalin {@code ws} route: Javalin's connection keeps its upgrade context for the connection's
 * life (the servlet request and response, the HTTP exchange under them, the header, cookie and
 * query maps and an HTTP session it creates), about 6 KB per idle player (docs/benchmarks.md,
 * "Heap per player"). Here a connection keeps its listener (its query parameters until open,
 * then its socket process, address and mailbox count) and what Jetty itself keeps. The open
 * listeners are a concurrent set; a listener's fields are written on open, before it is in the
 * set, and read by Jetty's later events of the same connection, which Jetty serializes.
 */
final class WebSocketRoute implements JettyWebSocketCreator {
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

    WebSocketRoute(Endpoint endpoint, SocketConnector connector, int maxSocketsPerAddress, OriginPolicy origins) {
        this.endpoint = endpoint;
        this.connector = connector;
        this.maxSocketsPerAddress = maxSocketsPerAddress;
        this.origins = origins;
    }

    /**
     * The upgrade: a page from an origin not allowed gets 403 and no WebSocket; otherwise the
     * connection's listener, holding its query parameters until it opens.
     */
    @Override
    public Object createWebSocket(JettyServerUpgradeRequest req, JettyServerUpgradeResponse resp) throws IOException {
        String origin = req.getHeader("Origin");
        if (!origins.allows(origin, req.getHeader("Host"))) {
            endpoint.counters().limitHit(ChannelCounters.ORIGIN);
            long leftOut = endpoint.warnings().allow();
            if (leftOut >= 0) {
                LOG.warn("upgrade from {} refused: origin {} not allowed{}", req.getHttpServletRequest().getRemoteAddr(),
                        LogText.clean(origin, 100), LogLimiter.leftOut(leftOut));
            }
            resp.sendForbidden("origin not allowed");
            return null;
        }
        Map<String, String> params = new HashMap<>();
        req.getParameterMap().forEach((k, v) -> {
            if (!v.isEmpty()) {
                params.put(k, v.get(0));
            }
        });
        return new Conn(this, params);
    }

    /**
     * One connection: Jetty's listener of its events. Public (in a package-private class, so in
     * no API) because Jetty calls listeners through a public method-handle lookup.
     */
    public static final class Conn implements Session.Listener.AutoDemanding {
        private final WebSocketRoute route;
        /** The query parameters, until open. */
        private Map<String, String> params;
        private Pid pid;
        private String address;
        private Mailboxes.Load load;

        Conn(WebSocketRoute route, Map<String, String> params) {
            this.route = route;
            this.params = params;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            Map<String, String> query = params;
            params = null;
            route.connected(this, session, query);
        }

        @Override
        public void onWebSocketText(String message) {
            if (pid != null) {
                route.endpoint.mailboxes().inbound(pid, load, message);
            }
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            long leftOut = route.endpoint.warnings().allow();
            if (leftOut >= 0) {
                LOG.warn("socket {} dropped a binary frame: only V2 JSON text frames are spoken here{}",
                        address, LogLimiter.leftOut(leftOut));
            }
            callback.succeed();
        }

        @Override
        public void onWebSocketClose(int status, String reason) {
            if (pid != null && route.open.remove(this)) {
                route.release(address);
                route.endpoint.mailboxes().close(pid);
                Proc.send(pid, new SocketProcess.TransportClosed(status, reason));
            }
        }

        @Override
        public void onWebSocketError(Throwable error) {
            LOG.debug("socket {} transport error: {}", address, String.valueOf(error));
        }
    }

    private void connected(Conn conn, Session session, Map<String, String> query) {
        String vsn = query.remove("vsn");
        if (vsn == null || !V2.matcher(vsn).matches()) {
            String shown = vsn == null ? "none" : LogText.clean(vsn, 16);
            LOG.info("socket {} refused: vsn={}", session.getRemoteSocketAddress(), shown);
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
                        session.getRemoteSocketAddress(), maxSocketsPerAddress, LogLimiter.leftOut(leftOut));
            }
            session.close(1013, "too many connections from your address", Callback.NOOP);
            return;
        }
        Transport transport = new Transport(session);
        Mailboxes.Load load = new Mailboxes.Load(transport);
        String label = "socket " + transport.remote();
        StartResult started = Endpoint.startTemporary(endpoint.sockets(), label, SocketProcess.SHUTDOWN,
                () -> GenServer.startLink(new SocketProcess(transport, assigns.get(), endpoint, load),
                        GenServer.StartOptions.DEFAULT.withLabel(label)));
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

    private static String address(Session session) {
        return session.getRemoteSocketAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(session.getRemoteSocketAddress());
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
