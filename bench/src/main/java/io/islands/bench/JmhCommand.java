package io.islands.bench;

import io.islands.server.cli.Cli;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./islands bench jmh [JMH options] [regex]}: the JMH micro-benchmarks
 * ({@code io.islands.bench.jmh.*}). Every argument goes to JMH's own parser, {@code -h} included.
 */
@Command(name = "jmh", description = {"JMH micro-benchmarks (io.islands.bench.jmh.*); every argument goes to JMH,",
    "e.g. ./islands bench jmh -f 1 -wi 3 -i 5 CallBench (jmh -h: JMH's options)"})
public final class JmhCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    private JmhCommand() {}

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
        return Cli.OK;
    }
}
