package io.islands.bench;

import io.islands.bench.harness.BenchCommand;

/**
 * Entry point of {@code ./islands bench}: {@link BenchCommand} (the scenarios beside OTP) and its
 * subcommands {@code jmh}, {@code idle-memory} and {@code store-durable}; {@code --help} lists them.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) { // before any logger exists
            System.setProperty("logback.configurationFile", "logback-bench.xml");
        }
        BenchCommand.main(args);
    }
}
