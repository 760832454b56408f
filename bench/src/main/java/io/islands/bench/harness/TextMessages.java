package io.islands.bench.harness;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;

/**
 * A JDK WebSocket listener that hands on whole text messages (the Phoenix frames), joined from
 * their parts, one at a time: it asks for the next part only after the previous one was handled.
 * The load client's sockets and the cluster chaos's players both listen this way. Not
 * thread-safe beyond the JDK's own guarantee that one socket's callbacks run one at a time.
 */
public abstract class TextMessages implements WebSocket.Listener {
    private final StringBuilder parts = new StringBuilder();

    /** Called with each whole text message, in order. */
    protected abstract void onMessage(String text);

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        parts.append(data);
        if (last) {
            String text = parts.toString();
            parts.setLength(0);
            onMessage(text);
        }
        webSocket.request(1);
        return null;
    }
}
