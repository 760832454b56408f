package io.islands.server.cli;

import static io.islands.server.cli.ServeCommandTest.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.islands.runtime.checkpoint.Saved;
import io.islands.server.cli.ServeCommandTest.Run;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateCodec;
import io.islands.storage.StateStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code islands store}'s command line on a real SQLite store: where {@code --store} comes from
 * (command line, {@code ISLANDS_STORE}, the config file), and bad arguments (exit 2, one line, the
 * usage). What list, show and delete print is StoreInspectorTest's.
 */
class StoreCommandTest {
    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void fill() {
        url = "sqlite:" + dir.resolve("islands.db");
        try (CloseableStateStore<String> store = StateStores.open(url, StateCodec.rawJson(), 3)) {
            store.save("game-a", new Saved<>(1, "{\"turn\":1}"));
        }
    }

    @Test
    void theStoreComesFromTheCommandLineTheEnvironmentOrTheConfigFile() throws Exception {
        Run run = execute(Map.of(), "store", "list", "--store", url);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 key(s)", "game-a");

        assertThat(execute(Map.of(), "store", "show", "game-a", "--store=" + url).out()).contains("\"turn\" : 1");
        assertThat(execute(Map.of("ISLANDS_STORE", url), "store", "list").out()).contains("game-a");

        Path file = dir.resolve("islands.properties");
        Files.writeString(file, "store=" + url + "\nport=4100\n");
        assertThat(execute(Map.of(), "store", "list", "--config", file.toString()).out())
                .as("the server's config file, with its other keys").contains("game-a");
        assertThat(execute(Map.of("ISLANDS_CONFIG", file.toString()), "store", "list").out()).contains("game-a");

        Path missing = dir.resolve("missing.db");
        run = execute(Map.of("ISLANDS_STORE", "sqlite:" + missing), "store", "list", "--store", url);
        assertThat(run.code()).as("the command line wins over the environment").isZero();
        run = execute(Map.of("ISLANDS_STORE", "sqlite:" + missing), "store", "list", "--config", file.toString());
        assertThat(run.code()).as("the environment wins over the file").isEqualTo(1);
        assertThat(run.err()).contains("no store at sqlite:" + missing);
        assertThat(Files.exists(missing)).isFalse();

        run = execute(Map.of(), "store", "delete", "game-a", "--store", url);
        assertThat(run.code()).isZero();
        assertThat(execute(Map.of(), "store", "delete", "game-a", "--store", url).code()).as("nothing left").isEqualTo(1);
    }

    @Test
    void badArgumentsExitWithTwoOneLineAndTheUsage() {
        String[][] cases = {
            {"store"}, {"store", "frobnicate"}, {"store", "show", "--store", url}, {"store", "list", "extra", "--store", url},
            {"store", "list", "--store"}, {"store", "list", "--bogus"}, {"store", "list", "--store", "mysql://x"}};
        String[] says = {
            "islands store: needs a command: list, show NAME or delete NAME", "islands store: Unmatched argument at index 1: 'frobnicate'",
            "islands store show: Missing required parameter: 'NAME'", "islands store list: Unmatched argument at index 2: 'extra'",
            "islands store list: Missing required parameter for option '--store' (URL)", "islands store list: Unknown option: '--bogus'",
            "islands store list: Invalid value for option '--store': unknown store URL 'mysql://x'; accepted forms:"};
        for (int i = 0; i < cases.length; i++) {
            Run run = execute(Map.of(), cases[i]);
            String what = String.join(" ", cases[i]);
            assertThat(run.code()).as(what).isEqualTo(2);
            assertThat(run.firstErrorLine()).as(what).startsWith(says[i]);
            assertThat(run.err()).as(what).contains("Usage: islands store").doesNotContain("Exception", "\tat ");
        }
        Run run = execute(Map.of("ISLANDS_STORE", "mysql://x"), "store", "list");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.firstErrorLine()).endsWith("(from environment ISLANDS_STORE)");
    }

    @Test
    void helpShowsTheExitCodes() {
        Run run = execute(Map.of(), "store", "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("Usage: islands store").contains("list", "show", "delete", "Exit codes: 0 done");
    }
}
