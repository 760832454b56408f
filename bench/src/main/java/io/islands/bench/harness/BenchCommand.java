package io.islands.bench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./islands bench [SCENARIO...] [--quick] [--json FILE] [--plots DIR] [--no-otp] [--seed N]}:
 * runs scenarios on Islands and, where Erlang is installed, on the OTP side in the same run,
 * prints a table with the Islands/OTP ratios, writes one JSON object per result with
 * {@code --json}, and the charts as PNG files into {@code --plots} (default: the JSON file's
 * directory; no charts without either option). {@code [--plots DIR] --replot FILE} redraws the
 * charts of a JSON file written before.
 */
public final class BenchCommand {
    static final List<String> ALL = List.of("moves", "recovery", "density", "supervisor_stop", "durable", "web", "fairness");

    private BenchCommand() {}

    public static void main(String[] args) throws Exception {
        List<String> scenarios = new ArrayList<>();
        boolean quick = false;
        boolean otp = true;
        Path json = null;
        Path plots = null;
        Path replot = null;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--no-otp" -> otp = false;
                case "--json" -> json = Path.of(args[++i]);
                case "--plots" -> plots = Path.of(args[++i]);
                case "--replot" -> replot = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    if (!ALL.contains(args[i])) {
                        System.err.println("bench: unknown scenario '" + args[i] + "'; scenarios: " + ALL);
                        System.exit(2);
                    }
                    scenarios.add(args[i]);
                }
            }
        }
        if (replot != null) { // --plots may come before or after it
            Path dir = plots != null ? plots : replot.toAbsolutePath().getParent();
            for (Path png : PlotFiles.write(OtpSide.read(replot), dir)) {
                System.err.println("bench: wrote " + png);
            }
            return;
        }
        if (scenarios.isEmpty()) {
            scenarios.addAll(ALL);
        }
        Path otpScript = otp ? OtpSide.script() : null;
        if (otp && otpScript == null) {
            System.err.println("bench: Erlang (erl) or bench/otp/run not found: measuring Islands only");
        }
        List<ScenarioResult> results = new ArrayList<>();
        for (String s : scenarios) {
            System.err.println("bench: " + s + (quick ? " (quick)" : ""));
            results.addAll(islands(s, quick, seed));
            if (otpScript != null && !s.equals("web")) { // bench/otp has no web side (no Phoenix there)
                results.addAll(OtpSide.run(otpScript, s, otpParams(s, quick, seed)));
            }
        }
        results = Ratios.annotate(results);
        System.out.println(Table.render(results));
        if (json != null) {
            ObjectMapper mapper = new ObjectMapper();
            StringBuilder sb = new StringBuilder();
            for (ScenarioResult r : results) {
                sb.append(mapper.writeValueAsString(r.toJsonMap())).append('\n');
            }
            Files.writeString(json, sb);
            System.err.println("bench: wrote " + results.size() + " results to " + json);
        }
        if (plots == null && json != null) {
            plots = json.toAbsolutePath().getParent();
        }
        if (plots != null) {
            for (Path png : PlotFiles.write(results, plots)) {
                System.err.println("bench: wrote " + png);
            }
        }
    }

    static List<ScenarioResult> islands(String scenario, boolean quick, long seed) throws Exception {
        Duration window = quick ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
        return switch (scenario) {
            case "moves" -> moves(quick ? List.of(1000, 10_000) : List.of(1000, 10_000, 100_000), window, seed);
            case "recovery" -> recovery(quick ? 100 : 1000, seed);
            case "density" -> List.of(Scenarios.density(quick ? 50_000 : 1_000_000));
            case "supervisor_stop" -> List.of(Scenarios.supervisorStop(quick ? 10_000 : 100_000));
            case "durable" -> DurableScenario.run(quick, seed);
            case "fairness" -> FairnessScenario.run(quick);
            // Closed loop (every game always has a move in flight), then paced by a think time
            // (offered load about games * 1000 / think_ms moves/s, below saturation).
            case "web" -> quick
                    ? List.of(WebScenario.run(500, Duration.ofSeconds(5)), WebScenario.run(500, Duration.ofSeconds(5), 200))
                    : List.of(WebScenario.run(5_000, Duration.ofSeconds(15)), WebScenario.run(5_000, Duration.ofSeconds(15), 2_000));
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    /** Each game count with process drivers (as the OTP side's), then with platform-thread drivers. */
    private static List<ScenarioResult> moves(List<Integer> counts, Duration window, long seed) throws Exception {
        List<ScenarioResult> out = new ArrayList<>();
        for (int n : counts) {
            for (Scenarios.Drivers kind : Scenarios.Drivers.values()) {
                out.add(Scenarios.moves(n, window, seed, kind));
            }
        }
        return out;
    }

    /** With process drivers (and killer), as the OTP side's, then with platform threads. */
    private static List<ScenarioResult> recovery(int kills, long seed) throws Exception {
        List<ScenarioResult> out = new ArrayList<>();
        for (Scenarios.Drivers kind : Scenarios.Drivers.values()) {
            out.add(Scenarios.recovery(1000, kills, seed, kind));
        }
        return out;
    }

    static List<String> otpParams(String scenario, boolean quick, long seed) {
        List<String> p = new ArrayList<>(List.of("seed=" + seed));
        if (quick) {
            p.add("quick=true");
        }
        return p;
    }

    /** Formats results as a table with the Islands/OTP ratio per matching line. */
    static final class Table {
        private Table() {}

        static String render(List<ScenarioResult> results) {
            StringBuilder sb = new StringBuilder(String.format("%-16s %-8s %-30s %12s %10s %10s %11s  %s%n",
                    "scenario", "system", "params", "ops/s", "p50 µs", "p99 µs", "bytes/game", "islands/otp"));
            for (ScenarioResult r : results) {
                sb.append(String.format("%-16s %-8s %-30s %12s %10s %10s %11s  %s%n", r.scenario(), r.system(),
                        key(r.params()), fmt(r.opsPerSec()), fmt(r.p50Us()), fmt(r.p99Us()), fmt(r.bytesPerGame()),
                        Ratios.describe(r.params())));
            }
            return sb.toString();
        }

        private static String key(Map<String, Object> params) {
            StringBuilder sb = new StringBuilder();
            for (String k : List.of("measure", "store", "n", "driver", "think_ms", "kills", "kills_done", "states_lost",
                    "seconds", "writers", "samples", "max_ms", "timeouts", "not_run")) {
                if (params.containsKey(k)) {
                    Object v = k.equals("store") ? String.valueOf(params.get(k)).split(" ")[0] : params.get(k);
                    sb.append(k).append('=').append(v instanceof Double d ? String.format("%.3f", d) : v).append(' ');
                }
            }
            return sb.toString().trim();
        }

        private static String fmt(Double v) {
            return v == null ? "-" : v >= 100 ? String.format("%,.0f", v) : String.format("%.2f", v);
        }
    }
}
