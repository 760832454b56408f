package io.islands.server.phoenix;

import java.time.Duration;
import org.eclipse.jetty.util.Callback;
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

/**
 * A bare echo on the socket's own transport ({@link PhoenixServer.Builder#echo}): the same servlet,
 * Jetty WebSocket core and session limits as {@link WebSocketRoute}, and no process: every text
 * message is answered at once, on Jetty's thread, with one fixed frame. It is the transport's
 * floor that the web bench compares moves with. Immutable; each connection's handler is used
 * only by Jetty's serialized events of that connection.
 */
final class EchoRoute implements WebSocketNegotiator {
    private final String answer;
    private final int maxFrameBytes;
    private final Duration idleTimeout;

    EchoRoute(String answer, int maxFrameBytes, Duration idleTimeout) {
        this.answer = answer;
        this.maxFrameBytes = maxFrameBytes;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public FrameHandler negotiate(ServerUpgradeRequest req, ServerUpgradeResponse resp, Callback callback) {
        return new Echo(answer);
    }

    @Override
    public void customize(Configuration c) {
        WebSocketRoute.limits(c, maxFrameBytes, idleTimeout);
    }

    private static final class Echo implements FrameHandler {
        private final String answer;
        private CoreSession session;
        private MessageSink text;

        Echo(String answer) {
            this.answer = answer;
        }

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            session = coreSession;
            text = new StringMessageSink(coreSession, args -> {
                session.sendFrame(new Frame(OpCode.TEXT, answer), Callback.NOOP, false);
                return null;
            }, true);
            callback.succeeded();
            coreSession.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            if (frame.getOpCode() == OpCode.TEXT || frame.getOpCode() == OpCode.CONTINUATION) {
                text.accept(frame, callback); // demands the next frame itself
            } else {
                callback.succeeded(); // close: Jetty answers it
                session.demand();
            }
        }

        @Override
        public void onError(Throwable error, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus status, Callback callback) {
            callback.succeeded();
        }
    }
}
