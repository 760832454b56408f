package io.islands.server;

import io.islands.engine.process.Games;
import io.islands.runtime.GenServer;
import io.islands.server.bot.Bots;
import io.islands.server.replay.Replays;
import io.islands.server.logging.LogFormat;
import io.islands.server.logging.Logs;
import io.islands.server.phoenix.PhoenixServer;
import io.islands.storage.StateStores;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link IslandsServer} needs to start. Immutable; built with {@link #builder()}; the
 * {@code serve} command builds it from flags, environment variables and a config file (see
 * docs/operations.md).
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
        Duration gameCallTimeout, Limits limits, Bots.Config bots, Duration replayRetention) {
    public ServerConfig {
        positive("replayRetention", replayRetention);
        Objects.requireNonNull(bots, "bots");
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

    private static void positive(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " needs a positive duration, not " + d);
        }
    }

    /**
     * Defaults: 127.0.0.1:4000, {@link StateStores#DEFAULT_URL}, a generated admin token, info text
     * logs, the Phoenix server's and the games' own timeouts, {@link Limits#defaults()}.
     */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /** A loopback server on a free port with the given store: what tests use. */
    public static ServerConfig loopback(String store) {
        return builder().port(0).store(store).build();
    }

    /** @return a builder holding {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration */
    public Builder toBuilder() {
        return new Builder().host(host).port(port).store(store).adminToken(adminToken).logLevel(logLevel)
                .logFormat(logFormat).idleTimeout(idleTimeout).maxFrameBytes(maxFrameBytes)
                .gameIdleTimeout(gameIdleTimeout).gameCallTimeout(gameCallTimeout).limits(limits).bots(bots)
                .replayRetention(replayRetention);
    }

    /**
     * Collects the fields of a {@link ServerConfig}, starting from the defaults. Not thread-safe;
     * the setters check nothing, {@link #build()} checks everything.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 4000;
        private String store = StateStores.DEFAULT_URL;
        private String adminToken;
        private String logLevel = "info";
        private LogFormat logFormat = LogFormat.TEXT;
        private Duration idleTimeout = PhoenixServer.DEFAULT_IDLE_TIMEOUT;
        private int maxFrameBytes = PhoenixServer.DEFAULT_MAX_FRAME_BYTES;
        private Duration gameIdleTimeout = Games.DEFAULT_IDLE_TIMEOUT;
        private Duration gameCallTimeout = GenServer.DEFAULT_TIMEOUT;
        private Limits limits = Limits.defaults();
        private Bots.Config bots = Bots.Config.defaults();
        private Duration replayRetention = Replays.DEFAULT_RETENTION;

        private Builder() {}

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder store(String value) {
            store = value;
            return this;
        }

        /** @param value the observer's token; null: one is generated at start */
        public Builder adminToken(String value) {
            adminToken = value;
            return this;
        }

        public Builder logLevel(String value) {
            logLevel = value;
            return this;
        }

        public Builder logFormat(LogFormat value) {
            logFormat = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder maxFrameBytes(int value) {
            maxFrameBytes = value;
            return this;
        }

        public Builder gameIdleTimeout(Duration value) {
            gameIdleTimeout = value;
            return this;
        }

        public Builder gameCallTimeout(Duration value) {
            gameCallTimeout = value;
            return this;
        }

        public Builder limits(Limits value) {
            limits = value;
            return this;
        }

        /** @return the configuration @throws IllegalArgumentException or NullPointerException for a bad field */
        /** The computer opponent: how many bot games at once, its pace (docs/operations.md). */
        public Builder bots(Bots.Config value) {
            bots = value;
            return this;
        }

        /** How long a finished game's replay is kept (docs/operations.md). */
        public Builder replayRetention(Duration value) {
            replayRetention = value;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(host, port, store, adminToken, logLevel, logFormat, idleTimeout, maxFrameBytes,
                    gameIdleTimeout, gameCallTimeout, limits, bots,
                    replayRetention);
        }
    }
}
