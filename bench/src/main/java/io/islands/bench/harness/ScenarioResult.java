package io.islands.bench.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured line: the JSON object {@code ./islands bench --json} writes, with null for
 * fields that do not apply.
 */
public record ScenarioResult(String scenario, String system, Double opsPerSec, Double p50Us, Double p99Us,
        Double bytesPerGame, Map<String, Object> params) {

    public ScenarioResult {
        params = Map.copyOf(params);
    }

    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario);
        m.put("system", system);
        m.put("ops_per_sec", opsPerSec);
        m.put("p50_us", p50Us);
        m.put("p99_us", p99Us);
        m.put("bytes_per_game", bytesPerGame);
        m.put("params", new java.util.TreeMap<>(params));
        return m;
    }
}
