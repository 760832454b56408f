package io.islands.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick bench as a smoke test of {@code ./islands test}: every scenario runs, writes its JSON
 * line and its plots, and what it counts is correct (no state lost in recovery, no failed or
 * unanswered move; fairness measures every line, serves all outside work within its bounds and
 * leaves no process behind; recovery makes every kill with either kind of driver). Speed is not
 * asserted: the fairness figures are the benchmark's. The OTP side runs too when {@code erl} is installed
 * (CI installs it); then every scenario but web has an OTP line.
 */
class BenchSmokeTest {
    @Test
    void theQuickBenchRunsEveryScenarioCorrectly(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        assertThat(BenchCommand.commandLine().execute("--quick", "--json", json.toString(), "--plots", dir.toString(),
                "--seed", "7")).as("exit code").isZero();

        List<ScenarioResult> all = OtpSide.read(json);
        List<ScenarioResult> results = all.stream().filter(r -> !Summary.isSummary(r)).toList();
        assertThat(all).as("a summary per result line (one repetition)").hasSize(2 * results.size());
        Map<String, List<ScenarioResult>> islands = results.stream().filter(r -> r.system().equals("islands"))
                .collect(Collectors.groupingBy(ScenarioResult::scenario));
        assertThat(islands.keySet()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(BenchCommand.ALL.stream(), java.util.stream.Stream.of(DurableScenario.STORM))
                        .toList());
        assertThat(islands.get(DurableScenario.STORM).getFirst().opsPerSec()).as("games activated/s").isPositive();
        assertThat(results).filteredOn(r -> r.system().equals("disk")).hasSize(2)
                .allSatisfy(r -> assertThat(r.opsPerSec()).as("disk %s", r.params()).isPositive());
        assertThat(islands.get("moves")).extracting(r -> r.params().get("driver")).contains("processes", "threads");
        for (ScenarioResult r : islands.get("moves")) {
            assertThat(r.opsPerSec()).as("moves/s %s", r.params()).isPositive();
        }
        assertThat(islands.get("recovery")).extracting(r -> r.params().get("driver")).contains("processes", "threads");
        for (ScenarioResult recovery : islands.get("recovery")) {
            assertThat(number(recovery, "states_lost")).as("states lost in recovery %s", recovery.params()).isZero();
            assertThat(number(recovery, "kills")).isPositive();
            assertThat(number(recovery, "kills_done")).as("kills made %s (a starved killer makes none)", recovery.params())
                    .isEqualTo(number(recovery, "kills"));
            assertThat(number(recovery, "driver_failures")).as("failed drivers %s", recovery.params()).isZero();
            assertThat(number(recovery, "processes_left")).as("processes left %s", recovery.params()).isZero();
        }
        assertThat(islands.get("density").getFirst().bytesPerGame()).isPositive();
        assertThat(islands.get("supervisor_stop").getFirst().opsPerSec()).isPositive();
        assertThat(islands.get("durable")).extracting(r -> r.params().get("store")).contains("sqlite", "postgresql");
        for (ScenarioResult r : islands.get("durable")) {
            assertThat(number(r, "moves")).as("durable moves %s", r.params()).isPositive();
        }
        assertThat(results).as("an echo line (the transport's floor) beside each web line")
                .filteredOn(r -> r.scenario().equals("web") && r.system().equals("echo")).hasSize(islands.get("web").size());
        for (ScenarioResult r : results.stream().filter(r -> r.scenario().equals("web")).toList()) {
            assertThat(number(r, "moves")).as("web moves %s", r.params()).isPositive();
            assertThat(number(r, "errors")).as("web errors %s", r.params()).isZero();
            assertThat(number(r, "timeouts")).as("web timeouts %s", r.params()).isZero();
            assertThat(number(r, "setup_failures")).as("web setup failures %s", r.params()).isZero();
        }
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(islands.get("fairness")).as("four lines per pair count")
                .extracting(r -> r.params().get("measure") + "@" + r.params().get("n"))
                .containsExactlyInAnyOrderElementsOf(FairnessScenario.pairCounts(cores).stream()
                        .flatMap(p -> Stream.of("pingpong", "timer", "call", "spawn").map(m -> m + "@" + p))
                        .toList());
        for (ScenarioResult r : islands.get("fairness")) {
            assertThat(number(r, "processes_left")).as("processes left after fairness %s", r.params()).isZero();
            if (r.params().get("measure").equals("pingpong")) {
                if (number(r, "n") > 0) {
                    assertThat(r.opsPerSec()).as("round trips/s %s", r.params()).isPositive();
                }
            } else { // every sample served: before issue 13's fix, outside work waited until the load stopped
                assertThat(number(r, "samples")).as("samples %s", r.params()).isPositive();
                for (String unserved : List.of("timeouts", "not_run", "stuck")) {
                    if (r.params().containsKey(unserved)) {
                        assertThat(number(r, unserved)).as("%s %s", unserved, r.params()).isZero();
                    }
                }
            }
        }
        for (ScenarioResult r : results.stream().filter(r -> r.scenario().equals("moves")).toList()) {
            assertThat(r.params()).as("the shared workload in %s", r.params()).containsEntry("mix", Workload.MIX)
                    .containsEntry("placement", Workload.PLACEMENT).containsEntry(Summary.TUNING, "default");
        }
        if (OtpSide.script() != null) {
            assertThat(results.stream().filter(r -> r.system().equals("otp")).map(ScenarioResult::scenario))
                    .as("the OTP side ran beside Islands").containsAll(BenchCommand.ALL.stream()
                            .filter(s -> !s.equals("web")).toList());
            assertThat(results.stream().filter(r -> r.system().equals("otp") && r.scenario().equals("fairness")))
                    .as("OTP fairness lines").hasSize(islands.get("fairness").size());
        } else {
            System.out.println("BenchSmokeTest: erl not found; the OTP side was not run");
        }
        try (var pngs = Files.list(dir)) {
            assertThat(pngs.filter(p -> p.toString().endsWith(".png")).count()).as("plots").isPositive();
        }
    }

