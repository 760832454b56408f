package io.islands.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.islands.runtime.checkpoint.Saved;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateCodec;
import io.islands.storage.StateStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code islands store}'s work on a real SQLite store: list, show, delete, and their exit codes. */
class StoreInspectorTest {
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

    private StoreInspector inspector() {
        out.reset();
        err.reset();
        return new StoreInspector(new PrintWriter(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listShowsKeysRevisionsAndQuarantine() {
        assertThat(inspector().list(url)).isEqualTo(StoreInspector.OK);
        assertThat(out()).contains("2 key(s), 1 quarantined")
                .containsPattern("game-a\\s+2\\s+2\\s+20\\d\\d-")
                .containsPattern("game-b\\s+1\\s+1\\s+")
                .contains("QUARANTINED").contains("game-q").contains("no saved version restores");
        assertThat(err()).isEmpty();
    }

    @Test
    void showPrintsEachVersionAsPrettyJson() {
        assertThat(inspector().show(url, "game-a")).isEqualTo(StoreInspector.OK);
        assertThat(out()).contains("game-a: 2 saved version(s), newest first")
                .containsPattern("revision 2, saved 20\\d\\d-")
                .contains("\"players\" : [ \"ann\", \"bob\" ]")
                .contains("revision 1, saved");
        assertThat(out().indexOf("revision 2")).isLessThan(out().indexOf("revision 1"));
    }

    @Test
    void showPrintsTheQuarantineRecord() {
        assertThat(inspector().show(url, "game-q")).isEqualTo(StoreInspector.OK);
        assertThat(out()).contains("game-q is QUARANTINED since").contains("no saved version restores")
                .contains("1 version(s) set aside").contains("\"turn\" : 7");
    }

    @Test
    void showMarksARowThatIsNotJson() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("islands.db"))) {
            c.createStatement().execute("UPDATE states SET json = '{broken' WHERE key = 'game-b'");
        }
        assertThat(inspector().show(url, "game-b")).isEqualTo(StoreInspector.OK);
        assertThat(out()).contains("{broken").contains("(not valid JSON");
    }

    @Test
    void deleteRemovesVersionsAndQuarantineRecord() {
        assertThat(inspector().delete(url, "game-a")).isEqualTo(StoreInspector.OK);
        assertThat(out()).contains("deleted game-a");
        assertThat(inspector().delete(url, "game-q")).isEqualTo(StoreInspector.OK);
        assertThat(out()).contains("deleted game-q (and its quarantine record)");
        assertThat(inspector().list(url)).isEqualTo(StoreInspector.OK);
        assertThat(out()).contains("1 key(s), 0 quarantined").doesNotContain("game-a");
        assertThat(inspector().delete(url, "game-a")).isEqualTo(StoreInspector.NOT_FOUND);
        assertThat(err()).contains("nothing stored under 'game-a'");
    }

    @Test
    void unknownNamesAndStoresAreNotFound() {
        assertThat(inspector().show(url, "nope")).isEqualTo(StoreInspector.NOT_FOUND);
        assertThat(err()).contains("no saved state and no quarantine record for 'nope'");
        Path missing = dir.resolve("missing.db");
        assertThat(inspector().list("sqlite:" + missing)).isEqualTo(StoreInspector.NOT_FOUND);
        assertThat(err()).contains("no store at");
        assertThat(Files.exists(missing)).as("inspection creates no store").isFalse();
    }

    @Test
    void aUrlNoStoreTakesIsRefused() {
        assertThatThrownBy(() -> inspector().list("mysql://x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accepted forms");
    }

    @Test
    void aStoreThatFailsIsAStoreError() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "not a database at all, just text".repeat(200));
        assertThat(inspector().list("sqlite:" + junk)).isEqualTo(StoreInspector.STORE_ERROR);
        assertThat(err()).contains("not a SQLite database");
    }
}
