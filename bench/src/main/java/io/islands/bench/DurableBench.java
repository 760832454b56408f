package io.islands.bench;

import io.islands.runtime.checkpoint.Saved;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateCodec;
import io.islands.storage.StateStores;
import io.islands.storage.StoreCounters;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code ./islands bench store-durable}: acknowledged saves per second with 1, 16 and 256 concurrent
 * writers (virtual threads, one key each, ~1.5 KB JSON states, fsync on) for SQLite and
 * PostgreSQL (embedded, {@code fsync=on}, {@code synchronous_commit=on}); and the reopen time
 * of a SQLite store holding 1,000,000 keys (generated once into the temp directory).
 *
 * <pre>
 * options: --seconds N (5)   --writers 1,16,256   --keys N (1000000)
 *          --only sqlite|sqlite-relaxed|postgres|reopen (repeatable; default: all)
 * </pre>
 */
public final class DurableBench {
    private DurableBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = 5;
        int[] writers = {1, 16, 256};
        int keys = 1_000_000;
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--writers" -> writers = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--keys" -> keys = Integer.parseInt(args[++i]);
                case "--only" -> only.add(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see DurableBench javadoc)");
            }
        }
        Path tmp = Files.createTempDirectory("islands-bench-durable");
        if (only.isEmpty() || only.contains("sqlite")) {
            for (int w : writers) {
                throughput("sqlite durable", "sqlite:" + tmp.resolve("d" + w + ".db"), w, seconds);
            }
        }
        if (only.isEmpty() || only.contains("sqlite-relaxed")) {
            for (int w : writers) {
                throughput("sqlite relaxed", "sqlite:" + tmp.resolve("r" + w + ".db") + "?durability=relaxed", w, seconds);
            }
        }
        if (only.isEmpty() || only.contains("postgres")) {
            try (EmbeddedPostgres pg = startPostgres()) {
                for (int w : writers) {
                    throughput("postgres durable", postgresSchemaUrl(pg, "bench" + w), w, seconds);
                }
            }
        }
        if (only.isEmpty() || only.contains("reopen")) {
            ReopenBench.run(keys);
        }
    }

    /** @return an embedded PostgreSQL on this machine with {@code fsync=on}, {@code synchronous_commit=on} */
    public static EmbeddedPostgres startPostgres() throws java.io.IOException {
        return EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
    }

    /** Creates {@code schema} and @return a store URL for it (pool of 16 connections). */
    public static String postgresSchemaUrl(EmbeddedPostgres pg, String schema) throws java.sql.SQLException {
        try (var c = pg.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres&currentSchema=" + schema
                + "&pool_size=16";
    }

    /** A state of about 1.5 KB of JSON. */
    static String state(String key, long revision) {
        StringBuilder moves = new StringBuilder();
        for (int i = 0; moves.length() < 1400; i++) {
            moves.append(i == 0 ? "" : ",").append("{\"row\":").append(i % 10).append(",\"col\":").append(i % 7)
                    .append(",\"hit\":").append(i % 3 == 0).append('}');
        }
        return "{\"v\":1,\"game\":\"" + key + "\",\"revision\":" + revision + ",\"guesses\":[" + moves + "]}";
    }

    private static void throughput(String label, String url, int writers, int seconds) throws Exception {
        try (CloseableStateStore<String> store = StateStores.open(url, StateCodec.rawJson(), 3)) {
            LongAdder acknowledged = new LongAdder();
            var phase = new java.util.concurrent.atomic.AtomicInteger(); // 0 warm-up, 1 measure, 2 stop
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String key = "game-" + w;
                threads.add(Thread.ofVirtual().start(() -> {
                    for (long r = 1; phase.get() < 2; r++) {
                        store.save(key, new Saved<>(r, state(key, r)));
                        if (phase.get() == 1) {
                            acknowledged.increment();
                        }
                    }
                }));
            }
            Thread.sleep(1000); // warm-up: a measurement pause
            StoreCounters before = store.counters();
            long t0 = System.nanoTime();
            phase.set(1);
            Thread.sleep(seconds * 1000L);
            phase.set(2);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            StoreCounters after = store.counters();
            for (Thread t : threads) {
                t.join();
            }
            double rate = acknowledged.sum() / elapsed;
            System.out.printf("%-17s writers %4d: %,9.0f saves/s  %,8.0f commits/s  %5.1f saves/commit  mean latency %6.2f ms%n",
                    label, writers, rate, (after.commits() - before.commits()) / elapsed,
                    (after.saves() - before.saves()) / (double) Math.max(1, after.commits() - before.commits()),
                    writers / rate * 1000);
        }
    }
}
