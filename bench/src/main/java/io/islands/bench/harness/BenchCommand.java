package io.islands.bench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.islands.bench.DurableBench;
import io.islands.bench.IdleMemory;
import io.islands.bench.JmhCommand;
import io.islands.server.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./islands bench [SCENARIO...] [--quick] [--reps N] [--tuning default|tuned|both] [--json FILE]
 * [--plots DIR] [--no-otp] [--seed N] [--players N]}: runs each scenario's two sides interleaved, Islands then OTP,
 * {@code --reps} times (each side in a fresh VM: the Islands side in a child JVM, the OTP side through
 * {@code bench/otp/run}), with default VM settings, with each side's tuned flags ({@link Tuning}), or
 * both in turn; prints each configuration's median and range over the repetitions, for both sides and
 * for the Islands/OTP ratio (paired within a repetition); writes every repetition and the summaries
 * as JSON lines with {@code --json}, and the charts (medians, ranges dashed) into {@code --plots}
 * (default: the JSON file's directory; no charts without either option). {@code [--plots DIR] --replot
 * FILE} redraws the charts of a JSON file written before.
 *
 * <p>A new scenario plugs in with a case in {@link #islands} and its name in {@link #ALL}; where
 * bench/otp has a scenario of that name, it runs beside it.
 */
@Command(name = "islands bench", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, sortOptions = false,
        subcommands = {JmhCommand.class, IdleMemory.class, DurableBench.class},
        description = {"Runs the scenarios moves, recovery, density, supervisor_stop, durable, web and fairness",
            "(and cluster, when named: 1 and 3 cluster nodes, failover after SIGKILL/SIGTERM/SIGSTOP;",
            "web_density, when named: --players idle players over as many server JVMs as the open-file limit needs,",
            "once, whatever --reps and --tuning say):",
            "Islands (a child JVM) and, with erl installed, the OTP side, interleaved, --reps times; prints",
            "medians and ranges. --quick: short runs, --reps 1 --tuning default unless given. [--plots DIR]",
            "--replot FILE redraws the charts of a JSON file written before. See docs/benchmarks.md.", ""})
public final class BenchCommand implements Callable<Integer> {
    static final List<String> ALL = List.of("moves", "recovery", "density", "supervisor_stop", "durable", "web", "fairness");
    /** Scenarios run only when named: cluster starts PostgreSQL and three server JVMs and kills them (minutes). */
    static final List<String> NAMED_ONLY = List.of("cluster", WebDensityScenario.NAME);
    /** Scenarios without an OTP side (bench/otp has no Phoenix, nor this cluster). */
    static final List<String> ISLANDS_ONLY = List.of("web", "cluster", WebDensityScenario.NAME);

    /** Which VM settings a run uses. */
    enum TuningChoice {
        DEFAULT, TUNED, BOTH;

        List<Tuning> tunings() {
            return this == BOTH ? List.of(Tuning.DEFAULT, Tuning.TUNED) : List.of(Tuning.valueOf(name()));
        }
    }

    @Parameters(paramLabel = "SCENARIO", arity = "0..*", description = "scenarios (default: all)",
            showDefaultValue = CommandLine.Help.Visibility.NEVER)
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--quick", description = "short runs (the smoke test); also --reps 1 --tuning default unless given")
    boolean quick;

    @Option(names = "--reps", paramLabel = "N", description = "repetitions of each scenario's two sides (default 3)")
    Integer reps;

    @Option(names = "--tuning", paramLabel = "default|tuned|both", converter = TuningConverter.class,
            description = "VM settings: none, each side's tuned flags (bench/workload.properties), or both (default)")
    TuningChoice tuning;

    @Option(names = "--json", paramLabel = "FILE", description = "write every repetition and summary as JSON lines")
    Path json;

    @Option(names = "--plots", paramLabel = "DIR", description = "write PNG charts here (default: next to --json)")
    Path plots;

    @Option(names = "--replot", paramLabel = "FILE", description = "redraw the charts of a JSON file, run nothing")
    Path replot;

    @Option(names = "--no-otp", description = "measure Islands only")
    boolean noOtp;

    @Option(names = "--seed", paramLabel = "N", description = "random seed of the drivers")
    long seed = 42;

    @Option(names = "--players", paramLabel = "N", description = {"idle players of web_density, even (default: bench/workload.properties,",
        "100,000; --quick 2,000)"})
    Integer players;

    /** Internal: run the Islands side of the scenarios in this JVM and print their results as JSON lines. */
    @Option(names = "--side", hidden = true)
    String side;

    private BenchCommand() {}

    @Spec
    CommandSpec spec;

    /** Runs the command; exits the JVM only with a code other than 0 (see {@link Cli}). */
    public static void main(String[] args) {
        int rc = commandLine().execute(args);
        if (rc != 0) {
            Cli.exit(rc);
        }
    }

    /** @return the command line of {@code islands bench} and its subcommands */
    public static CommandLine commandLine() {
        return Cli.commandLine(new BenchCommand());
    }

    @Override
    public Integer call() throws Exception {
        for (String s : scenarios) {
            if (!ALL.contains(s) && !NAMED_ONLY.contains(s)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown scenario '" + s + "'; scenarios: "
                        + String.join(", ", ALL) + "; when named: " + String.join(", ", NAMED_ONLY));
            }
        }
        if (side != null && !side.equals("islands")) {
            throw Cli.invalid(spec, "--side", side, "is not 'islands'");
        }
        if (reps != null) {
            Cli.inRange(spec, "--reps", reps, 1, 1000);
        }
        if (players != null) {
            Cli.inRange(spec, "--players", players, 2, 1_000_000);
            if (players % 2 != 0) {
                throw Cli.invalid(spec, "--players", Integer.toString(players), "is odd (two players per game)");
            }
            if (!scenarios.contains(WebDensityScenario.NAME)) {
                throw Cli.invalid(spec, "--players", Integer.toString(players), "applies to web_density only: name it");
            }
        }
        if (replot != null) { // --plots may come before or after it
            Path dir = plots != null ? plots : replot.toAbsolutePath().getParent();
            for (Path png : PlotFiles.write(Summary.of(OtpSide.read(replot)), dir)) {
                System.err.println("bench: wrote " + png);
            }
            return 0;
        }
        List<String> todo = scenarios.isEmpty() ? ALL : scenarios;
        if ("islands".equals(side)) { // a child JVM of the run below
            ObjectMapper mapper = new ObjectMapper();
            for (String s : todo) {
                for (ScenarioResult r : islands(s, quick, seed, players)) {
                    System.out.println(mapper.writeValueAsString(r.toJsonMap()));
                }
            }
            return 0;
        }
        int repetitions = reps != null ? reps : quick ? 1 : 3;
        List<Tuning> tunings = (tuning != null ? tuning : quick ? TuningChoice.DEFAULT : TuningChoice.BOTH).tunings();
        Path otpScript = noOtp ? null : OtpSide.script();
        if (!noOtp && otpScript == null) {
            System.err.println("bench: Erlang (erl) or bench/otp/run not found: measuring Islands only");
        }
        Workload workload = Workload.load();
        List<ScenarioResult> lines = new ArrayList<>();
        for (String s : todo) {
            // web_density's own JVM only starts and measures others (their flags are in the workload
            // file); tuned flags would pre-touch 12 GB beside them, and each run takes minutes: once.
            boolean once = s.equals(WebDensityScenario.NAME);
            int runs = once ? 1 : repetitions;
            for (int rep = 1; rep <= runs; rep++) {
                for (Tuning t : once ? List.of(Tuning.DEFAULT) : tunings) {
                    System.err.printf(Locale.ROOT, "bench: %s%s, repetition %d of %d, %s settings%n", s,
                            quick ? " (quick)" : "", rep, runs, t.label());
                    Map<String, Object> tag = Map.of(Summary.REP, rep, Summary.TUNING, t.label());
                    List<ScenarioResult> one = new ArrayList<>();
                    for (ScenarioResult r : islandsChild(s, t, workload)) {
                        one.add(Summary.withParams(r, tag));
                    }
                    if (otpScript != null && !ISLANDS_ONLY.contains(s)) {
                        List<String> params = new ArrayList<>(otpParams(s, quick, seed));
                        params.add("workload=" + workload.file());
                        for (ScenarioResult r : OtpSide.run(otpScript, s, params, String.join(" ", t.erlFlags(workload)))) {
                            one.add(Summary.withParams(r, Map.of(Summary.REP, rep, Summary.TUNING, t.label(),
                                    "vm_flags", String.join(" ", t.erlFlags(workload)))));
                        }
                    }
                    lines.addAll(Ratios.annotate(one));
                }
            }
        }
        List<ScenarioResult> summaries = Summary.of(lines);
        System.out.println(Table.render(summaries));
        if (json != null) {
            ObjectMapper mapper = new ObjectMapper();
            StringBuilder sb = new StringBuilder();
            for (ScenarioResult r : lines) {
                sb.append(mapper.writeValueAsString(r.toJsonMap())).append('\n');
            }
            for (ScenarioResult r : summaries) {
                sb.append(mapper.writeValueAsString(r.toJsonMap())).append('\n');
            }
            if (json.toAbsolutePath().getParent() != null) {
                Files.createDirectories(json.toAbsolutePath().getParent());
            }
            Files.writeString(json, sb);
            System.err.println("bench: wrote " + lines.size() + " results and " + summaries.size() + " summaries to " + json);
        }
        if (plots == null && json != null) {
            plots = json.toAbsolutePath().getParent();
        }
        if (plots != null) {
            for (Path png : PlotFiles.write(summaries, plots)) {
                System.err.println("bench: wrote " + png);
            }
        }
        return 0;
    }

    /**
     * Runs the Islands side of {@code scenario} in a child JVM with the tuning's flags (none for
     * {@link Tuning#DEFAULT}) and this JVM's {@code islands.bench.*} system properties, on this
     * JVM's class path.
     */
    private List<ScenarioResult> islandsChild(String scenario, Tuning t, Workload workload) {
        List<String> flags = t.jvmFlags(workload);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(flags);
        // This JVM's other islands.bench.* properties (the cluster bench's trail_ms, keep, ...) reach the child too.
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(k -> k.startsWith("islands.bench.") && !k.equals("islands.bench.workload"))
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.addAll(List.of("-Dislands.bench.workload=" + workload.file(), "-cp", io.islands.bench.ChildJvm.classPath(),
                "io.islands.bench.Main", "--side", "islands", scenario, "--seed", Long.toString(seed)));
        if (quick) {
            cmd.add("--quick");
        }
        if (players != null) {
            cmd.addAll(List.of("--players", Integer.toString(players)));
        }
        List<ScenarioResult> out = new ArrayList<>();
        for (ScenarioResult r : OtpSide.runJsonLines(cmd, Map.of(), "Islands side of " + scenario)) {
            out.add(Summary.withParams(r, Map.of("vm_flags", String.join(" ", flags))));
        }
        return out;
    }

    /** Parses {@code --tuning}'s value, case-insensitively. */
    static final class TuningConverter implements CommandLine.ITypeConverter<TuningChoice> {
        @Override
        public TuningChoice convert(String value) {
            try {
                return TuningChoice.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected default, tuned or both, got '" + value + "'");
            }
        }
    }

    /** @param players web_density's players, null for its default */
    static List<ScenarioResult> islands(String scenario, boolean quick, long seed, Integer players) throws Exception {
        return switch (scenario) {
            case "moves" -> moves(Workload.load().games("moves", quick), Workload.load().window("moves", quick), seed);
            case "recovery" -> recovery(Workload.load(), quick, seed);
            case "density" -> List.of(Scenarios.density(quick ? 50_000 : 1_000_000));
            case "supervisor_stop" -> List.of(Scenarios.supervisorStop(quick ? 10_000 : 100_000));
            case "durable" -> DurableScenario.run(quick, seed);
            case "fairness" -> FairnessScenario.run(quick);
            case "web" -> web(Workload.load(), quick);
            case "cluster" -> ClusterScenario.run(Workload.load(), quick, seed);
            case WebDensityScenario.NAME -> WebDensityScenario.run(Workload.load(), quick, players);
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    /**
     * Per game count: the closed loop, then the paced load (offered about games × 1000 / think_ms
     * moves/s, below saturation), each first against the bare echo endpoint (the transport's floor).
     */
    private static List<ScenarioResult> web(Workload w, boolean quick) throws Exception {
        List<ScenarioResult> out = new ArrayList<>();
        for (int games : w.games("web", quick)) {
            out.addAll(WebScenario.run(games, w.window("web", quick), List.of(0L, (long) w.count("web.think_ms", quick))));
        }
        return out;
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
    private static List<ScenarioResult> recovery(Workload w, boolean quick, long seed) throws Exception {
        List<ScenarioResult> out = new ArrayList<>();
        for (Scenarios.Drivers kind : Scenarios.Drivers.values()) {
            out.add(Scenarios.recovery(w.games("recovery", quick).get(0), w.count("recovery.kills", quick),
                    w.window("recovery", quick), seed, kind));
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

    /**
     * Formats summary lines as a table: each figure as its median, with the range over the
     * repetitions in brackets when there were several, and the Islands/OTP ratios likewise.
     */
    static final class Table {
        private Table() {}

        static String render(List<ScenarioResult> results) {
            String row = "%-16s %-8s %-7s %-30s %26s %9s %22s %11s  %s%n";
            StringBuilder sb = new StringBuilder(String.format(row, "scenario", "system", "tuning", "params",
                    "ops/s [range]", "p50 µs", "p99 µs [range]", "bytes/game", "islands/otp [range]"));
            for (ScenarioResult r : results) {
                Map<String, Object> p = r.params();
                sb.append(String.format(row, r.scenario(), r.system(), p.getOrDefault(Summary.TUNING, ""), key(p),
                        fmt(r.opsPerSec()) + range(p, "ops_per_sec"), fmt(r.p50Us()), fmt(r.p99Us()) + range(p, "p99_us"),
                        fmt(r.bytesPerGame()), Ratios.describe(p)));
            }
            return sb.toString();
        }

        private static String range(Map<String, Object> p, String key) {
            return p.get(key + "_min") instanceof Number lo && p.get(key + "_max") instanceof Number hi
                    && lo.doubleValue() != hi.doubleValue()
                    ? " [" + fmt(lo.doubleValue()) + "–" + fmt(hi.doubleValue()) + "]" : "";
        }

        private static String key(Map<String, Object> params) {
            StringBuilder sb = new StringBuilder();
            for (String k : List.of("measure", "nodes", "servers", "server", "store", "n", "driver", "think_ms", "vs_echo_ops",
                    "vs_echo_p50", "vs_echo_p99", "kills", "kills_done", "states_lost", "seconds", "writers", "samples", "max_ms", "timeouts", "not_run", "not_resumed")) {
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
