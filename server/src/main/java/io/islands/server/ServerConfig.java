package io.islands.server;

import io.islands.storage.StateStores;
import java.util.Objects;

/**
 * Everything {@link IslandsServer} needs to start. Immutable; {@link Main} builds it from the
 * command line.
 *
 * @param host       address to listen on
 * @param port       port to listen on; 0 picks a free one
 * @param store      store URL for games and seats (see docs/storage.md)
 * @param adminToken the token the operator pages and API ask for; null: one is generated at start
 */
public record ServerConfig(String host, int port, String store, String adminToken) {
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(store, "store");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port needs a number in 0..65535, not " + port);
        }
    }

    /** Defaults: 127.0.0.1:4000, {@link StateStores#DEFAULT_URL}, a generated admin token. */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 4000, StateStores.DEFAULT_URL, null);
    }

    /** A loopback server on a free port with the given store: what tests use. */
    public static ServerConfig loopback(String store) {
        return new ServerConfig("127.0.0.1", 0, store, null);
    }

    public ServerConfig withHost(String value) {
        return new ServerConfig(value, port, store, adminToken);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(host, value, store, adminToken);
    }

    public ServerConfig withStore(String value) {
        return new ServerConfig(host, port, value, adminToken);
    }

    public ServerConfig withAdminToken(String value) {
        return new ServerConfig(host, port, store, value);
    }
}
