package io.islands.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The web_density scenario's plan (how many server JVMs, how the games are split), its place in
 * the bench, and one tiny run over two server JVMs (docs/benchmarks.md, "100,000 idle players
 * over K server JVMs"): every player connected and live, and no JVM left behind.
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

    @Test
    void aTinyRunOverTwoServersConnectsEveryPlayerProvesThemLiveAndLeavesNoJvmBehind() throws Exception {
        List<String> small = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        List<ScenarioResult> lines = WebDensityScenario.run(new WebDensityScenario.Sizes(40, 20, 4, Duration.ofMillis(500), small,
                small));

        assertThat(lines).as("a line per server, then the total").hasSize(3);
        ScenarioResult total = lines.getLast();
        assertThat(total.params()).containsEntry("measure", "total").containsEntry("servers", 2).containsEntry("n", 40)
                .containsEntry("players_failed", 0).containsEntry("heartbeats_answered", 40L).containsEntry("errors", 0L)
                .containsEntry("timeouts", 0L).containsEntry("sockets_lost", 0L);
        assertThat(total.bytesPerGame()).as("server heap per player").isPositive();
        assertThat(((Number) total.params().get("sample_sockets_moved")).longValue()).as("sampled sockets that moved")
                .isPositive().isEqualTo(((Number) total.params().get("sample_sockets")).longValue());
        for (ScenarioResult server : lines.subList(0, 2)) {
            assertThat(server.params()).containsEntry("measure", "server").containsEntry("n", 20);
            assertThat(((Number) server.params().get("heap_after_bytes")).longValue())
                    .isGreaterThan(((Number) server.params().get("heap_before_bytes")).longValue());
            assertThat(((Number) server.params().get("rss_after_bytes")).longValue()).isPositive();
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("server and client JVMs left running").isEmpty();
    }
}