    @Test
    void repetitionsAlternateTheSidesAndEachTuningAndAreSummarized(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("reps.json");
        assertThat(BenchCommand.commandLine().execute("supervisor_stop", "--quick", "--reps", "2", "--tuning", "both", "--json",
                json.toString())).as("exit code").isZero();

        List<ScenarioResult> all = OtpSide.read(json);
        List<String> order = all.stream().filter(r -> !Summary.isSummary(r))
                .map(r -> r.system() + " " + r.params().get(Summary.TUNING) + " " + r.params().get(Summary.REP)).toList();
        List<String> expected = new java.util.ArrayList<>();
        boolean otp = OtpSide.script() != null;
        for (int rep = 1; rep <= 2; rep++) {
            for (String t : List.of("default", "tuned")) {
                expected.add("islands " + t + " " + rep);
                if (otp) {
                    expected.add("otp " + t + " " + rep);
                }
            }
        }
        assertThat(order).isEqualTo(expected);
        List<ScenarioResult> summaries = all.stream().filter(Summary::isSummary).toList();
        assertThat(summaries).hasSize(otp ? 4 : 2).allSatisfy(s -> assertThat(s.params()).containsEntry("reps", 2));
        ScenarioResult tuned = all.stream().filter(r -> r.system().equals("islands") && "tuned".equals(r.params().get(Summary.TUNING)))
                .findFirst().orElseThrow();
        assertThat(String.valueOf(tuned.params().get("vm_flags"))).isNotBlank();
    }

    private static double number(ScenarioResult r, String key) {
        Object v = r.params().get(key);
        assertThat(v).as("%s in %s %s", key, r.scenario(), r.params()).isInstanceOf(Number.class);
        return ((Number) v).doubleValue();
    }
}
