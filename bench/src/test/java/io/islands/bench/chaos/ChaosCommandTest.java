package io.islands.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code ./islands chaos}: a short run on SQLite that injects every kind of fault, and its arguments. */
class ChaosCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int chaos(String... args) throws Exception {
        return ChaosCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aShortRunInjectsEveryFaultAndLosesNothing() throws Exception {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        System.out.println("chaos smoke: seed " + seed + " (-Dchaos.seed=" + seed + ")");
        int status = chaos("--minutes", "0.35", "--games", "8", "--seed", Long.toString(seed));
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(status).as(text + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(count(text, "moves lost \\(acknowledged, missing\\)")).isZero();
        assertThat(count(text, "wrong answers")).isZero();
        assertThat(count(text, "moves acknowledged")).isPositive();
        for (Fault f : Fault.values()) {
            assertThat(count(text, "faults: " + Pattern.quote(f.label()))).as(f.label()).isPositive();
        }
        assertThat(text).contains("result: OK");
    }

    @Test
    void helpPrintsUsage() throws Exception {
        assertThat(chaos("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: ./islands chaos");
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhy() throws Exception {
        assertThat(chaos("--minutes", "soon")).isEqualTo(2);
        assertThat(chaos("--games", "0")).isEqualTo(2);
        assertThat(chaos("--games", "2.5")).isEqualTo(2);
        assertThat(chaos("--seed")).isEqualTo(2);
        assertThat(chaos("--frobnicate", "1")).isEqualTo(2);
        assertThat(chaos("--store", "memory:")).isEqualTo(2);
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(e).contains("--minutes must be a number, got 'soon'")
                .contains("--games must be between 1 and 10000, got '0'")
                .contains("--games must be a whole number, got '2.5'")
                .contains("--seed needs a value")
                .contains("unknown option '--frobnicate'")
                .contains("--store memory: dies with the node")
                .contains("Usage: ./islands chaos");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aStoreThatCannotBeOpenedIsAClearError() throws Exception {
        assertThat(chaos("--store", "mysql://nowhere")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("chaos: cannot open the store mysql://nowhere");
    }

    private static long count(String summary, String label) {
        Matcher m = Pattern.compile("^\\s+" + label + "\\s+(\\d+)$", Pattern.MULTILINE).matcher(summary);
        assertThat(m.find()).as("a line '%s' in%n%s", label, summary).isTrue();
        return Long.parseLong(m.group(1));
    }
}
