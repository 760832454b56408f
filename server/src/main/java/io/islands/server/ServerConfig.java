package io.islands.server;

import io.islands.engine.process.Games;
import io.islands.runtime.GenServer;
import io.islands.server.logging.LogFormat;
import io.islands.server.logging.Logs;
import io.islands.server.phoenix.PhoenixServer;
import io.islands.storage.StateStores;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link IslandsServer} needs to start. Immutable; {@link Main} builds it from flags,
 * environment variables and a config file (see docs/operations.md).
 *
 * @param host            address to listen on
 * @param port            port to listen on; 0 picks a free one
 * @param store           store URL for games and seats (see docs/storage.md)
 * @param adminToken      the token the operator pages and API ask for; null: one is generated at start
 * @param logLevel        root log level: trace, debug, info, warn, error or off
 * @param logFormat       text or json lines on standard output
 * @param idleTimeout     a socket with no inbound frame for this long is closed
 * @param maxFrameBytes   inbound frames above this many UTF-8 bytes are refused (at least 256)
 * @param gameIdleTimeout a game without a move for this long stops and its saved state is deleted
 * @param gameCallTimeout how long a move waits for its game's process
 * @param limits          the bounds on what clients may do (names, quotas, origins)
 */
public record ServerConfig(String host, int port, String store, String adminToken, String logLevel,
        LogFormat logFormat, Duration idleTimeout, int maxFrameBytes, Duration gameIdleTimeout,
        Duration gameCallTimeout, Limits limits) {
    public ServerConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(logFormat, "logFormat");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port needs a number in 0..65535, not " + port);
        }
        logLevel = Logs.checkLevel(Objects.requireNonNull(logLevel, "logLevel"));
        positive("idleTimeout", idleTimeout);
        positive("gameIdleTimeout", gameIdleTimeout);
        positive("gameCallTimeout", gameCallTimeout);
        if (maxFrameBytes < 256) {
            throw new IllegalArgumentException("maxFrameBytes needs at least 256, not " + maxFrameBytes);
        }
    }

    /** The defaults for the rest: {@code new ServerConfig(host, port, store, adminToken)} as before. */
    public ServerConfig(String host, int port, String store, String adminToken) {
        this(host, port, store, adminToken, "info", LogFormat.TEXT, PhoenixServer.DEFAULT_IDLE_TIMEOUT,
                PhoenixServer.DEFAULT_MAX_FRAME_BYTES, Games.DEFAULT_IDLE_TIMEOUT, GenServer.DEFAULT_TIMEOUT,
                Limits.defaults());
    }

    private static void positive(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " needs a positive duration, not " + d);
        }
    }

    /** Defaults: 127.0.0.1:4000, {@link StateStores#DEFAULT_URL}, a generated admin token, info text logs. */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 4000, StateStores.DEFAULT_URL, null);
    }

    /** A loopback server on a free port with the given store: what tests use. */
    public static ServerConfig loopback(String store) {
        return new ServerConfig("127.0.0.1", 0, store, null);
    }

    public ServerConfig withHost(String value) {
        return new ServerConfig(value, port, store, adminToken, logLevel, logFormat, idleTimeout, maxFrameBytes,
                gameIdleTimeout, gameCallTimeout, limits);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(host, value, store, adminToken, logLevel, logFormat, idleTimeout, maxFrameBytes,
                gameIdleTimeout, gameCallTimeout, limits);
    }

    public ServerConfig withStore(String value) {
        return new ServerConfig(host, port, value, adminToken, logLevel, logFormat, idleTimeout, maxFrameBytes,
                gameIdleTimeout, gameCallTimeout, limits);
    }

    public ServerConfig withAdminToken(String value) {
        return new ServerConfig(host, port, store, value, logLevel, logFormat, idleTimeout, maxFrameBytes,
                gameIdleTimeout, gameCallTimeout, limits);
    }

    public ServerConfig withLogLevel(String value) {
        return new ServerConfig(host, port, store, adminToken, value, logFormat, idleTimeout, maxFrameBytes,
                gameIdleTimeout, gameCallTimeout, limits);
    }

    public ServerConfig withLogFormat(LogFormat value) {
        return new ServerConfig(host, port, store, adminToken, logLevel, value, idleTimeout, maxFrameBytes,
                gameIdleTimeout, gameCallTimeout, limits);
    }

    public ServerConfig withIdleTimeout(Duration value) {
        return new ServerConfig(host, port, store, adminToken, logLevel, logFormat, value, maxFrameBytes,
                gameIdleTimeout, gameCallTimeout, limits);
    }

    public ServerConfig withMaxFrameBytes(int value) {
        return new ServerConfig(host, port, store, adminToken, logLevel, logFormat, idleTimeout, value,
                gameIdleTimeout, gameCallTimeout, limits);
    }

    public ServerConfig withGameIdleTimeout(Duration value) {
        return new ServerConfig(host, port, store, adminToken, logLevel, logFormat, idleTimeout, maxFrameBytes,
                value, gameCallTimeout, limits);
    }

    public ServerConfig withGameCallTimeout(Duration value) {
        return new ServerConfig(host, port, store, adminToken, logLevel, logFormat, idleTimeout, maxFrameBytes,
                gameIdleTimeout, value, limits);
    }

    public ServerConfig withLimits(Limits value) {
        return new ServerConfig(host, port, store, adminToken, logLevel, logFormat, idleTimeout, maxFrameBytes,
                gameIdleTimeout, gameCallTimeout, value);
    }
}
