package io.islands.server.phoenix;

import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a WebSocket may connect: Phoenix's {@code UserSocket.connect/3}. Called on a
 * Jetty thread with the connection's query parameters (without {@code vsn}).
 */
@FunctionalInterface
public interface SocketConnector {
    /** Accepts every connection with no assigns, as the book's UserSocket does. */
    SocketConnector ACCEPT_ALL = params -> Optional.of(Map.of());

    /**
     * @return the socket's assigns (copied into each channel's {@link ChannelContext#assigns()}),
     *     or empty to refuse: the connection is then closed with 1008 {@code unauthorized}
     */
    Optional<Map<String, Object>> connect(Map<String, String> params);
}
