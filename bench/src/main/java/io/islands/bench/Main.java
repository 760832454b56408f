package io.islands.bench;

import java.util.Arrays;

/**
 * Entry point of {@code ./islands bench}.
 *
 * <pre>
 * ./islands bench jmh [JMH options] [regex]   JMH micro-benchmarks (io.islands.bench.jmh)
 * ./islands bench idle-memory [--n N]          heap per idle GenServer with N alive (default 1,000,000)
 * ./islands bench store-durable [options]      state store saves/s (1, 16, 256 writers) and reopen time
 * </pre>
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) { // before any logger exists
            System.setProperty("logback.configurationFile", "logback-bench.xml");
        }
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println("""
                    Usage: ./islands bench <command> [options]

                    Commands:
                      [SCENARIO...] [--quick] [--reps N] [--tuning default|tuned|both] [--json FILE]
                      [--plots DIR] [--no-otp] [--seed N] | [--plots DIR] --replot FILE
                                                 scenarios moves, recovery, density, supervisor_stop, durable,
                                                 web, fairness: Islands (a child JVM) and, with erl installed,
                                                 the OTP side, interleaved, --reps times (default 3); medians and
                                                 ranges; --tuning: no VM flags, each side's tuned flags
                                                 (bench/workload.properties), or both (default); --quick:
                                                 short runs, --reps 1 --tuning default unless given;
                                                 PNG charts into DIR (default: next to the JSON file)
                      jmh [JMH options] [regex]  run JMH micro-benchmarks (io.islands.bench.jmh.*)
                                                 e.g. ./islands bench jmh -f 1 -wi 3 -i 5 CallBench
                      idle-memory [--n N]        heap bytes per idle GenServer with N alive (default 1000000)
                      store-durable [--seconds N] [--writers 1,16,256] [--keys N] [--only sqlite|sqlite-relaxed|postgres|reopen]
                                                 acknowledged saves/s of the SQLite and PostgreSQL state stores
                                                 (fsync on) and reopen time of a SQLite store with N keys
                    """);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (!java.util.Set.of("jmh", "idle-memory", "store-durable").contains(args[0])) {
            io.islands.bench.harness.BenchCommand.main(args);
            return;
        }
        switch (args[0]) {
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            case "idle-memory" -> IdleMemory.main(rest);
            case "store-durable" -> DurableBench.main(rest);
            default -> {
                System.err.println("islands bench: unknown command '" + args[0] + "' (try --help)");
                System.exit(2);
            }
        }
    }
}
