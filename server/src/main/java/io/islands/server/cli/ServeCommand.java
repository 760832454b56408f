package io.islands.server.cli;

import io.islands.server.IslandsServer;
import io.islands.server.Limits;
import io.islands.server.ServerConfig;
import io.islands.server.bot.Bots;
import io.islands.server.replay.Replays;
import io.islands.server.cluster.Cluster;
import io.islands.storage.PostgresTarget;
import io.islands.server.logging.LogFormat;
import io.islands.server.logging.Logs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code islands serve [options]}: builds a {@link ServerConfig} from the command line, the
 * {@code ISLANDS_*} variables and the config file ({@link EnvironmentDefaults}), starts the
 * server and runs until the JVM is asked to stop. Every option is checked in {@link #config()}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, sortOptions = false,
        usageHelpWidth = 100,
        description = {"Serves the Islands page and the game:* channel (Phoenix Channels V2 JSON at /socket),",
            "/health, /ready and /metrics (Prometheus), and the observer at /observer."},
        footer = {"",
            "Each option --NAME can also be set by the environment variable ISLANDS_NAME (upper case, - as _:",
            "--log-level is ISLANDS_LOG_LEVEL) or by a line NAME=VALUE in the Java properties file given by",
            "--config FILE (or ISLANDS_CONFIG). The command line wins over the environment, which wins over",
            "the file, which wins over the built-in default; the defaults shown above are the values in",
            "effect. Durations: 500ms, 60s, 5m, 24h, 1d or ISO-8601 (PT1M).",
            "",
            "Stops cleanly on SIGTERM or Ctrl-C; saved games are kept. Exit codes: 0 stopped, 1 cannot start,",
            "2 bad arguments."})
public final class ServeCommand implements Callable<Integer> {
    private static final ServerConfig DEFAULTS = ServerConfig.defaults();
    private static final Limits LIMITS = DEFAULTS.limits();

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", description = "address to listen on; 0.0.0.0 for every interface")
    String host = DEFAULTS.host();

    @Option(names = "--port", paramLabel = "PORT", description = "port to listen on; 0 picks a free one")
    int port = DEFAULTS.port();

    @Option(names = "--store", paramLabel = "URL", description = {"where games and seats are saved: memory:, sqlite:PATH or",
        "postgresql://USER:PASS@HOST:PORT/DB"})
    String store = DEFAULTS.store();

