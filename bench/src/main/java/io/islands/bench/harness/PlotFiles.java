package io.islands.bench.harness;

import io.islands.bench.plot.Charts;
import io.islands.bench.plot.Series;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The charts of a bench run, Islands and OTP on the same axes: latency percentile curves of
 * moves, recovery, durable (16 active games) and each fairness measure (timer, call, spawn),
 * and throughput against the number of games for moves and durable, and against busy pairs for
 * fairness's ping-pong. A chart with no data in the run is not written. Given summary lines
 * ({@link Summary}), each line is the median over the repetitions, its range drawn dashed around it.
 */
final class PlotFiles {
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d+)_us");

    private PlotFiles() {}

    /** @return the PNG files written into {@code dir} */
    static List<Path> write(List<ScenarioResult> results, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        latency(results, "moves", r -> true, "moves: latency of one move (call → reply)", dir, written);
        latency(results, "recovery", r -> true, "recovery: kill → restarted game answers with its state", dir, written);
        latency(results, "durable", r -> number(r, "n") == 16, "durable: latency of one acknowledged move, 16 active games",
                dir, written);
        for (String[] m : new String[][] {{"timer", "fairness: timer lateness (5 ms receive timeout) beside busy pairs"},
            {"call", "fairness: outside call (call → reply) beside busy pairs"},
            {"spawn", "fairness: spawn → first run of the new process beside busy pairs"}}) {
            latencyChart(results, "fairness", r -> m[0].equals(r.params().get("measure")), m[1],
                    dir.resolve("latency-fairness-" + m[0] + ".png"), written);
        }
        List<String> clusterMoves = List.of("moves", "local", "forwarded", "local_paced", "forwarded_paced");
        latencyChart(results, "cluster", r -> clusterMoves.contains(r.params().get("measure")),
                "cluster: latency of one move (push → own broadcast), 1 and 3 nodes", dir.resolve("latency-cluster-moves.png"),
                written);
        latencyChart(results, "cluster", r -> !clusterMoves.contains(r.params().get("measure")),
                "cluster: fault → first answered move of each game the node owned (_longest_wait: its longest move in 2 s)",
                dir.resolve("latency-cluster-failover.png"),
                written);
        throughput(results, "cluster", "nodes", "cluster: acknowledged moves/s against nodes (one machine)", dir, written);
        throughput(results, "moves", "live games", "moves: throughput against live games (in-memory store)", dir, written);
        throughput(results, "durable", "concurrently active games",
                "durable: acknowledged moves/s against active games (fsync on)", dir, written);
        throughput(results, "fairness", "busy pairs", "fairness: ping-pong round trips/s against busy pairs", dir, written);
        return written;
    }

    private static void latency(List<ScenarioResult> results, String scenario, Predicate<ScenarioResult> which,
            String title, Path dir, List<Path> written) throws IOException {
        latencyChart(results, scenario, which, title, dir.resolve("latency-" + scenario + ".png"), written);
    }

    private static void latencyChart(List<ScenarioResult> results, String scenario, Predicate<ScenarioResult> which,
            String title, Path file, List<Path> written) throws IOException {
        List<Series> series = new ArrayList<>();
        for (ScenarioResult r : results) {
            if (r.scenario().equals(scenario) && which.test(r)) {
                List<Series.Point> points = percentiles(r);
                if (!points.isEmpty()) {
                    series.add(new Series(label(r, true), points));
                }
            }
        }
        if (!series.isEmpty()) {
            Charts.writePng(Charts.latencyPercentiles(title, series), file);
            written.add(file);
        }
    }

    private static void throughput(List<ScenarioResult> results, String scenario, String countLabel, String title,
            Path dir, List<Path> written) throws IOException {
        Map<String, List<Series.Point>> lines = new LinkedHashMap<>();
        for (ScenarioResult r : results) {
            if (r.scenario().equals(scenario) && r.opsPerSec() != null && r.opsPerSec() > 0 && number(r, "n") > 0) {
                lines.computeIfAbsent(label(r, false), k -> new ArrayList<>())
                        .add(point(number(r, "n"), r.opsPerSec(), r.params(), "ops_per_sec"));
            }
        }
        if (!lines.isEmpty()) {
            List<Series> series = new ArrayList<>();
            lines.forEach((name, points) -> series.add(new Series(name,
                    points.stream().sorted(Comparator.comparingDouble(Series.Point::x)).toList())));
            Path file = dir.resolve("throughput-" + scenario + ".png");
            Charts.writePng(Charts.throughput(title, countLabel, series), file);
            written.add(file);
        }
    }

    /**
     * @return (percentile, µs) from p50/p99 and the {@code pNN_us} params, sorted by percentile, each
     *     with its range over repetitions where the params have one ({@code pNN_us_min}, {@code pNN_us_max})
     */
    static List<Series.Point> percentiles(ScenarioResult r) {
        Map<Double, String> byP = new java.util.TreeMap<>();
        Map<String, Object> values = new java.util.HashMap<>(r.params());
        if (r.p50Us() != null) {
            byP.put(50.0, "p50_us");
            values.put("p50_us", r.p50Us());
        }
        if (r.p99Us() != null) {
            byP.put(99.0, "p99_us");
            values.put("p99_us", r.p99Us());
        }
        for (Map.Entry<String, Object> e : r.params().entrySet()) {
            Matcher m = PERCENTILE.matcher(e.getKey());
            if (m.matches() && e.getValue() instanceof Number) {
                String d = m.group(1);
                byP.put(Double.parseDouble(d.length() > 2 ? d.substring(0, 2) + "." + d.substring(2) : d), e.getKey());
            }
        }
        List<Series.Point> out = new ArrayList<>();
        byP.forEach((p, key) -> {
            double us = ((Number) values.get(key)).doubleValue();
            if (us > 0) {
                out.add(point(p, us, values, key));
            }
        });
        return out;
    }

    /** @return (x, y) with the range of {@code key} in {@code params} ({@code key_min}..{@code key_max}) if positive */
    private static Series.Point point(double x, double y, Map<String, Object> params, String key) {
        if (params.get(key + "_min") instanceof Number lo && params.get(key + "_max") instanceof Number hi
                && lo.doubleValue() > 0) {
            return new Series.Point(x, y, Math.min(y, lo.doubleValue()), Math.max(y, hi.doubleValue()));
        }
        return new Series.Point(x, y);
    }

    private static String label(ScenarioResult r, boolean withGames) {
        StringBuilder sb = new StringBuilder(r.system());
        if (r.scenario().equals("cluster")) {
            sb.append(withGames ? ", " + r.params().get("measure") + ", " + r.params().get("nodes") + " node(s)" : "");
            return r.params().get(Summary.TUNING) instanceof String t ? sb.append(", ").append(t).append(" VM settings").toString()
                    : sb.toString();
        }
        if (r.scenario().equals("durable")) {
            sb.append(' ').append(r.system().equals("otp") ? "dets" : r.params().get("store"));
        }
        if (r.system().equals("islands") && r.params().get("driver") instanceof String driver) {
            sb.append(", ").append(driver).append(" drivers");
        }
        if (withGames && r.scenario().equals("fairness")) {
            sb.append(String.format(", %,d busy pairs", (long) number(r, "n")));
        } else if (withGames && number(r, "n") > 0) {
            sb.append(String.format(", %,d games", (long) number(r, "n")));
        }
        if (r.params().get("restart_reports_logged") instanceof Boolean logged) {
            sb.append(logged ? ", restart reports on" : ", restart reports off");
        }
        if (r.params().get(Summary.TUNING) instanceof String tuning) {
            sb.append(", ").append(tuning).append(" VM settings");
        }
        return sb.toString();
    }

    private static double number(ScenarioResult r, String key) {
        return r.params().get(key) instanceof Number n ? n.doubleValue() : -1;
    }
}
