package io.islands.storage;

import io.islands.runtime.checkpoint.Saved;
import io.islands.storage.cluster.ClusterOptions;
import io.islands.storage.cluster.ClusterStore;
import io.islands.storage.cluster.NodeLease;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: measures what the cluster costs on the embedded PostgreSQL, and prints it. Run with
 * {@code ./mvnw -q -B -pl storage -am verify -Dtest=ClusterCostMeasurement -Dmeasure=true
 * -Dsurefire.failIfNoSpecifiedTests=false} (output in storage/target/surefire-reports).
 */
@EnabledIfSystemProperty(named = "measure", matches = "true")
class ClusterCostMeasurement {
    static final int CLAIMS = Integer.getInteger("measure.claims", 2000);
    static final int SAVES = Integer.getInteger("measure.saves", 3000);
    static final int WRITERS = 32;

    @Test
    void claimsAndFencedSavesAgainstUnfencedSaves() throws Exception {
        String url = PostgresServer.freshUrl();
        try (ClusterStore cluster = ClusterStore.open(url, ClusterOptions.defaults());
                CloseableStateStore<TestState> fenced = cluster.gameStore(TestCodec.INSTANCE, 3);
                CloseableStateStore<TestState> plain = StateStores.open(url, TestCodec.INSTANCE, 3)) {
            NodeLease me = cluster.join("me", "here", e -> {});
            for (int round = 0; round < 2; round++) { // the first round warms up
                long t0 = System.nanoTime();
                for (int i = 0; i < CLAIMS; i++) {
                    cluster.claim(me, "c" + round + "-" + i);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < CLAIMS; i++) {
                    cluster.claim(me, "c" + round + "-" + i); // owned already: read, no raise
                }
                long t2 = System.nanoTime();
                for (int i = 0; i < WRITERS; i++) {
                    cluster.claim(me, "f" + round + "-" + i);
                }
                double[] seq = alternating(fenced, plain, "f" + round + "-0", "p" + round + "-0");
                double fencedSeq = seq[0];
                double plainSeq = seq[1];
                double fencedPar = parallel(fenced, "f" + round + "-");
                double plainPar = parallel(plain, "p" + round + "-");
                System.out.printf("round %d: claim (new game) %.3f ms, claim (own game) %.3f ms; "
                                + "one writer, median: fenced save %.3f ms, unfenced %.3f ms; %d writers: fenced %.0f saves/s, "
                                + "unfenced %.0f saves/s%n", round, (t1 - t0) / 1e6 / CLAIMS, (t2 - t1) / 1e6 / CLAIMS,
                        fencedSeq, plainSeq, WRITERS, fencedPar, plainPar);
            }
        }
    }

    /**
     * Takeovers as a hand-off makes them: node a owns the games and leaves; node b claims each,
     * first one caller after the other, then {@link #WRITERS} callers at once (a burst).
     */
    @Test
    void takeoversOneByOneAndInABurst() throws Exception {
        String url = PostgresServer.freshUrl();
        try (ClusterStore b = ClusterStore.open(url, ClusterOptions.defaults())) {
            NodeLease lb = b.join("b", "here", e -> {});
            for (int round = 0; round < 3; round++) { // the first round warms up
                long[] seq = takeovers(url, b, lb, "s" + round + "-", 1);
                long[] burst = takeovers(url, b, lb, "b" + round + "-", WRITERS);
                System.out.printf("round %d: takeover claim, one caller: median %.3f ms, max %.3f ms; %d callers: "
                                + "median %.3f ms, max %.3f ms%n", round, seq[CLAIMS / 4 / 2] / 1e6, seq[seq.length - 1] / 1e6,
                        WRITERS, burst[CLAIMS / 4 / 2] / 1e6, burst[burst.length - 1] / 1e6);
            }
        }
    }

    /**
     * Activations as a hand-off's survivor makes them, up to the load: node a owns and saves the
     * games (3 versions of 1.5 kB each) and leaves; node b activates each, in turn either as
     * before 2026-12-05 evening (a read of its versions to ask whether it exists, the claim, the
     * load) or with the claim of a saved game ({@link ClusterStore#claimSaved}, then the load),
     * one caller after the other and {@link #WRITERS} at once. Both kinds in every round.
     */
    @Test
    void activationsWithAReadBeforeTheClaimAgainstTheClaimOfASavedGame() throws Exception {
        String url = PostgresServer.freshUrl();
        try (ClusterStore b = ClusterStore.open(url, ClusterOptions.defaults());
                CloseableStateStore<TestState> sb = b.gameStore(TestCodec.INSTANCE, 3)) {
            NodeLease lb = b.join("b", "here", e -> {});
            for (int round = 0; round < 3; round++) { // the first round warms up
                StringBuilder line = new StringBuilder("round " + round + ": activation up to its load");
                for (int callers : new int[] {1, WRITERS}) {
                    for (boolean saved : new boolean[] {false, true}) {
                        String prefix = (saved ? "s" : "r") + callers + "-" + round + "-";
                        long[] ns = activations(url, b, lb, sb, prefix, callers, saved);
                        line.append(String.format(java.util.Locale.ROOT, "; %s, %d caller(s): median %.3f ms, p90 %.3f ms",
                                saved ? "claimSaved" : "read+claim", callers, ns[ns.length / 2] / 1e6, ns[ns.length * 9 / 10] / 1e6));
                    }
                }
                System.out.println(line);
            }
        }
    }

