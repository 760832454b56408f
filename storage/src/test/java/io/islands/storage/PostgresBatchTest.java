package io.islands.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.checkpoint.StaleRevisionException;
import io.islands.runtime.checkpoint.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL group-commit writer: a batch is one statement with per-row revision checks, a
 * refused row fails alone, a batch cut by a lost connection fails whole and the store goes on.
 */
class PostgresBatchTest {
    private static final int DEPTH = 3;

    private String url;
    private String schema;
    private PostgresStore store;

    @BeforeEach
    void open() {
        url = PostgresServer.freshUrl();
        schema = url.replaceAll(".*currentSchema=([a-z0-9]+).*", "$1");
        store = new PostgresStore(((StoreUrl.Postgres) StoreUrl.parse(url)).options(), DEPTH);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static String json(String key, long revision) {
        return "{\"key\":\"" + key + "\",\"revision\":" + revision + "}";
    }

    private Connection direct() throws SQLException {
        Connection c = PostgresServer.get().getPostgresDatabase().getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
        }
        return c;
    }

    private long newest(String key) {
        List<RawVersion> v = store.versions(key, 1);
        return v.isEmpty() ? 0 : v.get(0).revision();
    }

    @Test
    void oneRefusedRowInAStatementOf256FailsAlone() throws Exception {
        for (int k = 0; k < 256; k++) {
            store.save("k" + k, 1, json("k" + k, 1));
        }
        List<PostgresBatches.Save> round = new ArrayList<>();
        for (int k = 0; k < 256; k++) {
            long revision = k == 100 ? 5 : 2; // k100 skips revisions: refused
            round.add(new PostgresBatches.Save("k" + k, revision, json("k" + k, revision)));
        }
        try (Connection c = direct()) {
            StaleRevisionException[] refused = PostgresBatches.saveRound(c, round, DEPTH);
            assertThat(Arrays.stream(refused).filter(Objects::nonNull)).hasSize(1);
            PostgresBatches.complete(round, refused);
        }
        for (int k = 0; k < 256; k++) {
            CompletableFuture<Void> done = round.get(k).done;
            if (k == 100) {
                assertThatThrownBy(done::join).hasCauseInstanceOf(StaleRevisionException.class)
                        .cause().satisfies(e -> {
                            assertThat(((StaleRevisionException) e).stored()).isEqualTo(1);
                            assertThat(((StaleRevisionException) e).attempted()).isEqualTo(5);
                        });
                assertThat(newest("k" + k)).isEqualTo(1);
            } else {
                assertThat(done).isCompleted().isNotCompletedExceptionally();
                assertThat(newest("k" + k)).isEqualTo(2);
            }
        }
    }

