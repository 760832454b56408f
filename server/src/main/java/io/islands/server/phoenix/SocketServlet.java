package io.islands.server.phoenix;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletCoreRequest;
import org.eclipse.jetty.ee10.servlet.ServletCoreResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.server.WebSocketMappings;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

/**
 * The servlet at {@link WebSocketRoute#PATH} (and at each {@link EchoRoute}'s path), mapped beside
 * Javalin's (an exact path wins over Javalin's {@code /*}): a WebSocket upgrade goes to Jetty's
 * WebSocket core with the route as its negotiator, as Jetty's own {@code JettyWebSocketServlet} does for
 * its API; a plain request gets 400. Its state is written once by {@link #init()}.
 */
final class SocketServlet extends HttpServlet {
    private final transient WebSocketNegotiator route;
    private transient WebSocketMappings mappings;

    SocketServlet(WebSocketNegotiator route) {
        this.route = route;
    }

    @Override
    public void init() throws ServletException {
        ServletContextHandler context = ServletContextHandler.getServletContextHandler(getServletContext());
        mappings = new WebSocketMappings(WebSocketServerComponents.ensureWebSocketComponents(context.getServer(), context));
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        Request request = ServletCoreRequest.wrap(req);
        Response response = ServletCoreResponse.wrap(request, resp, false);
        if (mappings.getHandshaker().isWebSocketUpgradeRequest(request)) {
            FutureCallback done = new FutureCallback();
            if (mappings.upgrade(route, request, response, done, null)) {
                done.block();
                return;
            }
        }
        resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "a WebSocket upgrade is expected here");
    }
}
