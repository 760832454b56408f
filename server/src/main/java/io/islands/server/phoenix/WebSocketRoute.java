package io.islands.server.phoenix;

import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.server.logging.LogLimiter;
import io.islands.server.logging.LogText;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsMessageContext;
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
 * the {@link SocketConnector}, then starts a {@link SocketProcess}; afterwards it only hands
 * Jetty's events (text frames, close) to that process. Runs on Jetty's (virtual) threads.
 */
final class WebSocketRoute {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketRoute.class);
    static final String PATH = "/socket/websocket";
    /** Phoenix accepts {@code ~> 2.0.0}: any 2.0.x. */
    private static final Pattern V2 = Pattern.compile("2\\.0\\.\\d+");

    private final Endpoint endpoint;
    private final SocketConnector connector;
    private final Map<String, Pid> sockets = new ConcurrentHashMap<>();

    WebSocketRoute(Endpoint endpoint, SocketConnector connector) {
        this.endpoint = endpoint;
        this.connector = connector;
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
        Transport transport = new Transport(ctx.session);
        Pid pid = GenServer.start(new SocketProcess(transport, assigns.get(), endpoint),
                GenServer.StartOptions.DEFAULT.withLabel("socket " + transport.remote())).pid();
        sockets.put(ctx.sessionId(), pid);
    }

    private void message(WsMessageContext ctx) {
        Pid pid = sockets.get(ctx.sessionId());
        if (pid != null) {
            Proc.send(pid, new SocketProcess.Inbound(ctx.message()));
        }
    }

    private void closed(WsCloseContext ctx) {
        Pid pid = sockets.remove(ctx.sessionId());
        if (pid != null) {
            Proc.send(pid, new SocketProcess.TransportClosed(ctx.status(), ctx.reason()));
        }
    }

    /** @return how many connections are open now */
    int openSockets() {
        return sockets.size();
    }

    /** @return the socket processes of open connections now */
    List<Pid> sockets() {
        return List.copyOf(sockets.values());
    }
}
