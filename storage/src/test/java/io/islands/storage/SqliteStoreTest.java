package io.islands.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StaleRevisionException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite specifics: group commit, modes, schema. The shared contract is in {@link SqliteContractTest}. */
class SqliteStoreTest {
    @TempDir
    Path dir;

    private String url(String options) {
        return "sqlite:" + dir.resolve("store.db") + options;
    }

    @Test
    void concurrentSavesShareCommits() throws Exception {
        int writers = 400;
        int rounds = 5;
        try (var store = StateStores.open(url(""), TestCodec.INSTANCE, 3)) {
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> all = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    String key = "game-" + w;
                    all.add(pool.submit(() -> {
                        for (int r = 1; r <= rounds; r++) {
                            store.save(key, new Saved<>(r, TestState.sized(key, r, 1000)));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get();
                }
            }
            StoreCounters counters = store.counters();
            assertThat(counters.saves()).isEqualTo((long) writers * rounds);
            assertThat(counters.commits()).as("commits for %d saves", counters.saves())
                    .isLessThanOrEqualTo(counters.saves() / 10);
            for (int w = 0; w < writers; w++) {
                assertThat(store.newest("game-" + w).orElseThrow().revision()).isEqualTo(rounds);
            }
        }
    }

    @Test
    void aStaleSaveInAGroupFailsAloneTheOthersCommit() throws Exception {
        try (var store = StateStores.open(url(""), TestCodec.INSTANCE, 3)) {
            List<Future<Boolean>> results = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int k = 0; k < 300; k++) {
                    String key = "k" + k;
                    long revision = k % 3 == 0 ? 2 : 1; // every third is stale: nothing stored yet
                    results.add(pool.submit(() -> {
                        try {
                            store.save(key, new Saved<>(revision, TestState.of(key, 1)));
                            return true;
                        } catch (StaleRevisionException e) {
                            return false;
                        }
                    }));
                }
            }
            for (int k = 0; k < 300; k++) {
                assertThat(results.get(k).get()).as("key k%d", k).isEqualTo(k % 3 != 0);
                assertThat(store.versions("k" + k)).hasSize(k % 3 == 0 ? 0 : 1);
            }
            assertThat(store.counters().commits()).isLessThan(200);
        }
    }

    @Test
    void relaxedModeKeepsTheContractAndSaysSo() {
        try (var store = StateStores.open(url("?durability=relaxed&sync_interval_ms=50"), TestCodec.INSTANCE, 2)) {
            assertThat(store.describe()).endsWith("(relaxed)");
            for (int r = 1; r <= 3; r++) {
                store.save("g", new Saved<>(r, TestState.of("g", r)));
            }
            assertThatThrownBy(() -> store.save("g", new Saved<>(3, TestState.of("g", 3))))
                    .isInstanceOf(StaleRevisionException.class);
        }
        try (var store = StateStores.open(url(""), TestCodec.INSTANCE, 2)) {
            assertThat(store.describe()).endsWith("(durable)");
            assertThat(store.versions("g")).extracting(Saved::revision).containsExactly(3L, 2L);
        }
    }

    @Test
    void theSchemaIsCreatedOnceAndVersioned() throws Exception {
        StateStores.open(url(""), TestCodec.INSTANCE, 3).close();
        StateStores.open(url(""), TestCodec.INSTANCE, 3).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("store.db"));
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version, description FROM schema_version")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualTo("wal");
            }
        }
    }

    @Test
    void aRelativePathIsUnderTheWorkingDirectory() {
        var url = (StoreUrl.Sqlite) StoreUrl.parse(StateStores.DEFAULT_URL);
        assertThat(url.options().file()).isEqualTo(Path.of("data/islands.db").toAbsolutePath());
        assertThat(url.options().durability()).isEqualTo(Durability.DURABLE);
    }
}
