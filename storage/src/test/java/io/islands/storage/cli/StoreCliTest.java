package io.islands.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.runtime.checkpoint.Saved;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateCodec;
import io.islands.storage.StateStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCliTest {
    @TempDir
    Path dir;

    private String url;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void fill() {
        url = "sqlite:" + dir.resolve("islands.db");
        try (CloseableStateStore<String> store = StateStores.open(url, StateCodec.rawJson(), 3)) {
            store.save("game-a", new Saved<>(1, "{\"turn\":1,\"players\":[\"ann\"]}"));
            store.save("game-a", new Saved<>(2, "{\"turn\":2,\"players\":[\"ann\",\"bob\"]}"));
            store.save("game-b", new Saved<>(1, "{\"turn\":1}"));
            store.save("game-q", new Saved<>(1, "{\"turn\":7}"));
            store.quarantine("game-q", "no saved version restores");
        }
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return StoreCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listShowsKeysRevisionsAndQuarantine() {
        assertThat(run("list", "--store", url)).isEqualTo(StoreCli.OK);
        assertThat(out()).contains("2 key(s), 1 quarantined")
                .containsPattern("game-a\\s+2\\s+2\\s+20\\d\\d-")
                .containsPattern("game-b\\s+1\\s+1\\s+")
                .contains("QUARANTINED").contains("game-q").contains("no saved version restores");
        assertThat(err()).isEmpty();
    }

    @Test
    void showPrintsEachVersionAsPrettyJson() {
        assertThat(run("show", "game-a", "--store=" + url)).isEqualTo(StoreCli.OK);
        assertThat(out()).contains("game-a: 2 saved version(s), newest first")
                .containsPattern("revision 2, saved 20\\d\\d-")
                .contains("\"players\" : [ \"ann\", \"bob\" ]")
                .contains("revision 1, saved");
        assertThat(out().indexOf("revision 2")).isLessThan(out().indexOf("revision 1"));
    }

    @Test
    void showPrintsTheQuarantineRecord() {
        assertThat(run("--store", url, "show", "game-q")).isEqualTo(StoreCli.OK);
        assertThat(out()).contains("game-q is QUARANTINED since").contains("no saved version restores")
                .contains("1 version(s) set aside").contains("\"turn\" : 7");
    }

    @Test
    void showMarksARowThatIsNotJson() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("islands.db"))) {
            c.createStatement().execute("UPDATE states SET json = '{broken' WHERE key = 'game-b'");
        }
        assertThat(run("show", "game-b", "--store", url)).isEqualTo(StoreCli.OK);
        assertThat(out()).contains("{broken").contains("(not valid JSON");
    }

    @Test
    void deleteRemovesVersionsAndQuarantineRecord() {
        assertThat(run("delete", "game-a", "--store", url)).isEqualTo(StoreCli.OK);
        assertThat(out()).contains("deleted game-a");
        assertThat(run("delete", "game-q", "--store", url)).isEqualTo(StoreCli.OK);
        assertThat(out()).contains("deleted game-q (and its quarantine record)");
        assertThat(run("list", "--store", url)).isEqualTo(StoreCli.OK);
        assertThat(out()).contains("1 key(s), 0 quarantined").doesNotContain("game-a");
        assertThat(run("delete", "game-a", "--store", url)).isEqualTo(StoreCli.NOT_FOUND);
        assertThat(err()).contains("nothing stored under 'game-a'");
    }

    @Test
    void unknownNamesAndStoresAreNotFound() {
        assertThat(run("show", "nope", "--store", url)).isEqualTo(StoreCli.NOT_FOUND);
        assertThat(err()).contains("no saved state and no quarantine record for 'nope'");
        Path missing = dir.resolve("missing.db");
        assertThat(run("list", "--store", "sqlite:" + missing)).isEqualTo(StoreCli.NOT_FOUND);
        assertThat(err()).contains("no store at");
        assertThat(Files.exists(missing)).as("inspection creates no store").isFalse();
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(run()).isEqualTo(StoreCli.USAGE);
        assertThat(err()).contains("no command").contains("Usage: islands store");
        assertThat(run("frobnicate")).isEqualTo(StoreCli.USAGE);
        assertThat(run("show", "--store", url)).isEqualTo(StoreCli.USAGE);
        assertThat(err()).contains("show needs exactly one NAME");
        assertThat(run("list", "extra", "--store", url)).isEqualTo(StoreCli.USAGE);
        assertThat(run("list", "--store")).isEqualTo(StoreCli.USAGE);
        assertThat(run("list", "--store", "mysql://x")).isEqualTo(StoreCli.USAGE);
        assertThat(err()).contains("accepted forms");
        assertThat(run("--help")).isEqualTo(StoreCli.OK);
        assertThat(out()).contains("Exit codes");
    }

    @Test
    void aStoreThatFailsIsAStoreError() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "not a database at all, just text".repeat(200));
        assertThat(run("list", "--store", "sqlite:" + junk)).isEqualTo(StoreCli.STORE_ERROR);
        assertThat(err()).contains("not a SQLite database");
    }
}