    /** @return the sorted ns of each of {@code CLAIMS / 4} activations by {@code b} (up to the load) of games a saved and left */
    private static long[] activations(String url, ClusterStore b, NodeLease lb, CloseableStateStore<TestState> sb, String prefix,
            int callers, boolean saved) throws Exception {
        int n = CLAIMS / 4;
        try (ClusterStore a = ClusterStore.open(url, ClusterOptions.defaults());
                CloseableStateStore<TestState> sa = a.gameStore(TestCodec.INSTANCE, 3)) {
            NodeLease la = a.join("a", "here", e -> {});
            for (int i = 0; i < n; i++) {
                a.claim(la, prefix + i);
                for (int r = 1; r <= 3; r++) {
                    sa.save(prefix + i, new Saved<>(r, TestState.sized("p", r, 1500)));
                }
            }
            a.leave(la);
        }
        return timed(n, callers, i -> {
            String game = prefix + i;
            if (saved) {
                b.claimSaved(lb, game);
            } else {
                sb.versions(game);
                b.claim(lb, game);
            }
            sb.versions(game); // the load
        });
    }

    /** @return the sorted ns of each of {@code CLAIMS / 4} claims by {@code b} of games that node a owned and left */
    private static long[] takeovers(String url, ClusterStore b, NodeLease lb, String prefix, int callers) throws Exception {
        int n = CLAIMS / 4;
        try (ClusterStore a = ClusterStore.open(url, ClusterOptions.defaults())) {
            NodeLease la = a.join("a", "here", e -> {});
            for (int i = 0; i < n; i++) {
                a.claim(la, prefix + i);
            }
            a.leave(la);
        }
        return timed(n, callers, i -> b.claim(lb, prefix + i));
    }

    /**
     * Runs {@code each} for 0 to n - 1, spread over {@code callers} virtual threads (caller w takes
     * w, w + callers, ...), timing each.
     *
     * @return the sorted ns of each
     */
    private static long[] timed(int n, int callers, java.util.function.IntConsumer each) throws Exception {
        long[] ns = new long[n];
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int w = 0; w < callers; w++) {
                int first = w;
                all.add(pool.submit(() -> {
                    for (int i = first; i < n; i += callers) {
                        long t0 = System.nanoTime();
                        each.accept(i);
                        ns[i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        java.util.Arrays.sort(ns);
        return ns;
    }

    /**
     * One caller saving one key in each store in turn (fenced, unfenced, fenced...), so that both
     * see the same load of the machine.
     *
     * @return the median ms per save: fenced, unfenced
     */
    private static double[] alternating(CloseableStateStore<TestState> fenced, CloseableStateStore<TestState> plain,
            String fencedKey, String plainKey) {
        long[] f = new long[SAVES];
        long[] p = new long[SAVES];
        for (int r = 1; r <= SAVES; r++) {
            TestState state = TestState.sized("p", r, 1500);
            long t0 = System.nanoTime();
            fenced.save(fencedKey, new Saved<>(r, state));
            long t1 = System.nanoTime();
            plain.save(plainKey, new Saved<>(r, state));
            long t2 = System.nanoTime();
            f[r - 1] = t1 - t0;
            p[r - 1] = t2 - t1;
        }
        java.util.Arrays.sort(f);
        java.util.Arrays.sort(p);
        return new double[] {f[SAVES / 2] / 1e6, p[SAVES / 2] / 1e6};
    }

    /** @return saves per second, {@link #WRITERS} callers each saving its own key */
    private static double parallel(CloseableStateStore<TestState> store, String prefix) throws Exception {
        long t0 = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int w = 1; w < WRITERS; w++) { // writer 0's key has SAVES versions already
                String key = prefix + w;
                all.add(pool.submit(() -> {
                    for (int r = 1; r <= SAVES / WRITERS * 4; r++) {
                        store.save(key, new Saved<>(r, TestState.sized("p", r, 1500)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        return (WRITERS - 1) * (SAVES / WRITERS * 4) / ((System.nanoTime() - t0) / 1e9);
    }
}
