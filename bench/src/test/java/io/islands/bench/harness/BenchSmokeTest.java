package io.islands.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick bench as a smoke test of {@code ./islands test}: every scenario runs, writes its JSON
 * line and its plots, and what it counts is correct (no state lost in recovery, no failed or
 * unanswered move). Speed is not asserted. The OTP side runs too when {@code erl} is installed
 * (CI installs it); then every scenario but web has an OTP line.
 */
class BenchSmokeTest {
    @Test
    void theQuickBenchRunsEveryScenarioCorrectly(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        BenchCommand.main(new String[] {"--quick", "--json", json.toString(), "--plots", dir.toString(), "--seed", "7"});

        List<ScenarioResult> all = OtpSide.read(json);
        List<ScenarioResult> results = all.stream().filter(r -> !Summary.isSummary(r)).toList();
        assertThat(all).as("a summary per result line (one repetition)").hasSize(2 * results.size());
        Map<String, List<ScenarioResult>> islands = results.stream().filter(r -> r.system().equals("islands"))
                .collect(Collectors.groupingBy(ScenarioResult::scenario));
        assertThat(islands.keySet()).containsExactlyInAnyOrderElementsOf(BenchCommand.ALL);
        assertThat(islands.get("moves")).extracting(r -> r.params().get("driver")).contains("processes", "threads");
        for (ScenarioResult r : islands.get("moves")) {
            assertThat(r.opsPerSec()).as("moves/s %s", r.params()).isPositive();
        }
        ScenarioResult recovery = islands.get("recovery").getFirst();
        assertThat(number(recovery, "states_lost")).as("states lost in recovery").isZero();
        assertThat(number(recovery, "kills")).isPositive();
        assertThat(islands.get("density").getFirst().bytesPerGame()).isPositive();
        assertThat(islands.get("supervisor_stop").getFirst().opsPerSec()).isPositive();
        assertThat(islands.get("durable")).extracting(r -> r.params().get("store")).contains("sqlite", "postgresql");
        for (ScenarioResult r : islands.get("durable")) {
            assertThat(number(r, "moves")).as("durable moves %s", r.params()).isPositive();
        }
        for (ScenarioResult r : islands.get("web")) {
            assertThat(number(r, "moves")).as("web moves %s", r.params()).isPositive();
            assertThat(number(r, "errors")).as("web errors %s", r.params()).isZero();
            assertThat(number(r, "timeouts")).as("web timeouts %s", r.params()).isZero();
        }
        for (ScenarioResult r : results.stream().filter(r -> r.scenario().equals("moves")).toList()) {
            assertThat(r.params()).as("the shared workload in %s", r.params()).containsEntry("mix", Workload.MIX)
                    .containsEntry("placement", Workload.PLACEMENT).containsEntry(Summary.TUNING, "default");
        }
        if (OtpSide.script() != null) {
            assertThat(results.stream().filter(r -> r.system().equals("otp")).map(ScenarioResult::scenario))
                    .as("the OTP side ran beside Islands").containsAll(BenchCommand.ALL.stream()
                            .filter(s -> !s.equals("web")).toList());
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
        BenchCommand.main(new String[] {"supervisor_stop", "--quick", "--reps", "2", "--tuning", "both", "--json",
            json.toString()});

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
