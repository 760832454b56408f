package io.islands.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StaleRevisionException;
import io.islands.runtime.checkpoint.StoreException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL specifics: two writers, a database restart, schema migration under concurrent opens. */
class PostgresStoreTest {

    private static Saved<TestState> v(long revision) {
        return new Saved<>(revision, TestState.of("p", (int) revision));
    }

    @Test
    void aStaleWriterInAnotherProcessIsRefused() {
        String url = PostgresServer.freshUrl();
        try (var first = StateStores.open(url, TestCodec.INSTANCE, 3);
                var second = StateStores.open(url, TestCodec.INSTANCE, 3)) {
            first.save("g", v(1));
            Saved<TestState> seenBySecond = second.newest("g").orElseThrow();
            first.save("g", v(2)); // the newer incarnation moves on
            assertThatThrownBy(() -> second.save("g", new Saved<>(seenBySecond.revision() + 1, TestState.of("old", 9))))
                    .isInstanceOfSatisfying(StaleRevisionException.class, e -> {
                        assertThat(e.stored()).isEqualTo(2);
                        assertThat(e.attempted()).isEqualTo(2);
                    });
            assertThat(first.newest("g")).contains(v(2));
        }
    }

    @Test
    void anIdleStoreHoldsOnlyItsLanesConnectionsNotItsWholePool() throws Exception {
        String app = "islands-idle-" + System.nanoTime();
        String url = PostgresServer.freshUrl().replace("pool_size=4", "pool_size=10") + "&ApplicationName=" + app;
        try (var store = StateStores.open(url, TestCodec.INSTANCE, 3)) {
            for (int r = 1; r <= 20; r++) { // used, one call at a time
                store.save("g", v(r));
                assertThat(store.newest("g")).contains(v(r));
            }
            // before 2026-12-06 the pool held all 10 from its start: a server's four stores ~40 backends
            // (held for a whole second: the pool fills in the background, and passed 3 on its way to 10)
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> backends(app) == PostgresStore.IDLE_CONNECTIONS);
        }
        // closed: every backend ends (each one after its client's goodbye, so not at the same instant)
        await().atMost(Duration.ofSeconds(10)).until(() -> backends(app) == 0);
    }

    private static int backends(String app) throws java.sql.SQLException {
        try (var c = PostgresServer.get().getPostgresDatabase().getConnection();
                var ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, app);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void concurrentOpensOfANewSchemaMigrateOnce() throws Exception {
        String url = PostgresServer.freshUrl();
        List<Future<CloseableStateStore<TestState>>> opened = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                opened.add(pool.submit(() -> StateStores.open(url, TestCodec.INSTANCE, 3)));
            }
        }
        for (Future<CloseableStateStore<TestState>> f : opened) {
            f.get().close();
        }
        String schema = url.replaceAll(".*currentSchema=([a-z0-9]+).*", "$1");
        try (var c = PostgresServer.get().getPostgresDatabase().getConnection();
                var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + schema + ".islands_schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(PostgresSchema.MIGRATIONS.size()); // each step once
        }
    }

    @Test
    void rowsOfTheFirstSchemaStillLoadAfterItsMigration() throws Exception {
        String url = PostgresServer.freshUrl();
        String schema = url.replaceAll(".*currentSchema=([a-z0-9]+).*", "$1");
        try (var c = PostgresServer.get().getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
            s.execute(PostgresSchema.CREATE_VERSION_TABLE);
            for (String sql : PostgresSchema.MIGRATIONS.get(0).statements()) { // schema 1: states as jsonb
                s.execute(sql);
            }
            s.execute("INSERT INTO islands_schema_version (version, description) VALUES (1, 'first')");
            String json = TestCodec.INSTANCE.encode(TestState.sized("old", 7, 600));
            for (int r = 1; r <= 2; r++) {
                Jdbc.update(c, "INSERT INTO islands_states (key, revision, state) VALUES ('old', ?, CAST(? AS jsonb))", r, json);
            }
        }
        try (var store = StateStores.open(url, TestCodec.INSTANCE, 3)) {
            assertThat(store.versions("old")).extracting(Saved::revision).containsExactly(2L, 1L);
            assertThat(store.newest("old").orElseThrow().state()).isEqualTo(TestState.sized("old", 7, 600));
            store.save("old", new Saved<>(3, TestState.of("new", 3)));
            assertThat(store.versions("old")).extracting(Saved::revision).containsExactly(3L, 2L, 1L);
        }
    }

    @Test
    void whileTheDatabaseIsDownCallsFailClearlyAndWorkAgainAfterItsRestart(@TempDir Path data) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgres pg = start(data, port);
        String url = "postgresql://postgres@localhost:" + port + "/postgres?connect_timeout_ms=1000&pool_size=2";
        try (var store = StateStores.open(url, TestCodec.INSTANCE, 3)) {
            store.save("g", v(1));
            pg.close();
            assertThatThrownBy(() -> store.save("g", v(2)))
                    .isInstanceOf(StoreException.class)
                    .isNotInstanceOf(StaleRevisionException.class)
                    .hasMessageContaining("save g revision 2").hasMessageContaining("unavailable");
            assertThatThrownBy(() -> store.versions("g")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("unavailable");
            pg = start(data, port);
            await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(StoreException.class)
                    .until(() -> store.versions("g").equals(List.of(v(1))));
            store.save("g", v(2));
            assertThat(store.versions("g")).containsExactly(v(2), v(1));
        } finally {
            pg.close();
        }
        assertThatThrownBy(() -> StateStores.open(url, TestCodec.INSTANCE, 3))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("postgresql://postgres@localhost:" + port + "/postgres")
                .hasMessageContaining("unavailable");
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }
}
