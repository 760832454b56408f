package io.islands.server;

import io.islands.server.logging.LogFormat;
import io.islands.server.logging.Logs;
import io.islands.storage.StateStores;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code serve} options: each one a flag {@code --name VALUE}, an environment variable
 * {@code ISLANDS_NAME} and a key {@code name} of the Java properties file given by
 * {@code --config FILE} (or {@code ISLANDS_CONFIG}). Precedence: flag, then environment, then
 * file, then the default. Every bad value is an {@link IllegalArgumentException} naming the option
 * and where its value came from.
 */
final class ServeOptions {
    /**
     * One option.
     *
     * @param name   the flag without dashes, also the file key
     * @param value  what the help shows as its value
     * @param help   what it does
     * @param shown  its default, as the help shows it
     * @param apply  the config with this option set from text; throws IllegalArgumentException
     */
    record Option(String name, String value, String help, String shown,
                  BiFunction<ServerConfig, String, ServerConfig> apply) {
        String flag() {
            return "--" + name;
        }

        String env() {
            return "ISLANDS_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
        }
    }

    static final String CONFIG = "config";
    static final String CONFIG_ENV = "ISLANDS_CONFIG";
    private static final ServerConfig DEFAULTS = ServerConfig.defaults();
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    static final List<Option> OPTIONS = List.of(
            new Option("host", "HOST", "address to listen on; 0.0.0.0 for every interface",
                    DEFAULTS.host(), ServerConfig::withHost),
            new Option("port", "PORT", "port to listen on; 0 picks a free one",
                    Integer.toString(DEFAULTS.port()), (c, v) -> c.withPort(integer(v, 0, 65535))),
            new Option("store", "URL", "where games and seats are saved: memory:, sqlite:PATH or\n"
                    + " ".repeat(32) + "postgresql://USER:PASS@HOST:PORT/DB", StateStores.DEFAULT_URL, ServerConfig::withStore),
            new Option("admin-token", "TOKEN", "the token the observer pages and API ask for",
                    "generated at start", ServerConfig::withAdminToken),
            new Option("log-level", "LEVEL", "root log level: " + String.join(", ", Logs.LEVELS),
                    DEFAULTS.logLevel(), ServerConfig::withLogLevel),
            new Option("log-format", "FORMAT", "log lines on standard output: text or json",
                    DEFAULTS.logFormat().toString(), (c, v) -> c.withLogFormat(LogFormat.parse(v))),
            new Option("idle-timeout", "DURATION", "a socket with no inbound frame for this long is closed",
                    show(DEFAULTS.idleTimeout()), (c, v) -> c.withIdleTimeout(duration(v))),
            new Option("max-frame-bytes", "BYTES", "inbound frames above this size are refused (at least 256)",
                    Integer.toString(DEFAULTS.maxFrameBytes()),
                    (c, v) -> c.withMaxFrameBytes(integer(v, 256, Integer.MAX_VALUE))),
            new Option("game-idle-timeout", "DURATION", "a game with no move for this long stops and is deleted",
                    show(DEFAULTS.gameIdleTimeout()), (c, v) -> c.withGameIdleTimeout(duration(v))),
            new Option("game-call-timeout", "DURATION", "how long a move waits for its game",
                    show(DEFAULTS.gameCallTimeout()), (c, v) -> c.withGameCallTimeout(duration(v))),
            new Option("max-name-length", "CHARS", "longest game or screen name (letters, digits, _ and -)",
                    Integer.toString(DEFAULTS.limits().maxNameLength()),
                    (c, v) -> c.withLimits(c.limits().withMaxNameLength(integer(v, 1, 1000)))),
            new Option("max-channels-per-socket", "N", "channels one socket may have joined at once",
                    Integer.toString(DEFAULTS.limits().maxChannelsPerSocket()),
                    (c, v) -> c.withLimits(c.limits().withMaxChannelsPerSocket(integer(v, 1, 100_000)))),
            new Option("games-per-minute", "N", "games one socket may create per minute",
                    Integer.toString(DEFAULTS.limits().gamesPerMinute()),
                    (c, v) -> c.withLimits(c.limits().withGamesPerMinute(integer(v, 1, 1_000_000)))),
            new Option("frames-per-second", "N", "inbound frames per second per socket (twice that in a burst)",
                    Integer.toString(DEFAULTS.limits().framesPerSecond()),
                    (c, v) -> c.withLimits(c.limits().withFramesPerSecond(integer(v, 1, 1_000_000)))),
            new Option("max-sockets-per-address", "N", "connections open at once from one remote address",
                    Integer.toString(DEFAULTS.limits().socketsPerAddress()),
                    (c, v) -> c.withLimits(c.limits().withSocketsPerAddress(integer(v, 1, 1_000_000)))),
            new Option("mailbox-messages", "N", "frames waiting in one socket's mailbox before it is closed",
                    Integer.toString(DEFAULTS.limits().mailboxMessages()),
                    (c, v) -> c.withLimits(c.limits().withMailbox(integer(v, 1, 10_000_000), c.limits().mailboxChars()))),
            new Option("mailbox-chars", "N", "characters waiting in one socket's mailbox before it is closed",
                    Long.toString(DEFAULTS.limits().mailboxChars()),
                    (c, v) -> c.withLimits(c.limits().withMailbox(c.limits().mailboxMessages(), integer(v, 1, Integer.MAX_VALUE)))),
            new Option("allowed-origins", "LIST", "pages allowed to open a WebSocket: comma-separated origins\n"
                    + " ".repeat(32) + "(https://host:port), hosts, or *", "own host and loopback",
                    (c, v) -> c.withLimits(c.limits().withAllowedOrigins(origins(v)))),
            new Option("unstarted-game-expiry", "DURATION", "seats whose game is not started within this are freed",
                    show(DEFAULTS.limits().unstartedGameExpiry()),
                    (c, v) -> c.withLimits(c.limits().withUnstartedGameExpiry(duration(v)))),
            new Option("finished-game-retention", "DURATION", "a finished game is kept this long after its last move",
                    show(DEFAULTS.limits().finishedGameRetention()),
                    (c, v) -> c.withLimits(c.limits().withFinishedGameRetention(duration(v)))));

