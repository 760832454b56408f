package io.islands.bench.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Medians and ranges over the repetitions of a bench run. The lines of one repetition carry the
 * params {@code rep} (1, 2, ...) and {@code tuning}; a line of one repetition corresponds to the
 * line at the same position among the lines of the same scenario, system and tuning in every other
 * repetition (each repetition runs the same configurations in the same order), so no scenario has
 * to say which of its params identify a configuration.
 *
 * <p>A summary line is the first repetition's line with every figure replaced by its median over
 * the repetitions (the mean of the two middle values for an even count), and for each figure
 * {@code K} the params {@code K_min} and {@code K_max}. Figures: ops/s, p50, p99, bytes per game,
 * the Islands/OTP ratios (computed per repetition, against the OTP line of the same repetition
 * and tuning: a paired ratio), every other percentile param ({@code pNN_us}, {@code max_us}) and
 * {@code seconds}; other params are the first repetition's.
 * It also has {@code summary = true} and {@code reps} (how many repetitions it covers).
 */
final class Summary {
    static final String REP = "rep";
    static final String TUNING = "tuning";
    static final String SUMMARY = "summary";
    private static final Pattern FIGURE = Pattern.compile("p\\d+_us|max_us|seconds|vs_echo_[a-z0-9]+|" + Ratios.OPS + "|" + Ratios.P99 + "|"
            + Ratios.BYTES);

    private Summary() {}

    /** @return a copy of {@code r} with {@code extra} added to its params (replacing equal keys) */
    static ScenarioResult withParams(ScenarioResult r, Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(r.params());
        p.putAll(extra);
        return new ScenarioResult(r.scenario(), r.system(), r.opsPerSec(), r.p50Us(), r.p99Us(), r.bytesPerGame(), p);
    }

    /** @return whether {@code r} is a summary line (as written into the JSON beside the repetitions) */
    static boolean isSummary(ScenarioResult r) {
        return Boolean.TRUE.equals(r.params().get(SUMMARY));
    }

    /**
     * @param lines repetition lines, in the order they were measured (summary lines are skipped);
     *     lines without {@code rep} count as repetition 1
     * @return one summary line per configuration, in the order of their first repetition
     */
    static List<ScenarioResult> of(List<ScenarioResult> lines) {
        Map<List<Object>, List<ScenarioResult>> groups = new LinkedHashMap<>();
        Map<List<Object>, Integer> ordinals = new HashMap<>();
        for (ScenarioResult r : lines) {
            if (isSummary(r)) {
                continue;
            }
            Object tuning = r.params().get(TUNING);
            List<Object> perRep = Arrays.asList(r.scenario(), r.system(), tuning, r.params().getOrDefault(REP, 1));
            int ordinal = ordinals.merge(perRep, 1, Integer::sum);
            groups.computeIfAbsent(Arrays.asList(r.scenario(), r.system(), tuning, ordinal), k -> new ArrayList<>()).add(r);
        }
        List<ScenarioResult> out = new ArrayList<>();
        for (List<ScenarioResult> reps : groups.values()) {
            out.add(summarize(reps));
        }
        return out;
    }

    private static ScenarioResult summarize(List<ScenarioResult> reps) {
        ScenarioResult first = reps.getFirst();
        Map<String, Object> p = new HashMap<>(first.params());
        p.remove(REP);
        p.put(SUMMARY, true);
        p.put("reps", reps.size());
        for (String key : first.params().keySet()) {
            if (FIGURE.matcher(key).matches()) {
                Range range = range(reps.stream().map(r -> r.params().get(key) instanceof Number n ? n.doubleValue() : null)
                        .toList());
                if (range != null) {
                    range.into(p, key);
                }
            }
        }
        Range ops = range(reps.stream().map(ScenarioResult::opsPerSec).toList());
        Range p50 = range(reps.stream().map(ScenarioResult::p50Us).toList());
        Range p99 = range(reps.stream().map(ScenarioResult::p99Us).toList());
        Range bytes = range(reps.stream().map(ScenarioResult::bytesPerGame).toList());
        for (var e : Map.of("ops_per_sec", nullable(ops), "p50_us", nullable(p50), "p99_us", nullable(p99),
                "bytes_per_game", nullable(bytes)).entrySet()) {
            e.getValue().ifPresent(r -> {
                p.put(e.getKey() + "_min", r.min());
                p.put(e.getKey() + "_max", r.max());
            });
        }
        return new ScenarioResult(first.scenario(), first.system(), median(ops), median(p50), median(p99), median(bytes), p);
    }

    /** The median and the extremes of a figure over the repetitions that have it. */
    record Range(double median, double min, double max) {
        void into(Map<String, Object> params, String key) {
            params.put(key, median);
            params.put(key + "_min", min);
            params.put(key + "_max", max);
        }
    }

    /** @return the median, min and max of the non-null values, or null if there are none */
    static Range range(List<Double> values) {
        double[] v = values.stream().filter(x -> x != null).mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return null;
        }
        int mid = v.length / 2;
        double median = v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
        return new Range(median, v[0], v[v.length - 1]);
    }

    private static java.util.Optional<Range> nullable(Range r) {
        return java.util.Optional.ofNullable(r);
    }

    private static Double median(Range r) {
        return r == null ? null : r.median();
    }
}
