package io.islands.bench;

import io.islands.runtime.checkpoint.Saved;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateCodec;
import io.islands.storage.StateStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reopen time of a SQLite store holding N keys (one version each, ~1.5 KB), generated once
 * through the store itself (256 writers, durable) into {@code $TMPDIR/islands-bench-reopen-N.db}
 * and reused by later runs.
 */
final class ReopenBench {
    private ReopenBench() {}

    static void run(int keys) throws Exception {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "islands-bench-reopen-" + keys + ".db");
        String url = "sqlite:" + file;
        if (!Files.exists(file) || count(url) != keys) {
            generate(url, keys);
        }
        System.out.printf("reopen: %s, %,d keys, %,d MB%n", file, keys, Files.size(file) >> 20);
        for (int round = 1; round <= 3; round++) {
            long t0 = System.nanoTime();
            try (CloseableStateStore<String> store = StateStores.open(url, StateCodec.rawJson(), 3)) {
                long opened = System.nanoTime();
                String json = store.newest("game-" + (keys / 2)).orElseThrow().state();
                long firstRead = System.nanoTime();
                int listed = store.keys().size();
                long listedAt = System.nanoTime();
                System.out.printf("reopen round %d: open %.1f ms, first read %.2f ms (%d B), keys() of %,d in %.0f ms%n",
                        round, (opened - t0) / 1e6, (firstRead - opened) / 1e6, json.length(), listed,
                        (listedAt - firstRead) / 1e6);
            }
        }
    }

    private static int count(String url) {
        try (CloseableStateStore<String> store = StateStores.open(url, StateCodec.rawJson(), 3)) {
            return store.keys().size();
        }
    }

    private static void generate(String url, int keys) throws Exception {
        Files.deleteIfExists(Path.of(url.substring("sqlite:".length())));
        long t0 = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        try (CloseableStateStore<String> store = StateStores.open(url, StateCodec.rawJson(), 3)) {
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 256; w++) {
                writers.add(Thread.ofVirtual().start(() -> {
                    for (int k; (k = next.getAndIncrement()) < keys; ) {
                        String key = "game-" + k;
                        store.save(key, new Saved<>(1, DurableBench.state(key, 1)));
                        if ((k + 1) % 100_000 == 0) {
                            System.err.printf("generated %,d / %,d keys%n", k + 1, keys);
                        }
                    }
                }));
            }
            for (Thread t : writers) {
                t.join();
            }
            System.out.printf("generated %,d keys in %.1f s (%d commits)%n", keys, (System.nanoTime() - t0) / 1e9,
                    store.counters().commits());
        }
    }
}
