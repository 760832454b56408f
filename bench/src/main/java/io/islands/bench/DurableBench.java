package io.islands.bench;

import io.islands.runtime.checkpoint.Saved;
import io.islands.server.cli.Cli;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateCodec;
import io.islands.storage.StateStores;
import io.islands.storage.StoreCounters;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./islands bench store-durable}: acknowledged saves per second with 1, 16 and 256 concurrent
 * writers (virtual threads, one key each, ~1.5 KB JSON states, fsync on) for SQLite and
 * PostgreSQL (embedded, {@code fsync=on}, {@code synchronous_commit=on}); and the reopen time
 * of a SQLite store holding 1,000,000 keys (generated once into the temp directory).
 */
@Command(name = "store-durable", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, sortOptions = false,
        description = {"Acknowledged saves/s of the SQLite and PostgreSQL state stores (fsync on)",
            "and reopen time of a SQLite store with N keys."})
public final class DurableBench implements Callable<Integer> {
    /** What {@code --only} may name. */
    enum Part {
        SQLITE, SQLITE_RELAXED, POSTGRES, REOPEN;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @Option(names = "--seconds", paramLabel = "N", description = "measured seconds per run")
    int seconds = 5;

    @Option(names = "--writers", paramLabel = "N,N...", split = ",", description = "concurrent writers, one run each")
    int[] writers = {1, 16, 256};

    @Option(names = "--keys", paramLabel = "N", description = "keys of the store reopened")
    int keys = 1_000_000;

    @Option(names = "--only", paramLabel = "PART", converter = PartConverter.class,
            description = "sqlite, sqlite-relaxed, postgres or reopen; repeatable (default: all)",
            showDefaultValue = CommandLine.Help.Visibility.NEVER)
    List<Part> only = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private DurableBench() {}

    @Override
    public Integer call() throws Exception {
        Cli.inRange(spec, "--seconds", seconds, 1, 3600);
        Cli.inRange(spec, "--keys", keys, 1, 100_000_000);
        for (int w : writers) {
            Cli.inRange(spec, "--writers", w, 1, 100_000);
        }
        Path tmp = Files.createTempDirectory("islands-bench-durable");
        if (only.isEmpty() || only.contains(Part.SQLITE)) {
            for (int w : writers) {
                throughput("sqlite durable", "sqlite:" + tmp.resolve("d" + w + ".db"), w, seconds);
            }
        }
        if (only.isEmpty() || only.contains(Part.SQLITE_RELAXED)) {
            for (int w : writers) {
                throughput("sqlite relaxed", "sqlite:" + tmp.resolve("r" + w + ".db") + "?durability=relaxed", w, seconds);
            }
        }
        if (only.isEmpty() || only.contains(Part.POSTGRES)) {
            try (EmbeddedPostgres pg = startPostgres()) {
                for (int w : writers) {
                    throughput("postgres durable", postgresSchemaUrl(pg, "bench" + w), w, seconds);
                }
            }
        }
        if (only.isEmpty() || only.contains(Part.REOPEN)) {
            ReopenBench.run(keys);
        }
        return Cli.OK;
    }

    /** Parses {@code --only}'s value: {@code sqlite-relaxed} and the like. */
    static final class PartConverter implements CommandLine.ITypeConverter<Part> {
        @Override
        public Part convert(String value) {
            for (Part p : Part.values()) {
                if (p.toString().equals(value)) {
                    return p;
                }
            }
            throw new CommandLine.TypeConversionException("expected sqlite, sqlite-relaxed, postgres or reopen, got '" + value + "'");
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