    @Option(names = "--admin-token", paramLabel = "TOKEN", description = "the token the observer pages and API ask for (default: generated at start)")
    String adminToken;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "root log level: trace, debug, info, warn, error, off")
    String logLevel = DEFAULTS.logLevel();

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "log lines on standard output: text or json")
    String logFormat = DEFAULTS.logFormat().toString();

    @Option(names = "--idle-timeout", paramLabel = "DURATION", description = "a socket with no inbound frame for this long is closed")
    Duration idleTimeout = DEFAULTS.idleTimeout();

    @Option(names = "--max-frame-bytes", paramLabel = "BYTES", description = "inbound frames above this size are refused, at least 256")
    int maxFrameBytes = DEFAULTS.maxFrameBytes();

    @Option(names = "--game-idle-timeout", paramLabel = "DURATION", description = "a game with no move for this long stops and is deleted")
    Duration gameIdleTimeout = DEFAULTS.gameIdleTimeout();

    @Option(names = "--game-call-timeout", paramLabel = "DURATION", description = "how long a move waits for its game")
    Duration gameCallTimeout = DEFAULTS.gameCallTimeout();

    @Option(names = "--max-name-length", paramLabel = "CHARS", description = "longest game or screen name: letters, digits, _ and -")
    int maxNameLength = LIMITS.maxNameLength();

    @Option(names = "--max-channels-per-socket", paramLabel = "N", description = "channels one socket may have joined at once")
    int maxChannelsPerSocket = LIMITS.maxChannelsPerSocket();

    @Option(names = "--games-per-minute", paramLabel = "N", description = "games one socket may create per minute")
    int gamesPerMinute = LIMITS.gamesPerMinute();

    @Option(names = "--frames-per-second", paramLabel = "N", description = "inbound frames per second per socket, twice that in a burst")
    int framesPerSecond = LIMITS.framesPerSecond();

    @Option(names = "--max-sockets-per-address", paramLabel = "N", description = "connections open at once from one remote address")
    int socketsPerAddress = LIMITS.socketsPerAddress();

    @Option(names = "--mailbox-messages", paramLabel = "N", description = "frames waiting in one socket's mailbox before it is closed")
    int mailboxMessages = LIMITS.mailboxMessages();

    @Option(names = "--mailbox-chars", paramLabel = "N", description = "characters waiting in one socket's mailbox before it is closed")
    long mailboxChars = LIMITS.mailboxChars();

    @Option(names = "--allowed-origins", paramLabel = "LIST", description = {"pages allowed to open a WebSocket: comma-separated origins",
        "(https://host:port), hosts, or * (default: own host and loopback)"})
    String allowedOrigins;

    @Option(names = "--unstarted-game-expiry", paramLabel = "DURATION", description = "seats whose game is not started within this are freed")
    Duration unstartedGameExpiry = LIMITS.unstartedGameExpiry();

    @Option(names = "--finished-game-retention", paramLabel = "DURATION", description = "a finished game is kept this long after its last move")
    Duration finishedGameRetention = LIMITS.finishedGameRetention();

    @Option(names = "--max-bot-games", paramLabel = "N", description = "games against the computer at once; 0 turns the computer off")
    long maxBotGames = Bots.Config.DEFAULT_MAX_GAMES;

    @Option(names = "--bot-move-delay", paramLabel = "DURATION", description = "how long the computer waits before each move, up to 1m")
    Duration botMoveDelay = Bots.Config.DEFAULT_MOVE_DELAY;

    @Option(names = "--replay-retention", paramLabel = "DURATION", description = "a finished game's replay is kept this long")
    Duration replayRetention = Replays.DEFAULT_RETENTION;

    // ---- the cluster (docs/cluster.md) ----

    @Option(names = "--cluster", description = {"join the cluster of the nodes started with --cluster on the same",
        "PostgreSQL store (needs --store postgresql://...)"})
    boolean cluster;

    @Option(names = "--node", paramLabel = "NAME", description = "this node's name in the cluster (default: its --cluster-bind HOST:PORT)")
    String node;

    @Option(names = "--cluster-bind", paramLabel = "HOST:PORT", description = {"where the other nodes reach this one (JGroups over TCP;",
        "default 127.0.0.1 and a free port)"})
    String clusterBind;

    @Option(names = EnvironmentDefaults.CONFIG, paramLabel = "FILE", description = "read options from this Java properties file (env ISLANDS_CONFIG)")
    Path config;

    /**
     * @return the configuration the options give
     * @throws picocli.CommandLine.ParameterException naming the first option with a bad value
     */
    ServerConfig config() {
        Limits limits = Limits.builder()
                .maxNameLength((int) Cli.inRange(spec, "--max-name-length", maxNameLength, 1, 1000))
                .maxChannelsPerSocket((int) Cli.inRange(spec, "--max-channels-per-socket", maxChannelsPerSocket, 1, 100_000))
                .gamesPerMinute((int) Cli.inRange(spec, "--games-per-minute", gamesPerMinute, 1, 1_000_000))
                .framesPerSecond((int) Cli.inRange(spec, "--frames-per-second", framesPerSecond, 1, 1_000_000))
                .socketsPerAddress((int) Cli.inRange(spec, "--max-sockets-per-address", socketsPerAddress, 1, 1_000_000))
                .mailboxMessages((int) Cli.inRange(spec, "--mailbox-messages", mailboxMessages, 1, 10_000_000))
                .mailboxChars(Cli.inRange(spec, "--mailbox-chars", mailboxChars, 1, Integer.MAX_VALUE))
                .allowedOrigins(allowedOrigins == null ? List.of()
                        : Cli.parse(spec, "--allowed-origins", allowedOrigins, ServeCommand::origins))
                .unstartedGameExpiry(unstartedGameExpiry)
                .finishedGameRetention(finishedGameRetention)
                .build();
        return ServerConfig.builder()
                .host(Cli.parse(spec, "--host", host, ServeCommand::host))
                .port((int) Cli.inRange(spec, "--port", port, 0, 65535))
                .store(store)
                .adminToken(adminToken)
                .logLevel(Cli.parse(spec, "--log-level", logLevel, Logs::checkLevel))
                .logFormat(Cli.parse(spec, "--log-format", logFormat, LogFormat::parse))
                .idleTimeout(idleTimeout)
                .maxFrameBytes((int) Cli.inRange(spec, "--max-frame-bytes", maxFrameBytes, 256, Integer.MAX_VALUE))
                .gameIdleTimeout(gameIdleTimeout)
                .gameCallTimeout(gameCallTimeout)
                .limits(limits)
                .bots(new Bots.Config((int) Cli.inRange(spec, "--max-bot-games", maxBotGames, 0, 100_000),
                        botMoveDelay(), null))
                .replayRetention(replayRetention)
                .build();
    }

    /**
     * @return the cluster settings of {@code --cluster}, {@code --node}, {@code --cluster-bind}, or
     *     empty without {@code --cluster}
     * @throws picocli.CommandLine.ParameterException for a store that is not PostgreSQL, a bad
     *     name or address, or {@code --node}/{@code --cluster-bind} without {@code --cluster}
     */
    Optional<Cluster.Settings> clusterSettings(ServerConfig options) {
        if (!cluster) {
            if (node != null || clusterBind != null) {
                throw Cli.invalid(spec, node != null ? "--node" : "--cluster-bind", node != null ? node : clusterBind,
                        "needs --cluster");
            }
            return Optional.empty();
        }
        if (PostgresTarget.of(options.store()).isEmpty()) {
            throw Cli.invalid(spec, "--store", options.store(), "cannot hold a cluster: --cluster needs a PostgreSQL store"
                    + " (postgresql://USER:PASS@HOST:PORT/DB)");
        }
        String bind = clusterBind == null ? "127.0.0.1:0" : clusterBind;
        int colon = bind.lastIndexOf(':');
        String bindHost = colon < 0 ? bind : bind.substring(0, colon);
        long bindPort = colon < 0 ? 0 : Cli.parse(spec, "--cluster-bind", bind, v -> {
            try {
                return Long.parseLong(v.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("needs HOST:PORT, not " + v);
            }
        });
        Cli.inRange(spec, "--cluster-bind", bindPort, 0, 65535);
        String host = Cli.parse(spec, "--cluster-bind", bindHost, ServeCommand::host);
        return Optional.of(Cli.parse(spec, node != null ? "--node" : "--cluster-bind", node != null ? node : bind,
                v -> new Cluster.Settings(node, host, (int) bindPort)));
    }

    /** Starts the server and waits for the JVM's shutdown. @return 1 when it cannot start */
    @Override
    public Integer call() throws InterruptedException {
        ServerConfig options = config();
        Optional<Cluster.Settings> clusterSettings = clusterSettings(options);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Logs.apply(options.logLevel(), options.logFormat());
        IslandsServer server;
        try {
            server = clusterSettings.isPresent() ? IslandsServer.start(options, clusterSettings.get())
                    : IslandsServer.start(options);
        } catch (RuntimeException e) {
            err.println(spec.qualifiedName() + ": cannot start: " + e.getMessage());
            err.flush();
            return Cli.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "islands-shutdown"));
        server.warmUp();
        out.println("Islands is ready: http://" + options.host() + ":" + server.port() + "/");
        server.cluster().ifPresent(c -> out.println("Cluster node: " + c.name()));
        out.println("Observer: http://" + options.host() + ":" + server.port() + "/observer "
                + (options.adminToken() == null ? "admin token: " + server.adminToken() : "(admin token from configuration)"));
        out.flush();
        stopped.await();
        return Cli.OK;
    }

    private Duration botMoveDelay() {
        if (botMoveDelay.isNegative() || botMoveDelay.compareTo(Duration.ofMinutes(1)) > 0) {
            throw Cli.invalid(spec, "--bot-move-delay", botMoveDelay, "is not in 0..1m");
        }
        return botMoveDelay;
    }

    private static String host(String v) {
        if (v.isBlank()) {
            throw new IllegalArgumentException("needs an address, not an empty one");
        }
        return v.strip();
    }

    /** @return the comma-separated entries; each a full origin {@code scheme://host[:port]}, a host, or {@code *} */
    static List<String> origins(String v) {
        List<String> out = new ArrayList<>();
        for (String e : v.split(",")) {
            String t = e.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (!t.equals("*") && !t.matches("(?i)(https?://)?[a-z0-9.\\[\\]:_-]+")) {
                throw new IllegalArgumentException("needs origins such as https://islands.example, hosts, or *, not " + t);
            }
            out.add(t);
        }
        return out;
    }
}
