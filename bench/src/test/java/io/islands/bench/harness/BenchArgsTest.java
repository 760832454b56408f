package io.islands.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad arguments to {@code ./islands bench} give one clear line on stderr and exit code 2, running nothing. */
class BenchArgsTest {

    private static String[] run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc;
        try {
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            rc = BenchCommand.run(args);
        } finally {
            System.setErr(err);
        }
        return new String[] {Integer.toString(rc), buf.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void anOptionMissingItsValueAtTheEndIsOneLineAndExitCode2() {
        String[] out = run("moves", "--json");
        assertThat(out[0]).isEqualTo("2");
        assertThat(out[1].lines()).hasSize(1).first().asString().startsWith("bench: ").contains("--json");
    }

    @Test
    void anUnknownScenarioOrTuningOrRepsIsOneLineAndExitCode2() {
        for (String[] args : new String[][] {{"nope"}, {"--tuning", "fast"}, {"--reps", "0"}, {"--reps", "x"},
            {"--no-such-option"}}) {
            String[] out = run(args);
            assertThat(out[0]).as("exit code of %s", String.join(" ", args)).isEqualTo("2");
            assertThat(out[1].lines()).as("stderr of %s", String.join(" ", args)).hasSize(1);
        }
    }
}
