package io.islands.storage;

import java.time.Duration;

/**
 * How a PostgreSQL store connects.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/db?...} (driver parameters only)
 * @param user null: taken from the URL's parameters or the driver's defaults
 * @param password null: likewise
 * @param display the URL without its password, for messages
 * @param durability DURABLE: {@code synchronous_commit=on}; RELAXED: {@code off}
 * @param poolSize connections in the pool
 * @param connectTimeout how long an operation waits for a connection before failing as "unavailable"
 */
record PostgresOptions(String jdbcUrl, String user, String password, String display, Durability durability,
        int poolSize, Duration connectTimeout) {
    static final int DEFAULT_POOL_SIZE = 10;
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
}
