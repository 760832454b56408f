package io.islands.bench.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Islands/OTP ratios for the results table and JSON. An Islands line is compared with the OTP
 * line of the same scenario and the same {@code n} (games), else with the first OTP line of the
 * scenario ({@code vs_otp_n} says which); a scenario
 * with several lines per {@code n} (fairness) tells them apart by the param {@code measure}. Each ratio is
 * Islands divided by OTP: above 1 is better for ops/s, below 1 is better for p99 and bytes.
 */
final class Ratios {
    static final String OPS = "ratio_ops_vs_otp";
    static final String P99 = "ratio_p99_vs_otp";
    static final String BYTES = "ratio_bytes_vs_otp";

    private Ratios() {}

    /** @return the results, Islands lines with the ratios added to their params where an OTP line matches */
    static List<ScenarioResult> annotate(List<ScenarioResult> results) {
        List<ScenarioResult> out = new ArrayList<>();
        for (ScenarioResult r : results) {
            Optional<ScenarioResult> otp = r.system().equals("islands") ? match(r, results) : Optional.empty();
            if (otp.isEmpty()) {
                out.add(r);
                continue;
            }
            ScenarioResult o = otp.get();
            Map<String, Object> params = new HashMap<>(r.params());
            ratio(r.opsPerSec(), o.opsPerSec()).ifPresent(v -> params.put(OPS, v));
            ratio(r.p99Us(), o.p99Us()).ifPresent(v -> params.put(P99, v));
            ratio(r.bytesPerGame(), o.bytesPerGame()).ifPresent(v -> params.put(BYTES, v));
            if (o.params().get("n") != null) {
                params.put("vs_otp_n", o.params().get("n"));
            }
            out.add(new ScenarioResult(r.scenario(), r.system(), r.opsPerSec(), r.p50Us(), r.p99Us(), r.bytesPerGame(),
                    params));
        }
        return out;
    }

    /**
     * @return e.g. "ops 0.53x p99 1.50x", or "" without ratios; a ratio with a range over
     *     repetitions ({@link Summary}: params {@code K_min}, {@code K_max}) as "ops 0.53x [0.50–0.61]"
     */
    static String describe(Map<String, Object> params) {
        StringBuilder sb = new StringBuilder();
        for (var e : List.of(Map.entry(OPS, "ops"), Map.entry(P99, "p99"), Map.entry(BYTES, "bytes"))) {
            if (params.get(e.getKey()) instanceof Double d) {
                sb.append(e.getValue()).append(' ').append(String.format(Locale.ROOT, "%.2fx", d)).append(' ');
                if (params.get(e.getKey() + "_min") instanceof Double lo && params.get(e.getKey() + "_max") instanceof Double hi
                        && !lo.equals(hi)) {
                    sb.append(String.format(Locale.ROOT, "[%.2f–%.2f] ", lo, hi));
                }
            }
        }
        return sb.toString().trim();
    }

    private static Optional<ScenarioResult> match(ScenarioResult r, List<ScenarioResult> all) {
        List<ScenarioResult> otp = all.stream()
                .filter(o -> o.system().equals("otp") && o.scenario().equals(r.scenario())
                        && Objects.equals(o.params().get("measure"), r.params().get("measure")))
                .toList();
        return otp.stream().filter(o -> sameNumber(o.params().get("n"), r.params().get("n"))).findFirst()
                .or(() -> otp.stream().findFirst());
    }

    private static boolean sameNumber(Object a, Object b) {
        return a instanceof Number x && b instanceof Number y && x.doubleValue() == y.doubleValue();
    }

    private static Optional<Double> ratio(Double islands, Double otp) {
        return islands == null || otp == null || otp == 0 ? Optional.empty() : Optional.of(islands / otp);
    }
}