    private ServeOptions() {}

    /** @return the help text: usage, then every option with its environment variable and default */
    static String help() {
        StringBuilder b = new StringBuilder("""
                Usage: islands serve [options]

                Serves the Islands page and the game:* channel (Phoenix Channels V2 JSON at /socket),
                /health, /ready and /metrics (Prometheus).

                Each option is a flag (--name VALUE), an environment variable (ISLANDS_NAME), or a
                line name=VALUE in the Java properties file given by --config FILE (or ISLANDS_CONFIG).
                A flag wins over the environment, which wins over the file. Durations: 500ms, 60s, 5m,
                24h, 1d or ISO-8601 (PT1M).

                Options:
                """);
        for (Option o : OPTIONS) {
            b.append(String.format("  %-29s %s%n  %-29s env %s; default %s%n",
                    o.flag() + " " + o.value(), o.help(), "", o.env(), o.shown()));
        }
        b.append(String.format("  %-29s %s%n  %-29s env %s%n", "--config FILE", "read options from this properties file",
                "", CONFIG_ENV));
        b.append(String.format("  %-29s %s%n", "-h, --help", "show this help"));
        b.append("\nStops cleanly on SIGTERM or Ctrl-C; saved games are kept.\n");
        return b.toString();
    }

    /** Parses flags only, with no environment: what tests of flags use. */
    static ServerConfig parse(String[] args) {
        return parse(args, Map.of());
    }

    /**
     * @param env the environment (only {@code ISLANDS_*} is read)
     * @return the configuration @throws IllegalArgumentException for an unknown option, a missing
     *     value, an unreadable config file or a bad value
     */
    static ServerConfig parse(String[] args, Map<String, String> env) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + a);
            }
            String name = a.startsWith("--") ? a.substring(2) : "";
            if (!name.equals(CONFIG) && OPTIONS.stream().noneMatch(o -> o.name().equals(name))) {
                throw new IllegalArgumentException("unknown option: " + a);
            }
            flags.put(name, args[++i]);
        }
        String file = flags.getOrDefault(CONFIG, env.get(CONFIG_ENV));
        Map<String, String> fromFile = file == null ? Map.of() : readFile(Path.of(file));
        ServerConfig config = DEFAULTS;
        for (Option o : OPTIONS) {
            String value;
            String source;
            if (flags.containsKey(o.name())) {
                value = flags.get(o.name());
                source = null;
            } else if (env.containsKey(o.env())) {
                value = env.get(o.env());
                source = "environment " + o.env();
            } else if (fromFile.containsKey(o.name())) {
                value = fromFile.get(o.name());
                source = "key " + o.name() + " of " + file;
            } else {
                continue;
            }
            try {
                config = o.apply().apply(config, value.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(o.flag() + (source == null ? "" : " (from " + source + ")")
                        + ": " + e.getMessage(), e);
            }
        }
        return config;
    }

    private static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the config file " + file + ": " + e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (OPTIONS.stream().noneMatch(o -> o.name().equals(key))) {
                throw new IllegalArgumentException("unknown key in the config file " + file + ": " + key);
            }
            out.put(key, p.getProperty(key));
        }
        return out;
    }

    /** @return the comma-separated entries; each a full origin {@code scheme://host[:port]}, a host, or {@code *} */
    static List<String> origins(String v) {
        List<String> out = new java.util.ArrayList<>();
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

    private static int integer(String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("needs a number in " + min + ".." + max + ", not " + v);
    }

    /** @return {@code 500ms}, {@code 60s}, {@code 5m}, {@code 24h}, {@code 1d} or ISO-8601, positive */
    static Duration duration(String v) {
        Duration d;
        Matcher m = DURATION.matcher(v);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(v);
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("needs a duration such as 60s, 5m, 24h or PT1M, not " + v);
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("needs a positive duration, not " + v);
        }
        return d;
    }

    /** @return the duration as the help shows it: 60s, 5m, 24h */
    private static String show(Duration d) {
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "h";
        }
        return d.equals(Duration.ofSeconds(d.toSeconds())) ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
