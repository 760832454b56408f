package io.islands.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.islands.server.logging.LogFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} options: help, defaults, the three sources and their precedence, refusals. */
class MainTest {
    @TempDir
    Path dir;

    @Test
    void serveHelpListsEveryOptionWithItsEnvironmentVariableAndDefault() throws Exception {
        var out = new ByteArrayOutputStream();
        int code = Main.serve(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).contains("--host", "127.0.0.1", "--port", "4000", "--store", "sqlite:data/islands.db",
                "--config FILE", "ISLANDS_CONFIG", "--log-format FORMAT", "default text", "default 60s", "default 24h");
        for (ServeOptions.Option o : ServeOptions.OPTIONS) {
            assertThat(help).contains(o.flag() + " " + o.value(), "env " + o.env() + "; default " + o.shown());
        }
    }

    @Test
    void optionsHaveDefaultsAndAreChecked() {
        assertThat(ServeOptions.parse(new String[0])).isEqualTo(ServerConfig.defaults());
        assertThat(ServeOptions.parse(new String[] {"--port", "0", "--store", "memory:", "--host", "0.0.0.0"}))
                .isEqualTo(new ServerConfig("0.0.0.0", 0, "memory:", null));
        assertThat(ServeOptions.parse(new String[] {"--log-level", "DEBUG", "--log-format", "json",
                "--idle-timeout", "90s", "--max-frame-bytes", "1024", "--game-idle-timeout", "PT30M",
                "--game-call-timeout", "1500ms", "--admin-token", "t0ken"}))
                .isEqualTo(ServerConfig.defaults().withLogLevel("debug").withLogFormat(LogFormat.JSON)
                        .withIdleTimeout(Duration.ofSeconds(90)).withMaxFrameBytes(1024)
                        .withGameIdleTimeout(Duration.ofMinutes(30)).withGameCallTimeout(Duration.ofMillis(1500))
                        .withAdminToken("t0ken"));
        assertThat(ServeOptions.parse(new String[] {"--max-name-length", "12"}).limits())
                .isEqualTo(Limits.defaults().withMaxNameLength(12));
        assertThat(ServeOptions.parse(new String[] {"--allowed-origins", "https://islands.example, play.example"})
                .limits().allowedOrigins()).containsExactly("https://islands.example", "play.example");
        assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--allowed-origins", "http://a b"}))
                .hasMessageContaining("--allowed-origins");
        assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--max-name-length", "0"}))
                .hasMessageContaining("--max-name-length");
        assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--port", "x"})).hasMessageContaining("--port");
        assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--bogus", "1"})).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--store"})).hasMessageContaining("--store");
        assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--idle-timeout", "0s"}))
                .hasMessageContaining("--idle-timeout").hasMessageContaining("positive");
        assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--max-frame-bytes", "10"}))
                .hasMessageContaining("--max-frame-bytes").hasMessageContaining("256..");
        assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--log-format", "xml"}))
                .hasMessageContaining("--log-format").hasMessageContaining("text or json");
    }

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
        Path file = dir.resolve("islands.properties");
        Files.writeString(file, "port=4100\nhost=10.0.0.1\nlog-level=warn\n");
        Map<String, String> env = Map.of("ISLANDS_CONFIG", file.toString(), "ISLANDS_PORT", "4200",
                "ISLANDS_LOG_LEVEL", "error", "PATH", "/bin");

        assertThat(ServeOptions.parse(new String[] {"--port", "4300"}, env))
                .isEqualTo(ServerConfig.defaults().withPort(4300).withHost("10.0.0.1").withLogLevel("error"));
        assertThat(ServeOptions.parse(new String[0], Map.of("ISLANDS_CONFIG", file.toString())))
                .isEqualTo(ServerConfig.defaults().withPort(4100).withHost("10.0.0.1").withLogLevel("warn"));
        assertThat(ServeOptions.parse(new String[] {"--config", file.toString()}, Map.of("ISLANDS_HOST", "::1")))
                .isEqualTo(ServerConfig.defaults().withPort(4100).withHost("::1").withLogLevel("warn"));
    }

    @Test
    void badValuesNameTheirSource() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "port=99999\n");
        assertThatThrownBy(() -> ServeOptions.parse(new String[0], Map.of("ISLANDS_PORT", "-1")))
                .hasMessageContaining("--port (from environment ISLANDS_PORT)").hasMessageContaining("0..65535");
        assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--config", file.toString()}))
                .hasMessageContaining("--port (from key port of " + file + ")");
        Files.writeString(file, "prot=4000\n");
        assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--config", file.toString()}))
                .hasMessageContaining("unknown key").hasMessageContaining("prot");
        assertThatThrownBy(() -> ServeOptions.parse(new String[] {"--config", dir.resolve("missing").toString()}))
                .hasMessageContaining("cannot read the config file");
    }

    @Test
    void aBadOptionIsAUsageError() throws Exception {
        var err = new ByteArrayOutputStream();
        int code = Main.serve(new String[] {"--port", "99999"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port", "0..65535");
    }
}
