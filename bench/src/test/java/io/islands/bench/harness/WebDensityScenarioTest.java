package io.islands.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The web_density scenario's plan (how many server JVMs, how the games are split) and its place in
 * the bench, without starting it (a run starts server and client JVMs; docs/benchmarks.md, "100,000
 * idle players over K server JVMs"). {@code ./islands bench web_density --quick} runs it small.
 */
class WebDensityScenarioTest {
    @Test
    void oneHundredThousandPlayersNeedSixServersUnderAnOpenFileLimitOfTwentyThousand() {
        WebDensityScenario.Plan plan = WebDensityScenario.Plan.of(100_000, 18_000, 20_000);
        assertThat(plan.servers()).isEqualTo(6);
        assertThat(Arrays.stream(plan.games()).sum()).as("games over all servers").isEqualTo(50_000);
        assertThat(Arrays.stream(plan.games()).max().orElseThrow() * 2).as("players on one server (and its client)")
                .isLessThanOrEqualTo(18_000).isLessThanOrEqualTo(20_000 - WebDensityScenario.FD_HEADROOM);
        assertThat(plan.games()).as("an even split").containsOnly(8_334, 8_333);
    }

    @Test
    void aLowerOpenFileLimitMeansMoreServers() {
        WebDensityScenario.Plan plan = WebDensityScenario.Plan.of(10_000, 18_000, 4_096);
        assertThat(plan.perJvm()).isEqualTo(3_096);
        assertThat(plan.servers()).isEqualTo(4);
        assertThat(Arrays.stream(plan.games()).sum()).isEqualTo(5_000);
        assertThat(WebDensityScenario.Plan.of(2_000, 18_000, 20_000).servers()).isEqualTo(1);
    }

    @Test
    void oddPlayerCountsAndLimitsWithoutRoomAreRefused() {
        assertThatThrownBy(() -> WebDensityScenario.Plan.of(3, 18_000, 20_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("even");
        assertThatThrownBy(() -> WebDensityScenario.Plan.of(0, 18_000, 20_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebDensityScenario.Plan.of(100, 18_000, 1_001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ulimit");
    }

    @Test
    void itRunsOnlyWhenNamedWithoutAnOtpSideAndItsSizesComeFromTheWorkloadFile() {
        assertThat(BenchCommand.ALL).doesNotContain(WebDensityScenario.NAME);
        assertThat(BenchCommand.NAMED_ONLY).contains(WebDensityScenario.NAME);
        assertThat(BenchCommand.ISLANDS_ONLY).contains(WebDensityScenario.NAME);
        WebDensityScenario.Sizes full = WebDensityScenario.Sizes.of(Workload.load(), false, null);
        WebDensityScenario.Sizes quick = WebDensityScenario.Sizes.of(Workload.load(), true, null);
        assertThat(full.players()).isEqualTo(100_000);
        assertThat(quick.players()).isLessThan(full.players());
        assertThat(full.perJvm()).isLessThan(20_000);
        assertThat(WebDensityScenario.Sizes.of(Workload.load(), false, 5_000).players()).as("--players").isEqualTo(5_000);
        assertThat(full.serverJvm()).anyMatch(f -> f.startsWith("-Xmx"));
        assertThat(full.clientJvm()).anyMatch(f -> f.startsWith("-Xmx"));
    }
}
