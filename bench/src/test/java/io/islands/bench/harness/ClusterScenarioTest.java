package io.islands.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.islands.bench.chaos.ClusterBench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cluster scenario's argument handling and result lines, without starting a cluster (a run
 * takes a minute even in --quick: three server JVMs and PostgreSQL; docs/benchmarks.md, "Cluster").
 */
class ClusterScenarioTest {
    private static final ClusterBench.BenchSizes OPTIONS = new ClusterBench.BenchSizes(6, Duration.ofSeconds(3),
            Duration.ofSeconds(5), 100, 200, 1, 1, 1, Duration.ZERO, 42, Path.of("unused"));

    @Test
    void clusterIsAScenarioRunOnlyWhenNamedAndWithoutAnOtpSide() {
        assertThat(BenchCommand.ALL).doesNotContain("cluster");
        assertThat(BenchCommand.NAMED_ONLY).contains("cluster");
        assertThat(BenchCommand.ISLANDS_ONLY).contains("cluster");
    }

    @Test
    void theQuickAndFullSizesComeFromTheWorkloadFile() {
        Workload w = Workload.load();
        assertThat(w.count("cluster.kills", false)).isGreaterThanOrEqualTo(20);
        assertThat(w.count("cluster.kills", true)).isBetween(1, 3);
        assertThat(w.window("cluster", true)).isLessThan(w.window("cluster", false));
        assertThat(w.count("cluster.paced_window_ms", true)).isPositive().isLessThan(w.count("cluster.paced_window_ms", false));
        assertThat(w.count("cluster.think_min_ms", true)).isPositive().isLessThanOrEqualTo(w.count("cluster.think_max_ms", true));
    }

    @Test
    void optionsOutOfBoundsAreRefused() {
        Duration s = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new ClusterBench.BenchSizes(0, s, s, 100, 200, 1, 1, 1, Duration.ZERO, 1, Path.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusterBench.BenchSizes(6, Duration.ZERO, s, 100, 200, 1, 1, 1, Duration.ZERO, 1, Path.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusterBench.BenchSizes(6, s, s, 100, 200, 101, 1, 1, Duration.ZERO, 1, Path.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusterBench.BenchSizes(6, s, s, 200, 100, 1, 1, 1, Duration.ZERO, 1, Path.of("x")))
                .as("think min above max").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusterBench.BenchSizes(6, s, s.negated(), 100, 200, 1, 1, 1, Duration.ZERO, 1, Path.of("x")))
                .as("a negative paced window").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusterBench.BenchSizes(6, s, s, 100, 200, 1, 1, 1, Duration.ofMinutes(2), 1, Path.of("x")))
                .as("a settle over a minute").isInstanceOf(IllegalArgumentException.class);
        assertThat(new ClusterBench.BenchSizes(6, s, Duration.ZERO, 0, 0, 1, 1, 1, Duration.ZERO, 1, Path.of("x")).pacedWindow())
                .as("no paced window").isZero();
    }

    @Test
    void aMovesLineHasItsRateAndTheNodesAsXAFaultLineItsPercentilesOnly() {
        ScenarioResult moves = ClusterScenario.result(new ClusterBench.Measure("moves", 3, 300, 3.0,
                new long[] {1_000_000, 2_000_000, 3_000_000}, Map.of("tables", 6)), OPTIONS);
        assertThat(moves.opsPerSec()).isEqualTo(100.0);
        assertThat(moves.p50Us()).isEqualTo(2_000.0);
        assertThat(moves.params()).containsEntry("measure", "moves").containsEntry("nodes", 3).containsEntry("n", 3)
                .containsEntry("samples", 3).containsKey("p90_us");
        ScenarioResult kill = ClusterScenario.result(new ClusterBench.Measure("failover_kill", 3, 0, 0,
                new long[] {900_000_000L}, Map.of("not_resumed", 1L)), OPTIONS);
        assertThat(kill.opsPerSec()).isNull();
        assertThat(kill.p99Us()).isEqualTo(900_000.0);
        assertThat(kill.params()).containsEntry("not_resumed", 1L).doesNotContainKey("n");
    }

    @Test
    void aForwardedLineGetsItsP50OverTheLocalLineOfItsOwnWindow() {
        List<ScenarioResult> r = ClusterScenario.results(List.of(
                new ClusterBench.Measure("local", 3, 3, 3.0, new long[] {1_000_000, 1_000_000, 1_000_000}, Map.of()),
                new ClusterBench.Measure("forwarded", 3, 3, 3.0, new long[] {3_000_000, 3_000_000, 3_000_000}, Map.of()),
                new ClusterBench.Measure("local_paced", 3, 3, 3.0, new long[] {2_000_000, 2_000_000, 2_000_000}, Map.of()),
                new ClusterBench.Measure("forwarded_paced", 3, 3, 3.0, new long[] {3_000_000, 3_000_000, 3_000_000},
                        Map.of("think_ms", "100-200"))), OPTIONS);
        assertThat(r).extracting(x -> x.params().get("measure"))
                .containsExactly("local", "forwarded", "local_paced", "forwarded_paced");
        assertThat(r.get(0).params()).doesNotContainKey("forwarded_over_local_p50");
        assertThat(r.get(1).params()).containsEntry("forwarded_over_local_p50", 3.0);
        assertThat(r.get(3).params()).containsEntry("forwarded_over_local_p50", 1.5).containsEntry("think_ms", "100-200");
    }
}
