package io.islands.bench.chaos;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** {@code ./islands chaos} run in this JVM for the chaos tests, its output and errors kept. */
final class ChaosCli {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** @return the command's exit status */
    int run(String... args) {
        CommandLine cl = ChaosCommand.commandLine();
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return cl.execute(args);
    }
}
