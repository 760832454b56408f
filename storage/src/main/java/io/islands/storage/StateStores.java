package io.islands.storage;

import io.islands.runtime.checkpoint.StoreException;
import io.islands.storage.cluster.ClusterOptions;
import io.islands.storage.cluster.ClusterStore;
import java.nio.file.Files;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens a state store by URL.
 *
 * <table>
 *   <caption>Store URLs</caption>
 *   <tr><th>URL</th><th>store</th></tr>
 *   <tr><td>{@code memory:}</td><td>the runtime's {@link io.islands.runtime.checkpoint.MemoryStateStore}: lost with the JVM</td></tr>
 *   <tr><td>{@code sqlite:PATH}</td><td>a SQLite file (created with its directories), PATH relative to the working
 *       directory; options {@code durability=durable|relaxed}, {@code busy_timeout_ms} (2000),
 *       {@code sync_interval_ms} (relaxed: 1000)</td></tr>
 *   <tr><td>{@code postgresql://USER:PASS@HOST:PORT/DB}, {@code postgres://...}, {@code jdbc:postgresql://...}</td>
 *       <td>PostgreSQL; options {@code durability}, {@code pool_size} (10), {@code connect_timeout_ms} (5000);
 *       other parameters go to the driver</td></tr>
 * </table>
 *
 * <p>The default store of the server is {@link #DEFAULT_URL}. See docs/storage.md for the
 * durability contract of each.
 */
public final class StateStores {
    /** The server's store unless told otherwise: a SQLite file under the working directory. */
    public static final String DEFAULT_URL = "sqlite:data/islands.db";

    private StateStores() {}

    /**
     * Opens (creating or migrating as needed) the store at {@code url}.
     *
     * @param historyDepth versions kept per key, at least 1
     * @throws IllegalArgumentException for a URL of an unknown form (the message lists the accepted ones)
     * @throws StoreException if the store cannot be opened (unreachable, read-only, newer schema...)
     */
    public static <S> CloseableStateStore<S> open(String url, StateCodec<S> codec, int historyDepth) {
        Objects.requireNonNull(codec, "codec");
        if (historyDepth < 1) {
            throw new IllegalArgumentException("historyDepth must be >= 1, was " + historyDepth);
        }
        return switch (StoreUrl.parse(url)) {
            case StoreUrl.Memory m -> new MemoryStore<>(historyDepth);
            case StoreUrl.Sqlite s -> new EncodedStateStore<>(new SqliteStore(s.options(), historyDepth), codec, historyDepth);
            case StoreUrl.Postgres p -> new EncodedStateStore<>(new PostgresStore(p.options(), historyDepth), codec, historyDepth);
        };
    }

    /**
     * Opens a cluster node's handle on the PostgreSQL store at {@code url} (see {@link
     * ClusterStore}; {@link ClusterStore#open} calls this).
     *
     * @throws IllegalArgumentException if {@code url} is not a PostgreSQL store URL (the cluster needs one)
     * @throws StoreException if the database cannot be reached or has a newer schema
     */
    public static ClusterStore openCluster(String url, ClusterOptions options) {
        Objects.requireNonNull(options, "options");
        if (!(StoreUrl.parse(url) instanceof StoreUrl.Postgres p)) {
            throw new IllegalArgumentException("a cluster needs a PostgreSQL store (postgresql://...), not '"
                    + StoreUrl.redact(url) + "'");
        }
        return new PostgresCluster(p.options(), options);
    }

    /**
     * As {@link #open}, for tools that inspect a store: empty instead of creating a SQLite file that does not exist.
     */
    public static <S> Optional<CloseableStateStore<S>> openExisting(String url, StateCodec<S> codec, int historyDepth) {
        if (StoreUrl.parse(url) instanceof StoreUrl.Sqlite s && !Files.exists(s.options().file())) {
            return Optional.empty();
        }
        return Optional.of(open(url, codec, historyDepth));
    }
}
