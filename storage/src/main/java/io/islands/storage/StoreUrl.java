package io.islands.storage;

import io.islands.storage.internal.SqliteOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A store URL, parsed: which kind of store and how to open it. See {@link StateStores#open}. */
sealed interface StoreUrl {
    String FORMS = """
            memory:                                   in memory (the book's table); lost with the JVM
              sqlite:PATH[?OPTIONS]                     a SQLite file, PATH relative to the working directory
              postgresql://USER:PASS@HOST:PORT/DB[?OPTIONS]
              jdbc:postgresql://HOST:PORT/DB[?OPTIONS]  (also postgres://)
            OPTIONS: durability=durable|relaxed; sqlite: busy_timeout_ms=N, sync_interval_ms=N;
                     postgresql: pool_size=N, connect_timeout_ms=N, and any pgjdbc parameter""";

    record Memory() implements StoreUrl {}

    record Sqlite(SqliteOptions options) implements StoreUrl {}

    record Postgres(PostgresOptions options) implements StoreUrl {}

    static StoreUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw unknown(url);
        }
        if (url.equals("memory:")) {
            return new Memory();
        }
        if (url.startsWith("sqlite:")) {
            return sqlite(url);
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            return postgres(url);
        }
        if (url.startsWith("jdbc:postgresql://")) {
            return jdbcPostgres(url);
        }
        throw unknown(url);
    }

    private static IllegalArgumentException unknown(String url) {
        return new IllegalArgumentException("unknown store URL '" + url + "'; accepted forms:\n  " + FORMS);
    }

    private static StoreUrl sqlite(String url) {
        String rest = url.substring("sqlite:".length());
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("sqlite store URL without a path: '" + url + "' (e.g. sqlite:data/islands.db)");
        }
        SqliteOptions o = SqliteOptions.defaults(Path.of(path).toAbsolutePath().normalize());
        for (Map.Entry<String, String> p : params(q < 0 ? "" : rest.substring(q + 1)).entrySet()) {
            o = switch (p.getKey()) {
                case "durability" -> o.with(durability(p.getValue()));
                case "busy_timeout_ms" -> o.withBusyTimeout(millis(p));
                case "sync_interval_ms" -> o.withSyncInterval(millis(p));
                default -> throw new IllegalArgumentException("unknown sqlite store option '" + p.getKey()
                        + "' in '" + url + "'; options: durability, busy_timeout_ms, sync_interval_ms");
            };
        }
        return new Sqlite(o);
    }

    private static StoreUrl postgres(String url) {
        String rest = url.substring(url.indexOf("://") + 3);
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        rest = q < 0 ? rest : rest.substring(0, q);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String db = slash < 0 ? "" : rest.substring(slash);
        int at = authority.lastIndexOf('@');
        String user = null;
        String password = null;
        String hostPort = authority;
        if (at >= 0) {
            String info = authority.substring(0, at);
            hostPort = authority.substring(at + 1);
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        if (hostPort.isEmpty()) {
            throw new IllegalArgumentException("postgresql store URL without a host: '" + redact(url) + "'");
        }
        String display = "postgresql://" + (user == null ? "" : user + "@") + hostPort + db;
        return postgresWith("jdbc:postgresql://" + hostPort + db, query, user, password, display);
    }

    private static StoreUrl jdbcPostgres(String url) {
        int q = url.indexOf('?');
        return postgresWith(q < 0 ? url : url.substring(0, q), q < 0 ? "" : url.substring(q + 1), null, null,
                redact(q < 0 ? url : url.substring(0, q)));
    }

    private static StoreUrl postgresWith(String base, String query, String user, String password, String display) {
        Durability durability = Durability.DURABLE;
        int poolSize = PostgresOptions.DEFAULT_POOL_SIZE;
        Duration connectTimeout = PostgresOptions.DEFAULT_CONNECT_TIMEOUT;
        List<String> driver = new ArrayList<>();
        for (String part : query.isEmpty() ? new String[0] : query.split("&")) {
            String name = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
            String value = part.contains("=") ? decode(part.substring(part.indexOf('=') + 1)) : "";
            switch (name) {
                case "durability" -> durability = durability(value);
                case "pool_size" -> poolSize = positive(name, value);
                case "connect_timeout_ms" -> connectTimeout = Duration.ofMillis(positive(name, value));
                default -> driver.add(part);
            }
        }
        String jdbcUrl = driver.isEmpty() ? base : base + "?" + String.join("&", driver);
        return new Postgres(new PostgresOptions(jdbcUrl, user, password, display, durability, poolSize, connectTimeout));
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : query.isEmpty() ? new String[0] : query.split("&")) {
            int eq = part.indexOf('=');
            out.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : decode(part.substring(eq + 1)));
        }
        return out;
    }

    private static Durability durability(String value) {
        return switch (value.toLowerCase()) {
            case "durable" -> Durability.DURABLE;
            case "relaxed" -> Durability.RELAXED;
            default -> throw new IllegalArgumentException("durability must be durable or relaxed, was '" + value + "'");
        };
    }

    private static Duration millis(Map.Entry<String, String> p) {
        return Duration.ofMillis(positive(p.getKey(), p.getValue()));
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive integer, was '" + value + "'");
    }

    /** Percent-decoding that keeps '+' as it is (URL user info, not a form). */
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL without a password, neither in the user info nor as a parameter. */
    static String redact(String url) {
        return url.replaceAll("(://[^:/@]*):[^@/]*@", "$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
