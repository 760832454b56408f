package io.islands.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code ./islands chaos}: a short run on SQLite that injects every kind of fault, and its arguments. */
class ChaosCommandTest {
    private final ChaosCli cli = new ChaosCli();
    private final ByteArrayOutputStream out = cli.out;
    private final ByteArrayOutputStream err = cli.err;

    private int chaos(String... args) {
        return cli.run(args);
    }

    @Test
    void aShortRunInjectsEveryFaultAndLosesNothing() {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        System.out.println("chaos smoke: seed " + seed + " (-Dchaos.seed=" + seed + ")");
        int status = chaos("--minutes", "0.35", "--games", "8", "--seed", Long.toString(seed));
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(status).as(text + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(count(text, "moves lost \\(acknowledged, missing\\)")).isZero();
        assertThat(count(text, "wrong answers")).isZero();
        assertThat(count(text, "moves acknowledged")).isPositive();
        for (Fault f : Fault.SINGLE_NODE) {
            assertThat(count(text, "faults: " + Pattern.quote(f.label()))).as(f.label()).isPositive();
        }
        assertThat(text).contains("result: OK");
    }

    @Test
    void helpPrintsUsage() {
        assertThat(chaos("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: islands chaos").contains("--minutes=M", "--seed=N");
    }

    @Test
    void badArgumentsExitWithTwoOneLineAndTheUsage() {
        String[][] cases = {
            {"--minutes", "soon"}, {"--minutes", "0"}, {"--games", "0"}, {"--games", "2.5"}, {"--seed", "x"}, {"--seed"},
            {"--frobnicate", "1"}, {"--store", "memory:"}, {"--store", "mysql://nowhere"}, {"extra"}};
        String[] says = {
            "Invalid value for option '--minutes': 'soon' is not a double", "'0.0' is not in 0.05..1440",
            "'0' is not in 1..10000", "'2.5' is not an int", "'x' is not a long", "Missing required parameter for option '--seed'",
            "Unknown options: '--frobnicate', '1'", "'memory:' dies with the node", "'mysql://nowhere' cannot be opened",
            "Unmatched argument at index 0: 'extra'"};
        for (int i = 0; i < cases.length; i++) {
            out.reset();
            err.reset();
            assertThat(chaos(cases[i])).as(String.join(" ", cases[i])).isEqualTo(2);
            List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(lines.get(0)).as(String.join(" ", cases[i])).startsWith("islands chaos: ").contains(says[i]);
            assertThat(lines).anyMatch(l -> l.startsWith("Usage: islands chaos [-hV]"));
            assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("Exception", "\tat ");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }

    private static long count(String summary, String label) {
        Matcher m = Pattern.compile("^\\s+" + label + "\\s+(\\d+)$", Pattern.MULTILINE).matcher(summary);
        assertThat(m.find()).as("a line '%s' in%n%s", label, summary).isTrue();
        return Long.parseLong(m.group(1));
    }
}