    @Test
    void mixedRevisionsInOneBatchEachGetTheirOwnOutcome() throws Exception {
        long seed = System.nanoTime();
        System.out.println("PostgresBatchTest seed " + seed);
        Random random = new Random(seed);
        Map<String, Long> model = new HashMap<>();
        for (int k = 0; k < 64; k++) { // keys at revisions 0 (new) to 5
            String key = "m" + k;
            long upTo = random.nextInt(6);
            for (long r = 1; r <= upTo; r++) {
                store.save(key, r, json(key, r));
            }
            model.put(key, upTo);
        }
        List<PostgresBatches.Save> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // next, stale, ahead, or a key twice
            String key = "m" + random.nextInt(64);
            long revision = Math.max(1, model.get(key) + 1 + (random.nextInt(4) == 0 ? random.nextInt(5) - 2 : 0));
            batch.add(new PostgresBatches.Save(key, revision, json(key, revision)));
        }
        List<List<PostgresBatches.Save>> rounds = PostgresBatches.rounds(batch);
        assertThat(rounds.stream().mapToInt(List::size).sum()).isEqualTo(200);
        try (Connection c = direct()) {
            for (List<PostgresBatches.Save> round : rounds) {
                assertThat(round.stream().map(s -> s.key).distinct().count()).isEqualTo(round.size());
                List<Boolean> expected = new ArrayList<>();
                for (PostgresBatches.Save s : round) {
                    boolean accept = s.revision == model.get(s.key) + 1;
                    expected.add(accept);
                    if (accept) {
                        model.put(s.key, s.revision);
                    }
                }
                PostgresBatches.complete(round, PostgresBatches.saveRound(c, round, DEPTH));
                for (int i = 0; i < round.size(); i++) {
                    PostgresBatches.Save s = round.get(i);
                    if (expected.get(i)) {
                        assertThat(s.done).as("%s, seed %d", s.what, seed).isCompleted().isNotCompletedExceptionally();
                    } else {
                        assertThatThrownBy(s.done::join).as("%s, seed %d", s.what, seed)
                                .hasCauseInstanceOf(StaleRevisionException.class);
                    }
                }
            }
        }
        for (Map.Entry<String, Long> e : model.entrySet()) {
            List<RawVersion> versions = store.versions(e.getKey(), DEPTH);
            assertThat(versions.isEmpty() ? 0 : versions.get(0).revision()).as("%s, seed %d", e.getKey(), seed)
                    .isEqualTo(e.getValue());
            assertThat(versions).hasSize((int) Math.min(DEPTH, e.getValue())); // history trimmed to the depth
        }
    }

    @Test
    void aSaveByAnOwnerWithALowerFenceIsRefusedByTheRevisionCheckStatement() throws Exception {
        try (Connection c = direct()) {
            List<PostgresBatches.Save> first = List.of(new PostgresBatches.Save("f", 1, json("f", 1), 5));
            PostgresBatches.complete(first, PostgresBatches.saveRound(c, first, DEPTH));
            assertThat(first.get(0).done).isCompleted().isNotCompletedExceptionally();
            List<PostgresBatches.Save> round = List.of(
                    new PostgresBatches.Save("f", 2, json("f", 2), 3), // an owner from before fence 5
                    new PostgresBatches.Save("g", 1, json("g", 1), 0));
            PostgresBatches.complete(round, PostgresBatches.saveRound(c, round, DEPTH));
            assertThatThrownBy(round.get(0).done::join).cause().isInstanceOfSatisfying(StaleRevisionException.class,
                    e -> assertThat(e.stored()).isEqualTo(1));
            assertThat(round.get(1).done).isCompleted().isNotCompletedExceptionally();
            List<PostgresBatches.Save> newer = List.of(new PostgresBatches.Save("f", 2, json("f", 2), 7));
            PostgresBatches.complete(newer, PostgresBatches.saveRound(c, newer, DEPTH));
            assertThat(newer.get(0).done).isCompleted().isNotCompletedExceptionally();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT revision, fence FROM islands_states WHERE key = 'f' "
                            + "ORDER BY revision DESC LIMIT 1")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getLong(2)).isEqualTo(7);
            }
        }
        assertThatThrownBy(() -> store.save("f", 3, json("f", 3))) // this store saves with fence 0
                .isInstanceOf(StaleRevisionException.class);
        assertThat(newest("f")).isEqualTo(2);
    }

    /** Holds an exclusive lock on the states table, so that the writer's next statement waits. */
    private Connection lockStates() throws SQLException {
        Connection lock = direct();
        lock.setAutoCommit(false);
        try (Statement s = lock.createStatement()) {
            s.execute("LOCK TABLE islands_states IN EXCLUSIVE MODE");
        }
        return lock;
    }

    /** Runs {@code saves} on virtual threads: the first once, the others once the writer is stuck on its first statement. */
    private List<Future<?>> queueBehindTheLock(ExecutorService pool, List<Runnable> saves) {
        List<Future<?>> futures = new ArrayList<>();
        futures.add(pool.submit(saves.get(0)));
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting("WITH input AS%") == 1 && store.pendingSaves() == 0);
        for (Runnable r : saves.subList(1, saves.size())) {
            futures.add(pool.submit(r));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> store.pendingSaves() == saves.size() - 1);
        return futures;
    }

    @Test
    void savesQueuedWhileAStatementRunsGoInOneStatementAndARefusedOneFailsAlone() throws Exception {
        for (int k = 0; k < 256; k++) {
            store.save("b" + k, 1, json("b" + k, 1));
        }
        List<Runnable> saves = new ArrayList<>();
        List<Throwable> refused = new ArrayList<>();
        saves.add(() -> store.save("first", 1, json("first", 1)));
        for (int k = 0; k < 256; k++) {
            String key = "b" + k;
            long revision = k == 17 ? 1 : 2; // b17 repeats revision 1: stale
            saves.add(() -> {
                try {
                    store.save(key, revision, json(key, revision));
                } catch (StaleRevisionException e) {
                    synchronized (refused) {
                        refused.add(e);
                    }
                }
            });
        }
        StoreCounters before = store.counters();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor(); Connection lock = lockStates()) {
            List<Future<?>> futures = queueBehindTheLock(pool, saves);
            lock.rollback(); // release: the first statement runs, then the 256 queued as one
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
        StoreCounters after = store.counters();
        assertThat(after.commits() - before.commits()).as("statements").isEqualTo(2);
        assertThat(after.saves() - before.saves()).isEqualTo(256);
        assertThat(refused).singleElement().isInstanceOfSatisfying(StaleRevisionException.class,
                e -> assertThat(e.attempted()).isEqualTo(1));
        for (int k = 0; k < 256; k++) {
            assertThat(newest("b" + k)).isEqualTo(k == 17 ? 1 : 2);
        }
    }

    @Test
    void aBatchOf256CutByAKilledConnectionFailsWholeAndTheStoreGoesOn() throws Exception {
        List<Runnable> saves = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        saves.add(() -> store.save("first", 1, json("first", 1)));
        for (int k = 0; k < 256; k++) {
            String key = "c" + k;
            saves.add(() -> {
                try {
                    store.save(key, 1, json(key, 1));
                } catch (StoreException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
        }
        try (var pool = Executors.newVirtualThreadPerTaskExecutor(); Connection rival = direct(); Connection lock = direct()) {
            // The first statement waits for a rival's uncommitted row of its key, while 256 saves queue behind it.
            rival.setAutoCommit(false);
            Jdbc.update(rival, "INSERT INTO islands_states (key, revision, state) VALUES ('first', 1, '{}')");
            List<Future<?>> futures = queueBehindTheLock(pool, saves);
            // Then an exclusive table lock queues behind the writer's statement, so that the writer's next
            // statement (the 256) waits for it once the rival is gone.
            lock.setAutoCommit(false);
            Future<?> locked = pool.submit(() -> {
                try (Statement s = lock.createStatement()) {
                    s.execute("LOCK TABLE islands_states IN EXCLUSIVE MODE");
                }
                return null;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting("LOCK TABLE%") == 1);
            rival.rollback();
            futures.get(0).get(10, TimeUnit.SECONDS); // "first" is saved
            locked.get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting("WITH input AS%") == 1 && store.pendingSaves() == 0);
            try (Statement s = rival.createStatement()) { // the writer's connection dies inside the statement of 256
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'islands' "
                        + "AND wait_event_type = 'Lock'");
            }
            rival.commit();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            lock.rollback();
        }
        assertThat(failures).hasSize(256).allSatisfy(e -> {
            assertThat(e).isInstanceOf(StoreException.class).isNotInstanceOf(StaleRevisionException.class);
            assertThat(e.getMessage()).matches("(?s).*save c[0-9]+ revision 1 failed: the database is unavailable.*");
        });
        assertThat(newest("first")).isEqualTo(1);
        for (int k = 0; k < 256; k++) {
            assertThat(newest("c" + k)).as("nothing of the cut statement is stored").isZero();
        }
        for (int k = 0; k < 256; k++) { // the callers try again: the store has reconnected
            store.save("c" + k, 1, json("c" + k, 1));
        }
        assertThat(store.keys()).hasSize(257);
    }

    @Test
    void readsQueuedWhileStatementsRunGoInFewStatementsEachWithItsOwnAnswer() throws Exception {
        for (int k = 0; k < 300; k++) {
            for (long r = 1; r <= k % 5 + 1; r++) {
                store.save("r" + k, r, json("r" + k, r));
            }
        }
        long before = store.readStatements();
        Map<Integer, Future<List<RawVersion>>> reads = new HashMap<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor(); Connection lock = direct()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE islands_states IN ACCESS EXCLUSIVE MODE");
            }
            for (int k = 0; k < 2; k++) { // one in each lane, both waiting for the lock
                int key = k;
                reads.put(k, pool.submit(() -> store.versions("r" + key, DEPTH)));
                await().atMost(Duration.ofSeconds(10)).until(() -> waiting("SELECT i.ord%") == key + 1);
            }
            for (int k = 2; k < 302; k++) { // r300 and r301 do not exist
                int key = k;
                reads.put(k, pool.submit(() -> store.versions("r" + key, key % 2 == 0 ? 1 : DEPTH)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> store.pendingReads() == 300);
            lock.rollback();
            for (Map.Entry<Integer, Future<List<RawVersion>>> e : reads.entrySet()) {
                int k = e.getKey();
                List<RawVersion> got = e.getValue().get(30, TimeUnit.SECONDS);
                long newest = k < 300 ? k % 5 + 1 : 0;
                int limit = k < 2 || k % 2 == 1 ? DEPTH : 1;
                assertThat(got).as("r%d", k).extracting(RawVersion::revision)
                        .containsExactlyElementsOf(java.util.stream.LongStream.iterate(newest, r -> r >= 1, r -> r - 1)
                                .limit(limit).boxed().toList());
                if (!got.isEmpty()) {
                    assertThat(got.get(0).json()).isEqualTo(json("r" + k, newest));
                }
            }
        }
        // 2 waiting on the lock, then the 300 queued behind them: 256 + 44 in two lanes
        assertThat(store.readStatements() - before).isLessThanOrEqualTo(4);
    }

    @Test
    void versionsOfManyKeysAreReadInStatementsOfManyKeys() {
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            store.save("v" + k, 1, json("v" + k, 1));
            keys.add("v" + k);
        }
        long before = store.readStatements();
        Map<String, List<RawVersion>> got = store.versions(keys, DEPTH);
        assertThat(got.keySet()).containsExactlyElementsOf(keys);
        assertThat(got.get("v7").get(0).json()).isEqualTo(json("v7", 1));
        // the first key may go alone before the others are queued; then 256 and the rest
        assertThat(store.readStatements() - before).isBetween(1L, 4L);
    }

    private int waiting(String queryPrefix) throws SQLException {
        try (Connection c = direct();
                var ps = Jdbc.bind(c.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE wait_event_type = 'Lock' AND query LIKE ?"), queryPrefix);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
