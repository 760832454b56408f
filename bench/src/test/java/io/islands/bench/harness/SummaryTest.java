package io.islands.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.bench.plot.Series;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private static ScenarioResult line(String system, int rep, int n, double ops, double p99) {
        return new ScenarioResult("moves", system, ops, 1.0, p99, null,
                Map.of("n", n, Summary.REP, rep, Summary.TUNING, "default", "p90_us", p99 / 2));
    }

    @Test
    void eachConfigurationGetsTheMedianAndRangeOfItsRepetitionsInTheOrderOfTheFirst() {
        List<ScenarioResult> lines = List.of(
                line("islands", 1, 1000, 100, 10), line("islands", 1, 10_000, 50, 20), line("otp", 1, 1000, 80, 8),
                line("islands", 2, 1000, 300, 30), line("islands", 2, 10_000, 70, 40), line("otp", 2, 1000, 90, 9),
                line("islands", 3, 1000, 200, 20), line("islands", 3, 10_000, 60, 60), line("otp", 3, 1000, 70, 7));

        List<ScenarioResult> s = Summary.of(lines);

        assertThat(s).extracting(r -> r.system() + " " + r.params().get("n"))
                .containsExactly("islands 1000", "islands 10000", "otp 1000");
        ScenarioResult first = s.getFirst();
        assertThat(first.opsPerSec()).isEqualTo(200.0);
        assertThat(first.params()).containsEntry("ops_per_sec_min", 100.0).containsEntry("ops_per_sec_max", 300.0)
                .containsEntry("p99_us_min", 10.0).containsEntry("p99_us_max", 30.0).containsEntry("p90_us", 10.0)
                .containsEntry("p90_us_min", 5.0).containsEntry("reps", 3).containsEntry(Summary.SUMMARY, true)
                .doesNotContainKey(Summary.REP);
        assertThat(s.get(1).p99Us()).isEqualTo(40.0);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Summary.range(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Summary.Range(2.5, 1.0, 4.0));
        assertThat(Summary.range(java.util.Arrays.asList(null, null))).isNull();
    }

    @Test
    void ratiosArePairedWithinARepetitionAndSummarizedWithTheirRange() {
        List<ScenarioResult> lines = new java.util.ArrayList<>();
        double[][] opsByRep = {{100, 50}, {300, 100}, {150, 100}}; // islands, otp
        for (int rep = 1; rep <= 3; rep++) {
            lines.addAll(Ratios.annotate(List.of(line("islands", rep, 1000, opsByRep[rep - 1][0], 10),
                    line("otp", rep, 1000, opsByRep[rep - 1][1], 10))));
        }
        Map<String, Object> p = Summary.of(lines).getFirst().params();
        assertThat(p).containsEntry(Ratios.OPS, 2.0).containsEntry(Ratios.OPS + "_min", 1.5)
                .containsEntry(Ratios.OPS + "_max", 3.0);
        assertThat(Ratios.describe(p)).startsWith("ops 2.00x [1.50–3.00]");
    }

    @Test
    void summaryLinesBecomePointsWithTheirRange() {
        ScenarioResult r = Summary.of(List.of(line("otp", 1, 1000, 80, 8), line("otp", 2, 1000, 90, 12))).getFirst();
        assertThat(PlotFiles.percentiles(r)).contains(new Series.Point(99, 10, 8, 12));
    }
}
