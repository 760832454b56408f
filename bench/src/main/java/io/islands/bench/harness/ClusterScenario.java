package io.islands.bench.harness;

import io.islands.bench.chaos.ClusterBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cluster (issue 17, Islands only, run when named): {@link ClusterBench} on one embedded
 * PostgreSQL and {@code serve --cluster} child JVMs on loopback, its figures as result lines:
 * {@code measure=moves} with {@code nodes=1} and {@code nodes=3} (acknowledged moves/s, move
 * latency push → own broadcast), {@code measure=local} and {@code measure=forwarded} (3 nodes,
 * the same moves split by whether the socket's node owns the game), and per kind of fault
 * {@code failover_kill}, {@code handoff_term}, {@code failover_pause} (fault → first acknowledged
 * move of each game the node owned; p50/p99 and the plotted percentiles in µs like every other
 * latency, {@code games_owned}, {@code not_resumed}). Sizes from bench/workload.properties
 * ({@code cluster.*}).
 */
final class ClusterScenario {
    private ClusterScenario() {}

    static List<ScenarioResult> run(Workload w, boolean quick, long seed) throws Exception {
        Path dir = Files.createTempDirectory("islands-bench-cluster");
        ClusterBench.BenchSizes o = new ClusterBench.BenchSizes(w.count("cluster.tables", quick), w.window("cluster", quick),
                w.count("cluster.kills", quick), w.count("cluster.terms", quick), w.count("cluster.pauses", quick), seed, dir);
        System.err.println("  cluster: work dir " + dir + " (node logs; deleted after a run without error)");
        List<ScenarioResult> out = new ArrayList<>();
        long t0 = System.nanoTime();
        for (ClusterBench.Measure m : ClusterBench.run(o, line -> System.err.printf(java.util.Locale.ROOT,
                "  cluster: %5.1f s: %s%n", (System.nanoTime() - t0) / 1e9, line))) {
            out.add(result(m, o));
        }
        return out;
    }

    static ScenarioResult result(ClusterBench.Measure m, ClusterBench.BenchSizes o) {
        Latencies l = new Latencies();
        for (long ns : m.nanos()) {
            l.add(ns);
        }
        Map<String, Object> p = new LinkedHashMap<>(m.params());
        p.put("measure", m.name());
        p.put("nodes", m.nodes());
        p.put("samples", l.count());
        p.put("store", "postgresql (embedded, loopback)");
        p.put("cores", Runtime.getRuntime().availableProcessors());
        p.putAll(l.distribution());
        Double ops = null;
        if (m.name().equals("moves")) {
            p.put("n", m.nodes()); // the throughput chart's x
            p.put("duration_ms", o.window().toMillis());
            ops = m.seconds() > 0 ? m.moves() / m.seconds() : null;
        }
        return new ScenarioResult("cluster", "islands", ops, l.percentileUs(0.50), l.percentileUs(0.99), null, p);
    }
}
