package io.islands.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.bench.plot.Series;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatiosTest {

    @Test
    void anIslandsLineIsComparedWithTheOtpLineOfTheSameGameCount() {
        List<ScenarioResult> annotated = Ratios.annotate(List.of(
                new ScenarioResult("moves", "islands", 60_000.0, 20.0, 80.0, null, Map.of("n", 1000)),
                new ScenarioResult("moves", "otp", 90_000.0, 15.0, 40.0, null, Map.of("n", 100_000L)),
                new ScenarioResult("moves", "otp", 120_000.0, 15.0, 40.0, null, Map.of("n", 1000L))));

        Map<String, Object> p = annotated.get(0).params();
        assertThat((Double) p.get(Ratios.OPS)).isEqualTo(0.5);
        assertThat((Double) p.get(Ratios.P99)).isEqualTo(2.0);
        assertThat(p).doesNotContainKey(Ratios.BYTES).containsEntry("vs_otp_n", 1000L);
        assertThat(Ratios.describe(p)).isEqualTo("ops 0.50x p99 2.00x");
        assertThat(annotated.get(2).params()).doesNotContainKey(Ratios.OPS);
    }

    @Test
    void fairnessLinesAreComparedWithTheOtpLineOfTheSameMeasureAndPairCount() {
        List<ScenarioResult> annotated = Ratios.annotate(List.of(
                new ScenarioResult("fairness", "islands", null, 10.0, 900.0, null, Map.of("n", 32, "measure", "call")),
                new ScenarioResult("fairness", "otp", null, 5.0, 30.0, null, Map.of("n", 32L, "measure", "timer")),
                new ScenarioResult("fairness", "otp", null, 5.0, 45.0, null, Map.of("n", 8L, "measure", "call")),
                new ScenarioResult("fairness", "otp", null, 5.0, 90.0, null, Map.of("n", 32L, "measure", "call"))));

        assertThat((Double) annotated.get(0).params().get(Ratios.P99)).isEqualTo(10.0);
        assertThat(annotated.get(0).params()).containsEntry("vs_otp_n", 32L);
    }

    @Test
    void withoutAnOtpLineNothingIsAdded() {
        ScenarioResult web = new ScenarioResult("web", "islands", 7000.0, 1.0, 2.0, null, Map.of("n", 5000));
        assertThat(Ratios.annotate(List.of(web))).containsExactly(web);
    }

    @Test
    void percentileParamsBecomeOnePointEachInOrder() {
        ScenarioResult r = new ScenarioResult("moves", "otp", 1.0, 15.0, 40.0, null,
                Map.of("p999_us", 300.0, "p90_us", 30.0, "p995_us", 90.0, "max_us", 9000.0, "n", 1000));
        assertThat(PlotFiles.percentiles(r)).containsExactly(new Series.Point(50, 15), new Series.Point(90, 30),
                new Series.Point(99, 40), new Series.Point(99.5, 90), new Series.Point(99.9, 300));
    }
}
