package io.islands.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Bad arguments to {@code ./islands bench} and its subcommands give one clear line, then the usage,
 * on stderr, and exit code 2, running nothing.
 */
class BenchArgsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = BenchCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private void assertUsageError(String command, String says, String... args) {
        assertThat(bench(args)).as("exit code of %s", String.join(" ", args)).isEqualTo(2);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines.get(0)).as("first line of %s", String.join(" ", args)).startsWith(command + ": ").contains(says);
        assertThat(lines).as("stderr of %s", String.join(" ", args)).anyMatch(l -> l.startsWith("Usage: " + command));
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anOptionMissingItsValueAtTheEndIsOneLineTheUsageAndExitCode2() {
        assertUsageError("islands bench", "Missing required parameter for option '--json' (FILE)", "moves", "--json");
    }

    @Test
    void badValuesAndUnknownOptionsAreOneLineTheUsageAndExitCode2() {
        assertUsageError("islands bench", "unknown scenario 'nope'", "nope");
        assertUsageError("islands bench", "when named: cluster", "nope");
        assertUsageError("islands bench", "expected default, tuned or both, got 'fast'", "--tuning", "fast");
        assertUsageError("islands bench", "'0' is not in 1..1000", "--reps", "0");
        assertUsageError("islands bench", "'x' is not an int", "--reps", "x");
        assertUsageError("islands bench", "'x' is not a long", "--seed", "x");
        assertUsageError("islands bench", "Unknown option: '--no-such-option'", "--no-such-option");
        assertUsageError("islands bench", "'1' is not in 2..1000000", "web_density", "--players", "1");
        assertUsageError("islands bench", "is odd (two players per game)", "web_density", "--players", "5001");
        assertUsageError("islands bench", "applies to web_density only", "moves", "--players", "5000");
    }

    @Test
    void theSubcommandsFollowTheSameConventions() {
        assertUsageError("islands bench idle-memory", "'x' is not an int", "idle-memory", "--n", "x");
        assertUsageError("islands bench idle-memory", "'0' is not in 1..100000000", "idle-memory", "--n", "0");
        assertUsageError("islands bench idle-memory", "Missing required parameter for option '--n'", "idle-memory", "--n");
        assertUsageError("islands bench store-durable", "expected sqlite, sqlite-relaxed, postgres or reopen, got 'mysql'",
                "store-durable", "--only", "mysql");
        assertUsageError("islands bench store-durable", "'x' is not an int", "store-durable", "--writers", "1,x");
        assertUsageError("islands bench store-durable", "Unknown option: '--bogus'", "store-durable", "--bogus");
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(bench("--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: islands bench").contains("jmh", "idle-memory", "store-durable", "--quick");
    }
}
