package io.islands.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.server.Limits;
import io.islands.server.Main;
import io.islands.server.ServerConfig;
import io.islands.server.logging.LogFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code islands serve}'s command line: help, defaults, the three sources and their precedence
 * (command line, then {@code ISLANDS_*}, then the config file, then the built-in default), and
 * bad arguments (exit 2, one line naming the option and its source, the usage; no stack trace).
 * Only bad arguments are executed: a good command line would start the server.
 */
class ServeCommandTest {
    @TempDir
    Path dir;

    /** What one execution printed. */
    record Run(int code, String out, String err) {
        String firstErrorLine() {
            return err.lines().findFirst().orElse("");
        }
    }

    static Run execute(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(env);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** @return the configuration {@code serve ARGS} would start with, under {@code env} */
    static ServerConfig parse(Map<String, String> env, String... args) {
        CommandLine cl = Main.commandLine(env);
        cl.parseArgs(Stream.concat(Stream.of("serve"), Stream.of(args)).toArray(String[]::new));
        ServeCommand serve = cl.getSubcommands().get("serve").getCommand();
        return serve.config();
    }

    static ServerConfig parse(String... args) {
        return parse(Map.of(), args);
    }

    @Test
    void helpListsEveryOptionWithItsDefaultAndTheSources() {
        Run run = execute(Map.of(), "serve", "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("Usage: islands serve").contains("--host=HOST", "Default: 127.0.0.1", "--port=PORT",
                "Default: 4000", "Default: sqlite:data/islands.db", "--config=FILE", "ISLANDS_CONFIG",
                "--log-format=FORMAT", "Default: text", "Default: 60s", "Default: 24h", "Default: 5s",
                "ISLANDS_LOG_LEVEL", "The command line wins over the environment");
        assertThat(run.out()).doesNotContain("Default: PT", "null");
        CommandLine serve = Main.commandLine(Map.of()).getSubcommands().get("serve");
        for (CommandLine.Model.OptionSpec o : serve.getCommandSpec().options()) {
            assertThat(run.out()).contains(o.longestName());
        }
    }

    @Test
    void withNothingSetTheDefaultsAreServerConfigsDefaults() {
        assertThat(parse()).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void everyOptionReachesTheConfiguration() {
        assertThat(parse("--port", "0", "--store", "memory:", "--host", "0.0.0.0"))
                .isEqualTo(ServerConfig.builder().host("0.0.0.0").port(0).store("memory:").build());
        assertThat(parse("--log-level", "DEBUG", "--log-format", "json", "--idle-timeout", "90s", "--max-frame-bytes", "1024",
                "--game-idle-timeout", "PT30M", "--game-call-timeout", "1500ms", "--admin-token", "t0ken"))
                .isEqualTo(ServerConfig.builder().logLevel("debug").logFormat(LogFormat.JSON).idleTimeout(Duration.ofSeconds(90))
                        .maxFrameBytes(1024).gameIdleTimeout(Duration.ofMinutes(30)).gameCallTimeout(Duration.ofMillis(1500))
                        .adminToken("t0ken").build());
        assertThat(parse("--max-name-length", "12", "--max-channels-per-socket", "3", "--games-per-minute", "4",
                "--frames-per-second", "5", "--max-sockets-per-address", "6", "--mailbox-messages", "7", "--mailbox-chars", "8",
                "--allowed-origins", "https://islands.example, play.example", "--unstarted-game-expiry", "2m",
                "--finished-game-retention", "1d").limits())
                .isEqualTo(Limits.builder().maxNameLength(12).maxChannelsPerSocket(3).gamesPerMinute(4).framesPerSecond(5)
                        .socketsPerAddress(6).mailboxMessages(7).mailboxChars(8)
                        .allowedOrigins(List.of("https://islands.example", "play.example"))
                        .unstartedGameExpiry(Duration.ofMinutes(2)).finishedGameRetention(Duration.ofDays(1)).build());
        assertThat(parse("--port=4100").port()).as("--name=VALUE works too").isEqualTo(4100);
    }

    @Test
    void theCommandLineWinsOverTheEnvironmentWhichWinsOverTheFileWhichWinsOverTheDefault() throws Exception {
        Path file = dir.resolve("islands.properties");
        Files.writeString(file, "port=4100\nhost=10.0.0.1\nlog-level=warn\nidle-timeout=2m\n");
        Map<String, String> env = Map.of("ISLANDS_CONFIG", file.toString(), "ISLANDS_PORT", "4200",
                "ISLANDS_LOG_LEVEL", "error", "PATH", "/bin", "ISLANDS_NOT_AN_OPTION", "x");

        ServerConfig defaults = ServerConfig.defaults();
        assertThat(parse(env, "--port", "4300")).isEqualTo(defaults.toBuilder().port(4300).host("10.0.0.1").logLevel("error")
                .idleTimeout(Duration.ofMinutes(2)).build());
        assertThat(parse(Map.of("ISLANDS_CONFIG", file.toString()))).isEqualTo(defaults.toBuilder().port(4100).host("10.0.0.1")
                .logLevel("warn").idleTimeout(Duration.ofMinutes(2)).build());
        assertThat(parse(Map.of("ISLANDS_HOST", "::1"), "--config", file.toString())).isEqualTo(defaults.toBuilder().port(4100)
                .host("::1").logLevel("warn").idleTimeout(Duration.ofMinutes(2)).build());
        Path other = dir.resolve("other.properties");
        Files.writeString(other, "port=4400\n");
        assertThat(parse(env, "--config", other.toString()).port()).as("--config wins over ISLANDS_CONFIG, ISLANDS_PORT over both")
                .isEqualTo(4200);
        assertThat(parse(Map.of("ISLANDS_CONFIG", file.toString()), "--config", other.toString()))
                .isEqualTo(defaults.toBuilder().port(4400).build());
        assertThat(parse(Map.of("ISLANDS_PORT", " 4500 ")).port()).as("values are trimmed").isEqualTo(4500);
    }

    @Test
    void theHelpShowsTheValuesInEffect() {
        Run run = execute(Map.of("ISLANDS_PORT", "4200"), "serve", "--help");
        assertThat(run.out()).contains("Default: 4200");
    }

    @Test
    void badArgumentsExitWithTwoOneLineAndTheUsage() {
        String[][] cases = {
            {"--port", "x"}, {"--port", "99999"}, {"--store"}, {"--bogus", "1"}, {"--idle-timeout", "0s"},
            {"--idle-timeout", "soon"}, {"--max-frame-bytes", "10"}, {"--log-format", "xml"}, {"--log-level", "loud"},
            {"--max-name-length", "0"}, {"--allowed-origins", "http://a b"}, {"--mailbox-chars", "-1"}, {"extra"}};
        String[] says = {
            "Invalid value for option '--port': 'x' is not an int", "'99999' is not in 0..65535",
            "Missing required parameter for option '--store' (URL)", "Unknown options: '--bogus', '1'",
            "Invalid value for option '--idle-timeout': needs a positive duration, not '0s'",
            "needs a duration such as 500ms, 60s, 5m, 24h or PT1M, not 'soon'", "'10' is not in 256..2147483647",
            "Invalid value for option '--log-format': needs text or json, not xml", "Invalid value for option '--log-level'",
            "'0' is not in 1..1000", "Invalid value for option '--allowed-origins'", "'-1' is not in 1..2147483647",
            "Unmatched argument at index 1: 'extra'"};
        assertBadArguments(cases, says);
    }

    /** Runs {@code serve CASE} for each case: exit 2, the one line saying {@code says[i]}, the usage, no stack trace. */
    private static void assertBadArguments(String[][] cases, String[] says) {
        for (int i = 0; i < cases.length; i++) {
            String[] args = Stream.concat(Stream.of("serve"), Stream.of(cases[i])).toArray(String[]::new);
            Run run = execute(Map.of(), args);
            String what = String.join(" ", args);
            assertThat(run.code()).as(what).isEqualTo(2);
            assertThat(run.firstErrorLine()).as(what).startsWith("islands serve: ").contains(says[i]);
            assertThat(run.err()).as(what).contains("Usage: islands serve [-hV]").doesNotContain("Exception", "\tat ");
            assertThat(run.out()).as(what).isEmpty();
        }
    }

    /** The cluster's options are checked before anything starts: a store that is not PostgreSQL is refused. */
    @Test
    void clusterOptionsAreBadArgumentsWhenTheyCannotWork() {
        String pg = "postgresql://islands@127.0.0.1:1/islands";
        String[][] cases = {{"--cluster"}, {"--cluster", "--store", "sqlite:x.db"}, {"--cluster", "--store", "memory:"},
            {"--node", "a"}, {"--cluster-bind", "127.0.0.1:7800"}, {"--cluster", "--store", pg, "--cluster-bind", "127.0.0.1:x"},
            {"--cluster", "--store", pg, "--cluster-bind", "127.0.0.1:70000"}, {"--cluster", "--store", pg, "--node", "a b"}};
        String[] says = {"--cluster needs a PostgreSQL store", "'sqlite:x.db' cannot hold a cluster: --cluster needs a PostgreSQL store",
            "'memory:' cannot hold a cluster", "Invalid value for option '--node': 'a' needs --cluster",
            "Invalid value for option '--cluster-bind': '127.0.0.1:7800' needs --cluster",
            "Invalid value for option '--cluster-bind': needs HOST:PORT, not 127.0.0.1:x", "'70000' is not in 0..65535",
            "Invalid value for option '--node': a node name has 1..200 letters"};
        assertBadArguments(cases, says);
    }

    @Test
    void aBadValueFromTheEnvironmentOrTheFileNamesItsSource() throws Exception {
        Run run = execute(Map.of("ISLANDS_PORT", "-1"), "serve");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.firstErrorLine()).isEqualTo(
                "islands serve: Invalid value for option '--port': '-1' is not in 0..65535 (from environment ISLANDS_PORT)");

        run = execute(Map.of("ISLANDS_GAME_IDLE_TIMEOUT", "forever"), "serve");
        assertThat(run.firstErrorLine()).contains("'--game-idle-timeout'", "(from environment ISLANDS_GAME_IDLE_TIMEOUT)");

        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "port=99999\n");
        run = execute(Map.of(), "serve", "--config", file.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.firstErrorLine()).endsWith("'99999' is not in 0..65535 (from key port of " + file + ")");

        Files.writeString(file, "prot=4000\n");
        run = execute(Map.of(), "serve", "--config", file.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.firstErrorLine()).isEqualTo("islands serve: unknown key in the config file " + file + ": prot");

        run = execute(Map.of("ISLANDS_CONFIG", dir.resolve("missing").toString()), "serve");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.firstErrorLine()).startsWith("islands serve: cannot read the config file " + dir.resolve("missing"));
        assertThat(run.err()).contains("Usage: islands serve").doesNotContain("\tat ");
    }

    @Test
    void theLauncherWithoutACommandIsAUsageError() {
        Run run = execute(Map.of());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.firstErrorLine()).isEqualTo("islands: needs a command: serve or store");
        assertThat(execute(Map.of(), "frobnicate").code()).isEqualTo(2);
        assertThat(execute(Map.of(), "--version").out()).startsWith("Islands ");
    }
}
