package io.islands.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code serve} options: help, defaults, refusals. */
class MainTest {
    @Test
    void serveHelpListsTheOptionsAndDefaults() throws Exception {
        var out = new ByteArrayOutputStream();
        int code = Main.serve(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--host", "127.0.0.1", "--port", "4000", "--store", "sqlite:data/islands.db");
    }

    @Test
    void optionsHaveDefaultsAndAreChecked() {
        assertThat(Main.ServeOptions.parse(new String[0]))
                .isEqualTo(ServerConfig.defaults());
        assertThat(Main.ServeOptions.parse(new String[] {"--port", "0", "--store", "memory:", "--host", "0.0.0.0"}))
                .isEqualTo(new ServerConfig("0.0.0.0", 0, "memory:", null));
        assertThatThrownBy(() -> Main.ServeOptions.parse(new String[] {"--port", "x"})).hasMessageContaining("--port");
        assertThatThrownBy(() -> Main.ServeOptions.parse(new String[] {"--bogus", "1"})).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> Main.ServeOptions.parse(new String[] {"--store"})).hasMessageContaining("--store");
    }

    @Test
    void aBadOptionIsAUsageError() throws Exception {
        var err = new ByteArrayOutputStream();
        int code = Main.serve(new String[] {"--port", "99999"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("0..65535");
    }
}
