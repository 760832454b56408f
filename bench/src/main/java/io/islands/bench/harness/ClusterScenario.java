package io.islands.bench.harness;

import io.islands.bench.chaos.ClusterBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cluster (issue 17, Islands only, run when named): {@link ClusterBench} on one embedded
 * PostgreSQL and {@code serve --cluster} child JVMs on loopback, its figures as result lines:
 * {@code measure=moves} with {@code nodes=1} and {@code nodes=3} (acknowledged moves/s, move
 * latency push → own broadcast), {@code measure=local} and {@code measure=forwarded} (3 nodes,
 * the same moves split by whether the socket's node owns the game, closed loop),
 * {@code measure=local_paced} and {@code measure=forwarded_paced} (the same split on 3 nodes while
 * each table thinks between guesses, so the machine is not saturated), and per kind of fault
 * {@code failover_kill}, {@code handoff_term}, {@code failover_pause} (fault → first acknowledged
 * move of each game the node owned; p50/p99 and the plotted percentiles in µs like every other
 * latency, {@code games_owned}, {@code not_resumed} and its causes {@code not_resumed_given_up},
 * {@code not_resumed_ended}, {@code not_resumed_stalled}); for SIGTERM also
 * {@code handoff_term_longest_wait} (per game, the longest wait of a move begun in the 4 s after
 * the signal) beside {@code control_longest_wait} (the same with no signal), and the same two
 * while the tables think ({@code handoff_term_paced_longest_wait}, {@code control_paced_longest_wait}:
 * a hand-off on a machine that is not saturated). A forwarded line also carries
 * {@code forwarded_over_local_p50}, its p50 over the local line's of the same window. Sizes from
 * bench/workload.properties ({@code cluster.*}).
 */
final class ClusterScenario {
    private ClusterScenario() {}

    static List<ScenarioResult> run(Workload w, boolean quick, long seed) throws Exception {
        Path dir = Files.createTempDirectory("islands-bench-cluster");
        ClusterBench.BenchSizes o = new ClusterBench.BenchSizes(w.count("cluster.tables", quick), w.window("cluster", quick),
                Duration.ofMillis(w.count("cluster.paced_window_ms", quick)), w.count("cluster.think_min_ms", quick),
                w.count("cluster.think_max_ms", quick), w.count("cluster.kills", quick), w.count("cluster.terms", quick),
                w.count("cluster.pauses", quick), Duration.ofMillis(w.count("cluster.settle_ms", quick)), seed, dir);
        System.err.println("  cluster: work dir " + dir + " (node logs; deleted after a run without error)");
        long t0 = System.nanoTime();
        return results(ClusterBench.run(o, line -> System.err.printf(java.util.Locale.ROOT,
                "  cluster: %5.1f s: %s%n", (System.nanoTime() - t0) / 1e9, line)), o);
    }

    /** @return one result line per measure, each forwarded line with its p50 over its window's local one */
    static List<ScenarioResult> results(List<ClusterBench.Measure> measures, ClusterBench.BenchSizes o) {
        List<ScenarioResult> out = new ArrayList<>();
        Map<String, Double> localP50 = new LinkedHashMap<>();
        for (ClusterBench.Measure m : measures) {
            ScenarioResult r = result(m, o);
            if (m.name().startsWith("local") && r.p50Us() != null) {
                localP50.put(m.name().replace("local", "forwarded"), r.p50Us());
            }
            Double local = localP50.get(m.name());
            if (m.name().startsWith("forwarded") && local != null && local > 0 && r.p50Us() != null) {
                Map<String, Object> p = new LinkedHashMap<>(r.params());
                p.put("forwarded_over_local_p50", Math.round(r.p50Us() / local * 100) / 100.0);
                r = new ScenarioResult(r.scenario(), r.system(), r.opsPerSec(), r.p50Us(), r.p99Us(), r.bytesPerGame(), p);
            }
            out.add(r);
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
