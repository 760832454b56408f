package io.islands.server.phoenix;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;

/**
 * Jetty's WebSocket servlet at {@link WebSocketRoute#PATH}, mapped beside Javalin's servlet (an
 * exact path wins over Javalin's {@code /*}): upgrades go to the {@link WebSocketRoute} with the
 * server's WebSocket settings; a plain request gets 400. Stateless after its init.
 */
final class SocketServlet extends JettyWebSocketServlet {
    private final transient WebSocketRoute route;
    private final transient Consumer<JettyWebSocketServletFactory> settings;

    SocketServlet(WebSocketRoute route, Consumer<JettyWebSocketServletFactory> settings) {
        this.route = route;
        this.settings = settings;
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        settings.accept(factory);
        factory.setCreator(route);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "a WebSocket upgrade is expected here");
    }
}
